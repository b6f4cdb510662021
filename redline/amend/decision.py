"""Amendment instruments, read: ``parse_decision`` turns an instrument's text into
its items and their actions (:mod:`redline.amend.instrument`).

The NPC changes a law by a decision (修改决定: items, then the text renumbered
and republished) or by an amendment (修正案: items, the numbering kept, new
articles numbered 第X条之一; the Criminal Law, the Constitution). A package
decision (关于修改《A法》等N部法律的决定) holds one section per law; the section
for the law at hand is picked by its title. The clause forms understood are the
rows of :data:`redline.amend.rules.RULES`.

>>> d = parse_decision('一、将第十八条改为第十九条，删去第二款。\\n\\n二、增加一条，作为第三条："甲。"')
>>> [(a.kind.value, a.old and str(a.old[0]), a.new, a.number) for a in d.items[0].actions]
[('renumber', '18', ArticleNumber(main=19, sub=0), None), ('delete_paragraph', '18', ArticleNumber(main=19, sub=0), 2)]
>>> d.items[1].actions[0].kind.value, d.items[1].actions[0].text
('insert_article', ['甲。'])
"""

from __future__ import annotations

import re

from ..diff.align import Kind
from ..errors import RedlineError
from .instrument import HEADING_ACTIONS, Action, ActionKind, Decision, Item
from .quotes import UNCLOSED, mask_quotes, opens_paragraph
from .rules import SOURCE_DEFECT, item_actions
from ..numbering import CN_NUM_RE, NUMBER_RE, ArticleNumber

ITEM_START = re.compile(rf"^({CN_NUM_RE})、\s*(.*)$")
#: A 修正案's items: 第一条　宪法第十一条… (a label, a space, then the change).
AMENDMENT_ITEM_START = re.compile(rf"^第({CN_NUM_RE})条(?:[ \t\u3000]+|(?=宪法|刑法|《|在|将|删去))(.*)$")
SUB_ITEM_START = re.compile(rf"^[（(]({CN_NUM_RE})[)）]\s*(.*)$")
#: The closing sentence of a decision; 条文顺序 in it means the text is renumbered.
CLOSING = re.compile(r"根据本决定作相应(?:的)?修改|(?:条文|章节|条款)(?:的)?顺序作相应(?:的)?调整|重新公布")
COMMENCEMENT = re.compile(r"^本(?:决定|修正案)自.{0,40}(?:起|之日)施行")
#: An item that opens a package decision's section: 对《中华人民共和国A法》作出修改.
SECTION = re.compile(r"^对《([^》]+)》(?:作出|作)(?:如下|以下)?修改[：:。]?\s*$")



# --------------------------------------------------------------------------- items

def _title_and_body(lines: list[str]) -> tuple[str, int]:
    title, body_start = "", 0
    for k, line in enumerate(lines):
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        if line.strip() == "<!-- INFO END -->":
            body_start = k + 1
    if not title:
        first = next((ln.strip() for ln in lines if ln.strip()), "")
        if "决定" in first or "修正案" in first:
            title = first.lstrip("# ")
            body_start = max(body_start, next(k for k, ln in enumerate(lines) if ln.strip()) + 1)
    return title, body_start


def _is_front(line: str) -> bool:
    """Adoption lines and the sentence that introduces the items."""
    return bool(re.match(r"^[（(].*(?:通过|公布|施行)[)）]$", line)
                or re.search(r"(?:作如下修改|作出如下修改|作以下修改|决定[：:])$", line)
                or re.match(r"^\d{4}年\d{1,2}月\d{1,2}日.*通过", line))


