"""A PDF's text layer, page by page, for :mod:`redline.read.reflow`.

The NPC publishes drafts for comment as PDF. Its text layer gives the lines as
the page laid them out; pages are joined with a form feed so that the reflow
step sees where each page ends and can drop the running headers, footers and
page numbers found there.

pypdf reads the text layer (pure Python, BSD licence, maintained): on a
38-page Chinese PDF printed by Chromium it took 0.9 s where pdfminer.six took
1.3 s, and both gave the same characters. A line's indentation is what tells
a paragraph's first line from its continuations when a sentence ends at a
line's end; it is read from the position pypdf reports for each line's first
piece of text (its layout mode does the same, but parses every font again on
every page: 50 pages took 2.05 s that way, against 1.2 s). A PDF without a text layer (a scan)
is refused with the reason: OCR is out of scope.
"""

from __future__ import annotations

import io
import logging
import threading
from contextlib import contextmanager
from typing import Iterator

from ..errors import ParseError


#: Two text pieces whose baselines differ by less than this (points) share a line.
SAME_LINE = 2.0


def _page_text(page) -> str:
    """A page's lines with their indentation, which tells a paragraph's first line.

    pypdf's plain mode gives the lines; the position of each line's first piece
    of text (from its visitor) gives the indent, written as one space per
    character width. Where the two do not line up (an unusual page), pypdf's
    layout mode does the same job, at about twice the cost.
    """
    starts: list[tuple[float, float, float]] = []  # (baseline y, x, font size) per line

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        y = tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + cm[4]
        size = abs(font_size * tm[3] * cm[3]) or abs(font_size) or 12.0
        if starts and abs(starts[-1][0] - y) < SAME_LINE:
            if x < starts[-1][1]:
                starts[-1] = (y, x, size)
            return
        starts.append((y, x, size))

    from pypdf.errors import LimitReachedError

    try:
        text = page.extract_text(visitor_text=visit) or ""
    except LimitReachedError:
        raise  # a PDF bomb: said as such, not read another way
    except Exception:  # noqa: BLE001 - a page pypdf cannot read in plain mode
        return _layout(page)
    if not text.strip():
        # extract_text keeps quiet about a stream past pypdf's limits (a PDF
        # bomb); reading the page's contents says it.
        page.get_contents()
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) != len(starts):
        return _layout(page)
    left = min(x for _, x, _ in starts) if starts else 0.0
    return "\n".join(" " * round((x - left) / size) + line
                     for line, (_, x, size) in zip(lines, starts))


def _layout(page) -> str:
    from pypdf.errors import LimitReachedError

    try:
        return page.extract_text(extraction_mode="layout") or ""
    except LimitReachedError:
        raise
    except Exception:  # noqa: BLE001 - layout mode fails on some fonts; plain mode may not
        return page.extract_text() or ""


#: Held while a reading has pypdf's font builder replaced (threads reading PDFs
#: at once take turns, so each puts back what it found).
_PATCHING = threading.Lock()


@contextmanager
def _fonts_read_once() -> Iterator[None]:
    """pypdf (6 and later) builds each font of a page again for every page that
    uses it: a Company Law printed by Chromium has 155 fonts and 4,187 uses of
    them over 63 pages, and building them was a third of the reading. Within
    one reading each font object is built once (the reader resolves a font's
    reference to one object, whichever page asks). Where pypdf's internals are
    not as expected, nothing is changed."""
    try:
        from pypdf.generic._font import Font
    except ImportError:
        yield
        return
    with _PATCHING:
        original = Font.__dict__.get("from_font_resource")
        build = getattr(original, "__func__", None)
        if build is None:
            yield
            return
        built: dict[int, tuple[object, object]] = {}

        def once(cls: type, font_dict: object) -> object:
            held = built.get(id(font_dict))
            if held is None or held[0] is not font_dict:
                held = built[id(font_dict)] = (font_dict, build(cls, font_dict))
            return held[1]

        setattr(Font, "from_font_resource", classmethod(once))
        try:
            yield
        finally:
            setattr(Font, "from_font_resource", original)


def pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ParseError(f"{name}: reading PDF needs pypdf (pip install pypdf)") from None
    # pypdf logs recoverable oddities of real PDFs on the root logger; the text is
    # what matters, and what went wrong with it is reported by the reflow step.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ParseError(f"{name}: the PDF is encrypted; save an unprotected copy") \
                    from None
        with _fonts_read_once():
            pages = [_page_text(page) for page in reader.pages]
    except ParseError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError) as e:
        # PyPdfError holds pypdf's own limits (LimitReachedError: a PDF bomb).
        detail = str(e).splitlines()[0][:80] if str(e) else type(e).__name__
        raise ParseError(f"{name}: not a readable PDF ({detail})") from None
    except (MemoryError, RecursionError):
        raise ParseError(f"{name}: too large or too deeply nested to read") from None
    if not any(p.strip() for p in pages):
        raise ParseError(f"{name}: the PDF has no text layer (a scan?); "
                         "redline reads text, not images")
    return "\f".join(pages)
