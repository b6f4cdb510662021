"""The text being amended, as ``redline apply`` holds it while it executes items.

Contents
    Line, Work, Div      a line (with the characters the instrument wrote marked),
                         an article, a heading
    Failed, Skipped      why an action was not executed
    find_all, fold       looking an instrument's quoted words up in a text
    paragraphs_of, relabel, punctuate_items …   small operations on an article's lines
    nearest              where a text comes closest to words it lacks (for the reason
                         a FAILED item gives)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .instrument import Ref
from ..model import ITEM_RE, SUBITEM_RE
from ..numbering import ArticleNumber, cn_article_label, int_to_cn


#: Characters compared as equal when an instrument's quote is looked up in a
#: text (half-width punctuation in raw texts, curly or straight quotes); one for one,
#: so positions found in the folded text hold in the original.
_FOLD = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！",
                       "?": "？", "“": '"', "”": '"', "‘": "'", "’": "'", "\u3000": " "})
DELETED_ARTICLE = "（删去）"
_LABEL_AT_START = re.compile(r"^第[零〇一二两三四五六七八九十百千\d]+条(?:之[零〇一二两三四五六七八九十百千\d]+)?[\s\u3000]+")


class Failed(Exception):
    """An action that cannot be executed on this text; the message says why."""


class Skipped(Exception):
    """An action that does not apply to this text; the message says why."""



@dataclass
class Line:
    """A line of an article being amended; ``fresh`` marks characters the
    instrument wrote (already in the new numbering)."""

    text: str
    fresh: list[bool]
    #: where the line stood in the text amended: paragraph and item (0: the
    #: paragraph itself), counted as the NPC counts. Every number an item names
    #: refers to these, however earlier items moved the lines.
    para: int | None = None
    item: int | None = None

    @classmethod
    def old(cls, text: str, para: int | None = None, item: int | None = None) -> "Line":
        return cls(text, [False] * len(text), para, item)

    @classmethod
    def new(cls, text: str) -> "Line":
        return cls(text, [True] * len(text))

    def replace(self, start: int, end: int, text: str) -> None:
        self.replace_all([(start, end)], text)

    def replace_all(self, spans: list[tuple[int, int]], text: str) -> None:
        """Each (start, end) span, in order and apart, replaced by ``text``: one pass,
        whatever the number of spans (one at a time, 40,000 took 31 s).

        >>> ln = Line.old("甲乙甲乙")
        >>> ln.replace_all([(0, 1), (2, 3)], "丙丁")
        >>> ln.text, ln.fresh
        ('丙丁乙丙丁乙', [True, True, False, True, True, False])
        """
        if not spans:
            return
        texts: list[str] = []
        fresh: list[bool] = []
        last = 0
        mark = [True] * len(text)
        for start, end in spans:
            texts += [self.text[last:start], text]
            fresh += self.fresh[last:start]
            fresh += mark
            last = end
        texts.append(self.text[last:])
        fresh += self.fresh[last:]
        self.text, self.fresh = "".join(texts), fresh


@dataclass
class Div:
    kind: str
    title: str
    heading: str
    parent: "Div | None"
    old_id: str | None  # its id in the text amended; None for a new one
    lines: list[str] = field(default_factory=list)
    number: int = 0  # its number in the text amended


@dataclass
class Work:
    """An article being amended."""

    old: ArticleNumber | None  # its number in the text amended; None for a new one
    lines: list[Line]
    div: Div | None
    final: ArticleNumber | None = None  # the number an item gives it
    gone: bool = False  # deleted, merged or split away
    #: Merged whole into this new article: a reference to it follows there.
    merged_into: ArticleNumber | None = None
    #: Rewritten whole by an item (修改为：“…”): its wording is the item's, so a
    #: later item taking a paragraph of it (numbered as in the text amended)
    #: takes the words the text amended had there and leaves the rewrite alone.
    rewritten: bool = False
    #: old paragraph number -> new one (None: deleted), for references to it
    para_map: dict[int, int | None] = field(default_factory=dict)
    items: list[str] = field(default_factory=list)  # labels of the items that changed it
    after: ArticleNumber | None = None  # a new article placed after this old one
    original: list[Line] = field(default_factory=list)  # as the text amended has it

    @property
    def number(self) -> ArticleNumber:
        """Its number in the amended text: every standing article has one once
        the articles are numbered (:func:`~redline.amend.numbers.number_articles`)."""
        if self.final is None:
            raise AssertionError(f"article {self.old} has no number yet")
        return self.final

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]



def fold(text: str) -> str:
    return text.translate(_FOLD)


def squeeze(text: str) -> tuple[str, list[int]]:
    """The folded text without spaces, and where each of its characters stands in ``text``
    (raw texts put spaces where the official text has none: 农业农村 (畜牧兽医))."""
    chars, where = [], []
    for k, ch in enumerate(fold(text)):
        if not ch.isspace():
            chars.append(ch)
            where.append(k)
    return "".join(chars), where


def find_all(text: str, words: str) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each occurrence of ``words``, spaces and the
    width of punctuation aside.

    >>> find_all("农业农村 (畜牧兽医)主管部门", "农业农村（畜牧兽医）")
    [(0, 11)]
    """
    key, _ = squeeze(words)
    hay, where = squeeze(text)
    out, start = [], 0
    while key and (p := hay.find(key, start)) >= 0:
        out.append((where[p], where[p + len(key) - 1] + 1))
        start = p + len(key)
    return out