def parse_decision(text: str, law: str | None = None) -> Decision:
    """Parse an instrument's text (markdown as in the corpus, or plain).

    ``law`` is the title of the law being amended; a package decision needs it
    to pick its section.
    """
    lines = text.splitlines()
    title, body_start = _title_and_body(lines)
    amendment = "修正案" in title
    chunks: list[list] = []  # [label, lines, line number]
    closing = False
    front: list[tuple[str, int]] = []
    for no, s in _unwrapped(lines, body_start):
        if CLOSING.search(s) and not re.match(r"^[（(]?[一二三四五六七八九十百]+[、)）]", s):
            closing = closing or "顺序" in s
            continue
        m = ITEM_START.match(s)
        if m is None and amendment and (m2 := AMENDMENT_ITEM_START.match(s)) and \
                re.match(r"(?:[^\s，。：“\"]{0,20}法(?:第|序言)|在|将|删去|增加|《)", m2.group(2)):
            chunks.append([f"第{m2.group(1)}条", [m2.group(2)], no])
            continue
        if m:
            chunks.append([m.group(1), [m.group(2)], no])
        elif COMMENCEMENT.match(s):
            continue
        elif chunks:
            chunks[-1][1].append(s)
        elif not _is_front(s):
            front.append((s, no))
    if not chunks and front:  # a decision of one item, written without 一、
        chunks = [["一", [s for s, _ in front], front[0][1]]]
        chunks[0][1][0] = re.sub(r"^.*?决定[：:]", "", chunks[0][1][0])
    if not chunks:
        raise RedlineError("no amendment items found (expected lines such as 一、将第X条改为第Y条…)")
    decision = Decision(title, [], closing, kind="amendment" if amendment else "decision")
    sections = _sections(chunks)
    if sections:
        chunks = _pick_section(sections, law, title, decision)
    for label, parts, no in chunks:
        for sub_label, body, context in _sub_items(label, parts):
            if COMMENCEMENT.match(body):
                item = Item(sub_label, body, [Action(ActionKind.COMMENCEMENT, text=[body])], no)
            elif law and (other := _other_law(body, law)):
                item = Item(sub_label, body, [Action(ActionKind.OTHER_LAW, text=[other])], no)
            else:
                actions, problems = item_actions(body, context)
                item = Item(sub_label, body, actions, no, problems)
                decision.problems += [f"item {sub_label} (line {no}): "
                                      + (p if p.startswith(SOURCE_DEFECT) else f"not understood: {p}")
                                      for p in problems]
            decision.items.append(item)
    return decision


#: Marks a line of an instrument ends with when its sentence or clause is done.
_DONE = ("。", "：", ":", "；", ";", "！", "？", "”", '"', "’")


def _unwrapped(lines: list[str], start: int) -> list[tuple[int, str]]:
    """(line number, text) of the body's lines, hard wraps joined (a text taken
    from a PDF): a line that opens no item and follows one whose sentence is not
    done goes on that line. A blank line always ends one.

    >>> _unwrapped(["一、删去第五条。", "《示例法》根据本决定作相应修", "改，重新公布。"], 0)
    [(1, '一、删去第五条。'), (2, '《示例法》根据本决定作相应修改，重新公布。')]
    """
    out: list[tuple[int, str]] = []
    joinable = False
    for no, line in enumerate(lines[start:], start + 1):
        s = line.strip().lstrip("#").strip()
        if not s:
            joinable = False
            continue
        opens = ITEM_START.match(s) or SUB_ITEM_START.match(s) or AMENDMENT_ITEM_START.match(s) \
            or SECTION.match(s) or s.startswith(("“", '"', "‘")) or (out and opens_paragraph(s, out[-1][1]))
        if joinable and out and not opens:
            out[-1] = (out[-1][0], out[-1][1] + s)
        else:
            out.append((no, s))
        joinable = not s.endswith(_DONE)
    return out


def _sections(chunks: list[list]) -> list[tuple[str, list[list]]]:
    """A package decision's sections: (law title, its items)."""
    if not any(SECTION.match(c[1][0]) for c in chunks):
        return []
    out: list[tuple[str, list[list]]] = []
    for label, parts, no in chunks:
        m = SECTION.match(parts[0])
        if m:
            subs = parts[1:]
            if subs and not any(SUB_ITEM_START.match(x) for x in subs):  # one change, unnumbered
                out.append((m.group(1), [[label, subs, no]]))
            else:
                out.append((m.group(1), [[label, ["对部分条文作以下修改"] + subs, no]] if subs else []))
    return out


def _law_key(title: str) -> str:
    """A law's name as instruments and texts both write it: 中华人民共和国, the
    brackets and a draft's (修订草案) aside.

    >>> _law_key("中华人民共和国动物防疫法（修订草案）") == _law_key("《动物防疫法》")
    True
    """
    return re.sub(r"^中华人民共和国|[《》\s]|[（(][^）)]*[）)]$", "", title.strip())


_NAMED_LAW = re.compile(r"《([^》]+)》(?=第|中的|中|序言|全文|的)")


