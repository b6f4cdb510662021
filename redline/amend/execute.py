"""Executing an amendment instrument on a text: ``redline apply``.

:func:`apply_decision` takes a parsed instrument (:mod:`redline.amend.decision`) and
the text it amends, and returns the amended text with an account of every
item: ``ok``, ``FAILED`` with the reason, or ``skipped`` with the reason
(a commencement clause, a preamble the text does not have).

Contents
    apply_decision, apply_all   one instrument, or several in order
    ItemResult, Applied         the account of each item, and the result
    _Amending                   the text being amended, a method per kind of action
    (amend_text: its lines and articles; amend_numbers: article numbers and the
    references that follow them; amend_headings: headings and what they hold)

How the amended text is numbered:

- A decision (修改决定) renumbers: the articles an item numbers (作为第三条,
  改为第十九条) take those numbers; every other article keeps its order and
  takes the next number left free. So with 增加一条，作为第三条, old 第三条
  becomes 第四条 without a word, as the closing clause says.
- An amendment (修正案) keeps the numbers; new articles come as 第X条之一 and
  a deleted one stays as ``第X条　（删去）``, as the consolidated texts print it.
- References that follow a renumbered article (本法第二十一条 -> 本法第二十二条,
  作相应修改) are updated in the words the instrument did not write itself:
  quoted wording is already in the new numbering.

>>> from redline.read import parse_text
>>> from redline.amend.decision import parse_decision
>>> old, _ = parse_text("# 示例法\\n<!-- INFO END -->\\n第一条 甲。\\n第二条 依照本法第一条。\\n")
>>> d = parse_decision('一、增加一条，作为第一条："新。"\\n根据本决定作相应修改并对条文顺序作相应调整。')
>>> r = apply_decision(d, old)
>>> [(a.label, a.lines) for a in r.stage.articles]
[('第一条', ['新。']), ('第二条', ['甲。']), ('第三条', ['依照本法第二条。'])]
>>> [(i.label, i.status) for i in r.items]
[('一', 'ok')]
"""

from __future__ import annotations

import copy
from typing import Callable
import re
from dataclasses import dataclass, field

from .headings import number_divisions, settle_divisions
from .numbers import number_articles, update_references
from .preamble import amend_preamble
from .text import (DELETED_ARTICLE, DIVISION_WORD, Div, Failed, Line, Skipped, Work, drop_paragraph,
                         find_all, fix_item_end, fold, nearest, paragraphs_of, punctuate_items, relabel,
                         short, squeeze, strip_label, under, where_label)
from .instrument import Action, ActionKind, Decision, Item, Ref
from .rules import SOURCE_DEFECT, quoted_articles
from ..model import ITEM_RE, Article, Stage, line_position
from ..numbering import DIVISION_START_RE, ArticleNumber, cn_article_label, int_to_cn
from ..diff.structure import division_label


@dataclass
class ItemResult:
    label: str
    status: str  # "ok", "FAILED", "skipped"
    reasons: list[str] = field(default_factory=list)
    summary: str = ""
    #: what the item changed: articles by their new numbers, and headings by new id
    articles: list[ArticleNumber] = field(default_factory=list)
    old_articles: list[ArticleNumber] = field(default_factory=list)
    divisions: list[str] = field(default_factory=list)
    #: of those, the headings whose articles the item names (包括第X条至第Y条)
    holding: list[str] = field(default_factory=list)


@dataclass
class Applied:
    stage: Stage
    items: list[ItemResult]
    #: what went wrong beyond single items: two articles given one number
    problems: list[str] = field(default_factory=list)
    #: what a reader should check: references left to deleted or rewritten articles
    notes: list[str] = field(default_factory=list)
    #: each old article's number in the amended text (None: deleted or merged away)
    mapping: dict[ArticleNumber, ArticleNumber | None] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(i.status != "FAILED" for i in self.items) and not self.problems


