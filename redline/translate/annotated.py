"""The annotated translation: the English redline, aligned by the Chinese.

Each entry of the Chinese comparison becomes an entry of an English one, over
the same articles: the English of its old articles against the English of its
new ones, diffed by words. The entry says whether the law changed
(``source_changed``: the Chinese text changed, or the article was inserted,
deleted, merged or split) or only the translation's wording; a translator's
better word must never read as an amendment. The result is a
:class:`~redline.diff.comparison.Comparison` like any other, so every
renderer shows it, and it is checked the same way: every word of both English
texts in exactly one entry.
"""

from __future__ import annotations

from ..diff.align import Kind
from ..diff.comparison import Comparison, Entry, StageInfo, check_conservation
from ..diff.parts import Destination, Part
from ..diff.structure import compare_divisions
from ..diff.textdiff import DELETE, EQUAL, INSERT, DiffOp, diff_texts, side_text
from ..errors import RedlineError
from ..model import Stage
from ..numbering import ArticleNumber, en_article_label
from .document import Translation, fingerprint

#: Kinds that change the law whatever the text: the articles themselves came or went.
_STRUCTURAL = (Kind.INSERTED, Kind.DELETED, Kind.MERGED, Kind.SPLIT)


def source_changed(e: Entry) -> bool:
    """Did the law (the Chinese) change in entry ``e``? A new number alone is not a
    change of the text: the English label follows it."""
    return e.kind in _STRUCTURAL or e.changed


def _english(stage: Stage, tr: Translation, side: str) -> Stage:
    """The translation as a Stage holding exactly ``stage``'s articles, in its order."""
    en = tr.by_number()
    missing = [a.number for a in stage.articles if a.number not in en or not en[a.number].lines]
    if missing:
        shown = ", ".join(str(n) for n in missing[:6]) + (" …" if len(missing) > 6 else "")
        raise RedlineError(f"{tr.name or side + ' translation'}: no English for "
                           f"{len(missing)} article{'s' if len(missing) > 1 else ''} of "
                           f"{stage.stage or side} (Article {shown}); see `redline translate status`")
    numbers = {a.number for a in stage.articles}
    extra = [a.label for a in tr.articles if a.number not in numbers]
    if extra:  # never dropped unseen: English the redline would not show
        raise RedlineError(f"{tr.name or side + ' translation'}: {len(extra)} article"
                           f"{'s' if len(extra) > 1 else ''} that {stage.stage or side} lacks "
                           f"({', '.join(extra[:6])}); see `redline translate status`")
    whole = tr.stage(stage.law, stage.stage)
    by = {a.number: a for a in whole.articles}
    whole.articles = [by[a.number] for a in stage.articles]
    return whole


def out_of_date(stage: Stage, tr: Translation) -> list[ArticleNumber]:
    """Articles whose English does not (yet) translate the stage's Chinese."""
    en = tr.by_number()
    return [a.number for a in stage.articles
            if a.number in en and (en[a.number].note or en[a.number].fingerprint != fingerprint(a))]


def annotate(c: Comparison, old: Stage, new: Stage, old_tr: Translation, new_tr: Translation,
             *, with_source: bool = False) -> Comparison:
    """The English comparison of ``old_tr`` and ``new_tr``, entry for entry as ``c``.

    ``with_source``: each entry keeps the Chinese diff too (``source_diff``),
    for outputs that show both languages. ``old`` and ``new`` may be cut to the
    chapters translated (:func:`.scope.in_chapters`): the entries that touch them
    are shown, and one that also holds an article outside them is refused, as
    its English could not be given whole.
    """
    old_en, new_en = _english(old, old_tr, "old"), _english(new, new_tr, "new")
    o_by, n_by = old_en.by_number(), new_en.by_number()
    zh_old = old.by_number()
    entries = []
    for e in _touching(c, old, new):
        olds = ["" if e.part_of(n) else o_by[n].text for n in e.old]
        news = [n_by[n].text for n in e.new]
        old_text = "\n".join(t for t in olds if t)
        new_text = "\n".join(news)
        sim: float | None
        timed_out = False
        if not e.new:
            ops, sim = [DiffOp(DELETE, old_text)], None
        elif not old_text:
            ops, sim = [DiffOp(INSERT, new_text)], None
        elif old_text == new_text:
            ops, sim = [DiffOp(EQUAL, new_text)], 1.0
        else:
            td = diff_texts(old_text, new_text, "en")
            ops, sim, timed_out = td.ops, td.similarity, td.timed_out
            if side_text(ops, "old") != old_text:
                # Spacing the word diff does not count: the old words, given back exactly.
                ops = [DiffOp(DELETE, old_text), DiffOp(INSERT, new_text)]
        segments = {}
        if len(e.old) > 1 or len(e.new) > 1:
            segments = {"old": [t.count("\n") + 1 if t else 0 for t in olds],
                        "new": [t.count("\n") + 1 for t in news]}
        # Paragraphs named as the English names them: 第二款 -> Paragraph 2.
        parts = [Part(p.old, list(p.lines), [zh_old[p.old].locate(k, "en") for k in p.lines])
                 for p in e.parts]
        went = [Destination(d.new, list(d.paragraphs), [zh_old[e.old[0]].locate(k, "en") for k in d.paragraphs])
                for d in e.paragraphs_to]
        en_entry = Entry(e.kind, list(e.old), list(e.new), [en_article_label(n) for n in e.old],
                         [en_article_label(n) for n in e.new], sim, ops, e.division,
                         e.references_only, parts, timed_out, segments,
                         paragraphs_to=went, old_division=e.old_division,
                         divisions_each=dict(e.divisions_each))
        en_entry.source_changed = source_changed(e)
        if with_source:
            en_entry.source_diff = list(e.diff)
        entries.append(en_entry)
    out = Comparison(_info(c.old, old_en), _info(c.new, new_en), entries,
                     compare_divisions(old_en.divisions, new_en.divisions, "en"))
    check_conservation(out, old_en, new_en)
    return out


def _touching(c: Comparison, old: Stage, new: Stage) -> list[Entry]:
    """The entries of ``c`` over articles of ``old`` or ``new``, each whole in them."""
    olds, news = old.by_number(), new.by_number()
    out = []
    for e in c.entries:
        if not (any(n in olds for n in e.old) or any(n in news for n in e.new)):
            continue
        outside = ([f"{n} of {old.stage or 'the old text'}" for n in e.old if n not in olds]
                   + [f"{n} of {new.stage or 'the new text'}" for n in e.new if n not in news])
        if outside:
            raise RedlineError(f"{' / '.join(e.old_labels)} → {' / '.join(e.new_labels)} "
                               f"({e.kind}) reaches outside the chapters translated (Article "
                               f"{', '.join(outside)}): translate those chapters too")
        out.append(e)
    return out


def _info(zh: StageInfo, en: Stage) -> StageInfo:
    return StageInfo(zh.law, zh.stage, en.title or zh.title, "en", len(en.articles), zh.date,
                     zh.source, [{"id": d.id, "heading": d.heading, "kind": d.kind}
                                 for d in en.divisions], zh.in_force, name=zh.name)


def hide_rewording(c: Comparison) -> int:
    """Show translation-only rewording as the new wording, unmarked (``--rewording
    hide``); returns how many entries were so shown."""
    hidden = 0
    for e in c.entries:
        if e.source_changed is False and e.changed:
            e.diff = [DiffOp(EQUAL, side_text(e.diff, "new"))]
            e.similarity = 1.0
            e.rewording_hidden = True
            hidden += 1
    return hidden
