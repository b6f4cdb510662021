import pytest

from redline.numbering import (ArticleNumber, cn_article_label, cn_to_int, int_to_cn,
                               parse_cn_article, roman_to_int)


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("一百", 100), ("一百零一", 101),
    ("一百一十", 110), ("一百二十", 120), ("一千", 1000), ("一千零一", 1001),
    ("一千零一十", 1010), ("一千二百六十", 1260), ("两百", 200), ("42", 42),
], ids=lambda x: str(x))
def test_cn_numerals_both_ways(text, value):
    assert cn_to_int(text) == value
    if "两" not in text and not text.isdigit():
        assert int_to_cn(value) == text


def test_every_number_round_trips_to_9999_and_on_past_ten_thousand():
    for n in [*range(1, 10000), *range(10000, 30001), 100000, 1234567]:
        assert cn_to_int(int_to_cn(n)) == n
    # 8x the Civil Code in the scaling bench numbers its articles past 10,000.
    assert parse_cn_article("第一万零八十条") == ArticleNumber(10080)
    assert cn_article_label(ArticleNumber(10080, 1)) == "第一万零八十条之一"


@pytest.mark.parametrize("label,number", [
    ("第一条", ArticleNumber(1)),
    ("第一百二十条之一", ArticleNumber(120, 1)),
    ("第二百八十七条之二", ArticleNumber(287, 2)),
    ("第一千二百六十条", ArticleNumber(1260)),
])
def test_article_labels(label, number):
    assert parse_cn_article(label) == number
    assert cn_article_label(number) == label


def test_inserted_articles_sort_between_neighbours():
    assert sorted([ArticleNumber(121), ArticleNumber(120, 1), ArticleNumber(120)]) == [
        ArticleNumber(120), ArticleNumber(120, 1), ArticleNumber(121)]


def test_json_forms():
    assert ArticleNumber(18).to_json() == 18
    assert ArticleNumber(120, 1).to_json() == "120-1"
    assert ArticleNumber.from_json("120-1") == ArticleNumber(120, 1)
    with pytest.raises(ValueError):
        ArticleNumber.from_json("twelve")


def test_rejects_non_numerals():
    with pytest.raises(ValueError):
        cn_to_int("十x")
    with pytest.raises(ValueError):
        parse_cn_article("第十八款")


def test_roman():
    assert [roman_to_int(r) for r in ("I", "IV", "IX", "XIV", "XL")] == [1, 4, 9, 14, 40]
