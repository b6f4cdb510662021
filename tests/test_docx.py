"""--format docx: Word with tracked changes. Read back both ways (all accepted,
all rejected), the document gives the two texts."""

import io
import zipfile

import pytest

from conftest import CORPUS, CORPUS_PAIRS, invoke, word_read, word_text
from redline.diff.comparison import compare
from redline.normalise import norm_key
from redline.read import parse_file
from redline.render.docx import read_back, render_docx


def _paragraphs(stage):
    out = []
    for a in stage.articles:
        out += [a.label + "　" + a.lines[0], *a.lines[1:]]
    return [norm_key(x) for x in out]


def _body(data, choice, stage):
    """The articles' paragraphs read back: the headings, title and stage line left out."""
    headings = {norm_key(d.heading) for d in stage.divisions}
    return [key for x in read_back(data, choice)[2:] if (key := norm_key(x)) not in headings]


@pytest.mark.parametrize("old_rel,new_rel", CORPUS_PAIRS,
                         ids=[f"{o.split('/')[-2]}:{o.split('/')[-1]}" for o, _ in CORPUS_PAIRS])
def test_accept_all_gives_every_article_of_the_new_text(old_rel, new_rel):
    old, _ = parse_file(CORPUS / old_rel)
    new, _ = parse_file(CORPUS / new_rel)
    c = compare(old, new)
    data = render_docx(c)
    # Accept All: the new text, heading by heading and paragraph by paragraph, each
    # article with its number, in order; Reject All the same of the old text,
    # moves, merges, splits and headings that moved, came or went included.
    assert word_read(c, data, "accept") == word_text(new)
    assert word_read(c, data, "reject") == word_text(old)


@pytest.mark.parametrize("old_rel,new_rel", CORPUS_PAIRS,
                         ids=[f"{o.split('/')[-2]}:{o.split('/')[-1]}" for o, _ in CORPUS_PAIRS])
def test_reject_all_gives_the_old_texts_own_characters(old_rel, new_rel):
    """Not only up to width and spacing: the 2016 CSL's ':' stays ':', a raw draft's
    农业农村 (畜牧兽医) keeps its space, though the redline shows neither as a change."""
    old, _ = parse_file(CORPUS / old_rel)
    new, _ = parse_file(CORPUS / new_rel)
    data = render_docx(compare(old, new))
    for choice, stage in (("reject", old), ("accept", new)):
        got = set(read_back(data, choice))
        missing = [x for a in stage.articles for x in [a.label + "　" + a.lines[0], *a.lines[1:]]
                   if x not in got]
        assert missing == [], (choice, missing[:2])


@pytest.mark.parametrize("seed", [1, 2])
def test_accept_and_reject_on_generated_moves_merges_and_splits(seed):
    import sys
    from pathlib import Path

    from redline.read import parse_text

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.generate import generate

    old, _ = parse_file(CORPUS / "revisions/公司法/2023-12-29.md")
    text, _ = generate(old, seed, merges=0.01, paragraph_splits=0.01, reworded_moves=True)
    new, _ = parse_text(text)
    c = compare(old, new)
    assert {"moved", "merged", "split"} <= {e.kind for e in c.entries}
    data = render_docx(c)
    assert word_read(c, data, "accept") == word_text(new) and word_read(c, data, "reject") == word_text(old)


def test_a_moved_article_is_a_word_move():
    old, _ = parse_file(CORPUS / "revisions/反间谍法/2014-11-01.md")
    new, _ = parse_file(CORPUS / "revisions/反间谍法/2023-04-26.md")
    c = compare(old, new)
    moved = [e for e in c.entries if e.kind == "moved"]
    assert moved
    xml = zipfile.ZipFile(io.BytesIO(render_docx(c))).read("word/document.xml").decode("utf-8")
    # Each move: a moveFrom range and a moveTo range sharing one name.
    import re

    names_from = re.findall(r'<w:moveFromRangeStart [^>]*w:name="([^"]+)"', xml)
    names_to = re.findall(r'<w:moveToRangeStart [^>]*w:name="([^"]+)"', xml)
    assert len(names_from) == len(moved) and sorted(names_from) == sorted(names_to)
    assert xml.count("<w:moveFrom ") and xml.count("<w:moveTo ")
    # A note on a moved article is a comment where the article now stands.
    from redline.diff.parts import Note

    moved[0].annotations.append(Note("n1", "new", 0, 2, "国家", "A note on the moved article."))
    comments = zipfile.ZipFile(io.BytesIO(render_docx(c))).read("word/comments.xml").decode("utf-8")
    assert "国家：A note on the moved article." in comments
    # A chapter renumbered (第四章 法律责任 → 第五章) has its number as a tracked change.
    assert re.search(r"<w:delText[^>]*>第四章 </w:delText>.*?<w:t[^>]*>第五章 </w:t>", xml)


