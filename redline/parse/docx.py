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


def docx_text(data: bytes, name: str) -> str:
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ParseError(f"{name}: reading .docx needs python-docx "
                         "(pip install python-docx)") from None
    try:
        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ParseError(f"{name}: not a readable Word document ({e})") from None
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("　".join(cell.text for cell in row.cells))
    # A soft line break inside a paragraph (Shift+Enter) is layout, not a new paragraph.
    return "\n".join(line.replace("\v", "").replace("\n", "") for line in lines)
