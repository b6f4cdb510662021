"""A statute book as a small static site: ``index.html`` (every law with its status
and counts, a filter box, columns that sort), a redline page per changed law (the
HTML renderer's), and ``summary.json``. It works offline from the folder.

The site is built in a folder beside the target and renamed into place at the
end, so an interrupted run leaves no half-written site behind.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from pathlib import Path

from ..errors import RedlineError
from .run import CHANGED, Book

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 1.5rem; color: #111; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th button { font: inherit; font-weight: bold; background: none; border: none; padding: 0; cursor: pointer;
            text-decoration: underline; color: inherit; }
a { color: #0645ad; }
.status-changed { color: #8a1c00; } .status-failed { color: #b00; font-weight: bold; }
label { display: block; margin: 1rem 0 .5rem; }
"""

# Sorting and filtering only: the table reads in full without it.
_SCRIPT = """
const rows = () => Array.from(document.querySelectorAll("#laws tbody tr"));
document.getElementById("filter").addEventListener("input", (ev) => {
  const q = ev.target.value.trim();
  rows().forEach((r) => { r.hidden = q !== "" && !r.textContent.includes(q); });
});
document.querySelectorAll("#laws th button").forEach((b, col) => {
  b.addEventListener("click", () => {
    const body = document.querySelector("#laws tbody");
    const down = b.dataset.dir !== "asc";
    b.dataset.dir = down ? "asc" : "desc";
    rows().sort((x, y) => {
      const a = x.children[col].dataset.key || x.children[col].textContent;
      const c = y.children[col].dataset.key || y.children[col].textContent;
      return (down ? 1 : -1) * a.localeCompare(c, "zh", {numeric: true});
    }).forEach((r) => body.appendChild(r));
  });
});
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def page_name(k: int, title: str) -> str:
    """A changed law's page: its place in the book and its title, safe as a file name.

    >>> page_name(3, "中华人民共和国刑法"), page_name(12, "a/b: c")
    ('003-中华人民共和国刑法.html', '012-a_b_c.html')
    """
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("._") or "law"
    return f"{k:03d}-{safe[:60]}.html"


def check_target(folder: Path, force: bool = False) -> None:
    """Refuse a site folder that cannot be written (a file, a folder not empty
    without ``force``, a missing parent): asked before the book is compared, and
    again when the site is written."""
    if folder.exists() and not folder.is_dir():
        raise RedlineError(f"{folder}: is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise RedlineError(f"{folder}: not empty; give --force to replace it")
    if not folder.parent.is_dir():
        raise RedlineError(f"{folder.parent}: no such folder; cannot write {folder}")


def write_site(result: Book, folder: Path, title: str, *, force: bool = False) -> Path:
    """Write the site into ``folder`` (made, or replaced with ``force``)."""
    folder = Path(folder)
    check_target(folder, force)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        (tmp / "laws").mkdir()
        links: dict[int, str] = {}
        for k, law in enumerate(result.laws):
            if law.status == CHANGED and law.page:
                links[k] = f"laws/{page_name(k + 1, law.title)}"
                (tmp / links[k]).write_text(law.page, encoding="utf-8")
        (tmp / "index.html").write_text(_index(result, title, links), encoding="utf-8")
        (tmp / "summary.json").write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1),
                                          encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def _index(result: Book, title: str, links: dict[int, str]) -> str:
    rows = []
    for k, law in enumerate(result.laws):
        name = _e(law.title)
        if k in links:
            name = f'<a href="{_e(links[k])}">{name}</a>'
        files = _e(" → ".join(x for x in (law.old, law.new) if x))
        rows.append(f'<tr><td>{name}</td><td class="status-{_e(law.status)}">{_e(law.status)}</td>'
                    f'<td data-key="{sum(law.changes.values()):06d}">'
                    f"{_e(law.detail)}</td><td>{files}</td></tr>")
    summary = ", ".join(f"{_e(k)} {v}" for k, v in result.counts.items())
    instruments = "".join(
        f"<li>{_e(i['title'])} ({_e(i['side'])}: {_e(i['file'])})"
        + (f" amends {_e(i['amends'])}" + ("" if i["amends_in_book"] else ", which is not in the book")
           if i["amends"] else "") + "</li>" for i in result.instruments)
    notes = "".join(f"<li>{_e(n)}</li>" for n in result.notes)
    from ..render.html import page_html

    return page_html(title, "zh-Hans", f"""<main>
<h1>{_e(title)}</h1>
<p>{summary}</p>
<label for="filter">Filter the laws</label>
<input id="filter" type="search">
<table id="laws">
<thead><tr><th scope="col"><button type="button">Law</button></th><th scope="col"><button type="button">Status</button></th>
<th scope="col"><button type="button">Changes</button></th><th scope="col"><button type="button">Files</button></th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{f"<h2>Amendment instruments</h2><ul>{instruments}</ul>" if instruments else ""}
{f"<h2>Notes</h2><ul>{notes}</ul>" if notes else ""}
</main>
<script>{_SCRIPT}</script>""", _STYLE) + "\n"
