"""``--format changes``: the change list in the NPC's own form.

In Chinese for a Chinese text; for an English one, in the English of the NPC's
translations of its decisions (``Article 18 is changed to Article 19, and its
paragraph 2 is deleted.``). The wording of each form is in :mod:`.wording`.

One numbered item per substantive change, in the new text's order, worded as
an amendment decision words it::

    一、增加一条，作为第三条：“……”
    二、将第十八条改为第十九条，删去第二款。
    三、将第四十条改为第四十二条，增加一款，作为第二款：“……”
    四、将第六十一条改为第六十四条，其中的“A”修改为“B”。
    五、将第六十八条、第六十九条第一项合并，作为第六十九条，修改为：“……”
    六、删去第七十九条。
    七、将第二章的章名修改为“……”。  增加一章，作为第三章：“第三章　……”

A removed heading is written 删去第二章第三节的节名: no decision in our corpus
removes one, so that wording is ours.

Articles that only moved number, or whose only changes are references that
follow the renumbering, are not listed: the closing sentence covers them, as
it does in the NPC's decisions. So is what is left of an article after part
of it was merged elsewhere (第六十九条 after its 第一项 went into 第六十九条).

Everything is read from the Comparison: each side's text is the diff with the
other side's runs left out.
"""

from __future__ import annotations

import re

from ..compare import Comparison, Entry
from ..model import line_position
from ..normalise import line_key, mask_refs
from ..structure import division_levels
from ..textdiff import DELETE, EQUAL, INSERT
from .common import group_lines, is_mechanical, is_number_only, split_lines
from .wording import ZH, Place, ZhWording, wording

#: A quoted span (其中的“A”修改为“B”) is used when it is at most this share of the line.
SPAN_SHARE = 0.6
_CLAUSE_END = "，；。：,;:"


def _side(e: Entry, side: str) -> list[str]:
    return ["".join(t for _, t in line) for line in split_lines(e.diff, side)]


def _position(lines: list[str], k: int) -> Place:
    """('paragraph', n) or ('item', n): what line ``k`` is, counted as the NPC counts."""
    para, item = line_position(lines, k)
    return ("item", item) if item else ("paragraph", para)


def _quote(lines: list[str]) -> str:
    """Paragraphs quoted as the NPC quotes them: each opens with “, the last closes."""
    return "\n".join("“" + line for line in lines) + "”"


def _only_subsequence(short: list[str], long: list[str]) -> list[int] | None:
    """Indexes of ``long`` not in ``short`` if ``short`` is ``long`` minus some lines."""
    extra, k = [], 0
    for i, line in enumerate(long):
        if k < len(short) and line_key(short[k]) == line_key(line):
            k += 1
        else:
            extra.append(i)
    return extra if k == len(short) else None


def _span(line_ops: list[tuple[int, str]], language: str = "zh") -> tuple[str, str]:
    """The smallest run of whole clauses holding every substantive change of a
    line; in English, of whole words, one more on each side until the old words
    are found once in the line and neither side is empty.

    A reference renumbered with the law is not substantive: it may stay outside.

    >>> _span([(0, "处罚，并可以"), (-1, "由有关部门"), (0, "责令停业，没收")])
    ('并可以由有关部门责令停业', '并可以责令停业')
    >>> _span([(-1, "第二条"), (1, "第三条"), (0, "规定，并可以"), (-1, "由有关部门"), (0, "责令")])
    ('并可以由有关部门责令', '并可以责令')
    >>> _span([(0, "to promote its lawful "), (1, "and orderly "), (0, "use of data.")], "en")
    ('lawful use', 'lawful and orderly use')
    """
    substantive = []
    for k, (op, text) in enumerate(line_ops):
        if op == EQUAL:
            continue
        pair = line_ops[k + 1] if op == DELETE and k + 1 < len(line_ops) else None
        prev = line_ops[k - 1] if op == INSERT and k else None
        if pair and pair[0] == INSERT and mask_refs(text) == mask_refs(pair[1]):
            continue
        if prev and prev[0] == DELETE and mask_refs(prev[1]) == mask_refs(text):
            continue
        substantive.append(k)
    first, last = substantive[0], substantive[-1]

    def side(skip: int) -> tuple[str, str, str]:
        before = "".join(t for op, t in line_ops[:first] if op != skip)
        middle = "".join(t for op, t in line_ops[first:last + 1] if op != skip)
        after = "".join(t for op, t in line_ops[last + 1:] if op != skip)
        return before, middle, after

    def clause(before: str, middle: str, after: str) -> str:
        start = max((before.rfind(c) for c in _CLAUSE_END), default=-1) + 1
        ends = [after.find(c) for c in _CLAUSE_END if after.find(c) >= 0]
        return before[start:] + middle + after[:min(ends) if ends else len(after)]

    if language == "en":
        old_line = "".join(side(INSERT))
        for k in range(4):
            spans = [_words(*side(skip), k) for skip in (INSERT, DELETE)]
            if all(spans) and old_line.count(spans[0]) == 1:
                return spans[0], spans[1]
    return clause(*side(INSERT)), clause(*side(DELETE))


def _words(before: str, middle: str, after: str, k: int) -> str:
    """``middle`` with ``k`` whole words of context on each side.

    >>> _words("to promote its lawful ", "", "use of data.", 1)
    'lawful use'
    """
    pre = re.search(rf"(?:\S+\s+){{0,{k}}}$", before).group() if k else ""
    post = re.match(rf"(?:\s*[^\s.,;:]+){{0,{k}}}", after).group() if k else ""
    return (pre + middle + post).strip()


