"""Executing an amendment instrument on a text: ``redline apply``.

:func:`apply_decision` takes a parsed instrument (:mod:`redline.decision`) and
the text it amends, and returns the amended text with an account of every
item: ``ok``, ``FAILED`` with the reason, or ``skipped`` with the reason
(a commencement clause, a preamble the text does not have).

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

>>> from redline.parse import parse_text
>>> from redline.decision import parse_decision
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
import re
from dataclasses import dataclass, field

from .decision import Action, Decision, Item, Ref
from .model import ITEM_RE, SUBITEM_RE, Article, Division, Stage, line_position
from .numbering import DIVISION_START_RE, ArticleNumber, cn_article_label, int_to_cn
from .references import find_references
from .structure import division_label

#: Characters compared as equal when an instrument's quote is looked up in a
#: text (half-width punctuation in raw texts, curly or straight quotes); one for one,
#: so positions found in the folded text hold in the original.
_FOLD = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！",
                       "?": "？", "“": '"', "”": '"', "‘": "'", "’": "'", "\u3000": " "})
DELETED_ARTICLE = "（删去）"
_LABEL_AT_START = re.compile(r"^第[零〇一二两三四五六七八九十百千\d]+条(?:之[零〇一二两三四五六七八九十百千\d]+)?[\s\u3000]+")


class Failed(Exception):
    """An action that cannot be executed on this text; the message says why."""


class Skipped(Exception):
    """An action that does not apply to this text; the message says why."""


@dataclass
class Line:
    """A line of an article being amended; ``fresh`` marks characters the
    instrument wrote (already in the new numbering)."""

    text: str
    fresh: list[bool]
    #: where the line stood in the text amended: paragraph and item (0: the
    #: paragraph itself), counted as the NPC counts. Every number an item names
    #: refers to these, however earlier items moved the lines.
    para: int | None = None
    item: int | None = None

    @classmethod
    def old(cls, text: str, para: int | None = None, item: int | None = None) -> "Line":
        return cls(text, [False] * len(text), para, item)

    @classmethod
    def new(cls, text: str) -> "Line":
        return cls(text, [True] * len(text))

    def replace(self, start: int, end: int, text: str) -> None:
        self.text = self.text[:start] + text + self.text[end:]
        self.fresh = self.fresh[:start] + [True] * len(text) + self.fresh[end:]


@dataclass
class Div:
    kind: str
    title: str
    heading: str
    parent: "Div | None"
    old_id: str | None  # its id in the text amended; None for a new one
    lines: list[str] = field(default_factory=list)
    number: int = 0  # its number in the text amended


@dataclass
class Work:
    """An article being amended."""

    old: ArticleNumber | None  # its number in the text amended; None for a new one
    lines: list[Line]
    div: Div | None
    final: ArticleNumber | None = None  # the number an item gives it
    gone: bool = False  # deleted, merged or split away
    #: old paragraph number -> new one (None: deleted), for references to it
    para_map: dict[int, int | None] = field(default_factory=dict)
    items: list[str] = field(default_factory=list)  # labels of the items that changed it
    after: ArticleNumber | None = None  # a new article placed after this old one
    original: list[Line] = field(default_factory=list)  # as the text amended has it

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]


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


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The folded text without spaces, and where each of its characters stands in ``text``
    (raw texts put spaces where the official text has none: 农业农村 (畜牧兽医))."""
    chars, where = [], []
    for k, ch in enumerate(_fold(text)):
        if not ch.isspace():
            chars.append(ch)
            where.append(k)
    return "".join(chars), where


def find_all(text: str, words: str) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each occurrence of ``words``, spaces and the
    width of punctuation aside.

    >>> find_all("农业农村 (畜牧兽医)主管部门", "农业农村（畜牧兽医）")
    [(0, 11)]
    """
    key, _ = _squeeze(words)
    hay, where = _squeeze(text)
    out, start = [], 0
    while key and (p := hay.find(key, start)) >= 0:
        out.append((where[p], where[p + len(key) - 1] + 1))
        start = p + len(key)
    return out


def _paragraphs(lines: list[Line]) -> list[list[int]]:
    """Line indexes of each paragraph (a paragraph line and its items)."""
    out: list[list[int]] = []
    for k, ln in enumerate(lines):
        if out and (ITEM_RE.match(ln.text) or SUBITEM_RE.match(ln.text)):
            out[-1].append(k)
        else:
            out.append([k])
    return out


def _strip_label(lines: list[str], number: ArticleNumber | None) -> list[str]:
    """Quoted wording that opens with the article's own label (第三条　…) loses it."""
    if lines and number is not None and lines[0].startswith(cn_article_label(number)):
        first = _LABEL_AT_START.sub("", lines[0], count=1)
        return ([first] if first else []) + lines[1:]
    return lines