class _Amending:
    """The text being amended, and the handlers for each kind of action."""

    def __init__(self, stage: Stage, decision: Decision):
        self.stage = stage
        self.decision = decision
        #: Old articles some item of the instrument moves away (第八条相应改为第十条,
        #: 删去, 合并, 分为): their numbers are free for new ones, whatever the order.
        self.moving = {r.article for it in decision.items for x in it.actions
                       if x.kind in ("renumber", "delete_article", "merge", "split") for r in x.old}
        self.divs: list[Div] = []
        by_id: dict[str, Div] = {}
        for d in stage.divisions:
            parent_id = d.id.rsplit("__", 1)[0] if "__" in d.id else None
            div = Div(d.kind, d.title, d.heading, by_id.get(parent_id) if parent_id else None, d.id,
                      list(d.lines), d.number)
            by_id[d.id] = div
            self.divs.append(div)
        self.div_by_old = by_id
        #: Lines outside any article, a preamble among them (序言 and its paragraphs).
        self.outside: list[str] = list(stage.stray_lines)
        self.works: list[Work] = []
        self.by_old: dict[ArticleNumber, Work] = {}
        for a in stage.articles:
            w = Work(a.number, [Line.old(t, *line_position(a.lines, k)) for k, t in enumerate(a.lines)],
                     by_id.get(a.division) if a.division else None,
                     para_map={k: k for k in range(1, len(a.paragraphs) + 1)})
            w.original = copy.deepcopy(w.lines)
            self.works.append(w)
            self.by_old[a.number] = w
        self.created: dict[ArticleNumber, Work] = {}  # by the item being executed
        #: headings the instrument adds: (heading, its action, the label of its item)
        self.new_divs: list[tuple[Div, Action, str]] = []
        #: (item label, heading it made or renamed, whether the item names its articles)
        self.touched_divs: list[tuple[str, Div, bool]] = []
        self.clashes: dict[str, list[str]] = {}  # item label -> numbers it gives twice
        self.deleted_divs: list[Div] = []  # headings an item removed  # (item label, heading it made or renamed)

    # ----------------------------------------------------------------- undo

    def save(self, item: Item):
        """What an item may change, to put back if it fails: the articles it names
        in full, every article's number, state and heading, and the headings."""
        named = {r.article for a in item.actions for r in a.old}
        deep = {id(w): (copy.deepcopy(w.lines), dict(w.para_map), list(w.items))
                for w in self.works if w.old in named}
        return (deep, [(w, w.final, w.gone, w.div, list(w.items)) for w in self.works],
                len(self.works), list(self.divs),
                [(d, d.title, d.heading, d.parent, list(d.lines)) for d in self.divs],
                len(self.new_divs), len(self.touched_divs), len(self.deleted_divs), list(self.outside))

    def restore(self, saved) -> None:
        deep, state, n_works, divs, div_state, n_new, n_touched, n_deleted, outside = saved
        self.outside = outside
        for w, final, gone, div, items in state:
            w.final, w.gone, w.div, w.items = final, gone, div, items
            if id(w) in deep:
                w.lines, w.para_map, w.items = deep[id(w)]
        del self.works[n_works:]
        self.divs = divs
        for d, title, heading, parent, lines in div_state:
            d.title, d.heading, d.parent, d.lines = title, heading, parent, lines
        del self.new_divs[n_new:], self.touched_divs[n_touched:], self.deleted_divs[n_deleted:]

    # ----------------------------------------------------------------- lookup

    def old(self, ref: Ref | ArticleNumber, part: bool = False) -> Work:
        """An old article by its number; ``part``: only a paragraph or item of it is
        wanted, which an earlier item may have left in place when it took the rest."""
        n = ref.article if isinstance(ref, Ref) else ref
        w = self.by_old.get(n)
        if w is None:
            raise Failed(f"the text amended has no {cn_article_label(n)}")
        if w.gone and not part:
            raise Failed(f"{cn_article_label(n)} was already deleted or merged by an earlier item")
        return w

    def target(self, a: Action) -> Work:
        """The article an action changes: one the item made, or an old one."""
        if a.new is not None and a.new in self.created:
            return self.created[a.new]
        if not a.old:
            raise Failed("the item does not say which article")
        return self.old(a.old[0])

    def paragraph(self, w: Work, n: int | None) -> list[int]:
        """Lines of paragraph ``n`` as the text amended numbers it; of the article
        as it now stands when an item rewrote it whole."""
        if any(ln.para is not None for ln in w.lines):
            idx = [k for k, ln in enumerate(w.lines) if ln.para == n]
            if not idx:
                had = max(ln.para for ln in w.lines if ln.para is not None)
                raise Failed(f"{self.name(w)} has no paragraph {n} (it had {had}"
                             + (", and an earlier item took some of them)" if had >= (n or 0) else ")"))
            return idx
        if w.old is not None:
            raise Failed(f"{self.name(w)} was rewritten whole by an earlier item: its paragraph "
                         f"{n} is no longer there")
        paras = paragraphs_of(w.lines)
        if n is None or not 1 <= n <= len(paras):
            raise Failed(f"{self.name(w)} has no paragraph {n} (it has {len(paras)})")
        return paras[n - 1]

    def item_line(self, w: Work, n: int, para: int | None) -> int:
        """The line of item ``n`` (of paragraph ``para``, or of the one paragraph with items)."""
        if any(ln.para is not None for ln in w.lines):
            idx = [k for k, ln in enumerate(w.lines) if ln.item == n and (para is None or ln.para == para)]
            if len(idx) == 1:
                return idx[0]
            if idx:
                raise Failed(f"{self.name(w)} has item {n} in several paragraphs: the item does "
                             "not say which")
            raise Failed(f"{self.name(w)} has no item {n}"
                         + (f" in paragraph {para}" if para else ""))
        items = self.items_of(w, para)
        if not 1 <= n <= len(items):
            raise Failed(f"{self.name(w)} has no item {n}")
        return items[n - 1]

    def name(self, w: Work) -> str:
        return cn_article_label(w.old) if w.old is not None else cn_article_label(w.number)

    def scope_lines(self, w: Work, scope: str | None, ref: Ref | None) -> list[int]:
        """Line indexes an action works within: a paragraph (¶2, 第二款, or a
        paragraph whose text the item quotes), an item, or the whole article."""
        if ref is not None and ref.item:
            return [self.item_line(w, ref.item, ref.paragraph)]
        if ref is not None and ref.paragraph:
            return self.paragraph(w, ref.paragraph)
        if scope and scope.startswith("¶"):
            return self.paragraph(w, int(scope[1:]))
        if scope:
            key = fold(scope).rstrip("：:。")
            for idx in paragraphs_of(w.lines):
                if fold(w.lines[idx[0]].text).startswith(key):
                    return idx
            raise Failed(f"no paragraph of {self.name(w)} reads “{scope[:30]}”")
        return list(range(len(w.lines)))

    def take(self, w: Work, r: Ref) -> list[Line]:
        """The lines of a paragraph or item (as the text amended numbers it), taken
        out of the article; from the text amended itself when an earlier item
        already rewrote the article or took the rest of it."""
        try:
            if w.rewritten:
                raise Failed("rewritten whole")
            idx = self.scope_lines(w, None, r)
        except Failed:
            original = Work(w.old, w.original, None)
            idx = self.scope_lines(original, None, r)
            return [copy.deepcopy(original.lines[k]) for k in idx]
        lines = [copy.deepcopy(w.lines[k]) for k in idx]
        for k in reversed(idx):
            del w.lines[k]
        return lines

    def items_of(self, w: Work, para: int | None) -> list[int]:
        """Line indexes of the items (项) of a paragraph, or of the whole article."""
        idx = self.paragraph(w, para) if para else range(len(w.lines))
        return [k for k in idx if k and ITEM_RE.match(w.lines[k].text)]

    # ----------------------------------------------------------------- actions

    def insert_article(self, a: Action, item: Item) -> None:
        numbers: list[ArticleNumber] = list(a.parts) or ([a.new] if a.new is not None else [])
        if not numbers:
            if a.after_article is None or self.decision.renumbers:
                raise Failed("the item does not say which number the new article takes")
            base = a.after_article
            taken = {w.final or w.old for w in self.works if not w.gone}
            sub = base.sub + 1
            while ArticleNumber(base.main, sub) in taken:
                sub += 1
            numbers = [ArticleNumber(base.main, sub)]
        for n in numbers:
            if n in self.created and self.created[n].old is None and self.created[n].items[-1:] == [item.label]:
                continue  # quoted with the new heading of this item, and made with it
            if a.articles:
                lines = a.articles.get(n)
                if lines is None:
                    raise Failed(f"the quote has no {cn_article_label(n)}")
            elif len(numbers) > 1:
                raise Failed("the quote does not say which words belong to which new article")
            else:
                lines = strip_label(a.text, n)
            if not lines:
                raise Failed(f"the item quotes no wording for the new {cn_article_label(n)}")
            after = self.by_old.get(a.after_article) if a.after_article else None
            w = Work(None, [Line.new(t) for t in lines], after.div if after else None, final=n,
                     after=a.after_article)
            self.add_new(w, item)

    def add_new(self, w: Work, item: Item) -> None:
        self.works.append(w)
        self.created[w.number] = w
        w.items.append(item.label)

    def numbers_taken(self) -> None:
        """After an item of a 修正案 (which keeps every number): a new article's
        number already standing is an error of the item, which then fails whole
        and is undone (the text may be later than the instrument, which made the
        article then). Found only when all articles are numbered, the item was
        reported FAILED with its article still in the text."""
        if self.decision.renumbers:
            return
        for n, w in self.created.items():
            held = next((x for x in self.works if not x.gone and x is not w
                         and (x.final or x.old) == n and x.old not in self.moving), None)
            if held is not None:
                raise Failed(f"the text amended already has {cn_article_label(n)}"
                             + (" (an amendment later than this one may have made it)"
                                if held.old is not None else f" (made by item {'、'.join(held.items)})"))

    def check_restatement(self, a: Action, item: Item) -> None:
        """这一条相应修改为：“…”: what the replacement made must read as restated."""
        w = self.target(a)
        ref = a.old[0]
        idx = self.paragraph(w, ref.paragraph) if ref.paragraph else list(range(len(w.lines)))
        got = [w.lines[k].text for k in idx]
        if [squeeze(x)[0] for x in got] != [squeeze(x)[0] for x in a.text]:
            have, want = "".join(squeeze(x)[0] for x in got), "".join(squeeze(x)[0] for x in a.text)
            k = next((i for i, (x, y) in enumerate(zip(have, want)) if x != y), min(len(have), len(want)))
            raise Failed(f"after the replacement {self.name(w)}{where_label(ref) if ref.paragraph else ''} "
                         f"reads “…{have[max(0, k - 8):k + 12]}…” where the restatement has "
                         f"“…{want[max(0, k - 8):k + 12]}…”")
        w.items.append(item.label)

    def delete_article(self, a: Action, item: Item) -> None:
        w = self.old(a.old[0])
        if self.decision.renumbers:
            w.gone = True
        else:  # a 修正案 keeps the number: 第一百九十九条　（删去）
            w.lines = [Line.new(DELETED_ARTICLE)]
        w.items.append(item.label)

    def renumber(self, a: Action, item: Item) -> None:
        w = self.old(a.old[0])
        if w.final is not None and w.final != a.new:
            raise Failed(f"{self.name(w)} was already given {cn_article_label(w.final)}")
        w.final = a.new
        w.items.append(item.label)

    def rewrite(self, a: Action, item: Item) -> None:
        w = self.target(a)
        if not a.text:
            raise Failed("the item quotes no wording")
        w.lines = [Line.new(t) for t in strip_label(a.text, a.new)]
        w.para_map = {}
        w.rewritten = True
        w.items.append(item.label)

    def rewrite_paragraph(self, a: Action, item: Item) -> None:
        w = self.target(a)
        if a.new in self.created and self.created[a.new].old is None and a.number == 1 \
                and len(paragraphs_of(w.lines)) == 1:
            return self.rewrite(a, item)  # 将第X条第一款改为第Y条，修改为：the new article
        idx = self.paragraph(w, a.number)
        if not a.text:
            raise Failed("the item quotes no wording")
        w.lines[idx[0]:idx[-1] + 1] = [Line.new(t) for t in a.text]
        w.items.append(item.label)

    def rewrite_item(self, a: Action, item: Item) -> None:
        w = self.target(a)
        para = int(a.scope[1:]) if a.scope and a.scope.startswith("¶") else None
        k = self.item_line(w, a.number or 0, para)
        text = a.text[0] if a.text else ""
        m = ITEM_RE.match(w.lines[k].text)
        if not ITEM_RE.match(text) and m:
            text = m.group(1) + text
        w.lines[k] = Line.new(text)
        w.items.append(item.label)

    def insert_paragraph(self, a: Action, item: Item) -> None:
        if not a.text:
            return  # 增加一款…，将该条修改为：the rewrite that follows says it all
        w = self.target(a)
        paras = paragraphs_of(w.lines)
        n = a.number or len(paras) + 1
        if a.number is None and a.scope and not a.scope.startswith("¶"):
            # 宪法第六条：“…”增加规定：“…” — after the paragraph quoted
            n = next(k for k, p in enumerate(paras, 1) if p == self.scope_lines(w, a.scope, None)) + 1
        if not 1 <= n <= len(paras) + 1:
            raise Failed(f"{self.name(w)} has {len(paras)} paragraphs: there is no place for "
                         f"paragraph {n}")
        at = paras[n - 1][0] if n <= len(paras) else len(w.lines)
        new_lines = [Line.new(t) for t in a.text]
        added = len(paragraphs_of(new_lines)) if new_lines else 0
        w.lines[at:at] = new_lines
        w.para_map = {o: (p + added if p is not None and p >= n else p) for o, p in w.para_map.items()}
        w.items.append(item.label)

    def delete_paragraph(self, a: Action, item: Item) -> None:
        w = self.target(a)
        idx = self.paragraph(w, a.number)
        del w.lines[idx[0]:idx[-1] + 1]
        drop_paragraph(w, a.number)
        w.items.append(item.label)

    def insert_item(self, a: Action, item: Item) -> None:
        w = self.target(a)
        if not a.text:
            raise Failed("the item quotes no wording for the new item")
        para_idx = self._item_paragraph(w, a.scope)
        items = [k for k in para_idx[1:] if ITEM_RE.match(w.lines[k].text)]
        n = a.number or len(items) + 1
        at = self._old_item_place(w, para_idx, n)
        if at is None:
            if not 1 <= n <= len(items) + 1:
                raise Failed(f"{self.name(w)} has {len(items)} items: there is no place for item {n}")
            at = items[n - 1] if n <= len(items) else (items[-1] + 1 if items else para_idx[-1] + 1)
        w.lines[at:at] = [Line.new(t) for t in a.text]
        new_items = [k for k in range(para_idx[0] + 1, para_idx[-1] + 1 + len(a.text))
                     if ITEM_RE.match(w.lines[k].text)]
        relabel(w.lines, new_items)
        punctuate_items(w.lines, new_items, range(at, at + len(a.text)))
        w.items.append(item.label)

    def _old_item_place(self, w: Work, para_idx: list[int], n: int) -> int | None:
        """Where item ``n`` goes when an earlier action of the item deleted items of
        this paragraph: numbered as the text amended numbers them (删去第二款第二项，
        第二款增加一项，作为第四项: after the old third item). None when no old
        item of the paragraph is gone (then the items as they stand count)."""
        para = w.lines[para_idx[0]].para
        if para is None:
            return None
        old_count = sum(1 for ln in w.original if ln.para == para and ln.item)
        standing = {w.lines[k].item: k for k in para_idx[1:] if w.lines[k].item}
        if len(standing) == old_count or not 1 <= n <= old_count + 1:
            return None
        before = next((standing[m] for m in range(n - 1, 0, -1) if m in standing), None)
        return before + 1 if before is not None else para_idx[0] + 1

    def _item_paragraph(self, w: Work, scope: str | None) -> list[int]:
        if scope:
            return self.scope_lines(w, scope, None)
        paras = paragraphs_of(w.lines)
        with_items = [p for p in paras if len(p) > 1]
        if len(with_items) == 1:
            return with_items[0]
        if len(paras) == 1:
            return paras[0]
        raise Failed(f"{self.name(w)} has several paragraphs: the item does not say which one "
                     "the new item goes in")

    def delete_item(self, a: Action, item: Item) -> None:
        w = self.target(a)
        para = int(a.scope[1:]) if a.scope and a.scope.startswith("¶") else None
        k = self.item_line(w, a.number or 0, para)
        para_idx = next(p for p in paragraphs_of(w.lines) if k in p)
        del w.lines[k]
        rest = [j for j in range(para_idx[0], para_idx[-1]) if j and ITEM_RE.match(w.lines[j].text)]
        relabel(w.lines, rest)
        fix_item_end(w.lines, rest)
        w.items.append(item.label)

    def replace_words(self, a: Action, item: Item) -> None:
        w = self.target(a)
        ref = a.old[0] if a.old else None
        idx = self.scope_lines(w, None, ref)
        before, after = a.before or "", a.after
        if after is None:
            raise Failed("the item does not quote the words to add")
        if "\n" in before:  # whole paragraphs quoted: replace those lines
            want = [squeeze(x)[0] for x in before.split("\n")]
            texts = [squeeze(w.lines[k].text)[0] for k in idx]
            for s in range(len(texts) - len(want) + 1):
                if texts[s:s + len(want)] == want:
                    at = idx[s]
                    w.lines[at:at + len(want)] = [Line.new(t) for t in after.split("\n") if t]
                    w.items.append(item.label)
                    return
            raise Failed(f"“{short(before)}” is not in {self.name(w)}: " + nearest(before, w, idx))
        found = 0
        for k in idx:
            line = w.lines[k]
            spans = find_all(line.text, before)
            if spans and "\n" in after:
                raise Failed("the new words are several paragraphs but the old are not")
            line.replace_all(spans, after)
            found += len(spans)
        if not found:
            raise Failed(f"“{short(before)}” is not in {self.name(w)}"
                         + (f" {where_label(ref)}" if ref and (ref.paragraph or ref.item) else "")
                         + ": " + nearest(before, w, idx))
        w.lines = [ln for ln in w.lines if ln.text]
        w.items.append(item.label)

    def replace_everywhere(self, a: Action, item: Item) -> None:
        """本法中的“A”修改为“B”: in every article still standing, and in the headings."""
        before, after = a.before or "", a.after or ""
        if not before or "\n" in before or "\n" in after:
            raise Failed("the words to replace throughout the law must be one run of words")
        found = 0
        for w in self.works:
            if w.gone:
                continue
            hits = 0
            for line in w.lines:
                spans = find_all(line.text, before)
                line.replace_all(spans, after)
                hits += len(spans)
            if hits:
                w.items.append(item.label)
                found += hits
        for div in self.divs:
            spans = find_all(div.title, before)
            for start, end in reversed(spans):
                div.title = div.title[:start] + after + div.title[end:]
            if spans:
                label = re.match(r"^第\S+?(?:分编|编|章|节)", div.heading)
                div.heading = f"{label.group(0)} {div.title}" if label else div.title
                self.touched_divs.append((item.label, div, False))
                found += len(spans)
        if not found:
            raise Failed(f"“{short(before)}” is nowhere in the text")

    def merge(self, a: Action, item: Item) -> None:
        if a.new is None:
            raise Failed("the item does not say which article the merged text becomes")
        lines: list[Line] = []
        div = None
        whole: list[Work] = []  # articles merged whole, not a part of them
        for r in a.old:
            src = self.old(r, part=bool(r.paragraph or r.item))
            div = div or src.div
            if r.paragraph or r.item:
                lines += self.take(src, r)
                if r.item:
                    rest = self.items_of(src, None)
                    relabel(src.lines, rest)
                    fix_item_end(src.lines, rest)
                src.items.append(item.label)
            else:
                lines += src.lines
                src.gone = True
                src.items.append(item.label)
                whole.append(src)
        targets = a.numbers
        if len(targets) == 1:
            for src in whole:
                src.merged_into = targets[0]
        if len(targets) > 1:  # merged, then cut into several: each quoted under its label
            arts = a.articles or quoted_articles(a.text)
            if set(targets) - set(arts):
                raise Failed("the quote does not say which words belong to which new article "
                             "(quote each under its own 第X条 label)")
            for n in targets:
                self.add_new(Work(None, [Line.new(t) for t in arts[n]], div, final=n), item)
            return
        if a.text:
            lines = [Line.new(t) for t in strip_label(a.text, a.new)]
        self.add_new(Work(None, lines, div, final=a.new), item)

    def split(self, a: Action, item: Item) -> None:
        src = self.old(a.old[0])
        parts = a.parts or ([a.new] if a.new else [])
        if not parts:
            raise Failed("the item does not say which articles the split makes")
        arts = a.articles or quoted_articles(a.text)
        if set(parts) - set(arts):
            raise Failed("the quote does not say which words belong to which new article "
                         "(quote each under its own 第X条 label)")
        src.gone = True
        src.items.append(item.label)
        for n in parts:
            self.add_new(Work(None, [Line.new(t) for t in arts[n]], src.div, final=n), item)

    def merge_paragraphs(self, a: Action, item: Item) -> None:
        """将第X条第二款、第三款合并为一款，修改为：“…” — the first takes the words, the
        others go."""
        w = self.target(a)
        idx = [self.paragraph(w, r.paragraph) for r in a.old]
        if not a.text:
            merged = "".join(w.lines[k].text for para in idx for k in para[:1])
            text = [merged]
        else:
            text = a.text
        first = idx[0]
        for para in reversed(idx[1:]):
            del w.lines[para[0]:para[-1] + 1]
        w.lines[first[0]:first[-1] + 1] = [Line.new(t) for t in text]
        for r in a.old[1:]:
            drop_paragraph(w, r.paragraph)
        w.items.append(item.label)

    def merge_items(self, a: Action, item: Item) -> None:
        """将第X条第一项、第二项合并为一项，修改为：“（一）…” — the first takes the
        quoted words, the others go, and the items after are numbered again."""
        if not a.text:
            raise Failed("the item does not quote the wording of the merged item")
        w = self.target(a)
        para = a.old[0].paragraph
        idx = []
        for r in a.old:
            if r.item is None:
                raise Failed("the item names a paragraph, not the items to merge")
            idx.append(self.item_line(w, r.item, para))
        items = self.items_of(w, para)
        w.lines[idx[0]] = Line.new(a.text[0])
        for k in sorted(idx[1:], reverse=True):
            del w.lines[k]
        left = [k - sum(1 for x in idx[1:] if x < k) for k in items if k not in idx[1:]]
        relabel(w.lines, left)
        fix_item_end(w.lines, left)
        w.items.append(item.label)

    def move_paragraph(self, a: Action, item: Item) -> None:
        r = a.old[0]
        src = self.old(r, part=True)
        lines = self.take(src, r)
        if r.paragraph:
            drop_paragraph(src, r.paragraph)
        src.items.append(item.label)
        if a.text:
            lines = [Line.new(t) for t in strip_label(a.text, a.new)]
        self.add_new(Work(None, lines, src.div, final=a.new), item)

    # -------------------------------------------------------------- headings

    def insert_division(self, a: Action, item: Item) -> None:
        if a.division is None:
            raise Failed("the item does not say which number the new heading takes")
        levels = a.division.split("__")
        parent = self.div_by_old.get("__".join(levels[:-1])) if len(levels) > 1 else None
        if len(levels) > 1 and parent is None:
            raise Failed(f"the text amended has no {division_label('__'.join(levels[:-1]))}")
        prefix, number = levels[-1].rsplit("_", 1)
        kind = {"part": "part", "subpart": "subpart", "chp": "chapter", "sec": "section"}[prefix]
        heading_line = next((t for t in a.text if DIVISION_START_RE.match(t)), None)
        if heading_line is None and a.text and not a.articles:
            heading_line = a.text[0]
        if heading_line is None and a.before:
            heading_line = f"第{int_to_cn(int(number))}{DIVISION_WORD[kind]}　{a.before}"
        if heading_line is None:
            raise Failed("the item quotes no heading")
        m = DIVISION_START_RE.match(heading_line)
        title = m.group(3).strip() if m else heading_line.strip()
        # Spaced as the text amended spaces its headings (第一章 总则), whatever the quote does.
        gap = next((g.group(1) for d in self.divs if (g := re.match(r"^第\S+?(?:分编|编|章|节)(\s+)", d.heading))),
                   " ")
        heading = f"第{int_to_cn(int(number))}{DIVISION_WORD[kind]}{gap}{title}"
        div = Div(kind, title, heading, parent, None)
        siblings = [d for d in self.divs if d.parent is parent and d.kind == kind]
        pos = int(number)
        if pos <= len(siblings):
            at = self.divs.index(siblings[pos - 1])
        elif siblings:
            at = self._end_of(siblings[-1])
        else:
            at = self.divs.index(parent) + 1 if parent else len(self.divs)
        self.divs.insert(at, div)
        self.new_divs.append((div, a, item.label))
        self.touched_divs.append((item.label, div, bool(a.parts or a.articles)))
        for n, lines in a.articles.items():  # articles quoted with the heading
            if n not in self.created:
                self.add_new(Work(None, [Line.new(t) for t in lines], div, final=n), item)
        for n in a.parts:
            w = self.created.get(n)
            if w is not None:
                w.div = div

    def _end_of(self, div: Div) -> int:
        """Index just after ``div`` and everything under it."""
        k = self.divs.index(div) + 1
        while k < len(self.divs) and under(self.divs[k], div):
            k += 1
        return k

    def rename_division(self, a: Action, item: Item) -> None:
        div = self.div_by_old.get(a.division or "")
        if div is None or div not in self.divs:
            raise Failed(f"the text amended has no {division_label(a.division or '')}")
        if a.before and fold(a.before) != fold(div.title):
            raise Failed(f"{division_label(a.division or '')} is titled “{div.title}”, not “{a.before}”")
        if not a.text:
            raise Failed("the item quotes no title")
        new = a.text[0]
        m = DIVISION_START_RE.match(new)
        div.title = m.group(3).strip() if m else new
        label = re.match(r"^第\S+?(?:分编|编|章|节)", div.heading)
        div.heading = f"{label.group(0)} {div.title}" if label else div.title
        self.touched_divs.append((item.label, div, bool(a.parts)))
        if a.parts:  # …，包括第X条至第Y条: settled once the articles have their numbers
            self.new_divs.append((div, a, item.label))

    def rewrite_annex(self, a: Action, item: Item) -> None:
        div = self.div_by_old.get(a.division or "")
        if div is None or div not in self.divs:
            raise Failed(f"the text amended has no {division_label(a.division or '')}")
        if not a.text:
            raise Failed("the item quotes no text for the annex")
        div.lines = list(a.text)
        self.touched_divs.append((item.label, div, False))

    def delete_division(self, a: Action, item: Item) -> None:
        div = self.div_by_old.get(a.division or "")
        if div is None or div not in self.divs:
            raise Failed(f"the text amended has no {division_label(a.division or '')}")
        k = self.divs.index(div)
        before = self.divs[k - 1] if k else None
        for w in self.works:
            if w.div is div:
                w.div = before
        for d in self.divs:
            if d.parent is div:
                d.parent = div.parent
        del self.divs[k]
        self.deleted_divs.append(div)

    # ----------------------------------------------------------- no changes

    def consequential(self, a: Action, item: Item) -> None:
        """Done by apply itself when it adds or removes paragraphs, items, headings."""

    def other_law(self, a: Action, item: Item) -> None:
        raise Skipped(f"not applicable: it amends 《{a.text[0]}》, not this law")

    def preamble(self, a: Action, item: Item) -> None:
        self.outside = amend_preamble(self.outside, a.text[0] if a.text else item.text)

    def commencement(self, a: Action, item: Item) -> None:
        raise Skipped("commencement clause: it changes no text")


