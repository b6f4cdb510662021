"""The typed pieces of a Comparison, each with its JSON form.

Contents
    Part            part of an old article carried into an entry (merges, continuations)
    Destination     which paragraphs of a split article went into one of its new articles
    HeadingChange   one heading paired (or not) across the stages
    ReferenceIssue  a reference in the new text that points nowhere, or to the wrong article
    Note            an annotation anchored in an entry's text
    TextChange      text outside the articles that changed: an annex, the footnotes
    DecisionTies    with ``compare --decision``: each item's outcome, changes no item
                    makes, items that make none (ItemOutcome: one item)

Renderers read attributes (``p.old == n``), never dict keys; ``to_json`` writes
what ``redline compare --format json`` has always written and ``from_json``
reads it back, so the JSON format does not change with the types.

>>> p = Part.from_json({"old": 69, "lines": [1], "where": ["第一项"]})
>>> p.old, p.to_json()
(ArticleNumber(main=69, sub=0), {'old': 69, 'lines': [1], 'where': ['第一项']})
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..numbering import ArticleNumber
from .textdiff import DiffOp


@dataclass
class Part:
    """Lines of old article ``old`` that an entry carries: a merge of part of an
    article, or an inserted article that continues one of its paragraphs.
    ``lines`` are 0-based paragraph indexes; ``where`` says them in the law's
    words (["第二款"])."""

    old: ArticleNumber
    lines: list[int] = field(default_factory=list)
    where: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"old": self.old.to_json(), "lines": self.lines, "where": self.where}

    @classmethod
    def from_json(cls, d: dict) -> "Part":
        return cls(ArticleNumber.from_json(d["old"]), list(d.get("lines", [])), list(d.get("where", [])))


@dataclass
class Destination:
    """Of a split: the paragraphs of the old article (0-based lines; ``where`` in
    the law's words, ["第一款", "第二款"]) whose words went on in new article ``new``.

    >>> Destination(ArticleNumber(110), [0, 1], ["第一款", "第二款"]).to_json()
    {'new': 110, 'paragraphs': [0, 1], 'where': ['第一款', '第二款']}
    """

    new: ArticleNumber
    paragraphs: list[int]
    where: list[str]
    #: Of a split: those paragraphs diffed against the new article alone, so a
    #: paragraph that went on there reads as kept, not as new words (the 对照表
    #: shows each new article in its own row with this).
    diff: list[DiffOp] | None = None

    def to_json(self) -> dict:
        d: dict = {"new": self.new.to_json(), "paragraphs": self.paragraphs, "where": self.where}
        if self.diff is not None:
            d["diff"] = [[op, text] for op, text in self.diff]
        return d

    @classmethod
    def from_json(cls, d: dict) -> "Destination":
        return cls(ArticleNumber.from_json(d["new"]), list(d.get("paragraphs", [])),
                   list(d.get("where", [])),
                   [DiffOp(op, t) for op, t in d["diff"]] if d.get("diff") is not None else None)


@dataclass
class HeadingChange:
    """A heading of either stage: ``kind`` is unchanged, renamed, inserted or
    deleted; ``old``/``new`` are division ids (``chp_2``, None on the side it
    lacks); ``diff`` is of the titles, the numbers (第二章) left out.

    >>> h = HeadingChange("renamed", "chp_2", "chp_2", "第二章 网络安全战略", "第二章 网络安全支持",
    ...                   [DiffOp(0, "网络安全"), DiffOp(-1, "战略"), DiffOp(1, "支持")])
    >>> h.changed, h.to_json()["diff"][1]
    (True, [-1, '战略'])
    """

    kind: str
    old: str | None
    new: str | None
    old_heading: str | None
    new_heading: str | None
    diff: list[DiffOp]
    #: With ``compare --decision``: the items that make this change.
    items: list[str] | None = None

    @property
    def changed(self) -> bool:
        return self.kind != "unchanged"

    def to_json(self) -> dict:
        d: dict[str, Any] = {"kind": self.kind, "old": self.old, "new": self.new, "old_heading": self.old_heading,
             "new_heading": self.new_heading, "diff": [[op, t] for op, t in self.diff]}
        if self.items is not None:
            d["items"] = self.items
        return d

    @classmethod
    def from_json(cls, d: dict) -> "HeadingChange":
        return cls(d["kind"], d.get("old"), d.get("new"), d.get("old_heading"), d.get("new_heading"),
                   [DiffOp(op, t) for op, t in d.get("diff", [])], d.get("items"))


@dataclass
class ReferenceIssue:
    """``ref`` (第二十一条) in the new text: ``problem`` is ``missing`` (no such
    article), ``stale`` (it cites the old number of an article that moved) or
    ``deleted`` (the article it cited went); ``detail`` says it in a sentence."""

    ref: str
    problem: str
    detail: str

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "ReferenceIssue":
        return cls(d["ref"], d["problem"], d.get("detail", ""))


@dataclass
class Note:
    """An annotation anchored in an entry: ``offset`` counts characters of its
    ``side``'s text (the diff without the other side's runs), ``length`` those
    of ``quote``."""

    id: str
    side: str  # "old" | "new"
    offset: int
    length: int
    quote: str
    note: str
    en: str = ""

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "Note":
        return cls(str(d["id"]), d["side"], d["offset"], d["length"], d["quote"], d["note"],
                   d.get("en") or "")


@dataclass
class TextChange:
    """Text outside the articles that changed: an annex's own lines (``where`` is
    its heading, 附件一), the editorial footnotes (``where`` = "footnotes"), or
    lines outside any article, such as a preamble (``where`` = "outside");
    ``diff`` of the lines joined by newlines.

    >>> TextChange("附件一", [DiffOp(0, "1．条例"), DiffOp(1, "（已废止）")]).to_json()["where"]
    '附件一'
    """

    where: str
    diff: list[DiffOp]

    def to_json(self) -> dict:
        return {"where": self.where, "diff": [[op, t] for op, t in self.diff]}

    @classmethod
    def from_json(cls, d: dict) -> "TextChange":
        return cls(d["where"], [DiffOp(op, t) for op, t in d.get("diff", [])])


@dataclass
class ItemOutcome:
    """One item of an instrument as ``compare --decision`` executed it: its label
    ("五", "2:一" for the second of several instruments), ``ok``, ``FAILED`` or
    ``skipped``, and why."""

    label: str
    status: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class DecisionTies:
    """What ``compare --decision`` found: the instruments' titles, each item's
    outcome, the changes no item makes (``unexplained``, entry titles) and the
    items that make none of the changes (``unused``, labels).

    >>> t = DecisionTies(["决定"], [ItemOutcome("一", "ok")], [], [])
    >>> DecisionTies.from_json(t.to_json()) == t, t.to_json()["items"]
    (True, [{'label': '一', 'status': 'ok', 'reasons': []}])
    """

    titles: list[str]
    items: list[ItemOutcome]
    unexplained: list[str]
    unused: list[str]

    def to_json(self) -> dict:
        return {"titles": self.titles, "items": [asdict(i) for i in self.items],
                "unexplained": self.unexplained, "unused": self.unused}

    @classmethod
    def from_json(cls, d: dict) -> "DecisionTies":
        return cls(list(d.get("titles", [])),
                   [ItemOutcome(i["label"], i["status"], list(i.get("reasons", []))) for i in d.get("items", [])],
                   list(d.get("unexplained", [])), list(d.get("unused", [])))