_CN_ITEM = re.compile(r"^([（(])([零〇一二两三四五六七八九十百千]+)([)）])")


def _relabel(lines: list[Line], idx: list[int]) -> None:
    """Items （一）（二）… numbered again in order after one was added or removed."""
    n = 0
    for k in idx:
        m = _CN_ITEM.match(lines[k].text)
        if not m:
            continue
        n += 1
        label = f"{m.group(1)}{int_to_cn(n)}{m.group(3)}"
        if label != m.group(0):
            lines[k].text = label + lines[k].text[m.end():]
            lines[k].fresh = [False] * len(label) + lines[k].fresh[m.end():]


class _Amending:
    """The text being amended, and the handlers for each kind of action."""

    def __init__(self, stage: Stage, decision: Decision):
        self.stage = stage
        self.decision = decision
        self.divs: list[Div] = []
        by_id: dict[str, Div] = {}
        for d in stage.divisions:
            parent_id = d.id.rsplit("__", 1)[0] if "__" in d.id else None
            div = Div(d.kind, d.title, d.heading, by_id.get(parent_id), d.id, list(d.lines), d.number)
            by_id[d.id] = div
            self.divs.append(div)
        self.div_by_old = by_id
        self.works: list[Work] = []
        self.by_old: dict[ArticleNumber, Work] = {}
        for a in stage.articles:
            w = Work(a.number, [Line.old(t, *line_position(a.lines, k)) for k, t in enumerate(a.lines)],
                     by_id.get(a.division),
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
        paras = _paragraphs(w.lines)
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
        return cn_article_label(w.old) if w.old is not None else cn_article_label(w.final)

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
            key = _fold(scope).rstrip("：:。")
            for idx in _paragraphs(w.lines):
                if _fold(w.lines[idx[0]].text).startswith(key):
                    return idx
            raise Failed(f"no paragraph of {self.name(w)} reads “{scope[:30]}”")
        return list(range(len(w.lines)))

    def take(self, w: Work, r: Ref) -> list[Line]:
        """The lines of a paragraph or item (as the text amended numbers it), taken
        out of the article; from the text amended itself when an earlier item
        already rewrote the article or took the rest of it."""
        try:
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
        numbers = a.parts or [a.new]
        if numbers == [None]:
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
                lines = _strip_label(a.text, n)
            if not lines:
                raise Failed(f"the item quotes no wording for the new {cn_article_label(n)}")
            after = self.by_old.get(a.after_article) if a.after_article else None
            w = Work(None, [Line.new(t) for t in lines], after.div if after else None, final=n,
                     after=a.after_article)
            self.add_new(w, item)

    def add_new(self, w: Work, item: Item) -> None:
        self.works.append(w)
        self.created[w.final] = w
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
        w.lines = [Line.new(t) for t in _strip_label(a.text, a.new)]
        w.para_map = {}
        w.items.append(item.label)

    def rewrite_paragraph(self, a: Action, item: Item) -> None:
        w = self.target(a)
        if a.new in self.created and self.created[a.new].old is None and a.number == 1 \
                and len(_paragraphs(w.lines)) == 1:
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
        paras = _paragraphs(w.lines)
        n = a.number or len(paras) + 1
        if a.number is None and a.scope and not a.scope.startswith("¶"):
            # 宪法第六条：“…”增加规定：“…” — after the paragraph quoted
            n = next(k for k, p in enumerate(paras, 1) if p == self.scope_lines(w, a.scope, None)) + 1
        if not 1 <= n <= len(paras) + 1:
            raise Failed(f"{self.name(w)} has {len(paras)} paragraphs: there is no place for "
                         f"paragraph {n}")
        at = paras[n - 1][0] if n <= len(paras) else len(w.lines)
        new_lines = [Line.new(t) for t in a.text]
        added = len(_paragraphs(new_lines)) if new_lines else 0
        w.lines[at:at] = new_lines
        w.para_map = {o: (p + added if p is not None and p >= n else p) for o, p in w.para_map.items()}
        w.items.append(item.label)

    def delete_paragraph(self, a: Action, item: Item) -> None:
        w = self.target(a)
        idx = self.paragraph(w, a.number)
        del w.lines[idx[0]:idx[-1] + 1]
        _drop_paragraph(w, a.number)
        w.items.append(item.label)

    def insert_item(self, a: Action, item: Item) -> None:
        w = self.target(a)
        if not a.text:
            raise Failed("the item quotes no wording for the new item")
        para_idx = self._item_paragraph(w, a.scope)
        items = [k for k in para_idx[1:] if ITEM_RE.match(w.lines[k].text)]
        n = a.number or len(items) + 1
        if not 1 <= n <= len(items) + 1:
            raise Failed(f"{self.name(w)} has {len(items)} items: there is no place for item {n}")
        at = items[n - 1] if n <= len(items) else (items[-1] + 1 if items else para_idx[-1] + 1)
        w.lines[at:at] = [Line.new(t) for t in a.text]
        new_items = [k for k in range(para_idx[0] + 1, para_idx[-1] + 1 + len(a.text))
                     if ITEM_RE.match(w.lines[k].text)]
        _relabel(w.lines, new_items)
        _punctuate_items(w.lines, new_items, range(at, at + len(a.text)))
        w.items.append(item.label)

    def _item_paragraph(self, w: Work, scope: str | None) -> list[int]:
        if scope:
            return self.scope_lines(w, scope, None)
        paras = _paragraphs(w.lines)
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
        para_idx = next(p for p in _paragraphs(w.lines) if k in p)
        del w.lines[k]
        rest = [j for j in range(para_idx[0], para_idx[-1]) if j and ITEM_RE.match(w.lines[j].text)]
        _relabel(w.lines, rest)
        _fix_item_end(w.lines, rest)
        w.items.append(item.label)

    def replace_words(self, a: Action, item: Item) -> None:
        w = self.target(a)
        ref = a.old[0] if a.old else None
        idx = self.scope_lines(w, None, ref)
        before, after = a.before or "", a.after
        if after is None:
            raise Failed("the item does not quote the words to add")
        if "\n" in before:  # whole paragraphs quoted: replace those lines
            want = [_squeeze(x)[0] for x in before.split("\n")]
            texts = [_squeeze(w.lines[k].text)[0] for k in idx]
            for s in range(len(texts) - len(want) + 1):
                if texts[s:s + len(want)] == want:
                    at = idx[s]
                    w.lines[at:at + len(want)] = [Line.new(t) for t in after.split("\n") if t]
                    w.items.append(item.label)
                    return
            raise Failed(f"“{_short(before)}” is not in {self.name(w)}: " + _nearest(before, w, idx))
        found = 0
        for k in idx:
            line = w.lines[k]
            spans = find_all(line.text, before)
            if spans and "\n" in after:
                raise Failed("the new words are several paragraphs but the old are not")
            for start, end in reversed(spans):
                line.replace(start, end, after)
            found += len(spans)
        if not found:
            raise Failed(f"“{_short(before)}” is not in {self.name(w)}"
                         + (f" {_where(ref)}" if ref and (ref.paragraph or ref.item) else "")
                         + ": " + _nearest(before, w, idx))
        w.lines = [ln for ln in w.lines if ln.text]
        w.items.append(item.label)

    def merge(self, a: Action, item: Item) -> None:
        if a.new is None:
            raise Failed("the item does not say which article the merged text becomes")
        lines: list[Line] = []
        div = None
        for r in a.old:
            src = self.old(r, part=bool(r.paragraph or r.item))
            div = div or src.div
            if r.paragraph or r.item:
                lines += self.take(src, r)
                if r.item:
                    rest = self.items_of(src, None)
                    _relabel(src.lines, rest)
                    _fix_item_end(src.lines, rest)
                src.items.append(item.label)
            else:
                lines += src.lines
                src.gone = True
                src.items.append(item.label)
        targets = a.parts or [a.new]
        if len(targets) > 1:  # merged, then cut into several: each quoted under its label
            from .decision import quoted_articles

            arts = a.articles or quoted_articles(a.text)
            if set(targets) - set(arts):
                raise Failed("the quote does not say which words belong to which new article "
                             "(quote each under its own 第X条 label)")
            for n in targets:
                self.add_new(Work(None, [Line.new(t) for t in arts[n]], div, final=n), item)
            return
        if a.text:
            lines = [Line.new(t) for t in _strip_label(a.text, a.new)]
        self.add_new(Work(None, lines, div, final=a.new), item)

    def split(self, a: Action, item: Item) -> None:
        src = self.old(a.old[0])
        parts = a.parts or ([a.new] if a.new else [])
        if not parts:
            raise Failed("the item does not say which articles the split makes")
        from .decision import quoted_articles
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
            _drop_paragraph(w, r.paragraph)
        w.items.append(item.label)

    def move_paragraph(self, a: Action, item: Item) -> None:
        r = a.old[0]
        src = self.old(r, part=True)
        lines = self.take(src, r)
        if r.paragraph:
            _drop_paragraph(src, r.paragraph)
        src.items.append(item.label)
        if a.text:
            lines = [Line.new(t) for t in _strip_label(a.text, a.new)]
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
            heading_line = f"第{int_to_cn(int(number))}{_WORD[kind]}　{a.before}"
        if heading_line is None:
            raise Failed("the item quotes no heading")
        m = DIVISION_START_RE.match(heading_line)
        title = m.group(3).strip() if m else heading_line.strip()
        heading = heading_line if m else f"第{int_to_cn(int(number))}{_WORD[kind]}　{title}"
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
        while k < len(self.divs) and _under(self.divs[k], div):
            k += 1
        return k

    def rename_division(self, a: Action, item: Item) -> None:
        div = self.div_by_old.get(a.division or "")
        if div is None or div not in self.divs:
            raise Failed(f"the text amended has no {division_label(a.division or '')}")
        if a.before and _fold(a.before) != _fold(div.title):
            raise Failed(f"{division_label(a.division)} is titled “{div.title}”, not “{a.before}”")
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

    def preamble(self, a: Action, item: Item) -> None:
        raise Skipped("not applicable: the text has no preamble (序言)")

    def commencement(self, a: Action, item: Item) -> None:
        raise Skipped("commencement clause: it changes no text")


_WORD = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}


