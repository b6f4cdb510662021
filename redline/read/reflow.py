"""Lines as a layout broke them -> one line per paragraph, page furniture dropped.

Contents
    reflow          text -> Reflowed (numbered lines, one per paragraph; what was dropped)
    is_page_number  "— 12 —", "- 12 -", "第 3 页", "3/38", "12" -> True
    ends_paragraph  does a line end where a statute paragraph can end?

Drafts arrive as text pulled out of a PDF or pasted from a web page: every
paragraph is cut into lines as wide as the page was, page numbers and running
headers sit between them, and a web page ends with its footer. This step, run
between reading a source and parsing it, puts the paragraphs back together so
that a hard wrap never shows as a change.

A line break is kept only where a statute really has one:

- before an article (第X条), a heading (第X章 …), an item ((一), （一）), a
  sub-item (1.) or an annex (附件一), which always start a line;
- where the layout indents a line as it indents an article's first line (a
  PDF's text layer, ``pdftotext -layout``, text copied with its indents):
  then indentation alone tells a paragraph's first line from its continuations;
- otherwise, after a line that ends a paragraph: 。 ： ？ ！ (either width),
  optionally followed by closing quotes or brackets (``修改为：“……。”``).

Every other line continues the paragraph before it. A semicolon ends items
((一)…；), and an item's successor is itself labelled, so ； never ends a line's
paragraph by itself: in the corpus's 7,100 paragraphs, every one of the 1,354
that end with ； is followed by an item. A 。 at the end of a full line is
ambiguous without indentation (a paragraph may go on after a full stop); it is
taken as a paragraph's end, which the reading drafts bear out (15 of 15 such
lines in the two Animal Epidemic Prevention Law drafts). A line that starts with an
article label but follows an unfinished line is a reference the layout happened
to put first (``依照本法\\n第二十条规定``) unless its number is the next one
expected. Lines before the first article or heading (title, history) are kept
as they are.

Dropped, and reported with their line numbers, never silently:

- page numbers: ``— 12 —``, ``- 12 -``, ``第 3 页``, ``第3页 共10页``, ``3/38``, a bare number;
- running headers and footers: a line that, digits and runs of spaces aside,
  stands beside at least half the page breaks (three at the least), with none of
  a sentence's clause punctuation (see ``_running_headers``);
- a web page's footer after the last article (``来源：…``, ``责任编辑``, ``打印本页``).

Kept apart, and reported: an explanatory note (说明) after the text.

>>> r = reflow("第一章 总则\\n第一条 为了加强管理,预防、控\\n制疫病,制定本法。\\n— 1 —\\n第二条 本法适用于\\n境内。")
>>> r.lines
[(1, '第一章 总则'), (2, '第一条 为了加强管理,预防、控制疫病,制定本法。'), (5, '第二条 本法适用于境内。')]
>>> r.dropped
[(4, 'page number', '— 1 —')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import ITEM_RE, SUBITEM_RE
from ..numbering import (ANNEX_START_RE, ARTICLE_START_RE, CLAUSE_MARK_RE, DIVISION_START_RE,
                        ArticleNumber, follows, spaced, start_number)

#: Marks that end a paragraph of a statute, in both widths (； ends items only).
PARAGRAPH_END = "。：？！:?!"
#: The same for English statutes.
PARAGRAPH_END_EN = ".:?!"
#: What may follow the end mark: closing quotes and brackets (修改为：“……。”).
CLOSERS = "”’」』\"')）》"
#: Spaces a layout leaves at line ends and starts.
_EDGE_SPACE = " \t\u3000\u00a0"

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～\s]*\d{1,4}[-—–－~～\s]*"  # — 12 —, - 12 -, 12
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第 3 页, 第3页 共10页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/38
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$")
#: Lines that open a web page's footer: nothing after them is law text.
_WEB_FOOTER = re.compile(
    r"^(?:来源\s*[:：]|稿件来源|责任编辑|编辑\s*[:：]|【?\s*(?:打印本页|关闭窗口|打印|关闭)\s*】?$"
    r"|分享到|扫一扫|版权所有|Copyright|©)")
#: The heading of an explanatory note published with a draft.
_NOTE_HEADING = re.compile(r"^(?:关于《.+》(?:（草案）)?的说明|（?草案）?说明|修[订正]草案说明)$")
#: A line counts as a running header only if it is this short (characters).
RUNNING_HEADER_MAX = 120
#: ... and recurs, digits aside, at least this many times next to page breaks
#: (and beside at least half of them).
RUNNING_HEADER_MIN = 3
#: Punctuation inside a statute's sentences; a running header has none of it.
_CLAUSE_PUNCTUATION = re.compile(r"[，、；。]|,(?=[\u4e00-\u9fff])")
#: A heading's second line: no sentence punctuation, at most this many characters.
HEADING_CONTINUATION_MAX = 25


@dataclass
class Reflowed:
    """The text as paragraphs, with what was taken out of it.

    ``lines`` are (line number in the source, text), one per paragraph, item or
    heading; ``dropped`` are (line number, why, text) of page furniture;
    ``note`` is an explanatory note found after the text, as (line number, text).
    """

    lines: list[tuple[int, str]] = field(default_factory=list)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)
    note: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)

    def warnings(self) -> list[str]:
        # One warning per kind of furniture and text: a running header is on every page.
        groups: dict[tuple[str, str], list[int]] = {}
        for no, why, text in self.dropped:
            groups.setdefault((why, _mask_digits(text) if "header" in why else text), []).append(no)
        out = []
        for (why, text), nos in groups.items():
            where = f"line {nos[0]}" if len(nos) == 1 else (
                f"lines {', '.join(map(str, nos[:3]))}{', …' if len(nos) > 3 else ''} "
                f"({len(nos)} times)")
            out.append(f"{where}: dropped {why}: {text.strip()[:40]!r}")
        if self.note:
            no, first = self.note[0]
            out.append(f"line {no}: {first[:30]!r} and the {len(self.note) - 1} lines after it "
                       "are an explanatory note, kept apart from the articles")
        return out


def _split_pages(line: str) -> list[str]:
    if "\f" not in line:
        return [line]
    parts = line.split("\f")
    out = [parts[0]]
    for p in parts[1:]:
        out += ["\f", p]
    return [x for x in out if x != ""]


def is_page_number(line: str) -> bool:
    """A line that is only a page number.

    >>> [is_page_number(s) for s in ("— 12 —", "- 3 -", "第 3 页", "第3页 共10页", "3/38", "7")]
    [True, True, True, True, True, True]
    >>> [is_page_number(s) for s in ("第三条", "2021年", "（一）")]
    [False, False, False]
    """
    return line == "\f" or bool(_PAGE_NUMBER.match(line.strip()))


#: What a browser prints at the head and foot of each page: the date and time
#: (12/4/26, 10:14 AM; 2026/12/4 10:14), then the title; the page's address,
#: then n/m. Never a statute's words, so dropped even on a one-page print.
_PRINT_FURNITURE = re.compile(
    r"^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s.*)?"
    r"|(?:file|https?)://\S+(?:\s+\d+\s*/\s*\d+)?)$")


def is_print_furniture(line: str) -> bool:
    """A browser's print header or footer line.

    >>> [is_print_furniture(s) for s in ("12/4/26, 10:14 AM 中华人民共和国网络安全法",
    ...  "file:///tmp/csl.html 3/15", "https://www.npc.gov.cn/npc/c2/c30834/202510/t2025.html 1/2",
    ...  "2026/12/4 10:14", "第三条 2016年11月7日通过", "12/4/26")]
    [True, True, True, True, False, False]
    """
    return bool(_PRINT_FURNITURE.match(line.strip()))


def ends_paragraph(line: str, language: str = "zh") -> bool:
    """True when ``line`` ends where a statute paragraph may end.

    >>> [ends_paragraph(s) for s in ("制定本法。", "下列三类:", "修改为：“甲。”", "预防、控", "甲；")]
    [True, True, True, False, False]
    """
    s = line.rstrip(_EDGE_SPACE).rstrip(CLOSERS)
    return bool(s) and s[-1] in (PARAGRAPH_END if language == "zh" else PARAGRAPH_END_EN)


def _indent(raw: str) -> int:
    """Width of a line's indentation, a full-width space counting two.

    >>> _indent("　　第一条"), _indent("   甲"), _indent("甲")
    (4, 3, 0)
    """
    n = 0
    for ch in raw:
        if ch in " \u00a0":
            n += 1
        elif ch == "\u3000":
            n += 2
        elif ch == "\t":
            n += 4
        else:
            break
    return n


def paragraph_indent(rows: list[tuple[int, str]], language: str = "zh") -> int | None:
    """The indentation that marks a paragraph's first line, if the layout has one.

    That is the indentation most article lines have, provided a good share of
    the other lines sit to the left of it (continuations). A text whose every
    paragraph is one indented line has no continuations: None.

    >>> paragraph_indent(list(enumerate(["  第一条 甲乙", "丙丁。", "  第二条 戊", "己。"])))
    2
    >>> paragraph_indent(list(enumerate(["　　第一条 甲。", "　　乙。"]))) is None
    True
    """
    starts: Counter[int] = Counter()
    others: list[int] = []
    for _, raw in rows:
        s = raw.strip(_EDGE_SPACE)
        if not s or is_page_number(s):
            continue
        if ARTICLE_START_RE.match(s) if language == "zh" else s.lower().startswith("article"):
            starts[_indent(raw)] += 1
        elif not DIVISION_START_RE.match(s):
            others.append(_indent(raw))
    if not starts or not others:
        return None
    level = starts.most_common(1)[0][0]
    left = sum(1 for i in others if i < level)
    return level if level > 0 and left >= 0.2 * len(others) else None


#: An English article or chapter label opening a line: text, never a running header
#: (Article 2 Deleted. repeats with only its number changed).
_EN_LABEL = re.compile(r"^(?:Article|Chapter|Section|Part)\s+[\dIVXLC]", re.I)


def _is_label_line(line: str) -> bool:
    return bool(ITEM_RE.match(line) or SUBITEM_RE.match(line) or _EN_LABEL.match(line))


def _mask_digits(line: str) -> str:
    """A line with its numbers and its runs of spaces made alike (page 2/38 ~ 3/38).

    >>> _mask_digits("file:///a.html      2/38") == _mask_digits("file:///a.html   13/38")
    True
    """
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip(_EDGE_SPACE)))


def _running_headers(rows: list[tuple[int, str]]) -> set[str]:
    """Digit-masked lines that recur next to page breaks: running headers and footers.

    A page break is a form feed, a page number, or a blank line where blank
    lines are rare (where they separate every paragraph, they are not page
    breaks). A line counts only when it stands beside at least half of the
    breaks (three at the least), carries none of the clause punctuation of a
    statute's sentences, and is no article, heading or item: a fragment of
    boilerplate that a fixed width happens to cut out more than once is text,
    and must never be dropped.
    """
    pages = sum(1 for _, line in rows if line == "\f")
    blanks = sum(1 for _, line in rows if not line.strip(_EDGE_SPACE))
    # Form feeds, where there are any, are the page breaks; else blank lines
    # where they are rare (where they part every paragraph they are no breaks).
    blank_breaks = not pages and blanks < 0.1 * max(1, len(rows))

    def is_break(line: str) -> bool:
        s = line.strip(_EDGE_SPACE)
        return (s == "" and blank_breaks) or is_page_number(s)

    breaks = pages or sum(1 for k, (_, line) in enumerate(rows)
                          if is_break(line) and not (k and is_break(rows[k - 1][1])))

    def header_like(s: str) -> bool:
        return not (len(_mask_digits(s)) > RUNNING_HEADER_MAX or is_page_number(s)
                    or ends_paragraph(s) or _CLAUSE_PUNCTUATION.search(s)
                    or ARTICLE_START_RE.match(s) or DIVISION_START_RE.match(s)
                    or _is_label_line(s))

    def beside_break(k: int, step: int) -> bool:
        # Walking one way, a break (or the text's edge) comes before any text,
        # past at most two other header-like lines (a header and a footer may
        # both sit at a page's foot, as PDF text layers often give them).
        k += step
        others = 0
        while 0 <= k < len(rows):
            s = rows[k][1].strip(_EDGE_SPACE)
            if s and is_break(s):
                return True
            if s and (not header_like(s) or others == 2):
                return False
            if s:
                others += 1
            elif blank_breaks:
                return True
            k += step
        return True

    near_break: Counter[str] = Counter()
    for k, (_, line) in enumerate(rows):
        s = line.strip(_EDGE_SPACE)
        if not s or not header_like(s):
            continue
        if beside_break(k, -1) or beside_break(k, 1):
            near_break[_mask_digits(s)] += 1
    need = max(RUNNING_HEADER_MIN, breaks // 2)
    return {s for s, n in near_break.items() if n >= need}


def drop_furniture(text: str) -> tuple[str, list[str]]:
    """A layout's text (a PDF's) without its page numbers and running headers and
    footers, lines otherwise as they were; and a warning per kind dropped. For
    texts that are not statutes, such as amendment instruments, whose lines the
    reader joins itself.

    >>> drop_furniture("一、删去第五条。\\n- 1 -\\n二、删去第六条。")
    ('一、删去第五条。\\n二、删去第六条。', ["line 2: dropped page number: '- 1 -'"])
    """
    rows = [(no, raw) for no, line in enumerate(text.replace("\r", "").split("\n"), 1)
            for raw in _split_pages(line)]
    headers = _running_headers(rows)
    found = Reflowed()
    kept: list[str] = []
    for no, raw in rows:
        line = raw.strip(_EDGE_SPACE)
        if line == "\f":
            continue
        if line and is_page_number(line):
            found.dropped.append((no, "page number", line))
        elif line and is_print_furniture(line):
            found.dropped.append((no, "browser print header or footer", line))
        elif line and _mask_digits(line) in headers:
            found.dropped.append((no, "running header or footer", line))
        else:
            kept.append(raw)
    return "\n".join(kept), found.warnings()


def reflow(text: str, language: str = "zh") -> Reflowed:
    """Join a layout's lines back into paragraphs; see the module docstring."""
    # A form feed is a page break: it becomes a page-number-like row of its own
    # ("\f" alone), so the headers beside it are seen and it is then dropped.
    rows = [(no, raw) for no, line in enumerate(text.replace("\r", "").split("\n"), 1)
            for raw in _split_pages(line)]
    headers = _running_headers(rows)
    out = Reflowed()
    indent = paragraph_indent(rows, language)
    body = False  # past the first article or heading
    last_article: ArticleNumber | None = None
    open_kind = ""  # what the last kept line is: "heading", "text" or ""
    joiner = "" if language == "zh" else " "
    footer_at: int | None = None

    # The footer is what follows the last article's text and opens with a footer line.
    last_article_row = max((k for k, (_, l) in enumerate(rows)
                            if ARTICLE_START_RE.match(l.strip(_EDGE_SPACE).lstrip("#").strip())),
                           default=-1)
    for k in range(last_article_row + 1, len(rows)):
        s = rows[k][1].strip(_EDGE_SPACE)
        if _WEB_FOOTER.match(s):
            footer_at = k
            break
        if _NOTE_HEADING.match(s):
            out.note = [(no, l.strip(_EDGE_SPACE)) for no, l in rows[k:] if l.strip(_EDGE_SPACE)]
            footer_at = k
            break

    for k, (no, raw) in enumerate(rows):
        if footer_at is not None and k >= footer_at:
            s = raw.strip(_EDGE_SPACE)
            if s and not out.note:
                out.dropped.append((no, "web page footer", s))
            continue
        line = raw.strip(_EDGE_SPACE)
        if not line or line == "\f":  # a page break: not text, nothing to report
            continue
        if is_page_number(line):
            out.dropped.append((no, "page number", line))
            continue
        if is_print_furniture(line):
            out.dropped.append((no, "browser print header or footer", line))
            continue
        if _mask_digits(line) in headers:
            out.dropped.append((no, "running header or footer", line))
            continue
        bare = line.lstrip("#").strip(_EDGE_SPACE)
        am = ARTICLE_START_RE.match(bare) if language == "zh" else None
        dm = DIVISION_START_RE.match(bare) if language == "zh" else None
        if not body:
            if am or dm:
                body = True
            else:
                out.lines.append((no, line))
                continue
        prev = out.lines[-1][1] if out.lines else ""
        if indent is not None and open_kind == "text":
            # The layout says it: a line indented as paragraphs are starts one.
            finished = _indent(raw) >= indent
        else:
            finished = open_kind != "text" or ends_paragraph(prev, language)
        if am:
            number = start_number(am)
            expected = follows(number, last_article)
            # After a finished line, a label with a space or the expected number opens
            # an article; after an unfinished one it takes both (依照本法\n第一百零八条规定的…).
            if (spaced(am) or expected) if finished else (spaced(am) and expected):
                last_article = number
                out.lines.append((no, line))
                open_kind = "text"
                continue
        elif dm and (finished or not CLAUSE_MARK_RE.search(line)):
            out.lines.append((no, line))
            open_kind = "heading"
            continue
        elif (ANNEX_START_RE.match(bare) and finished and len(bare) <= HEADING_CONTINUATION_MAX
              and not ends_paragraph(bare)):
            out.lines.append((no, line))
            open_kind = "heading"
            continue
        if open_kind == "heading" and _heading_continues(line, rows, k, headers):
            n0, head = out.lines[-1]
            out.lines[-1] = (n0, head + line)
            continue
        if finished or _is_label_line(line):
            out.lines.append((no, line))
            open_kind = "text"
            continue
        n0, para = out.lines[-1]
        out.lines[-1] = (n0, _join(para, line, joiner))
    return out