def _other_law(body: str, law: str) -> str | None:
    """The law an item names, 将《甲法》第五条…, when it is not ``law``: the item
    of a package decision (or of 对下列法律作出修改) that amends another law.

    >>> _other_law('将《中华人民共和国甲法》第五条修改为："依照《乙法》处理。"', "中华人民共和国乙法")
    '中华人民共和国甲法'
    >>> _other_law('将《乙法》第五条修改为："依照《甲法》处理。"', "中华人民共和国乙法") is None
    True
    """
    masked, _ = mask_quotes(body)  # a law named inside the new wording is not the one amended
    masked = masked.replace(UNCLOSED, "")
    m = _NAMED_LAW.search(masked)
    if m and _law_key(m.group(1)) != _law_key(law) and "决定" not in m.group(1):
        return m.group(1)
    return None


def _pick_section(sections, law: str | None, title: str, decision: Decision) -> list[list]:
    names = [t for t, _ in sections]
    if law is None:
        raise RedlineError("a package decision amends " + "、".join(f"《{n}》" for n in names)
                           + ": the law being amended has no title to pick its section by")
    for t, chunks in sections:
        if _law_key(t) == _law_key(law):
            decision.other_laws = [(c[0][0] if c else "", n) for n, c in sections if n != t]
            return chunks
    raise RedlineError(f"the decision does not amend 《{law}》 (it amends "
                       + "、".join(f"《{n}》" for n in names) + ")")


def _sub_items(label: str, parts: list[str]) -> list[tuple[str, str, str | None]]:
    """An item that says 对部分条文作以下修改 holds sub-items （一）…, each its own item
    labelled like 二十九（四）; any other item is itself."""
    if not re.match(r"对部分条文作(?:以下|如下)修改", parts[0]) and not (
            len(parts) > 1 and SUB_ITEM_START.match(parts[1]) and parts[0].endswith(("：", ":"))
            and "修改" in parts[0]):
        return [(label, "\n".join(parts), None)]
    if parts[0].count("“") > parts[0].count("”"):
        # 修改为：“有下列情形之一的…：\n（一）…: the quotation is open, and the
        # lines that follow are its items (published without a quote mark of their
        # own), not sub-items of the instrument's item.
        return [(label, "\n".join(parts), None)]
    # 对第五十条作如下修改：（一）将第一款…（二）删去第三款 — each sub-item is of that article.
    article = re.match(rf"^对(第{NUMBER_RE}条(?:之{NUMBER_RE})?)作", parts[0])
    subs: list[tuple[str, str, str | None]] = []
    for line in parts[1:]:
        m = SUB_ITEM_START.match(line)
        if m and not line.startswith(("“", '"')):
            subs.append((f"{label}（{m.group(1)}）", m.group(2), article.group(1) if article else None))
        elif subs:
            subs[-1] = (subs[-1][0], subs[-1][1] + "\n" + line, subs[-1][2])
    return subs


def account(decision: Decision) -> list[tuple[Kind, list[ArticleNumber], list[ArticleNumber]]]:
    """What the decision says happened to articles, as alignment entries.

    ``(kind, old numbers, new numbers)`` for every article it names; articles it
    does not name only move number (the closing clause).

    >>> d = parse_decision('一、将第十八条改为第十九条，删去第二款。\\n二、增加一条，作为第三条："甲。"')
    >>> [(str(k), [str(n) for n in o], [str(n) for n in nw]) for k, o, nw in account(d)]
    [('modified', ['18'], ['19']), ('inserted', [], ['3'])]
    """
    out: list[tuple[Kind, list[ArticleNumber], list[ArticleNumber]]] = []
    for item in decision.items:
        merged = [a for a in item.actions if a.kind == "merge"]
        for a in item.actions:
            if a.kind == "insert_article":
                out += [(Kind.INSERTED, [], [n]) for n in a.numbers]
            elif a.kind == "delete_article":
                out.append((Kind.DELETED, [a.old[0].article], []))
            elif a.kind == "merge":
                olds = list(dict.fromkeys(r.article for r in a.old))
                out.append((Kind.MERGED, olds, a.numbers))
            elif a.kind == "split":
                out.append((Kind.SPLIT, [a.old[0].article], list(a.parts)))
        if merged or any(a.kind == "split" for a in item.actions):
            continue
        renumbers = [a for a in item.actions if a.kind == "renumber"]
        edits = [a for a in item.actions if a.kind not in
                 ("renumber", "insert_article", "delete_article", "consequential", *HEADING_ACTIONS)]
        if renumbers:
            r = renumbers[0]
            out.append((Kind.MODIFIED if edits else Kind.RENUMBERED, [r.old[0].article], r.numbers))
        elif edits and edits[0].old:
            art = edits[0].old[0].article
            out.append((Kind.MODIFIED, [art], [edits[0].new or art]))
    return out