def _under(d: Div, top: Div) -> bool:
    p = d.parent
    while p is not None:
        if p is top:
            return True
        p = p.parent
    return False


def _drop_paragraph(w: Work, old: int | None) -> None:
    """Paragraph ``old`` (as first numbered) is gone: references to it lead nowhere,
    and the ones after it move up."""
    gone = w.para_map.get(old)
    w.para_map = {o: (None if o == old else p - 1 if p is not None and gone is not None and p > gone
                      else p) for o, p in w.para_map.items()}


def _punctuate_items(lines: list[Line], items: list[int], added: range) -> None:
    """An item added to a list ends as its neighbours do: with ； inside the list,
    with 。 at its end, where the instrument quotes it bare (作为第七项“（七）选举…”);
    the item it follows at the end of a list then ends with ； instead of 。.

    >>> ls = [Line.old("甲："), Line.old("（一）乙。"), Line.new("（二）丙")]
    >>> _punctuate_items(ls, [1, 2], range(2, 3)); [ln.text for ln in ls]
    ['甲：', '（一）乙；', '（二）丙。']
    """
    for pos, k in enumerate(items):
        if k not in added:
            continue
        last = pos == len(items) - 1
        ln = lines[k]
        if ln.text and ln.text[-1] not in "。；，：;,.:":
            ln.text += "。" if last else "；"
            ln.fresh.append(True)
        if last and pos and items[pos - 1] not in added and lines[items[pos - 1]].text.endswith("。"):
            before = lines[items[pos - 1]]
            before.text = before.text[:-1] + "；"


