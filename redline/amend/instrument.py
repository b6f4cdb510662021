"""An amendment instrument as data: its items and what each does.

Contents
    Ref             an article, or a paragraph/item of one: 第六十九条第一项
    refs_in         every reference in a clause, ranges expanded
    Action          one thing an item does (insert_article, renumber, replace_words …)
    Item            a numbered item (一、 or, in a 修正案, 第N条) with its actions
    Decision        title, kind, items, and whether the text is renumbered

Every article number an item names refers to the text being amended, except
the numbers it gives (作为第X条, 改为第Y条), which are those of the amended
text. Quoted wording is kept exactly, by paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from ..numbering import NUMBER_RE, ArticleNumber, cn_to_int

N = NUMBER_RE
#: An article reference with optional paragraph and item, one group for the whole.
R = rf"(第{N}条(?:之{N})?(?:第{N}款)?(?:第{N}项)?)"
REF = re.compile(rf"第({N})条(?:之({N}))?(?:第({N})款)?(?:第({N})项)?")
class ActionKind(str, Enum):
    """What an action does: the closed vocabulary of :attr:`Action.kind`.

    A ``str`` enum, so a kind compares equal to its name (``a.kind == "merge"``);
    an action of an unknown kind cannot be made (a typo is an error where it is
    written, not a handler that is never found). Each kind has one handler in
    :data:`redline.amend.execute.HANDLERS`.
    """

    INSERT_ARTICLE = "insert_article"
    DELETE_ARTICLE = "delete_article"
    RENUMBER = "renumber"
    REWRITE = "rewrite"
    REWRITE_PARAGRAPH = "rewrite_paragraph"
    REWRITE_ITEM = "rewrite_item"
    INSERT_PARAGRAPH = "insert_paragraph"
    DELETE_PARAGRAPH = "delete_paragraph"
    INSERT_ITEM = "insert_item"
    DELETE_ITEM = "delete_item"
    REPLACE_WORDS = "replace_words"
    REPLACE_EVERYWHERE = "replace_everywhere"
    MERGE = "merge"
    SPLIT = "split"
    MOVE_PARAGRAPH = "move_paragraph"
    MERGE_ITEMS = "merge_items"
    MERGE_PARAGRAPHS = "merge_paragraphs"
    CHECK_RESTATEMENT = "check_restatement"  # 这一条相应修改为：“…” after a replacement
    # headings
    INSERT_DIVISION = "insert_division"
    RENAME_DIVISION = "rename_division"
    DELETE_DIVISION = "delete_division"
    REWRITE_ANNEX = "rewrite_annex"
    # changing nothing by themselves
    CONSEQUENTIAL = "consequential"  # done by apply itself (paragraphs, items, headings moved)
    PREAMBLE = "preamble"  # 宪法序言…: where the text has a preamble
    COMMENCEMENT = "commencement"  # 本决定自…起施行
    OTHER_LAW = "other_law"  # an item of a package decision that amends another law

    def __str__(self) -> str:
        return self.value


HEADING_ACTIONS = (ActionKind.INSERT_DIVISION, ActionKind.RENAME_DIVISION, ActionKind.DELETE_DIVISION,
                   ActionKind.REWRITE_ANNEX)


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


def refs_in(text: str) -> list[Ref]:
    """Every reference in ``text``, ranges expanded: 第三条至第五条 -> 3, 4, 5.

    >>> [str(r) for r in refs_in("第四十七条第四款、第四十八条第一款、第二款、第五十条")]
    ['47 ¶4', '48 ¶1', '48 ¶2', '50']
    """
    out: list[Ref] = []
    for m in re.finditer(rf"{R}(?:至{R})?|(?<=[、和及])(第{N}款(?:第{N}项)?|第{N}项)", text):
        if m.group(3):  # 第四十八条第一款、第二款: the article of the one before
            if not out:
                continue
            part = parse_ref(f"第{out[-1].article.main}条" + (f"之{out[-1].article.sub}"
                                                             if out[-1].article.sub else "")
                             + m.group(3))
            out.append(part)
            continue
        first = parse_ref(m.group(1))
        if m.group(2):
            last = parse_ref(m.group(2))
            out += [Ref(ArticleNumber(k)) for k in range(first.article.main, last.article.main + 1)]
        else:
            out.append(first)
    return out


@dataclass
class Action:
    """One change an item makes; ``kind`` is an :class:`ActionKind` (given as
    its name, ``Action("merge")``, it is made one)."""

    kind: ActionKind
    old: list[Ref] = field(default_factory=list)  # articles (or parts) it starts from
    new: ArticleNumber | None = None  # the article it produces or changes, as numbered after
    number: int | None = None  # paragraph/item number the action names
    text: list[str] = field(default_factory=list)  # quoted new wording, by paragraph
    before: str | None = None  # replace_words: the old words (paragraphs joined by \n)
    after: str | None = None  # replace_words: the new words
    #: split, or merge into several: the new articles (分别作为第X条、第Y条);
    #: a new chapter quoted with its articles: those articles
    parts: list[ArticleNumber] = field(default_factory=list)
    #: articles quoted with their labels (a new chapter, 增加三条): their lines, by number
    articles: dict[ArticleNumber, list[str]] = field(default_factory=dict)
    #: heading actions: the division's id (第四章第二节 -> "chp_4__sec_2")
    division: str | None = None
    #: an insert_article placed after this old article (在第X条后增加一条)
    after_article: ArticleNumber | None = None
    #: insert_paragraph/insert_item in the paragraph whose text starts so (宪法第X条"…"中增加一项)
    scope: str | None = None
    count: int = 1  # paragraphs or articles added (增加四款)
    #: replace_words waiting for the words to add 后 (after) or 前 (before) ``before``
    where: str | None = None

    def __post_init__(self) -> None:
        self.kind = ActionKind(self.kind)  # ValueError for a kind that does not exist

    @property
    def numbers(self) -> list[ArticleNumber]:
        """The articles it makes: its ``parts``, or the one ``new`` (none if neither)."""
        return list(self.parts) or ([self.new] if self.new is not None else [])


@dataclass
class Item:
    label: str  # "一", "二十九（四）", or in a 修正案 "第四十五条"
    text: str  # the item as written
    actions: list[Action]
    line: int
    problems: list[str] = field(default_factory=list)  # clauses not understood


@dataclass
class Decision:
    title: str
    items: list[Item]
    closing_renumbers: bool  # "…并对条文顺序作相应调整"
    problems: list[str] = field(default_factory=list)  # clauses not understood
    kind: str = "decision"  # "decision" (修改决定) or "amendment" (修正案)
    #: items of a package decision that concern other laws (label, law)
    other_laws: list[tuple[str, str]] = field(default_factory=list)

    @property
    def renumbers(self) -> bool:
        """Whether the amended text is renumbered (a decision), or keeps its numbers."""
        return self.kind == "decision"
