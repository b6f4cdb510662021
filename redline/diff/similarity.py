"""How alike two articles are: a cascade from cheap bounds to the exact score.

As difflib does (``real_quick_ratio`` -> ``quick_ratio`` -> ``ratio``), the
cheap measures run first and prune, so a law of 1,260 articles is never scored
all-pairs:

1. ``length_bound``: Dice can be at most 2·min/(a+b) of the shingle counts.
2. an inverted index over character bigrams finds, for each article, the
   articles it shares rare bigrams with (``Index.candidates``);
3. ``dice`` on the full bigram sets scores the few candidates left.

Texts are compared with references masked (:func:`~redline.normalise.mask_refs`),
so an article whose only change is 本法第二十一条 -> 本法第二十三条 is still identical.

>>> round(dice(shingles("网络运营者应当"), shingles("网络运营者不得")), 3)
0.667
>>> containment(shingles("网络运营者"), shingles("网络运营者应当履行义务"))
1.0
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import chain
from operator import itemgetter

#: An article's bigrams (see :func:`shingles`).
Shingles = frozenset[int]
#: A bigram in more than this share of all articles says nothing about which
#: article matches which (网络, 规定): the index leaves it out.
COMMON_SHARE = 0.15
#: ... nor one in more than this many articles, however long the texts: every
#: query pays for the length of each of its pairs' lists, so a limit that grew
#: with the law made the index's work grow as its square (8× the Civil Code took
#: 14-21× the 1× time; 7× with this). Of the corpus it binds only the Civil
#: Code (0.15 × 2,520 articles = 378), with every link the same
#: (tests/test_links_stable.py; 100, which binds the Criminal Law's 147 too, the same).
COMMON_MAX = 150
#: Candidates scored exactly per article, best by shared rare bigrams first.
CANDIDATES = 12


def word_shingles(text: str) -> frozenset:
    """English: the text's words, and each pair of neighbouring words. Letter
    pairs, which serve Chinese, say little in English: two unrelated sentences
    share th, he, in … and scored 0.3 alike.

    >>> sorted(word_shingles("Operators shall report."))
    ['operators', 'operators shall', 'report', 'shall', 'shall report']
    """
    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(words + [f"{a} {b}" for a, b in zip(words, words[1:])])


def shingles_for(language: str):
    """The shingling that suits a language: letter pairs for Chinese, words for English."""
    return word_shingles if language == "en" else shingles


def shingles(text: str) -> frozenset[int]:
    """Character bigrams of ``text``, line breaks aside, each as one integer
    (bigrams suit Chinese, where a word is one to three characters).

    A bigram is its two code points in one 64-bit number, read straight from
    the UTF-32 bytes in C (every other pair from each of two offsets): making a
    small int is cheaper than making a two-character string, and this runs for
    every character of both texts. Only equality of bigrams matters here.

    >>> sorted(shingles("网络安全")) == sorted(ord(a) | ord(b) << 32 for a, b in ["网络", "络安", "安全"])
    True
    >>> shingles("网") == {ord("网")}
    True
    """
    text = text.replace("\n", "")
    n = len(text)
    if n < 2:
        return frozenset(map(ord, text))
    raw = memoryview(text.encode("utf-32-le", "surrogatepass"))  # 4 bytes a character
    return frozenset(chain(raw[:8 * (n // 2)].cast("Q"), raw[4:4 + 8 * ((n - 1) // 2)].cast("Q")))


def dice(a: Shingles, b: Shingles) -> float:
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def containment(part: Shingles, whole: Shingles) -> float:
    """Share of ``part``'s shingles found in ``whole``: 1.0 when all of it is there."""
    return len(part & whole) / len(part) if part else 0.0


def length_bound(a: int, b: int) -> float:
    """Upper bound of Dice for sets of sizes ``a`` and ``b``."""
    return 2 * min(a, b) / (a + b) if a + b else 1.0


class Index:
    """Inverted index of rare shingles over one side's articles."""

    def __init__(self, postings: dict[int, list[int]]):
        self.postings = postings  # shingle -> indexes of the articles holding it

    @classmethod
    def pair(cls, old: list[Shingles], new: list[Shingles]) -> tuple[Index, Index]:
        """Indexes of both sides, without the shingles found in more than
        COMMON_SHARE of all articles (at least 3 of them, at most COMMON_MAX):
        网络, 规定 say nothing about which article matches which.

        >>> a, b = Index.pair([frozenset({1, 2})] + [frozenset({1})] * 3, [frozenset({1, 3})])
        >>> a.postings, b.postings  # 1 is in all five articles
        ({2: [0]}, {3: [0]})
        """
        sides = []
        for sets in (old, new):
            postings: dict[int, list[int]] = defaultdict(list)
            for i, s in enumerate(sets):
                for g in s:
                    postings[g].append(i)
            sides.append(postings)
        limit = max(3, min(COMMON_SHARE * (len(old) + len(new)), COMMON_MAX))
        a, b = sides
        for g in [g for g, ids in a.items() if len(ids) + len(b.get(g, ())) > limit]:
            del a[g]
            b.pop(g, None)
        for g in [g for g, ids in b.items() if len(ids) > limit]:  # common on this side alone
            del b[g]
        return cls(dict(a)), cls(dict(b))  # plain dicts: .get must not insert

    def candidates(self, query: Shingles, allowed: set[int] | None = None,
                   limit: int = CANDIDATES) -> list[int]:
        """Indexes sharing the most rare shingles with ``query``, best first;
        ties go to the lower index.

        >>> Index({5: [0, 1], 6: [0, 2]}).candidates(frozenset({5, 6}), allowed={1, 2})
        [1, 2]
        """
        # Counting, filtering and ranking all run in C: this is called for
        # every article left over after the first pass, and more in pass 3.
        counts = Counter(chain.from_iterable(filter(None, map(self.postings.get, query))))
        if allowed is None:
            items = sorted(counts.items())
        else:
            keys = sorted(counts.keys() & allowed)
            items = list(zip(keys, map(counts.__getitem__, keys)))
        # The most shared first, ties to the lower index (the sort is stable).
        # Two sorts in C cost less than picking the best with a key function
        # called in Python for every article that shares a pair with the query.
        items.sort(key=itemgetter(1), reverse=True)
        return [j for j, _ in items[:limit]]
