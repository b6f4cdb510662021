"""What does not count as a change, and references masked for matching.

Contents
    norm_key      one token or line -> comparison key (width of punctuation, spaces)
    norm_text     an article's text -> key used for "same text" decisions
    REFERENCE_RE  references to articles (第二十一条, 第二十四条第三款, Article 21)
    mask_refs     references -> placeholders, so renumbered references still match

The corpus mixes ``:`` and ``：``; NFKC folds full-width forms to their
half-width twins, so both sides compare alike. Whitespace inside Chinese text
is layout, never wording.

>>> norm_key("处罚： ") == norm_key("处罚:"), norm_key("修改为“甲”") == norm_key('修改为"甲"')
(True, True)
>>> mask_refs("违反本法第二十二条第三款、第四十一条至第四十三条规定")
'违反本法第#条第#款、第#条至第#条规定'
>>> mask_refs("see Article 21 and Articles 3")
'see Article # and Articles #'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .numbering import ARTICLE_LABEL, CN_NUM_RE, NUMBER_RE


#: An article reference, with optional paragraph and item: 第二十四条第一款第二项.
CN_REF = rf"{ARTICLE_LABEL}(?:第{NUMBER_RE}款)?(?:第{NUMBER_RE}项)?"
EN_REF = r"\bArticles?\s+\d+(?:-\d+)?(?:\(\d+\))*"
REFERENCE_RE = re.compile(f"{CN_REF}|{EN_REF}")
_MASK_CN = re.compile(rf"(第)(?:{CN_NUM_RE}|\d+)(条|款|项)(?:之(?:{CN_NUM_RE}|\d+))?")
_MASK_EN = re.compile(r"\b(Articles?\s+)\d+(?:-\d+)?")


#: The full-width forms Chinese statutes are written with, and their NFKC forms.
_FULL_WIDTH = [(c, unicodedata.normalize("NFKC", c)) for c in "，；：（）！？　"]
#: Quotation marks by style: publishers of the same law differ in exactly this
#: (“…” against "…"), so the style is not a change. NFKC leaves these alone.
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
_QUOTE_CHARS = frozenset(map(chr, _QUOTES))


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, about 9× faster on Chinese statutes.

    NFKC walks every character; a statute's lines need only their full-width
    punctuation folded, which ``str.replace`` does at C speed, and C's quick
    check confirms the rest is already normal.

    >>> nfkc("处罚：（一）罚款，") == "处罚:(一)罚款,"
    True
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    for wide, narrow in _FULL_WIDTH:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=1 << 16)
def norm_key(text: str, language: str = "zh") -> str:
    """Comparison key of a token or line: NFKC, and spaces that do not count.

    Chinese drops all spaces; English folds each run of spaces to one.
    Cached: diffs ask for the same tokens' keys many thousand times.
    """
    if not _QUOTE_CHARS.isdisjoint(text):
        text = text.translate(_QUOTES)
    # str.split() splits on exactly what \s matches, in C without a regex.
    words = nfkc(text).split()
    return "".join(words) if language == "zh" else " ".join(words)


def norm_text(lines: list[str], language: str = "zh") -> str:
    """Key of a whole article: its lines' keys joined by newlines."""
    return "\n".join(norm_key(line, language) for line in lines)


def mask_refs(text: str) -> str:
    """Replace article/paragraph/item numbers in references with ``#``."""
    if "第" in text:  # a scan in C spares most texts both substitutions
        text = _MASK_CN.sub(r"\1#\2", text)
    return _MASK_EN.sub(r"\1#", text) if "rticle" in text else text


_LABEL = re.compile(r"^\s*(?:[（(](?:[一二三四五六七八九十百]+|\d+|[a-z])[)）]|\d+[.．、])")


def line_key(line: str, language: str = "zh") -> str:
    """A line as a decision compares lines: item label, references and width aside.

    >>> line_key("（三）违反本法第二十条规定的") == line_key("(二)违反本法第二十二条规定的")
    True
    """
    return mask_refs(norm_key(_LABEL.sub("", line, count=1), language))
