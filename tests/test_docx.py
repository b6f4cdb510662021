"""--format docx: Word with tracked changes. Read back both ways (all accepted,
all rejected), the document gives the two texts."""

import io
import zipfile

import pytest

from conftest import CORPUS, CORPUS_PAIRS, invoke
from redline.compare import compare
from redline.normalise import norm_key
from redline.parse import parse_file
from redline.render.docx import read_back, render_docx


def _paragraphs(stage):
    out = []
    for a in stage.articles:
        out += [a.label + "　" + a.lines[0], *a.lines[1:]]
    return [norm_key(x) for x in out]


def _body(data, choice, stage):
    headings = {norm_key(d.heading) for d in stage.divisions}
    return [key for x in read_back(data, choice)[2:] if (key := norm_key(x)) not in headings]


@pytest.mark.parametrize("old_rel,new_rel", CORPUS_PAIRS,
                         ids=[f"{o.split('/')[-2]}:{o.split('/')[-1]}" for o, _ in CORPUS_PAIRS])
def test_accept_all_gives_every_article_of_the_new_text(old_rel, new_rel):
    old, _ = parse_file(CORPUS / old_rel)
    new, _ = parse_file(CORPUS / new_rel)
    c = compare(old, new)
    data = render_docx(c)
    accepted, rejected = _body(data, "accept", new), _body(data, "reject", old)
    # Every paragraph of each text, each article with its number.
    assert sorted(accepted) == sorted(_paragraphs(new))
    # In order, where no article went into several new ones (merges and splits
    # stand at their first new article's place).
    if not any(len(e.new) > 1 for e in c.entries):
        assert accepted == _paragraphs(new)
    # Rejected: the old words, numbers and paragraphs, where nothing merged or moved.
    if all(e.kind in ("unchanged", "renumbered", "modified", "inserted", "deleted") for e in c.entries):
        assert rejected == _paragraphs(old)


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
