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

import heapq
import operator
from collections import Counter, defaultdict
from itertools import chain

#: Size of the character n-grams (2 suits Chinese, where a word is 1-3 characters).
SHINGLE = 2
#: A bigram in more than this share of all articles says nothing about which
#: article matches which (网络, 规定): the index leaves it out.
COMMON_SHARE = 0.15
#: Candidates scored exactly per article, best by shared rare bigrams first.
CANDIDATES = 12


def shingles(text: str) -> frozenset[str]:
    """Character bigrams of ``text``, line breaks aside.

    >>> sorted(shingles("网络安全"))
    ['安全', '络安', '网络']
    """
    text = text.replace("\n", "")
    if len(text) < SHINGLE:
        return frozenset([text]) if text else frozenset()
    return frozenset(map(operator.add, text, text[1:]))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s shingles found in ``whole``: 1.0 when all of it is there."""
    return len(part & whole) / len(part) if part else 0.0


def length_bound(a: int, b: int) -> float:
    """Upper bound of Dice for sets of sizes ``a`` and ``b``."""
    return 2 * min(a, b) / (a + b) if a + b else 1.0


class Index:
    """Inverted index of rare shingles over one side's articles."""

    def __init__(self, sets: list[frozenset[str]], common: set[str]):
        self.common = common
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(sets):
            for g in s - common:
                self.postings[g].append(i)

    def candidates(self, query: frozenset[str], allowed: set[int] | None = None,
                   limit: int = CANDIDATES) -> list[int]:
        """Indexes sharing the most rare shingles with ``query``, best first."""
        postings = self.postings
        counts: Counter[int] = Counter(chain.from_iterable(
            postings[g] for g in query - self.common if g in postings))
        if allowed is not None:
            for i in [i for i in counts if i not in allowed]:
                del counts[i]
        # Ties go to the lower index: counting follows set order, which changes
        # with each process's string hashing, and the result must not.
        return [i for i, _ in heapq.nsmallest(limit, counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def common_shingles(sets: list[frozenset[str]]) -> set[str]:
    """Shingles found in more than COMMON_SHARE of ``sets`` (at least 3 of them)."""
    df = Counter(chain.from_iterable(sets))
    limit = max(3, COMMON_SHARE * len(sets))
    return {g for g, c in df.items() if c > limit}
