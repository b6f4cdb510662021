"""redline apply: amendment instruments executed on the texts they amend.

The official CSL decision applied to the 2016 text gives the 2025 text; our own
change list, applied to the old text of every corpus pair, gives the new one;
and the instrument forms the NPC uses (decisions, 修正案, the Constitution's
amendments, package decisions) are each executed on small texts written here.
"""

import pytest

from conftest import CORPUS, CORPUS_PAIRS, invoke
from redline.amend.execute import apply_all, apply_decision
from redline.diff.comparison import compare
from redline.amend.decision import parse_decision
from redline.errors import RedlineError
from redline.normalise import norm_key
from redline.read import parse_file, parse_text
from redline.render.changes import render_changes
from redline.read.stage_markdown import stage_markdown

CSL = CORPUS / "cybersecurity-law"


def _texts(stage):
    return {a.label: a.lines for a in stage.articles}


def test_csl_decision_applied_gives_the_2025_text(tmp_path):
    out = tmp_path / "csl-2025.md"
    code, _, err = invoke(["apply", str(CSL / "decision-2025-10-28.md"), str(CSL / "2016-11-07.md"),
                           "-o", str(out)])
    assert code == 0, err
    code, stdout, _ = invoke(["compare", str(out), str(CSL / "2025-10-28.md"), "--format", "json"])
    assert code == 0  # identical, article by article and heading by heading
    applied, _ = parse_file(out)
    official, _ = parse_file(CSL / "2025-10-28.md")
    # As compare reads them: the 2016 source writes some colons half-width.
    assert {k: [norm_key(x) for x in v] for k, v in _texts(applied).items()} == \
        {k: [norm_key(x) for x in v] for k, v in _texts(official).items()}
    assert [(a.label, a.division) for a in applied.articles] == \
        [(a.label, a.division) for a in official.articles]


def test_the_account_goes_to_stderr_when_the_text_goes_to_stdout():
    code, out, err = invoke(["apply", str(CSL / "decision-2025-10-28.md"), str(CSL / "2016-11-07.md")])
    assert code == 0
    assert out.startswith("# 中华人民共和国网络安全法\n") and "ok      item" not in out
    assert err.count("ok      item") == 14


PAIRS = CORPUS_PAIRS
#: Articles that stand under another heading in the result, and that apply does
#: not flag: in the 2021 regulations 第四章 opens one article earlier (the old
#: 第二十三条, unchanged in place), and no form of a change list says so.
UNFLAGGED_HEADING_MOVES = {"versions/生猪屠宰管理条例/2021.txt": {"第三十条"}}


@pytest.mark.parametrize("old_rel,new_rel", PAIRS, ids=[f"{o.split('/')[-2]}:{o.split('/')[-1]}"
                                                        for o, _ in PAIRS])
def test_our_change_list_applied_gives_the_new_text(old_rel, new_rel):
    """Round trip: apply(our change list of OLD→NEW, OLD) reads as NEW, article by
    article; every item executes; the headings read the same."""
    old, _ = parse_file(CORPUS / old_rel)
    new, _ = parse_file(CORPUS / new_rel)
    decision = parse_decision(render_changes(compare(old, new)), law=old.title)
    assert decision.problems == []
    applied = apply_decision(decision, old)
    assert [(r.label, r.reasons) for r in applied.items if r.status != "ok"] == []
    assert applied.problems == []
    result, _ = parse_text(stage_markdown(applied.stage))  # through the markdown written
    again = compare(result, new)
    assert [(e.kind, e.old_labels, e.new_labels) for e in again.entries if e.kind != "unchanged"] == []
    assert [d for d in again.divisions if d.changed] == []
    # An article under another heading than in NEW was placed by a guess that apply reports.
    heading = {a.label: a.division for a in new.articles}
    moved = {a.label for a in result.articles if heading[a.label] != a.division}
    noted = " ".join(applied.notes)
    unflagged = {label for label in moved if label not in noted and not any(
        _in_span(label, note) for note in applied.notes)}
    assert unflagged == UNFLAGGED_HEADING_MOVES.get(new_rel, set())


def _in_span(label, note):
    """第八十条 in a note about 第七十九条至第八十条."""
    import re

    from redline.numbering import parse_cn_article

    m = re.match(r"(第\S+?条)至(第\S+?条) stand", note)
    if not m:
        return False
    n = parse_cn_article(label)
    return parse_cn_article(m.group(1)) <= n <= parse_cn_article(m.group(2))


OLD = """# 示例法
<!-- INFO END -->
## 第一章 总则
第一条 为了规范示例活动，制定本法。
第二条 示例活动应当遵守法律。
第三条 有下列情形之一的，不得从事示例活动：
（一）未经登记的；
（二）被吊销许可的；
（三）其他违法情形的。
## 第二章 法律责任
第四条 违反本法第三条规定的，处一万元以下罚款。
违反本法第二条规定的，责令改正。
第五条 本法自公布之日起施行。
"""


def _apply(text, old=OLD, law="示例法"):
    stage, _ = parse_text(old)
    d = parse_decision(text, law=law)
    return d, apply_decision(d, stage)


def _md(applied):
    return stage_markdown(applied.stage).split("<!-- INFO END -->\n\n", 1)[1]


def test_an_amendment_keeps_the_numbers():
    d, r = _apply("""# 中华人民共和国示例法修正案
一、在示例法第二条后增加一条，作为第二条之一："示例活动应当诚实守信。"
二、将示例法第四条第一款修改为："违反本法第三条规定的，处五万元以下罚款。"
三、在示例法第三条中增加一项，作为第二项："（二）被撤销资格的；"
四、在第一条、第二条中的"示例活动"后增加"和相关服务"。
五、删去示例法第五条。
六、本修正案自2026年1月1日起施行。
""")
    assert d.kind == "amendment" and d.problems == []
    assert [(i.label, i.status) for i in r.items] == [
        ("一", "ok"), ("二", "ok"), ("三", "ok"), ("四", "ok"), ("五", "ok"), ("六", "skipped")]
    assert r.items[-1].reasons == ["commencement clause: it changes no text"]
    assert _md(r) == """## 第一章 总则

第一条 为了规范示例活动和相关服务，制定本法。

第二条 示例活动和相关服务应当遵守法律。

第二条之一 示例活动应当诚实守信。

第三条 有下列情形之一的，不得从事示例活动：

（一）未经登记的；

（二）被撤销资格的；

（三）被吊销许可的；

（四）其他违法情形的。

## 第二章 法律责任

第四条 违反本法第三条规定的，处五万元以下罚款。

违反本法第二条规定的，责令改正。

第五条 （删去）
"""


