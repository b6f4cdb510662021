"""``--format pdf -o FILE.pdf``: the HTML redline printed by headless Chromium.

Chromium rather than WeasyPrint: it is already what the tests open the page in
(so the print is the page as checked), and it adds no Python dependency;
WeasyPrint would bring Pango and its own CSS engine.

The fonts are chosen for what the PDF gives back, not only for how it looks.
Chromium embeds a TrueType font as a real (CID TrueType) font, but one with CFF
outlines, as Noto CJK / Source Han are (Debian's default CJK font), as hundreds
of Type 3 fonts, which print shops refuse; and those fonts share one glyph
between 人 and the radical ⼈, so the text layer reads 中华⼈⺠共和国. So the page
is printed in TrueType CJK fonts only (Droid Sans Fallback, Debian's
fonts-droid-fallback, which ghostscript pulls in; or WenQuanYi), and the file is
checked before it is written: a Type 3 font, or a radical in its text layer,
is an error that names the package to install, never a PDF that reads wrong.
Those fonts have no bold face, and a bold Chromium makes up (font-synthesis) is
written as Type 3 too: Chinese headings print in the regular weight. Ligatures
are off, or the text layer reads ﬁnal for final.

The page's title block opens the
document; each page's foot carries "page n / N" from the page's own print CSS
(@page margin boxes), and Chromium's own header and footer, which would print
the temporary file's address, are turned off. The text stays text: a PDF reader
can select and search it, and redline reads it back.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..diff.comparison import Comparison
from ..errors import RedlineError

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer"]
PRINT_CSS = """<style>
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; } }
* {
  font-family: "Droid Sans Fallback", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "DejaVu Sans",
               "Liberation Sans" !important;
  font-synthesis: none !important; font-variant-ligatures: none !important; }
</style>
</head>"""


def render_pdf(c: Comparison, layout: str = "inline", show_all: bool = False) -> bytes:
    from .html import render_html

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise RedlineError("--format pdf prints with Chromium, which is not installed "
                           "(apt-get install chromium fonts-droid-fallback)")
    page = render_html(c, layout=layout, show_all=show_all).replace("</head>", PRINT_CSS, 1)
    with tempfile.TemporaryDirectory(prefix="redline-pdf-") as tmp:
        src = Path(tmp) / "redline.html"
        out = Path(tmp) / "redline.pdf"
        src.write_text(page, encoding="utf-8")
        try:
            subprocess.run([chromium, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                            f"--print-to-pdf={out}", src.as_uri()],
                           check=True, capture_output=True, timeout=300)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            raise RedlineError(f"Chromium could not print the page ({type(e).__name__})") from None
        if not out.is_file():
            raise RedlineError("Chromium printed nothing")
        data = out.read_bytes()
    check_pdf(data)
    return data


#: What to install when the machine has no TrueType CJK font.
FONT_HINT = "apt-get install fonts-droid-fallback (or fonts-wqy-microhei)"


def check_pdf(data: bytes) -> None:
    """Refuse a printed PDF whose fonts are Type 3 or whose text layer names
    ideographs by radicals: what Chromium makes when only Noto CJK is there."""
    import io

    from pypdf import PdfReader

    from ..read.radicals import fold_radicals

    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        if any(f.get_object().get("/Subtype") == "/Type3" for f in fonts.values()):
            raise RedlineError("--format pdf: this machine has no TrueType CJK font, so Chromium "
                               f"embeds Type 3 fonts that read 人 as ⼈; {FONT_HINT}")
        if fold_radicals(page.extract_text() or "")[1]:
            raise RedlineError("--format pdf: the PDF's text layer has characters that stand for "
                               f"others (⼈ for 人, ﬁ for fi); {FONT_HINT}")
