"""--format table: the 新旧条文对照表, in HTML, markdown and Word."""

import io

from conftest import CORPUS, invoke
from redline.diff.comparison import compare
from redline.read import parse_file, parse_text
from redline.render.table import render_table, rows


def _csl():
    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    new, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md")
    return compare(old, new)


def test_rows_of_the_csl():
    table = rows(_csl())
    kinds = [r.kind for r in table]
    assert kinds.count("heading") == 7  # the seven chapters
    # 15 changed in substance, 4 in references only; the merge into 第七十一条
    # takes a row per old article (2 more); 第六十九条's one, as the second
    # article merged there comes only in part (its own row holds it).
    assert kinds.count("entry") == 21
    summaries = [r.text for r in table if r.kind == "summary"]
    assert summaries[0] == "第一条至第二条：未作修改"
    assert "第三条至第十四条 → 第四条至第十五条：条文未作修改，序号调整" in summaries
    inserted = next(r for r in table if r.kind == "entry" and r.new and r.new[0][0][1].startswith("第三条"))
    assert inserted.old == [] and inserted.note.startswith("新增")
    at = next(k for k, r in enumerate(table) if r.kind == "entry" and r.new
              and r.new[0][0][1].startswith("第七十一条"))
    # A merge takes a row per old article, the new article beside the first, so
    # no article's paragraph reads as part of another's.
    merged = table[at:at + 3]
    assert [r.old[0][0][1] for r in merged] == ["第六十四条　", "第六十六条　", "第七十条　"]
    assert merged[0].note.startswith("合并") and [r.new for r in merged[1:]] == [[], []]
    assert [r.note for r in merged[1:]] == ["并入第七十一条"] * 2


def test_unchanged_articles_each_with_the_same_mark():
    table = rows(_csl(), unchanged="same")
    assert not [r for r in table if r.kind == "summary"]
    same = [r for r in table if r.kind == "entry" and r.new and r.new[0][0][1].endswith("同左")]
    assert len(same) == 62  # 2 unchanged + 60 only renumbered
    assert same[0].new == [[(0, "同左")]] and same[2].new == [[(0, "第四条　同左")]]


def test_html_page_escapes_and_marks():
    old, _ = parse_text("# 示例法\n第一条 甲<b>乙</b>。\n第二条 丙丁。\n")
    new, _ = parse_text("# 示例法\n第一条 甲<b>乙</b>戊。\n第二条 丙丁。\n")
    page = render_table(compare(old, new))
    assert "<b>" not in page and "甲&lt;b&gt;乙&lt;/b&gt;" in page
    assert "<ins>戊</ins>" in page and "<th scope=\"col\">修改前</th>" in page


def test_the_container_follows_the_output_name(tmp_path):
    c = _csl()
    md = render_table(c, output="x.md")
    assert md.startswith("# 中华人民共和国网络安全法新旧条文对照表\n")
    assert "| 第五十九条　网络运营者不履行本法<del>第二十一条、第二十五条</del>" in md
    data = render_table(c, output="x.docx")
    from docx import Document

    doc = Document(io.BytesIO(data))
    grid = doc.tables[0]
    assert [cell.text for cell in grid.rows[0].cells] == ["修改前", "修改后", "说明"]
    struck = [run.text for row in grid.rows for cell in row.cells for p in cell.paragraphs
              for run in p.runs if run.font.strike]
    underlined = [run.text for row in grid.rows for cell in row.cells for p in cell.paragraphs
                  for run in p.runs if run.font.underline]
    assert "一万元" in struck and "五万元" in underlined
    # The Word table holds the new text whole: its cells, less the struck runs.
    new_side = "".join(run.text for row in grid.rows[1:] for p in row.cells[1].paragraphs
                       for run in p.runs if not run.font.strike)
    assert "网络安全工作坚持中国共产党的领导" in new_side


def test_the_command_writes_each_container(workspace, tmp_path):
    args = ["--drafts", str(workspace.drafts), "--sources", str(workspace.sources)]
    for name in ("t.html", "t.md", "t.docx"):
        code, _, err = invoke(["compare", "final", "amended", "--format", "table", "-o",
                               str(tmp_path / name), *args])
        assert code == 1, err
    assert (tmp_path / "t.docx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "t.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_split_gives_each_new_article_its_own_row_diffed_against_its_paragraphs():
    """AEPL first → second reading draft: 第十三条's third paragraph went on in
    第四十五条. It is not new text inside 第十四条's cell, nor all new in its own:
    第四十五条 has a row, diffed against that paragraph alone."""
    from redline.workspace.drafts import load_pair

    a, b, _ = load_pair("draft1", "draft2", None, "animal-epidemic-prevention-law")
    table = rows(compare(a, b))
    at = next(k for k, r in enumerate(table) if r.kind == "entry" and r.old
              and r.old[0][0][1] == "第十三条　")
    first, second = table[at], table[at + 1]
    assert first.new[0][0][1] == "第十四条　" and "第四十五条" not in str(first.new)
    assert second.old == [] and second.note == "由第十三条第三款拆分而来"
    assert second.new[0][0][1] == "第四十五条　"
    assert [t for op, t in second.new[0] if op == 1] == ["发生重大动物疫情时,"]
    # The old article whole beside the first: its third paragraph kept, as it went on.
    third = first.old[2]
    assert all(op != -1 for op, t in third if "划定动物疫病风险区" in t)
