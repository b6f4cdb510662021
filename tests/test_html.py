"""HTML export: self-contained, escaped, and rendered as intended by a real browser."""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from redline.diff.comparison import compare
from redline.read import parse_text
from redline.render.html import render_html

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Runs inside the page in the browser, reads computed styles and anchors, and
# writes its findings into the DOM, which --dump-dom then prints.
PROBE = """<script>
const style = (sel, prop) => { const el = document.querySelector(sel);
  return el ? getComputedStyle(el)[prop] : null; };
const links = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
const ids = new Set([...document.querySelectorAll('[id]')].map(e => e.id));
const out = {
  del: style('del', 'textDecorationLine'), ins: style('ins', 'textDecorationLine'),
  delColor: style('del', 'color'), insColor: style('ins', 'color'), bodyColor: style('body', 'color'),
  dels: document.querySelectorAll('del').length, inss: document.querySelectorAll('ins').length,
  links: links.length, broken: links.filter(x => !ids.has(x)),
  scripts: document.querySelectorAll('script').length, imgs: document.querySelectorAll('img').length,
  lang: document.documentElement.lang, sbs: document.querySelectorAll('.sbs').length,
  oldIns: document.querySelectorAll('.col.old ins').length,
  newDel: document.querySelectorAll('.col.new del').length,
  width: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
  sbsColumns: style('.sbs', 'gridTemplateColumns'),
};
const pre = document.createElement('pre'); pre.id = 'probe-result';
pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
</script>"""


def browser(tmp_path, page: str, width: int = 1200, screenshot: Path | None = None) -> dict:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
           f"--window-size={width},2000"]
    dom = subprocess.run(cmd + ["--dump-dom", probe.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    if screenshot is not None:
        screenshot.parent.mkdir(exist_ok=True)
        page_file = tmp_path / "page.html"
        page_file.write_text(page, encoding="utf-8")
        subprocess.run(cmd + [f"--screenshot={screenshot}", page_file.as_uri()],
                       capture_output=True, timeout=120)
    m = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    return json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&")
                      .replace("&lt;", "<").replace("&gt;", ">"))


def test_csl_page_in_a_real_browser(tmp_path, csl_comparison):
    page = render_html(csl_comparison)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "csl-2016-2025.html").write_text(page, encoding="utf-8")
    shot = ARTIFACTS / "csl-2016-2025.png"
    r = browser(tmp_path, page, screenshot=shot)
    assert "line-through" in r["del"] and "underline" in r["ins"]
    assert r["delColor"] != r["bodyColor"] and r["insColor"] != r["bodyColor"]
    assert r["dels"] > 40 and r["inss"] > 40
    assert r["links"] > 30 and r["broken"] == []
    assert r["scripts"] == 1 and r["imgs"] == 0  # only the probe itself
    assert r["lang"] == "zh-Hans"
    assert shot.stat().st_size > 10_000


def test_side_by_side_and_phone_width(tmp_path, csl_comparison):
    page = render_html(csl_comparison, layout="side-by-side")
    r = browser(tmp_path, page, width=390, screenshot=ARTIFACTS / "csl-side-by-side-phone.png")
    assert r["sbs"] > 10
    assert r["oldIns"] == 0 and r["newDel"] == 0
    assert r["broken"] == []
    # Headless Chromium lays out at least 500 px wide: still under the phone
    # breakpoint (40rem), so the columns stack and nothing scrolls sideways.
    assert r["innerWidth"] <= 500
    assert len(r["sbsColumns"].split()) == 1
    assert r["width"] <= r["innerWidth"]


def test_every_article_has_old_and_new_anchors(csl_comparison):
    page = render_html(csl_comparison)
    ids = set(re.findall(r'id="([^"]+)"', page))
    for n in range(1, 80):
        assert f"old-art_{n}" in ids
    for n in range(1, 82):
        assert f"new-art_{n}" in ids


def test_self_contained():
    st, _ = parse_text("第一条 甲乙丙丁戊。")
    page = render_html(compare(st, st))
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "url(" not in page


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '</ins>', '"><b>x</b>']


