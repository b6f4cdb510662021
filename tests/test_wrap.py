"""The terminal record's line breaking (render/wrap.py) on real redlines: no
line opens with closing punctuation or ends with opening punctuation, no mark is
cut, continuation lines are indented, and nothing is lost."""

import io
import re

import pytest

from conftest import CORPUS, invoke
from redline.diff.comparison import compare
from redline.read import parse_file
from redline.render.terminal import make_console, render_terminal
from redline.render.wrap import NO_LINE_END, NO_LINE_START, lines

PAIRS = [("cybersecurity-law/2016-11-07.md", "cybersecurity-law/2025-10-28.md"),
         ("revisions/公司法/2018-10-26.md", "revisions/公司法/2023-12-29.md"),
         ("reading-drafts/动物防疫法/draft1-2020.txt", "reading-drafts/动物防疫法/draft2-2020.txt")]


def _plain(old_rel, new_rel, width):
    old, _ = parse_file(CORPUS / old_rel)
    new, _ = parse_file(CORPUS / new_rel)
    buf = io.StringIO()
    c = compare(old, new)
    render_terminal(c, make_console(buf, color=False, width=width))
    return c, buf.getvalue()


@pytest.mark.parametrize("width", [36, 60, 100])
@pytest.mark.parametrize("old_rel,new_rel", PAIRS, ids=["csl", "company", "aepl-drafts"])
def test_lines_break_by_the_rules(old_rel, new_rel, width):
    _, out = _plain(old_rel, new_rel, width)
    rows = out.split("\n")
    # Where a line was wrapped (an indented continuation), it does not open with
    # closing punctuation; a paragraph opens as its source does.
    body = [re.sub(r"^\s*(?:\[-|\{\+)?", "", r) for r in rows if r.startswith("  ")]
    assert [r for r in body if r[:1] in NO_LINE_START] == []
    assert [r for r in rows if re.sub(r"(?:-\]|\+\})?\s*$", "", r)[-1:] in NO_LINE_END] == []
    # A mark's brackets and a note's [n] are never cut.
    assert [r for r in rows if re.search(r"(?:\[-?|\{\+?|\[\d+)$", r.rstrip())] == []
    assert [r for r in rows if re.match(r"\s*(?:-\]|\+\}|\]|\d+\])", r)] == []


def test_continuation_lines_are_indented_and_nothing_is_lost():
    c, narrow = _plain(*PAIRS[0], 36)
    _, wide = _plain(*PAIRS[0], 0)
    # The first paragraph of 第五十九条 → 第六十一条 runs over many lines at 36 cells.
    start = narrow.index("网络运营者不履行本法[-第二十一条")
    block = narrow[start:].split("\n")[:8]
    assert not block[0].startswith(" ") and all(r.startswith("  ") for r in block[1:6])
    # Joining the wrapped lines gives back the unwrapped text, paragraph by paragraph.
    unwrapped = [r for r in wide.split("\n") if r.startswith("网络运营者不履行本法")][0]
    joined = block[0] + "".join(r.strip() for r in block[1:] if r.startswith("  "))
    assert joined.startswith(unwrapped[:len(joined)])
    assert joined == unwrapped[:len(joined)]


def test_width_zero_does_not_wrap(workspace):
    code, out, _ = invoke(["compare", "final", "amended", "--no-color", "--width", "0",
                           "--drafts", str(workspace.drafts), "--sources", str(workspace.sources)])
    assert code == 1
    row = next(r for r in out.split("\n") if r.startswith("{+网络安全工作坚持中国共产党的领导"))
    assert row.endswith("推进网络强国建设。+}")
    code, _, err = invoke(["compare", "final", "amended", "--width", "-1",
                           "--drafts", str(workspace.drafts), "--sources", str(workspace.sources)])
    assert code == 2 and "-1 is not in the range x>=0" in err


def test_history_prints_its_notes(workspace):
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "drafts/cybersecurity-law/annotations",
                    workspace.drafts / "cybersecurity-law/annotations")
    code, out, _ = invoke(["history", "cybersecurity-law", "第十八条", "--stage", "final", "--no-color",
                           "--width", "100", "--drafts", str(workspace.drafts),
                           "--sources", str(workspace.sources)])
    assert code == 0
    assert "[1]" in out and "  [1] 国家支持创新网络安全管理方式: Decision item 2." in out


def test_a_word_longer_than_the_line_is_cut_rather_than_lost():
    assert lines("甲" * 10, 6) == ["甲甲甲", "甲甲甲", "甲甲甲", "甲"]
    assert lines("Article 5 applies to all operators.", 12, 2) == [
        "Article 5", "  applies to", "  all", "  operators."]
