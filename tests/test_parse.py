"""Parsers: the real corpus, plain text, English, HTML, and what must be refused."""


import pytest

from conftest import CORPUS, DATA
from redline.errors import ParseError, RedlineError
from redline.read import parse_file, parse_text
from redline.read.yaml_io import data_to_stage, load_yaml_text, stage_to_yaml

# Article counts as ../shared/corpus/README.md states them.
COUNTS = {
    "cybersecurity-law/2016-11-07.md": 79,
    "cybersecurity-law/2025-10-28.md": 81,
    "revisions/立法法/2015-03-15.md": 105,
    "revisions/立法法/2023-03-13.md": 120,
    "revisions/公司法/2018-10-26.md": 218,
    "revisions/公司法/2023-12-29.md": 266,
    "revisions/反间谍法/2014-11-01.md": 40,
    "revisions/反间谍法/2023-04-26.md": 71,
    "revisions/保守国家秘密法/2010-04-29.md": 53,
    "revisions/保守国家秘密法/2024-02-27.md": 65,
    "scale/民法典/2020-05-28.md": 1260,
    "scale/刑法/2020-12-26.md": 505,
}


def _round_trip(st):
    return data_to_stage(load_yaml_text(stage_to_yaml(st), "t"), "t")


@pytest.mark.parametrize("rel", sorted(COUNTS), ids=sorted(COUNTS))
def test_corpus_counts_and_yaml_round_trip(rel):
    st, warnings = parse_file(CORPUS / rel)
    assert len(st.articles) == COUNTS[rel]
    # Editorial footnotes are reported as kept apart; nothing else is worth a warning.
    assert [w for w in warnings if "footnote" not in w] == []
    assert len(warnings) == len(st.footnotes)
    assert st.title.startswith("中华人民共和国")
    assert _round_trip(st) == st
    # Nothing of the body is lost: every non-heading line after INFO END is in an
    # article, an annex or a footnote.
    body = (CORPUS / rel).read_text(encoding="utf-8").split("<!-- INFO END -->")[1]
    body_lines = [ln.strip() for ln in body.splitlines() if ln.strip().strip("\u200b")]
    kept = (sum(len(a.lines) for a in st.articles) + sum(len(d.lines) for d in st.divisions)
            + len(st.footnotes))
    assert kept + len(st.divisions) == len(body_lines)


def test_annexes_of_the_criminal_law_are_divisions_not_article_text():
    st, _ = parse_file(CORPUS / "scale/刑法/2020-12-26.md")
    annexes = [d for d in st.divisions if d.kind == "annex"]
    assert [(d.id, d.heading) for d in annexes] == [("annex_1", "附件一"), ("annex_2", "附件二")]
    assert annexes[0].lines[1] == "1．中华人民共和国惩治军人违反职责罪暂行条例"
    assert st.articles[-1].lines[-1].startswith("列于本法附件二的")


def test_inserted_articles_of_the_criminal_law():
    st, _ = parse_file(CORPUS / "scale/刑法/2020-12-26.md")
    numbers = [str(a.number) for a in st.articles]
    assert "17-1" in numbers and "37-1" in numbers
    a = st.by_number()[__import__("redline.numbering").numbering.ArticleNumber(17, 1)]
    assert a.label == "第十七条之一"
    # 编 > 章 > 节 nest into ids.
    assert any(d.id.startswith("part_1__chp_2__sec_") for d in st.divisions)


def test_chapter_titles_with_spaces_and_plain_text():
    text = ("中华人民共和国测试法\n2024年1月1日通过\n\n第一章 总 则\n\n"
            "第一条　为了测试，制定本法。\n第二条 本法适用于测试。\n第二章　附　则\n第三条 本法自公布之日起施行。")
    st, warnings = parse_text(text, "text")
    assert warnings == []
    assert st.title == "中华人民共和国测试法"
    assert st.history == ["2024年1月1日通过"]
    assert [d.title for d in st.divisions] == ["总 则", "附　则"]
    assert [a.division for a in st.articles] == ["chp_1", "chp_1", "chp_2"]
    assert st.articles[0].lines == ["为了测试，制定本法。"]


def test_markdown_and_plain_forms_agree():
    md = "# 测试法\n\n2024年通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 甲。\n\n（一）乙；\n\n第二条 丙。"
    plain = "测试法\n2024年通过\n第一章 总则\n第一条 甲。\n（一）乙；\n第二条 丙。"
    a, _ = parse_text(md, "markdown")
    b, _ = parse_text(plain, "text")
    assert a.articles == b.articles and a.divisions == b.divisions and a.history == b.history


