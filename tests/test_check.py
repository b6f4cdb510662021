"""redline check: annotations anchored to the text, schema errors, annotated redlines."""

import shutil

import pytest

from conftest import CORPUS, ROOT, invoke, one_line_error
from redline.diff.annotations import load_annotations
from redline.workspace.check import check
from redline.render.html import render_html
from redline.workspace.verify_redline import verify_redline


@pytest.fixture
def drafts(tmp_path):
    """A copy of the project's drafts/ (manifests and annotations, no stage files)."""
    d = tmp_path / "drafts"
    shutil.copytree(ROOT / "drafts", d, ignore=shutil.ignore_patterns("final.yaml", "amended.yaml",
                                                                       "draft*.yaml"))
    return d


def test_project_annotations_hold(drafts):
    report = check(drafts, CORPUS)
    assert report.failed == []
    anchored = [line for line in report.ok if "annotations/" in line]
    assert len(anchored) >= 20
    # Stages the annotations need were imported from their sources.
    assert (drafts / "cybersecurity-law" / "amended.yaml").is_file()


def test_every_decision_item_and_the_glossary_are_annotated():
    anns, problems = load_annotations(ROOT / "drafts/cybersecurity-law/annotations/amendment-2025.yaml")
    assert problems == []
    items = {a.id.split("-")[1] for a in anns}
    assert items == {f"{k:02d}" for k in range(1, 15)}
    terms, problems = load_annotations(ROOT / "drafts/cybersecurity-law/annotations/glossary.yaml")
    assert problems == [] and all(t.en for t in terms)
    assert {"网络运营者", "关键信息基础设施", "网络安全等级保护制度", "个人信息", "重要数据"} <= {t.quote for t in terms}


def _edit(drafts, old, new):
    p = drafts / "cybersecurity-law/annotations/amendment-2025.yaml"
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def test_drifted_quote_is_reported_with_a_candidate(drafts):
    p = _edit(drafts, "quote: 消除对国家安全的影响", "quote: 消除对国家安全的不良影响")
    (failed,) = check(drafts, CORPUS).failed
    line = p.read_text(encoding="utf-8").splitlines().index("  - id: d2025-10-security-review") + 1
    assert failed.startswith(f"{p}:{line}: d2025-10-security-review: "
                             "quote '消除对国家安全的不良影响' not found")
    assert failed.endswith("closest words in 第六十七条: '消除对国家安全的影响，处' at character 71, "
                           "4 characters away from the quote")


def test_quote_in_the_wrong_article_says_where_it_went(drafts):
    _edit(drafts, "    article: 20\n", "    article: 19\n")
    (failed,) = check(drafts, CORPUS).failed
    assert "d2025-03-ai-article" in failed and "stands in 第二十条 (moved from 第十九条)" in failed


def test_ambiguous_quote(drafts):
    _edit(drafts, "    suffix: 情形\n", "")
    (failed,) = check(drafts, CORPUS).failed
    assert "occurs 2 times; add a prefix or suffix" in failed


def test_schema_problems_have_file_and_line(drafts):
    p = drafts / "cybersecurity-law/annotations/bad.yaml"
    p.write_text("annotations:\n  - id: a\n    stage: amended\n    article: 3\n    quote: 网络\n"
                 "  - id: a\n    stage: amended\n    article: 3\n    quote: 网络安全\n    note: n\n"
                 "    colour: red\n", encoding="utf-8")
    failed = check(drafts, CORPUS).failed
    assert f"{p}:2: annotation 'a' lacks note" in failed
    assert f"{p}:11: unknown key 'colour' (known: article, en, id, note, prefix, quote, stage, suffix, tags)" in failed
    p.write_text("annotations: [\n", encoding="utf-8")
    assert any(f.startswith(f"{p}:") and "malformed YAML" in f for f in check(drafts, CORPUS).failed)


def test_check_command_exit_codes(drafts, tmp_path):
    code, out, _ = invoke(["check", str(drafts), "--sources", str(CORPUS)])
    assert code == 0 and out.strip().endswith("passed, 0 failed")
    _edit(drafts, "quote: 向有关主管部门报告", "quote: 向主管部门报告")
    code, out, _ = invoke(["check", str(drafts), "--sources", str(CORPUS)])
    assert code == 1 and "FAILED" in out and "1 failed" in out
    assert "no such folder" in one_line_error(*invoke(["check", str(tmp_path / "none")]))


