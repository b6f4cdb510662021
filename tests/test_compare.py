"""The Comparison and its JSON contract."""

import json

import pytest

from redline.diff.comparison import Comparison, compare, ref_articles
from redline.read import parse_text
from redline.render.json import render_json


def test_json_contract_on_the_csl(csl_comparison, csl_pair):
    data = json.loads(render_json(csl_comparison))
    assert data["old"]["title"] == "中华人民共和国网络安全法"
    assert data["old"]["articles"] == 79 and data["new"]["articles"] == 81
    rows = data["alignment"]
    by_new = {tuple(r["new"]): r for r in rows}
    r19 = by_new[(19,)]
    assert r19["old"] == [18] and r19["kind"] == "modified"
    assert 0 < r19["similarity"] < 1
    assert all(op in (-1, 0, 1) and isinstance(t, str) for op, t in r19["diff"])
    assert by_new[(3,)]["old"] == [] and by_new[(3,)]["kind"] == "inserted"
    assert by_new[(71,)]["old"] == [64, 66, 70] and by_new[(71,)]["kind"] == "merged"
    # Every article of both sides appears in the entries it belongs to.
    old_nums = {n for r in rows for n in r["old"]}
    new_nums = [n for r in rows for n in r["new"]]
    assert old_nums == set(range(1, 80))
    assert sorted(new_nums) == list(range(1, 82))
    assert data["summary"] == {"unchanged": 2, "renumbered": 64, "modified": 9,
                               "inserted": 4, "merged": 2}


def test_json_round_trip(csl_comparison):
    again = Comparison.from_json(json.loads(render_json(csl_comparison)))
    assert again == csl_comparison


def test_inserted_article_numbers_are_strings():
    old, _ = parse_text("第一条 甲乙丙丁戊己庚。\n第二条 辛壬癸子丑寅卯。")
    new, _ = parse_text("第一条 甲乙丙丁戊己庚。\n第一条之一 新增的一条内容。\n第二条 辛壬癸子丑寅卯。")
    rows = json.loads(render_json(compare(old, new)))["alignment"]
    assert [r["new"] for r in rows] == [[1], ["1-1"], [2]]


def test_references_only_on_the_csl(csl_comparison):
    refs = [e for e in csl_comparison.entries if e.references_only]
    assert [(e.old_labels, e.new_labels) for e in refs] == [
        (["第三十四条"], ["第三十六条"]), (["第六十三条"], ["第六十六条"]),
        (["第六十七条"], ["第六十八条"]), (["第七十三条"], ["第七十五条"])]
    assert all(e.kind == "renumbered" for e in refs)


def test_no_changes_means_no_differences():
    st, _ = parse_text("第一条 甲乙丙丁戊己庚。")
    assert not compare(st, st).has_changes


def test_ref_articles():
    assert [str(n) for n in ref_articles("第一百二十条之一和第三条第二款")] == ["120-1", "3"]


@pytest.mark.corpus
def test_a_split_says_which_paragraphs_went_where_in_json_and_on_screen():
    from conftest import CORPUS, invoke
    from redline.read import parse_file

    old, _ = parse_file(CORPUS / "revisions/立法法/2015-03-15.md")
    new, _ = parse_file(CORPUS / "revisions/立法法/2023-03-13.md")
    c = compare(old, new)
    data = json.loads(render_json(c))
    (row,) = [r for r in data["alignment"] if r["kind"] == "split"]
    assert [{k: v for k, v in d.items() if k != "diff"} for d in row["paragraphs_to"]] == [
        {"new": 110, "paragraphs": [0, 1], "where": ["第一款", "第二款"]},
        {"new": 111, "paragraphs": [2], "where": ["第三款"]}]
    # Each destination's own diff: those paragraphs against the new article alone.
    assert row["paragraphs_to"][0]["diff"][0] == [0, "国务院、中央军事委员会、"]
    again = Comparison.from_json(data)
    assert json.loads(render_json(again)) == data  # typed parts read back to the same JSON
    code, out, _ = invoke(["compare", str(CORPUS / "revisions/立法法/2015-03-15.md"),
                           str(CORPUS / "revisions/立法法/2023-03-13.md"), "--width", "200"])
    assert "第九十九条 → 第一百一十条、第一百一十一条  split  (第一款、第二款 → 第一百一十条; 第三款 → 第一百一十一条)" in out


@pytest.mark.corpus
def test_text_outside_the_articles_is_compared(tmp_path):
    # An annex line changed (the Criminal Law's 附件一) was once "No differences",
    # exit 0. Now it is a change: shown, in the JSON, and written as an item that
    # apply executes; the editor's footnotes are compared too.
    from conftest import CORPUS, invoke
    from redline.read import parse_file

    src = CORPUS / "scale/刑法/2023-12-29.md"
    changed = tmp_path / "changed.md"
    changed.write_text(src.read_text(encoding="utf-8").replace(
        "2．关于严惩严重破坏经济的罪犯的决定", "2．关于严惩严重破坏经济秩序的罪犯的决定"), encoding="utf-8")
    old, _ = parse_file(src)
    c = compare(old, parse_file(changed)[0])
    assert c.has_changes and [t.where for t in c.other_text] == ["附件一"]
    assert [op for op, t in c.other_text[0].diff if op != 0] == [1]
    code, out, _ = invoke(["compare", str(src), str(changed), "--width", "0"])
    assert code == 1 and "Text outside the articles changed (1)" in out and "经济{+秩序+}的罪犯" in out
    changes = tmp_path / "changes.md"
    invoke(["compare", str(src), str(changed), "--format", "changes", "-o", str(changes)])
    assert "将附件一修改为：" in changes.read_text(encoding="utf-8")
    applied = tmp_path / "applied.md"
    code, _, err = invoke(["apply", str(changes), str(src), "-o", str(applied)])
    assert code == 0, err
    again = compare(parse_file(applied)[0], parse_file(changed)[0])
    assert not again.has_changes  # the footnote ① kept too, after its article
    footnotes = compare(parse_file(CORPUS / "scale/刑法/2020-12-26.md")[0], old).other_text
    assert [t.where for t in footnotes] == ["footnotes"]


def test_lines_outside_any_article_are_compared():
    # A preamble (序言) stands outside every article: a change there is a change.
    old, _ = parse_text("# 示例宪法\n<!-- INFO END -->\n## 序言\n示例国是历史悠久的国家。\n"
                        "## 第一章 总纲\n第一条 示例国是人民的国家。\n")
    new, _ = parse_text("# 示例宪法\n<!-- INFO END -->\n## 序言\n示例国是历史悠久、文化灿烂的国家。\n"
                        "## 第一章 总纲\n第一条 示例国是人民的国家。\n")
    c = compare(old, new)
    assert c.has_changes and [t.where for t in c.other_text] == ["outside"]
    assert [(op, t) for op, t in c.other_text[0].diff if op] == [(1, "、文化灿烂")]
