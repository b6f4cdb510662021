"""Cross-references: found in the texts, and left behind by a renumbering."""

import pytest

from conftest import CORPUS
from redline.diff.comparison import compare
from redline.read import parse_file, parse_text
from redline.diff.references import find_references


@pytest.mark.parametrize("text,expected", [
    ("本法第二十一条", [("article", "21", None, None)]),
    ("第二十四条第一款", [("article", "24", None, 1)]),
    ("第四十三条至第四十五条", [("range", "43", "45", None)]),
    ("依照前款规定", [("relative", None, None, None)]),
    ("前两款", [("relative", None, None, None)]),
    ("第一百二十条之一", [("article", "120-1", None, None)]),
], ids=["article", "paragraph", "range", "前款", "前两款", "zhiyi"])
def test_find(text, expected):
    got = [(r.kind, r.article and str(r.article), r.to and str(r.to), r.paragraph)
           for r in find_references(text)]
    assert got == expected


def test_english():
    refs = find_references("as provided in Article 21 and Articles 3 to 5", "en")
    assert [(r.kind, str(r.article), r.to and str(r.to)) for r in refs] == [
        ("article", "21", None), ("range", "3", "5")]


def test_other_laws_are_external():
    refs = find_references("违反《中华人民共和国网络安全法》第二十一条和本法第三条，以及宪法第八十九条")
    assert [r.external for r in refs] == [True, False, True]


def test_every_reference_of_the_csl_points_somewhere(csl_pair):
    _, new = csl_pair
    numbers = {a.number for a in new.articles}
    internal = [r for a in new.articles for r in find_references(a.text)
                if not r.external and r.kind != "relative"]
    assert len(internal) >= 25  # the 2025 text cites 28 articles; 3 are in ranges
    assert all(t in numbers for r in internal for t in r.targets())


def test_official_revisions_leave_no_reference_behind(csl_comparison):
    assert [i for e in csl_comparison.entries for i in e.reference_issues] == []


def test_a_reference_left_behind_is_reported(tmp_path):
    """Undo one renumbered reference in the 2025 text: the check must catch it."""
    text = (CORPUS / "cybersecurity-law/2025-10-28.md").read_text(encoding="utf-8")
    # 第六十一条 cites 本法第二十三条 (2016: 第二十一条). Put the old number back, and
    # make 第七十二条 cite an article that does not exist.
    assert "网络运营者不履行本法第二十三条、第二十七条" in text
    broken = text.replace("网络运营者不履行本法第二十三条、第二十七条",
                          "网络运营者不履行本法第二十一条、第二十七条")
    broken = broken.replace("第七十二条 有本法规定的违法行为的", "第七十二条 有本法第九十九条规定的违法行为的")
    path = tmp_path / "broken.md"
    path.write_text(broken, encoding="utf-8")
    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    new, _ = parse_file(path)
    issues = {(e.new_labels[0], i.ref, i.problem) for e in compare(old, new).entries
              for i in e.reference_issues}
    assert issues == {("第六十一条", "第二十一条", "stale"), ("第七十二条", "第九十九条", "missing")}


def test_reference_to_a_deleted_article():
    old, _ = parse_text("第一条 甲乙丙丁戊己庚辛。\n第二条 子丑寅卯辰巳午未。\n第三条 违反第二条规定的，依法处理。")
    new, _ = parse_text("第一条 甲乙丙丁戊己庚辛。\n第二条 违反第二条规定的，依法处理。")
    e = compare(old, new).entries[-1]
    assert [i.problem for i in e.reference_issues] == ["deleted"]