@pytest.mark.parametrize("layout", ["inline", "side-by-side"])
def test_our_html_redline_verifies(tmp_path, csl_comparison, csl_pair, layout):
    page = tmp_path / "r.html"
    page.write_text(render_html(csl_comparison, layout=layout), encoding="utf-8")
    ok, failed = verify_redline(page, *csl_pair)
    # 15 changed entries and 4 with references only shown in full; the other 62
    # listed by number as unchanged or only renumbered, which is checked too.
    assert failed == [] and len(ok) == 19 + 62
    assert sum("(listed as the same)" in x for x in ok) == 62
    # Tamper with one inserted word: the check points at it.
    page.write_text(page.read_text(encoding="utf-8").replace("<ins>或者应用程序</ins>", "<ins>或者程序</ins>", 1),
                    encoding="utf-8")
    ok, failed = verify_redline(page, *csl_pair)
    assert len(failed) == 1 and "new side at character" in failed[0] and "61 → 64" in failed[0]


def test_our_html_redline_paragraph_breaks_are_checked(tmp_path, csl_comparison, csl_pair):
    """Our inline page marks each paragraph break one side lacks; without the
    mark, or with two paragraphs run together, the check fails."""
    page = tmp_path / "r.html"
    html = render_html(csl_comparison)
    mark = '<del class="pilcrow" title="paragraph break removed">¶</del>'
    # 第六十九条 item 1 deleted: its break is the old text's, (一) runs on in the new.
    assert f"采取停止传输、消除等处置措施的；</del>{mark}</p>" in html
    page.write_text(html.replace(mark, "", 1), encoding="utf-8")
    ok, failed = verify_redline(page, *csl_pair)
    assert len(failed) == 1 and "69 → 70: new side paragraph 2" in failed[0]
    assert "a paragraph break differs" in failed[0]
    # 第十八条's deleted second paragraph run into its first, unmarked: the old
    # text's break is lost.
    joined = html.replace("社会发展。</p><p><del>国家支持", "社会发展。<del>国家支持", 1)
    assert joined != html
    page.write_text(joined, encoding="utf-8")
    ok, failed = verify_redline(page, *csl_pair)
    assert len(failed) == 1 and "18 → 19: old side paragraph 1" in failed[0]


def _marked(comparison) -> str:
    """The comparison as an annotated text: labels and text with [-…-]{+…+} marks."""
    lines = []
    for e in comparison.entries:
        if len(e.old) > 1 or len(e.new) > 1:
            continue  # merged articles cannot be written one label per article
        label = ""
        if e.old_labels and e.new_labels and e.old_labels != e.new_labels:
            label = f"[-{e.old_labels[0]}-]{{+{e.new_labels[0]}+}} "
        elif e.old_labels or e.new_labels:
            only = (e.old_labels or e.new_labels)[0]
            label = f"[-{only} -]" if not e.new_labels else (f"{{+{only} +}}" if not e.old_labels else f"{only} ")
        body = "".join(t if op == 0 else f"[-{t}-]" if op < 0 else f"{{+{t}+}}" for op, t in e.diff)
        lines.append(label + body)
    return "\n".join(lines)


def test_text_redline_with_marks(tmp_path):
    from redline.diff.comparison import compare
    from redline.read import parse_file

    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    new, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md")
    # Without the merged articles, each side is a whole text article by article.
    drop_old = {64, 66, 68, 69, 70}
    drop_new = {69, 71}
    old.articles = [a for a in old.articles if a.number.main not in drop_old]
    new.articles = [a for a in new.articles if a.number.main not in drop_new]
    c = compare(old, new)
    f = tmp_path / "r.txt"
    f.write_text(_marked(c), encoding="utf-8")
    ok, failed = verify_redline(f, old, new)
    assert failed == [] and len(ok) == len(old.articles) + len(new.articles)
    f.write_text(_marked(c).replace("{+人工智能伦理规范+}", "{+人工智能规范+}").replace(
        "完善人工智能伦理规范", "完善人工智能规范"), encoding="utf-8")
    ok, failed = verify_redline(f, old, new)
    assert len(failed) == 1 and "new side 第二十条: at character" in failed[0]


def test_generic_html_with_s_and_u(tmp_path):
    from redline.read import parse_text

    old, _ = parse_text("第一条 甲乙丙丁。\n第二条 戊己庚。")
    new, _ = parse_text("第一条 甲乙丁戊。\n第二条 戊己庚。")
    f = tmp_path / "t.html"
    f.write_text("<p>第一条 甲乙<s>丙</s>丁<u>戊</u>。</p><p>第二条 戊己庚。</p>", encoding="utf-8")
    ok, failed = verify_redline(f, old, new)
    assert failed == [] and len(ok) == 4
    f.write_text("<p>第一条 甲乙<s>丙</s>丁<u>己</u>。</p><p>第二条 戊己庚。</p>", encoding="utf-8")
    _, failed = verify_redline(f, old, new)
    assert failed == [f"{f}: new side 第一条: at character 3: expected '戊。', found '己。'"]


