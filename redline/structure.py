"""How the headings (parts, chapters, sections) changed between two stages.

Headings are paired by their title first, wherever they stand, then by their
place (the same id, ``chp_2``) for the ones left; a pair whose titles differ
is ``renamed``. This serves whole stages and tables of contents alike: a stage
whose text is unavailable may still have its contents list in the manifest.

>>> from redline.parse.text import parse_headings
>>> old = parse_headings(["Chapter I: General Provisions", "Chapter II: Network Security Strategy"])
>>> new = parse_headings(["Chapter I: General Provisions", "Chapter II: Cybersecurity Strategy"])
>>> [(c["kind"], c["old"], c["new"]) for c in compare_divisions(old, new, "en")]
[('unchanged', 'chp_1', 'chp_1'), ('renamed', 'chp_2', 'chp_2')]
"""

from __future__ import annotations

from .model import Division
from .normalise import norm_key
from .textdiff import DELETE, EQUAL, INSERT, diff_texts


def compare_divisions(old: list[Division], new: list[Division], language: str = "zh") -> list[dict]:
    """One dict per heading: kind, old/new ids and headings, and a diff of the titles."""
    def key(d: Division) -> tuple[str, str]:
        return d.kind, norm_key(d.title, language)

    pair: dict[int, int] = {}  # new index -> old index
    free_old = list(range(len(old)))
    for j, d in enumerate(new):
        k = next((i for i in free_old if key(old[i]) == key(d)), None)
        if k is not None:
            pair[j] = k
            free_old.remove(k)
    by_id = {old[i].id: i for i in free_old}
    for j, d in enumerate(new):
        if j not in pair and d.id in by_id and by_id[d.id] in free_old:
            pair[j] = by_id[d.id]
            free_old.remove(by_id[d.id])
    out = []
    for j, d in enumerate(new):
        if j in pair:
            o = old[pair[j]]
            same = key(o) == key(d)
            ops = ([(EQUAL, d.title)] if same else diff_texts(o.title, d.title, language).ops)
            out.append({"kind": "unchanged" if same else "renamed", "old": o.id, "new": d.id,
                        "old_heading": o.heading, "new_heading": d.heading,
                        "diff": [[op, t] for op, t in ops]})
        else:
            out.append({"kind": "inserted", "old": None, "new": d.id, "old_heading": None,
                        "new_heading": d.heading, "diff": [[INSERT, d.title]]})
    for i in free_old:
        o = old[i]
        out.append({"kind": "deleted", "old": o.id, "new": None, "old_heading": o.heading,
                    "new_heading": None, "diff": [[DELETE, o.title]]})
    return out
