"""``redline book``: a statute book built from ../shared/corpus, its files renamed
between the two snapshots as collections rename them, with instruments among
them, compared law by law (folders and git revisions)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import CORPUS, invoke

#: (file in the old snapshot, its source; file in the new snapshot, its source)
LAWS = [
    ("网络安全法.md", "cybersecurity-law/2016-11-07.md", "网络安全法(2025-10-28).md", "cybersecurity-law/2025-10-28.md"),
    ("公司法.md", "revisions/公司法/2018-10-26.md", "公司法_2023.md", "revisions/公司法/2023-12-29.md"),
    ("立法法.md", "revisions/立法法/2015-03-15.md", "立法法(2023修正).md", "revisions/立法法/2023-03-13.md"),
    ("动物防疫法.txt", "reading-drafts/动物防疫法/2015-04-24.txt", "动物防疫法.md", "reading-drafts/动物防疫法/2021-01-22.md"),
    ("生猪屠宰管理条例.txt", "versions/生猪屠宰管理条例/1997.txt", "生猪屠宰管理条例-2021.txt", "versions/生猪屠宰管理条例/2021.txt"),
    ("体育法.md", "judged/体育法/OLD-2016-11-07.md", "sport/体育法.md", "judged/体育法/NEW-2022-06-24.md"),
]


def _build(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for o, o_src, n, n_src in LAWS:
        for folder, name, src in ((old, o, o_src), (new, n, n_src)):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(CORPUS / src, folder / name)
    # The Criminal Law unchanged (the same bytes), and twice in the old snapshot:
    # the one with the later date in its header is used.
    shutil.copy(CORPUS / "scale/刑法/2023-12-29.md", old / "刑法.md")
    shutil.copy(CORPUS / "scale/刑法/2020-12-26.md", old / "刑法-旧.md")
    shutil.copy(CORPUS / "scale/刑法/2023-12-29.md", new / "刑法(2023-12-29).md")
    # Instruments: the decision that made the 2025 CSL, and a 修正案 of the Criminal Law.
    shutil.copy(CORPUS / "cybersecurity-law/decision-2025-10-28.md", new / "关于修改网络安全法的决定.md")
    shutil.copy(CORPUS / "instruments/刑法修正案/11-2020-12-26.md", new / "刑法修正案十一.md")
    # A decision that amends nothing (items, not articles), written for the test.
    (new / "决定.txt").write_text("全国人民代表大会常务委员会关于加强示例工作的决定\n\n"
                                 "一、国家加强示例工作。\n二、本决定自公布之日起施行。\n", encoding="utf-8")
    # An interpretation of a law and a notice with no articles, both reworded
    # between the snapshots, written for the test: listed, never compared or failed.
    for folder, word in ((old, "甲"), (new, "乙")):
        (folder / "解释.md").write_text("# 全国人民代表大会常务委员会关于《中华人民共和国示例法》第五条的解释\n\n"
                                       f"示例法第五条所称{word}，是指依法设立的组织。\n", encoding="utf-8")
        (folder / "通知.md").write_text(f"# 关于示例工作的通知\n\n各地应当做好{word}工作。\n", encoding="utf-8")
    # A law only in the new snapshot, and one only in the old.
    shutil.copy(CORPUS / "judged/监狱法/NEW-2026-04-30.md", new / "监狱法.md")
    shutil.copy(CORPUS / "judged/渔业法/OLD-2013-12-28.md", old / "渔业法.md")
    return old, new


def _check(result):
    by = {law.title: law for law in result.laws}
    changed = {t for t, law in by.items() if law.status == "changed"}
    assert changed == {"中华人民共和国网络安全法", "中华人民共和国公司法", "中华人民共和国立法法",
                       "中华人民共和国动物防疫法", "生猪屠宰管理条例", "中华人民共和国体育法"}
    assert by["中华人民共和国刑法"].status == "unchanged"
    assert by["中华人民共和国监狱法"].status == "added" and by["中华人民共和国渔业法"].status == "removed"
    assert [law for law in result.laws if law.status == "failed"] == []
    # Counts as compare gives them: the CSL's decision, item for item.
    assert by["中华人民共和国网络安全法"].counts == {"unchanged": 2, "renumbered": 64, "modified": 9,
                                                     "inserted": 4, "merged": 2}
    instruments = {i["file"]: i for i in result.instruments}
    assert set(instruments) == {"关于修改网络安全法的决定.md", "刑法修正案十一.md", "决定.txt",
                                "解释.md", "通知.md"}
    assert instruments["解释.md"]["amends"] == "中华人民共和国示例法"
    assert not any("示例" in law.title for law in result.laws)
    assert instruments["刑法修正案十一.md"]["amends"] == "中华人民共和国刑法"
    assert instruments["决定.txt"]["amends"] is None  # listed, never "no articles found"
    assert {f for f, i in instruments.items() if i["amends_in_book"]} == {
        "关于修改网络安全法的决定.md", "刑法修正案十一.md"}
    assert len(result.notes) == 1 and "刑法-旧.md" in result.notes[0] and "刑法.md is used" in result.notes[0]


def test_a_book_from_folders_paired_by_title(tmp_path):
    from redline import book

    old, new = _build(tmp_path)
    seen = []
    result = book(old, new, jobs=2, progress=lambda done, total: seen.append((done, total)))
    _check(result)
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)  # only the changed pairs are compared


def test_the_same_book_from_git_revisions(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    old, new = _build(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args):
        return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                              text=True).stdout.strip()

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    revs = []
    for snap in (old, new):
        for p in repo.iterdir():
            if p.name != ".git":
                shutil.rmtree(p) if p.is_dir() else p.unlink()
        shutil.copytree(snap, repo, dirs_exist_ok=True)
        git("add", "-A")
        git("commit", "-q", "-m", snap.name)
        revs.append(git("rev-parse", "HEAD"))
    from redline import book

    _check(book(revs[0], revs[1], git=repo, jobs=1))


def test_the_command_writes_a_site_and_json(tmp_path):
    old, new = _build(tmp_path)
    site = tmp_path / "site"
    code, out, err = invoke(["book", str(old), str(new), "-o", str(site), "--format", "json",
                             "--jobs", "2"])
    assert code == 1, err
    data = json.loads(out)
    assert data["summary"] == {"changed": 6, "added": 1, "removed": 1, "unchanged": 1}
    summary = json.loads((site / "summary.json").read_text(encoding="utf-8"))
    assert summary == data
    index = (site / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (site / "laws").iterdir())
    assert len(pages) == 6 and all(f'href="laws/{p}"' in index for p in pages)
    # Each page is the HTML redline of its law, whole, offline.
    csl = next(p for p in (site / "laws").iterdir() if "网络安全法" in p.name)
    assert "<del>" in csl.read_text(encoding="utf-8") and "http" not in index.split("<body>")[1].split("</main>")[0]
    # A site that is there is not replaced without --force; nothing half-written is left.
    code, _, err = invoke(["book", str(old), str(new), "-o", str(site)])
    assert code == 2 and "not empty; give --force" in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_a_law_that_cannot_be_read_is_listed_and_the_book_goes_on(tmp_path):
    old, new = _build(tmp_path)
    (new / "乱码.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = invoke(["book", str(old), str(new), "--format", "json", "--jobs", "1"])
    assert code == 2
    data = json.loads(out)
    failed = [law for law in data["laws"] if law["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["new"] == "乱码.txt" and failed[0]["error"]
    assert data["summary"]["changed"] == 6


def test_the_site_index_passes_the_accessibility_check(tmp_path):
    """The same axe-core check as the HTML redline: no serious or critical violation."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    from redline import book
    from redline.statute_book.site import write_site

    old, new = _build(tmp_path)
    site = write_site(book(old, new, jobs=1, pages=True), tmp_path / "site", "两个版本")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto((site / "index.html").as_uri())
        violations = axe_module.Axe().run(page).response["violations"]
        # The filter narrows the table, and a header sorts it, offline.
        page.fill("#filter", "公司法")
        shown = page.eval_on_selector_all("#laws tbody tr", "rs => rs.filter(r => !r.hidden).length")
        browser.close()
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []
    assert shown == 1