def test_the_constitutions_forms():
    """Items numbered 第N条; quoted old wording; 后增写一句; an item inserted into a
    quoted paragraph with the items after it renumbered; the preamble."""
    d, r = _apply("""中华人民共和国示例法修正案
第一条　示例法序言第七自然段中"甲"修改为"乙"。
第二条　示例法第二条"示例活动应当遵守法律。"后增写一句，内容为："示例活动应当接受监督。"
第三条　示例法第三条"有下列情形之一的，不得从事示例活动："中增加一项，作为第三项："（三）被撤销资格的；"，第三项相应改为第四项。
第四条　示例法第四条增加一款，作为第二款："单位有前款行为的，同样处罚。"第二款相应改为第三款。
第五条　示例法第一条：“为了规范示例活动，制定本法。”修改为：“为了规范和促进示例活动，制定本法。”
第六条　示例法第二章章名"法律责任"修改为"责任"。
""")
    assert d.problems == []
    assert [(i.label, i.status) for i in r.items] == [
        ("第一条", "skipped"), ("第二条", "ok"), ("第三条", "ok"), ("第四条", "ok"), ("第五条", "ok"),
        ("第六条", "ok")]
    assert r.items[0].reasons == ["not applicable: the text has no preamble (序言)"]
    texts = _texts(r.stage)
    assert texts["第一条"] == ["为了规范和促进示例活动，制定本法。"]
    assert texts["第二条"] == ["示例活动应当遵守法律。示例活动应当接受监督。"]
    assert texts["第三条"][3:] == ["（三）被撤销资格的；", "（四）其他违法情形的。"]
    assert texts["第四条"][1] == "单位有前款行为的，同样处罚。"
    assert r.stage.divisions[1].heading == "第二章 责任"


def test_decision_forms_renumber_and_follow_references():
    d, r = _apply("""示例法修改决定
第十四届全国人民代表大会常务委员会第一次会议决定对《示例法》作如下修改：
一、第四条增加两款，作为第二款、第三款："单位有前款行为的，同样处罚。
"有前两款行为的，记入信用记录。"
二、增加一章"监督管理"，作为第二章，分为二条，包括第四条至第五条。
三、增加二条，分别作为第四条、第五条：
"第四条　主管部门应当加强监督。
"第五条　主管部门应当公开信息。"
四、将第三条第二项改为第七条，修改为："被吊销许可的，五年内不得从事示例活动。"
五、对部分条文作以下修改：
（一）将第五条改为第八条，修改为："本法自2026年1月1日起施行。"
（二）删去第三条第三项。
本决定自公布之日起施行。
《示例法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。
""")
    assert d.problems == [] and r.problems == []
    assert [(i.label, i.status) for i in r.items] == [
        ("一", "ok"), ("二", "ok"), ("三", "ok"), ("四", "ok"), ("五（一）", "ok"), ("五（二）", "ok")]
    # Sub-items name old numbers: 删去第三条第三项 is the old third item, though
    # item 四 took the second one out first.
    assert _md(r) == """## 第一章 总则

第一条 为了规范示例活动，制定本法。

第二条 示例活动应当遵守法律。

第三条 有下列情形之一的，不得从事示例活动：

（一）未经登记的。

## 第二章 监督管理

第四条 主管部门应当加强监督。

第五条 主管部门应当公开信息。

## 第三章 法律责任

第六条 违反本法第三条规定的，处一万元以下罚款。

单位有前款行为的，同样处罚。

有前两款行为的，记入信用记录。

违反本法第二条规定的，责令改正。

第七条 被吊销许可的，五年内不得从事示例活动。

第八条 本法自2026年1月1日起施行。
"""


def test_references_follow_the_renumbering():
    d, r = _apply('一、增加一条，作为第二条："示例活动应当公开透明。"\n'
                  "二、删去第二条。\n"
                  "根据本决定作相应修改并对条文顺序作相应调整。")
    assert [i.status for i in r.items] == ["ok", "ok"]
    texts = _texts(r.stage)
    assert texts["第四条"] == ["违反本法第三条规定的，处一万元以下罚款。", "违反本法第二条规定的，责令改正。"]
    # 第三条 kept its number; 第二条 was deleted: the reference to it is left, and said so.
    assert r.notes == ["第四条 cites 第二条, which the instrument deleted or merged: the reference "
                       "is left as it was"]


def test_a_single_item_decision_without_a_number():
    d, r = _apply("""全国人民代表大会常务委员会关于修改《示例法》的决定
（2026年1月1日第十四届全国人民代表大会常务委员会第二十次会议通过）
第十四届全国人民代表大会常务委员会第二十次会议决定：将《示例法》第四条第一款中的"一万元"修改为"五万元"。
本决定自公布之日起施行。
""")
    assert [(i.label, i.status) for i in r.items] == [("一", "ok")]
    assert _texts(r.stage)["第四条"][0] == "违反本法第三条规定的，处五万元以下罚款。"


PACKAGE = """# 全国人民代表大会常务委员会关于修改《中华人民共和国示例法》等二部法律的决定
<!-- INFO END -->
一、对《中华人民共和国甲法》作出修改
（一）删去第九条。
二、对《中华人民共和国示例法》作出修改
（一）将第四条第一款中的"一万元"修改为"二万元"。
（二）删去第五条。
本决定自公布之日起施行。
《中华人民共和国甲法》《中华人民共和国示例法》根据本决定作相应修改并对条文顺序作相应调整，重新公布。
"""