def describe(e: Entry, merged_away: dict[str, set[str]], w: ZhWording = ZH) -> str | None:
    """The item text for one entry, or None when the closing sentence covers it."""
    if is_number_only(e) or is_mechanical(e) or e.kind == "unchanged":
        return None
    if e.kind == "inserted":
        return w.inserted(e.new_labels[0], _quote(_side(e, "new")))
    if e.kind == "deleted":
        return w.deleted(e.old_labels[0])
    if e.kind == "merged":
        parts = {str(p["old"]): p for p in e.parts}
        sources = []
        for n, label in zip(e.old, e.old_labels):
            p = parts.get(str(n.to_json()))
            sources.append((label, w.list_sep.join(p.get("where", [])) if p else ""))
        return w.merged(sources, e.new_labels, _quote(_side(e, "new")))
    if e.kind == "split":
        return w.split(e.old_labels[0], e.new_labels, _quote(_side(e, "new")))
    old_lines, new_lines = _side(e, "old"), _side(e, "new")
    old_label = e.old_labels[0]
    # 将第十八条改为第十九条，删去… / 删去第十条…; the article is named once.
    new_label = e.new_labels[0] if e.old[0] != e.new[0] else None
    # What is left of an article whose lines were merged elsewhere is covered
    # by the merge item.
    gone = merged_away.get(str(e.old[0].to_json()), set())
    kept_old = [ln for ln in old_lines if line_key(ln) not in gone]
    if [line_key(x) for x in kept_old] == [line_key(x) for x in new_lines]:
        return None
    dropped = _only_subsequence(new_lines, kept_old)
    if dropped:
        return w.drop(old_label, new_label, [_position(kept_old, k) for k in dropped])
    added = _only_subsequence(kept_old, new_lines)
    if added is not None and len(added) == 1:
        return w.add(old_label, new_label, _position(new_lines, added[0]),
                     _quote([new_lines[added[0]]]))
    all_lines = split_lines(e.diff)
    if len(old_lines) == len(new_lines) == len(all_lines):
        changed = [k for k in range(len(new_lines)) if line_key(old_lines[k]) != line_key(new_lines[k])]
        if len(changed) == 1:
            words = [r for r in all_lines[changed[0]] if r[0] in (EQUAL, DELETE, INSERT)]
            a, b = _span(words, w.language)
            if len(b) <= SPAN_SHARE * len(new_lines[changed[0]]):
                return w.replace(old_label, new_label, a, b)
    return w.rewrite(old_label, new_label, _quote(new_lines))


def merged_away(c: Comparison) -> dict[str, set[str]]:
    """Lines (by key) of each partly merged old article that went into the merge."""
    merged_away: dict[str, set[str]] = {}
    for e in c.entries:
        if e.kind != "merged" or not e.parts:
            continue
        # Old lines of each partly merged article, as the merged entry quotes them.
        counts = (e.segments or {}).get("old", [1] * len(e.old))
        for n, lines in zip(e.old, group_lines(_side(e, "old"), counts)):
            if any(str(p["old"]) == str(n.to_json()) for p in e.parts):
                merged_away.setdefault(str(n.to_json()), set()).update(line_key(x) for x in lines)
    return merged_away


def heading_item(d: dict, c: Comparison | None = None, w: ZhWording = ZH) -> str | None:
    """A changed heading (a row of ``Comparison.divisions``) as a decision words it.

    >>> heading_item({"kind": "renamed", "old": "chp_2", "new": "chp_2",
    ...               "diff": [[-1, "示例活动"], [1, "监督管理"]]})
    '将第二章的章名修改为“监督管理”。'
    """
    if d["kind"] == "unchanged":
        return None
    div = d["new"] or d["old"]
    side = (c.new if d["new"] else c.old) if c else None
    label, word = w.division(div, {x["id"]: x["heading"] for x in side.divisions} if side else {})
    if d["kind"] == "renamed":
        return w.heading_renamed(label, word, "".join(t for op, t in d["diff"] if op != DELETE))
    if d["kind"] == "inserted":
        return w.heading_inserted(label, word, d["new_heading"])
    return w.heading_deleted(label, word)


def change_items(c: Comparison) -> list[str]:
    """The numbered items' texts, without their numbers.

    A new or renamed heading comes before the first article under it; a
    removed heading, whose articles are accounted for one by one, after all.
    """
    w = wording(c.new.language)
    gone = merged_away(c)
    headings = {d["new"]: text for d in c.divisions
                if d["kind"] in ("renamed", "inserted") and (text := heading_item(d, c, w))}
    items: list[str] = []
    for e in c.entries:
        if e.new and e.division:
            for level_id, _, _ in division_levels(e.division):  # a chapter before its sections
                if (text := headings.pop(level_id, None)):
                    items.append(text)
        if (text := describe(e, gone, w)):
            items.append(text)
    items += headings.values()  # headings with no article under them
    items += [text for d in c.divisions
              if d["kind"] == "deleted" and (text := heading_item(d, c, w))]
    return items


def render_changes(c: Comparison) -> str:
    w = wording(c.new.language)
    title = c.new.title or c.old.title
    items = change_items(c)
    out = [w.title(title, c.old.stage, c.new.stage), ""]
    for k, text in enumerate(items, 1):
        out.append(w.number(k) + text)
        out.append("")
    if any(e.old != e.new and e.kind != "inserted" for e in c.entries):
        # The NPC's closing sentence: it covers every article that only moved.
        out.append(w.closing(title))
    if not items:
        out.insert(2, w.nothing())
    return "\n".join(out).rstrip() + "\n"
