"""Article numbers: Chinese and English forms <-> :class:`ArticleNumber`.

Contents
    ArticleNumber      (main, sub) value type; ``str()`` and ``to_json()`` forms
    cn_to_int          Chinese numerals (up to 千) -> int
    int_to_cn          int -> Chinese numerals, as the NPC writes them
    parse_cn_article   "第一百二十条之一" -> ArticleNumber(120, 1)
    cn_article_label   ArticleNumber(120, 1) -> "第一百二十条之一"

Inserted articles keep their neighbour's number with a suffix (第X条之一), so an
article number is a pair: the main number and the 之 suffix (0 when absent).

>>> parse_cn_article("第一百二十条之一")
ArticleNumber(main=120, sub=1)
>>> str(ArticleNumber(120, 1)), ArticleNumber(120, 1).to_json(), ArticleNumber(18).to_json()
('120-1', '120-1', 18)
>>> cn_article_label(ArticleNumber(1260))
'第一千二百六十条'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import RedlineError

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万"
#: A run of Chinese numerals, for use inside larger patterns.
CN_NUM_RE = f"[{CN_NUMERAL}]+"


class ArticleNumber(NamedTuple):
    """An article's number: ``main`` and the 之 suffix ``sub`` (0 for none).

    Tuples order as articles do: 120 < 120-1 < 120-2 < 121.
    """

    main: int
    sub: int = 0

    def __str__(self) -> str:
        return f"{self.main}-{self.sub}" if self.sub else str(self.main)

    def to_json(self) -> int | str:
        """Integers for plain articles, ``"120-1"`` strings for inserted ones."""
        return str(self) if self.sub else self.main

    @classmethod
    def from_json(cls, value: int | str) -> "ArticleNumber":
        """Inverse of :meth:`to_json`; also accepts ``"18"``.

        >>> ArticleNumber.from_json("120-1"), ArticleNumber.from_json(7)
        (ArticleNumber(main=120, sub=1), ArticleNumber(main=7, sub=0))
        """
        if isinstance(value, int):
            return cls(value)
        m = re.fullmatch(r"\s*(\d+)(?:-(\d+))?\s*", str(value))
        if not m:
            raise ValueError(f"not an article number: {value!r}")
        return cls(int(m.group(1)), int(m.group(2) or 0))


def cn_to_int(text: str) -> int:
    """Value of a Chinese numeral as used in article and chapter numbers.

    >>> [cn_to_int(s) for s in ("十", "十八", "二十", "一百零一", "一百一十", "一千二百六十")]
    [10, 18, 20, 101, 110, 1260]
    >>> cn_to_int("12"), cn_to_int("一万"), cn_to_int("一万零一"), cn_to_int("十二万三千四百零五")
    (12, 10000, 10001, 123405)
    """
    if text.isdigit():
        return int(text)
    total = 0
    digit = 0
    for ch in text:
        if ch == "万":  # what came before counts ten thousands
            total = ((total + digit) or 1) * 10000
            digit = 0
        elif ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            # A bare unit (十 in 十八) means one of it.
            total += (digit or 1) * CN_UNITS[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


def int_to_cn(n: int) -> str:
    """Chinese numeral for ``n`` (1 to 99,999,999) as statutes write it.

    >>> [int_to_cn(n) for n in (1, 10, 11, 20, 101, 110, 1001, 1010, 1260)]
    ['一', '十', '十一', '二十', '一百零一', '一百一十', '一千零一', '一千零一十', '一千二百六十']
    >>> [int_to_cn(n) for n in (10000, 10001, 10010, 12345, 100000, 110000)]
    ['一万', '一万零一', '一万零一十', '一万二千三百四十五', '十万', '十一万']
    """
    if not 0 < n < 100_000_000:
        raise ValueError(f"article number out of range: {n}")
    if n >= 10000:
        high, low = divmod(n, 10000)
        text = int_to_cn(high) + "万"
        if low:
            # 一万零一; below ten the 十 of the rest keeps its 一 (一万零一十).
            rest = _below_ten_thousand(low)
            text += ("零" if low < 1000 else "") + rest
        return text
    text = _below_ten_thousand(n)
    # 十一 not 一十一 when the number starts with ten.
    return text[1:] if text.startswith("一十") else text


def _below_ten_thousand(n: int) -> str:
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    pending_zero = False
    for value, unit in units:
        d, n = divmod(n, value)
        if d:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(digits[d] + unit)
        elif parts:
            pending_zero = True
        if n == 0:
            break
    return "".join(parts)


#: A number as labels write it: Chinese numerals or Arabic digits.
NUMBER_RE = f"(?:{CN_NUM_RE}|\\d+)"
#: Spaces a label may carry inside or after it (ASCII, ideographic, no-break).
LABEL_SPACE = "[ \\t\\u3000\\u00a0]"
#: An article label, no groups, for use inside larger patterns: 第十八条, 第一百二十条之一.
ARTICLE_LABEL = f"第{NUMBER_RE}条(?:之{NUMBER_RE})?"
ARTICLE_RE = re.compile(f"第({NUMBER_RE})条(?:之({NUMBER_RE}))?")
#: An article label at the start of a line, spaces inside allowed (第 一 条, as
#: pasted from some pages). Groups: main number, 之 number, what follows.
ARTICLE_START_RE = re.compile(
    f"^第{LABEL_SPACE}*({NUMBER_RE}){LABEL_SPACE}*条(?:之({NUMBER_RE}))?(.*)$")
#: A division heading at the start of a line: 第X编/分编/章/节. Groups: number, word, title.
DIVISION_START_RE = re.compile(
    f"^第{LABEL_SPACE}*({NUMBER_RE}){LABEL_SPACE}*(分编|编|章|节)(?!规定|的|第|之)"
    f"{LABEL_SPACE}*(.*)$")
#: Clause marks of a sentence. A heading never carries them, so a line that opens
#: with 第三章 and has one (第三章规定的…，) is a reference, not a heading.
CLAUSE_MARK_RE = re.compile("[，。；,;]")
#: An annex heading: 附件, 附件一, 附件1, 附表, 附录 (a division of its own).
ANNEX_START_RE = re.compile(f"^(附件|附表|附录)({NUMBER_RE})?{LABEL_SPACE}*[:：]?{LABEL_SPACE}*(.*)$")


def start_number(m: re.Match) -> ArticleNumber:
    """The number of an :data:`ARTICLE_START_RE` match (its groups hold only numerals).

    >>> start_number(ARTICLE_START_RE.match("第一百二十条之一 甲"))
    ArticleNumber(main=120, sub=1)
    """
    return ArticleNumber(cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0)


def spaced(m: re.Match) -> bool:
    """Does a space (or the line's end) follow the label of an :data:`ARTICLE_START_RE` match?

    A label opening an article is written with one (第一条　为了…); a reference that
    a line happens to open with is not (第二十条规定的…).
    """
    rest = m.group(3)
    return not rest or rest[0] in " \t\u3000\u00a0"


def follows(number: ArticleNumber, last: ArticleNumber | None) -> bool:
    """Is ``number`` the article expected after ``last``: the next, or the next 之?

    >>> [follows(ArticleNumber(*n), last) for n, last in
    ...  [((1,), None), ((8,), ArticleNumber(7)), ((7, 1), ArticleNumber(7)), ((9,), ArticleNumber(7))]]
    [True, True, True, False]
    """
    if last is None:
        return number == ArticleNumber(1)
    return number in (ArticleNumber(last.main + 1), ArticleNumber(last.main, last.sub + 1))


def parse_cn_article(label: str) -> ArticleNumber:
    """``"第十八条"`` -> ``ArticleNumber(18)``; raises ValueError otherwise."""
    m = ARTICLE_RE.fullmatch(label.strip())
    if not m:
        raise ValueError(f"not an article label: {label!r}")
    return ArticleNumber(cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0)


def cn_article_label(number: ArticleNumber) -> str:
    """``ArticleNumber(120, 1)`` -> ``"第一百二十条之一"``."""
    label = f"第{int_to_cn(number.main)}条"
    return label + (f"之{int_to_cn(number.sub)}" if number.sub else "")


def en_article_label(number: ArticleNumber) -> str:
    """``ArticleNumber(12)`` -> ``"Article 12"``; inserted ones as ``Article 12-1``."""
    return f"Article {number}"


def roman_to_int(text: str) -> int:
    """Roman numerals of English chapter headings.

    >>> roman_to_int("VII"), roman_to_int("IX"), roman_to_int("12")
    (7, 9, 12)
    """
    if text.isdigit():
        return int(text)
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    prev = 0
    for ch in reversed(text.upper()):
        v = values[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def int_to_roman(value: int) -> str:
    """Roman numerals for English chapter headings (inverse of :func:`roman_to_int`).

    >>> [int_to_roman(n) for n in (1, 4, 9, 14, 40, 99)]
    ['I', 'IV', 'IX', 'XIV', 'XL', 'XCIX']
    """
    out = ""
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                 (5, "V"), (4, "IV"), (1, "I")):
        while value >= v:
            out += s
            value -= v
    return out


def parse_article_ref(text: str) -> ArticleNumber:
    """``18``, ``120-1``, ``第十八条`` or ``第一百二十条之一`` -> ArticleNumber.

    >>> parse_article_ref("第一百二十条之一"), parse_article_ref("18")
    (ArticleNumber(main=120, sub=1), ArticleNumber(main=18, sub=0))
    """
    text = text.strip()
    try:
        if text.startswith("第"):
            return parse_cn_article(text)
        return ArticleNumber.from_json(re.sub(r"^(?i:article)\s*", "", text))
    except ValueError:
        raise RedlineError(f"{text!r} is not an article number (try 18, 120-1 or 第十八条)") from None


def fill_numbers(olds: list[tuple[ArticleNumber, ArticleNumber | None]],
                 new: list[ArticleNumber], renumbers: bool) -> list[ArticleNumber]:
    """The numbers the surviving old articles take, in their order.

    ``olds``: (old number, the number an item gives it or None); ``new``: the
    numbers of the articles the instrument adds. When the text is renumbered,
    an article no item numbers takes the next number left free, and an old
    第X条之一 stays 之一 of the article before it; otherwise it keeps its number.

    >>> A = ArticleNumber
    >>> fill_numbers([(A(1), None), (A(2), None), (A(3), A(5))], [A(2)], True)
    [ArticleNumber(main=1, sub=0), ArticleNumber(main=3, sub=0), ArticleNumber(main=5, sub=0)]
    """
    if not renumbers:
        return [final or old for old, final in olds]

    def keeps_sub(old: ArticleNumber, final: ArticleNumber | None) -> bool:
        return final is None and old.sub > 0

    taken = {f for _, f in olds if f is not None} | set(new)
    count = sum(1 for o, f in olds if not keeps_sub(o, f) and (f is None or f.sub == 0)) + \
        sum(1 for n in new if n.sub == 0)
    free = iter(k for k in range(1, count + 1) if ArticleNumber(k) not in taken)
    out: list[ArticleNumber] = []
    for old, final in olds:
        if keeps_sub(old, final):
            final = ArticleNumber(out[-1].main if out else 0, old.sub)
        elif final is None:
            nxt = next(free, None)
            final = ArticleNumber(nxt if nxt is not None else count + 1)
        out.append(final)
    return out