def _join(para: str, line: str, joiner: str) -> str:
    """One paragraph from two pieces of a wrapped line.

    >>> _join("预防、控", "制疫病", ""), _join("the law-", "ful use", " "), _join("of the", "State", " ")
    ('预防、控制疫病', 'the lawful use', 'of the State')
    """
    if joiner and para.endswith("-") and line[:1].islower():
        return para[:-1] + line
    return para + joiner + line


def _heading_continues(line: str, rows: list[tuple[int, str]], k: int,
                       headers: set[str]) -> bool:
    """A heading's next line: short, no sentence punctuation, and an article or
    heading comes next, after at most two more such lines (a long chapter title
    in a narrow column takes three), not counting blank lines and page furniture."""
    def short(s: str) -> bool:
        return len(s) <= HEADING_CONTINUATION_MAX and not re.search("[，。；：,.;:]", s)

    if not short(line):
        return False
    more = 2
    for _, nxt in rows[k + 1:]:
        s = nxt.strip(_EDGE_SPACE).lstrip("#").strip()
        if not s or is_page_number(s) or _mask_digits(s) in headers:
            continue
        if ARTICLE_START_RE.match(s) or DIVISION_START_RE.match(s):
            return True
        if not short(s) or more == 0:
            return False
        more -= 1
    return False
