"""Parsers: every source format into the one model (:mod:`redline.model`).

    parse_text(text, fmt)   markdown / plain Chinese or English / html -> (Stage, warnings)
    parse_file(path)        reads bytes safely (UTF-8, BOM, GB18030), picks fmt by extension
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ParseError, RedlineError
from ..model import Stage
from .text import detect_language, parse_lines

FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "text",
           ".html": "html", ".htm": "html"}


def parse_text(text: str, fmt: str = "markdown", *, law: str = "", stage: str = "",
               language: str | None = None) -> tuple[Stage, list[str]]:
    if fmt == "html":
        from .html import html_to_lines  # html.parser: only for HTML sources

        lines = html_to_lines(text)
        # Headings arrive without '#': treat the first line as the title.
        text = "\n".join(lines)
        return parse_lines(text, language, law=law, stage=stage, markdown=False)
    return parse_lines(text, language, law=law, stage=stage, markdown=(fmt == "markdown"))


def decode(data: bytes, name: str) -> str:
    """Text of a source file; refuses binary data with a one-line reason.

    UTF-8 (with or without BOM) first, then GB18030, which older official pages use.
    """
    if b"\0" in data[:8192]:
        raise ParseError(f"{name}: binary file, not a text (it contains NUL bytes)")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ParseError(f"{name}: cannot decode as UTF-8 or GB18030; save it as UTF-8 text")


def read_source(path: Path) -> tuple[str, str]:
    """(text, sha256 of the bytes) of a source file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RedlineError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RedlineError(f"{path}: is a directory, not a file") from None
    except OSError as e:
        raise RedlineError(f"{path}: cannot read ({e.strerror})") from None
    return decode(data, str(path)), hashlib.sha256(data).hexdigest()


def parse_file(path: str | Path, *, law: str = "", stage: str = "") -> tuple[Stage, list[str]]:
    """Parse a source file (.md, .txt, .html); the stage records path and sha256."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise RedlineError(f"{path}: unknown format {path.suffix!r}; use .md, .txt or .html")
    text, sha = read_source(path)
    try:
        st, warnings = parse_text(text, fmt, law=law, stage=stage or path.stem)
    except ParseError as e:
        raise ParseError(f"{path}: {e}") from None
    st.source = {"path": str(path), "sha256": sha}
    return st, [f"{path}: {w}" for w in warnings]


__all__ = ["parse_text", "parse_file", "decode", "read_source", "detect_language", "FORMATS"]