def test_items_and_paragraphs():
    st, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    art = st.articles[68]
    assert art.label == "第六十九条"
    paras = art.paragraphs
    assert len(paras) == 1 and [i.label for i in paras[0].items] == ["（一）", "（二）", "（三）"]


def test_stray_line_is_reported_with_its_line_number():
    text = "# 法\n<!-- INFO END -->\n## 第一章 总则\n这一行不属于任何条文\n第一条 甲。"
    st, warnings = parse_text(text)
    assert warnings == ["line 4: text outside any article: '这一行不属于任何条文'"]
    assert st.stray_lines == ["这一行不属于任何条文"]


def test_table_of_contents_is_skipped():
    text = "测试法\n目　录\n第一章 总则\n第二章 附则\n第一章 总则\n第一条 甲。\n第二章 附则\n第二条 乙。"
    st, warnings = parse_text(text, "text")
    assert [a.division for a in st.articles] == ["chp_1", "chp_2"]
    assert len(st.divisions) == 2 and warnings == []


@pytest.mark.parametrize("text", ["", "   \n\n", "# 只有标题\n<!-- INFO END -->\n没有条文。"],
                         ids=["empty", "blank", "no-articles"])
def test_no_articles_is_an_error(text):
    with pytest.raises(ParseError, match="no articles"):
        parse_text(text)


def test_duplicated_article_numbers_are_reported():
    with pytest.raises(ParseError, match=r"第二条 appears twice \(lines 2 and 3\)"):
        parse_text("第一条 甲。\n第二条 乙。\n第二条 丙。")


def test_out_of_order_numbers_warn():
    _, warnings = parse_text("第一条 甲。\n第三条 乙。\n第二条 丙。")
    assert warnings == ["line 3: 第二条 comes after 第三条, out of order"]


def test_english_statute():
    st, warnings = parse_file(DATA / "en_statute.txt")
    assert warnings == []
    assert st.language == "en"
    assert st.title == "Model Data Protection Act"
    assert [a.label for a in st.articles] == ["Article 1", "Article 2", "Article 3", "Article 4"]
    assert [d.heading for d in st.divisions] == ["Chapter I: General Provisions",
                                                  "Chapter II: Duties of Handlers"]
    assert st.divisions[1].number == 2 and st.divisions[1].title == "Duties of Handlers"
    assert [i.label for i in st.articles[2].paragraphs[0].items] == ["(1)", "(2)"]
    assert _round_trip(st) == st


def test_html_page(tmp_path):
    page = tmp_path / "law.html"
    page.write_text(
        "<html><head><title>t</title><style>p{}</style></head><body>"
        "<h1>中华人民共和国测试法</h1><p>2024年1月1日通过</p><h2>第一章 总则</h2>"
        "<p>第一条&nbsp;为了&lt;测试&gt;，制定本法。</p><p>本法所称测试，是指…</p>"
        "<p>第二条 甲。<br>（一）乙；</p><script>alert(1)</script></body></html>",
        encoding="utf-8")
    st, warnings = parse_file(page)
    assert warnings == []
    assert st.title == "中华人民共和国测试法"
    assert st.articles[0].lines == ["为了<测试>，制定本法。", "本法所称测试，是指…"]
    assert st.articles[1].lines == ["甲。", "（一）乙；"]


def test_gb18030_source(tmp_path):
    f = tmp_path / "gb.txt"
    f.write_bytes("测试法\n第一条 甲乙丙。".encode("gb18030"))
    st, _ = parse_file(f)
    assert st.articles[0].lines == ["甲乙丙。"]


def test_binary_and_undecodable_input_refused(tmp_path):
    binary = tmp_path / "x.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    with pytest.raises(ParseError, match="binary"):
        parse_file(binary)
    bad = tmp_path / "y.md"
    bad.write_bytes(b"\xff\xfe\xfa" * 10)
    with pytest.raises(ParseError, match="cannot decode"):
        parse_file(bad)


def test_missing_and_unknown_files(tmp_path):
    with pytest.raises(RedlineError, match="no such file"):
        parse_file(tmp_path / "none.md")
    (tmp_path / "x.odt").write_bytes(b"PK\x03\x04 not a statute")
    with pytest.raises(RedlineError, match="unknown format '.odt'; readable formats are"):
        parse_file(tmp_path / "x.odt")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(RedlineError, match="not a readable PDF"):
        parse_file(tmp_path / "x.pdf")


