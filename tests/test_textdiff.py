"""Inline diffs: units kept whole, equal text faithful, close to the minimal edit."""

import pytest

from redline.diff.textdiff import (DELETE, EQUAL, INSERT, DiffOp, diff_texts, marked_chars,
                              minimal_edit, tokenize)


def _sides(ops):
    old = "".join(t for op, t in ops if op != INSERT)
    new = "".join(t for op, t in ops if op != DELETE)
    return old, new


@pytest.mark.parametrize("old,new,expected", [
    # Null case.
    ("", "", []),
    ("甲乙丙", "甲乙丙", [(EQUAL, "甲乙丙")]),
    # Pure insertion and deletion.
    ("", "新增。", [(INSERT, "新增。")]),
    ("删去。", "", [(DELETE, "删去。")]),
    # A reference is replaced whole, not 四 -> 六.
    ("依照本法第二十四条处理", "依照本法第二十六条处理",
     [(EQUAL, "依照本法"), (DELETE, "第二十四条"), (INSERT, "第二十六条"), (EQUAL, "处理")]),
    # Amounts whole.
    ("处五万元以下罚款", "处十万元以下罚款",
     [(EQUAL, "处"), (DELETE, "五万元"), (INSERT, "十万元"), (EQUAL, "以下罚款")]),
    # Width of punctuation and spaces are not changes; equal runs show the new text.
    ("处罚: 甲", "处罚：甲", [(EQUAL, "处罚：甲")]),
], ids=["null", "equal", "insert", "delete", "reference", "amount", "width"])
def test_labelled_cases(old, new, expected):
    assert [tuple(op) for op in diff_texts(old, new).ops] == expected


def test_english_by_word():
    ops = diff_texts("shall be ordered to make corrections", "shall be ordered to rectify",
                     "en").ops
    assert [tuple(o) for o in ops] == [(EQUAL, "shall be ordered to "),
                                       (DELETE, "make corrections"), (INSERT, "rectify")]


def test_tokens_concatenate_to_the_text():
    text = "违反本法第二十二条第三款、第四十一条至第四十三条规定，处五万元以上五十万元以下罚款。\n（一）甲"
    assert "".join(tokenize(text)) == text
    assert "第二十二条第三款" in tokenize(text)


def test_similarity_is_from_the_minimal_diff():
    assert diff_texts("甲乙丙丁", "甲乙丙丁").similarity == 1.0
    assert diff_texts("甲乙", "丙丁").similarity == 0.0
    assert diff_texts("甲乙丙丁", "甲乙戊己").similarity == 0.5


def test_csl_diffs_are_faithful_and_close_to_minimal(csl_comparison, csl_pair):
    """Every entry rebuilds both sides; marks stay within 1.3x the minimal edit."""
    old, new = csl_pair
    old_text = {a.number: a.text for a in old.articles}
    new_text = {a.number: a.text for a in new.articles}
    marked = minimal = 0
    for e in csl_comparison.entries:
        o, n = _sides(e.diff)
        if e.new:
            assert n == "\n".join(new_text[x] for x in e.new)
        if e.old and not e.parts:
            # Equal runs carry the new side's punctuation width; compare by key.
            from redline.normalise import norm_key
            assert norm_key(o) == norm_key("\n".join(old_text[x] for x in e.old))
        if e.kind in ("modified", "merged") and e.changed:
            marked += marked_chars(e.diff)
            minimal += minimal_edit(o, n)
    assert minimal > 0
    assert marked / minimal <= 1.3, (marked, minimal)


def test_deleted_clause_is_struck_as_a_clause(csl_comparison):
    e = next(e for e in csl_comparison.entries if e.new_labels == ["第七十七条"])
    deleted = [t for op, t in e.diff if op == DELETE]
    assert deleted == ["攻击、侵入、干扰、破坏等危害中华人民共和国的关键信息基础设施的活动，造成严重后果"]


def test_marked_chars():
    assert marked_chars([DiffOp(EQUAL, "甲"), DiffOp(DELETE, "乙"), DiffOp(INSERT, "丙丁")]) == 3
