"""Verify an annotated redline against the two stages it claims to compare.

Dropping the insertions of a faithful redline gives the old text, and dropping
the deletions gives the new text, article by article. This reads:

- redline's own HTML (``<article data-old=… data-new=…>`` with ``<del>``/``<ins>``);
- other HTML, where removed text is in ``<del>``, ``<s>`` or ``<strike>`` and added
  text in ``<ins>`` or ``<u>``, and each article starts with its label;
- text with ``[-removed-]`` and ``{+added+}`` marks, articles starting with labels.

Mismatches are reported with the article and the character where they start.

>>> runs_from_marks("甲[-乙-]{+丙+}丁")
[(0, '甲'), (-1, '乙'), (1, '丙'), (0, '丁')]
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..model import Stage
from ..normalise import norm_key
from ..numbering import ARTICLE_LABEL, ArticleNumber, parse_cn_article
from ..read import parse_text, read_source
from ..read.html import BLOCKS, defuse_html
from ..render.plain import HEADER as PLAIN_HEADER
from ..diff.textdiff import side_text

DEL_TAGS = {"del", "s", "strike"}
INS_TAGS = {"ins", "u"}
_MARKS = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.S)


def runs_from_marks(text: str) -> list[tuple[int, str]]:
    runs: list[tuple[int, str]] = []
    pos = 0
    for m in _MARKS.finditer(text):
        if m.start() > pos:
            runs.append((0, text[pos:m.start()]))
        runs.append((-1, m.group(1)) if m.group(1) is not None else (1, m.group(2)))
        pos = m.end()
    if pos < len(text):
        runs.append((0, text[pos:]))
    return runs


class _Runs(HTMLParser):
    """HTML -> runs of (op, text); block ends become newlines.

    In redline's own pages, runs are collected per ``<article data-old data-new>``,
    headers and notes are left out, and in the side-by-side layout the old
    column counts as old text only and the new column as new text only.
    """

    SKIP_TAGS = {"script", "style", "head"}
    OWN_SKIP_TAGS = {"h3", "h4", "nav", "ul", "ol", "header"}
    OWN_SKIP_CLASSES = {"from", "src", "muted", "fn", "footnotes", "ref-issues", "pilcrow"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[int, str]] = []
        self.articles: list[tuple[str, str, list[tuple[int, str]]]] = []
        self.parts: list[str] = []  # each article's data-old-part
        self.same: list[tuple[str, str]] = []
        self.op = 0
        self.generator = ""
        self.stack: list[tuple[str, bool, int]] = []  # (tag, skips, column op)
        self.in_article = False
        self.one_sided = 0  # while set, display breaks belong to this side only

    def _skipping(self) -> bool:
        return any(skips for _, skips, _ in self.stack)

    def _column(self) -> int:
        return next((col for _, _, col in reversed(self.stack) if col), 0)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "meta" and a.get("name") == "generator":
            self.generator = a.get("content") or ""
        own = self.generator == "redline"
        skips = tag in self.SKIP_TAGS or (own and (tag in self.OWN_SKIP_TAGS
                                                   or classes & self.OWN_SKIP_CLASSES))
        col = (-1 if "old" in classes else 1 if "new" in classes else 0) if "col" in classes else 0
        if tag not in ("br", "meta", "img", "hr", "link"):
            self.stack.append((tag, skips, col))
        if own and "pilcrow" in classes:
            # Our inline pages mark a paragraph break only one side has (see
            # render.common.split_lines): ¶ struck through, the old text's; ¶
            # underlined, the new text's. The display breaks that follow, up to
            # the next text the other side shows, are that side's alone.
            op = -1 if tag in DEL_TAGS else 1
            self._text("\n", op)
            self.one_sided = op
        if own and tag == "article" and "data-new" in a:
            self.articles.append((a.get("data-old", ""), a.get("data-new", ""), []))
            self.parts.append(a.get("data-old-part", ""))
            self.in_article = True
        if own and tag == "li" and "same" in classes and "data-new" in a:
            # Listed by number only, as unchanged or only renumbered: a claim
            # that its text is the same on both sides, checked as such.
            self.same.append((a.get("data-old", ""), a.get("data-new", "")))
        if tag in DEL_TAGS:
            self.op = -1
        elif tag in INS_TAGS:
            self.op = 1
        if tag in BLOCKS:
            self._text("\n", 0)

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break
        if tag in DEL_TAGS | INS_TAGS:
            self.op = 0
        if tag in BLOCKS:
            self._text("\n", 0)
        if tag == "article":
            self.in_article = False

    def handle_data(self, data):
        if not self._skipping():
            op = self.op or self._column()
            if data.strip() and op != self.one_sided:  # text the other side shows
                self.one_sided = 0
            self._text(data, op)

    def _text(self, text: str, op: int) -> None:
        if self.one_sided and text == "\n" and op == 0:
            op = self.one_sided
        target = self.articles[-1][2] if self.in_article else self.runs
        target.append((op, text))


class _TableRuns(HTMLParser):
    """Our 对照表 page (``--format table``): the 修改前 and 修改后 columns of its
    article rows, each a list of paragraphs of (op, text) runs. Heading and
    summary rows, and the 说明 column, are not text of the law."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        #: Paragraphs of each column; None where a heading row stands.
        self.columns: dict[int, list[list[tuple[int, str]] | None]] = {0: [], 1: []}
        self.row_kind: str | None = None
        self.cell = -1
        self.op = 0
        self.is_table = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.row_kind = a.get("class") or "entry"
            self.cell = -1
            if self.row_kind == "heading":  # a chapter, or text outside the articles
                for col in self.columns.values():
                    col.append(None)
        elif tag == "td" and self.row_kind == "entry":
            self.cell += 1
        elif tag == "p" and self.row_kind == "entry" and self.cell in (0, 1):
            self.columns[self.cell].append([])
        elif tag in DEL_TAGS:
            self.op = -1
        elif tag in INS_TAGS:
            self.op = 1

    def handle_endtag(self, tag):
        if tag in DEL_TAGS | INS_TAGS:
            self.op = 0
        elif tag == "tr":
            self.row_kind = None

    def handle_data(self, data):
        if data.strip() in ("修改前", "修改后"):
            self.is_table = True
        if self.row_kind == "entry" and self.cell in (0, 1) and self.columns[self.cell]:
            para = self.columns[self.cell][-1]
            if para is not None:
                para.append((self.op, data))


