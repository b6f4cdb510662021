"""Content that continues, reworded (``continued``): found in full revisions,
held to the judged development set, and shown as its own, weaker kind in every
output."""

from __future__ import annotations

import io
import json
import sys
import zipfile

import pytest

from conftest import CORPUS, ROOT
from redline.diff.comparison import compare
from redline.read import parse_file

sys.path.insert(0, str(ROOT))


def test_the_judged_rates_hold():
    """bench/judged.py on ../shared/corpus/judged: the level reached. A rule that
    loses a link or links a true deletion fails here."""
    from bench.judged import ALONE, FOUND, LINKS, score

    s = score()
    assert (s.total[LINKS], s.total[FOUND], s.total[ALONE]) == (180, 64, 107)
    assert s.right[LINKS] >= 169  # 0.94
    assert s.right[FOUND] >= 36  # 0.56; 9 before continuations
    assert s.right[ALONE] >= 105  # 0.98


@pytest.fixture(scope="module")
def company():
    old, _ = parse_file(CORPUS / "revisions/公司法/2018-10-26.md")
    new, _ = parse_file(CORPUS / "revisions/公司法/2023-12-29.md")
    return old, new, compare(old, new)


def _entry(c, title):
    from redline.diff.comparison import entry_title

    return next(e for e in c.entries if entry_title(e) == title)


def test_the_three_shapes_on_the_company_law(company):
    old, new, c = company
    got = {(tuple(map(str, e.old)), tuple(map(str, e.new)), tuple(str(d.new) for d in e.paragraphs_to))
           for e in c.entries if e.kind == "continued"}
    # Read by us against both texts: each old article's content goes on there.
    assert got == {
        (("93",), ("99",), ()),  # 发起人 补足出资、连带责任, both sides left over: both whole here
        (("94",), (), ("105",)),  # 返还股款并加算银行同期存款利息 → 第一百零五条, held by its own entry
        (("134",), (), ("154",)),  # 公开发行新股 公告招股说明书 → 公开募集股份
        (("51",), ("83",), ()),  # 规模较小…可以不设监事会 (第一款), 第五十一条 held elsewhere
        (("64",), ("169",), ()),  # 国有独资公司 → 国家出资公司 履行出资人职责
        (("148",), ("182",), ()),  # 第四项 自我交易 → 关联交易报告
        (("166",), ("211",), ()),  # 违反规定分配利润 退还公司
    }
    e = _entry(c, "第九十四条 → 第一百零五条")
    assert [d.where for d in e.paragraphs_to] == [["第二项"]]
    e = _entry(c, "第五十一条（部分） → 第八十三条")
    assert [(str(p.old), p.where) for p in e.parts] == [("51", ["第一款"])]
    # Weaker than modified, and said to be: the score is how much carried over.
    assert all(0.2 <= e.similarity < 0.5 for e in c.entries if e.kind == "continued")


def test_every_output_names_the_continuation(company, tmp_path):
    from redline.render.changes import render_changes
    from redline.render.docx import render_docx
    from redline.render.html import render_html
    from redline.render.json import render_json
    from redline.render.markdown import render_markdown
    from redline.render.plain import render_plain
    from redline.render.table import render_table
    from redline.workspace.verify_redline import verify_redline

    old, new, c = company
    d = json.loads(render_json(c))
    entry = next(x for x in d["alignment"] if x["kind"] == "continued" and x["old"] == [94])
    assert entry["new"] == [] and entry["paragraphs_to"][0]["new"] == 105
    md = render_markdown(c)
    assert "### 第九十三条 → 第九十九条\n\n*content continues, reworded*" in md
    html = render_html(c)
    assert '<span class="kind">content continues, reworded</span>' in html
    assert "Content continues, reworded: a weaker link than a modification" in html
    table = render_table(c)
    assert "内容延续（改写较大，两文全文照录）" in table
    comments = zipfile.ZipFile(io.BytesIO(render_docx(c))).read("word/comments.xml").decode("utf-8")
    assert "Content continues, reworded: 第九十三条 → 第九十九条" in comments
    # To an instrument, content reworded past a modification is deleted and added.
    items = render_changes(c)
    assert "删去第九十三条。" in items and "增加一条，作为第九十九条：“发起人不按照" in items
    # Both texts, whole, read back from the outputs.
    for name, text in (("x.html", render_html(c, show_all=True)), ("x.txt", render_plain(c)),
                       ("t.html", render_table(c, show_all=True))):
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        ok, failed = verify_redline(f, old, new)
        assert failed == [] and ok, name


def test_the_terminal_shows_both_texts_on_lines_of_their_own(company):
    from redline.render.terminal import make_console, render_terminal

    _, _, c = company
    buf = io.StringIO()
    render_terminal(c, make_console(buf, color=False, width=200))
    text = buf.getvalue()
    at = text.index("第九十三条 → 第九十九条  content continues, reworded")
    block = text[at:].split("\n\n")[0].split("\n")
    assert block[-2].endswith("其他发起人承担连带责任。-]")  # the old text ends its own line
    assert block[-1].startswith("{+发起人不按照其认购的股份缴纳股款")  # the new text starts one


def test_settings_turn_it_off_and_the_articles_are_deleted_and_inserted_again(company):
    from redline.diff.align import AlignSettings

    old, new, c = company
    off = compare(old, new, settings=AlignSettings(continued=99))
    assert not [e for e in off.entries if e.kind == "continued"]
    kinds = {e.kind for e in off.entries if e.old and str(e.old[0]) == "93" and not e.new}
    assert kinds == {"deleted"}


def test_crimes_folded_into_the_one_article_that_gathers_liability():
    """民用航空法 2021 → 2025: each crime's own article (依照刑法有关规定追究刑事责任)
    goes into 第二百五十五条, which gathers the law's liability in the NPC's
    formula; the readers judged every one so."""
    folder = CORPUS / "judged" / "民用航空法"
    old, _ = parse_file(next(folder.glob("OLD-*.md")))
    new, _ = parse_file(next(folder.glob("NEW-*.md")))
    c = compare(old, new)
    into = sorted(o.main for e in c.entries if e.kind == "continued" for o in e.old
                  if [n.main for n in e.new] == [255] or [d.new.main for d in e.paragraphs_to] == [255])
    # 第二百条: 治安管理处罚, which 第二百五十五条 gathers too.
    assert into == [191, 192, 193, 195, 196, 197, 198, 199, 200]
