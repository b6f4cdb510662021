"""Read: a source in any format people hold a law in, into a Stage (:mod:`redline.model`).

    bytes (file or download: :mod:`.fetch`) -> text (a reader: :mod:`.pdf`,
    :mod:`.docx`, :mod:`.html`, or decoded text; radicals folded: :mod:`.radicals`)
    -> paragraphs (a layout's hard wraps and page furniture: :mod:`.reflow`)
    -> Stage (articles, divisions, annexes: :mod:`.text`)
    Stage <-> YAML (:mod:`.yaml_io`), Stage -> markdown (:mod:`.stage_markdown`)

    READERS                 the registered readers: format name -> Reader
    reader_for(name, data)  the reader for a file, by extension, then by its first bytes
    parse_text(text, fmt)   text of a known format -> (Stage, warnings)
    parse_file(path)        reads bytes safely, picks a reader, reflows layouts, parses
    parse_bytes(data, name) the same for bytes already in hand (a download)

A reader turns a file's bytes into text lines. Formats whose lines are a
layout's (plain text, PDF) go through :mod:`redline.read.reflow` before parsing, so
hard wraps and page numbers never reach the comparison; formats that carry real
paragraphs (markdown as in the corpus, HTML, Word) do not.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import ParseError, RedlineError
from ..model import Stage
from .text import detect_language, parse_lines


@dataclass(frozen=True)
class Reader:
    """How one format is read.

    ``read(data, name)`` gives the text; ``layout`` says whether its lines are
    a page layout's (to be reflowed) rather than paragraphs; ``sniff(data)``
    recognises the format from its first bytes when the extension does not say.
    """

    name: str
    extensions: tuple[str, ...]
    read: Callable[[bytes, str], str]
    layout: bool
    sniff: Callable[[bytes], bool] | None = None


def decode(data: bytes, name: str) -> str:
    """Text of a source file; refuses binary data with a one-line reason.

    UTF-16 (with a BOM, or without one when every other byte is NUL), then
    UTF-8 (with or without BOM), then GB18030, which older official pages use.

    >>> decode("第一条".encode("utf-16"), "x"), decode("第一条".encode("gb18030"), "x")
    ('第一条', '第一条')
    """
    enc = _utf16(data)
    if enc:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            text = ""
        if _plausible(text):
            return text
        raise ParseError(f"{name}: cannot decode as {enc.upper()}; save it as UTF-8 text")
    if b"\0" in data[:8192]:
        raise ParseError(f"{name}: binary file, not a text (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    # GB18030 decodes nearly any bytes: the result must also read as text.
    if _plausible(text):
        return text
    raise ParseError(f"{name}: cannot decode as UTF-8 or GB18030; save it as UTF-8 text")


def _plausible(text: str) -> bool:
    """Does decoded text read as a statute's characters (CJK, ASCII, their punctuation)?

    Bytes decoded with the wrong encoding give characters from all over Unicode.

    >>> _plausible("第一条　为了保障网络安全，制定本法。"), _plausible("\ufbfa\ufefb\ufbfa\ufefb")
    (True, False)
    """
    sample = text[:4096]
    if not sample:
        return False
    common = sum(1 for ch in sample if ch < "\u0250" or "\u2000" <= ch < "\u2070"
                 or "\u2460" <= ch < "\u24ff" or "\u3000" <= ch < "\ua000"
                 or "\uff00" <= ch < "\uffef")
    return common >= 0.9 * len(sample)


def _utf16(data: bytes) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4 and len(head) % 2 == 0:
        # Without a BOM, UTF-16 text has a NUL beside every ASCII character (line
        # breaks, digits), always on the same side; of Chinese characters only the
        # few at U+XX00 (一 is U+4E00) put one on the other side.
        # UTF-8 and GB18030 text has no NUL at all. The decoded text must then
        # also read as text (_plausible).
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd >= 2 and odd >= 4 * even:
            return "utf-16-le"
        if even >= 2 and even >= 4 * odd:
            return "utf-16-be"
    return None


def _read_pdf(data: bytes, name: str) -> str:
    from .pdf import pdf_text

    return pdf_text(data, name)


def _read_docx(data: bytes, name: str) -> str:
    from .docx import docx_text

    return docx_text(data, name)


def _html_text(html: str) -> str:
    from .html import html_to_lines  # html.parser: only for HTML sources

    return "\n".join(html_to_lines(html))


def _read_html(data: bytes, name: str) -> str:
    return _html_text(decode(data, name))


def _sniff_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<meta", b"<head", b"<body", b"<p>"))


def _sniff_docx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and b"word/" in data[:65536]


#: C0 and C1 control characters but tab, line breaks and form feed (a PDF's page break).
#: Control characters, and the noncharacters U+FFFE and U+FFFF: never text, and
#: XML (a Word file) cannot hold them.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

READERS: dict[str, Reader] = {}


def register_reader(reader: Reader) -> None:
    """Add a format: one entry here, nothing else to change."""
    READERS[reader.name] = reader


register_reader(Reader("pdf", (".pdf",), _read_pdf, True, lambda d: d[:5] == b"%PDF-"))
register_reader(Reader("docx", (".docx",), _read_docx, False, _sniff_docx))
register_reader(Reader("html", (".html", ".htm"), _read_html, False, _sniff_html))
register_reader(Reader("markdown", (".md", ".markdown"), decode, False))
register_reader(Reader("text", (".txt", ".text", ""), decode, True))

#: The first bytes of an OLE compound file: Word 97-2003, WPS, old Excel.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Extension -> format name, for callers that decide by name alone.
FORMATS = {ext: r.name for r in READERS.values() for ext in r.extensions if ext}


#: How a file kept in Git LFS begins where only its pointer was checked out.
LFS_POINTER = b"version https://git-lfs.github.com/spec/"


def reader_for(name: str, data: bytes) -> Reader:
    """The reader for a file: its extension, or what its first bytes say it is.

    A file whose content is of another registered format than its extension
    says (a PDF saved as ``.txt``) is read as what it is.
    """
    for reader in READERS.values():
        if reader.sniff and reader.sniff(data):
            return reader
    if data.startswith(LFS_POINTER):  # a clone without `git lfs pull`: the file is elsewhere
        raise RedlineError(f"{name}: a Git LFS pointer, not the text; fetch the file "
                           "(git lfs pull) and read it again")
    if data[:8] == OLE_MAGIC:  # Word 97-2003 (.doc, .wps), still handed out by some sites
        raise RedlineError(f"{name}: a Word 97-2003 document (.doc), which redline does not read; "
                           "save it as .docx (in LibreOffice: soffice --headless --convert-to docx FILE)")
    suffix = Path(name).suffix.lower()
    for reader in READERS.values():
        if suffix in reader.extensions:
            return reader
    known = ", ".join(sorted(FORMATS))
    raise RedlineError(f"{name}: unknown format {suffix!r}; readable formats are {known}")


def parse_text(text: str, fmt: str = "markdown", *, law: str = "", stage: str = "",
               language: str | None = None) -> tuple[Stage, list[str]]:
    """Parse text of format ``fmt`` (``markdown``, ``text``, ``html``).

    >>> st, w = parse_text("第一条 为了加强\\n管理，制定本法。", "text")
    >>> st.articles[0].lines
    ['为了加强管理，制定本法。']
    """
    if fmt == "html":
        text = _html_text(text)
    reader = READERS.get(fmt)
    return _parse(text, bool(reader and reader.layout), fmt == "markdown", language, law, stage)


def _parse(text: str, layout: bool, markdown: bool, language: str | None, law: str,
           stage: str) -> tuple[Stage, list[str]]:
    from .radicals import fold_radicals
    from .text import ZERO_WIDTH

    text = ZERO_WIDTH.sub("", text)
    text, dropped = CONTROL.subn("", text)
    # Control characters (ESC, OSC sequences' bytes, C1 codes) are never wording and
    # would drive a terminal that shows the redline: dropped, and said so.
    notes = [f"dropped {dropped} control character{'s' if dropped != 1 else ''} "
             "(terminal escape codes or other non-text)"] if dropped else []
    # A PDF set in Noto CJK / Source Han names 人 and 民 as radicals ⼈ ⺠ (and
    # text copied out of one does too): folded back, and said.
    text, folded = fold_radicals(text)
    if folded:
        notes.append(f"folded {folded} radical character{'s' if folded != 1 else ''} to the "
                     "ideographs they stand for (⼈ → 人, ⺠ → 民: a PDF font's text layer)")
    if not layout:
        st, warnings = parse_lines(text, language, law=law, stage=stage, markdown=markdown)
        return st, notes + warnings
    from .reflow import reflow

    lang = language or detect_language(text)
    flowed = reflow(text, lang)
    st, warnings = parse_lines("", lang, law=law, stage=stage, markdown=markdown,
                               rows=flowed.lines)
    st.note = [line for _, line in flowed.note]
    return st, notes + flowed.warnings() + warnings


#: Largest source read, in bytes: the Civil Code is about 0.4 MB as text and 2 MB
#: as PDF; a larger input is not a law (and /dev/zero would fill the memory).
MAX_SOURCE_BYTES = 256 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes. A device, a FIFO or a socket is refused: it may
    never end (/dev/zero) or never answer (a FIFO no one writes to)."""
    import stat

    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            raise RedlineError(f"{path}: not a regular file (a device, a pipe or a socket); "
                               "save the text to a file and give that")
        if st.st_size > MAX_SOURCE_BYTES:
            raise RedlineError(f"{path}: larger than {MAX_SOURCE_BYTES // 2**20} MB; not a law text")
        with open(path, "rb") as f:
            data = f.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES:
            raise RedlineError(f"{path}: larger than {MAX_SOURCE_BYTES // 2**20} MB; not a law text")
        return data
    except FileNotFoundError:
        raise RedlineError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RedlineError(f"{path}: is a directory, not a file") from None
    except OSError as e:
        raise RedlineError(f"{path}: cannot read ({e.strerror})") from None