#: A label opening an article in a 对照表 column, as the table writes it: the
#: label grammar of :mod:`redline.numbering`, then an ideographic space.
_LABEL_START = re.compile(f"^({ARTICLE_LABEL})\u3000" r"|^Article (\d+(?:-\d+)?) ")


def _column_articles(paragraphs: list[list[tuple[int, str]] | None], side: str
                     ) -> list[tuple[ArticleNumber, list[str]]]:
    """A column's paragraphs, one side's words, cut into articles at the labels
    that open them (第一条　…, Article 1 …); a heading row (None) ends an article,
    and what follows it up to the next label is not an article's (an annex).

    >>> [(str(n), lines) for n, lines in _column_articles(
    ...     [[(0, "第一条　甲"), (1, "乙")], [(0, "丙")], [(0, "第二条　丁"), (-1, "戊")], None, [(0, "附")]], "old")]
    [('1', ['甲', '丙']), ('2', ['丁戊'])]
    """
    skip = 1 if side == "old" else -1
    out: list[tuple[ArticleNumber, list[str]]] = []
    open_article = False
    for runs in paragraphs:
        if runs is None:
            open_article = False
            continue
        line = "".join(t for op, t in runs if op != skip).strip()
        if not line:
            continue
        m = _LABEL_START.match(line)
        if m:
            number = (parse_cn_article(m.group(1)) if m.group(1)
                      else ArticleNumber.from_json(m.group(2)))
            out.append((number, [line[m.end():]]))
            open_article = True
        elif open_article:
            out[-1][1].append(line)
    return out


def _verify_table(path: Path, parser: _TableRuns, old_arts, new_arts) -> tuple[list[str], list[str]]:
    """Each column of our 对照表 must read as its whole text: every article once,
    with its paragraphs, its changes taken as that side has them."""
    ok: list[str] = []
    failed: list[str] = []
    held = _Held()
    for k, side, arts in ((0, "old", old_arts), (1, "new", new_arts)):
        for number, lines in _column_articles(parser.columns[k], side):
            where = f"{path}: {side} column {number}"
            held.add(side, [number], where)
            want = arts.get(number)
            if want is None:
                failed.append(f"{where}: no such article")
            elif bad := _first_difference(lines, want.lines, by_line=True):
                failed.append(f"{where}: {bad}")
            else:
                ok.append(where)
    before = len(failed)
    held.report(path, old_arts, new_arts, failed)
    if len(failed) > before:
        failed[before] += " (a 对照表 holds every article only when written with --all)"
    return ok, failed


def _side(runs: list[tuple[int, str]], side: str) -> list[str]:
    """The lines of one side: the runs without those of the other side."""
    return [line.strip() for line in side_text(runs, side).split("\n") if line.strip()]


