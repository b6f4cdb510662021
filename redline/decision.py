"""Amendment decisions (修改决定), parsed into what each item says it does.

Contents
    Ref          an article, or a paragraph/item of one: 第六十九条第一项
    Action       one thing an item does (insert_article, renumber, delete_paragraph …)
    Item         a numbered item of the decision (一、…) with its actions
    Decision     title, items, and whether it closes with the renumbering clause
    parse_decision

The forms of the NPC's decisions (quoted text is kept exactly)::

    增加一条，作为第三条："…"                       insert_article new=3
    将第十八条改为第十九条，删去第二款。              renumber 18->19; delete_paragraph 2
    将第四十条改为第四十二条，增加一款，作为第二款："…"  renumber; insert_paragraph 2
    将第五十九条改为第六十一条，修改为："…"           renumber; rewrite
    将第六十一条改为第六十四条，其中的"A"修改为"B"     renumber; replace_words A->B
    将第六十八条、第六十九条第一项合并，作为第六十九条，修改为："…"   merge; rewrite
    将第十四条分为二条，分别作为第十三条、第三十八条，修改为："…"      split; rewrite
    删去第X条 / 删去第N款 / 第N款修改为："…" / 对部分条文作以下修改：（一）…
    增加一章，作为第五章："第五章　…"                insert_division chp_5
    将第三章的章名修改为"…" / 将第四章第二节的节名修改为："…"   rename_division
    删去第二章第三节的节名                          delete_division chp_2__sec_3

Actions after ``将第X条改为第Y条`` apply to that article.

>>> d = parse_decision('一、将第十八条改为第十九条，删去第二款。\\n\\n二、增加一条，作为第三条："甲。"')
>>> [(a.kind, a.old and str(a.old[0]), a.new, a.number) for a in d.items[0].actions]
[('renumber', '18', ArticleNumber(main=19, sub=0), None), ('delete_paragraph', '18', ArticleNumber(main=19, sub=0), 2)]
>>> d.items[1].actions[0].kind, d.items[1].actions[0].text
('insert_article', ['甲。'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import RedlineError
from .numbering import ARTICLE_LABEL, CN_NUM_RE, NUMBER_RE, ArticleNumber, cn_to_int
from .structure import DIVISION_REF, division_id

N = NUMBER_RE
ART = ARTICLE_LABEL  # 第X条 or 第X条之Y, no groups
ITEM_START = re.compile(rf"^({CN_NUM_RE})、(.*)$")
SUB_ITEM_START = re.compile(rf"^[（(]({CN_NUM_RE})[)）](.*)$")
QUOTE = re.compile(r'"([^"]*)"|“([^”]*)”')
HEADING_ACTIONS = ("insert_division", "rename_division", "delete_division")
REF = re.compile(rf"第({N})条(?:之({N}))?(?:第({N})款)?(?:第({N})项)?")
CLOSING = re.compile(r"根据本决定作相应(?:的)?修改")


@dataclass
class Ref:
    article: ArticleNumber
    paragraph: int | None = None
    item: int | None = None

    def __str__(self) -> str:
        s = str(self.article)
        if self.paragraph:
            s += f" ¶{self.paragraph}"
        if self.item:
            s += f" item {self.item}"
        return s


def parse_ref(text: str) -> Ref:
    """``第六十九条第一项`` -> Ref(69, item=1)."""
    m = REF.fullmatch(text)
    if not m:
        raise ValueError(text)
    return Ref(ArticleNumber(cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0),
               cn_to_int(m.group(3)) if m.group(3) else None,
               cn_to_int(m.group(4)) if m.group(4) else None)


@dataclass
class Action:
    """One change an item makes.

    kind is one of: insert_article, delete_article, renumber, rewrite,
    rewrite_paragraph, insert_paragraph, delete_paragraph, insert_item,
    delete_item, replace_words, merge, split; and for headings
    insert_division, rename_division, delete_division.
    """

    kind: str
    old: list[Ref] = field(default_factory=list)  # articles (or parts) it starts from
    new: ArticleNumber | None = None  # the article it produces or changes
    number: int | None = None  # paragraph/item/chapter number the action names
    text: list[str] = field(default_factory=list)  # quoted new wording, by paragraph
    before: str | None = None  # replace_words: the old words
    after: str | None = None  # replace_words: the new words
    #: split, or merge into several: the new articles (分别作为第X条、第Y条);
    #: a new chapter quoted with its articles: those articles
    parts: list[ArticleNumber] = field(default_factory=list)
    #: a new chapter quoted with its articles: each article's quoted lines
    articles: dict[ArticleNumber, list[str]] = field(default_factory=dict)
    #: heading actions: the division's id (第四章第二节 -> "chp_4__sec_2")
    division: str | None = None


@dataclass
class Item:
    label: str  # "一"
    text: str  # the item as written
    actions: list[Action]
    line: int


@dataclass
class Decision:
    title: str
    items: list[Item]
    closing_renumbers: bool  # "…并对条文顺序作相应调整"
    problems: list[str] = field(default_factory=list)  # clauses not understood


def _split_content(body: str) -> tuple[str, list[str]]:
    """Instruction and quoted paragraphs of the content after the first `："`."""
    m = re.search(r'[:：]\s*["“]', body)
    if not m:
        return body, []
    instruction = body[:m.start() + 1]
    content = body[m.end() - 1:]
    paras = []
    for para in content.split("\n"):
        para = para.strip()
        if not para:
            continue
        para = para[1:] if para[0] in '"“' else para
        paras.append(para)
    if paras and paras[-1] and paras[-1][-1] in '"”':
        paras[-1] = paras[-1][:-1]
    return instruction, paras


def _clauses(instruction: str) -> tuple[list[str], list[str]]:
    """Clauses split at ，；。 with inline quotes replaced by ⟨0⟩, ⟨1⟩ …"""
    quotes: list[str] = []

    def hold(m: re.Match) -> str:
        quotes.append(m.group(1) if m.group(1) is not None else m.group(2))
        return f"⟨{len(quotes) - 1}⟩"

    masked = QUOTE.sub(hold, instruction)
    return [c for c in re.split(r"[，；。,;]", masked) if c.strip()], quotes


def _actions(instruction: str, content: list[str]) -> tuple[list[Action], list[str]]:
    clauses, quotes = _clauses(instruction)
    actions: list[Action] = []
    problems: list[str] = []
    current_old: list[Ref] = []
    current_new: ArticleNumber | None = None
    pending_insert: Action | None = None
    for raw in clauses:
        c = raw.strip().rstrip("：:")
        m = None
        if m := re.fullmatch(rf"增加一条(?:，)?作为第({N})条(?:之({N}))?", c) or \
                re.fullmatch(rf"作为第({N})条(?:之({N}))?", c):
            num = ArticleNumber(cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0)
            if pending_insert is not None:
                pending_insert.new = num
                pending_insert = None
            else:
                current_new = num
                for a in actions:
                    if a.kind == "merge" and a.new is None:
                        a.new = num
        elif c == "增加一条":
            pending_insert = Action("insert_article", text=content)
            actions.append(pending_insert)
        elif m := re.fullmatch(rf"增加一(?:编|分编|章|节)(?:，)?(?:作为({DIVISION_REF}))?", c):
            arts = _quoted_articles(content)
            actions.append(Action("insert_division", text=content, parts=list(arts), articles=arts,
                                  division=division_id(m.group(1)) if m.group(1) else None))
        elif m := re.fullmatch(rf"(?:将)?({DIVISION_REF})的?(?:编|分编|章|节)名修改为(?:⟨(\d+)⟩)?", c):
            text = [quotes[int(m.group(2))]] if m.group(2) else content
            actions.append(Action("rename_division", text=text, division=division_id(m.group(1))))
        elif m := re.fullmatch(rf"删去({DIVISION_REF})(?:的(?:编|分编|章|节)名)?", c):
            actions.append(Action("delete_division", division=division_id(m.group(1))))
        elif m := re.fullmatch(rf"将((?:{ART}(?:第{N}[款项])*、?)+)合并", c):
            refs = [parse_ref(r.group(0)) for r in REF.finditer(m.group(1))]
            current_old = refs
            actions.append(Action("merge", old=refs))
        elif m := re.fullmatch(rf"将({ART})分为{N}条", c):
            current_old = [parse_ref(m.group(1))]
            actions.append(Action("split", old=current_old))
        elif m := re.fullmatch(rf"分别作为((?:{ART}、?)+)", c):
            news = [parse_ref(r.group(0)).article for r in REF.finditer(m.group(1))]
            target = next((a for a in reversed(actions) if a.kind in ("split", "merge")), None)
            if target is None:
                problems.append(raw.strip())
            else:
                target.parts = news
                target.new = news[0]
                current_new = news[0]
        elif m := re.fullmatch(rf"将({ART})改为({ART})", c):
            current_old = [parse_ref(m.group(1))]
            current_new = parse_ref(m.group(2)).article
            actions.append(Action("renumber", old=current_old, new=current_new))
        elif m := re.fullmatch(rf"删去({ART})", c):
            actions.append(Action("delete_article", old=[parse_ref(m.group(1))]))
        elif m := re.fullmatch(rf"(?:将)?({ART})?(?:第({N})款)?(?:第({N})项)?修改为", c):
            if m.group(1):
                current_old = [parse_ref(m.group(1))]
                current_new = current_new or current_old[0].article
            if m.group(2) or m.group(3):
                kind = "rewrite_paragraph"
                num = cn_to_int(m.group(2) or m.group(3))
            else:
                kind, num = "rewrite", None
            actions.append(Action(kind, list(current_old), current_new, num, content))
        elif m := re.fullmatch(rf"删去({ART})?(?:第({N})款)?(?:第({N})项)?", c):
            if m.group(1):
                current_old = [parse_ref(m.group(1))]
                current_new = current_new or current_old[0].article
            if m.group(3):
                actions.append(Action("delete_item", list(current_old), current_new,
                                      cn_to_int(m.group(3))))
            elif m.group(2):
                actions.append(Action("delete_paragraph", list(current_old), current_new,
                                      cn_to_int(m.group(2))))
            else:
                problems.append(raw.strip())
        elif m := re.fullmatch(rf"增加一(款|项)(?:，)?(?:作为第({N})[款项])?", c):
            kind = "insert_paragraph" if m.group(1) == "款" else "insert_item"
            actions.append(Action(kind, list(current_old), current_new,
                                  cn_to_int(m.group(2)) if m.group(2) else None, content))
        elif m := re.fullmatch(rf"作为第({N})(款|项)", c):
            kinds = {"款": "insert_paragraph", "项": "insert_item"}
            if actions and actions[-1].kind == kinds[m.group(2)]:
                actions[-1].number = cn_to_int(m.group(1))
            else:
                problems.append(raw.strip())
        elif m := re.fullmatch(rf"作为({DIVISION_REF})", c):
            if actions and actions[-1].kind == "insert_division":
                actions[-1].division = division_id(m.group(1))
            else:
                problems.append(raw.strip())
        elif m := re.fullmatch(rf"(?:将)?({ART})?(?:第{N}款)?(?:中的|其中的|将其中的)?"
                               r"⟨(\d+)⟩修改为⟨(\d+)⟩", c) or \
                re.fullmatch(r"()⟨(\d+)⟩修改为⟨(\d+)⟩", c):
            if m.group(1):
                current_old = [parse_ref(m.group(1))]
                current_new = current_new or current_old[0].article
            actions.append(Action("replace_words", list(current_old), current_new,
                                  before=quotes[int(m.group(2))], after=quotes[int(m.group(3))]))
        elif re.fullmatch(r"对部分条文作(?:以下|如下)修改", c):
            continue
        else:
            problems.append(raw.strip())
    return actions, problems


_ARTICLE_LINE = re.compile(rf"^第({N})条(?:之({N}))?[\s\u3000]*(.*)$")


def _quoted_articles(content: list[str]) -> dict[ArticleNumber, list[str]]:
    """The articles a new chapter is quoted with (after its heading), by number.

    >>> _quoted_articles(["第五章　监督管理", "第四十条　甲。", "乙。", "第四十一条　丙。"])
    {ArticleNumber(main=40, sub=0): ['甲。', '乙。'], ArticleNumber(main=41, sub=0): ['丙。']}
    """
    out: dict[ArticleNumber, list[str]] = {}
    current = None
    for line in content:
        if m := _ARTICLE_LINE.match(line):
            current = ArticleNumber(cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0)
            out[current] = [m.group(3)] if m.group(3) else []
        elif current is not None:
            out[current].append(line)
    return out


def parse_decision(text: str) -> Decision:
    """Parse a decision's text (markdown as in the corpus, or plain)."""
    lines = text.splitlines()
    title = ""
    body_start = 0
    for k, line in enumerate(lines):
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        if line.strip() == "<!-- INFO END -->":
            body_start = k + 1
    items: list[Item] = []
    chunks: list[tuple[str, list[str], int]] = []
    closing = False
    for no, line in enumerate(lines[body_start:], body_start + 1):
        s = line.strip()
        if not s:
            continue
        if CLOSING.search(s):
            closing = "条文顺序" in s or "顺序作相应调整" in s
            continue
        m = ITEM_START.match(s)
        if m:
            chunks.append((m.group(1), [m.group(2)], no))
        elif chunks and s[0] in '"“（(':
            chunks[-1][1].append(s)
        elif chunks and s.startswith("本决定自"):
            continue
    problems: list[str] = []
    for label, parts, no in chunks:
        body = "\n".join(parts)
        subs = _sub_items(body)
        actions: list[Action] = []
        for sub in subs:
            instruction, content = _split_content(sub)
            acts, probs = _actions(instruction.replace("\n", ""), content)
            actions += acts
            problems += [f"item {label} (line {no}): not understood: {p}" for p in probs]
        items.append(Item(label, body, actions, no))
    if not items:
        raise RedlineError("no decision items found (expected lines such as 一、将第X条改为第Y条…)")
    return Decision(title, items, closing, problems)


