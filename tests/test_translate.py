"""Translations that follow the drafts (redline.translate), on texts written here."""

from __future__ import annotations

import json

import pytest

from conftest import invoke, one_line_error
from redline.diff.comparison import compare
from redline.read import parse_text
from redline.translate.annotated import annotate, hide_rewording
from redline.translate.carry import carry
from redline.translate.document import (fingerprint, parse_translation, read_translation,
                                        to_docx, to_markdown, to_text)
from redline.translate.status import stamp, status

OLD_ZH = """# 示例法
## 第一章 总则
第一条 为了规范示例活动，制定本法。
第二条 国家建立示例登记制度。
第三条 示例单位应当接受监督。
## 第二章 法律责任
第四条 违反本法第三条规定的，责令改正。
第五条 本法自公布之日起施行。
"""

NEW_ZH = """# 示例法
## 第一章 总则
第一条 为了规范示例活动，制定本法。
第二条 国家坚持示例工作的统一领导。
第三条 国家建立示例登记制度和公示制度。
第四条 示例单位应当接受监督。
## 第二章 法律责任
第五条 违反本法第四条规定的，责令改正。
第六条 本法自公布之日起施行。
"""

OLD_EN = """# Example Law

## Chapter I General Provisions

Article 1
This Law is enacted to regulate example activities.

Article 2
The State establishes a system of example registration.

Article 3
Example units shall accept supervision.

## Chapter II Legal Liability

Article 4
Whoever violates Article 3 of this Law shall be ordered to make corrections.

Article 5
This Law takes effect on the day of its promulgation.
"""


@pytest.fixture
def stages():
    old, _ = parse_text(OLD_ZH)
    new, _ = parse_text(NEW_ZH)
    return old, new


