"""``--format pdf -o FILE.pdf``: the HTML redline printed by headless Chromium.

Chromium rather than WeasyPrint: it is already what the tests open the page in
(so the print is the page as checked), it shapes CJK text with the system's
fonts (fonts-wqy-microhei in CI), and it adds no Python dependency; WeasyPrint
would bring Pango and its own CSS engine. The page's title block opens the
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

from ..compare import Comparison
from ..errors import RedlineError

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer"]
PRINT_CSS = """<style>
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; } }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
</style>
</head>"""


def render_pdf(c: Comparison, layout: str = "inline", show_all: bool = False) -> bytes:
    from .html import render_html

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise RedlineError("--format pdf prints with Chromium, which is not installed "
                           "(apt-get install chromium fonts-wqy-microhei)")
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
        return out.read_bytes()
