"""A new user's own law, start to finish, in an empty folder: import two versions
(texts written for this test), compare them, check, list the laws; and the words
that meet a mistyped name."""

from __future__ import annotations

import json

import yaml

from conftest import invoke, one_line_error

V1 = """中华人民共和国示例法

第一章 总则

第一条 为了规范示例活动，保护当事人的合法权益，制定本法。
第二条 在中华人民共和国境内从事示例活动，适用本法。
第三条 国务院示例主管部门负责全国的示例管理工作。

第二章 法律责任

第四条 违反本法规定的，由示例主管部门责令改正，处一万元以下罚款。
第五条 本法自2020年1月1日起施行。
"""

V2 = V1.replace("制定本法。", "促进示例事业健康发展，制定本法。").replace(
    "第三条 国务院", "第三条 国家建立示例登记制度。\n第四条 国务院").replace(
    "第四条 违反", "第五条 违反").replace("一万元", "五万元").replace(
    "第五条 本法自2020年", "第六条 本法自2024年")


def _flow(tmp_path):
    (tmp_path / "v1.txt").write_text(V1, encoding="utf-8")
    (tmp_path / "v2.txt").write_text(V2, encoding="utf-8")
    drafts = tmp_path / "drafts"  # not there yet: the first import makes it
    d = ["--drafts", str(drafts)]
    code, out, err = invoke(["import", str(tmp_path / "v1.txt"), "--law", "example-law",
                             "--stage", "2020", "--name", "原法", "--date", "2020-01-01", *d])
    assert code == 0 and err == "", err
    assert "made law example-law (中华人民共和国示例法)" in out
    code, out, err = invoke(["import", str(tmp_path / "v2.txt"), "--law", "example-law",
                             "--stage", "2024", "--date", "2024-01", *d])
    assert code == 0 and "added stage 2024" in out
    return drafts, d


def test_import_compare_check_as_a_new_user(tmp_path):
    drafts, d = _flow(tmp_path)
    manifest = yaml.safe_load((drafts / "example-law" / "manifest.yaml").read_text(encoding="utf-8"))
    assert manifest["law"] == "example-law" and manifest["title"] == "中华人民共和国示例法"
    assert [(s["id"], s.get("name"), s["date"]) for s in manifest["stages"]] == [
        ("2020", "原法", "2020-01-01"), ("2024", None, "2024-01")]
    # A file outside the sources root is not pinned by path, only named, with its sha256.
    assert "imported from v1.txt (sha256 " in manifest["stages"][0]["description"]
    code, out, err = invoke(["compare", "2020", "2024", "--law", "example-law", *d])
    assert code == 1 and "{+国家建立示例登记制度。+}" in out and "[-一万元-]{+五万元+}" in out
    code, out, err = invoke(["check", str(drafts)])
    assert code == 0, out + err
    code, out, err = invoke(["laws", "--format", "json", *d])
    laws = json.loads(out)["laws"]
    assert [(s["id"], s["available"]) for s in laws[0]["stages"]] == [("2020", "text"), ("2024", "text")]
    code, out, _ = invoke(["laws", *d])
    assert out.splitlines()[1].split() == ["2020", "2020-01-01", "text", "原法"]


def test_a_source_under_the_sources_root_is_pinned_by_path(tmp_path):
    root = tmp_path / "texts"
    (root / "示例法").mkdir(parents=True)
    (root / "示例法" / "2020.txt").write_text(V1, encoding="utf-8")
    code, out, err = invoke(["import", str(root / "示例法" / "2020.txt"), "--law", "example-law",
                             "--stage", "2020", "--drafts", str(tmp_path / "drafts"),
                             "--sources", str(root)])
    assert code == 0, err
    manifest = yaml.safe_load((tmp_path / "drafts/example-law/manifest.yaml").read_text(encoding="utf-8"))
    (src,) = manifest["stages"][0]["sources"]
    assert src["path"] == "示例法/2020.txt" and len(src["sha256"]) == 64
    # The stage file may go: the manifest imports it again from the pinned source.
    (tmp_path / "drafts/example-law/2020.yaml").unlink()
    code, out, err = invoke(["check", str(tmp_path / "drafts"), "--sources", str(root), "-v"])
    assert code == 0 and "sha256 ok" in out, out + err


def test_a_text_of_another_law_is_imported_with_a_warning_naming_both(tmp_path):
    drafts, d = _flow(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text(V1.replace("示例法", "另一法"), encoding="utf-8")
    code, out, err = invoke(["import", str(other), "--law", "example-law", "--stage", "x", *d])
    assert code == 0
    assert "the text's title is 中华人民共和国另一法, but example-law is 中华人民共和国示例法" in err


def test_mistyped_names_get_a_did_you_mean_naming_the_word_at_fault(tmp_path):
    drafts, d = _flow(tmp_path)
    line = one_line_error(*invoke(["compare", "2020", "20244", *d]))
    assert "'20244' is neither a file nor a stage" in line and "did you mean '2024'" in line
    line = one_line_error(*invoke(["compare", "2020", "2024", "--law", "exmple-law", *d]))
    assert "no law 'exmple-law'" in line and "did you mean 'example-law'?" in line
    line = one_line_error(*invoke(["compare", "example-law@2021", "2024", *d]))
    assert "has no stage '2021'" in line and "its stages: 2020, 2024" in line
    line = one_line_error(*invoke(["import", "v.txt", "--law", "x", "--stage", "s", "--date",
                                   "Jan 2020", *d]))
    assert "--date 'Jan 2020'" in line