#: Each kind of action and the method of the executor that carries it out
#: (tests/test_apply.py checks that every kind has one).
HANDLERS: dict[ActionKind, Callable[[_Amending, Action, Item], None]] = {
    ActionKind.INSERT_ARTICLE: _Amending.insert_article,
    ActionKind.DELETE_ARTICLE: _Amending.delete_article,
    ActionKind.RENUMBER: _Amending.renumber,
    ActionKind.REWRITE: _Amending.rewrite,
    ActionKind.REWRITE_PARAGRAPH: _Amending.rewrite_paragraph,
    ActionKind.REWRITE_ITEM: _Amending.rewrite_item,
    ActionKind.INSERT_PARAGRAPH: _Amending.insert_paragraph,
    ActionKind.DELETE_PARAGRAPH: _Amending.delete_paragraph,
    ActionKind.INSERT_ITEM: _Amending.insert_item,
    ActionKind.DELETE_ITEM: _Amending.delete_item,
    ActionKind.REPLACE_WORDS: _Amending.replace_words,
    ActionKind.REPLACE_EVERYWHERE: _Amending.replace_everywhere,
    ActionKind.MERGE: _Amending.merge,
    ActionKind.SPLIT: _Amending.split,
    ActionKind.MOVE_PARAGRAPH: _Amending.move_paragraph,
    ActionKind.MERGE_ITEMS: _Amending.merge_items,
    ActionKind.MERGE_PARAGRAPHS: _Amending.merge_paragraphs,
    ActionKind.INSERT_DIVISION: _Amending.insert_division,
    ActionKind.RENAME_DIVISION: _Amending.rename_division,
    ActionKind.DELETE_DIVISION: _Amending.delete_division,
    ActionKind.REWRITE_ANNEX: _Amending.rewrite_annex,
    ActionKind.CHECK_RESTATEMENT: _Amending.check_restatement,
    ActionKind.CONSEQUENTIAL: _Amending.consequential,
    ActionKind.PREAMBLE: _Amending.preamble,
    ActionKind.COMMENCEMENT: _Amending.commencement,
    ActionKind.OTHER_LAW: _Amending.other_law,
}


