"""The document model: a stage of a law as plain data.

Contents
    Division    a part (编), sub-part (分编), chapter (章) or section (节)
    Paragraph   a 款, with its items (项) and sub-items (目)
    Article     number, label, the division it sits in, its lines of text
    Stage       metadata + divisions + articles, in document order

An article's text is kept as its lines, exactly as the source gives them: one
line per paragraph (款) and one per item (项, ``（一）…``) or sub-item (目,
``1.…``). Paragraphs and items are a view computed from the lines, so the YAML a
person edits is the text itself and nothing can fall out of step with it.

>>> a = Article(ArticleNumber(69), "第六十九条", None,
...             ["有下列行为之一的：", "（一）甲；", "（二）乙。", "单位有前款行为的，同样处罚。"])
>>> [(p.text, [i.label for i in p.items]) for p in a.paragraphs]
[('有下列行为之一的：', ['（一）', '（二）']), ('单位有前款行为的，同样处罚。', [])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbering import ArticleNumber

#: Kinds of division, outermost first, with the Chinese word that names each.
#: An annex (附件, 附表, 附录) closes every division before it; it holds no articles.
#: A heading without a number (the Criminal Law's ``附则``) closes them too.
DIVISION_KINDS = {"annex": "附件", "heading": "", "part": "编", "subpart": "分编",
                  "chapter": "章", "section": "节"}
ID_PREFIX = {"annex": "annex", "heading": "hd", "part": "part", "subpart": "subpart",
             "chapter": "chp", "section": "sec"}

ITEM_RE = re.compile(r"^\s*([（(](?:[一二三四五六七八九十百]+|\d+|[a-z])[)）])")
SUBITEM_RE = re.compile(r"^\s*(\d+[.．、])")


def line_position(lines: list[str], k: int) -> tuple[int, int]:
    """(paragraph, item) of line ``k``, both counted from 1; item 0 for a paragraph.

    A line is an item (项) or sub-item (目) by its label, except the first line.

    >>> line_position(["甲：", "（一）乙；", "（二）丙。", "丁。"], 2), line_position(["甲：", "丁。"], 1)
    ((1, 2), (2, 0))
    """
    para = item = 0
    for i, text in enumerate(lines[:k + 1]):
        if i and (ITEM_RE.match(text) or SUBITEM_RE.match(text)):
            item += 1
        else:
            para, item = para + 1, 0
    return para, item


def division_path(div_id: str | None) -> list[str]:
    """The ids of a division and of those around it, outermost first: what an
    article under ``div_id`` opens, heading by heading.

    >>> division_path("chp_3__sec_1"), division_path(None)
    (['chp_3', 'chp_3__sec_1'], [])
    """
    if not div_id:
        return []
    parts = div_id.split("__")
    return ["__".join(parts[:k]) for k in range(1, len(parts) + 1)]


@dataclass
class Division:
    """A heading that groups articles.

    ``id`` is stable and Akoma Ntoso-like (``chp_3__sec_1``), so anchors and
    links can be made from it.
    """

    id: str
    kind: str  # one of DIVISION_KINDS
    number: int
    heading: str  # as written: "第一章 总 则"
    title: str  # the words after the number: "总 则"
    #: An annex's own text (its lines as written); empty for other divisions.
    lines: list[str] = field(default_factory=list)


@dataclass
class Item:
    label: str  # "（一）" or "1."
    text: str  # the whole line, label included
    level: int = 1  # 1 for 项, 2 for 目


@dataclass
class Paragraph:
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    number: ArticleNumber
    label: str  # "第十八条" or "Article 18"
    division: str | None  # Division.id it belongs to
    lines: list[str]
    line_no: int = field(default=0, compare=False)  # where it starts in its source

    @property
    def id(self) -> str:
        """Anchor id: ``art_18``, ``art_120-1``."""
        return f"art_{self.number}"

    @property
    def text(self) -> str:
        """The article body, one line per paragraph or item."""
        return "\n".join(self.lines)

    def locate(self, line: int, language: str = "zh") -> str:
        """Where line ``line`` (0-based) sits, as the NPC (or its translation) cites it.

        >>> a = Article(ArticleNumber(69), "第六十九条", None, ["有下列行为之一的：", "（一）甲；", "（二）乙。"])
        >>> a.locate(1), a.locate(0), a.locate(1, "en")
        ('第一项', '第一款', 'Item (1)')
        """
        from .numbering import int_to_cn

        para, item = line_position(self.lines, line)
        several = len(self.paragraphs) > 1
        if language == "en":
            where = f"Item ({item})" if item else ""
            if several or not item:
                where += (" of " if where else "") + f"Paragraph {para}"
            return where
        if item:
            where = f"第{int_to_cn(item)}项"
            return f"第{int_to_cn(para)}款{where}" if several else where
        return f"第{int_to_cn(para)}款"

    @property
    def paragraphs(self) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        for line in self.lines:
            m = ITEM_RE.match(line) or SUBITEM_RE.match(line)
            if m and paragraphs:
                level = 1 if ITEM_RE.match(line) else 2
                paragraphs[-1].items.append(Item(m.group(1), line, level))
            else:
                paragraphs.append(Paragraph(line))
        return paragraphs


@dataclass
class Stage:
    """One stage of a law (a draft, the adopted text, an amended text)."""

    law: str
    stage: str
    title: str
    language: str  # "zh" or "en"
    date: str | None = None
    source: dict | None = None  # {"path": …, "sha256": …}
    #: When the text took (or takes) effect, from the manifest: "2017-06-01".
    in_force: str | None = None
    history: list[str] = field(default_factory=list)  # adoption/amendment lines
    divisions: list[Division] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    #: Lines found outside any article (reported by the parser, kept here).
    stray_lines: list[str] = field(default_factory=list)
    #: Editorial footnotes (①…) of consolidated texts: {"article": label, "text": …}.
    footnotes: list[dict] = field(default_factory=list)
    #: An explanatory note (说明) published after a draft's text, as its lines.
    note: list[str] = field(default_factory=list)
    #: The stage's name in its law's manifest ("second reading draft (二审稿)"), set
    #: where the workspace loads it; never stored in the stage's YAML.
    name: str | None = None

    def division(self, div_id: str | None) -> Division | None:
        """The division of id ``div_id`` (the first, if two share it), or None.

        Looked up in an index built when the list of divisions is new or has
        grown (a search of the list at each call made aligning a law of 10,000
        articles spend a second here); division ids are not changed in place.
        """
        index = self.__dict__.get("_division_index")
        if index is None or index[0] is not self.divisions or index[1] != len(self.divisions):
            table: dict[str, Division] = {}
            for d in self.divisions:
                table.setdefault(d.id, d)
            index = (self.divisions, len(self.divisions), table)
            self.__dict__["_division_index"] = index
        return index[2].get(div_id) if div_id is not None else None

    def chapter_of(self, article: Article) -> Division | None:
        """The outermost chapter (or part) enclosing ``article``."""
        if article.division is None:
            return None
        top = article.division.split("__")
        for i in range(len(top), 0, -1):
            d = self.division("__".join(top[:i]))
            if d and d.kind == "chapter":
                return d
        return self.division(article.division)

    def by_number(self) -> dict[ArticleNumber, Article]:
        return {a.number: a for a in self.articles}