def test_a_package_decision_picks_the_section_for_the_law():
    d, r = _apply(PACKAGE, law="中华人民共和国示例法")
    assert [(i.label, i.status) for i in r.items] == [("二（一）", "ok"), ("二（二）", "ok")]
    assert d.other_laws == [("一", "中华人民共和国甲法")]
    assert [a.label for a in r.stage.articles] == ["第一条", "第二条", "第三条", "第四条"]
    with pytest.raises(RedlineError, match="does not amend 《中华人民共和国乙法》"):
        parse_decision(PACKAGE, law="中华人民共和国乙法")
    with pytest.raises(RedlineError, match="no title to pick its section by"):
        parse_decision(PACKAGE)


def test_an_item_that_cannot_be_executed_is_reported_and_undone(tmp_path):
    text = ('一、将第四条中的"二万元"修改为"五万元"，删去第二款。\n'
            '二、删去第五条。\n根据本决定作相应修改并对条文顺序作相应调整。')
    d, r = _apply(text)
    assert [(i.label, i.status) for i in r.items] == [("一", "FAILED"), ("二", "ok")]
    assert r.items[0].reasons == ["“二万元” is not in 第四条: the text reads “一万元”, differing at "
                                  "“一万元以下罚款。” for “二万元”"]
    # Nothing of the failed item was done: its second clause included.
    assert len(_texts(r.stage)["第四条"]) == 2
    old = tmp_path / "old.md"
    old.write_text(OLD, encoding="utf-8")
    instrument = tmp_path / "d.md"
    instrument.write_text(text, encoding="utf-8")
    code, out, err = invoke(["apply", str(instrument), str(old), "-o", str(tmp_path / "new.md")])
    assert code == 1
    assert "FAILED  item 一: “二万元” is not in 第四条" in out
    assert "ok      item 二" in out


def test_several_instruments_in_order():
    first = parse_decision('一、增加一条，作为第一条："新的第一条。"\n根据本决定作相应修改并对条文顺序作相应调整。')
    second = parse_decision('一、将第二条修改为："旧的第一条，修改过。"\n根据本决定作相应修改并对条文顺序作相应调整。')
    stage, _ = parse_text(OLD)
    results = apply_all([first, second], stage)
    texts = _texts(results[-1].stage)
    # The second instrument's 第二条 is the first one's result: the old 第一条.
    assert texts["第一条"] == ["新的第一条。"] and texts["第二条"] == ["旧的第一条，修改过。"]
    assert texts["第五条"][0] == "违反本法第四条规定的，处一万元以下罚款。"


def test_verify_decision_takes_several_instruments(tmp_path):
    one = tmp_path / "one.md"
    two = tmp_path / "two.md"
    one.write_text('一、增加一条，作为第一条："新的第一条。"\n根据本决定作相应修改并对条文顺序作相应调整。',
                   encoding="utf-8")
    two.write_text('一、将第二条修改为："旧的第一条，修改过。"\n根据本决定作相应修改并对条文顺序作相应调整。',
                   encoding="utf-8")
    old = tmp_path / "old.md"
    old.write_text(OLD, encoding="utf-8")
    new = tmp_path / "new.md"
    code, _, err = invoke(["apply", str(one), str(two), str(old), "-o", str(new)])
    assert code == 0, err
    code, out, _ = invoke(["verify-decision", str(one), str(two), str(old), str(new)])
    assert code == 0 and "ok      item 1:一" in out and "ok      item 2:一" in out
    assert out.rstrip().endswith("3 passed, 0 failed")
    # The second instrument left out: what it did is a change no item makes.
    code, out, _ = invoke(["verify-decision", str(one), str(old), str(new)])
    assert code == 1 and "FAILED  closing check: 第二条 第一款 reads “为了规范示例活动" in out


def test_an_amendment_style_change_list_keeps_the_numbers():
    """The Criminal Law keeps its numbering: our 修正案-style list of its 2023 change,
    applied, gives the 2023 text; a renumbered pair cannot be written so."""
    old, _ = parse_file(CORPUS / "scale/刑法/2020-12-26.md")
    new, _ = parse_file(CORPUS / "scale/刑法/2023-12-29.md")
    text = render_changes(compare(old, new), "amendment")
    assert text.startswith("《中华人民共和国刑法》修正案（2020-12-26 → 2023-12-29）")
    assert "三、在刑法第一百六十九条中增加一款，作为第二款：“其他公司、企业直接负责的主管人员" in text
    decision = parse_decision(text, law=old.title)
    assert decision.kind == "amendment" and decision.problems == []
    applied = apply_decision(decision, old)
    assert [r.status for r in applied.items] == ["ok"] * 7
    again = compare(applied.stage, new)
    assert [e for e in again.entries if e.kind != "unchanged"] == []
    csl_old, _ = parse_file(CSL / "2016-11-07.md")
    csl_new, _ = parse_file(CSL / "2025-10-28.md")
    with pytest.raises(RedlineError, match="keeps the numbering, but 第三条 became 第四条"):
        render_changes(compare(csl_old, csl_new), "amendment")