def _fix_item_end(lines: list[Line], items: list[int]) -> None:
    """The last item of a list ends with 。 once the one after it is gone."""
    if items:
        ln = lines[items[-1]]
        if ln.text.endswith("；"):
            ln.text = ln.text[:-1] + "。"


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def _where(ref: Ref) -> str:
    out = ""
    if ref.paragraph:
        out += f"第{int_to_cn(ref.paragraph)}款"
    if ref.item:
        out += f"第{int_to_cn(ref.item)}项"
    return out


def _nearest(words: str, w: Work, idx: list[int]) -> str:
    """Where the text comes closest to the quoted words: the longest stretch
    they share, and the first characters that differ after it.

    >>> w = Work(None, [Line.old("处一万元以上十万元以下罚款。")], None)
    >>> _nearest("处一万元以上五万元以下罚款", w, [0])
    'the text reads “处一万元以上十万元以下罚款”, differing at “十万元以下罚款。” for “五万元以下罚款”'
    >>> _nearest("二万元", w, [0])
    'the text reads “一万元”, differing at “一万元以上十万元以下罚款。” for “二万元”'
    """
    from difflib import SequenceMatcher

    key = _fold(words)
    best = (0, "", 0, 0)  # size, line, start in line, start in key
    for k in idx:  # the longest stretch the words open with
        text = _fold(w.lines[k].text)
        for start in range(len(text)):
            n = 0
            while n < len(key) and start + n < len(text) and text[start + n] == key[n]:
                n += 1
            if n > best[0]:
                best = (n, w.lines[k].text, start, 0)
    if best[0] < 2:  # they open differently: the longest stretch they share anywhere
        for k in idx:
            text = _fold(w.lines[k].text)
            m = SequenceMatcher(None, key, text, autojunk=False).find_longest_match(
                0, len(key), 0, len(text))
            if m.size > best[0]:
                best = (m.size, w.lines[k].text, m.b - m.a, m.a)
    n, text, start, offset = best
    if n == 0:
        return "no part of it matches"
    start = max(0, start)
    here = text[start:start + len(words)]
    if offset:  # the words differ from their start: show where
        return (f"the text reads “{_short(here)}”, differing at “{_short(text[start:start + 15])}” "
                f"for “{_short(words[:15])}”")
    return (f"the text reads “{_short(here)}”, differing at “{_short(text[start + n:start + n + 15])}” "
            f"for “{_short(words[n:n + 15])}”")


