"""One longest run of a sequence that keeps its order: what the alignment, the
instrument executor and Word all ask when they tell moved things from things
that stayed in place."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def longest_increasing(keys: Sequence, strict: bool = True) -> set[int]:
    """Indexes of one longest subsequence of ``keys`` that increases (``strict``)
    or never decreases. Of several as long, patience sorting's: each key lands on
    the leftmost pile it may, and the run is read back from the last pile.

    >>> sorted(longest_increasing([1, 5, 2, 3, 0, 4]))
    [0, 2, 3, 5]
    >>> sorted(longest_increasing([0, 2, 1, 1, 3], strict=False))
    [0, 2, 3, 4]
    """
    find = bisect.bisect_left if strict else bisect.bisect_right
    tails: list[int] = []  # tails[L]: the index ending the best run of length L + 1
    tail_keys: list = []  # their keys, kept beside them for the search
    before: list[int | None] = []
    for i, key in enumerate(keys):
        at = find(tail_keys, key)
        before.append(tails[at - 1] if at else None)
        if at == len(tails):
            tails.append(i)
            tail_keys.append(key)
        else:
            tails[at] = i
            tail_keys[at] = key
    out: set[int] = set()
    end: int | None = tails[-1] if tails else None
    while end is not None:
        out.add(end)
        end = before[end]
    return out