@pytest.mark.parametrize("layout", ["inline", "side-by-side"])
def test_text_is_escaped(tmp_path, layout):
    old, _ = parse_text("# 法<script>alert(0)</script>\n<!-- INFO END -->\n## 第一章 <i>总则</i>\n"
                        "第一条 原文甲乙丙丁戊。\n第二条 " + HOSTILE[2] + "保留的文字内容。")
    new, _ = parse_text("# 法<script>alert(0)</script>\n<!-- INFO END -->\n## 第一章 <i>总则</i>\n"
                        "第一条 原文甲乙" + "".join(HOSTILE) + "丙丁戊。\n第二条 " + HOSTILE[2]
                        + "保留的文字内容。")
    page = render_html(compare(old, new), layout=layout)
    p = _Tags()
    p.feed(page)
    assert "script" not in p.tags and "img" not in p.tags and "b" not in p.tags and "i" not in p.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/ins&gt;" in page
    r = browser(tmp_path, page)
    assert r["scripts"] == 1 and r["imgs"] == 0
    assert r["inss"] >= 1


def test_joined_paragraphs_are_marked_and_still_verify(tmp_path):
    from conftest import DATA
    from redline.read import parse_file
    from redline.workspace.verify_redline import verify_redline

    old, _ = parse_file(DATA / "small_old.md")
    new, _ = parse_file(DATA / "small_new.md")
    page = render_html(compare(old, new))
    assert ('公平的原则。<del class="pilcrow" title="paragraph break removed">¶</del>示例单位'
            in page)
    path = tmp_path / "small.html"
    path.write_text(page, encoding="utf-8")
    ok, failed = verify_redline(path, old, new)
    assert failed == [] and len(ok) == 5  # 4 shown, 1 listed as the same


@pytest.mark.corpus
def test_a_published_page_names_no_local_folder(tmp_path):
    """A page made from files shows their names, not the folders of the machine
    that made it (a manifest's relative source path stays as it is)."""
    import shutil

    from conftest import CORPUS, invoke

    folder = tmp_path / "home" / "ann" / "private"
    folder.mkdir(parents=True)
    for name in ("2016-11-07.md", "2025-10-28.md"):
        shutil.copy(CORPUS / "cybersecurity-law" / name, folder / name)
    code, out, _ = invoke(["compare", str(folder / "2016-11-07.md"), str(folder / "2025-10-28.md"),
                           "--format", "html"])
    assert code == 1
    assert "source: 2016-11-07.md" in out and str(tmp_path) not in out and "private" not in out


def test_reader_aids(csl_comparison):
    """Counts per chapter; each change links to the one before and after it and
    says where it stands; the articles that did not change are folded away
    (details: no script)."""
    page = render_html(csl_comparison)
    assert '<table class="summary chapters"><caption>By chapter</caption>' in page
    assert '<th scope="row">第六章 法律责任</th>' in page
    assert page.count('<span class="walk">') == 19
    first = page.index('<span class="walk">')
    assert page[first:first + 120].startswith('<span class="walk">1 of 19 <a href="#new-art_19"')
    assert '<section id="renumbered"><details><summary><h2>Only renumbered or unchanged (62)</h2>' in page


def test_accessibility_of_the_pages_we_publish(tmp_path, csl_comparison):
    """axe-core, driven through Playwright in Debian's chromium: no serious or
    critical violation on the redline (both layouts) and the 对照表."""
    import shutil as sh

    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = sh.which("chromium") or sh.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    from redline.render.table import render_table

    pages = {"inline.html": render_html(csl_comparison),
             "side.html": render_html(csl_comparison, layout="side-by-side"),
             "table.html": render_table(csl_comparison)}
    found = {}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, html in pages.items():
            path = tmp_path / name
            path.write_text(html, encoding="utf-8")
            page = browser.new_page()
            page.goto(path.as_uri())
            violations = axe_module.Axe().run(page).response["violations"]
            found[name] = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
        browser.close()
    assert found == {name: [] for name in pages}


def test_a_crafted_stage_file_runs_no_script(tmp_path):
    """Stage files are shared: a language or a division id that closes its
    attribute must never reach the page (or the PDF printed from it) as markup."""
    import re

    from redline.read.yaml_io import load_stage_yaml, stage_to_yaml

    evil = '"><script>alert(1)</script><x a="'
    stages = []
    for name, text in (("a", "## 第一章 总则\n第一条 甲乙丙。\n第二条 丁戊己。"),
                       ("b", "## 第一章 总则\n第一条 甲乙丙丁。\n第二条 丁戊己。")):
        st, _ = parse_text(text)
        st.language = "zh" + evil
        for d in st.divisions:
            d.id = "chp_1" + evil
        for a in st.articles:
            a.division = "chp_1" + evil
        path = tmp_path / f"{name}.yaml"
        path.write_text(stage_to_yaml(st), encoding="utf-8")
        stages.append(load_stage_yaml(path))
    page = render_html(compare(*stages), show_all=True)
    assert "<script>" not in page and "alert(1)" not in re.sub(r">[^<]*<", "><", page)
    assert 'lang="und"' in page