# ----------------------------------------------------------------- numbering

def _number(am: _Amending) -> list[str]:
    """Give every article its number in the amended text; problems as notes."""
    notes: list[str] = []
    alive = [w for w in am.works if not w.gone]
    old_order = [w for w in am.works if w.old is not None and not w.gone]
    new_ones = [w for w in am.works if w.old is None]
    for w in new_ones:
        if w.final is None:
            notes.append(f"a new article has no number (items {'、'.join(w.items)})")
    finals = fill_numbers([(w.old, w.final) for w in old_order],
                          [w.final for w in new_ones if w.final is not None],
                          am.decision.renumbers)
    for w, n in zip(old_order, finals):
        w.final = n
    if am.decision.renumbers:
        mains = sorted({w.final.main for w in alive if w.final is not None and w.final.sub == 0})
        gaps = sorted(set(range(1, (mains[-1] if mains else 0) + 1)) - set(mains))
        if gaps:
            notes.append("the numbers the items give leave the amended text without "
                         + "、".join(cn_article_label(ArticleNumber(k)) for k in gaps))
    seen: dict[ArticleNumber, Work] = {}
    for w in alive:
        if w.final is None:
            continue
        if w.final in seen:
            clash = (f"two articles would be {cn_article_label(w.final)} "
                     f"({_who(seen[w.final])} and {_who(w)})")
            labels = [lb for x in (seen[w.final], w) for lb in x.items]
            if labels:
                for lb in dict.fromkeys(labels):
                    am.clashes.setdefault(lb, []).append(clash)
            else:
                notes.append(clash)
        seen[w.final] = w
    return notes


def fill_numbers(olds: list[tuple[ArticleNumber, ArticleNumber | None]],
                 new: list[ArticleNumber], renumbers: bool) -> list[ArticleNumber]:
    """The numbers the surviving old articles take, in their order.

    ``olds``: (old number, the number an item gives it or None); ``new``: the
    numbers of the articles the instrument adds. When the text is renumbered,
    an article no item numbers takes the next number left free, and an old
    第X条之一 stays 之一 of the article before it; otherwise it keeps its number.

    >>> A = ArticleNumber
    >>> fill_numbers([(A(1), None), (A(2), None), (A(3), A(5))], [A(2)], True)
    [ArticleNumber(main=1, sub=0), ArticleNumber(main=3, sub=0), ArticleNumber(main=5, sub=0)]
    """
    if not renumbers:
        return [final or old for old, final in olds]

    def keeps_sub(old: ArticleNumber, final: ArticleNumber | None) -> bool:
        return final is None and old.sub > 0

    taken = {f for _, f in olds if f is not None} | set(new)
    count = sum(1 for o, f in olds if not keeps_sub(o, f) and (f is None or f.sub == 0)) + \
        sum(1 for n in new if n.sub == 0)
    free = iter(k for k in range(1, count + 1) if ArticleNumber(k) not in taken)
    out: list[ArticleNumber] = []
    for old, final in olds:
        if keeps_sub(old, final):
            final = ArticleNumber(out[-1].main if out else 0, old.sub)
        elif final is None:
            nxt = next(free, None)
            final = ArticleNumber(nxt if nxt is not None else count + 1)
        out.append(final)
    return out


def _who(w: Work) -> str:
    if w.old is not None:
        return f"the old {cn_article_label(w.old)}"
    return f"the new article of item {'、'.join(w.items)}"