def _sub_items(body: str) -> list[str]:
    """An item that says 对部分条文作以下修改 holds sub-items （一）…; else itself."""
    lines = body.split("\n")
    if not re.match(r"对部分条文作(?:以下|如下)修改", lines[0]):
        return [body]
    subs: list[str] = []
    for line in lines[1:]:
        m = SUB_ITEM_START.match(line)
        if m:
            subs.append(m.group(2))
        elif subs:
            subs[-1] += "\n" + line
    return subs


def account(decision: Decision) -> list[tuple[str, list[ArticleNumber], list[ArticleNumber]]]:
    """What the decision says happened to articles, as alignment entries.

    ``(kind, old numbers, new numbers)`` for every article it names; articles it
    does not name only move number (the closing clause).

    >>> d = parse_decision('一、将第十八条改为第十九条，删去第二款。\\n二、增加一条，作为第三条："甲。"')
    >>> [(k, [str(n) for n in o], [str(n) for n in nw]) for k, o, nw in account(d)]
    [('modified', ['18'], ['19']), ('inserted', [], ['3'])]
    """
    out = []
    for item in decision.items:
        merged = [a for a in item.actions if a.kind == "merge"]
        for a in item.actions:
            if a.kind == "insert_article":
                out.append(("inserted", [], [a.new]))
            elif a.kind == "delete_article":
                out.append(("deleted", [a.old[0].article], []))
            elif a.kind == "merge":
                olds = list(dict.fromkeys(r.article for r in a.old))
                out.append(("merged", olds, list(a.parts) or [a.new]))
            elif a.kind == "split":
                out.append(("split", [a.old[0].article], list(a.parts)))
        if merged or any(a.kind == "split" for a in item.actions):
            continue
        renumbers = [a for a in item.actions if a.kind == "renumber"]
        edits = [a for a in item.actions if a.kind not in
                 ("renumber", "insert_article", "delete_article", *HEADING_ACTIONS)]
        if renumbers:
            r = renumbers[0]
            out.append(("modified" if edits else "renumbered", [r.old[0].article], [r.new]))
        elif edits and edits[0].old:
            art = edits[0].old[0].article
            out.append(("modified", [art], [edits[0].new or art]))
    return out
