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
        postings: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(sets):
            for g in s - common:
                postings[g].append(i)
        self.postings = dict(postings)  # .get must not insert

    def candidates(self, query: frozenset[str], allowed: set[int] | None = None,
                   limit: int = CANDIDATES) -> list[int]:
        """Indexes sharing the most rare shingles with ``query``, best first;
        ties go to the lower index.

        >>> Index([frozenset({"ab", "cd"}), frozenset({"ab"}), frozenset({"cd"})],
        ...       set()).candidates(frozenset({"ab", "cd"}), allowed={1, 2})
        [1, 2]
        """
        # Counting, filtering and ranking all run in C: this is called for
        # every article left over after the first pass, and more in pass 3.
        counts = Counter(chain.from_iterable(filter(None, map(self.postings.get, query))))
        keys = counts.keys() if allowed is None else counts.keys() & allowed
        # Sorted by index first, so the stable sort by count breaks ties alike
        # in every process (set order follows the per-process string hashing).
        return sorted(sorted(keys), key=counts.__getitem__, reverse=True)[:limit]


def common_shingles(sets: list[frozenset[str]]) -> set[str]:
    """Shingles found in more than COMMON_SHARE of ``sets`` (at least 3 of them)."""
    df = Counter(chain.from_iterable(sets))
    limit = max(3, COMMON_SHARE * len(sets))
    return {g for g, c in df.items() if c > limit}
