"""verify-decision = apply + compare: the official CSL decision holds item by
item; altered copies fail at the item they alter, saying where the text differs."""

import pytest

from conftest import CORPUS
from redline.amend.decision import parse_decision
from redline.read import parse_text
from redline.amend.verify_decision import first_difference, verify

DECISION_PATH = CORPUS / "cybersecurity-law/decision-2025-10-28.md"
DECISION = DECISION_PATH.read_text(encoding="utf-8") if DECISION_PATH.is_file() else ""


def _run(decision_text, old, new):
    d = parse_decision(decision_text, law=old.title)
    return d, verify([d], old, new)


def _failures(v):
    return [(r.label, p) for r in v.items if r.status == "FAILED" for p in r.reasons] + \
        [("closing", p) for p in v.closing]


def test_official_decision_holds(csl_pair):
    d, v = _run(DECISION, *csl_pair)
    assert d.problems == []
    assert [r.status for r in v.items] == ["ok"] * 14 and v.closing == [] and v.ok
    # Each item names what it made, in the new numbering.
    made = {r.label: [str(n) for n in r.articles] for r in v.items}
    assert made["一"] == ["3"] and made["十一"] == ["69", "70"] and made["十二"] == ["71"]


@pytest.mark.parametrize("before,after,label,expect", [
    ("二、将第十八条改为第十九条", "二、将第十八条改为第二十条", "二",
     "two articles would be 第二十条 (the old 第十八条 and the new article of item 三)"),
    ("其中的\"并可以由有关主管部门", "其中的\"并可以由有关部门", "八",
     "is not in 第六十一条: the text reads “并可以由有关主管部门责令暂停相关业务"),
    ("应用软件下载服务提供者，不履行本法第五十条第二款规定的安全管理义务的，依照前两款规定处罚。",
     "应用软件下载服务提供者，不履行本法第五十条第二款规定的安全管理义务的，依照前款规定处罚。",
     "十一", "第六十九条 第三款 reads “…的安全管理义务的，依照前款规定处罚。” where the new text "
             "reads “…的安全管理义务的，依照前两款规定处罚。”"),
    ("十三、增加一条，作为第七十三条", "十三、增加一条，作为第七十二条", "十三", "第七十二条 第一款 reads"),
    ("二、将第十八条改为第十九条，删去第二款。", "二、将第十八条改为第十九条，删去第一款。", "二",
     "第十九条 第一款 reads"),
], ids=["renumbering", "quoted-old-words", "quoted-new-wording", "inserted-number", "paragraph"])
def test_altered_copies_fail(csl_pair, before, after, label, expect):
    assert before in DECISION
    _, v = _run(DECISION.replace(before, after, 1), *csl_pair)
    failures = _failures(v)
    assert any(lb == label and expect in p for lb, p in failures), failures
    assert not v.ok


def test_an_unlisted_change_fails_the_closing_check(csl_pair):
    """Drop item 14: the change to 第七十五条 is then made without a word."""
    text = DECISION.split("十四、")[0] + "\n《中华人民共和国网络安全法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。"
    _, v = _run(text, *csl_pair)
    assert [r.status for r in v.items] == ["ok"] * 13
    assert v.closing == ["第七十七条 第一款 reads “…外的机构、组织、个人从事攻击、侵入、干扰、破坏等…” where "
                         "the new text reads “…外的机构、组织、个人从事危害中华人民共和国网络安…”, "
                         "and no item changes it"]


def test_first_difference_shows_both_texts():
    assert first_difference("甲乙丙", "甲乙丁") == "reads “甲乙丙” where the new text reads “甲乙丁”"
    assert first_difference("甲", "甲乙") == "reads “甲” where the new text reads “甲乙”"


OLD = """# 示例法
<!-- INFO END -->
## 第一章 总则
第一条 为了规范示例活动，保护当事人的合法权益，制定本法。
第二条 本法适用于示例活动。
本法所称示例活动，是指按照本法规定进行的各类活动。
第三条 有下列情形之一的，不得从事示例活动：
（一）未经登记的；
（二）被吊销许可的；
（三）其他违法情形的。
第四条 主管部门应当每年公布示例活动的统计数据。
第五条 违反本法第三条规定的，处一万元以下罚款。
"""
NEW = """# 示例法
<!-- INFO END -->
## 第一章 总则
第一条 为了规范示例活动，保护当事人的合法权益，促进示例事业发展，制定本法。
第二条 本法适用于示例活动。
本法所称示例活动，是指依法进行的各类活动。
第三条 有下列情形之一的，不得从事示例活动：
（一）未经登记的；
（二）其他违法情形的。
## 第二章 法律责任
第四条 违反本法第三条规定的，处五万元以下罚款。
"""
DECISION_FORMS = """# 关于修改《示例法》的决定
<!-- INFO END -->
一、对部分条文作以下修改：
（一）将第一条中的"合法权益，制定本法"修改为"合法权益，促进示例事业发展，制定本法"。
（二）将第二条第二款修改为："本法所称示例活动，是指依法进行的各类活动。"
二、删去第三条第二项。
三、删去第四条。
四、增加一章，作为第二章："法律责任"
五、将第五条改为第四条，修改为："违反本法第三条规定的，处五万元以下罚款。"
《示例法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。
"""


def test_other_item_forms():
    old, _ = parse_text(OLD)
    new, _ = parse_text(NEW)
    d, v = _run(DECISION_FORMS, old, new)
    assert d.problems == []
    kinds = [a.kind for it in d.items for a in it.actions]
    assert kinds == ["replace_words", "rewrite_paragraph", "delete_item", "delete_article",
                     "insert_division", "renumber", "rewrite"]
    # Sub-items of 对部分条文作以下修改 are items of their own.
    assert [r.label for r in v.items] == ["一（一）", "一（二）", "二", "三", "四", "五"]
    assert _failures(v) == []


