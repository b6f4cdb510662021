"""--format plain: the whole redline as a text record that check --redline reads back."""

import pytest

from conftest import CORPUS, CORPUS_PAIRS, invoke
from redline.diff.comparison import compare
from redline.read import parse_file
from redline.render.plain import render_plain
from redline.workspace.verify_redline import verify_redline


@pytest.mark.parametrize("old_rel,new_rel", CORPUS_PAIRS,
                         ids=[f"{o.split('/')[-2]}:{o.split('/')[-1]}" for o, _ in CORPUS_PAIRS])
def test_every_corpus_redline_reads_back(tmp_path, old_rel, new_rel):
    old, _ = parse_file(CORPUS / old_rel)
    new, _ = parse_file(CORPUS / new_rel)
    c = compare(old, new)
    record = tmp_path / "r.txt"
    record.write_text(render_plain(c), encoding="utf-8")
    ok, failed = verify_redline(record, old, new)
    assert failed == [] and len(ok) == len(c.entries)


def test_an_altered_record_fails_where_it_was_altered(tmp_path):
    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    new, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md")
    text = render_plain(compare(old, new))
    record = tmp_path / "r.txt"
    record.write_text(text.replace("{+五万元+}以上", "{+三万元+}以上", 1), encoding="utf-8")
    _, failed = verify_redline(record, old, new)
    assert failed == [f"{record}: entry 59 → 61: new side at character 87: expected '五万元以上五十万元以下罚',"
                      " found '三万元以上五十万元以下罚'"]
    # A paragraph break lost: the old 第十八条's second paragraph joined to its first.
    assert "发展。[-\n国家支持创新网络安全管理方式" in text
    record.write_text(text.replace("发展。[-\n国家支持", "发展。[-国家支持", 1), encoding="utf-8")
    _, failed = verify_redline(record, old, new)
    assert len(failed) == 1 and failed[0].startswith(f"{record}: entry 18 → 19: old side paragraph 1")
    # An entry left out.
    start = text.index("@@ old 5 | new 6 @@")
    record.write_text(text[:start] + text[text.index("@@ old 6 |"):], encoding="utf-8")
    _, failed = verify_redline(record, old, new)
    assert failed == [f"{record}: old side lacks 1 articles (first: 第五条): text missing from the redline",
                      f"{record}: new side lacks 1 articles (first: 第六条): text missing from the redline"]


def test_check_reads_the_record_the_command_writes(workspace, tmp_path):
    out = tmp_path / "csl.txt"
    args = ["--drafts", str(workspace.drafts), "--sources", str(workspace.sources)]
    code, _, err = invoke(["compare", "final", "amended", "--format", "plain", "-o", str(out), *args])
    assert code == 1, err
    assert out.read_text(encoding="utf-8").startswith("redline plain: 中华人民共和国网络安全法: final → amended\n")
    code, stdout, _ = invoke(["check", str(workspace.drafts), "--redline", str(out), "--old", "final",
                              "--new", "amended", "--sources", str(workspace.sources)])
    assert code == 0 and stdout.rstrip().endswith("0 failed")