def _flat(lines: list[str]) -> str:
    """Text compared without its line breaks: an inline redline shows a deleted
    paragraph break as a break in both sides, so breaks cannot be told apart."""
    return "".join(norm_key(x) for x in lines)


def _first_difference(got: list[str], want: list[str], by_line: bool = False) -> str | None:
    """Where ``got`` first differs from ``want``: a character of the flattened
    texts, or, ``by_line``, also a paragraph break one has and the other lacks.

    >>> _first_difference(["甲乙", "丙"], ["甲乙丙"]) is None
    True
    >>> print(_first_difference(["甲乙", "丙"], ["甲乙丙"], by_line=True))
    paragraph 1: expected '甲乙丙', found '甲乙' (a paragraph break differs)
    """
    a, b = _flat(got), _flat(want)
    if a != b:
        k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"at character {k}: expected {b[k:k + 12]!r}, found {a[k:k + 12]!r}"
    if by_line:
        got_keys, want_keys = [norm_key(x) for x in got], [norm_key(x) for x in want]
        for k, (x, y) in enumerate(zip(got_keys, want_keys), 1):
            if x != y:
                return (f"paragraph {k}: expected {y[:12]!r}, found {x[:12]!r} "
                        "(a paragraph break differs)")
    return None


def _numbers(attr: str) -> list[ArticleNumber]:
    """Article numbers of a header or attribute, parts left out.

    >>> [str(n) for n in _numbers("68,69(part),70-1")]
    ['68', '70-1']
    """
    return [ArticleNumber.from_json(x) for x in attr.split(",")
            if x.strip() and x.strip() != "—" and not x.endswith("(part)")]


class _Held:
    """Which entry holds each article whole, on each side: every article of both
    texts must be held exactly once, or text was lost (or repeated)."""

    def __init__(self) -> None:
        self.by: dict[str, dict[ArticleNumber, str]] = {"old": {}, "new": {}}
        self.twice: list[str] = []

    def add(self, side: str, numbers: list[ArticleNumber], where: str) -> None:
        for n in numbers:
            if n in self.by[side]:
                self.twice.append(f"{where}: {side} article {n} is also held by "
                                  f"{self.by[side][n]}: text repeated")
            self.by[side][n] = where

    def report(self, path, old_arts, new_arts, failed: list[str]) -> None:
        failed.extend(self.twice)
        for side, arts in (("old", old_arts), ("new", new_arts)):
            missing = [a.label for n, a in arts.items() if n not in self.by[side]]
            if missing:
                failed.append(f"{path}: {side} side lacks {len(missing)} articles "
                              f"(first: {missing[0]}): text missing from the redline")


def verify_redline(path: Path, old: Stage, new: Stage) -> tuple[list[str], list[str]]:
    """(passed, failed) lines, one per article side checked or failing."""
    text, _ = read_source(path)
    ok: list[str] = []
    failed: list[str] = []
    old_arts, new_arts = old.by_number(), new.by_number()
    if path.suffix.lower() in (".html", ".htm"):
        parser = _Runs()
        text = defuse_html(text)
        parser.feed(text)
        parser.close()
        if parser.generator == "redline" and not parser.articles:
            table = _TableRuns()
            table.feed(text)
            table.close()
            if table.is_table:
                return _verify_table(path, table, old_arts, new_arts)
        if parser.generator == "redline" and parser.articles:
            held = _Held()
            for (old_attr, new_attr, runs), part in zip(parser.articles, parser.parts):
                where = f"{path}: article {old_attr or '—'} → {new_attr or '—'}"
                held.add("old", _numbers(old_attr), where)
                held.add("new", _numbers(new_attr), where)
                _check_entry(where, _numbers(old_attr), _numbers(new_attr), runs, old_arts,
                             new_arts, ok, failed)
            for old_attr, new_attr in parser.same:
                where = f"{path}: article {old_attr or '—'} → {new_attr or '—'} (listed as the same)"
                held.add("old", _numbers(old_attr), where)
                held.add("new", _numbers(new_attr), where)
                _check_same(where, _numbers(old_attr), _numbers(new_attr), old_arts, new_arts,
                            ok, failed)
            held.report(path, old_arts, new_arts, failed)
            return ok, failed
        runs = parser.runs
    elif text.startswith(PLAIN_HEADER):
        return _verify_plain(path, text, old_arts, new_arts)
    else:
        runs = runs_from_marks(text)
    for side, stage, arts in (("old", old, old_arts), ("new", new, new_arts)):
        body = "\n".join(_side(runs, side))
        try:
            st, _ = parse_text(body, "text", language=stage.language)
        except Exception as e:  # a side with no articles at all
            failed.append(f"{path}: {side} side: {e}")
            continue
        for a in st.articles:
            want = arts.get(a.number)
            where = f"{path}: {side} side {a.label}"
            if want is None:
                failed.append(f"{where}: no such article in {stage.stage}")
            elif bad := _first_difference(a.lines, want.lines):
                failed.append(f"{where}: {bad}")
            else:
                ok.append(where)
        missing = [a.label for a in stage.articles if a.number not in st.by_number()]
        if missing:
            failed.append(f"{path}: {side} side lacks {len(missing)} articles of {stage.stage} "
                          f"(first: {missing[0]})")
    return ok, failed


