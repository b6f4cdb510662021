"""``--format changes``: the change list in the NPC's own form, in Chinese.

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

from ..compare import Comparison, Entry
from ..model import line_position
from ..normalise import line_key, mask_refs
from ..numbering import int_to_cn
from ..structure import division_label, division_word
from ..textdiff import DELETE, EQUAL, INSERT
from .common import group_lines, is_mechanical, is_number_only, split_lines

#: A quoted span (其中的“A”修改为“B”) is used when it is at most this share of the line.
SPAN_SHARE = 0.6
_CLAUSE_END = "，；。：,;:"


def _side(e: Entry, side: str) -> list[str]:
    return ["".join(t for _, t in line) for line in split_lines(e.diff, side)]


def _position(lines: list[str], k: int) -> tuple[str, int]:
    """('款', n) or ('项', n): what line ``k`` is, counted as the NPC counts."""
    para, item = line_position(lines, k)
    return ("项", item) if item else ("款", para)


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


def _span(line_ops: list[tuple[int, str]]) -> tuple[str, str]:
    """The smallest run of whole clauses holding every substantive change of a line.

    A reference renumbered with the law is not substantive: it may stay outside.

    >>> _span([(0, "处罚，并可以"), (-1, "由有关部门"), (0, "责令停业，没收")])
    ('并可以由有关部门责令停业', '并可以责令停业')
    >>> _span([(-1, "第二条"), (1, "第三条"), (0, "规定，并可以"), (-1, "由有关部门"), (0, "责令")])
    ('并可以由有关部门责令', '并可以责令')
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

    return clause(*side(INSERT)), clause(*side(DELETE))


def describe(e: Entry, merged_away: dict[str, set[str]]) -> str | None:
    """The item text for one entry, or None when the closing sentence covers it."""
    if is_number_only(e) or is_mechanical(e) or e.kind == "unchanged":
        return None
    new_label = "、".join(e.new_labels)
    if e.kind == "inserted":
        return f"增加一条，作为{new_label}：{_quote(_side(e, 'new'))}"
    if e.kind == "deleted":
        return f"删去{e.old_labels[0]}。"
    if e.kind == "merged":
        parts = {str(p["old"]): p for p in e.parts}
        sources = []
        for n, label in zip(e.old, e.old_labels):
            p = parts.get(str(n.to_json()))
            sources.append(label + ("、".join(p.get("where", [])) if p else ""))
        into = f"作为{new_label}" if len(e.new) == 1 else f"分别作为{new_label}"
        return f"将{'、'.join(sources)}合并，{into}，修改为：{_quote(_side(e, 'new'))}"
    if e.kind == "split":
        return (f"将{e.old_labels[0]}分为{int_to_cn(len(e.new))}条，分别作为{new_label}，修改为："
                f"{_quote(_side(e, 'new'))}")
    old_lines, new_lines = _side(e, "old"), _side(e, "new")
    old_label = e.old_labels[0]
    renumbered = e.old[0] != e.new[0]
    # 将第十八条改为第十九条，删去… / 删去第十条…; the article is named once.
    head = f"将{old_label}改为{new_label}，" if renumbered else ""
    # What is left of an article whose lines were merged elsewhere is covered
    # by the merge item.
    gone = merged_away.get(str(e.old[0].to_json()), set())
    kept_old = [ln for ln in old_lines if line_key(ln) not in gone]
    if [line_key(x) for x in kept_old] == [line_key(x) for x in new_lines]:
        return None
    dropped = _only_subsequence(new_lines, kept_old)
    if dropped:
        what = "、".join(f"第{int_to_cn(n)}{unit}" for unit, n in
                        (_position(kept_old, k) for k in dropped))
        return f"{head}删去{what}。" if renumbered else f"删去{old_label}{what}。"
    added = _only_subsequence(kept_old, new_lines)
    if added is not None and len(added) == 1:
        unit, n = _position(new_lines, added[0])
        quote = _quote([new_lines[added[0]]])
        return (f"{head}增加一{unit}，作为第{int_to_cn(n)}{unit}：{quote}" if renumbered
                else f"{old_label}增加一{unit}，作为第{int_to_cn(n)}{unit}：{quote}")
    all_lines = split_lines(e.diff)
    if len(old_lines) == len(new_lines) == len(all_lines):
        changed = [k for k in range(len(new_lines)) if line_key(old_lines[k]) != line_key(new_lines[k])]
        if len(changed) == 1:
            a, b = _span(all_lines[changed[0]])
            if len(b) <= SPAN_SHARE * len(new_lines[changed[0]]):
                return (f"{head}其中的“{a}”修改为“{b}”。" if renumbered
                        else f"将{old_label}中的“{a}”修改为“{b}”。")
    return (f"{head}修改为：" if renumbered else f"将{old_label}修改为：") + _quote(new_lines)


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


def heading_item(d: dict) -> str | None:
    """A changed heading (a row of ``Comparison.divisions``) as a decision words it.

    >>> heading_item({"kind": "renamed", "old": "chp_2", "new": "chp_2",
    ...               "diff": [[-1, "示例活动"], [1, "监督管理"]]})
    '将第二章的章名修改为“监督管理”。'
    """
    if d["kind"] == "unchanged":
        return None
    div = d["new"] or d["old"]
    label, word = division_label(div), division_word(div)
    if d["kind"] == "renamed":
        title = "".join(t for op, t in d["diff"] if op != DELETE)
        return f"将{label}的{word}名修改为“{title}”。"
    if d["kind"] == "inserted":
        return f"增加一{word}，作为{label}：“{d['new_heading']}”"
    return f"删去{label}的{word}名。"


def change_items(c: Comparison) -> list[str]:
    """The numbered items' texts, without their numbers.

    A new or renamed heading comes before the first article under it; a
    removed heading, whose articles are accounted for one by one, after all.
    """
    gone = merged_away(c)
    headings = {d["new"]: text for d in c.divisions
                if d["kind"] in ("renamed", "inserted") and (text := heading_item(d))}
    items: list[str] = []
    for e in c.entries:
        if e.new and e.division:
            parts = e.division.split("__")
            for k in range(1, len(parts) + 1):  # a chapter before its sections
                if (text := headings.pop("__".join(parts[:k]), None)):
                    items.append(text)
        if (text := describe(e, gone)):
            items.append(text)
    items += headings.values()  # headings with no article under them
    items += [text for d in c.divisions if d["kind"] == "deleted" and (text := heading_item(d))]
    return items


def render_changes(c: Comparison) -> str:
    title = c.new.title or c.old.title
    items = change_items(c)
    out = [f"《{title}》修改条目（{c.old.stage} → {c.new.stage}）", ""]
    for k, text in enumerate(items, 1):
        out.append(f"{int_to_cn(k)}、{text}")
        out.append("")
    if any(e.old != e.new and e.kind != "inserted" for e in c.entries):
        # The NPC's closing sentence: it covers every article that only moved.
        out.append(f"《{title}》根据本决定作相应修改并对条文顺序作相应调整。")
    if not items:
        out.insert(2, "（条文内容未作实质修改。）")
    return "\n".join(out).rstrip() + "\n"