def _stamped(text: str, stage, tmp_path, name="old.md"):
    """The translation written to a file and stamped, as a translator would."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    tr, _ = read_translation(path)
    stamped, done = stamp(path, stage, tr)
    path.write_text(stamped, encoding="utf-8")
    return path, done


def test_labels_as_translators_write_them():
    tr, _ = parse_translation("Article 1: One.\nArticle 2. Two.\n**Article 21-1** [zh:0123456789]\n"
                              "Inserted.\n## Chapter II: Liability\nArticle 22 Three.")
    assert [(str(a.number), a.lines, a.fingerprint) for a in tr.articles] == [
        ("1", ["One."], None), ("2", ["Two."], None), ("21-1", ["Inserted."], "0123456789"),
        ("22", ["Three."], None)]
    assert tr.divisions[0].heading == "Chapter II: Liability"


def test_a_note_spans_lines_and_is_not_english():
    tr, _ = parse_translation("Article 1 [zh:0123456789]\n<!-- redline: stale.\n第一条 甲 -->\nText.\n"
                              "<!-- the translator's own remark -->\nMore.")
    (a,) = tr.articles
    assert a.lines == ["Text.", "More."]
    assert a.note == "stale.\n第一条 甲"


def test_stamp_then_status_is_clean_and_an_edit_of_the_chinese_is_found(stages, tmp_path):
    old, _ = stages
    path = tmp_path / "old.md"
    path.write_text(OLD_EN, encoding="utf-8")
    tr, _ = read_translation(path)
    assert {p.what for p in status(old, tr)} == {"unstamped"}
    path, done = _stamped(OLD_EN, old, tmp_path)
    assert len(done) == 5
    tr, _ = read_translation(path)
    assert status(old, tr) == []
    # The translator's layout is kept: only label lines changed.
    assert path.read_text(encoding="utf-8").count("\n") == OLD_EN.count("\n")
    # The Chinese of article 2 changes: its fingerprint no longer matches.
    changed, _ = parse_text(OLD_ZH.replace("登记制度", "备案制度"))
    assert [(p.what, p.label) for p in status(changed, tr)] == [("changed", "Article 2")]


def test_fingerprints_survive_markdown_text_and_word(stages, tmp_path):
    old, _ = stages
    path, _ = _stamped(OLD_EN, old, tmp_path)
    tr, _ = read_translation(path)
    want = [(a.number, a.fingerprint, a.lines) for a in tr.articles]
    assert all(fp == fingerprint(z) for (_, fp, _), z in zip(want, old.articles))
    for name, data in (("x.md", to_markdown(tr)), ("x.txt", to_text(tr)), ("x.docx", to_docx(tr))):
        f = tmp_path / name
        f.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        back, _ = read_translation(f)
        assert [(a.number, a.fingerprint, a.lines) for a in back.articles] == want, name
        assert [d.heading for d in back.divisions] == [d.heading for d in tr.divisions]


def test_word_file_edited_by_a_translator_keeps_its_fingerprints(stages, tmp_path):
    from docx import Document

    old, _ = stages
    path, _ = _stamped(OLD_EN, old, tmp_path)
    tr, _ = read_translation(path)
    f = tmp_path / "x.docx"
    f.write_bytes(to_docx(tr))
    doc = Document(str(f))
    for p in doc.paragraphs:
        if p.text.startswith("Example units"):
            p.runs[0].text = "Example units must accept supervision."
    doc.save(str(f))
    back, _ = read_translation(f)
    assert status(old, back) == []
    assert back.by_number()[tr.articles[2].number].lines == ["Example units must accept supervision."]


def test_carry_agrees_with_the_chinese_comparison(stages, tmp_path):
    old, new = stages
    path, _ = _stamped(OLD_EN, old, tmp_path)
    tr, _ = read_translation(path)
    c = compare(old, new)
    result = carry(c, old, new, tr)
    kinds = {str(e.new[0]) if e.new else "-": e for e in c.entries}
    status_of = {str(r.number): r.status for r in result.records}
    assert status_of == {"1": "carried", "2": "new", "3": "stale", "4": "carried", "5": "carried",
                         "6": "carried"}
    assert kinds["5"].references_only
    en = result.translation.by_number()
    # The reference the Chinese renumbered (第三条 -> 第四条) is renumbered in the English.
    assert en[new.articles[4].number].lines == [
        "Whoever violates Article 4 of this Law shall be ordered to make corrections."]
    # Carried English is otherwise the old English, and holds the new Chinese's fingerprint.
    assert en[new.articles[3].number].lines == ["Example units shall accept supervision."]
    assert en[new.articles[3].number].fingerprint == fingerprint(new.articles[3])
    # Stale keeps the old English as the start, the old Chinese's fingerprint and the redline.
    stale = en[new.articles[2].number]
    assert stale.lines == ["The State establishes a system of example registration."]
    assert stale.fingerprint == fingerprint(old.articles[1])
    assert "{+和公示制度+}" in stale.note
    assert "国家坚持示例工作的统一领导" in en[new.articles[1].number].note
    assert result.counts == {"carried": 4, "stale": 1, "new": 1}
    # The written file reads back as what status expects of it.
    out = tmp_path / "new.md"
    out.write_text(to_markdown(result.translation), encoding="utf-8")
    back, _ = read_translation(out)
    assert sorted((p.what, p.label) for p in status(new, back)) == [
        ("missing", "Article 2"), ("stale", "Article 3")]


def test_a_reference_the_english_does_not_cite_makes_the_article_stale(stages, tmp_path):
    old, new = stages
    path, _ = _stamped(OLD_EN.replace("violates Article 3 of this Law", "violates the preceding "
                                      "Chapter"), old, tmp_path)
    tr, _ = read_translation(path)
    result = carry(compare(old, new), old, new, tr)
    r = next(r for r in result.records if str(r.number) == "5")
    assert r.status == "stale" and "Article 3" in r.reason


def test_an_english_that_translated_an_older_chinese_is_not_carried(stages, tmp_path):
    old, new = stages
    earlier, _ = parse_text(OLD_ZH.replace("制定本法", "特制定本法"))
    path, _ = _stamped(OLD_EN, earlier, tmp_path)
    tr, _ = read_translation(path)
    result = carry(compare(old, new), old, new, tr)
    r = next(r for r in result.records if str(r.number) == "1")
    assert r.status == "stale" and "earlier Chinese" in r.reason


def test_annotated_translation_tells_rewording_from_the_law(stages, tmp_path):
    old, new = stages
    path, _ = _stamped(OLD_EN, old, tmp_path)
    old_tr, _ = read_translation(path)
    new_en = (OLD_EN.replace("Article 5\n", "Article 6\n").replace("Article 4\nWhoever violates Article 3",
                                                                  "Article 5\nWhoever violates Article 4")
              .replace("Article 3\nExample units shall", "Article 4\nExample units must")
              .replace("Article 2\nThe State establishes a system of example registration.",
                       "Article 2\nThe State upholds unified leadership of example work.\n\n"
                       "Article 3\nThe State establishes systems of example registration and publicity."))
    path2, _ = _stamped(new_en, new, tmp_path, "new.md")
    new_tr, _ = read_translation(path2)
    c = compare(old, new)
    en = annotate(c, old, new, old_tr, new_tr)
    by_new = {str(e.new[0]): e for e in en.entries if e.new}
    assert by_new["4"].source_changed is False and by_new["4"].changed  # shall -> must
    assert by_new["3"].source_changed is True
    assert by_new["5"].source_changed is True and by_new["5"].references_only
    assert by_new["6"].source_changed is False and not by_new["6"].changed
    d = en.to_json()
    assert all("source_changed" in e for e in d["alignment"])
    assert hide_rewording(en) == 1 and not by_new["4"].changed and by_new["4"].rewording_hidden


def test_the_cli_flow_carry_status_stamp_compare(stages, tmp_path):
    (tmp_path / "old.txt").write_text(OLD_ZH, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW_ZH, encoding="utf-8")
    old_en = tmp_path / "old.en.md"
    old_en.write_text(OLD_EN, encoding="utf-8")
    o, n = str(tmp_path / "old.txt"), str(tmp_path / "new.txt")
    assert invoke(["translate", "stamp", o, "--translation", str(old_en)])[0] == 0
    assert invoke(["translate", "status", o, "--translation", str(old_en)])[0] == 0
    new_en = tmp_path / "new.en.md"
    code, out, err = invoke(["translate", "carry", o, n, "--translation", str(old_en), "-o",
                             str(new_en), "--format", "json"])
    assert code == 0 and "4 carried, 1 stale, 1 new" in err
    d = json.loads(out)
    assert [(a["number"], a["status"], a["from"]) for a in d["articles"]] == [
        (1, "carried", [1]), (2, "new", []), (3, "stale", [2]), (4, "carried", [3]),
        (5, "carried", [4]), (6, "carried", [5])]
    code, out, err = invoke(["translate", "status", n, "--translation", str(new_en)])
    assert code == 1 and "Article 2: no English" in out and "Article 3: marked stale" in out
    # The comparison needs English for every article: said in one line.
    line = one_line_error(*invoke(["compare", o, n, "--translations", str(old_en), str(new_en)]))
    assert "no English for 1 article" in line and "Article 2" in line


@pytest.mark.parametrize("args, words", [
    (["--rewording", "hide"], "--translations"),
    (["--lang", "zh+en"], "--translations"),
    (["--fragment"], "--format html"),
], ids=["rewording-alone", "lang-alone", "fragment-not-html"])
def test_options_that_do_not_apply_are_errors(tmp_path, args, words):
    (tmp_path / "a.txt").write_text(OLD_ZH, encoding="utf-8")
    line = one_line_error(*invoke(["compare", str(tmp_path / "a.txt"), str(tmp_path / "a.txt"),
                                   *args]))
    assert words in line


def test_english_the_stage_lacks_is_refused_not_dropped(stages, tmp_path):
    from redline.errors import RedlineError

    old, new = stages
    path, _ = _stamped(OLD_EN + "\nArticle 9\nA stray article.\n", old, tmp_path)
    tr, _ = read_translation(path)
    assert [(p.what, p.label) for p in status(old, tr)] == [("extra", "Article 9")]
    with pytest.raises(RedlineError, match=r"1 article that .* lacks \(Article 9\)"):
        annotate(compare(old, old), old, old, tr, tr)


MOVED_OLD = "# 示例法\n## 第一章 总则\n第一条 为了规范示例活动，制定本法。\n第二条 示例单位应当建立登记簿。\n" \
            "## 第二章 附则\n第三条 本法自公布之日起施行。\n"
MOVED_NEW = "# 示例法\n## 第一章 总则\n第一条 为了规范示例活动，制定本法。\n" \
            "## 第二章 附则\n第二条 示例单位应当建立登记簿。\n第三条 本法自公布之日起施行。\n"
MOVED_EN = "# Example Law\n\n## Chapter I General Provisions\n\nArticle 1\nThis Law is enacted to " \
           "regulate example activities.\n\nArticle 2\nExample units shall keep a register.\n"


def test_a_chapter_scope_carries_its_chapter_and_says_what_left_it(tmp_path):
    from redline.errors import RedlineError
    from redline.translate.scope import in_chapters

    old, _ = parse_text(MOVED_OLD)
    new, _ = parse_text(MOVED_NEW)
    old1, new1 = in_chapters(old, [1]), in_chapters(new, [1])
    path, done = _stamped(MOVED_EN, old1, tmp_path)
    tr, _ = read_translation(path)
    assert len(done) == 2 and status(old1, tr) == []
    assert [(p.what, p.label) for p in status(old, tr)] == [("missing", "Article 3")]
    c = compare(old, new)
    result = carry(c, old1, new1, tr)
    # 第二条 went to chapter 2, which the translation does not cover: listed, not lost unseen.
    assert result.counts == {"carried": 1, "stale": 0, "new": 0}
    assert [str(n) for n in result.moved_out] == ["2"] and result.dropped == []
    assert [d.heading for d in result.translation.divisions] == ["Chapter I General Provisions"]
    # An entry reaching outside the chapters cannot be shown in English whole: refused.
    with pytest.raises(RedlineError, match=r"reaches outside the chapters translated \(Article 2 of"):
        annotate(c, old1, new1, tr, result.translation)
    with pytest.raises(RedlineError, match="has no chapter 3 .its chapters run 1–2"):
        in_chapters(old, [3])


def test_chapter_option_on_the_command_line(tmp_path):
    (tmp_path / "old.txt").write_text(MOVED_OLD, encoding="utf-8")
    en = tmp_path / "old.en.md"
    en.write_text(MOVED_EN, encoding="utf-8")
    o = str(tmp_path / "old.txt")
    assert invoke(["translate", "stamp", o, "--translation", str(en)])[0] == 0
    code, out, err = invoke(["translate", "status", o, "--translation", str(en)])
    assert code == 1 and "Article 3: no English" in out
    code, out, err = invoke(["translate", "status", o, "--translation", str(en), "--chapter", "1"])
    assert code == 0 and "2 of 2 articles (chapter 1) up to date" in err
    line = one_line_error(*invoke(["compare", o, o, "--chapter", "1"]))
    assert "--chapter" in line and "--translations" in line