def test_zero_width_debris_is_not_text():
    st, warnings = parse_text("第一条 甲\u200b乙。\n\u200b\n第二条 丙。")
    assert st.articles[0].lines == ["甲乙。"] and warnings == []


def test_control_characters_never_reach_the_text():
    st, warnings = parse_text("第一条 甲\x1b[31m乙\x1b]0;title\x07丙。\x9b\n第二条 丁。", "text")
    assert st.articles[0].lines == ["甲[31m乙]0;title丙。"]
    assert warnings[0] == "dropped 4 control characters (terminal escape codes or other non-text)"


def test_a_word_97_document_is_named_and_the_way_out_said(tmp_path):
    # The NPC's older pages hand out .doc files; one renamed .txt is caught too.
    for name in ("law.doc", "law.txt"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
        with pytest.raises(RedlineError, match=r"Word 97-2003 document \(.doc\).*convert-to docx"):
            parse_file(tmp_path / name)


def test_a_heading_wrapped_onto_the_next_line_is_one_heading():
    # As some sites publish a long chapter title: cut in two, the rest a line of
    # its own before the first article (and a ## heading with a comma is a heading).
    text = ("# 示例法\n<!-- INFO END -->\n## 第一章 总则\n第一条 甲。\n"
            "## 第二章 听取和审议人民政府、人民法院和\n\n人民检察院的专项工作报告\n\n第二条 乙。\n"
            "## 第三章 审查和批准决算，听取和审议国民经济和\n\n社会发展计划、预算的执行情况报告\n\n第三条 丙。")
    st, warnings = parse_text(text)
    assert [d.heading for d in st.divisions] == [
        "第一章 总则", "第二章 听取和审议人民政府、人民法院和人民检察院的专项工作报告",
        "第三章 审查和批准决算，听取和审议国民经济和社会发展计划、预算的执行情况报告"]
    assert [a.division for a in st.articles] == ["chp_1", "chp_2", "chp_3"]
    assert st.stray_lines == [] and warnings == []
    # A short title is never cut in two: the line after it is not a heading's.
    st, warnings = parse_text("# 法\n<!-- INFO END -->\n## 第一章 总则\n这一行不属于任何条文\n第一条 甲。")
    assert st.divisions[0].heading == "第一章 总则" and st.stray_lines == ["这一行不属于任何条文"]


def test_articles_marked_deleted_in_an_english_text_are_kept():
    # "Article N Deleted." repeats with only its number changed: it was taken
    # for a running header and dropped (2 of 5 articles read, exit 0).
    text = ("Example Law\nArticle 1 This Law is made to regulate examples.\nArticle 2 Deleted.\n"
            "Article 3 Deleted.\nArticle 4 Deleted.\nArticle 5 This Law takes effect on promulgation.\n")
    st, warnings = parse_text(text, "text")
    assert [(str(a.number), a.lines) for a in st.articles][1:4] == [
        ("2", ["Deleted."]), ("3", ["Deleted."]), ("4", ["Deleted."])]
    assert warnings == []


def test_article_ten_thousand_and_on_are_articles():
    from redline.numbering import int_to_cn

    text = "\n".join(f"第{int_to_cn(k)}条 条文{k}。" for k in range(9998, 10003))
    st, _ = parse_text(text, "text")
    assert [a.label for a in st.articles][-3:] == ["第一万条", "第一万零一条", "第一万零二条"]
    assert [a.lines for a in st.articles][-1] == ["条文10002。"]


def test_a_title_a_page_width_cut_is_joined_and_a_whole_one_is_not():
    """A PDF printed in a narrow column wraps the title (中华人民共和国公 / 司法):
    the next line, with no date, finishes it; a title that ends as a law's does
    is left alone, and the date line after it stays history."""
    st, _ = parse_text("中华人民共和国公\n司法\n1993年12月29日通过\n第一条 为了规范公司，制定本法。", "text")
    assert st.title == "中华人民共和国公司法" and st.history == ["1993年12月29日通过"]
    st, _ = parse_text("中华人民共和国公司法\n（2023年修订）\n第一条 为了规范公司，制定本法。", "text")
    assert st.title == "中华人民共和国公司法" and st.history == ["（2023年修订）"]
