"""A Word document (.docx), paragraph by paragraph.

The NPC's national law database distributes laws as .docx. Word keeps real
paragraphs, so its text needs no reflow: each paragraph becomes a line. Tables
are read row by row after the body (a text in a table is rare in statutes,
but it must not be lost). python-docx reads the file (MIT licence).
"""

from __future__ import annotations

import io
import zipfile

from ..errors import ParseError


#: Largest a .docx may be once unzipped: a 2 MB law is 20 MB of XML at most;
#: a zip bomb is gigabytes.
MAX_UNZIPPED = 256 * 1024 * 1024


def docx_text(data: bytes, name: str) -> str:
    try:
        import docx
        from lxml.etree import LxmlError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ParseError(f"{name}: reading .docx needs python-docx "
                         "(pip install python-docx)") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNZIPPED:
                raise ParseError(f"{name}: unzips to over {MAX_UNZIPPED // 2**20} MB "
                                 "(a zip bomb?); not a law text")
        doc = docx.Document(io.BytesIO(data))
    except ParseError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, LxmlError) as e:
        # lxml refuses malformed XML, nesting past 256 and entity bombs itself.
        detail = str(e).splitlines()[0][:100] if str(e) else type(e).__name__
        raise ParseError(f"{name}: not a readable Word document ({detail})") from None
    except (MemoryError, RecursionError):
        raise ParseError(f"{name}: too large or too deeply nested to read") from None
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("　".join(cell.text for cell in row.cells))
    # A soft line break inside a paragraph (Shift+Enter) is layout, not a new paragraph.
    return "\n".join(line.replace("\v", "").replace("\n", "") for line in lines)
