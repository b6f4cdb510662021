"""``redline verify-decision``: does an amendment instrument agree with the texts?

Verification is execution: the instruments are applied, in order, to the old
text (:mod:`redline.amend.execute`), and the result is compared with the new text.

- An item is ``ok`` when it could be executed and every article and heading it
  changed reads in the result exactly as in the new text; ``FAILED`` when it
  could not be executed, or when what it made differs (the first differing
  characters are shown); ``skipped`` when it does not apply to these texts
  (the reason is given).
- The closing check: every article no item changed must read the same in the
  result and in the new text. This is what the closing clause
  (……作相应修改并对条文顺序作相应调整) allows: a new number, and references
  that follow the renumbering, and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .execute import Applied, ItemResult, apply_all
from .instrument import Decision
from ..model import Article, Stage
from ..normalise import norm_key
from ..numbering import ArticleNumber, cn_article_label

#: Characters of context shown either side of the first difference.
CONTEXT = 12


@dataclass
class Verification:
    items: list[ItemResult]  # every item of every instrument, in order
    closing: list[str] = field(default_factory=list)  # changes no item makes
    applied: list[Applied] = field(default_factory=list)
    #: labels are prefixed with the instrument's number when there are several
    instruments: int = 1

    @property
    def failed(self) -> int:
        return sum(r.status == "FAILED" for r in self.items) + bool(self.closing)

    @property
    def ok(self) -> bool:
        return self.failed == 0


def first_difference(got: str, want: str) -> str:
    """Where two texts part, with a little context.

    >>> first_difference("处一万元以上十万元以下罚款", "处一万元以上五万元以下罚款")
    'reads “处一万元以上十万元以下罚款” where the new text reads “处一万元以上五万元以下罚款”'
    >>> first_difference("对直接负责的主管人员和其他直接责任人员处一万元以上十万元以下罚款",
    ...                  "对直接负责的主管人员和其他直接责任人员处一万元以上五万元以下罚款")
    'reads “…直接责任人员处一万元以上十万元以下罚款” where the new text reads “…直接责任人员处一万元以上五万元以下罚款”'
    """
    k = 0
    while k < min(len(got), len(want)) and got[k] == want[k]:
        k += 1
    start = max(0, k - CONTEXT)
    pre = "…" if start else ""

    def cut(s: str) -> str:
        piece = s[start:k + CONTEXT]
        return pre + piece + ("…" if k + CONTEXT < len(s) else "") if piece else "(nothing)"

    return f"reads “{cut(got)}” where the new text reads “{cut(want)}”"


def _article_difference(got: Article, want: Article) -> str | None:
    g = [norm_key(x) for x in got.lines]
    w = [norm_key(x) for x in want.lines]
    if g == w:
        return None
    for k, (a, b) in enumerate(zip(g, w)):
        if a != b:
            return f"{want.label} {got.locate(k)} " + first_difference(got.lines[k], want.lines[k])
    if len(g) > len(w):
        return f"{want.label} has {len(g) - len(w)} more line(s) than the new text: “{got.lines[len(w)][:30]}”"
    return f"{want.label} lacks the new text's {want.locate(len(g))}: “{want.lines[len(g)][:30]}”"


def verify(decisions: list[Decision], old: Stage, new: Stage) -> Verification:
    applied = apply_all(decisions, old)
    result = applied[-1].stage
    got = result.by_number()
    want = new.by_number()
    items: list[ItemResult] = []
    touched: set[ArticleNumber] = set()
    touched_divs: set[str] = set()
    for k, a in enumerate(applied):
        # What an earlier instrument made may be renumbered by a later one.
        later = applied[k + 1:]
        for r in a.items:
            r.articles = [m for n in r.articles if (m := _through(n, later)) is not None]
            if len(decisions) > 1:
                r.label = f"{k + 1}:{r.label}"
            touched.update(r.articles)
            touched_divs.update(r.divisions)
            if r.status == "ok":
                r.reasons = _check_item(r, got, want, result, new)
                if r.reasons:
                    r.status = "FAILED"
            items.append(r)
    closing = [n for a in applied for n in a.problems]
    for n in sorted(set(got) | set(want)):
        if n in touched:
            continue
        if n not in want:
            closing.append(f"the result has {cn_article_label(n)}, the new text has not")
        elif n not in got:
            closing.append(f"the new text has {cn_article_label(n)}, the result has not")
        elif (diff := _article_difference(got[n], want[n])):
            closing.append(diff + ", and no item changes it")
    got_divs = {d.id: d for d in result.divisions}
    for d in new.divisions:
        g = got_divs.pop(d.id, None)
        if d.id in touched_divs:
            continue
        if g is None:
            closing.append(f"the new text has the heading {d.heading}, the result has not")
        elif norm_key(g.title) != norm_key(d.title):
            closing.append(f"the heading {g.heading} is {d.heading} in the new text, "
                           "and no item changes it")
    for d in got_divs.values():
        if d.id not in touched_divs:
            closing.append(f"the result has the heading {d.heading}, the new text has not")
    return Verification(items, closing, applied, len(decisions))


def _through(n: ArticleNumber, later: list[Applied]) -> ArticleNumber | None:
    for a in later:
        nxt = a.mapping.get(n)
        if nxt is None:
            return None
        n = nxt
    return n


def _check_item(r: ItemResult, got: dict, want: dict, result: Stage, new: Stage) -> list[str]:
    problems = []
    for n in r.articles:
        if n not in want:
            problems.append(f"the new text has no {cn_article_label(n)}")
        elif n in got and (diff := _article_difference(got[n], want[n])):
            problems.append(diff)
    got_divs = {d.id: d for d in result.divisions}
    new_divs = {d.id: d for d in new.divisions}
    for div in r.divisions:
        g, w = got_divs.get(div), new_divs.get(div)
        if w is None:
            problems.append(f"the new text has no heading {_div_label(div)}")
        elif g is not None and norm_key(g.title) != norm_key(w.title):
            problems.append(f"the heading is “{g.heading}” where the new text has “{w.heading}”")
        elif g is not None and div in r.holding:
            arts_g = [a.number for a in result.articles if a.division == div]
            arts_w = [a.number for a in new.articles if a.division == div]
            if arts_g != arts_w:
                problems.append(f"{w.heading} holds "
                                f"{'、'.join(map(cn_article_label, arts_g)) or 'no article'} where "
                                f"the new text's holds {'、'.join(map(cn_article_label, arts_w)) or 'none'}")
    return problems


def _div_label(div: str) -> str:
    from ..diff.structure import division_label

    return division_label(div)
