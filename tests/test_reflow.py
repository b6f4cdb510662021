"""Reflow: layout lines back into paragraphs (redline/read/reflow.py), on small texts
written for the tests and on the real reading drafts of the corpus."""

from __future__ import annotations

import pytest

from conftest import CORPUS
from redline.diff.comparison import compare
from redline.normalise import norm_key
from redline.numbering import ArticleNumber
from redline.read import parse_file, parse_text
from redline.read.reflow import reflow
from redline.diff.textdiff import EQUAL

HALF = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "？": "?", "！": "!",
                      "“": '"', "”": '"'})


def rewrap(markdown: str, width: int, *, page_lines: int = 40) -> str:
    """A corpus text as a narrow printed page gives it back: each paragraph cut
    every ``width`` characters, its first line indented, half-width punctuation,
    and a page number every ``page_lines`` lines."""
    out: list[str] = []
    page = 1
    for line in markdown.split("<!-- INFO END -->")[1].splitlines():
        line = line.strip().lstrip("#").strip().translate(HALF)
        k, first = 0, True
        while k < len(line):
            w = width - 2 if first else width
            out.append(("  " if first else "") + line[k:k + w])
            k, first = k + w, False
            if len(out) % page_lines == 0:
                out += [f"— {page} —", ""]
                page += 1
    return "\n".join(out)


# Null case.
def test_paragraph_per_line_text_is_left_as_it_is():
    text = "第一章 总则\n第一条 甲乙。\n第二条 丙丁：\n（一）戊；\n（二）己。\n庚辛。"
    assert reflow(text).text == text and reflow(text).dropped == []


@pytest.mark.parametrize("text, lines", [
    # Hard wraps mid-sentence, half-width punctuation.
    ("第一条 为了加强管理,预防、控\n制疫病,制定本法。", ["第一条 为了加强管理,预防、控制疫病,制定本法。"]),
    # A semicolon at a line's end continues the paragraph unless an item follows.
    ("第一条 甲应当维护;\n在期限内不得终止。", ["第一条 甲应当维护;在期限内不得终止。"]),
    ("第一条 下列:\n(一)甲;\n(二)乙。", ["第一条 下列:", "(一)甲;", "(二)乙。"]),
    # A reference at a line's start is not an article unless it is the one expected.
    ("第一条 依照本法\n第三十条规定处罚。", ["第一条 依照本法第三十条规定处罚。"]),
    ("第一条 依照本法\n第二条规定处罚。\n第二条 乙。", ["第一条 依照本法第二条规定处罚。", "第二条 乙。"]),
    # A heading cut over two lines.
    ("第五章 动物和动物产品的检\n疫\n第一条 甲。", ["第五章 动物和动物产品的检疫", "第一条 甲。"]),
    # Indentation, where the layout keeps it, tells paragraphs apart even after a 。.
    ("  第一条 甲乙。丙丁\n戊。己庚\n辛。\n  壬癸。\n  第二条 子。",
     ["第一条 甲乙。丙丁戊。己庚辛。", "壬癸。", "第二条 子。"]),
], ids=["wrap", "semicolon", "items", "reference", "expected-reference", "heading", "indent"])
def test_lines_join_into_paragraphs(text, lines):
    assert [line.strip() for _, line in reflow(text).lines] == lines


def test_page_furniture_is_dropped_and_reported():
    pages = []
    for n in range(1, 5):
        pages.append(f"某某法（修订草案）\n第{'一二三四'[n - 1]}条 甲乙丙丁戊己\n庚辛。\n— {n} —")
    r = reflow("\f".join(pages))
    assert [t for _, t in r.lines] == ["第一条 甲乙丙丁戊己庚辛。", "第二条 甲乙丙丁戊己庚辛。",
                                       "第三条 甲乙丙丁戊己庚辛。", "第四条 甲乙丙丁戊己庚辛。"]
    whys = {why for _, why, _ in r.dropped}
    assert whys == {"page number", "running header or footer"}
    warnings = r.warnings()
    assert any("某某法（修订草案）" in w and "(4 times)" in w for w in warnings)


@pytest.mark.parametrize("line", ["— 12 —", "- 3 -", "第 3 页", "第3页 共10页", "3/38", "Page 2 of 9"])
def test_page_numbers(line):
    r = reflow(f"第一条 甲乙\n{line}\n丙。")
    assert [t for _, t in r.lines] == ["第一条 甲乙丙。"] and r.dropped[0][2] == line


def test_repeated_boilerplate_beside_page_breaks_is_never_dropped():
    # The same fragment, cut out of repeated wording by a fixed width, stands
    # beside a few page breaks: it is text, not a running header.
    chunk = "单位犯前款罪的，对单位判处罚金，\n并对其直接负责的主管人员和其他直\n接责任人员，依照前款的规定处罚。"
    arts = [f"第{n}条 {chunk}" for n in "一二三四五六七八九十"]
    text = "\n".join(a + ("\n— 1 —" if k % 3 == 2 else "") for k, a in enumerate(arts))
    r = reflow(text)
    assert all("并对其直接负责的主管人员和其他直接责任人员" in t for _, t in r.lines)