def test_compare_with_the_decision_names_the_items_of_each_change(tmp_path):
    import json

    decision = CSL / "decision-2025-10-28.md"
    code, out, _ = invoke(["compare", str(CSL / "2016-11-07.md"), str(CSL / "2025-10-28.md"),
                           "--format", "json", "--decision", str(decision)])
    assert code == 1
    d = json.loads(out)
    changed = [e for e in d["alignment"] if e["kind"] not in ("unchanged", "renumbered")
               and not e["references_only"]]
    assert changed and all(e.get("items") for e in changed)
    assert {i for e in d["alignment"] for i in e.get("items", [])} == {
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"}
    merged = next(e for e in d["alignment"] if e["new"] == [71])
    assert merged["items"] == ["十二"]
    assert d["decision"]["unexplained"] == [] and d["decision"]["unused"] == []
    # The terminal and HTML say so, and the JSON reads back into the same Comparison.
    code, text, _ = invoke(["compare", str(CSL / "2016-11-07.md"), str(CSL / "2025-10-28.md"),
                            "--no-color", "--width", "200", "--decision", str(decision)])
    assert code == 1 and "Every change is made by an item of the decision" in text and "(14 items)" in text
    from redline.diff.comparison import Comparison

    assert Comparison.from_json(d).to_json()["decision"] == d["decision"]
    # Without item 14, its change is listed apart; the terminal says so too.
    short = tmp_path / "d.md"
    short.write_text(decision.read_text(encoding="utf-8").split("十四、")[0], encoding="utf-8")
    code, out, _ = invoke(["compare", str(CSL / "2016-11-07.md"), str(CSL / "2025-10-28.md"),
                           "--format", "json", "--decision", str(short)])
    assert json.loads(out)["decision"]["unexplained"] == ["第七十五条 → 第七十七条"]
    code, out, _ = invoke(["compare", str(CSL / "2016-11-07.md"), str(CSL / "2025-10-28.md"),
                           "--no-color", "--width", "200", "--decision", str(short)])
    assert "Changes no item makes (1): 第七十五条 → 第七十七条" in out
    assert "第五十九条 → 第六十一条  modified  [item 五]" in out


INSTRUMENTS = __import__("pathlib").Path(__file__).parent / "data" / "instruments"


def test_constitution_shaped_amendments_in_order(tmp_path):
    """Two amendments in the Constitution's forms (written for this test, on a text
    written for it): items 第N条 with or without a space, a quoted paragraph to add an
    item in, an item quoted bare (its ；/。 supplied), two changes in one item, a new
    section quoted with its articles, 第三节相应改为第四节, an article range renumbered."""
    out = tmp_path / "new.md"
    code, account, err = invoke(["apply", str(INSTRUMENTS / "constitution-like-amendment-1.txt"),
                                 str(INSTRUMENTS / "constitution-like-amendment-2.txt"),
                                 str(INSTRUMENTS / "constitution-like.md"), "-o", str(out)])
    assert code == 0, err
    assert "skipped item 1:第一条: not applicable: the text has no preamble (序言)" in account
    assert account.count("ok      item") == 6
    body = out.read_text(encoding="utf-8").split("<!-- INFO END -->\n\n", 1)[1]
    assert body == """## 第一章 总纲

第一条 示例国是人民的国家。

社会制度是示例国的根本制度。人民是国家的主人。

第二条 示例国的一切权力属于人民。

## 第二章 国家机构

### 第一节 代表大会

第三条 代表大会行使下列职权：

（一）修改宪法；

（二）监督宪法的实施；

（三）选举监察主任；

（四）制定基本法律；

（五）选举主席。

第四条 代表大会每届任期五年，连选连任。

### 第二节 政府

第五条 政府行使下列职权：

（一）规定行政措施；

（二）领导经济工作和生态建设；

（三）领导民政工作。

### 第三节 监察委员会

第六条 监察委员会是监察机关。

第七条 监察委员会独立行使监察权。

### 第四节 法院

第八条 法院是审判机关。

第九条 法院独立行使审判权。

## 第三章 国旗、国歌、首都

第十条 示例国国旗是红旗。

示例国国歌是进行曲。
"""


def test_paragraphs_merged_words_deleted_and_text_wrapped_as_from_a_pdf():
    d, r = _apply('一、将第四条第一款、第二款合并为一款，修改为："违反本法规定的，处一万元以下罚款，'
                  '并责令改正。"\n'
                  '二、将第一条中的"示例"删去。\n'
                  # A quote wrapped mid-sentence, as text taken from a PDF is; half-width marks.
                  '三、将第二条修改为："示例活动应当遵守法律、\n行政法规。"\n'
                  '四、删去第三条第三项.\n')
    assert d.problems == [] and [i.status for i in r.items] == ["ok"] * 4
    texts = _texts(r.stage)
    assert texts["第四条"] == ["违反本法规定的，处一万元以下罚款，并责令改正。"]
    assert texts["第一条"] == ["为了规范活动，制定本法。"]
    assert texts["第二条"] == ["示例活动应当遵守法律、行政法规。"]
    assert texts["第三条"][-1] == "（二）被吊销许可的。"


def test_a_section_added_after_another_and_a_paragraph_added_after_the_one_quoted():
    """第二章第三节后增加一节，作为第四节 (its parent is the chapter, not the section);
    增加规定 after a quoted paragraph goes right after it; 第八条相应改为第九条."""
    stage, _ = parse_file(INSTRUMENTS / "constitution-like.md")
    text = (INSTRUMENTS / "constitution-like-amendment-3.txt").read_text(encoding="utf-8")
    r = apply_decision(parse_decision(text), stage)
    assert [(i.label, i.status) for i in r.items] == [("第八条", "ok"), ("第九条", "ok")]
    assert _texts(r.stage)["第一条"] == ["示例国是人民的国家。", "示例国实行法治。", "社会制度是示例国的根本制度。"]
    assert [(d.id, d.heading) for d in r.stage.divisions][-3:] == [
        ("chp_2__sec_3", "第三节 法院"), ("chp_2__sec_4", "第四节 检察院"), ("chp_3", "第三章 国旗、首都")]
    assert [(a.label, a.division) for a in r.stage.articles][-2:] == [
        ("第八条", "chp_2__sec_4"), ("第九条", "chp_3")]


def test_renaming_one_of_the_civil_codes_sections_called_general_provisions():
    """The Civil Code has fifteen headings titled 一般规定: renaming one is one item,
    named by its place, and the item, applied, renames that one and no other."""
    source = CORPUS / "scale/民法典/2020-05-28.md"
    text = source.read_text(encoding="utf-8")
    heading = "### 第一节 一般规定\n\n第八百零九条"
    assert text.count(heading) == 1
    old, _ = parse_file(source)
    new, _ = parse_text(text.replace(heading, "### 第一节 通用规则\n\n第八百零九条"))
    items = render_changes(compare(old, new))
    assert "一、将第三编第二分编第十九章第一节的节名修改为“通用规则”，包括第八百零九条至第八百一十三条。" in items
    assert "二、" not in items
    from redline.amend.verify_decision import verify

    v = verify([parse_decision("一、将第三编第二分编第十九章第一节的节名修改为“通用规则”。")], old, new)
    assert [r.status for r in v.items] == ["ok"] and v.closing == []
    assert "增加一节" not in items and "节名。" not in items.replace("“通用规则”", "")


@pytest.mark.parametrize("source", ["cybersecurity-law/2016-11-07.md", "revisions/立法法/2023-03-13.md",
                                    "revisions/公司法/2023-12-29.md"])
@pytest.mark.parametrize("seed", [1, 3, 5])
def test_our_change_list_of_a_generated_revision_applied_gives_it(source, seed):
    """bench/generate.py deletes, inserts, moves and edits articles and renumbers:
    the change list of each such revision, applied, gives the revision."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.generate import generate

    old, _ = parse_file(CORPUS / source)
    text, _ = generate(old, seed)
    new, _ = parse_text(text)
    decision = parse_decision(render_changes(compare(old, new)), law=old.title)
    applied = apply_decision(decision, old)
    assert [r.label for r in applied.items if r.status != "ok"] == [] and applied.problems == []
    again = compare(applied.stage, new)
    assert [(e.kind, e.new_labels) for e in again.entries if e.kind != "unchanged"] == []


def test_sub_items_of_one_article_several_words_and_paragraph_merges():
    """对第四条作如下修改 with sub-items that name only paragraphs; “A”、“B”修改为“C”;
    在第二条第一款后增加一款; paragraphs of one article merged, 作为第一款."""
    d, r = _apply('一、对第四条作如下修改：\n'
                  '（一）将第一款中的"一万元"修改为"五万元"。\n'
                  '（二）删去第二款。\n'
                  '二、将第三条中的"未经登记"、"被吊销许可"修改为"未依法取得许可"。\n'
                  '三、在第二条第一款后增加一款，作为第二款："示例活动应当公开。"\n'
                  '四、将第四条第一款、第二款合并，作为第一款，修改为："违反本法规定的，依法处罚。"\n')
    assert d.problems == []
    assert [(i.label, i.status) for i in r.items] == [
        ("一（一）", "ok"), ("一（二）", "ok"), ("二", "ok"), ("三", "ok"), ("四", "FAILED")]
    # 四 names 第四条第二款, which 一（二） already took: refused, and undone.
    texts = _texts(r.stage)
    assert texts["第四条"] == ["违反本法第三条规定的，处五万元以下罚款。"]
    assert texts["第三条"][1:3] == ["（一）未依法取得许可的；", "（二）未依法取得许可的；"]
    assert texts["第二条"] == ["示例活动应当遵守法律。", "示例活动应当公开。"]
    _, r = _apply('一、将第四条第一款、第二款合并，作为第一款，修改为："违反本法规定的，依法处罚。"\n')
    assert [i.status for i in r.items] == ["ok"]
    assert _texts(r.stage)["第四条"] == ["违反本法规定的，依法处罚。"]


def test_a_criminal_law_amendment_in_the_npc_forms_gives_the_2023_text():
    """A 修正案 in the forms of Amendment XII (在刑法第X条中增加一款作为第二款，将该条
    修改为; 将刑法第X条第一款修改为; 本修正案自…起施行), its quotes taken from the 2023
    text here (not stored), applied to the 2020 text: the 2023 text, numbers kept."""
    from redline.numbering import int_to_cn

    old, _ = parse_file(CORPUS / "scale/刑法/2020-12-26.md")
    new, _ = parse_file(CORPUS / "scale/刑法/2023-12-29.md")
    after, before = new.by_number(), old.by_number()

    def quote(lines):
        return "\n".join("“" + line for line in lines) + "”"

    def n(k):
        from redline.numbering import ArticleNumber

        return ArticleNumber(k)

    items = [f"在刑法第{int_to_cn(k)}条中增加一款作为第二款，将该条修改为：\n{quote(after[n(k)].lines)}"
             for k in (165, 166, 169) if len(after[n(k)].lines) > len(before[n(k)].lines)]
    items += [f"将刑法第三百八十七条第一款修改为：\n{quote(after[n(387)].lines[:1])}",
              f"将刑法第三百九十条修改为：\n{quote(after[n(390)].lines)}",
              f"将刑法第三百九十一条第一款修改为：\n{quote(after[n(391)].lines[:1])}",
              f"将刑法第三百九十三条修改为：\n{quote(after[n(393)].lines)}",
              "本修正案自2024年3月1日起施行。"]
    text = "中华人民共和国刑法修正案（十二）\n（2023年12月29日第十四届全国人民代表大会常务委员会第七次会议通过）\n" + \
        "\n".join(f"{int_to_cn(k)}、{item}" for k, item in enumerate(items, 1))
    d = parse_decision(text, law=old.title)
    assert d.kind == "amendment" and d.problems == [] and len(d.items) == 8
    r = apply_decision(d, old)
    assert [i.status for i in r.items] == ["ok"] * 7 + ["skipped"]
    assert [e for e in compare(r.stage, new).entries if e.kind != "unchanged"] == []


def test_words_replaced_throughout_the_law():
    # 将本法中的“A”修改为“B”: every article and heading that has the words, and
    # the item is tied to each article it changed.
    d, r = _apply("""全国人民代表大会常务委员会关于修改《示例法》的决定
一、将本法中的"示例活动"修改为"示范活动"。
二、将《示例法》中的"法律责任"统一修改为"责任"。
三、将本法中的"不存在的词"修改为"新词"。
四、将第四条、第五条中的"本法"均修改为"此法"。
""")
    assert [(i.label, i.status) for i in r.items] == [("一", "ok"), ("二", "ok"), ("三", "FAILED"), ("四", "ok")]
    assert "nowhere in the text" in " ".join(r.items[2].reasons)
    texts = _texts(r.stage)
    assert texts["第一条"][0] == "为了规范示范活动，制定本法。"
    assert texts["第三条"][0] == "有下列情形之一的，不得从事示范活动："
    assert [d.heading for d in r.stage.divisions][-1] == "第二章 责任"
    assert "示例活动" not in _md(r)
    assert texts["第五条"][0] == "此法自公布之日起施行。" and texts["第二条"][0] == "示范活动应当遵守法律。"


def test_moved_by_yizuo_and_the_forms_of_provincial_decisions():
    # 移作/调整为 move an article as 改为 does; a provincial decision writes
    # 增加一款作为该条第二款，即："…" and 第X条后增加一条作为第Y条，即："…".
    d, r = _apply("""关于修改《示例法》的决定
一、将第五条移作第二条。
二、第二条增加一款作为该条第二款，即："示例活动应当公开。"
三、第三条后增加一条作为第五条，即："第五条 示例活动应当接受监督。"
""")
    assert [(i.label, i.status) for i in r.items] == [("一", "ok"), ("二", "ok"), ("三", "ok")]
    texts = _texts(r.stage)
    assert texts["第二条"] == ["本法自公布之日起施行。"]
    assert texts["第三条"] == ["示例活动应当遵守法律。", "示例活动应当公开。"]
    assert texts["第五条"] == ["示例活动应当接受监督。"]
    assert texts["第六条"][0] == "违反本法第四条规定的，处一万元以下罚款。"


def test_a_rewrite_quoted_with_its_label():
    # 将第X条修改为：“第X条　…”: the label is the article's number, not its words;
    # a number other than its own renumbers it, and numbers that leave a gap are reported.
    d, r = _apply("""关于修改《示例法》的决定
一、将第五条修改为："第五条　本法自2026年1月1日起施行。"
""")
    assert [(i.label, i.status) for i in r.items] == [("一", "ok")]
    assert _texts(r.stage)["第五条"] == ["本法自2026年1月1日起施行。"]
    d, r = _apply("""关于修改《示例法》的决定
一、删去第二条。
二、将第五条修改为："第四条　本法自2026年1月1日起施行。"
""")
    assert [(i.label, i.status) for i in r.items] == [("一", "ok"), ("二", "ok")]
    assert _texts(r.stage)["第四条"] == ["本法自2026年1月1日起施行。"]
    d, r = _apply("""关于修改《示例法》的决定
一、将第五条修改为："第七条　本法自2026年1月1日起施行。"
""")
    assert any("without 第五条" in p for p in r.problems), r.problems


def test_the_preamble_of_a_text_that_has_one_is_amended():
    # A Constitution-shaped text with its 序言: 宪法序言第N自然段中“A”修改为“B” and
    # “A”后增写一句 are executed there; a text without one still says not applicable.
    text = """# 示例国宪法
<!-- INFO END -->
## 序言
示例国是历史悠久的国家。
示例国人民在长期斗争中创造了文化。
## 第一章 总纲
第一条 示例国是人民的国家。
"""
    d, r = _apply("""# 示例国宪法修正案
第一条 宪法序言第二自然段中"创造了文化"修改为"创造了灿烂的文化"。
第二条 宪法序言第一自然段"历史悠久的国家。"后增写一句，内容为："各民族团结一致。"
第三条 宪法序言第二自然段中"不存在的话"修改为"新话"。
""", old=text)
    assert [(i.label, i.status) for i in r.items] == [("第一条", "ok"), ("第二条", "ok"), ("第三条", "FAILED")]
    assert r.stage.stray_lines[1:] == ["示例国是历史悠久的国家。各民族团结一致。", "示例国人民在长期斗争中创造了灿烂的文化。"]
    again, _ = parse_text(stage_markdown(r.stage))  # the preamble is written out, and reads back
    assert again.stray_lines == r.stage.stray_lines
    d, r = _apply('# 示例法修正案\n第一条 宪法序言第二自然段中"甲"修改为"乙"。\n')
    assert [(i.label, i.status) for i in r.items] == [("第一条", "skipped")]


def test_items_merged_into_one():
    # 将第三条第一项、第二项合并为一项，修改为：“…”: the first takes the words, the
    # second goes, the third is numbered again; without the wording, it FAILS.
    d, r = _apply("""关于修改《示例法》的决定
一、将第三条第一项、第二项合并为一项，修改为："（一）未经登记或者被吊销许可的；"。
二、将第三条第一项、第二项合并为一项。
""")
    assert [(i.label, i.status) for i in r.items] == [("一", "ok"), ("二", "FAILED")]
    assert _texts(r.stage)["第三条"] == ["有下列情形之一的，不得从事示例活动：", "（一）未经登记或者被吊销许可的；",
                                        "（二）其他违法情形的。"]


def test_items_that_name_another_law_are_left_to_it():
    # 对下列法律作出修改 with 《甲法》/《示例法》 named item by item: applied to 示例法,
    # the other law's items are skipped as not applicable, never executed here.
    d, r = _apply("""# 全国人民代表大会常务委员会关于修改部分法律的决定
<!-- INFO END -->
一、对下列法律中的规定作出修改：
（一）将《中华人民共和国甲法》第四条第一款中的"一万元"修改为"三万元"。
（二）将《示例法》第四条第一款中的"一万元"修改为"二万元"。
（三）将《中华人民共和国甲法》第五条修改为："依照《示例法》处理。"
""", law="中华人民共和国示例法")
    assert [(i.label, i.status) for i in r.items] == [("一（一）", "skipped"), ("一（二）", "ok"),
                                                      ("一（三）", "skipped")]
    assert "it amends 《中华人民共和国甲法》" in r.items[0].reasons[0]
    assert _texts(r.stage)["第四条"][0] == "违反本法第三条规定的，处二万元以下罚款。"
    assert _texts(r.stage)["第五条"] == ["本法自公布之日起施行。"]


def test_a_reference_to_an_article_merged_whole_follows_it():
    # 第二条 merged whole into 第一条: 第四条's reference to it now cites 第一条,
    # as the comparison's renumbering has it.
    d, r = _apply("""# 全国人民代表大会常务委员会关于修改《中华人民共和国示例法》的决定
<!-- INFO END -->
一、将第一条、第二条合并，作为第一条，修改为："为了规范示例活动，制定本法。国家建立示例登记制度。"
""", law="中华人民共和国示例法")
    assert [(i.label, i.status) for i in r.items] == [("一", "ok")]
    assert _texts(r.stage)["第三条"] == ["违反本法第二条规定的，处一万元以下罚款。", "违反本法第一条规定的，责令改正。"]


def test_a_part_taken_from_an_article_rewritten_whole_leaves_the_rewrite_alone():
    # Item 一 rewrites 第三条 (with two items); item 二 merges 第三条第二项, numbered
    # as the text amended has it, into another article: the rewrite keeps its own
    # second item, and the merge takes the old one.
    d, r = _apply("""# 决定
<!-- INFO END -->
一、将第三条修改为："有下列情形之一的，不得从事示例活动：
"（一）未经登记的；
"（二）被吊销许可的。"
二、将第三条第二项、第四条合并，作为第四条，修改为："其他违法情形的，依照本法第三条规定处罚。"
""", law="中华人民共和国示例法")
    assert [(i.label, i.status) for i in r.items] == [("一", "ok"), ("二", "ok")]
    assert _texts(r.stage)["第三条"] == ["有下列情形之一的，不得从事示例活动：", "（一）未经登记的；",
                                        "（二）被吊销许可的。"]


def test_words_replaced_throughout_forty_thousand_times():
    # One 统一修改 over 40,000 matches: each replaced in one pass over its line
    # (one at a time it took minutes).
    law = "第一条 " + "主管部门负责。" * 40000 + "\n第二条 本法自公布之日起施行。"
    d, r = _apply('# 决定\n<!-- INFO END -->\n一、将本法中的"主管部门"修改为"有关部门"。\n', old=law, law=None)
    assert [i.status for i in r.items] == ["ok"]
    assert r.stage.articles[0].lines == ["有关部门负责。" * 40000]


def test_every_action_kind_has_a_handler_and_a_typo_is_no_kind():
    import pytest

    from redline.amend.execute import HANDLERS
    from redline.amend.instrument import Action, ActionKind

    assert set(HANDLERS) == set(ActionKind)
    with pytest.raises(ValueError):
        Action("merge_paragraph")  # the kind is merge_paragraphs
    assert Action("merge").kind is ActionKind.MERGE and Action("merge").kind == "merge"


def test_an_instrument_of_one_unnumbered_amendment_after_a_purpose_clause():
    # 修正案 of a single amendment: no item number, a purpose clause first, and the
    # rewrite's quote on its own line with a half-width colon.
    d, r = _apply("""# 中华人民共和国示例法修正案
<!-- INFO END -->
为了惩治示例违法行为，切实维护示例秩序，将示例法第二条修改为:

"示例活动应当遵守法律、行政法规。"

本修正案自公布之日起施行。
""", law="示例法")
    assert [(i.status, i.reasons) for i in r.items if i.status != "skipped"] == [("ok", [])]
    assert _texts(r.stage)["第二条"] == ["示例活动应当遵守法律、行政法规。"]


def test_an_item_whose_second_paragraph_moves_a_paragraph_after_a_quote():
    # 增加一款作为第二款："…" then, in its own paragraph, 原第二款作为第三款，修改为："…"
    d, r = _apply("""# 中华人民共和国示例法修正案
<!-- INFO END -->
一、在第四条中增加一款作为第二款："违反本法第三条规定情节严重的，处五万元以下罚款。"

原第二款作为第三款，修改为："违反本法第二条规定的，责令改正，给予警告。"
""", law="示例法")
    assert [(i.status, i.reasons) for i in r.items] == [("ok", [])]
    assert _texts(r.stage)["第四条"] == ["违反本法第三条规定的，处一万元以下罚款。",
                                        "违反本法第三条规定情节严重的，处五万元以下罚款。",
                                        "违反本法第二条规定的，责令改正，给予警告。"]


def test_an_article_number_already_held_fails_its_item_whole():
    # A 修正案 applied to a text that already has 第二条之一 (a later text): the item
    # fails and is undone; the article is never in the text twice.
    old = OLD.replace("第三条 有下列情形之一", "第二条之一 示例活动应当诚实守信。\n第三条 有下列情形之一")
    d, r = _apply("""# 中华人民共和国示例法修正案
一、在示例法第二条后增加一条，作为第二条之一："示例活动应当诚实守信。"
二、将示例法第四条第一款修改为："违反本法第三条规定的，处五万元以下罚款。"
""", old=old)
    assert [(i.label, i.status) for i in r.items] == [("一", "FAILED"), ("二", "ok")]
    assert "already has 第二条之一" in r.items[0].reasons[0]
    assert [a.label for a in r.stage.articles].count("第二条之一") == 1


def test_two_paragraphs_added_as_the_second_and_third():
    d, r = _apply("""# 中华人民共和国示例法修正案
一、在示例法第四条中增加两款作为第二款、第三款："情节严重的，处五万元以下罚款。"
"单位有前两款行为的，对单位判处罚金。"
""")
    assert [(i.status, i.reasons) for i in r.items] == [("ok", [])]
    assert _texts(r.stage)["第四条"] == ["违反本法第三条规定的，处一万元以下罚款。", "情节严重的，处五万元以下罚款。",
                                        "单位有前两款行为的，对单位判处罚金。", "违反本法第二条规定的，责令改正。"]


@pytest.mark.parametrize("amendment", sorted((CORPUS / "instruments/刑法修正案").glob("*.md"))
                         if (CORPUS / "instruments/刑法修正案").is_dir() else [],
                         ids=lambda p: p.stem)
def test_every_line_of_the_criminal_laws_amendments_is_understood(amendment):
    """Amendments I-XI applied to the law after all eleven: every item is understood;
    one that cannot run there (a later amendment made its article) says which
    article, and the text written is a law (no article twice)."""
    law, _ = parse_file(CORPUS / "scale/刑法/2020-12-26.md")
    decision = parse_decision(amendment.read_text(encoding="utf-8"), law=law.title)
    r = apply_decision(decision, law)
    reasons = [x for i in r.items for x in i.reasons]
    assert not [x for x in reasons if "not understood" in x]
    # Amendment IX's item 二十三 lost its closing quote mark: said, not guessed.
    defects = [i.label for i in r.items if any(x.startswith("source defect:") for x in i.reasons)]
    assert defects == (["二十三"] if amendment.stem.startswith("09") else [])
    numbers = [a.number for a in r.stage.articles]
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("text, article, wording", [
    ("第十三届全国人民代表大会常务委员会第二十次会议决定对《中华人民共和国示例法》作如下修改：增加一条，"
     '作为第三条："示例活动应当诚实守信。"\n本决定自公布之日起施行。', "第三条", ["示例活动应当诚实守信。"]),
    ('全文、\n为了规范示例活动，将示例法第二条修改为："示例活动应当遵守法律、行政法规。"',
     "第二条", ["示例活动应当遵守法律、行政法规。"]),
], ids=["enacting sentence runs into it", "a web page's tab label in front"])
def test_words_before_the_only_amendment_are_read_past(text, article, wording):
    d, r = _apply("# 关于修改《中华人民共和国示例法》的决定\n<!-- INFO END -->\n" + text, law="示例法")
    assert [i.status for i in r.items if i.status != "skipped"] == ["ok"]
    assert _texts(r.stage)[article] == wording


def test_a_quotation_cut_off_in_the_source_is_never_executed():
    """The quote the text ends inside: executed, it wrote the cut words as the
    article (示例活动应当遵守). The item fails, and says why."""
    d, r = _apply('# 中华人民共和国示例法修正案\n一、将示例法第二条修改为："示例活动应当遵守\n二、删去示例法第五条。')
    assert r.items[0].status == "FAILED" and r.items[0].reasons[0].startswith("source defect: the quotation")
    assert _texts(r.stage)["第二条"] == ["示例活动应当遵守法律。"]


@pytest.mark.parametrize("item, status, article", [
    ('示例法第二条增加一款，作为第一款，规定："示例活动受法律保护。"', "ok",
     ["示例活动受法律保护。", "示例活动应当遵守法律。"]),
    ('示例法第二条中"遵守法律"修改为"遵守宪法和法律"。这一条相应修改为："示例活动应当遵守宪法和法律。"', "ok",
     ["示例活动应当遵守宪法和法律。"]),
    ('示例法第四条第二款中"责令改正"修改为"责令限期改正"。这一款相应修改为："违反本法第二条规定的，责令限期改正。"',
     "ok", None),
    ('示例法第二条中"遵守法律"修改为"遵守宪法和法律"。这一条相应修改为："示例活动应当遵守法律法规。"', "FAILED",
     ["示例活动应当遵守法律。"]),
], ids=["a new first paragraph (规定)", "a restatement that agrees", "a paragraph restated",
        "a restatement that differs fails"])
def test_the_constitutions_restatements(item, status, article):
    d, r = _apply(f"# 中华人民共和国示例法修正案\n第一条　{item}")
    assert [i.status for i in r.items] == [status], r.items[0].reasons
    if status == "FAILED":
        assert "where the restatement has" in r.items[0].reasons[0]
    if article is not None:
        assert _texts(r.stage)["第二条"] == article


def test_a_section_and_its_articles_given_unquoted_after_content_follows():
    """增加一节，作为第四节“…”；增加两条，分别作为第八条、第九条。内容如下： then the
    heading and the articles, unquoted, each with its label; a later item moves
    the old 第八条 to 第十条, so the new 第八条 takes a number that is free."""
    stage, _ = parse_file(INSTRUMENTS / "constitution-like.md")
    text = (INSTRUMENTS / "constitution-like-amendment-4.txt").read_text(encoding="utf-8")
    r = apply_decision(parse_decision(text), stage)
    assert [(i.label, i.status) for i in r.items] == [("第八条", "ok"), ("第九条", "ok")]
    assert [(a.label, a.division, a.lines) for a in r.stage.articles][-3:] == [
        ("第八条", "chp_2__sec_4", ["检察院是国家的法律监督机关。"]),
        ("第九条", "chp_2__sec_4", ["检察院依法独立行使检察权。"]),
        ("第十条", "chp_3", ["示例国国旗是红旗。"])]
    assert r.stage.division("chp_2__sec_4").heading == "第四节 检察院"


def test_an_item_deleted_then_one_added_counts_as_the_text_amended_numbers():
    # 删去第二款第二项，第二款增加一项，作为第四项: the fourth of the old paragraph,
    # after its old third item, whatever the deletion left.
    old = OLD.replace("第四条 违反本法第三条规定的，处一万元以下罚款。\n违反本法第二条规定的，责令改正。",
                      "第四条 违反本法第三条规定的，处一万元以下罚款。\n有下列情形之一的，从重处罚：\n"
                      "（一）屡次违法的；\n（二）造成损失的；\n（三）拒不改正的。")
    d, r = _apply("# 示例法修正案\n一、删去示例法第四条第二款第二项，第二款增加一项，作为第四项："
                  '"（四）隐瞒事实的。"', old=old)
    assert [(i.status, i.reasons) for i in r.items] == [("ok", [])]
    assert _texts(r.stage)["第四条"][1:] == ["有下列情形之一的，从重处罚：", "（一）屡次违法的；",
                                            "（二）拒不改正的；", "（三）隐瞒事实的。"]
