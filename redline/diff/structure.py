"""How the headings (parts, chapters, sections) changed between two stages.

Headings are paired by their title under paired parents first, then by
number under paired parents, then by a title found once wherever it stands,
then by their place (the same id, ``chp_2``); a pair whose titles differ is
``renamed``. This serves whole stages and tables of contents alike: a stage
whose text is unavailable may still have its contents list in the manifest.

>>> from redline.read.text import parse_headings
>>> old = parse_headings(["Chapter I: General Provisions", "Chapter II: Network Security Strategy"])
>>> new = parse_headings(["Chapter I: General Provisions", "Chapter II: Cybersecurity Strategy"])
>>> [(c.kind, c.old, c.new) for c in compare_divisions(old, new, "en")]
[('unchanged', 'chp_1', 'chp_1'), ('renamed', 'chp_2', 'chp_2')]
"""

from __future__ import annotations

import re

from .parts import HeadingChange
from ..model import DIVISION_KINDS, ID_PREFIX, Division
from ..normalise import norm_key
from ..numbering import CN_NUM_RE, cn_to_int, int_to_cn
from .textdiff import DELETE, EQUAL, INSERT, DiffOp, diff_texts


def compare_divisions(old: list[Division], new: list[Division],
                      language: str = "zh") -> list[HeadingChange]:
    """One HeadingChange per heading: kind, old/new ids and headings, and a diff of the titles."""
    def key(d: Division) -> tuple[str, str]:
        return d.kind, norm_key(d.title, language)

    pair: dict[int, int] = {}  # new index -> old index
    free_old = list(range(len(old)))
    old_index = {d.id: i for i, d in enumerate(old)}
    new_index = {d.id: j for j, d in enumerate(new)}

    def parent(d: Division, index: dict[str, int]) -> int | None:
        return index.get(d.id.rsplit("__", 1)[0]) if "__" in d.id else None

    def same_place(i: int, j: int) -> bool:
        """Old i and new j hang from headings paired with each other (or both from none)."""
        pj, pi = parent(new[j], new_index), parent(old[i], old_index)
        return (pi is None and pj is None) if pj is None else pair.get(pj) == pi

    # Parents come before their children in document order, so each pass sees
    # a heading's parent paired before the heading itself. Titles pair first —
    # under the same parent, as a title such as 一般规定 recurs in many chapters —
    # then headings of the same number under paired parents (a renamed section
    # of a renumbered chapter), then a title that moved elsewhere, then ids.
    rules = [
        lambda i, j: key(old[i]) == key(new[j]) and same_place(i, j),
        lambda i, j: (old[i].kind == new[j].kind and old[i].number == new[j].number
                      and same_place(i, j) and parent(new[j], new_index) is not None),
        lambda i, j: key(old[i]) == key(new[j]) and sum(
            key(d) == key(new[j]) for d in new) == 1,
        lambda i, j: old[i].id == new[j].id,
    ]
    for rule in rules:
        for j in range(len(new)):
            if j in pair:
                continue
            k = next((i for i in free_old if rule(i, j)), None)
            if k is not None:
                pair[j] = k
                free_old.remove(k)
    out = []
    for j, d in enumerate(new):
        if j in pair:
            o = old[pair[j]]
            same = key(o) == key(d)
            ops = ([(EQUAL, d.title)] if same else diff_texts(o.title, d.title, language).ops)
            out.append(HeadingChange("unchanged" if same else "renamed", o.id, d.id, o.heading,
                                     d.heading, [DiffOp(op, t) for op, t in ops]))
        else:
            out.append(HeadingChange("inserted", None, d.id, None, d.heading, [DiffOp(INSERT, d.title)]))
    for i in free_old:
        o = old[i]
        out.append(HeadingChange("deleted", o.id, None, o.heading, None, [DiffOp(DELETE, o.title)]))
    return out


_WORD = {ID_PREFIX[kind]: word for kind, word in DIVISION_KINDS.items()}  # "chp" -> "章"
_PREFIX = {word: prefix for prefix, word in _WORD.items()}  # "章" -> "chp"
#: A division named as a decision names it: 第三章, 第四章第二节, 第二编第一分编.
DIVISION_REF = rf"(?:第(?:{CN_NUM_RE}|\d+)(?:分编|编|章|节))+"
# A pattern, compiled on first use by re's cache: only decisions need it, and
# this module is imported on every compare.
_LEVEL = rf"第({CN_NUM_RE}|\d+)(分编|编|章|节)"


def division_levels(div_id: str) -> list[tuple[str, str, int]]:
    """A division's levels, outermost first: (id up to that level, prefix, number).

    >>> division_levels("chp_4__sec_2")
    [('chp_4', 'chp', 4), ('chp_4__sec_2', 'sec', 2)]
    """
    parts = div_id.split("__")
    out = []
    for k, part in enumerate(parts, 1):
        prefix, number = part.rsplit("_", 1)
        out.append(("__".join(parts[:k]), prefix, int(number)))
    return out


def division_label(div_id: str) -> str:
    """A division's id as the NPC names it.

    >>> division_label("chp_4__sec_2")
    '第四章第二节'
    """
    return "".join(_level_label(p, n) for _, p, n in division_levels(div_id))


def _level_label(prefix: str, n: int) -> str:
    """One level of a division's label.

    >>> _level_label("chp", 3), _level_label("annex", 2), _level_label("hd", 1)
    ('第三章', '附件二', '无编号标题一')
    """
    if prefix == "annex":
        return f"附件{int_to_cn(n)}"
    if prefix == "hd":
        return f"无编号标题{int_to_cn(n)}"
    return f"第{int_to_cn(n)}{_WORD[prefix]}"


def division_id(label: str) -> str:
    """The id of a division the NPC names (the inverse of :func:`division_label`).

    >>> division_id("第四章第二节"), division_id("第二编第一分编")
    ('chp_4__sec_2', 'part_2__subpart_1')
    """
    return "__".join(f"{_PREFIX[word]}_{cn_to_int(n)}" for n, word in re.findall(_LEVEL, label))


def division_word(div_id: str) -> str:
    """The word for the division's level: 章 for ``chp_3``, 节 for ``chp_3__sec_1``."""
    return _WORD[division_levels(div_id)[-1][1]]
