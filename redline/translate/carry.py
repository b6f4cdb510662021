"""Carry a translation from one stage to the next, through the Chinese comparison.

Each article of the new stage is one of:

- ``carried``: its Chinese did not change, or changed only in references the
  renumbering made; the old English, with its new number, and each citation the
  Chinese renumbered renumbered in the English too (:mod:`.references`);
- ``stale``: its Chinese changed (modified, merged, split, in part moved), or
  the old English could not be trusted (its fingerprint did not match, or it
  cites none of the articles the Chinese renumbered); the old English is kept as
  the starting point, with the Chinese redline in a note;
- ``new``: inserted, or the old translation had no English for it; the Chinese
  stands in the note, with no English.

Carried articles get the new Chinese's fingerprint; stale ones keep the old
Chinese's, so that :mod:`.status` finds them from the file alone until the
translator stamps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diff.align import Kind
from ..diff.comparison import Comparison, Entry, ref_articles, replaced_runs
from ..model import Division, Stage
from ..numbering import ArticleNumber, en_article_label, int_to_roman
from .document import TArticle, Translation, fingerprint
from .references import renumber

CARRIED, STALE, NEW = "carried", "stale", "new"


@dataclass
class Record:
    """What became of one article of the new stage."""

    number: ArticleNumber
    label: str  # the English label it now has
    status: str  # CARRIED, STALE or NEW
    sources: list[ArticleNumber]  # the old articles it came from
    reason: str = ""  # why it is stale or new, in words

    def to_json(self, article: TArticle) -> dict:
        return {"number": self.number.to_json(), "label": self.label, "status": self.status,
                "from": [n.to_json() for n in self.sources], "reason": self.reason,
                "english": article.lines, "fingerprint": article.fingerprint}


@dataclass
class Carried:
    translation: Translation
    records: list[Record]
    #: Old articles the law deleted: their English is not carried.
    dropped: list[ArticleNumber] = field(default_factory=list)
    #: Old articles of the translation's chapters that went on only in articles
    #: outside them (a chapter scope): their English is not carried either.
    moved_out: list[ArticleNumber] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(1 for r in self.records if r.status == s) for s in (CARRIED, STALE, NEW)}

    def to_json(self) -> dict:
        arts = self.translation.by_number()
        return {"format": "redline-translation-carry", "of": self.translation.of,
                "counts": self.counts, "dropped": [n.to_json() for n in self.dropped],
                "moved_out": [n.to_json() for n in self.moved_out],
                "articles": [r.to_json(arts[r.number]) for r in self.records]}


def renumbered_citations(e: Entry) -> dict[ArticleNumber, ArticleNumber]:
    """Old number -> new number of each citation the Chinese renumbered in ``e``.

    >>> from redline.diff.textdiff import DiffOp
    >>> e = Entry(Kind.RENUMBERED, [], [], [], [], 0.9, [DiffOp(0, "依照本法"), DiffOp(-1, "第二十一条"),
    ...           DiffOp(1, "第二十三条"), DiffOp(0, "规定")])
    >>> renumbered_citations(e)
    {ArticleNumber(main=21, sub=0): ArticleNumber(main=23, sub=0)}
    """
    out: dict[ArticleNumber, ArticleNumber] = {}
    for d, i in replaced_runs(e.diff):
        for a, b in zip(ref_articles(d), ref_articles(i)):
            if a != b:
                out[a] = b
    return out


def _redline_note(e: Entry, why: str) -> str:
    from ..diff.comparison import entry_title
    from ..render.plain import marked

    return (f"stale: {why}. {entry_title(e)} ({e.kind}). Revise the English below, "
            "delete this note, then run `redline translate stamp`.\n"
            f"The Chinese, [-removed-] {{+added+}}:\n{marked(e.diff)}")


class _Carrier:
    def __init__(self, old: Stage, new: Stage, tr: Translation):
        self.old_zh = old.by_number()
        self.new_zh = new.by_number()
        self.old_en = tr.by_number()
        self.out = Translation(title=tr.title, language=tr.language, preamble=list(tr.preamble),
                               divisions=_headings(old, new, tr))
        self.records: list[Record] = []

    def trusted(self, n: ArticleNumber) -> tuple[TArticle | None, str]:
        """The old English of article ``n``, and why it cannot be carried as is ("" if it can)."""
        en = self.old_en.get(n)
        if en is None or not en.lines:
            return None, f"the old translation has no English for Article {n}"
        if en.note:
            return en, f"Article {n} of the old translation was itself stale (it has a note)"
        if en.fingerprint is None:
            return en, (f"Article {n} of the old translation has no fingerprint, so which "
                        "Chinese it translates is unknown (stamp it first)")
        zh = self.old_zh.get(n)
        if zh is not None and en.fingerprint != fingerprint(zh):
            return en, f"the English of Article {n} translated an earlier Chinese text"
        return en, ""

    def add(self, n: ArticleNumber, status: str, sources: list[ArticleNumber], lines: list[str],
            fp: str | None, note: str = "", reason: str = "") -> None:
        zh = self.new_zh.get(n)
        if zh is None:  # outside the chapters translated
            return
        self.out.articles.append(TArticle(n, en_article_label(n), lines, fp, note, zh.division))
        self.records.append(Record(n, en_article_label(n), status, sources, reason))

    def entry(self, e: Entry) -> None:
        if e.kind == Kind.INSERTED:
            for n in e.new:
                if n in self.new_zh:
                    self.add(n, NEW, [], [], None,
                             f"new: translate this article.\n{self.new_zh[n].text}", "inserted")
            return
        if len(e.old) == 1 and len(e.new) == 1 and (not e.changed or e.references_only):
            self.one(e)
            return
        self.stale(e, f"the Chinese changed ({e.kind})")

    def one(self, e: Entry) -> None:
        (o,), (n,) = e.old, e.new
        en, doubt = self.trusted(o)
        if en is None:
            self.add(n, NEW, [o], [], None, f"new: {doubt}; translate this article.\n"
                     f"{self.new_zh[n].text}", doubt)
            return
        if doubt:
            self.stale(e, doubt)
            return
        lines = list(en.lines)
        if e.references_only:
            mapping = renumbered_citations(e)
            met: set[ArticleNumber] = set()
            renumbered = []
            for line in lines:
                text, found = renumber(line, mapping)
                renumbered.append(text)
                met |= found
            missing = sorted(set(mapping) - met)
            if missing:
                self.stale(e, "the Chinese renumbered its citation of "
                              + ", ".join(f"Article {m}" for m in missing)
                              + ", which the English does not cite that way")
                return
            lines = renumbered
        self.add(n, CARRIED, [o], lines, fingerprint(self.new_zh[n]))

    def stale(self, e: Entry, why: str) -> None:
        note = _redline_note(e, why)
        went = {d.new: d.paragraphs for d in e.paragraphs_to} if len(e.old) == 1 else {}
        for n in e.new:
            starts, fp, here = self.start(e, went.get(n))
            if starts:
                self.add(n, STALE, list(e.old), starts, fp, here + note, why)
            else:
                self.add(n, NEW, list(e.old), [], None, f"new: {why}; translate this article.\n"
                         + here + note, why)

    def start(self, e: Entry, paragraphs: list[int] | None) -> tuple[list[str], str | None, str]:
        """The old English a stale article starts from, its fingerprint, and a line
        saying which part of it that is. Of a split, only the paragraphs that went
        on in this article, when the English has the Chinese's lines one for one
        (a translator who joined or divided paragraphs gets the whole article)."""
        lines: list[str] = []
        fp = None
        for o in e.old:
            en = self.old_en.get(o)
            if en is not None:
                lines.extend(en.lines)
                fp = fp or en.fingerprint
        if paragraphs is None or not lines:
            return lines, fp, ""
        (o,) = e.old
        zh = self.old_zh.get(o)
        if zh is None or len(zh.lines) != len(lines):
            return lines, fp, (f"Of the split: the English of Article {o} is given whole, as its "
                               "paragraphs do not match the Chinese's one for one.\n")
        where = ", ".join(zh.locate(k, "en") for k in paragraphs)
        return ([lines[k] for k in paragraphs], fp,
                f"Of the split: {where} of Article {o} went on here.\n")


def carry(c: Comparison, old: Stage, new: Stage, tr: Translation, of: str = "") -> Carried:
    """The translation of ``new``, carried from ``tr`` (of ``old``) through ``c``.

    Articles come out in the new stage's order; headings whose Chinese did not
    change keep their English (renumbered), others show the Chinese title.
    ``old`` and ``new`` may be cut to the chapters translated
    (:func:`.scope.in_chapters`) while ``c`` compares the whole stages, so an
    article moved into those chapters is found where it came from.
    """
    carrier = _Carrier(old, new, tr)
    carrier.out.of = of
    dropped: list[ArticleNumber] = []
    moved_out: list[ArticleNumber] = []
    for e in c.entries:
        ours = [n for n in e.old if n in carrier.old_zh]
        if not e.new:
            dropped.extend(ours)
        elif any(n in carrier.new_zh for n in e.new):
            carrier.entry(e)
        else:
            moved_out.extend(ours)
    order = {a.number: k for k, a in enumerate(new.articles)}
    carrier.out.articles.sort(key=lambda a: order[a.number])
    carrier.records.sort(key=lambda r: order[r.number])
    return Carried(carrier.out, carrier.records, dropped, moved_out)


def _headings(old: Stage, new: Stage, tr: Translation) -> list[Division]:
    """The new stage's headings in English: a heading whose Chinese title is the
    same as an old one's keeps that one's English, with the new number; any
    other shows its Chinese title, for the translator (status lists it).

    >>> from redline.model import Division as D
    >>> old = Stage("", "", "", "zh", divisions=[D("chp_2", "chapter", 2, "第二章 总则", "总则")])
    >>> new = Stage("", "", "", "zh", divisions=[D("chp_3", "chapter", 3, "第三章 总则", "总则"),
    ...                                           D("chp_4", "chapter", 4, "第四章 附则", "附则")])
    >>> tr = Translation(divisions=[D("chp_2", "chapter", 2, "Chapter II: General", "General")])
    >>> [d.heading for d in _headings(old, new, tr)]
    ['Chapter III: General', 'Chapter IV 附则']
    """
    import re

    from ..normalise import norm_key

    en_by_id = {d.id: d for d in tr.divisions}
    old_by_title: dict[tuple[str, str], Division] = {}
    for d in old.divisions:
        old_by_title.setdefault((d.kind, norm_key(d.title)), d)
    out = []
    for d in new.divisions:
        word = d.kind.capitalize()
        number = int_to_roman(d.number) if d.kind in ("chapter", "part") else str(d.number)
        before = old_by_title.get((d.kind, norm_key(d.title)))
        en = en_by_id.get(before.id) if before else None
        if en is not None and not d.kind == "annex":
            heading = re.sub(r"^(\w+\s+)([IVXLC]+|\d+)\b", lambda m: m.group(1) + number,
                             en.heading, count=1)
            title = en.title
        else:
            heading, title = f"{word} {number} {d.title}", d.title
        out.append(Division(d.id, d.kind, d.number, heading, title))
    return out
