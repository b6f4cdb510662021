"""Statute text, line by line, into a :class:`~redline.model.Stage`.

One loop serves Chinese (markdown as in ``../shared/corpus``, or the same text
pasted from an official web page without ``#``) and English statutes; a
:class:`Grammar` holds what differs between the languages.

Every non-blank line ends up somewhere: the title, the history (adoption and
amendment lines before the body), a division heading, or a line of an article.
A line that fits none of these (text between headings and the first article) is
kept in ``Stage.stray_lines`` and reported with its line number.

>>> st, warnings = parse_lines("第一章 总 则\\n第一条 为了……，制定本法。\\n第一条之一 新增。", "zh")
>>> [(str(a.number), a.label, a.division) for a in st.articles], st.divisions[0].title
([('1', '第一条', 'chp_1'), ('1-1', '第一条之一', 'chp_1')], '总 则')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..errors import ParseError
from ..model import DIVISION_KINDS, ID_PREFIX, Article, Division, Stage
from ..numbering import (ANNEX_START_RE, ARTICLE_START_RE, CLAUSE_MARK_RE, DIVISION_START_RE,
                         LABEL_SPACE, ArticleNumber, cn_to_int, follows, roman_to_int, spaced,
                         start_number)

INFO_END = "<!-- INFO END -->"
_TOC = re.compile(rf"目{LABEL_SPACE}*录|Contents|Table of Contents", re.I)
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Grammar:
    heading: re.Pattern  # groups: number, kind word, title (English: word, number, title)
    article: re.Pattern  # groups: main, sub, rest of line
    kind_of: dict[str, str]  # kind word -> model kind
    number: Callable[[str], int]
    label: Callable[[re.Match], str]


ZH = Grammar(
    heading=DIVISION_START_RE,
    article=ARTICLE_START_RE,
    kind_of={v: k for k, v in DIVISION_KINDS.items()},
    number=cn_to_int,
    label=lambda m: f"第{m.group(1)}条" + (f"之{m.group(2)}" if m.group(2) else ""),
)

EN = Grammar(
    heading=re.compile(r"^(?i:(Part|Chapter|Section))\s+([IVXLC]+|\d+)\s*[:.\-–—]?\s*(.*)$"),
    article=re.compile(r"^Article\s+(\d+)(?:-(\d+))?\s*[:.\-–—]?\s*(.*)$", re.I),
    kind_of={"part": "part", "chapter": "chapter", "section": "section"},
    number=roman_to_int,
    label=lambda m: f"Article {m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else ""),
)

#: Footnotes of consolidated texts: a line opening with a circled number.
FOOTNOTE_RE = re.compile("^[\u2460-\u2473\u3251-\u325f]")
#: The blank commencement date of a draft: 本法自 年 月 日起施行.
BLANK_DATE_RE = re.compile(r"自\s*年\s*月\s*日起施行")


def detect_language(text: str) -> str:
    """``"zh"`` when the text has Chinese article labels, else ``"en"``."""
    zh = sum(1 for line in text.splitlines()
             if ARTICLE_START_RE.match(line.lstrip("# \t\u3000\u00a0")))
    en = sum(1 for line in text.splitlines() if EN.article.match(line.strip()))
    return "zh" if zh >= en else "en"


def _heading_parts(grammar: Grammar, m: re.Match, lang: str) -> tuple[str, int, str]:
    if lang == "zh":
        number, word, title = m.group(1), m.group(2), m.group(3)
    else:
        word, number, title = m.group(1).lower(), m.group(2), m.group(3)
    return grammar.kind_of[word], grammar.number(number), title.strip()


def parse_lines(text: str, language: str | None = None, *, law: str = "",
                stage: str = "", markdown: bool = True,
                rows: list[tuple[int, str]] | None = None) -> tuple[Stage, list[str]]:
    """Parse a statute; returns the stage and the warnings (``line N: …``).

    ``rows`` (line number in the source, line) replace ``text`` when a step
    before (:mod:`redline.read.reflow`) has already joined the source's lines.
    Raises :class:`ParseError` for text with no articles and for an article
    number used twice.
    """
    if rows is None:
        # Zero-width characters are page-formatting debris: invisible, and never
        # part of the wording, so they would only show up as phantom changes.
        # (A regex, not str.translate: it scans a clean text at C speed, 20× faster.)
        rows = list(enumerate(ZERO_WIDTH.sub("", text).splitlines(), 1))
    lang = language or detect_language("\n".join(line for _, line in rows))
    grammar = ZH if lang == "zh" else EN
    has_info_end = any(line.strip() == INFO_END for _, line in rows)
    st = Stage(law=law, stage=stage, title="", language=lang)
    warnings: list[str] = []
    in_header = True  # before INFO END, or before the first heading/article
    divisions = _Divisions()
    current: Article | None = None
    annex: Division | None = None
    seen: dict[ArticleNumber, int] = {}
    toc_mode = False
    heading_open: Division | None = None  # a heading just read, no line since

    for k, (no, raw) in enumerate(rows):
        line = raw.strip()
        if not line:
            continue
        if line == INFO_END:
            in_header = False
            continue
        # '#' marks a heading in markdown; pasted into a .txt it still does.
        bare = line.lstrip("#").strip()
        if line.startswith("# ") and not st.title:
            st.title = bare
            continue
        if in_header and has_info_end:
            st.history.append(line)
            continue
        if _TOC.fullmatch(bare):
            toc_mode = True  # a table of contents repeats the headings: skip it
            continue
        am = _article_match(grammar, bare, lang, st.articles[-1].number if st.articles else None)
        hm = None if am else grammar.heading.match(bare)
        if hm and lang == "zh" and CLAUSE_MARK_RE.search(hm.group(3)) and not (
                markdown and line.startswith("#")):
            # 第三章规定的…，: a reference at the start of a line, not a heading; a
            # markdown heading says it is one (第三章 审查和批准决算，听取和审议…).
            hm = None
        xm = (ANNEX_START_RE.match(bare) if lang == "zh" and not (am or hm)
              and st.articles and len(bare) <= 30 and not CLAUSE_MARK_RE.search(bare) else None)
        if toc_mode and (am or (hm and _is_repeat(hm, st))):
            toc_mode = False
        if toc_mode:
            st.stray_lines.append(line)
            continue
        if not (am or hm or xm) and heading_open is not None and \
                len(heading_open.title) >= HEADING_WRAPPED_MIN and _heading_wraps(rows, k):
            # A heading's title wrapped onto the next line: it goes on the heading.
            heading_open.heading += bare
            heading_open.title += bare
            continue
        heading_open = None
        if not (am or hm or xm) and st.articles and not in_header and (
                (markdown and line.startswith("#")) or _unnumbered_heading(rows, k, current)):
            # A markdown heading without a number (## 附则): a division, not article text.
            n = 1 + sum(1 for d in st.divisions if d.kind == "heading")
            st.divisions.append(divisions.open("heading", n, bare, bare))
            current = annex = None
            continue
        if xm:
            annex = divisions.open("annex", _annex_number(xm, st), xm.group(3).strip(), bare)
            st.divisions.append(annex)
            current = None
            continue
        if hm:
            in_header = False
            annex = None
            div = divisions.open(*_heading_parts(grammar, hm, lang), bare)
            if st.division(div.id) is not None:
                warnings.append(f"line {no}: heading {bare!r} repeats an earlier one")
            st.divisions.append(div)
            current = None
            heading_open = div if lang == "zh" else None
            continue
        if am:
            in_header = False
            annex = None
            main = grammar.number(am.group(1))
            sub = grammar.number(am.group(2)) if am.group(2) else 0
            number = ArticleNumber(main, sub)
            if number in seen:
                raise ParseError(
                    f"article {grammar.label(am)} appears twice (lines {seen[number]} and {no}); "
                    "fix the source so each article number is used once")
            if st.articles and number < st.articles[-1].number:
                warnings.append(f"line {no}: {grammar.label(am)} comes after "
                                f"{st.articles[-1].label}, out of order")
            seen[number] = no
            rest = (am.group(3) or "").strip()
            current = Article(number, grammar.label(am), divisions.path(),
                              [rest] if rest else [], no)
            st.articles.append(current)
            continue
        if annex is not None:
            annex.lines.append(line)
        elif current is not None and lang == "zh" and FOOTNOTE_RE.match(line):
            # An editor's footnote to a consolidated text, not the article's wording.
            st.footnotes.append({"article": current.label, "text": line})
            warnings.append(f"line {no}: footnote {line[:20]!r} kept apart from {current.label}")
        elif current is not None:
            current.lines.append(line)
        elif in_header and not st.articles and not st.divisions:
            # Plain text: the first line is the title, then the history lines; a
            # title a page's width cut before its last word (中华人民共和国公 / 司法)
            # takes the next line, which carries no date.
            if not st.title:
                st.title = bare
            elif not st.history and not TITLE_END.search(st.title) and not re.search(r"\d", bare):
                st.title += bare
            else:
                st.history.append(line)
        else:
            st.stray_lines.append(line)
            warnings.append(f"line {no}: text outside any article: {line[:40]!r}")
    if not st.articles:
        raise ParseError("no articles found (expected lines starting with "
                         + ("第…条" if lang == "zh" else "Article N") + ")")
    for a in st.articles:
        if not a.lines:
            warnings.append(f"line {a.line_no}: {a.label} has no text")
        elif lang == "zh" and BLANK_DATE_RE.search(a.lines[-1]):
            warnings.append(f"line {a.line_no}: {a.label} leaves the date blank "
                            "(本法自 年 月 日起施行), as a draft does")
    if "草案" in st.title:
        warnings.append(f"title {st.title!r}: a draft")
    return st, warnings


def _article_match(grammar: Grammar, bare: str, lang: str,
                   last: ArticleNumber | None) -> re.Match | None:
    """The article label opening ``bare``, if it opens an article.

    A Chinese label is normally followed by a space (第一条　为了…). Pasted text
    sometimes drops it (第一条为了…); the label then counts only when its number
    is the one expected next, since a line can also open with a reference
    (第二十条规定的…).

    >>> _article_match(ZH, "第一条为了保护", "zh", None).group(1)
    '一'
    >>> _article_match(ZH, "第二十条规定的情形", "zh", ArticleNumber(3)) is None
    True
    """
    m = grammar.article.match(bare)
    if m is None or lang != "zh" or spaced(m):
        return m
    return m if follows(start_number(m), last) else None


def _unnumbered_heading(rows: list[tuple[int, str]], k: int, current: Article | None) -> bool:
    """A heading without a number in plain text (附则 before the last articles).

    Short, without punctuation, after a finished paragraph, and followed at once
    by an article or a numbered heading.
    """
    line = rows[k][1].strip()
    if (current is None or not current.lines or len(line) > 12
            or re.search(r"[，。；：、,.;:()（）\d]", line)
            or not current.lines[-1].rstrip("”’\"')）").endswith(("。", "：", ":"))):
        return False
    return _article_or_heading_next(rows, k)


def _article_or_heading_next(rows: list[tuple[int, str]], k: int) -> bool:
    """Does the next line with words after line ``k`` open an article or a heading?"""
    for _, nxt in rows[k + 1:]:
        s = nxt.strip().lstrip("#").strip()
        if s:
            return bool(ARTICLE_START_RE.match(s) or DIVISION_START_RE.match(s))
    return False


#: The second line of a heading's title: no sentence's end in it, this long at most;
#: and the first line this long at least (a title of 总则 is never cut in two).
HEADING_WRAP_MAX = 40
HEADING_WRAPPED_MIN = 10


#: How a law's title ends (法, 条例, 规定, 办法, 决定, …, or a bracket: （草案）).
TITLE_END = re.compile(r"(?:法|法典|条例|规定|办法|决定|细则|规则|章程|修正案|[)）])$")


def _heading_wraps(rows: list[tuple[int, str]], k: int) -> bool:
    """Is line ``k``, just after a numbered heading, the rest of its title? Short,
    no sentence's end (。；：), and an article or a heading follows at once.

    >>> rows = [(1, "## 第二章 听取和审议人民政府、人民法院和"), (2, "人民检察院的专项工作报告"), (3, "第八条 甲。")]
    >>> _heading_wraps(rows, 1), _heading_wraps(rows[:2] + [(3, "乙。")], 1)
    (True, False)
    """
    line = rows[k][1].strip().lstrip("#").strip()
    if len(line) > HEADING_WRAP_MAX or re.search(r"[。；;：:！？]", line):
        return False
    return _article_or_heading_next(rows, k)


def _annex_number(m: re.Match, st: Stage) -> int:
    """附件一 -> 1; an annex without a number takes the next free one."""
    if m.group(2):
        return cn_to_int(m.group(2))
    return 1 + sum(1 for d in st.divisions if d.kind == "annex")


class _Divisions:
    """The divisions open at a point of the text, and their Akoma Ntoso-style ids.

    >>> d = _Divisions()
    >>> d.open("chapter", 3, "", "第三章").id, d.open("section", 1, "", "第一节").id
    ('chp_3', 'chp_3__sec_1')
    >>> d.open("chapter", 4, "", "第四章").id
    'chp_4'
    """

    def __init__(self) -> None:
        self.open_divs: dict[str, Division] = {}  # kind -> open division

    def path(self) -> str | None:
        ids = [self.open_divs[k].id for k in DIVISION_KINDS if k in self.open_divs]
        return ids[-1] if ids else None

    def open(self, kind: str, number: int, title: str, heading: str) -> Division:
        rank = list(DIVISION_KINDS).index(kind)
        for k in list(DIVISION_KINDS)[rank:]:
            self.open_divs.pop(k, None)
        parent = self.path()
        own = f"{ID_PREFIX[kind]}_{number}"
        div = Division(f"{parent}__{own}" if parent else own, kind, number, heading, title)
        self.open_divs[kind] = div
        return div


def parse_headings(headings: list[str], language: str | None = None) -> list[Division]:
    """A table of contents (one heading a line) -> divisions with ids.

    >>> [(d.id, d.title) for d in parse_headings(["Chapter III: Operations", "Section 1: General"])]
    [('chp_3', 'Operations'), ('chp_3__sec_1', 'General')]
    """
    text = "\n".join(headings)
    lang = language or ("zh" if re.search(r"第.+[章节编]", text) else "en")
    grammar = ZH if lang == "zh" else EN
    divisions = _Divisions()
    out = []
    for heading in headings:
        m = grammar.heading.match(heading.lstrip("#").strip())
        if not m:
            raise ParseError(f"not a heading: {heading!r}")
        out.append(divisions.open(*_heading_parts(grammar, m, lang), heading.strip()))
    return out


def _is_repeat(hm: re.Match, st: Stage) -> bool:
    """True when a heading inside a table of contents starts the body again.

    A contents list names each chapter once; the body names the first chapter
    again, which is where the contents end.
    """
    return any(line.lstrip("#").strip() == hm.group(0) for line in st.stray_lines)
