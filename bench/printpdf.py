"""Print a corpus law to PDF with headless Chromium, as a reader's browser would.

Used by the tests (a printed PDF must read back as its source) and by the
benchmark (reading a PDF of 50 pages). The page is a narrow column (``width``),
so every paragraph wraps, with its first line indented; Chromium adds its
header (date, title) and footer (the file's address, page "3/50") to every page.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def blocks(markdown: str):
    """(level, text) of a corpus markdown file: 0 for a paragraph, N for a heading."""
    for line in markdown.splitlines():
        s = line.strip()
        if not s or s.startswith("<!--"):
            continue
        level = len(s) - len(s.lstrip("#"))
        yield level, s.lstrip("#").strip()


def print_pdf(source: Path, out: Path, width: str = "16em") -> Path:
    """``source`` (corpus markdown) printed to ``out``; raises when Chromium is missing."""
    if not CHROMIUM:
        raise RuntimeError("chromium not installed (apt-get install chromium)")
    body = "\n".join(f"<h{lv}>{html.escape(t)}</h{lv}>" if lv else f"<p>{html.escape(t)}</p>"
                     for lv, t in blocks(source.read_text(encoding="utf-8")))
    page = out.with_suffix(".html")
    page.write_text("<!doctype html><meta charset=utf-8><title>printed law</title><style>"
                    f"body{{width:{width};font:12pt 'WenQuanYi Micro Hei',sans-serif}}"
                    "p{text-indent:2em;margin:0}</style>" + body, encoding="utf-8")
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={out.parent / '.chromium'}",
                    f"--print-to-pdf={out}", page.as_uri()],
                   check=True, capture_output=True, timeout=180)
    return out
