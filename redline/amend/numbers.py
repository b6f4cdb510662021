"""Numbering the amended text: articles (:func:`fill_numbers`) and the references
that follow them (作相应修改)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import Work
from ..numbering import ArticleNumber, cn_article_label, fill_numbers, int_to_cn
from ..diff.references import find_references

if TYPE_CHECKING:
    from .execute import _Amending


def number_articles(am: _Amending) -> list[str]:
    """Give every article its number in the amended text; problems as notes."""
    notes: list[str] = []
    alive = [w for w in am.works if not w.gone]
    old_order = [w for w in am.works if w.old is not None and not w.gone]
    olds = [(w.old, w.final) for w in old_order if w.old is not None]
    new_ones = [w for w in am.works if w.old is None]
    for w in new_ones:
        if w.final is None:
            notes.append(f"a new article has no number (items {'、'.join(w.items)})")
    finals = fill_numbers(olds,
                          [w.final for w in new_ones if w.final is not None],
                          am.decision.renumbers)
    for w, n in zip(old_order, finals):
        w.final = n
    if am.decision.renumbers:
        mains = sorted({w.final.main for w in alive if w.final is not None and w.final.sub == 0})
        gaps = sorted(set(range(1, (mains[-1] if mains else 0) + 1)) - set(mains))
        if gaps:
            notes.append("the numbers the items give leave the amended text without "
                         + "、".join(cn_article_label(ArticleNumber(k)) for k in gaps))
    seen: dict[ArticleNumber, Work] = {}
    for w in alive:
        if w.final is None:
            continue
        if w.final in seen:
            clash = (f"two articles would be {cn_article_label(w.final)} "
                     f"({_who(seen[w.final])} and {_who(w)})")
            labels = [lb for x in (seen[w.final], w) for lb in x.items]
            if labels:
                for lb in dict.fromkeys(labels):
                    am.clashes.setdefault(lb, []).append(clash)
            else:
                notes.append(clash)
        seen[w.final] = w
    return notes


def _who(w: Work) -> str:
    if w.old is not None:
        return f"the old {cn_article_label(w.old)}"
    return f"the new article of item {'、'.join(w.items)}"


def update_references(am: _Amending) -> list[str]:
    """本法第二十一条 -> 本法第二十二条 in the words the instrument did not write."""
    moved = {w.old: w for w in am.works if w.old is not None}
    if all(not w.gone and w.final == w.old for w in moved.values()) and \
            all(w.para_map.get(k, k) == k for w in moved.values() for k in w.para_map):
        return []
    notes = []
    for w in am.works:
        if w.gone:
            continue
        for line in w.lines:
            edits = []
            for ref in find_references(line.text):
                if ref.external or ref.kind == "relative" or any(line.fresh[ref.start:ref.end]):
                    continue
                new_text = _renumbered(ref, moved, line.text[ref.start:ref.end])
                if new_text is not None and new_text.endswith("\0rewritten"):
                    new_text = new_text[:-len("\0rewritten")]
                    notes.append(f"{cn_article_label(w.number)} cites {ref.text}: that article was "
                                 f"rewritten whole, so which paragraph is meant now is not known; "
                                 f"written {new_text}")
                if new_text is None:
                    notes.append(f"{cn_article_label(w.number)} cites {ref.text}, which the "
                                 "instrument deleted or merged: the reference is left as it was")
                elif new_text != ref.text:
                    edits.append((ref.start, ref.end, new_text))
            for start, end, text in reversed(edits):
                line.text = line.text[:start] + text + line.text[end:]
                line.fresh = line.fresh[:start] + [False] * len(text) + line.fresh[end:]
    return notes


def _renumbered(ref, moved: dict[ArticleNumber, Work], text: str) -> str | None:
    """A reference's text with its article (and paragraph) numbers as amended.

    >>> w = Work(ArticleNumber(18), [], None, final=ArticleNumber(19), para_map={1: 1, 2: None, 3: 2})
    >>> from redline.diff.references import find_references
    >>> _renumbered(find_references("第十八条第三款")[0], {ArticleNumber(18): w}, "第十八条第三款")
    '第十九条第二款'
    """
    out = text
    targets = ref.targets()
    for t in targets:
        w = moved.get(t)
        if w is None:
            continue  # cites an article the text does not have: not ours to mend
        if w.gone and w.merged_into is None:
            return None
        out = out.replace(cn_article_label(t), "\0" + str(targets.index(t)), 1)
    for k, t in enumerate(targets):
        w = moved.get(t)
        if w is not None:  # an article merged whole is cited where its words went
            out = out.replace("\0" + str(k), cn_article_label(w.merged_into or w.number), 1)
    if ref.paragraph and ref.kind == "article" and ref.article in moved:
        if not moved[ref.article].para_map:
            return out + "\0rewritten"  # its paragraphs were rewritten: cannot tell
        p = moved[ref.article].para_map.get(ref.paragraph, ref.paragraph)
        if p is None:
            return None
        out = out.replace(f"第{int_to_cn(ref.paragraph)}款", f"第{int_to_cn(p)}款", 1)
    return out