def apply_decision(decision: Decision, stage: Stage) -> Applied:
    """Execute every item of ``decision`` on ``stage`` (which is not changed)."""
    am = _Amending(stage, decision)
    results: list[ItemResult] = []
    for item in decision.items:
        r = ItemResult(item.label, "ok", summary=item.text.split("\n")[0][:60])
        am.created = {}
        if item.problems:
            r.status = "FAILED"
            r.reasons = [p if p.startswith(SOURCE_DEFECT) else f"not understood: {p}"
                         for p in item.problems]
        elif not item.actions:
            r.status, r.reasons = "FAILED", ["no change understood in this item"]
        saved = am.save(item)
        for a in item.actions if r.status == "ok" else ():
            try:
                HANDLERS[a.kind](am, a, item)
            except Skipped as e:
                r.status, r.reasons = "skipped", [str(e)]
            except Failed as e:
                r.status = "FAILED"
                r.reasons.append(str(e))
            except (ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
                # A defect of redline, not of the instrument: the item is reported
                # as not executed (and undone), not a traceback for the whole text.
                r.status = "FAILED"
                r.reasons.append(f"not executed: {a.kind} met {type(e).__name__} ({e}); "
                                 "this is redline's failing — please report it")
        if r.status == "ok":
            try:
                am.numbers_taken()
            except Failed as e:
                r.status, r.reasons = "FAILED", [str(e)]
        if r.status == "FAILED":  # an item is executed whole or not at all
            am.restore(saved)
        results.append(r)
    for w in am.works:  # every paragraph of it went elsewhere: nothing is left to number
        if w.old is not None and not w.lines:
            w.gone = True
    problems = number_articles(am)
    for r in results:
        if r.label in am.clashes and r.status != "skipped":
            r.status = "FAILED"
            r.reasons += am.clashes[r.label]
    order = sorted((w for w in am.works if not w.gone and w.final is not None), key=lambda w: w.number)
    notes = settle_divisions(am, order)
    notes += update_references(am)
    divisions, ids = number_divisions(am, order)
    for r in results:
        item_label = r.label
        r.articles = [w.number for w in order if item_label in w.items]
        r.old_articles = [w.old for w in am.works if w.old is not None and item_label in w.items]
    by_label = {r.label: r for r in results}
    for label, div, holds in am.touched_divs:
        if id(div) in ids and label in by_label:
            by_label[label].divisions.append(ids[id(div)])
            if holds:
                by_label[label].holding.append(ids[id(div)])
    articles = []
    for w in order:
        label = cn_article_label(w.number)
        articles.append(Article(w.number, label, ids.get(id(w.div)) if w.div else None,
                                [ln.text for ln in w.lines]))
    new = Stage(stage.law, stage.stage, stage.title, stage.language, None, None, None,
                list(stage.history) + ([f"根据{decision.title}修正"] if decision.title else []),
                divisions, articles)
    # The editor's footnotes stay, each with the article it followed, as that
    # article is now numbered (no instrument amends them).
    now = {cn_article_label(w.old): cn_article_label(w.final) for w in am.works
           if w.old is not None and not w.gone and w.final is not None}
    new.footnotes = [{**f, "article": now.get(f.get("article", ""), f.get("article", ""))}
                     for f in stage.footnotes]
    new.stray_lines = list(am.outside)
    mapping = {w.old: (None if w.gone else w.final) for w in am.works if w.old is not None}
    return Applied(new, results, problems, notes, mapping)


def apply_all(decisions: list[Decision], stage: Stage) -> list[Applied]:
    """Several instruments in order, each on the text the one before left."""
    out = []
    for d in decisions:
        applied = apply_decision(d, stage)
        out.append(applied)
        stage = applied.stage
    return out