def test_web_footer_and_explanatory_note_are_kept_out_of_the_last_article():
    r = reflow("第一条 甲。\n第二条 乙。\n来源：某网站\n责任编辑：某")
    assert [t for _, t in r.lines] == ["第一条 甲。", "第二条 乙。"]
    assert [why for _, why, _ in r.dropped] == ["web page footer"] * 2
    st, warnings = parse_text("第一条 甲。\n第二条 本法自 年 月 日起施行。\n"
                              "关于《某某法（修订草案）》的说明\n一、必要性", "text")
    assert st.articles[-1].lines == ["本法自 年 月 日起施行。"]
    assert st.note == ["关于《某某法（修订草案）》的说明", "一、必要性"]
    assert any("explanatory note" in w for w in warnings)
    assert any("leaves the date blank" in w for w in warnings)


# Pasted-text defects.
def test_markdown_saved_as_text_keeps_its_chapters(tmp_path):
    src = (CORPUS / "cybersecurity-law/2016-11-07.md").read_text(encoding="utf-8")
    txt = tmp_path / "csl.txt"
    txt.write_text(src, encoding="utf-8")
    st, warnings = parse_file(txt)
    md, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    assert len(st.articles) == 79 and len(st.divisions) == len(md.divisions) == 9
    assert [a.lines for a in st.articles] == [a.lines for a in md.articles]
    assert warnings == []


def test_labels_without_spaces_and_with_inner_spaces():
    st, _ = parse_text("第 一 章  总 则\n第一条为了保护，制定本法。\n第二条本法所称甲，是指乙。", "text")
    assert [a.label for a in st.articles] == ["第一条", "第二条"]
    assert st.articles[0].lines == ["为了保护，制定本法。"] and st.divisions[0].id == "chp_1"


def test_annex_and_footnote_are_not_article_text():
    st, warnings = parse_text("第一条 甲。\n① 编者注：本条经修正。\n第二条 见附件。\n附件一\n"
                              "1．某某条例", "text")
    assert st.articles[0].lines == ["甲。"] and st.articles[1].lines == ["见附件。"]
    assert st.footnotes == [{"article": "第一条", "text": "① 编者注：本条经修正。"}]
    annex = [d for d in st.divisions if d.kind == "annex"]
    assert [(d.heading, d.lines) for d in annex] == [("附件一", ["1．某某条例"])]


def test_quotation_mark_style_is_not_a_change():
    old, _ = parse_text("第一条 将“甲”修改为‘乙’。", "text")
    new, _ = parse_text('第一条 将"甲"修改为\'乙\'。', "text")
    assert compare(old, new).to_json()["summary"] == {"unchanged": 1}


# The acceptance on real texts.
@pytest.mark.parametrize("law", ["cybersecurity-law/2016-11-07.md", "revisions/公司法/2023-12-29.md",
                                 "scale/刑法/2023-12-29.md"])
@pytest.mark.parametrize("width", [17, 23, 29, 36])
def test_a_corpus_text_rewrapped_compares_identical(law, width):
    original, _ = parse_file(CORPUS / law)
    wrapped, _ = parse_text(rewrap((CORPUS / law).read_text(encoding="utf-8"), width), "text")
    c = compare(original, wrapped).to_json()
    assert c["summary"] == {"unchanged": len(original.articles)}
    assert all(d["kind"] == "unchanged" for d in c["divisions"])


AEPL = CORPUS / "reading-drafts/动物防疫法"
CHAIN = ["2015-04-24.txt", "draft1-2020.txt", "draft2-2020.txt", "2021-01-22.md"]


@pytest.mark.parametrize("old, new, same_words", [
    (CHAIN[0], CHAIN[1], 11), (CHAIN[1], CHAIN[2], 17), (CHAIN[2], CHAIN[3], 35)],
    ids=["2015-draft1", "draft1-draft2", "draft2-2021"])
def test_reading_drafts_no_false_changes(old, new, same_words):
    """Articles whose words did not change are unchanged or renumbered, with no marks."""
    a, _ = parse_file(AEPL / old)
    b, _ = parse_file(AEPL / new)
    c = compare(a, b).to_json()
    by_old, by_new = a.by_number(), b.by_number()
    equal_words = 0
    for e in c["alignment"]:
        if len(e["old"]) != 1 or len(e["new"]) != 1:
            continue
        x = by_old[ArticleNumber.from_json(e["old"][0])]
        y = by_new[ArticleNumber.from_json(e["new"][0])]
        if [norm_key(t) for t in x.lines] == [norm_key(t) for t in y.lines]:
            equal_words += 1
            assert e["kind"] in ("unchanged", "renumbered"), (x.label, y.label, e["kind"])
            assert all(op == EQUAL for op, _ in e.get("diff") or [[EQUAL, ""]]), x.label
    assert equal_words == same_words


def test_a_one_page_print_loses_the_browser_header_and_footer():
    # Nothing repeats on one page, so only the lines' shape tells: Chromium's
    # date-and-title header and its address-and-page footer.
    text = ("12/4/26, 10:14 AM 中华人民共和国示例法\n中华人民共和国示例法\n第一条 为了规范示例活动，制定本法。\n"
            "第二条 本法自公布之日起施行。\nfile:///home/ann/laws/example.html 1/1")
    st, warnings = parse_text(text, "text")
    assert [a.lines for a in st.articles] == [["为了规范示例活动，制定本法。"], ["本法自公布之日起施行。"]]
    assert sum("browser print header or footer" in w for w in warnings) == 2
