"""--format markdown: a redline for a blog; everything from the text escaped."""

from conftest import CORPUS, invoke
from redline.diff.comparison import compare
from redline.read import parse_file, parse_text
from redline.render.markdown import render_markdown


def _csl():
    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    new, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md")
    return compare(old, new)


def test_csl_markdown_marks_anchors_and_lists():
    md = render_markdown(_csl())
    assert md.startswith("# 中华人民共和国网络安全法\n")
    assert '<a id="new-art_61"></a>\n\n### 第五十九条 → 第六十一条' in md
    assert "处<del>一万元</del><ins>五万元</ins>以上" in md
    assert "*inserted; continues 第十八条第二款*" in md
    assert md.count("### ") == 19  # 15 changed in substance, 4 in references only
    assert "## Only renumbered (60)" in md


def test_notes_become_footnotes(workspace):
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "drafts/cybersecurity-law/annotations",
                    workspace.drafts / "cybersecurity-law/annotations")
    code, out, _ = invoke(["compare", "final", "amended", "--format", "markdown",
                           "--drafts", str(workspace.drafts), "--sources", str(workspace.sources)])
    assert code == 1
    assert "</ins>[^d2025-03-ai-article]<ins>" in out
    assert "\n[^d2025-03-ai-article]: **人工智能伦理规范** (AI ethics rules): Decision item 3." in out


def test_text_is_escaped():
    old, _ = parse_text("# 示例法\n第一条 甲<script>alert(1)</script>乙。\n")
    new, _ = parse_text("# 示例法\n第一条 甲*丙*[链接](http://x)乙。\n")
    md = render_markdown(compare(old, new))
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\*丙\\*\\[链接\\](http://x)" in md