def _update_references(am: _Amending) -> list[str]:
    """本法第二十一条 -> 本法第二十二条 in the words the instrument did not write."""
    moved = {w.old: w for w in am.works if w.old is not None}
    if all(not w.gone and w.final == w.old for w in moved.values()) and \
            all(w.para_map.get(k, k) == k for w in moved.values() for k in w.para_map):
        return []
    notes = []
    for w in am.works:
        if w.gone:
            continue
        for line in w.lines:
            edits = []
            for ref in find_references(line.text):
                if ref.external or ref.kind == "relative" or any(line.fresh[ref.start:ref.end]):
                    continue
                new_text = _renumbered(ref, moved, line.text[ref.start:ref.end])
                if new_text is not None and new_text.endswith("\0rewritten"):
                    new_text = new_text[:-len("\0rewritten")]
                    notes.append(f"{cn_article_label(w.final)} cites {ref.text}: that article was "
                                 f"rewritten whole, so which paragraph is meant now is not known; "
                                 f"written {new_text}")
                if new_text is None:
                    notes.append(f"{cn_article_label(w.final)} cites {ref.text}, which the "
                                 "instrument deleted or merged: the reference is left as it was")
                elif new_text != ref.text:
                    edits.append((ref.start, ref.end, new_text))
            for start, end, text in reversed(edits):
                line.text = line.text[:start] + text + line.text[end:]
                line.fresh = line.fresh[:start] + [False] * len(text) + line.fresh[end:]
    return notes


def _renumbered(ref, moved: dict[ArticleNumber, Work], text: str) -> str | None:
    """A reference's text with its article (and paragraph) numbers as amended.

    >>> w = Work(ArticleNumber(18), [], None, final=ArticleNumber(19), para_map={1: 1, 2: None, 3: 2})
    >>> from redline.references import find_references
    >>> _renumbered(find_references("第十八条第三款")[0], {ArticleNumber(18): w}, "第十八条第三款")
    '第十九条第二款'
    """
    out = text
    targets = ref.targets()
    for t in targets:
        w = moved.get(t)
        if w is None:
            continue  # cites an article the text does not have: not ours to mend
        if w.gone:
            return None
        out = out.replace(cn_article_label(t), "\0" + str(targets.index(t)), 1)
    for k, t in enumerate(targets):
        w = moved.get(t)
        if w is not None:
            out = out.replace("\0" + str(k), cn_article_label(w.final), 1)
    if ref.paragraph and ref.kind == "article" and ref.article in moved:
        if not moved[ref.article].para_map:
            return out + "\0rewritten"  # its paragraphs were rewritten: cannot tell
        p = moved[ref.article].para_map.get(ref.paragraph, ref.paragraph)
        if p is None:
            return None
        out = out.replace(f"第{int_to_cn(ref.paragraph)}款", f"第{int_to_cn(p)}款", 1)
    return out


# ----------------------------------------------------------------- the result

def _settle_divisions(am: _Amending, order: list[Work]) -> list[str]:
    """Each article goes under the heading its new place puts it under.

    Headings hold runs of articles; so the articles whose headings already
    follow the order of the headings (the longest such run, found as a longest
    non-decreasing subsequence) stay, and every other one (new, moved, or made
    from a merge) joins the heading of the article before it, or of the one
    after it when that is where it came from.
    """
    # Headings a heading item names articles for (包括第X条至第Y条) hold them
    # first; those articles are fixed points the others must fit between.
    fixed: set[int] = set()
    for div, a, _ in am.new_divs:
        if a.parts and div in am.divs:
            for i, w in enumerate(order):
                if w.final in a.parts and not (w.div is not None and _under(w.div, div)):
                    w.div = div
                if w.final in a.parts:
                    fixed.add(i)
    rank = {id(d): k for k, d in enumerate(am.divs)}
    stated = {id(div) for div, a, _ in am.new_divs if a.parts}
    # An article is anchored by its heading only if that heading's articles are not stated.
    keys = [rank.get(id(w.div), -1) if w.div is not None and (i in fixed or id(w.div) not in stated)
            else None for i, w in enumerate(order)]
    anchored: set[int] = set(fixed)
    bounds = [-1, *sorted(fixed), len(order)]
    for lo_i, hi_i in zip(bounds, bounds[1:]):
        low = keys[lo_i] if lo_i >= 0 else -1
        high = keys[hi_i] if hi_i < len(order) else len(am.divs)
        segment = [i for i in range(lo_i + 1, hi_i)
                   if keys[i] is not None and low <= keys[i] <= high]
        anchored |= _longest_run(segment, keys)
    last: Div | None = None
    unsure: dict[tuple[int, int], list[Work]] = {}  # (heading before, heading after) -> articles
    pairs: dict[tuple[int, int], tuple[Div, Div]] = {}
    for i, w in enumerate(order):
        if i in anchored:
            last = w.div
            continue
        nxt = next((order[j].div for j in range(i + 1, len(order)) if j in anchored), None)
        if last is None or (w.div is not None and w.div is nxt and id(nxt) not in stated):
            w.div = nxt if last is None else w.div
        else:
            if nxt is not None and nxt is not last and w.final is not None and id(nxt) not in stated:
                unsure.setdefault((id(last), id(nxt)), []).append(w)
                pairs[(id(last), id(nxt))] = (last, nxt)
            w.div = last
    notes = []
    for k, works in unsure.items():
        before, after = pairs[k]
        first, end = cn_article_label(works[0].final), cn_article_label(works[-1].final)
        span = first if first == end else f"{first}至{end}"
        notes.append(f"{span} stand{'s' if first == end else ''} between {before.heading} and "
                     f"{after.heading}, and the instrument does not say which holds "
                     f"{'it' if first == end else 'them'}: placed under {before.heading}")
    return notes


