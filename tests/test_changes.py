"""The change list in the NPC's form, checked against the official decision."""

import re

import pytest

from conftest import CORPUS
from redline.diff.comparison import compare
from redline.amend.decision import account, parse_decision
from redline.read import parse_text
from redline.render.changes import change_items, render_changes


def _official():
    return parse_decision((CORPUS / "cybersecurity-law/decision-2025-10-28.md")
                          .read_text(encoding="utf-8"))


def test_csl_change_list_names_the_decisions_changes(csl_comparison):
    text = render_changes(csl_comparison)
    ours = parse_decision("<!-- INFO END -->\n" + text)
    assert ours.problems == []
    assert ours.closing_renumbers
    assert account(ours) == account(_official())
    assert len(ours.items) == 14


def test_csl_items_read_as_the_npc_wrote_them(csl_comparison):
    items = change_items(csl_comparison)
    assert items[1] == "将第十八条改为第十九条，删去第二款。"
    assert items[3].startswith("将第四十条改为第四十二条，增加一款，作为第二款：“网络运营者处理个人信息")
    assert items[10].startswith("将第六十八条、第六十九条第一项合并，作为第六十九条，修改为：")
    assert items[11].startswith("将第六十四条、第六十六条、第七十条合并，作为第七十一条，修改为：")
    # The official item 8 quotes the same words.
    official = next(a for it in _official().items for a in it.actions if a.kind == "replace_words")
    ours = next(a for it in parse_decision("<!-- INFO END -->\n" + render_changes(csl_comparison)).items
                for a in it.actions if a.kind == "replace_words" and str(a.new) == "64")
    assert (ours.before, ours.after) == (official.before, official.after)


def test_quoted_new_wording_is_the_new_text(csl_comparison):
    official = {str(a.new): a.text for it in _official().items for a in it.actions
                if a.kind in ("insert_article", "rewrite")}
    ours = {str(a.new): a.text
            for it in parse_decision("<!-- INFO END -->\n" + render_changes(csl_comparison)).items
            for a in it.actions if a.kind in ("insert_article", "rewrite")}
    for number, paragraphs in ours.items():
        if number in official:
            assert paragraphs == official[number], number


A = "国家建立健全网络安全监测预警和信息通报制度，加强网络安全信息收集、分析和通报工作。"
B = "网络运营者应当制定网络安全事件应急预案，及时处置系统漏洞、计算机病毒、网络攻击等安全风险。"
C = "任何个人和组织不得从事非法侵入他人网络、干扰他人网络正常功能、窃取网络数据等危害网络安全的活动。"


def _items(old, new):
    a, _ = parse_text(old)
    b, _ = parse_text(new)
    return change_items(compare(a, b))


def test_same_number_forms():
    assert _items(f"第一条 {A}\n第二条 {B}\n{C}", f"第一条 {A}\n第二条 {B}") == ["删去第二条第二款。"]
    assert _items(f"第一条 {A}\n第二条 {B}", f"第一条 {A}\n第二条 {B}\n{C}") == [
        f"第二条增加一款，作为第二款：“{C}”"]
    changed = B.replace("及时处置", "立即处置")
    # The quote runs to whole clauses (， ； 。), as the NPC's quotes do.
    assert _items(f"第一条 {A}\n第二条 {B}", f"第一条 {A}\n第二条 {changed}") == [
        "将第二条中的“及时处置系统漏洞、计算机病毒、网络攻击等安全风险”"
        "修改为“立即处置系统漏洞、计算机病毒、网络攻击等安全风险”。"]


def test_deleted_article_and_closing_sentence():
    text = render_changes(compare(parse_text(f"第一条 {A}\n第二条 {B}\n第三条 {C}")[0],
                                  parse_text(f"第一条 {A}\n第二条 {C}")[0]))
    assert "一、删去第二条。" in text
    assert text.rstrip().endswith("根据本决定作相应修改并对条文顺序作相应调整。")


def test_nothing_to_list():
    st, _ = parse_text(f"第一条 {A}")
    assert "条文内容未作实质修改" in render_changes(compare(st, st))


REVISIONS = [
    ("revisions/立法法/2015-03-15.md", "revisions/立法法/2023-03-13.md"),
    ("revisions/公司法/2018-10-26.md", "revisions/公司法/2023-12-29.md"),
    ("revisions/反间谍法/2014-11-01.md", "revisions/反间谍法/2023-04-26.md"),
    ("revisions/保守国家秘密法/2010-04-29.md", "revisions/保守国家秘密法/2024-02-27.md"),
]