def read_source(path: Path) -> tuple[str, str]:
    """(text, sha256 of the bytes) of a text file (YAML, markdown, a decision)."""
    data = read_bytes(path)
    return decode(data, str(path)), hashlib.sha256(data).hexdigest()


def read_document(path: Path) -> tuple[str, list[str]]:
    """(text, warnings) of a document in any registered format: an amendment
    instrument as the NPC's page (.html), a Word file or a PDF, as well as text.
    A layout's page numbers and running headers are dropped (and said); its
    lines otherwise stay as laid out: the instrument reader joins them."""
    from .reflow import drop_furniture
    from .radicals import close_punctuation, fold_radicals

    data = read_bytes(path)
    reader = reader_for(str(path), data)
    text, folded = fold_radicals(reader.read(data, str(path)))
    notes = [f"{path}: folded {folded} radical characters to the ideographs they stand for "
             "(a PDF font's text layer)"] if folded else []
    if not reader.layout:
        return text, notes
    text, warnings = drop_furniture(close_punctuation(text))
    return text, notes + [f"{path}: {w}" for w in warnings]


def parse_bytes(data: bytes, name: str, *, law: str = "", stage: str = "",
                language: str | None = None) -> tuple[Stage, list[str]]:
    """Parse a source held as bytes; ``name`` gives the extension and the messages."""
    reader = reader_for(name, data)
    st, warnings = parse_read(reader.read(data, name), reader.name, name, law=law, stage=stage,
                              language=language)
    st.source = {"path": name, "sha256": hashlib.sha256(data).hexdigest()}
    return st, warnings


def parse_read(text: str, fmt: str, name: str, *, law: str = "", stage: str = "",
               language: str | None = None) -> tuple[Stage, list[str]]:
    """Parse the text the reader ``fmt`` gave for the file ``name`` (what
    ``parse_bytes`` does once it has read): for a caller that read a file
    already, for its title (``redline book``), and must not read it twice."""
    reader = READERS[fmt]
    try:
        st, warnings = _parse(text, reader.layout, reader.name == "markdown", language, law,
                              stage)
    except ParseError as e:
        raise ParseError(f"{name}: {e}") from None
    return st, [f"{name}: {w}" for w in warnings]


def parse_file(path: str | Path, *, law: str = "", stage: str = "") -> tuple[Stage, list[str]]:
    """Parse a source file (any registered format); the stage records path and sha256."""
    path = Path(path)
    return parse_bytes(read_bytes(path), str(path), law=law, stage=stage or path.stem)


__all__ = ["parse_text", "parse_file", "parse_bytes", "parse_read", "decode", "read_source", "read_document",
           "reader_for", "register_reader", "READERS", "Reader", "detect_language", "FORMATS"]