def _longest_run(indexes: list[int], keys: list) -> set[int]:
    """The longest subsequence of ``indexes`` whose keys never decrease.

    >>> sorted(_longest_run([0, 1, 2, 3, 4], [0, 2, 1, 1, 3]))
    [0, 2, 3, 4]
    """
    tails: list[int] = []  # last index of the best run of each length
    prev: dict[int, int | None] = {}
    for i in indexes:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if keys[tails[mid]] <= keys[i]:
                lo = mid + 1
            else:
                hi = mid
        prev[i] = tails[lo - 1] if lo else None
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    out: set[int] = set()
    i = tails[-1] if tails else None
    while i is not None:
        out.add(i)
        i = prev[i]
    return out


def _ancestor(d: Div, kind: str | None) -> Div | None:
    """The nearest heading above ``d`` of ``kind`` (None: numbering runs through the text)."""
    p = d.parent
    while p is not None and p.kind != kind:
        p = p.parent
    return p


def _numbering_scopes(divisions: list[Division]) -> dict[str, str | None]:
    """Under which kind of heading each kind restarts its numbers, read from the
    text amended: sections at each chapter, the Civil Code's chapters at each
    part (though sub-parts lie between), parts never (None).

    >>> from redline.model import Division as D
    >>> _numbering_scopes([D("part_1", "part", 1, "", ""), D("part_1__subpart_1", "subpart", 1, "", ""),
    ...                    D("part_1__subpart_1__chp_1", "chapter", 1, "", ""),
    ...                    D("part_1__subpart_2", "subpart", 2, "", ""),
    ...                    D("part_1__subpart_2__chp_2", "chapter", 2, "", "")])["chapter"]
    'part'
    """
    kind_of = {d.id: d.kind for d in divisions}
    out: dict[str, str | None] = {}
    for kind in {d.kind for d in divisions}:
        of_kind = [d for d in divisions if d.kind == kind]

        def above(d: Division) -> list[tuple[str, str]]:
            """(kind, id) of each heading above ``d``, nearest first."""
            parts = d.id.split("__")
            ids = ["__".join(parts[:k]) for k in range(len(parts) - 1, 0, -1)]
            return [(kind_of.get(i, ""), i) for i in ids]

        candidates = list(dict.fromkeys(k for d in of_kind for k, _ in above(d)))
        out[kind] = candidates[0] if candidates else None
        for scope in [*candidates, None]:
            runs: dict[str, list[int]] = {}
            for d in of_kind:
                key = next((i for k, i in above(d) if k == scope), "")
                runs.setdefault(key, []).append(d.number)
            if all(nums == list(range(1, len(nums) + 1)) for nums in runs.values()):
                out[kind] = scope
                break
    return out


