"""``redline verify-decision``: does an amendment decision agree with the texts?

Each item of the decision (:mod:`redline.decision`) is checked against the old
and new texts and their alignment:

- quoted new wording is the new article's wording (rewrite, inserted article,
  paragraph or item);
- quoted old words stand in the old article, and the new words in the new one
  (其中的“A”修改为“B”);
- 将第X条改为第Y条 agrees with the alignment (old X became new Y);
- deleted paragraphs and items are gone, and nothing else went with them;
- merged articles are merged, inserted articles have no predecessor, deleted
  articles no successor.

Then the closing clause: every article the decision does not name must only have
moved number (its references following the renumbering), as
“……作相应修改并对条文顺序作相应调整” allows and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .compare import Comparison
from .decision import HEADING_ACTIONS, Action, Decision
from .model import Article, Stage
from .normalise import line_key, norm_key
from .numbering import ArticleNumber, cn_article_label
from .render.changes import describe, merged_away
from .structure import division_label


@dataclass
class ItemResult:
    label: str  # "一", or "closing"
    problems: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def _lines(lines: list[str]) -> list[str]:
    return [norm_key(x) for x in lines]


def _para(art: Article, n: int) -> list[str] | None:
    paras = art.paragraphs
    if not 1 <= n <= len(paras):
        return None
    p = paras[n - 1]
    return [p.text] + [i.text for i in p.items]


def _item(art: Article, n: int) -> str | None:
    items = [i.text for p in art.paragraphs for i in p.items if i.level == 1]
    return items[n - 1] if 1 <= n <= len(items) else None


def _label(n: ArticleNumber | None) -> str:
    return cn_article_label(n) if n else "?"


class _Checker:
    def __init__(self, old: Stage, new: Stage, c: Comparison):
        self.old = old.by_number()
        self.new = new.by_number()
        self.old_divisions = {d.id: d for d in old.divisions}
        self.new_divisions = {d.id: d for d in new.divisions}
        self.c = c
        self.mapping: dict[ArticleNumber, set[ArticleNumber]] = {}
        self.entry_of_new = {}
        self.actions: list[Action] = []  # the item being checked
        for e in c.entries:
            for o in e.old:
                self.mapping.setdefault(o, set()).update(e.new)
            for n in e.new:
                self.entry_of_new[n] = e

    def article(self, side: str, n: ArticleNumber | None, problems: list[str]) -> Article | None:
        arts = self.old if side == "old" else self.new
        art = arts.get(n) if n else None
        if art is None:
            problems.append(f"the {side} text has no {_label(n)}")
        return art

    def action(self, a: Action, problems: list[str]) -> None:
        kind = a.kind
        old_ref = a.old[0] if a.old else None
        if kind == "renumber":
            if self.article("old", old_ref.article, problems) and self.article("new", a.new, problems):
                went = self.mapping.get(old_ref.article, set())
                if a.new not in went:
                    problems.append(f"{_label(old_ref.article)} became "
                                    f"{'、'.join(map(_label, sorted(went))) or 'nothing'}, "
                                    f"not {_label(a.new)}")
        elif kind == "insert_article":
            art = self.article("new", a.new, problems)
            if art is None:
                return
            if _lines(art.lines) != _lines(a.text):
                problems.append(f"the new {_label(a.new)} does not read as quoted")
            e = self.entry_of_new.get(a.new)
            if e is not None and e.kind != "inserted":
                problems.append(f"{_label(a.new)} is not new: it comes from "
                                f"{'、'.join(e.old_labels)} ({e.kind})")
        elif kind == "delete_article":
            if self.article("old", old_ref.article, problems) is None:
                return
            went = self.mapping.get(old_ref.article, set())
            if went:
                problems.append(f"{_label(old_ref.article)} was not deleted: its text is in "
                                f"{'、'.join(map(_label, sorted(went)))}")
        elif kind == "merge":
            target = self.article("new", a.new, problems)
            if target is None:
                return
            e = self.entry_of_new.get(a.new)
            sources = {r.article for r in a.old}
            if e is None or not sources <= set(e.old) or not set(a.parts) <= set(e.new):
                problems.append(f"{_label(a.new)} is not found to merge "
                                f"{'、'.join(map(_label, sorted(sources)))}"
                                + (f" (it comes from {'、'.join(e.old_labels)})" if e else ""))
        elif kind == "split":
            if self.article("old", old_ref.article, problems) is None:
                return
            went = self.mapping.get(old_ref.article, set())
            if not set(a.parts) <= went:
                problems.append(f"{_label(old_ref.article)} became "
                                f"{'、'.join(map(_label, sorted(went))) or 'nothing'}, not "
                                f"{'、'.join(map(_label, a.parts))}")
        elif kind in ("rewrite", "rewrite_paragraph", "insert_paragraph", "insert_item"):
            art = self.article("new", a.new, problems)
            if art is None:
                return
            if kind == "rewrite":
                several = next((x for x in self.actions if x.parts), None)
                got, what = art.lines, "article"
                if several is not None:  # the quote is the several new articles, in order
                    got = [ln for n in several.parts for ln in (self.new.get(n).lines
                                                               if self.new.get(n) else [])]
                    what = "articles"
            elif kind == "insert_item":
                item = _item(art, a.number or 0)
                got, what = ([item] if item else None), f"item {a.number}"
            else:
                got, what = _para(art, a.number or 0), f"paragraph {a.number}"
            if got is None:
                problems.append(f"the new {_label(a.new)} has no {what}")
            elif _lines(got) != _lines(a.text):
                problems.append(f"the new {_label(a.new)} {what} does not read as quoted")
        elif kind in ("delete_paragraph", "delete_item"):
            old_art = self.article("old", old_ref.article if old_ref else None, problems)
            new_art = self.article("new", a.new, problems)
            if old_art is None or new_art is None:
                return
            if kind == "delete_paragraph":
                gone = _para(old_art, a.number or 0)
                rest = [ln for k, p in enumerate(old_art.paragraphs, 1) if k != a.number
                        for ln in [p.text] + [i.text for i in p.items]]
            else:
                item = _item(old_art, a.number or 0)
                gone = [item] if item else None
                rest = [ln for ln in old_art.lines if ln != item]
            if gone is None:
                problems.append(f"the old {_label(old_art.number)} has no "
                                f"{'paragraph' if kind == 'delete_paragraph' else 'item'} {a.number}")
                return
            if {line_key(x) for x in gone} & {line_key(y) for y in new_art.lines}:
                problems.append(f"the deleted text is still in the new {_label(a.new)}")
            if kind == "delete_paragraph" and [line_key(x) for x in rest] != \
                    [line_key(x) for x in new_art.lines]:
                problems.append(f"the new {_label(a.new)} is not the old one less paragraph "
                                f"{a.number}")
        elif kind == "replace_words":
            old_art = self.article("old", old_ref.article if old_ref else None, problems)
            new_art = self.article("new", a.new, problems)
            if old_art is None or new_art is None:
                return
            if norm_key(a.before) not in norm_key(old_art.text):
                problems.append(f"“{a.before}” is not in the old {old_art.label}")
            if norm_key(a.after) not in norm_key(new_art.text):
                problems.append(f"“{a.after}” is not in the new {new_art.label}")
            elif norm_key(a.before) in norm_key(new_art.text) and a.before not in a.after:
                problems.append(f"“{a.before}” is still in the new {new_art.label}")
        elif kind in HEADING_ACTIONS:
            self.heading(a, problems)

    def heading(self, a: Action, problems: list[str]) -> None:
        """A heading inserted, renamed or deleted: the stages' divisions agree,
        and the comparison pairs the headings so."""
        if a.division is None:
            problems.append("the item does not say which heading")
            return
        label = division_label(a.division)
        pair = next((d for d in self.c.divisions
                     if d["new" if a.kind != "delete_division" else "old"] == a.division), None)
        if a.kind == "delete_division":
            if a.division not in self.old_divisions:
                problems.append(f"the old text has no {label}")
            elif pair is not None and pair["kind"] != "deleted":
                problems.append(f"the old {label} was not deleted: it is {pair['new_heading']}")
            return
        div = self.new_divisions.get(a.division)
        if div is None:
            problems.append(f"the new text has no {label}")
            return
        quoted = norm_key("".join(a.text[:1]))
        if a.text and quoted not in (norm_key(div.title), norm_key(div.heading)):
            problems.append(f"the new {label} is not named as quoted: it is {div.heading}")
        for number, lines in a.articles.items():  # a new chapter quoted with its articles
            art = self.article("new", number, problems)
            if art is not None and _lines(art.lines) != _lines(lines):
                problems.append(f"the new {_label(number)} does not read as quoted")
            elif art is not None and not f"{art.division}__".startswith(f"{a.division}__"):
                problems.append(f"the new {_label(number)} is not under {label}")
        wanted = "inserted" if a.kind == "insert_division" else "renamed"
        if pair is not None and pair["kind"] != wanted:
            had = f": the old text had {pair['old_heading']}" if pair["old_heading"] else ""
            problems.append(f"the new {label} is not {'new' if wanted == 'inserted' else 'renamed'}{had}")


def verify_decision(decision: Decision, old: Stage, new: Stage, c: Comparison) -> list[ItemResult]:
    checker = _Checker(old, new, c)
    results = []
    named_old: set[ArticleNumber] = set()
    named_new: set[ArticleNumber] = set()
    named_headings: set[str] = set()  # division ids
    for item in decision.items:
        r = ItemResult(item.label, summary=item.text.split("\n")[0][:60])
        if not item.actions:
            r.problems.append("no change understood in this item")
        checker.actions = item.actions
        for a in item.actions:
            checker.action(a, r.problems)
            named_new.update(a.parts)
            named_old.update(ref.article for ref in a.old)
            if a.new:
                named_new.add(a.new)
            if a.division:
                named_headings.add(a.division)
        results.append(r)
    results += _closing(decision, c, named_old, named_new, named_headings)
    return results


def _closing(decision: Decision, c: Comparison, named_old, named_new,
             named_headings) -> list[ItemResult]:
    """Articles no item names may only have moved number, as the closing clause allows;
    headings no item names may not have changed at all."""
    r = ItemResult("closing", summary="articles the decision does not name only moved number")
    for d in c.divisions:
        div = d["new"] if d["kind"] != "deleted" else d["old"]
        if d["kind"] != "unchanged" and div not in named_headings:
            r.problems.append(f"heading {d['old_heading'] or '—'} → {d['new_heading'] or '—'} "
                              f"changed ({d['kind']}) but no item says so")
    gone = merged_away(c)  # the same rules as --format changes decide what a merge covers
    for e in c.entries:
        if set(e.old) & named_old or set(e.new) & named_new:
            continue
        if describe(e, gone) is not None:
            r.problems.append(f"{'、'.join(e.old_labels) or '—'} → {'、'.join(e.new_labels) or '—'} "
                              f"changed ({e.kind}) but no item says so")
        elif e.old and e.new and e.old != e.new and not decision.closing_renumbers:
            r.problems.append(f"{e.old_labels[0]} became {e.new_labels[0]} but the decision has "
                              "no clause renumbering the articles")
    return [r]