def paragraphs_of(lines: list[Line]) -> list[list[int]]:
    """Line indexes of each paragraph (a paragraph line and its items)."""
    out: list[list[int]] = []
    for k, ln in enumerate(lines):
        if out and (ITEM_RE.match(ln.text) or SUBITEM_RE.match(ln.text)):
            out[-1].append(k)
        else:
            out.append([k])
    return out


def strip_label(lines: list[str], number: ArticleNumber | None) -> list[str]:
    """Quoted wording that opens with the article's own label (第三条　…) loses it."""
    if lines and number is not None and lines[0].startswith(cn_article_label(number)):
        first = _LABEL_AT_START.sub("", lines[0], count=1)
        return ([first] if first else []) + lines[1:]
    return lines


_CN_ITEM = re.compile(r"^([（(])([零〇一二两三四五六七八九十百千]+)([)）])")


def relabel(lines: list[Line], idx: list[int]) -> None:
    """Items （一）（二）… numbered again in order after one was added or removed."""
    n = 0
    for k in idx:
        m = _CN_ITEM.match(lines[k].text)
        if not m:
            continue
        n += 1
        label = f"{m.group(1)}{int_to_cn(n)}{m.group(3)}"
        if label != m.group(0):
            lines[k].text = label + lines[k].text[m.end():]
            lines[k].fresh = [False] * len(label) + lines[k].fresh[m.end():]


DIVISION_WORD = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}


def under(d: Div, top: Div) -> bool:
    p = d.parent
    while p is not None:
        if p is top:
            return True
        p = p.parent
    return False


def drop_paragraph(w: Work, old: int | None) -> None:
    """Paragraph ``old`` (as first numbered) is gone: references to it lead nowhere,
    and the ones after it move up."""
    gone = w.para_map.get(old) if old is not None else None
    w.para_map = {o: (None if o == old else p - 1 if p is not None and gone is not None and p > gone
                      else p) for o, p in w.para_map.items()}


def punctuate_items(lines: list[Line], items: list[int], added: range) -> None:
    """An item added to a list ends as its neighbours do: with ； inside the list,
    with 。 at its end, where the instrument quotes it bare (作为第七项“（七）选举…”);
    the item it follows at the end of a list then ends with ； instead of 。.

    >>> ls = [Line.old("甲："), Line.old("（一）乙。"), Line.new("（二）丙")]
    >>> punctuate_items(ls, [1, 2], range(2, 3)); [ln.text for ln in ls]
    ['甲：', '（一）乙；', '（二）丙。']
    """
    for pos, k in enumerate(items):
        if k not in added:
            continue
        last = pos == len(items) - 1
        ln = lines[k]
        if ln.text and ln.text[-1] not in "。；，：;,.:":
            ln.text += "。" if last else "；"
            ln.fresh.append(True)
        if last and pos and items[pos - 1] not in added and lines[items[pos - 1]].text.endswith("。"):
            before = lines[items[pos - 1]]
            before.text = before.text[:-1] + "；"


def fix_item_end(lines: list[Line], items: list[int]) -> None:
    """The last item of a list ends with 。 once the one after it is gone."""
    if items:
        ln = lines[items[-1]]
        if ln.text.endswith("；"):
            ln.text = ln.text[:-1] + "。"


def short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def where_label(ref: Ref) -> str:
    out = ""
    if ref.paragraph:
        out += f"第{int_to_cn(ref.paragraph)}款"
    if ref.item:
        out += f"第{int_to_cn(ref.item)}项"
    return out


def nearest(words: str, w: Work, idx: list[int]) -> str:
    """Where the text comes closest to the quoted words: the longest stretch
    they share, and the first characters that differ after it.

    >>> w = Work(None, [Line.old("处一万元以上十万元以下罚款。")], None)
    >>> nearest("处一万元以上五万元以下罚款", w, [0])
    'the text reads “处一万元以上十万元以下罚款”, differing at “十万元以下罚款。” for “五万元以下罚款”'
    >>> nearest("二万元", w, [0])
    'the text reads “一万元”, differing at “一万元以上十万元以下罚款。” for “二万元”'
    """
    from difflib import SequenceMatcher

    key = fold(words)
    best = (0, "", 0, 0)  # size, line, start in line, start in key
    for k in idx:  # the longest stretch the words open with
        text = fold(w.lines[k].text)
        for start in range(len(text)):
            n = 0
            while n < len(key) and start + n < len(text) and text[start + n] == key[n]:
                n += 1
            if n > best[0]:
                best = (n, w.lines[k].text, start, 0)
    if best[0] < 2:  # they open differently: the longest stretch they share anywhere
        for k in idx:
            text = fold(w.lines[k].text)
            m = SequenceMatcher(None, key, text, autojunk=False).find_longest_match(
                0, len(key), 0, len(text))
            if m.size > best[0]:
                best = (m.size, w.lines[k].text, m.b - m.a, m.a)
    n, text, start, offset = best
    if n == 0:
        return "no part of it matches"
    start = max(0, start)
    here = text[start:start + len(words)]
    if offset:  # the words differ from their start: show where
        return (f"the text reads “{short(here)}”, differing at “{short(text[start:start + 15])}” "
                f"for “{short(words[:15])}”")
    return (f"the text reads “{short(here)}”, differing at “{short(text[start + n:start + n + 15])}” "
            f"for “{short(words[n:n + 15])}”")