@pytest.mark.parametrize("old_rel,new_rel", REVISIONS, ids=[p[0].split("/")[1] for p in REVISIONS])
def test_change_list_and_html_agree_with_the_texts(tmp_path, old_rel, new_rel):
    """Our own outputs, checked by our own verifiers, on every real revision:
    the change list must verify as a decision, the HTML as an annotated redline."""
    from redline.read import parse_file
    from redline.render.html import render_html
    from redline.amend.verify_decision import verify
    from redline.workspace.verify_redline import verify_redline

    old, _ = parse_file(CORPUS / old_rel)
    new, _ = parse_file(CORPUS / new_rel)
    c = compare(old, new)
    decision = parse_decision("<!-- INFO END -->\n" + render_changes(c))
    assert decision.problems == []
    v = verify([decision], old, new)
    assert [(r.label, r.reasons) for r in v.items if r.status != "ok"] == [] and v.closing == []
    page = tmp_path / "r.html"
    for layout in ("inline", "side-by-side"):
        page.write_text(render_html(c, layout=layout), encoding="utf-8")
        ok, failed = verify_redline(page, old, new)
        assert failed == [] and ok


def test_changed_headings_are_items_before_their_articles():
    """反间谍法 2014→2023: chapters 2 and 3 renamed, chapter 4 new; each heading's
    item comes before the items of the articles under it."""
    from redline.read import parse_file

    old, _ = parse_file(CORPUS / "revisions/反间谍法/2014-11-01.md")
    new, _ = parse_file(CORPUS / "revisions/反间谍法/2023-04-26.md")
    c = compare(old, new)
    items = change_items(c)
    headings = [t for t in items if "章名" in t or "增加一章" in t]
    # Each says which articles it holds: the chapters of a full revision hold
    # articles that came from elsewhere, which their places alone would not give them.
    assert headings == ["将第二章的章名修改为“安全防范”，包括第十二条至第二十二条。",
                        "将第三章的章名修改为“调查处置”，包括第二十三条至第三十九条。",
                        "增加一章，作为第四章：“第四章 保障与监督”，包括第四十条至第五十二条"]
    # The item after each heading is about an article under it (new numbering).
    chapter_of = {a.label: a.division.split("__")[0] for a in new.articles}
    for text, chapter in zip(headings, ("chp_2", "chp_3", "chp_4")):
        following = items[items.index(text) + 1]
        label = re.search(r"(?:改为|作为)(第[^，：“]+?条)", following).group(1)
        assert chapter_of[label] == chapter, (text, following[:30])


EN_OLD = """Model Act

Chapter I: General Provisions

Article 1: This Act is made to protect personal data.

Article 2: This Act applies within the territory.
It also applies outside the territory where goods are offered to persons within it.

Chapter II: Duties

Article 3: A handler shall take the following measures, which the regulator may specify in detail:
(1) keep a record of processing;
(2) appoint a responsible person.

Article 4: A handler shall report a breach within seventy-two hours to the regulator of the place where it is established.

Article 5: A handler who violates Article 3 shall be ordered to make corrections.

Article 6: Obsolete transitional rules apply until the end of the first year after this Act comes into force.
"""
EN_NEW = """Model Act

Chapter I: General Provisions

Article 1: This Act is made to protect personal data.

Article 2: Artificial intelligence services shall respect the rights of data subjects and be supervised.

Article 3: This Act applies within the territory.

Chapter II: Duties of Handlers

Article 4: A handler shall take the following measures, which the regulator may specify in detail:
(1) keep a record of processing;
(2) assess the impact of processing;
(3) appoint a responsible person.

Article 5: A handler shall report a breach within twenty-four hours to the regulator of the place where it is established.

Article 6: A handler who violates Article 4 shall be ordered to make corrections.
"""


def test_english_change_list_in_the_npc_translations_form():
    old, _ = parse_text(EN_OLD, "text", stage="2024")
    new, _ = parse_text(EN_NEW, "text", stage="2025")
    assert old.language == new.language == "en"
    text = render_changes(compare(old, new))
    assert text.splitlines()[0] == "Model Act: amendments (2024 → 2025)"
    assert change_items(compare(old, new)) == [
        "One article is added as Article 2: “Artificial intelligence services shall respect "
        "the rights of data subjects and be supervised.”",
        "Article 2 is changed to Article 3, and its paragraph 2 is deleted.",
        "The title of Chapter II is amended to read “Duties of Handlers”, comprising Articles 4 to 6.",
        "Article 3 is changed to Article 4, and one item is added as Item (2): "
        "“(2) assess the impact of processing;”",
        "Article 4 is changed to Article 5, and “seventy-two” in it is amended to “twenty-four”.",
        "Article 6 is deleted.",
    ]
    assert text.rstrip().endswith("The Model Act is amended correspondingly, and the order of "
                                  "its articles is adjusted accordingly.")
