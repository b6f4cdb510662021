"""Properties that must hold for any input, checked with hypothesis."""

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from redline.diff.comparison import compare
from redline.model import Article, Stage
from redline.normalise import nfkc, norm_key
from redline.numbering import ArticleNumber, cn_article_label, parse_cn_article
from redline.diff.textdiff import DELETE, INSERT, diff_texts
from redline.read.yaml_io import data_to_stage, load_yaml_text, stage_to_yaml

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
PUNCT = st.sampled_from(list("，。；：、（）"))
TEXT = st.text(st.one_of(CJK, PUNCT, st.sampled_from(list("第一二十条款项元万 \n"))), max_size=80)


@given(st.integers(1, 9999), st.integers(0, 9))
def test_article_labels_round_trip(main, sub):
    n = ArticleNumber(main, sub)
    assert parse_cn_article(cn_article_label(n)) == n


@given(TEXT, TEXT)
@settings(max_examples=300, deadline=None)
def test_diff_rebuilds_both_sides(old, new):
    ops = diff_texts(old, new).ops
    assert norm_key("".join(t for op, t in ops if op != INSERT)) == norm_key(old)
    assert "".join(t for op, t in ops if op != DELETE) == new
    assert 0.0 <= diff_texts(old, new).similarity <= 1.0


@given(st.text(st.one_of(st.characters(), PUNCT, st.characters(min_codepoint=0xFF00,
                                                             max_codepoint=0xFFEF))))
@settings(max_examples=500)
def test_fast_nfkc_is_nfkc(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


LINE = st.text(st.one_of(CJK, PUNCT), min_size=1, max_size=30)


@st.composite
def stages(draw):
    n = draw(st.integers(1, 12))
    numbers = sorted(draw(st.sets(st.integers(1, 300), min_size=n, max_size=n)))
    arts = [Article(ArticleNumber(k), cn_article_label(ArticleNumber(k)), None,
                    draw(st.lists(LINE, min_size=1, max_size=3))) for k in numbers]
    return Stage("law", "s", "法", "zh", articles=arts)


@given(stages())
@settings(max_examples=100, deadline=None)
def test_yaml_round_trip(stage):
    assert data_to_stage(load_yaml_text(stage_to_yaml(stage), "t"), "t") == stage


@given(stages(), stages())
@settings(max_examples=100, deadline=None)
def test_every_article_is_in_the_alignment(a, b):
    c = compare(a, b)
    assert sorted(n for e in c.entries for n in e.new) == [x.number for x in b.articles]
    assert {n for e in c.entries for n in e.old} == {x.number for x in a.articles}


TOKEN_TEXT = st.text(st.one_of(CJK, st.sampled_from(list("第条款项章节编目之一二十百千万元倍日年月（）()0123456789.%％AbZ \n\t　，。"))),
                     max_size=60)


@given(TOKEN_TEXT)
@example("依照（一）和(二)项、第二十条第三款、第三章，处3.5%或者三万元罚款 abc　Z")
@settings(max_examples=400)
def test_token_pattern_fast_branch_changes_nothing(text):
    """The pattern's first branch (a character no longer token starts with) is a
    shortcut: without it, the same tokens come out."""
    import re

    from redline.diff import textdiff

    fast = textdiff._CN_TOKEN
    first, rest = fast.pattern.split("|", 1)
    assert first.startswith("[^第")  # the shortcut is the first branch
    assert fast.findall(text) == re.compile(rest, fast.flags).findall(text)


@given(st.text(st.one_of(CJK, PUNCT, st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2028\u3000\u200bab")))))
@settings(max_examples=400)
def test_norm_key_drops_or_folds_what_regex_whitespace_matches(text):
    import re

    folded = nfkc(text)
    assert norm_key(text, "zh") == re.sub(r"\s+", "", folded)
    assert norm_key(text, "en") == re.sub(r"\s+", " ", folded).strip()


EN_TEXT = st.lists(st.sampled_from(["the", "State", "law", "Article 21", "and", "shall", ",", ".", ";",
                                    " ", "  ", "\n", "(1)", "public", "Public", "interest"]),
                   max_size=40).map("".join)


@given(EN_TEXT, EN_TEXT)
@settings(max_examples=400, deadline=None)
@example("safeguard sovereignty and national security.",
         "safeguard sovereignty, national security and the public interest.")
def test_an_english_diff_gives_back_each_side_exactly(old, new):
    # In English every side reads back character for character: spaces and case
    # included ("sovereignty and" was once read back as "sovereigntyand").
    ops = diff_texts(old, new, "en").ops
    assert "".join(t for op, t in ops if op != INSERT) == old
    assert "".join(t for op, t in ops if op != DELETE) == new