def test_annotations_show_beside_the_text(workspace):
    import shutil as sh

    sh.copytree(ROOT / "drafts/cybersecurity-law/annotations",
                workspace.drafts / "cybersecurity-law/annotations")
    code, out, _ = invoke(["compare", "final", "amended", "--no-color", "--width", "300",
                           "--drafts", str(workspace.drafts), "--sources", str(CORPUS)])
    assert "完善人工智能伦理规范+}[1]{+，加强" in out
    assert "  [1] 人工智能伦理规范 (AI ethics rules): Decision item 3." in out
    code, out, _ = invoke(["compare", "final", "amended", "--format", "html",
                           "--drafts", str(workspace.drafts), "--sources", str(CORPUS)])
    assert '<sup class="fn"><a href="#fn-d2025-03-ai-article" id="fnref-d2025-03-ai-article">1</a></sup>' in out
    assert '<li id="fn-d2025-03-ai-article"><span class="q">人工智能伦理规范</span>' in out
    code, out, _ = invoke(["compare", "final", "amended", "--format", "json", "--no-annotations",
                           "--drafts", str(workspace.drafts), "--sources", str(CORPUS)])
    assert '"annotations"' not in out


def test_stage_and_manifest_schema_errors_have_lines(drafts):
    stage = drafts / "cybersecurity-law" / "final.yaml"
    stage.write_text("law: cybersecurity-law\nstage: final\narticles:\n- number: 1\n  label: 第一条\n"
                     "  text: 甲\n- number: 2\n  label: 第二条\n", encoding="utf-8")
    manifest = drafts / "cybersecurity-law" / "manifest.yaml"
    failed = check(drafts, CORPUS).failed
    assert f"{stage}:7: articles[1]: missing key 'text'" in failed
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "  - id: draft2\n", "  - id: draft2\n    colour: red\n"), encoding="utf-8")
    failed = check(drafts, CORPUS).failed
    assert f"{manifest}:16: stages[1] (draft2): unknown keys ['colour']" in failed


def test_manifest_sources_are_checked(drafts, tmp_path):
    report = check(drafts, CORPUS)
    # CSL: final, amended, the decision; the Animal Epidemic Prevention Law's 4
    # stages; the pig slaughter regulations' 5 versions.
    assert sum("sha256 ok" in line for line in report.ok) == 3 + 4 + 5
    sources = tmp_path / "sources"
    shutil.copytree(CORPUS / "cybersecurity-law", sources / "cybersecurity-law")
    (sources / "cybersecurity-law" / "decision-2025-10-28.md").write_text("changed", encoding="utf-8")
    (sources / "cybersecurity-law" / "2025-10-28.md").unlink()
    failed = check(drafts, sources).failed
    manifest = drafts / "cybersecurity-law" / "manifest.yaml"
    assert f"{manifest}: amended: cybersecurity-law/decision-2025-10-28.md: sha256 differs from the manifest's" in failed
    assert f"{manifest}: amended: cybersecurity-law/2025-10-28.md: not found under {sources}" in failed


# Manifests are confined (issue 14): they name files inside the sources root, pinned by sha256.
@pytest.mark.parametrize("source, message", [
    ("path: ../../../etc/passwd\n        sha256: " + "0" * 64, "inside the sources root"),
    ("path: /etc/passwd\n        sha256: " + "0" * 64, "inside the sources root"),
    ("path: cybersecurity-law/2016-11-07.md", "needs its sha256"),
    ("path: cybersecurity-law/2016-11-07.md\n        sha256: null", "needs its sha256"),
], ids=["dotdot", "absolute", "no-sha", "null-sha"])
def test_manifest_sources_must_stay_inside_and_be_pinned(tmp_path, source, message):
    law = tmp_path / "drafts" / "x-law"
    law.mkdir(parents=True)
    (law / "manifest.yaml").write_text(
        f"law: x-law\nstages:\n  - id: s1\n    sources:\n      - {source}\n", encoding="utf-8")
    report = check(tmp_path / "drafts", CORPUS)
    assert any(message in f for f in report.failed), report.failed


def test_stage_ids_cannot_leave_drafts(tmp_path):
    law = tmp_path / "drafts" / "x-law"
    law.mkdir(parents=True)
    (law / "manifest.yaml").write_text("law: x-law\nstages:\n  - id: ../../../pwn-stage\n",
                                       encoding="utf-8")
    report = check(tmp_path / "drafts", CORPUS)
    assert any("must match" in f for f in report.failed)
    assert not list(tmp_path.rglob("pwn-stage*"))
    code, _, err = invoke(["import", str(CORPUS / "cybersecurity-law/2016-11-07.md"),
                           "--law", "x-law", "--stage", "../../pwn", "--drafts",
                           str(tmp_path / "drafts")])
    assert code == 2 and "must match" in err and not list(tmp_path.rglob("pwn*"))


