"""The part of a law a translation covers: whole, or some of its chapters.

A translator often starts with one chapter (the seed's authors did: the first
chapters first). A translation of chapter 1 is not "a translation missing 100
articles": status, carry and the annotated translation look at the chapters it
covers, and say so. The scope is given, never guessed from the file (an article
left out by mistake must still be listed as missing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..errors import RedlineError
from ..model import Stage, division_path


def in_chapters(stage: Stage, chapters: Iterable[int]) -> Stage:
    """``stage`` cut to the chapters numbered ``chapters``: their articles, and their
    headings (sections within included). An empty ``chapters`` gives the stage whole.

    >>> from redline.model import Article, Division
    >>> from redline.numbering import ArticleNumber as N
    >>> st = Stage("law", "s", "", "zh", divisions=[Division("chp_1", "chapter", 1, "第一章 总则", "总则"),
    ...     Division("chp_2", "chapter", 2, "第二章 附则", "附则")],
    ...     articles=[Article(N(1), "第一条", "chp_1", ["甲。"]), Article(N(2), "第二条", "chp_2", ["乙。"])])
    >>> cut = in_chapters(st, [2])
    >>> [a.label for a in cut.articles], [d.heading for d in cut.divisions]
    (['第二条'], ['第二章 附则'])
    """
    wanted = sorted(set(chapters))
    if not wanted:
        return stage
    ids: set[str] = set()
    for n in wanted:
        found = [d for d in stage.divisions if d.kind == "chapter" and d.number == n]
        if not found:
            have = [d.number for d in stage.divisions if d.kind == "chapter"]
            raise RedlineError(f"{stage.stage or stage.title or 'the text'} has no chapter {n}"
                               + (f" (its chapters run {have[0]}–{have[-1]})" if have
                                  else " (it is not divided into chapters)"))
        if len(found) > 1:
            raise RedlineError(f"{stage.stage or stage.title or 'the text'} has {len(found)} "
                               f"chapters numbered {n} (one per part): a chapter scope cannot "
                               "tell them apart")
        ids.add(found[0].id)
    return replace(stage,
                   divisions=[d for d in stage.divisions if ids & set(division_path(d.id))],
                   articles=[a for a in stage.articles if ids & set(division_path(a.division))])


def describe(chapters: Iterable[int]) -> str:
    """How the scope is named in messages.

    >>> describe([1]), describe([3, 1]), describe([])
    ('chapter 1', 'chapters 1, 3', '')
    """
    ns = sorted(set(chapters))
    if not ns:
        return ""
    return ("chapter " if len(ns) == 1 else "chapters ") + ", ".join(str(n) for n in ns)