def test_other_item_forms_catch_mistakes():
    old, _ = parse_text(OLD)
    new, _ = parse_text(NEW.replace("（二）其他违法情形的。", "（二）被吊销许可的；\n（三）其他违法情形的。"))
    _, v = _run(DECISION_FORMS, old, new)
    assert ("二", "第三条 第二项 reads “（二）其他违法情形的。” where the new text reads "
                  "“（二）被吊销许可的；”") in _failures(v)
    new2, _ = parse_text(NEW.replace("## 第二章 法律责任\n", ""))
    _, v = _run(DECISION_FORMS, old, new2)
    assert ("四", "the new text has no heading 第二章") in _failures(v)


HEADINGS_OLD = """# 示例法
<!-- INFO END -->
## 第一章 总则
第一条 为了规范示例活动，制定本法。
## 第二章 示例活动
### 第一节 一般规定
第二条 示例活动应当依法进行。
### 第二节 特别规定
第三条 特别示例活动应当经过批准。
## 第三章 附则
第四条 本法自公布之日起施行。
"""
HEADINGS_NEW = """# 示例法
<!-- INFO END -->
## 第一章 总则
第一条 为了规范示例活动，制定本法。
## 第二章 示例活动的开展
### 第一节 一般规定
第二条 示例活动应当依法进行。
第三条 特别示例活动应当经过批准。
## 第三章 监督管理
第四条 主管部门对示例活动进行监督检查。
## 第四章 附则
第五条 本法自公布之日起施行。
"""
HEADINGS_DECISION = """# 关于修改《示例法》的决定
<!-- INFO END -->
一、将第二章的章名修改为“示例活动的开展”。
二、删去第二章第二节的节名。
三、增加一章，作为第三章：“第三章　监督管理”
四、增加一条，作为第四条：“主管部门对示例活动进行监督检查。”
《示例法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。
"""


def test_heading_items():
    old, _ = parse_text(HEADINGS_OLD)
    new, _ = parse_text(HEADINGS_NEW)
    d, results = _run(HEADINGS_DECISION, old, new)
    assert d.problems == []
    assert [(a.kind, a.division) for it in d.items[:3] for a in it.actions] == [
        ("rename_division", "chp_2"), ("delete_division", "chp_2__sec_2"),
        ("insert_division", "chp_3")]
    assert _failures(results) == []


def test_heading_items_catch_mistakes():
    old, _ = parse_text(HEADINGS_OLD)
    new, _ = parse_text(HEADINGS_NEW)
    wrong_name = HEADINGS_DECISION.replace("“示例活动的开展”", "“示例活动的进行”")
    _, results = _run(wrong_name, old, new)
    assert _failures(results) == [
        ("一", "the heading is “第二章 示例活动的进行” where the new text has “第二章 示例活动的开展”")]
    # The rename left out: the closing clause does not cover headings.
    _, results = _run(HEADINGS_DECISION.replace("一、将第二章的章名修改为“示例活动的开展”。\n", ""),
                      old, new)
    assert _failures(results) == [
        ("closing", "the heading 第二章 示例活动 is 第二章 示例活动的开展 in the new text, "
                    "and no item changes it")]
    # A rename of a heading that did not change.
    _, results = _run(HEADINGS_DECISION.replace("将第二章的章名", "将第一章的章名"), old, new)
    assert _failures(results) == [
        ("一", "the heading is “第一章 示例活动的开展” where the new text has “第一章 总则”"),
        ("closing", "the heading 第二章 示例活动 is 第二章 示例活动的开展 in the new text, "
                    "and no item changes it")]
    # A section said deleted that is still there: the articles under it are not.
    _, results = _run(HEADINGS_DECISION.replace("删去第二章第二节", "删去第二章第一节"), old, new)
    assert ("closing", "the heading 第二章 示例活动的开展 is 第二章 示例活动的开展 in the new text, "
                       "and no item changes it") not in _failures(results)
    assert any(lb == "closing" and "第一节" in p for lb, p in _failures(results)), _failures(results)


def test_new_chapter_quoted_with_its_articles():
    old, _ = parse_text(HEADINGS_OLD)
    new, _ = parse_text(HEADINGS_NEW)
    decision = HEADINGS_DECISION.replace(
        "三、增加一章，作为第三章：“第三章　监督管理”\n四、增加一条，作为第四条：“主管部门对示例活动进行监督检查。”",
        "三、增加一章，作为第三章：\n“第三章　监督管理\n“第四条　主管部门对示例活动进行监督检查。”")
    assert "四、" not in decision
    d, results = _run(decision, old, new)
    assert d.problems == []
    assert [str(n) for n in d.items[2].actions[0].parts] == ["4"]
    assert _failures(results) == []  # 第四条 is named by the chapter's item
    _, results = _run(decision.replace("进行监督检查", "进行检查"), old, new)
    assert _failures(results) == [("三", "第四条 第一款 reads “主管部门对示例活动进行检查。” where the new "
                                         "text reads “主管部门对示例活动进行监督检查。”")]
    # An article of another chapter quoted as the new chapter's.
    elsewhere = decision.replace("“第四条　主管部门对示例活动进行监督检查。”",
                                 "“第三条　特别示例活动应当经过批准。”")
    _, results = _run(elsewhere, old, new)
    assert ("三", "第三章 监督管理 holds 第三条、第四条 where the new text's holds 第四条") in _failures(results)
