"""Which items of an amendment instrument make each change: ``compare --decision``.

The instruments are applied to the old text (:mod:`redline.amend.execute`); each item
then knows the articles it changed, by their old and their new numbers, and
the headings it made or renamed. An entry of the comparison is tied to every
item that changed one of its articles; a heading change to the items that
changed that heading.

What is left over is listed apart: substantive changes no item makes, and
items that made none of the changes found.

>>> from redline.read import parse_text
>>> from redline.amend.decision import parse_decision
>>> from redline.diff.comparison import compare
>>> old, _ = parse_text("第一条 甲。\\n第二条 示例活动应当遵守本法。\\n")
>>> new, _ = parse_text("第一条 甲。\\n第二条 示例活动应当遵守法律。\\n")
>>> c = compare(old, new)
>>> tie(c, [parse_decision('一、将第二条修改为："示例活动应当遵守法律。"')], old)
>>> [(e.new_labels, e.items) for e in c.entries], c.decision.unexplained, c.decision.unused
([(['第一条'], []), (['第二条'], ['一'])], [], [])
"""

from __future__ import annotations

from .execute import apply_all
from ..diff.comparison import Comparison
from ..diff.parts import DecisionTies, ItemOutcome
from .instrument import Decision
from ..model import Stage
from ..diff.comparison import entry_title, is_substantive


def tie(c: Comparison, decisions: list[Decision], old: Stage) -> None:
    """Fill ``Entry.items``, the divisions' ``items`` and ``Comparison.decision``."""
    applied = apply_all(decisions, old)
    several = len(decisions) > 1
    results = [(f"{k + 1}:{r.label}" if several else r.label, r, k)
               for k, a in enumerate(applied) for r in a.items]
    used: set[str] = set()
    for e in c.entries:
        for label, r, k in results:
            # Numbers of the first instrument's old text and the last one's new text.
            old_hit = k == 0 and set(e.old) & set(r.old_articles)
            new_hit = k == len(applied) - 1 and set(e.new) & set(r.articles)
            if old_hit or new_hit:
                e.items.append(label)
                used.add(label)
    for d in c.divisions:
        d.items = [label for label, r, _ in results if d.changed and d.new in r.divisions]
        used.update(d.items)
    unexplained = [entry_title(e) for e in c.entries if is_substantive(e) and not e.items]
    unexplained += [f"{d.old_heading or '—'} → {d.new_heading or '—'}" for d in c.divisions
                    if d.changed and not d.items]
    c.decision = DecisionTies(
        [d.title for d in decisions],
        [ItemOutcome(label, r.status, list(r.reasons)) for label, r, _ in results],
        unexplained,
        [label for label, r, _ in results if r.status == "ok" and label not in used])
