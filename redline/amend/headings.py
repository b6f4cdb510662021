"""The headings of the amended text: which articles each holds, and their numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re

from .text import DIVISION_WORD, Div, Work, under
from ..model import Division
from ..numbering import cn_article_label, int_to_cn
from ..order import longest_increasing

if TYPE_CHECKING:
    from .execute import _Amending


def settle_divisions(am: _Amending, order: list[Work]) -> list[str]:
    """Each article goes under the heading its new place puts it under.

    Headings hold runs of articles; so the articles whose headings already
    follow the order of the headings (the longest such run, found as a longest
    non-decreasing subsequence) stay, and every other one (new, moved, or made
    from a merge) joins the heading of the article before it, or of the one
    after it when that is where it came from.
    """
    # Headings a heading item names articles for (包括第X条至第Y条) hold them
    # first; those articles are fixed points the others must fit between.
    fixed: set[int] = set()
    for div, a, _ in am.new_divs:
        if a.parts and div in am.divs:
            for i, w in enumerate(order):
                if w.final in a.parts and not (w.div is not None and under(w.div, div)):
                    w.div = div
                if w.final in a.parts:
                    fixed.add(i)
    rank = {id(d): k for k, d in enumerate(am.divs)}
    stated = {id(div) for div, a, _ in am.new_divs if a.parts}
    # An article is anchored by its heading only if that heading's articles are not stated.
    keys = [rank.get(id(w.div), -1) if w.div is not None and (i in fixed or id(w.div) not in stated)
            else None for i, w in enumerate(order)]
    anchored: set[int] = set(fixed)
    bounds = [-1, *sorted(fixed), len(order)]
    for lo_i, hi_i in zip(bounds, bounds[1:]):
        low = keys[lo_i] if lo_i >= 0 else -1
        high = keys[hi_i] if hi_i < len(order) else len(am.divs)
        # The bounds are fixed articles, which always have their heading's rank.
        assert low is not None and high is not None
        segment = [i for i in range(lo_i + 1, hi_i)
                   if (key := keys[i]) is not None and low <= key <= high]
        anchored |= _longest_run(segment, keys)
    last: Div | None = None
    unsure: dict[tuple[int, int], list[Work]] = {}  # (heading before, heading after) -> articles
    pairs: dict[tuple[int, int], tuple[Div, Div]] = {}
    for i, w in enumerate(order):
        if i in anchored:
            last = w.div
            continue
        nxt = next((order[j].div for j in range(i + 1, len(order)) if j in anchored), None)
        if last is None or (w.div is not None and w.div is nxt and id(nxt) not in stated):
            w.div = nxt if last is None else w.div
        else:
            if nxt is not None and nxt is not last and w.final is not None and id(nxt) not in stated:
                unsure.setdefault((id(last), id(nxt)), []).append(w)
                pairs[(id(last), id(nxt))] = (last, nxt)
            w.div = last
    notes = []
    for k, works in unsure.items():
        before, after = pairs[k]
        first, end = cn_article_label(works[0].number), cn_article_label(works[-1].number)
        span = first if first == end else f"{first}至{end}"
        notes.append(f"{span} stand{'s' if first == end else ''} between {before.heading} and "
                     f"{after.heading}, and the instrument does not say which holds "
                     f"{'it' if first == end else 'them'}: placed under {before.heading}")
    return notes


def _longest_run(indexes: list[int], keys: list) -> set[int]:
    """The longest subsequence of ``indexes`` whose keys never decrease.

    >>> sorted(_longest_run([0, 1, 2, 3, 4], [0, 2, 1, 1, 3]))
    [0, 2, 3, 4]
    """
    return {indexes[k] for k in longest_increasing([keys[i] for i in indexes], strict=False)}


def _ancestor(d: Div, kind: str | None) -> Div | None:
    """The nearest heading above ``d`` of ``kind`` (None: numbering runs through the text)."""
    p = d.parent
    while p is not None and p.kind != kind:
        p = p.parent
    return p


def _numbering_scopes(divisions: list[Division]) -> dict[str, str | None]:
    """Under which kind of heading each kind restarts its numbers, read from the
    text amended: sections at each chapter, the Civil Code's chapters at each
    part (though sub-parts lie between), parts never (None).

    >>> from redline.model import Division as D
    >>> _numbering_scopes([D("part_1", "part", 1, "", ""), D("part_1__subpart_1", "subpart", 1, "", ""),
    ...                    D("part_1__subpart_1__chp_1", "chapter", 1, "", ""),
    ...                    D("part_1__subpart_2", "subpart", 2, "", ""),
    ...                    D("part_1__subpart_2__chp_2", "chapter", 2, "", "")])["chapter"]
    'part'
    """
    kind_of = {d.id: d.kind for d in divisions}
    out: dict[str, str | None] = {}
    for kind in {d.kind for d in divisions}:
        of_kind = [d for d in divisions if d.kind == kind]

        def above(d: Division) -> list[tuple[str, str]]:
            """(kind, id) of each heading above ``d``, nearest first."""
            parts = d.id.split("__")
            ids = ["__".join(parts[:k]) for k in range(len(parts) - 1, 0, -1)]
            return [(kind_of.get(i, ""), i) for i in ids]

        candidates = list(dict.fromkeys(k for d in of_kind for k, _ in above(d)))
        out[kind] = candidates[0] if candidates else None
        for scope in [*candidates, None]:
            runs: dict[str, list[int]] = {}
            for d in of_kind:
                key = next((i for k, i in above(d) if k == scope), "")
                runs.setdefault(key, []).append(d.number)
            if all(nums == list(range(1, len(nums) + 1)) for nums in runs.values()):
                out[kind] = scope
                break
    return out


def number_divisions(am: _Amending, order: list[Work]) -> tuple[list[Division], dict[int, str]]:
    """Number the headings again in order and give each its id."""
    # A new heading whose articles are not named takes the articles that the
    # items after it make or renumber (decisions list their items in the order
    # of the text), as far as they stand together just before the next heading.
    labels = [it.label for it in am.decision.items]
    for div, a, label in am.new_divs:
        if div not in am.divs or (a.kind != "insert_division" and not a.parts):
            continue
        if a.parts:  # 包括第X条至第Y条, or quoted with it: settled already
            continue
        k = am.divs.index(div)
        nxt = am.divs[k + 1] if k + 1 < len(am.divs) else None
        first = next((i for i, w in enumerate(order) if nxt is not None and
                      (w.div is nxt or (w.div is not None and under(w.div, nxt)))), len(order))
        after = labels[labels.index(label) + 1:] if label in labels else []
        cut = next((k for k, lb in enumerate(after) if any(lb == x[2] for x in am.new_divs)),
                   len(after))
        following = set(after[:cut])
        i = first - 1
        while i >= 0 and following & set(order[i].items) and order[i].div is not div:
            order[i].div = div
            i -= 1
    ids: dict[int, str] = {}
    counts: dict[tuple[int, str], int] = {}
    out: list[Division] = []
    prefix = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec",
              "annex": "annex", "heading": "hd"}
    # A heading keeps its number, less the headings removed before it and plus
    # the ones added before it, among those numbered in one run with it (the
    # sections of a chapter; the Civil Code's chapters of a part).
    scope = _numbering_scopes(am.stage.divisions)

    def run(d: Div) -> tuple[int, str]:
        return id(_ancestor(d, scope.get(d.kind, d.parent.kind if d.parent else None))), d.kind

    removed: dict[tuple[int, str], list[int]] = {}
    for d in am.deleted_divs:
        removed.setdefault(run(d), []).append(d.number)
    added: dict[tuple[int, str], int] = {}
    for d in am.divs:
        key = run(d)
        if d.old_id is None:
            n = counts.get(key, 0) + 1
            added[key] = added.get(key, 0) + 1
        else:
            n = d.number - sum(1 for x in removed.get(key, ()) if x < d.number) + added.get(key, 0)
        counts[key] = n
        own = f"{prefix[d.kind]}_{n}"
        did = f"{ids[id(d.parent)]}__{own}" if d.parent is not None and id(d.parent) in ids else own
        ids[id(d)] = did
        heading = d.heading
        if d.kind in DIVISION_WORD:
            heading = re.sub(rf"^第\S+?{DIVISION_WORD[d.kind]}", f"第{int_to_cn(n)}{DIVISION_WORD[d.kind]}", heading, 1)
        out.append(Division(did, d.kind, n, heading, d.title, list(d.lines)))
    return out, ids