def _check_entry(where: str, old_numbers, new_numbers, runs, old_arts, new_arts,
                 ok: list[str], failed: list[str]) -> None:
    """One entry of our own redline (a page's article, a plain record's entry):
    its old side must read as its old articles, its new side as its new ones."""
    olds = [old_arts.get(n) for n in old_numbers]
    news = [new_arts.get(n) for n in new_numbers]
    if None in olds or None in news:
        failed.append(f"{where}: no such article in the stages")
        return
    want_new = [x for a in news for x in a.lines]
    want_old = [x for a in olds for x in a.lines]
    got_new, got_old = _side(runs, "new"), _side(runs, "old")
    # Our redlines mark every paragraph break one side lacks, so the
    # paragraphs themselves are checked, not only the wording.
    bad_new = _first_difference(got_new, want_new, by_line=True)
    bad_old = _first_difference(got_old, want_old, by_line=True)
    if bad_new:
        failed.append(f"{where}: new side {bad_new}")
    elif bad_old:
        failed.append(f"{where}: old side {bad_old}")
    else:
        ok.append(where)


def _check_same(where: str, old_numbers, new_numbers, old_arts, new_arts,
                ok: list[str], failed: list[str]) -> None:
    """An entry listed by number only: its articles must read the same."""
    olds = [old_arts.get(n) for n in old_numbers]
    news = [new_arts.get(n) for n in new_numbers]
    if None in olds or None in news:
        failed.append(f"{where}: no such article in the stages")
        return
    bad = _first_difference([x for a in olds for x in a.lines], [x for a in news for x in a.lines],
                            by_line=True)
    if bad:
        failed.append(f"{where}: listed as unchanged, but {bad}")
    else:
        ok.append(where)


_PLAIN_ENTRY = re.compile(r"^@@ old (\S+) \| new (\S+) @@")


def _verify_plain(path: Path, text: str, old_arts, new_arts) -> tuple[list[str], list[str]]:
    """Our ``--format plain`` record, entry by entry; and every article of both
    stages must be in it."""
    ok: list[str] = []
    failed: list[str] = []
    entries: list[tuple[str, str, list[str]]] = []
    for line in text.split("\n")[1:]:
        m = _PLAIN_ENTRY.match(line)
        if m:
            entries.append((m.group(1), m.group(2), []))
        elif entries:
            entries[-1][2].append(line)
        elif line.strip():
            failed.append(f"{path}: text before the first entry: {line[:30]!r}")
    held = _Held()
    for old_attr, new_attr, body in entries:
        olds, news = _numbers(old_attr), _numbers(new_attr)
        where = f"{path}: entry {old_attr} → {new_attr}"
        held.add("old", olds, where)
        held.add("new", news, where)
        _check_entry(where, olds, news, _plain_runs("\n".join(body)), old_arts, new_arts, ok, failed)
    held.report(path, old_arts, new_arts, failed)
    return ok, failed


def _plain_runs(text: str) -> list[tuple[int, str]]:
    """Runs of a plain record's entry; a ¶ mark is a paragraph break of one side.

    >>> _plain_runs("甲[-¶-]乙\\n丙{+¶+}\\n丁")
    [(0, '甲'), (-1, '\\n'), (0, '乙\\n丙'), (1, '\\n'), (0, '丁')]
    """
    runs = runs_from_marks(text)
    out: list[tuple[int, str]] = []
    for k, (op, chunk) in enumerate(runs):
        if op and chunk == "¶":
            out.append((op, "\n"))
            if op == 1 and k + 1 < len(runs) and runs[k + 1][0] == 0 and runs[k + 1][1].startswith("\n"):
                runs[k + 1] = (0, runs[k + 1][1][1:])  # the break shown after {+¶+} is that one
            continue
        if chunk:
            out.append((op, chunk))
    return out