def test_the_csl_in_word(workspace, tmp_path):
    out = tmp_path / "csl.docx"
    code, _, err = invoke(["compare", "final", "amended", "--format", "docx", "-o", str(out),
                           "--author", "A. Translator", "--drafts", str(workspace.drafts),
                           "--sources", str(workspace.sources)])
    assert code == 1, err
    data = out.read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:ins ") > 20 and xml.count("<w:del ") > 20
    assert 'w:author="A. Translator"' in xml and 'w:date="2025-10-28T00:00:00Z"' in xml
    # A renumbered article's number is a tracked change; the new text reads right.
    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    new, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md")
    assert _body(data, "accept", new) == _paragraphs(new)
    # Headings are Word headings, with an East Asian font set.
    from docx import Document

    doc = Document(io.BytesIO(data))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 2"][0] == "第一章 总则"
    assert 'w:eastAsia="SimSun"' in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    # The continuation of 第十八条第二款 in 第二十条 is a comment, not body text.
    comments = zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml").decode("utf-8")
    assert "Continues 第十八条第二款" in comments
    assert "Continues" not in "".join(read_back(data, "accept"))


def test_a_docx_on_standard_output_is_the_bytes(workspace):
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "redline.cli", "compare", "final", "amended",
                        "--format", "docx", "--drafts", str(workspace.drafts),
                        "--sources", str(workspace.sources)], capture_output=True)
    assert p.returncode == 1 and p.stdout[:2] == b"PK"  # piped: the file's bytes, as written


@pytest.mark.skipif(not __import__("shutil").which("soffice"),
                    reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_opens_the_file_and_sees_the_changes(workspace, tmp_path):
    """LibreOffice headless reads the file (as Word would) and shows the tracked
    changes: both numbers of a renumbered article, the removed paragraph."""
    import subprocess

    out = tmp_path / "csl.docx"
    code, _, err = invoke(["compare", "final", "amended", "--format", "docx", "-o", str(out),
                           "--drafts", str(workspace.drafts), "--sources", str(workspace.sources)])
    assert code == 1, err
    p = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                        "--convert-to", "txt:Text", str(out), "--outdir", str(tmp_path)],
                       capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr
    text = (tmp_path / "csl.txt").read_text(encoding="utf-8-sig")
    assert text.startswith("中华人民共和国网络安全法")
    assert "第十八条　第十九条　国家鼓励开发网络数据安全保护和利用技术" in text
    assert "国家支持创新网络安全管理方式，运用网络新技术，提升网络安全保护水平。" in text
    # A file with Word moves (moveFrom/moveTo ranges) opens too.
    old, _ = parse_file(CORPUS / "revisions/反间谍法/2014-11-01.md")
    new, _ = parse_file(CORPUS / "revisions/反间谍法/2023-04-26.md")
    (tmp_path / "moves.docx").write_bytes(render_docx(compare(old, new)))
    p = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                        "--convert-to", "txt:Text", str(tmp_path / "moves.docx"), "--outdir", str(tmp_path)],
                       capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "moves.txt").read_text(encoding="utf-8-sig").startswith("中华人民共和国反间谍法")


def test_the_same_comparison_gives_the_same_bytes():
    # Revisions, comments and the package's members are dated by the new stage,
    # never by the clock, so a file in version control changes only with the texts.
    import re

    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    new, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md")
    new.date = "2025-10-28"
    data = render_docx(compare(old, new))
    z = zipfile.ZipFile(io.BytesIO(data))
    assert {i.date_time for i in z.infolist()} == {(2025, 10, 28, 0, 0, 0)}
    comments = z.read("word/comments.xml").decode("utf-8")
    assert set(re.findall(r'w:date="([^"]+)"', comments)) == {"2025-10-28T00:00:00Z"}


def test_an_annex_whose_text_changed_is_tracked_under_its_heading(tmp_path):
    src = CORPUS / "scale/刑法/2023-12-29.md"
    changed = tmp_path / "changed.md"
    changed.write_text(src.read_text(encoding="utf-8").replace(
        "2．关于严惩严重破坏经济的罪犯的决定", "2．关于严惩严重破坏经济秩序的罪犯的决定"), encoding="utf-8")
    data = render_docx(compare(parse_file(src)[0], parse_file(changed)[0]))
    for choice, line in (("accept", "2．关于严惩严重破坏经济秩序的罪犯的决定"),
                         ("reject", "2．关于严惩严重破坏经济的罪犯的决定")):
        text = read_back(data, choice)
        assert text[text.index("附件一") + 3] == line


def test_line_ends_has_one_end_for_each_display_line():
    """A line holding only a removed-break mark is a display line: line_ends once
    skipped it, and Word's paragraph marks then fell one line off."""
    from redline.render.common import line_ends, split_lines

    for ops in ([(0, "甲\n"), (-1, "\n"), (0, "\n乙")], [(0, "甲。"), (-1, "乙。\n丙和"), (1, "\n对"), (0, "戊")],
                [(-1, "甲\n"), (1, "\n乙"), (0, "丙")]):
        assert len(line_ends(ops)) == len(split_lines(ops))