def _divisions(am: _Amending, order: list[Work]) -> tuple[list[Division], dict[int, str]]:
    """Number the headings again in order and give each its id."""
    # A new heading whose articles are not named takes the articles that the
    # items after it make or renumber (decisions list their items in the order
    # of the text), as far as they stand together just before the next heading.
    labels = [it.label for it in am.decision.items]
    for div, a, label in am.new_divs:
        if div not in am.divs or (a.kind != "insert_division" and not a.parts):
            continue
        if a.parts:  # 包括第X条至第Y条, or quoted with it: settled already
            continue
        k = am.divs.index(div)
        nxt = am.divs[k + 1] if k + 1 < len(am.divs) else None
        first = next((i for i, w in enumerate(order) if nxt is not None and
                      (w.div is nxt or (w.div is not None and _under(w.div, nxt)))), len(order))
        after = labels[labels.index(label) + 1:] if label in labels else []
        cut = next((k for k, lb in enumerate(after) if any(lb == x[2] for x in am.new_divs)),
                   len(after))
        following = set(after[:cut])
        i = first - 1
        while i >= 0 and following & set(order[i].items) and order[i].div is not div:
            order[i].div = div
            i -= 1
    ids: dict[int, str] = {}
    counts: dict[tuple[int, str], int] = {}
    out: list[Division] = []
    prefix = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec",
              "annex": "annex", "heading": "hd"}
    # A heading keeps its number, less the headings removed before it and plus
    # the ones added before it, among those numbered in one run with it (the
    # sections of a chapter; the Civil Code's chapters of a part).
    scope = _numbering_scopes(am.stage.divisions)

    def run(d: Div) -> tuple[int, str]:
        return id(_ancestor(d, scope.get(d.kind, d.parent.kind if d.parent else None))), d.kind

    removed: dict[tuple[int, str], list[int]] = {}
    for d in am.deleted_divs:
        removed.setdefault(run(d), []).append(d.number)
    added: dict[tuple[int, str], int] = {}
    for d in am.divs:
        key = run(d)
        if d.old_id is None:
            n = counts.get(key, 0) + 1
            added[key] = added.get(key, 0) + 1
        else:
            n = d.number - sum(1 for x in removed.get(key, ()) if x < d.number) + added.get(key, 0)
        counts[key] = n
        own = f"{prefix[d.kind]}_{n}"
        did = f"{ids[id(d.parent)]}__{own}" if d.parent is not None and id(d.parent) in ids else own
        ids[id(d)] = did
        heading = d.heading
        if d.kind in _WORD:
            heading = re.sub(rf"^第\S+?{_WORD[d.kind]}", f"第{int_to_cn(n)}{_WORD[d.kind]}", heading, 1)
        out.append(Division(did, d.kind, n, heading, d.title, list(d.lines)))
    return out, ids


def apply_decision(decision: Decision, stage: Stage) -> Applied:
    """Execute every item of ``decision`` on ``stage`` (which is not changed)."""
    am = _Amending(stage, decision)
    results: list[ItemResult] = []
    for item in decision.items:
        r = ItemResult(item.label, "ok", summary=item.text.split("\n")[0][:60])
        am.created = {}
        if item.problems:
            r.status = "FAILED"
            r.reasons = [f"not understood: {p}" for p in item.problems]
        elif not item.actions:
            r.status, r.reasons = "FAILED", ["no change understood in this item"]
        before = [(w, copy.deepcopy(w.lines), w.final, w.gone, w.div) for w in am.works]
        n_works, divs = len(am.works), list(am.divs)
        for a in item.actions if r.status == "ok" else ():
            try:
                getattr(am, a.kind)(a, item)
            except Skipped as e:
                r.status, r.reasons = "skipped", [str(e)]
            except Failed as e:
                r.status = "FAILED"
                r.reasons.append(str(e))
        if r.status == "FAILED":  # an item is executed whole or not at all
            for w, lines, final, gone, div in before:
                w.lines, w.final, w.gone, w.div = lines, final, gone, div
            del am.works[n_works:]
            am.divs = divs
        results.append(r)
    for w in am.works:  # every paragraph of it went elsewhere: nothing is left to number
        if w.old is not None and not w.lines:
            w.gone = True
    problems = _number(am)
    for r in results:
        if r.label in am.clashes and r.status != "skipped":
            r.status = "FAILED"
            r.reasons += am.clashes[r.label]
    order = sorted((w for w in am.works if not w.gone and w.final is not None), key=lambda w: w.final)
    notes = _settle_divisions(am, order)
    notes += _update_references(am)
    divisions, ids = _divisions(am, order)
    for r in results:
        item_label = r.label
        r.articles = [w.final for w in order if item_label in w.items]
        r.old_articles = [w.old for w in am.works if w.old is not None and item_label in w.items]
    by_label = {r.label: r for r in results}
    for label, div, holds in am.touched_divs:
        if id(div) in ids and label in by_label:
            by_label[label].divisions.append(ids[id(div)])
            if holds:
                by_label[label].holding.append(ids[id(div)])
    articles = []
    for w in order:
        label = cn_article_label(w.final)
        articles.append(Article(w.final, label, ids.get(id(w.div)) if w.div else None,
                                [ln.text for ln in w.lines]))
    new = Stage(stage.law, stage.stage, stage.title, stage.language, None, None, None,
                list(stage.history) + ([f"根据{decision.title}修正"] if decision.title else []),
                divisions, articles)
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