def test_a_symlink_out_of_the_sources_root_is_refused(tmp_path):
    sources = tmp_path / "sources"
    (sources / "x").mkdir(parents=True)
    outside = tmp_path / "outside.md"
    outside.write_text("第一条 甲。", encoding="utf-8")
    (sources / "x" / "law.md").symlink_to(outside)
    law = tmp_path / "drafts" / "x-law"
    law.mkdir(parents=True)
    (law / "manifest.yaml").write_text(
        "law: x-law\nstages:\n  - id: s1\n    sources:\n      - path: x/law.md\n"
        f"        sha256: '{'0' * 64}'\n", encoding="utf-8")
    report = check(tmp_path / "drafts", sources)
    assert any("leads outside the sources root" in f for f in report.failed), report.failed


def test_check_of_an_empty_folder_fails(tmp_path):
    (tmp_path / "drafts").mkdir()
    report = check(tmp_path / "drafts", CORPUS)
    assert report.failed and "nothing to check" in report.failed[0]


def test_a_stage_made_by_a_decision_is_checked_by_applying_it(drafts, tmp_path):
    """The CSL's amended stage names its decision: check applies it to `final` and
    compares; a decision altered (and re-pinned) fails at the item altered."""
    import hashlib

    report = check(drafts, CORPUS)
    manifest = drafts / "cybersecurity-law" / "manifest.yaml"
    assert (f"{manifest}: amended: cybersecurity-law/decision-2025-10-28.md: applied to final, "
            "every one of its 14 items gives amended") in report.ok
    sources = tmp_path / "sources"
    shutil.copytree(CORPUS / "cybersecurity-law", sources / "cybersecurity-law")
    decision = sources / "cybersecurity-law" / "decision-2025-10-28.md"
    text = decision.read_text(encoding="utf-8").replace("处一万元以上五万元以下罚款", "处一万元以上三万元以下罚款", 1)
    decision.write_text(text, encoding="utf-8")
    old_sha = "ff7f4d7c96ba38182f8a181062d540e0a3740ce5e48d5a4022a588e8f4d146e8"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        old_sha, hashlib.sha256(decision.read_bytes()).hexdigest()), encoding="utf-8")
    failed = check(drafts, sources).failed
    assert any(line.startswith(f"{manifest}: amended: cybersecurity-law/decision-2025-10-28.md: "
                               "item 五: 第六十一条 第一款 reads") for line in failed), failed


def test_unknown_and_repeated_keys_in_a_stage_file_are_errors(drafts):
    stage = drafts / "cybersecurity-law" / "final.yaml"
    stage.write_text("law: cybersecurity-law\nstage: final\narticles:\n- number: 1\n  label: 第一条\n"
                     "  text: 甲\n  txet: 乙\n", encoding="utf-8")
    failed = check(drafts, CORPUS).failed
    assert any(line.startswith(f"{stage}:4: articles[0]: unknown keys ['txet']") for line in failed), failed
    stage.write_text("law: cybersecurity-law\nstage: final\narticles:\n- number: 1\n  label: 第一条\n"
                     "  text: 甲\n  text: 乙\n", encoding="utf-8")
    failed = check(drafts, CORPUS).failed
    assert f"{stage}:7: key 'text' appears twice in one mapping (first on line 6)" in failed
    code, _, err = invoke(["compare", str(stage), str(stage)])
    assert code == 2 and err.strip().endswith("key 'text' appears twice in one mapping (first on line 6)")


def test_a_broken_annotation_file_is_said_not_dropped(workspace):
    import shutil as sh

    notes = workspace.drafts / "cybersecurity-law/annotations"
    sh.copytree(ROOT / "drafts/cybersecurity-law/annotations", notes)
    (notes / "glossary.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    code, out, err = invoke(["compare", "final", "amended", "--no-color", "--width", "300",
                             "--drafts", str(workspace.drafts), "--sources", str(CORPUS)])
    assert code == 1
    assert "glossary.yaml" in err and "the notes of this file are not shown" in err
    assert "Decision item 3." in out  # the other file's notes still show


def test_a_key_given_twice_in_an_annotation_or_a_manifest_is_an_error(drafts):
    notes = drafts / "cybersecurity-law/annotations/glossary.yaml"
    text = notes.read_text(encoding="utf-8")
    first = text.index("    note:")
    notes.write_text(text[:first] + "    note: first\n" + text[first:], encoding="utf-8")
    failed = check(drafts, CORPUS).failed
    assert any("glossary.yaml" in f and "key 'note' appears twice" in f for f in failed), failed
    manifest = drafts / "cybersecurity-law/manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "law: cybersecurity-law\n", "law: cybersecurity-law\nlaw: other\n", 1), encoding="utf-8")
    failed = check(drafts, CORPUS).failed
    assert any("manifest.yaml" in f and "key 'law' appears twice" in f for f in failed), failed
