"""A translation of one stage of a law: its articles, each tied to the Chinese it translates.

The file is the translator's: markdown (the form written here), plain text, Word
or HTML, edited in any editor. What the tool needs is kept in the text itself,
in forms an editor leaves alone:

- the fingerprint of the Chinese an article translates, on its label line:
  ``Article 23 [zh:5d41402abc]``;
- a note for the translator, as an HTML comment (``<!-- redline: … -->``); in
  Word and plain text the same characters stand as ordinary paragraphs, and are
  read the same way. The translator deletes a note when its work is done.

A fingerprint is of the Chinese article's words, with width and spacing set
aside (a raw re-import of the same text keeps it), never of its number, so an
article that only moved keeps its fingerprint:

>>> from redline.model import Article
>>> from redline.numbering import ArticleNumber as N
>>> a = Article(N(5), "第五条", None, ["国家保护网络安全（一）。"])
>>> b = Article(N(7), "第七条", None, ["国家保护网络安全(一)。"])
>>> fingerprint(a) == fingerprint(b), len(fingerprint(a))
(True, 10)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParseError, RedlineError
from ..model import Article, Division, Stage, division_path
from ..normalise import norm_text
from ..numbering import ArticleNumber

#: The fingerprint mark on an article's label line: ``[zh:`` ten hex digits ``]``.
MARK_RE = re.compile(r"\s*\[zh:([0-9a-f]{6,64})\]")
#: How many hex digits of the SHA-256 a fingerprint keeps: 40 bits, so two
#: different texts of one law share one by chance about once in 10^12 pairs.
FINGERPRINT_DIGITS = 10
#: The comment that says which stage a file translates.
OF_RE = re.compile(r"^redline translation of:\s*(\S+)(?:\s*·\s*language:\s*(\w+))?")
_BOLD_LABEL = re.compile(r"^\*\*(Article\s[^*]*)\*\*")
NOTE_OPEN, NOTE_CLOSE = "<!--", "-->"
NOTE_PREFIX = "redline:"


def fingerprint(article: Article) -> str:
    """The Chinese article's fingerprint (see the module's doc)."""
    key = norm_text(article.lines, "zh").encode("utf-8")
    return hashlib.sha256(key).hexdigest()[:FINGERPRINT_DIGITS]


@dataclass
class TArticle:
    """One article of a translation."""

    number: ArticleNumber
    label: str  # "Article 23", as written
    lines: list[str]  # the English, a paragraph a line
    #: Fingerprint of the Chinese this English translates; None when the file has none.
    fingerprint: str | None = None
    #: A note left for the translator (the Chinese redline of a stale article).
    note: str = ""
    division: str | None = None
    line_no: int = 0  # where its label stands in the file (0: not read from one)


@dataclass
class Translation:
    """A translation as read from (or written to) a file."""

    title: str = ""
    language: str = "en"
    #: The stage it translates, as the file says: "cybersecurity-law@final".
    of: str = ""
    #: Lines before the first heading: the translator's own statement.
    preamble: list[str] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    articles: list[TArticle] = field(default_factory=list)
    name: str = ""  # the file it was read from

    def by_number(self) -> dict[ArticleNumber, TArticle]:
        return {a.number: a for a in self.articles}

    def stage(self, law: str = "", stage: str = "") -> Stage:
        """The English as a Stage, for comparing."""
        return Stage(law=law, stage=stage, title=self.title, language=self.language,
                     divisions=list(self.divisions),
                     articles=[Article(a.number, a.label, a.division, list(a.lines))
                               for a in self.articles])


def _strip_notes(text: str) -> tuple[list[str], list[tuple[int, str]]]:
    """The lines with every ``<!-- … -->`` blanked out (line numbers kept), and
    the notes: (line number where each opens, its text).

    >>> _strip_notes("a <!-- x -->\\n<!-- y\\nz -->\\nb")
    (['a', '', '', 'b'], [(1, 'x'), (2, 'y\\nz')])
    """
    lines = text.splitlines()
    out: list[str] = []
    notes: list[tuple[int, str]] = []
    open_at: int | None = None
    body: list[str] = []
    for no, line in enumerate(lines, 1):
        kept = ""
        rest = line
        while rest:
            if open_at is None:
                k = rest.find(NOTE_OPEN)
                if k < 0:
                    kept += rest
                    break
                kept += rest[:k]
                rest = rest[k + len(NOTE_OPEN):]
                open_at, body = no, []
            k = rest.find(NOTE_CLOSE)
            if k < 0:
                body.append(rest)
                break
            body.append(rest[:k])
            rest = rest[k + len(NOTE_CLOSE):]
            notes.append((open_at, "\n".join(body).strip()))
            open_at = None
        else:
            if open_at is not None:
                body.append("")
        out.append(kept.rstrip())
    if open_at is not None:
        raise ParseError(f"line {open_at}: a note opened with <!-- is never closed with -->")
    return out, notes


def parse_translation(text: str, fmt: str = "markdown", name: str = "") -> tuple[Translation, list[str]]:
    """A translation from its text (markdown, plain text, or the text of Word/HTML).

    >>> tr, _ = parse_translation("# Law\\n## Chapter I General\\nArticle 1 [zh:0123456789]\\nText.\\n"
    ...                           "<!-- redline: stale -->\\nArticle 1-1:\\n")
    >>> [(str(a.number), a.fingerprint, a.lines, a.note) for a in tr.articles]
    [('1', '0123456789', ['Text.'], 'stale'), ('1-1', None, [], '')]
    """
    from ..read.text import parse_lines

    lines, notes = _strip_notes(text)
    # A label in bold, as markdown writers set it: **Article 23** or **Article 23.**
    lines = [_BOLD_LABEL.sub(r"\1", line) for line in lines]
    marks: dict[int, str] = {}
    for k, line in enumerate(lines):
        m = MARK_RE.search(line)
        if m:
            marks[k + 1] = m.group(1)
            lines[k] = MARK_RE.sub("", line)
    try:
        st, warnings = parse_lines("\n".join(lines), "en", markdown=fmt == "markdown")
    except ParseError as e:
        raise ParseError(f"{name or 'translation'}: {e}") from None
    tr = Translation(title=st.title, language="en", divisions=st.divisions, name=name,
                     preamble=list(st.history))
    starts = [a.line_no for a in st.articles]
    for a in st.articles:
        tr.articles.append(TArticle(a.number, a.label, list(a.lines), division=a.division,
                                    line_no=a.line_no))

    def owner(no: int) -> TArticle | None:
        k = _last_at_or_before(starts, no)
        return tr.articles[k] if k is not None else None

    for no, fp in marks.items():
        art = owner(no)
        if art is not None and art.fingerprint is None:
            art.fingerprint = fp
    for no, note in notes:
        m = OF_RE.match(note)
        if m:
            tr.of = m.group(1)
            tr.language = m.group(2) or tr.language
            continue
        if not note.startswith(NOTE_PREFIX):
            continue  # a translator's own comment
        body = note[len(NOTE_PREFIX):].strip()
        art = owner(no)
        if art is None:
            continue
        art.note = (art.note + "\n" + body).strip() if art.note else body
    return tr, warnings


def _last_at_or_before(starts: list[int], no: int) -> int | None:
    import bisect

    k = bisect.bisect_right(starts, no) - 1
    return k if k >= 0 else None


def read_translation(path: Path | str) -> tuple[Translation, list[str]]:
    """A translation from a file in any format the readers table takes.

    Plain text is read a paragraph a line, as markdown is: a translation's
    lines are its own, not a PDF's layout to be reflowed.
    """
    from ..read import read_bytes, reader_for

    path = Path(path)
    data = read_bytes(path)
    reader = reader_for(str(path), data)
    text = reader.read(data, str(path))
    if reader.name == "pdf":
        raise RedlineError(f"{path}: a translation is read from markdown, text, Word or HTML, "
                           "not PDF (its fingerprints would not survive the layout)")
    tr, warnings = parse_translation(text, "markdown" if reader.name == "markdown" else "text",
                                     str(path))
    # An article with no English yet is what status reports, not a parse problem.
    return tr, [w for w in warnings if not w.endswith(" has no text")]


def _note_block(note: str) -> str:
    # A note's text is the law's and ours; "-->" would close it early.
    return f"{NOTE_OPEN} {NOTE_PREFIX} {note.replace(NOTE_CLOSE, '-- >')} {NOTE_CLOSE}"


def _blocks(tr: Translation) -> list[tuple[str, str]]:
    """The translation as (kind, text) blocks, in order: title, meta, preamble,
    heading, note, label, paragraph. Every writer lays these out its way."""
    out: list[tuple[str, str]] = []
    if tr.title:
        out.append(("title", tr.title))
    if tr.of:
        out.append(("meta", f"{NOTE_OPEN} redline translation of: {tr.of} · language: "
                            f"{tr.language} {NOTE_CLOSE}"))
    out.extend(("preamble", line) for line in tr.preamble)
    divs = {d.id: d for d in tr.divisions}
    opened: list[str] = []
    for a in tr.articles:
        for div_id in _opening(opened, a.division):
            d = divs.get(div_id)
            if d is None:
                continue
            out.append(("heading" if d.kind != "section" else "subheading", d.heading))
        mark = f" [zh:{a.fingerprint}]" if a.fingerprint else ""
        out.append(("label", f"{a.label}{mark}"))
        if a.note:
            out.append(("note", _note_block(a.note)))
        out.extend(("paragraph", line) for line in a.lines)
    return out


def _opening(opened: list[str], division: str | None) -> list[str]:
    """Division ids a new article opens, outermost first; ``opened`` is updated.

    >>> o = []; _opening(o, "chp_3__sec_1"), _opening(o, "chp_3__sec_2"), _opening(o, "chp_4")
    (['chp_3', 'chp_3__sec_1'], ['chp_3__sec_2'], ['chp_4'])
    """
    want = division_path(division)
    new = [d for d in want if d not in opened]
    opened[:] = want
    return new


def to_markdown(tr: Translation) -> str:
    """The translation as markdown, the form a translator edits."""
    out: list[str] = []
    for kind, text in _blocks(tr):
        if kind == "title":
            out.append(f"# {text}")
        elif kind == "heading":
            out.append(f"## {text}")
        elif kind == "subheading":
            out.append(f"### {text}")
        elif kind == "label":
            label, _, mark = text.partition(" [zh:")
            out.append(f"**{label}**" + (f" [zh:{mark}" if mark else ""))
        else:
            out.append(text)
        out.append("")
    return "\n".join(out)


def to_text(tr: Translation) -> str:
    """The translation as plain text: a paragraph a line, a blank line between."""
    return "\n\n".join(text for _, text in _blocks(tr)) + "\n"


def to_docx(tr: Translation) -> bytes:
    """The translation as a Word file; it reads back as the markdown does."""
    import io

    from docx import Document  # python-docx: only for a Word translation
    from docx.shared import RGBColor

    doc = Document()
    for kind, text in _blocks(tr):
        if kind == "title":
            doc.add_heading(text, level=0)
        elif kind in ("heading", "subheading"):
            doc.add_heading(text, level=1 if kind == "heading" else 2)
        elif kind == "label":
            p = doc.add_paragraph()
            label, _, mark = text.partition(" [zh:")
            p.add_run(label).bold = True
            if mark:
                p.add_run(" [zh:" + mark).font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        elif kind in ("note", "meta"):
            for line in text.splitlines():
                doc.add_paragraph().add_run(line).font.color.rgb = RGBColor(0x80, 0x60, 0x00)
        else:
            doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_form(tr: Translation, path: str | Path | None) -> str | bytes:
    """The translation in the form ``path``'s extension asks for (markdown by default)."""
    suffix = Path(path).suffix.lower() if path else ".md"
    if suffix == ".docx":
        return to_docx(tr)
    if suffix in (".txt", ".text"):
        return to_text(tr)
    if suffix in (".md", ".markdown", ""):
        return to_markdown(tr)
    raise RedlineError(f"{path}: a translation is written as .md, .txt or .docx")
