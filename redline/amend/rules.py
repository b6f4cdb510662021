"""The clause forms of amendment instruments, as a table of (pattern, handler) rows.

An item's text is cut into clauses (at ，；。, quotes masked as ⟨n⟩); each clause
is matched against :data:`RULES` in order, and the first handler that takes it
adds actions to a small state shared by the clauses of one item (the article
being changed, the action waiting for its quote …). A clause no row takes is
reported as not understood.

Forms (quotes shown as ⟨q⟩)::

    增加一条，作为第三条：⟨q⟩                          insert_article new=3
    在第X条后增加一条，作为第X条之一：⟨q⟩              insert_article new=X-1
    增加三条，分别作为第X条、第Y条、第Z条：⟨q⟩        insert_article ×3 (quote split by label)
    将第十八条改为第十九条，删去第二款                  renumber 18->19; delete_paragraph 2
    第X条增加四款，作为第二款至第五款：⟨q⟩            insert_paragraph 2 (four paragraphs)
    将第五十九条改为第六十一条，修改为：⟨q⟩            renumber; rewrite
    将第X条第一款修改为：⟨q⟩ / 将第X条第一款改为第Y条   rewrite paragraph / paragraph -> article
    将第六十一条…其中的⟨a⟩修改为⟨b⟩                    replace_words a->b
    将第X条第一项、第二项合并为一项，修改为⟨q⟩          merge_items
    将本法中的⟨a⟩修改为⟨b⟩                             replace_everywhere a->b
    在第X条、第Y条中的⟨a⟩后增加⟨b⟩                    replace_words a->ab (in each)
    宪法第X条第三款⟨a⟩修改为：⟨b⟩ / ⟨a⟩后增写一句…⟨b⟩  replace_words
    将第六十八条、第六十九条第一项合并，作为第六十九条   merge
    将第十四条分为二条，分别作为第十三条、第三十八条     split
    增加一章，作为第五章：⟨q⟩ / 第三章⟨q⟩中增加一节     insert_division
    将第三章的章名修改为⟨q⟩ / 删去第二章第三节的节名    rename_division / delete_division
    第七项至第十五项相应改为第八项至第十六项             consequential (done by apply itself)
    第X条至第Y条相应改为第A条至第B条                    renumber each
    宪法序言第七自然段中…                              preamble (amend_preamble; skipped without one)
    本决定（本修正案）自…起施行                         commencement
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .instrument import N, R, Action, ActionKind, Ref, parse_ref, refs_in
from .quotes import SPACED_ARTICLE, UNCLOSED, mask_quotes
from ..numbering import ARTICLE_START_RE, CN_NUM_RE, DIVISION_START_RE, ArticleNumber, cn_to_int
from ..diff.structure import DIVISION_REF, division_id

#: Law names written before a reference (刑法第X条, 《A法》第X条): dropped, as
#: every reference of an item is to the law being amended.
LAW_PREFIX = re.compile(rf"(?P<pre>删去|[将在把、和及对，。；：]|^)(?:《[^》]+》|(?:中华人民共和国)?"
                        rf"[^\s⟨⟩，。；、：将在把和及对第]{{0,15}}?法)(?=第{N}(?:条|编|分编|章|节)|序言)")
#: Quoted text in a masked clause: ⟨3⟩.
Q = r"⟨(\d+)⟩"



# --------------------------------------------------------------------------- rules

@dataclass
class _State:
    """What the clauses of one item have said so far."""

    quotes: list[list[str]]
    actions: list[Action] = field(default_factory=list)
    old: list[Ref] = field(default_factory=list)  # the article being changed (old numbers)
    new: ArticleNumber | None = None  # its number after (改为第Y条), or a new article's
    new_for: ArticleNumber | None = None  # the old article ``new`` belongs to
    pending: Action | None = None  # an action waiting for 作为… or its content
    division: str | None = None  # a division named by the item (第三章"…"中增加一节)

    def quote(self, k: str | None) -> list[str]:
        return self.quotes[int(k)] if k is not None else []

    def add(self, kind: str, **kw) -> Action:
        a = Action(ActionKind(kind), old=list(kw.pop("old", self.old)), new=kw.pop("new", self.new), **kw)
        self.actions.append(a)
        return a

    def target(self, ref: str | None) -> None:
        """A clause names an article: it becomes the one being changed."""
        if ref:
            r = parse_ref(ref)
            self.old = [r]
            self.new = r.article if self.new is None or self.new_for != r.article else self.new
            self.new_for = r.article


def _number(main: str, sub: str | None = None) -> ArticleNumber:
    return ArticleNumber(cn_to_int(main), cn_to_int(sub) if sub else 0)


def _articles(text: str) -> list[ArticleNumber]:
    return [r.article for r in refs_in(text)]


def _insert_articles(s: _State, m: re.Match) -> None:
    """增加一条 / 增加三条 / 在第X条后增加一条 (its number follows: 作为…)."""
    count = cn_to_int(m.group("count")) if m.group("count") else 1
    after = parse_ref(m.group("after")).article if m.group("after") else None
    s.pending = s.add("insert_article", old=[], new=None, count=count, after_article=after,
                      text=s.quote(m.group("q")))


def _as_article(s: _State, m: re.Match) -> None:
    """作为第X条 / 分别作为第X条、第Y条 / 分别作为第X条至第Y条: numbers for what came before."""
    news = _articles(m.group("refs"))
    quote = s.quote(m.group("q"))
    target = s.pending or next((a for a in reversed(s.actions)
                                if a.kind in ("merge", "split", "move_paragraph", "insert_article")
                                and not a.parts and a.new is None), None)
    if target is None:
        if s.old and len(news) == 1:  # 将第X条…作为第Y条: the article is renumbered
            s.new, s.new_for = news[0], s.old[0].article
            s.add("renumber", new=news[0])
            return
        raise _NotUnderstood
    target.new = news[0]
    if len(news) > 1 or target.kind == "split":
        target.parts = news
    if target.kind == "insert_article":
        target.count = max(target.count, len(news))
        target.parts = news if len(news) > 1 else []
    s.new, s.new_for = news[0], (s.old[0].article if s.old else None)
    s.pending = target
    if quote:
        _give_content(s, target, quote)


def _merge(s: _State, m: re.Match) -> None:
    refs = refs_in(m.group("refs"))
    if len({r.article for r in refs}) == 1 and all(r.paragraph and not r.item for r in refs):
        # 将第X条第二款、第三款合并(，作为第二款): paragraphs of one article
        s.old, s.new, s.new_for = refs, refs[0].article, refs[0].article
        s.pending = s.add("merge_paragraphs")
        return
    s.old = refs
    s.pending = s.add("merge", old=refs, new=None)


def _split(s: _State, m: re.Match) -> None:
    s.old = [parse_ref(m.group("ref"))]
    s.pending = s.add("split", new=None, count=cn_to_int(m.group("count")))


def _renumber(s: _State, m: re.Match) -> None:
    old = parse_ref(m.group("old"))
    new = parse_ref(m.group("new")).article
    if old.paragraph or old.item:  # 将第X条第一款改为第Y条: a paragraph becomes an article
        s.old = [old]
        s.new, s.new_for = new, old.article
        s.pending = s.add("move_paragraph", new=new)
        return
    s.old, s.new, s.new_for = [old], new, old.article
    s.add("renumber")


def _renumber_range(s: _State, m: re.Match) -> None:
    """第X条至第Y条相应改为第A条至第B条."""
    olds = _articles(m.group("old"))
    news = _articles(m.group("new"))
    if len(olds) != len(news):
        raise _NotUnderstood
    for o, n in zip(olds, news):
        s.add("renumber", old=[Ref(o)], new=n)


def _consequential(s: _State, m: re.Match) -> None:
    """第三款相应改为第四款: what apply does by itself when it renumbers."""
    s.add("consequential", text=[m.group(0)])


def _rewrite(s: _State, m: re.Match) -> None:
    s.target(m.group("ref"))
    ref = parse_ref(m.group("ref")) if m.group("ref") else (s.old[0] if s.old else None)
    quote = s.quote(m.group("q"))
    if m.group("ref") is None and s.pending is not None and s.pending.kind in (
            "merge", "split", "move_paragraph", "merge_paragraphs", "merge_items"):
        s.pending.text = quote or s.pending.text
        return
    if ref is None:
        raise _NotUnderstood
    if quote and not (ref.paragraph or ref.item) and SPACED_ARTICLE.match(quote[0]) and \
            (label := _ARTICLE_LINE.match(quote[0])):
        # 将第九条修改为：“第十条　…”: the quote names the article's number; a
        # number other than its own renumbers it, as 改为 would.
        number = _number(label.group(1), label.group(2))
        quote = ([label.group(3)] if label.group(3) else []) + quote[1:]
        if number != ref.article and (s.new is None or s.new == ref.article):
            s.old, s.new, s.new_for = [ref], number, ref.article
            s.add("renumber")
    if ref.item:
        a = s.add("rewrite_item", number=ref.item, text=quote)
        if ref.paragraph:
            a.scope = f"¶{ref.paragraph}"
    elif ref.paragraph:
        s.add("rewrite_paragraph", number=ref.paragraph, text=quote)
    else:
        s.add("rewrite", text=quote)


def _rewrite_part(s: _State, m: re.Match) -> None:
    """(将)第二款修改为：⟨q⟩ — a paragraph or item of the article being changed."""
    if not s.old:
        raise _NotUnderstood
    art = s.old[0].article
    ref = parse_ref(f"第{art.main}条" + (f"之{art.sub}" if art.sub else "") + m.group("parts"))
    if ref.item:
        a = s.add("rewrite_item", old=[Ref(art)], number=ref.item, text=s.quote(m.group("q")))
        a.scope = f"¶{ref.paragraph}" if ref.paragraph else None
    else:
        s.add("rewrite_paragraph", old=[Ref(art)], number=ref.paragraph, text=s.quote(m.group("q")))
    s.pending = s.actions[-1] if not s.actions[-1].text else None


def _rewrite_parts(s: _State, m: re.Match) -> None:
    """将第X条第一款、第二款修改为：⟨q⟩ — the quote's paragraphs, one for each, in order."""
    refs = refs_in(m.group("refs"))
    quote = s.quote(m.group("q"))
    from ..model import ITEM_RE

    paras: list[list[str]] = []
    for line in quote:
        if paras and ITEM_RE.match(line):
            paras[-1].append(line)
        else:
            paras.append([line])
    if len(paras) != len(refs) or len({r.article for r in refs}) != 1:
        raise _NotUnderstood
    s.target(f"第{refs[0].article.main}条" + (f"之{refs[0].article.sub}" if refs[0].article.sub else ""))
    for r, lines in zip(refs, paras):
        s.add("rewrite_paragraph", old=[Ref(r.article)], number=r.paragraph, text=lines)


def _old_part(s: _State, m: re.Match) -> None:
    """原第二款作为第三款(，修改为：…): numbering done by apply; a rewrite after it is
    of that paragraph, by its old number."""
    if not s.old:
        raise _NotUnderstood
    art = s.old[0].article
    s.add("consequential", text=[m.group(0)])
    s.old = [Ref(art, cn_to_int(m.group("n")) if m.group("unit") == "款" else None,
                 cn_to_int(m.group("n")) if m.group("unit") == "项" else None)]


def _merge_within(s: _State, m: re.Match, unit: str) -> None:
    """Parts of one article merged into one: paragraphs (将第X条第二款、第三款合并为一款
    (，修改为：⟨q⟩)) or items (将第X条第一项、第二项合并为一项，修改为：⟨q⟩, the merged
    item's wording quoted)."""
    refs = refs_in(m.group("refs"))
    named = (lambda r: r.paragraph) if unit == "款" else (lambda r: r.item)
    if len({r.article for r in refs}) != 1 or not all(named(r) for r in refs):
        raise _NotUnderstood
    s.old, s.new, s.new_for = refs, refs[0].article, refs[0].article
    s.pending = s.add("merge_paragraphs" if unit == "款" else "merge_items")


def _merge_paragraphs(s: _State, m: re.Match) -> None:
    _merge_within(s, m, "款")


def _merge_items(s: _State, m: re.Match) -> None:
    _merge_within(s, m, "项")


def _rewrite_this(s: _State, m: re.Match) -> None:
    """将该条修改为：⟨q⟩ (修正案: the article just named)."""
    if not s.old:
        raise _NotUnderstood
    s.add("rewrite", text=s.quote(m.group("q")))


def _replace(s: _State, m: "re.Match[str] | _Groups") -> None:
    """(将)第X条(第N款)(中的)⟨a⟩修改为⟨b⟩, or in several articles at once."""
    if m.group("more"):  # 中的“A”、“B”修改为“C”: each of them
        for k in re.findall(r"⟨(\d+)⟩", m.group("more")):
            _replace(s, _Groups(m, a=k, more=""))
    refs = refs_in(m.group("refs") or "")
    before = "\n".join(s.quote(m.group("a")))
    after = "\n".join(s.quote(m.group("b")))
    if m.group("place") and not refs and s.old:  # 将第X条改为第Y条，第二款中的…
        place = parse_ref(f"第{s.old[0].article.main}条" + m.group("place"))
        refs = [Ref(s.old[0].article, place.paragraph, place.item)]
        s.old, s.new_for = refs, s.old[0].article
        for r in refs:
            s.add("replace_words", old=[r], before=before, after=after)
        return
    _words(s, refs, before, after)


def _restatement(s: _State, m: re.Match) -> None:
    """…中⟨a⟩修改为⟨b⟩。这一条(这一款)相应修改为⟨q⟩: the Constitution restates what
    the replacement makes; executed, the replacement must give exactly that."""
    done = next((a for a in reversed(s.actions) if a.kind == "replace_words"), None)
    if done is None or not done.old:
        raise _NotUnderstood
    ref = done.old[0]
    if m.group("unit") == "条":
        ref = Ref(ref.article)
    elif not ref.paragraph:  # 这一款 of a replacement that named no paragraph
        raise _NotUnderstood
    s.add("check_restatement", old=[ref], new=done.new, text=s.quote(m.group("q")))


def _replace_everywhere(s: _State, m: re.Match) -> None:
    """将本法中的⟨a⟩修改为⟨b⟩: every occurrence, in every article and heading."""
    for k in re.findall(r"⟨(\d+)⟩", m.group("more") or "") + [m.group("a")]:
        s.add("replace_everywhere", old=[], new=None, before="\n".join(s.quote(k)),
              after="\n".join(s.quote(m.group("b"))))


def _words(s: _State, refs: list[Ref], before: str, after: str | None) -> None:
    if not refs and not s.old:
        raise _NotUnderstood
    if len(refs) == 1:
        s.target(f"第{refs[0].article.main}条" + (f"之{refs[0].article.sub}" if refs[0].article.sub
                                                  else ""))
        s.old = refs
    for r in refs or s.old:
        new = s.new if (len(refs) <= 1) else r.article
        s.add("replace_words", old=[r], new=new, before=before, after=after)


def _insert_words(s: _State, m: re.Match) -> None:
    """在第X条中的⟨a⟩后增加⟨b⟩ / ⟨a⟩后增写一句 ⟨b⟩ / ⟨a⟩前增加⟨b⟩."""
    refs = refs_in(m.group("refs") or "")
    anchor = "\n".join(s.quote(m.group("a")))
    if m.group("b") is None:  # …后增写一句，内容为：⟨b⟩ — the words come in the next clause
        _words(s, refs, anchor, None)
        s.pending = s.actions[-1]
        s.pending.where = m.group("where")
        return
    added = "\n".join(s.quote(m.group("b")))
    if m.group("where") == "前":
        _words(s, refs, anchor, added + anchor)
    else:
        _words(s, refs, anchor, anchor + added)


def _delete_words(s: _State, m: re.Match) -> None:
    refs = refs_in(m.group("refs") or "")
    words = [w for k in re.findall(Q, m.group("qs")) for w in s.quote(k)]
    for w in words:
        _words(s, refs, w, "")


def _delete(s: _State, m: re.Match) -> None:
    refs = refs_in(m.group("refs"))
    if not refs:
        raise _NotUnderstood
    for r in refs:
        if r.item or r.paragraph:
            if r.article != (s.old[0].article if s.old else None) or len(refs) > 1:
                s.old, s.new, s.new_for = [Ref(r.article)], r.article, r.article
            if r.item:
                a = s.add("delete_item", number=r.item)
                a.scope = f"¶{r.paragraph}" if r.paragraph else None
            else:
                s.add("delete_paragraph", number=r.paragraph)
        else:
            s.add("delete_article", old=[r], new=None)


def _delete_parts(s: _State, m: re.Match) -> None:
    """删去第二款、第三款 / 删去第一项 (of the article being changed)."""
    if not s.old:
        raise _NotUnderstood
    for n, unit in re.findall(rf"第({N})(款|项)", m.group("parts")):
        a = s.add("delete_paragraph" if unit == "款" else "delete_item", number=cn_to_int(n))
        if unit == "项" and (p := re.search(rf"第({N})款第", m.group("parts"))):
            a.scope = f"¶{cn_to_int(p.group(1))}"


def _insert_parts(s: _State, m: re.Match) -> None:
    """(第X条)(⟨scope⟩中)增加一款/四款/一项，作为第N款 / 增加规定."""
    s.target(m.group("ref"))
    if not s.old:
        raise _NotUnderstood
    unit = m.group("unit") or "款"
    count = cn_to_int(m.group("count")) if m.group("count") else 1
    scope = "\n".join(s.quote(m.group("scope"))) or None
    if m.group("para"):
        scope = f"¶{cn_to_int(m.group('para'))}"
    elif s.old and s.old[0].paragraph and unit == "项":  # 在第X条第一款中增加一项
        scope = f"¶{s.old[0].paragraph}"
    a = s.add("insert_paragraph" if unit == "款" else "insert_item", count=count, scope=scope,
              text=s.quote(m.group("q")))
    if m.group("as_n"):
        a.number = cn_to_int(m.group("as_n"))
    s.pending = a


def _as_part(s: _State, m: re.Match) -> None:
    """作为第N款 / 作为第二款至第五款 / 作为第七项⟨q⟩."""
    if s.pending is not None and s.pending.kind == "merge_paragraphs":
        return  # 合并，作为第二款: the merged paragraph stands where the first stood
    a = s.pending if s.pending and s.pending.kind in ("insert_paragraph", "insert_item") else None
    if a is None and s.actions and s.actions[-1].kind in ("insert_paragraph", "insert_item"):
        a = s.actions[-1]
    if a is None:
        raise _NotUnderstood
    a.number = cn_to_int(m.group("n"))
    if m.group("q"):
        a.text = s.quote(m.group("q"))
    s.pending = None if a.text else a


def _content(s: _State, m: re.Match) -> None:
    """A clause that is only quoted text (内容如下：⟨q⟩, or ⟨q⟩ after 作为…)."""
    quote = s.quote(m.group("q"))
    target = s.pending or next((a for a in reversed(s.actions) if (not a.text and a.kind in (
        "insert_article", "insert_division", "insert_paragraph", "insert_item", "rewrite",
        "merge", "split")) or (a.kind == "replace_words" and a.after is None)), None)
    if target is None:
        raise _NotUnderstood
    _give_content(s, target, quote)


def _give_content(s: _State, a: Action, quote: list[str]) -> None:
    if a.kind == "replace_words":  # …后增写一句，内容为：⟨q⟩
        added = "\n".join(quote)
        before = a.before or ""  # replace_words always has the words it follows
        a.after = before + added if a.where == "后" else added + before
        s.pending = None
        return
    a.text = quote
    if a.kind == "insert_division":
        a.articles = quoted_articles(quote)
        a.parts = list(a.articles)
        # 增加一节…；增加五条，分别作为…：内容如下 — the articles are quoted after the heading.
        inserts = [x for x in s.actions if x.kind == "insert_article" and not x.text]
        for x in inserts:
            for n in x.numbers:
                if n in a.articles:
                    x.text = ["\n".join(a.articles[n])]
            x.articles = {n: a.articles[n] for n in x.numbers if n in a.articles}
    elif a.kind == "insert_article" and (a.parts or a.count > 1):
        a.articles = quoted_articles(quote)
        for d in s.actions:  # 增加一节…；增加五条…：the section holds them
            if d.kind == "insert_division" and not d.parts:
                d.parts = a.numbers
                d.articles = dict(a.articles)
    s.pending = None


def _insert_division(s: _State, m: re.Match) -> None:
    """增加一章(，作为第五章)(：⟨q⟩) / 第三章⟨q⟩中增加一节 / 第三章后增加一章."""
    where = division_id(m.group("in")) if m.group("in") else None
    s.division = where
    a = s.add("insert_division", old=[], new=None, text=s.quote(m.group("q")))
    if m.group("as"):
        a.division = _within(where, division_id(m.group("as")))
    s.pending = a
    if a.text:
        _give_content(s, a, a.text)


def _insert_division_after(s: _State, m: re.Match) -> None:
    """第三章第六节后增加一节: the new heading's parent is that section's."""
    _insert_division(s, m)
    after = division_id(m.group("in"))
    s.division = after.rsplit("__", 1)[0] if "__" in after else None


def _as_division(s: _State, m: re.Match) -> None:
    a = next((x for x in reversed(s.actions) if x.kind == "insert_division"), None)
    if a is None:
        raise _NotUnderstood
    a.division = _within(s.division, division_id(m.group("div")))
    quote = s.quote(m.group("q"))
    if quote and DIVISION_START_RE.match(quote[0]):  # 作为第三章：“第三章　监督管理”
        _give_content(s, a, quote)
    elif quote:  # 作为第七节“监察委员会”: the title alone
        a.before = "".join(quote)
    s.pending = a


def _division_holds(s: _State, m: re.Match) -> None:
    """分为四条，包括第X条至第Y条: the articles of a new chapter (their wording
    comes in items of their own, or quoted with the chapter)."""
    a = next((x for x in reversed(s.actions) if x.kind in ("insert_division", "rename_division")),
             None)
    if a is None or not m.group(0):
        raise _NotUnderstood
    if m.group("refs"):
        a.parts = _articles(m.group("refs"))
        for x in s.actions:
            if x.kind == "insert_article":
                x.articles = {n: a.articles[n] for n in x.numbers if n in a.articles}


def _within(parent: str | None, div: str) -> str:
    """第七节 inside 第三章 -> chp_3__sec_7."""
    if parent and "__" not in div and not div.startswith(parent):
        return f"{parent}__{div}"
    return div


def _rename_division(s: _State, m: re.Match) -> None:
    a = s.add("rename_division", old=[], new=None, division=division_id(m.group("div")),
              text=s.quote(m.group("new")))
    if m.group("old_q"):
        a.before = "\n".join(s.quote(m.group("old_q")))
    s.pending = a if not a.text else None


def _delete_division(s: _State, m: re.Match) -> None:
    s.add("delete_division", old=[], new=None, division=division_id(m.group("div")))


def _annex(s: _State, m: re.Match) -> None:
    """将附件一修改为：⟨q⟩ / 删去附件二: an annex rewritten whole or dropped."""
    div = f"annex_{cn_to_int(m.group('n')) if m.group('n') else 1}"
    if m.group("verb") == "删去":
        s.add("delete_division", old=[], new=None, division=div)
    else:
        s.add("rewrite_annex", old=[], new=None, division=div, text=s.quote(m.group("q")))


def _renumber_division(s: _State, m: re.Match) -> None:
    s.add("consequential", old=[], new=None, text=[m.group(0)])


def _preamble(s: _State, m: re.Match) -> None:
    s.add("preamble", old=[], new=None, text=[m.group(0)])


def _nothing(s: _State, m: re.Match) -> None:
    pass


class _NotUnderstood(Exception):
    pass


class _Groups:
    """A match with some groups replaced, for a handler called once per quote."""

    def __init__(self, m: "re.Match[str] | _Groups", **over):
        self.m, self.over = m, over

    def group(self, name):
        return self.over[name] if name in self.over else self.m.group(name)


DIV = DIVISION_REF
#: Several references: 第三条、第五条第二款; a bare 第二款 after one is of the same article.
REFS = rf"(?:{R}(?:(?:、|和|及|至)(?:{R}|第{N}款(?:第{N}项)?|第{N}项))*)"


def _q(name: str) -> str:
    """A quote placeholder whose number is the group ``name``."""
    return rf"⟨(?P<{name}>\d+)⟩"


#: The clause forms, tried in order; each pattern must match a whole clause
#: (quotes masked as ⟨n⟩, the law's name before a reference dropped). A handler
#: that raises _NotUnderstood lets the next row try.
RULES: list[tuple[str, re.Pattern, Callable[[_State, re.Match], None]]] = [
    (name, re.compile(pattern), handler) for name, pattern, handler in [
        ("several-changes", r"对部分条文作(?:以下|如下)修改", _nothing),
        ("restatement", rf"这一(?P<unit>条|款)相应(?:修改|改)为(?:{_q('q')})", _restatement),
        ("preamble", r"(?:在)?序言.*", _preamble),
        ("insert-articles", rf"(?:在?(?P<after>{R})(?:之)?后)?增加(?P<count>{CN_NUM_RE})?条"
                            rf"(?:{_q('q')})?", _insert_articles),
        ("as-articles", rf"(?:分别)?作为(?P<refs>{REFS})(?:{_q('q')})?", _as_article),
        ("insert-division", rf"(?:在)?(?:(?P<in>{DIV})(?:{Q})?中)?增加一(?:编|分编|章|节)"
                            rf"(?:，?作为(?P<as>{DIV}))?(?:{_q('q')})?", _insert_division),
        ("division-after", rf"(?:在)?(?P<in>{DIV})(?:{Q})?后增加一(?:编|分编|章|节)"
                           rf"(?P<as>)(?:{_q('q')})?", _insert_division_after),
        ("as-division", rf"作为(?P<div>{DIV})(?:{_q('q')})?", _as_division),
        ("division-holds", rf"(?:分为{CN_NUM_RE}条)?(?:，?包括)?(?P<refs>{R}至{R}|{REFS})?",
         _division_holds),
        ("rename-division", rf"(?:将)?(?P<div>{DIV})的?(?:编|分编|章|节)名(?:{_q('old_q')})?"
                            rf"修改为(?:{_q('new')})?", _rename_division),
        ("delete-division", rf"删去(?P<div>{DIV})(?:的?(?:编|分编|章|节)名)?", _delete_division),
        ("division-consequential", rf"(?:将)?{DIV}(?:至{DIV})?(?:相应)?(?:地)?改为{DIV}(?:至{DIV})?",
         _renumber_division),
        ("merge", rf"将(?P<refs>{REFS})合并", _merge),
        ("split", rf"将(?P<ref>{R})分为(?P<count>{CN_NUM_RE})条", _split),
        ("renumber-range", rf"(?:将)?(?:原)?(?P<old>{R}(?:(?:至|、){R})*)相应(?:地)?改为"
                           rf"(?P<new>{R}(?:(?:至|、){R})*)", _renumber_range),
        ("consequential", rf"(?:将)?(?:原)?第{N}(?:款|项|目)(?:(?:至|、)第{N}(?:款|项|目))*相应(?:地)?改为"
                          rf"第{N}(?:款|项|目)(?:(?:至|、)第{N}(?:款|项|目))*", _consequential),
        ("paragraph-becomes", rf"(?:将)?原第(?P<n>{N})(?P<unit>款|项)(?:相应)?(?:地)?(?:改为|作为)第{N}(?:款|项)",
         _old_part),
        ("renumber", rf"(?:将)?(?P<old>{R})(?:改为|移作|调整为)(?P<new>{R})", _renumber),
        ("delete-words", rf"删去(?:(?P<refs>{REFS})(?:中的|中)?)?(?P<qs>{Q}(?:(?:、|和|及){Q})*)",
         _delete_words),
        ("words-deleted", rf"将(?:(?P<refs>{REFS})(?:中的|中)?)?(?P<qs>{Q}(?:(?:、|和|及){Q})*)删去",
         _delete_words),
        ("merge-paragraphs", rf"将(?P<refs>{R}(?:、第{N}款)+)合并为一款", _merge_paragraphs),
        ("merge-items", rf"将(?P<refs>{R}(?:、第{N}项)+)合并为一项", _merge_items),
        ("delete", rf"删去(?P<refs>{REFS})", _delete),
        ("delete-parts", rf"删去(?:其中的)?(?P<parts>(?:第{N}款)?第{N}(?:款|项)"
                         rf"(?:、(?:第{N}款)?第{N}(?:款|项))*)", _delete_parts),
        ("annex", rf"(?:将|(?P<verb>删去))(?:本法)?附件(?P<n>{N})?(?:修改为{_q('q')})?", _annex),
        ("rewrite-this", rf"(?:并)?将该条修改为(?:{_q('q')})?", _rewrite_this),
        ("rewrite", rf"(?:将)?(?P<ref>{R})?修改为(?:{_q('q')})?", _rewrite),
        ("rewrite-part", rf"(?:将)?(?:其)?(?:其中的)?(?P<parts>第{N}(?:款|项)(?:第{N}项)?)修改为(?:{_q('q')})?",
         _rewrite_part),
        ("rewrite-parts", rf"(?:将)?(?P<refs>{R}(?:、第{N}款)+)修改为(?:{_q('q')})?", _rewrite_parts),
        ("replace-everywhere", rf"(?:将)?(?:本法|《[^》]{{1,40}}》)(?:全文)?(?:中的|中)(?P<more>(?:⟨\d+⟩(?:、|和))*)"
                               rf"{_q('a')}(?:的表述)?(?:均|统一|一律|全部)?修改为{_q('b')}", _replace_everywhere),
        ("replace-words", rf"(?:将)?(?P<refs>{REFS})?(?:{Q})?(?:中)?(?:其)?(?P<place>(?:第{N}款)?(?:第{N}项)?)"
                          rf"[^⟨]{{0,40}}?(?:中的|其中的|中)?(?P<more>(?:⟨\d+⟩(?:、|和))*){_q('a')}(?:的表述)?"
                          rf"(?:均|统一|一律|全部)?修改为{_q('b')}",
         _replace),
        ("insert-words", rf"(?:在)?(?:(?P<refs>{REFS})[^⟨]{{0,40}}?(?:中的|中)?)?{_q('a')}"
                         rf"(?P<where>后|前)(?:增加|增写|加上)(?:一句|一段|内容)?(?:，?内容为)?"
                         rf"(?:{_q('b')})?", _insert_words),
        ("insert-parts", rf"(?:将)?(?:在)?(?P<ref>{R})?(?:{_q('scope')})?(?:第(?P<para>{N})款)?"
                         rf"(?:中|后)?增加(?:(?P<count>{CN_NUM_RE})(?P<unit>款|项)|规定)"
                         rf"(?:，?作为第(?P<as_n>{N})(?:款|项))?(?:{_q('q')})?",
         _insert_parts),
        ("as-part", rf"作为第(?P<n>{N})(?:款|项)(?:(?:至|、)第{N}(?:款|项))*(?:{_q('q')})?", _as_part),
        ("content", rf"(?:内容如下|内容为)?{_q('q')}", _content),
    ]
]


#: A purpose clause before the amendment (为了惩治……，切实保护……，将刑法第X条修改为):
#: what the instrument is for, no change; read past up to the clause that acts.
PURPOSE = re.compile(r"^为了?[^：:⟨]*?[，,](?=(?:将|在|删去|增加|对)[^，,⟨]*(?:修改|增加|删去|改为|作为|合并))")
#: Opens a problem that is the instrument's, not the reader's (a quote cut off).
SOURCE_DEFECT = "source defect: "
#: The enacting sentence run into the amendment (……会议决定对《××法》作如下修改：增加一条…).
ENACTING = re.compile(r"^[^⟨]*?对《[^》]+》(?:作|进行)(?:如下|以下)(?:补充)?修改[：:]?")
#: A web page's own words in front (a tab label: 全文、), never an item label (一、).
PAGE_LABEL = re.compile(r"^(?![一二三四五六七八九十百]+、)[\u4e00-\u9fff]{1,4}、(?=为了?|将|在|删去|增加|对)")


_CONTENT_FOLLOWS = re.compile(r"(?:内容如下|内容为)[：:]\s*\n")


def _quote_content(item_text: str) -> str:
    """The Constitution's 增加五条……内容如下： gives the new heading and articles
    unquoted, a line each, to the item's end: quoted here as the NPC quotes
    several paragraphs (each opens with “, the last closes).

    >>> _quote_content("增加一节，作为第四节；增加一条。内容如下：\\n第四节　检察院\\n第八条　甲。")
    '增加一节，作为第四节；增加一条。内容如下：\\n“第四节　检察院\\n“第八条　甲。”'
    """
    m = _CONTENT_FOLLOWS.search(item_text)
    if not m:
        return item_text
    lines = [ln.strip() for ln in item_text[m.end():].split("\n") if ln.strip()]
    if not lines or any(ln[0] in "“\"" for ln in lines):
        return item_text  # quoted already
    return item_text[:m.end()] + "\n".join("“" + ln for ln in lines) + "”"


def item_actions(item_text: str, context: str | None = None) -> tuple[list[Action], list[str]]:
    """The actions of one item's text; ``context``: the article a parent item
    named (对第五十条作如下修改), which its clauses then change.

    A purpose clause, the enacting sentence run into the amendment and a web
    page's tab label are read past:

    >>> [a.kind.value for a in item_actions('为了惩治示例犯罪，切实保护示例秩序，将刑法第三条修改为："甲。"')[0]]
    ['rewrite']
    >>> [a.kind.value for a in item_actions('会议决定对《示例法》作如下修改：增加一条，作为第三条："甲。"')[0]]
    ['insert_article']
    >>> [a.kind.value for a in item_actions('全文、为了示例，将示例法第二条修改为："乙。"')[0]]
    ['rewrite']
    """
    masked, quotes = mask_quotes(_quote_content(item_text))
    if UNCLOSED in masked:
        k = masked.index(UNCLOSED)
        opened = unmask(masked[max(0, masked.rfind("⟨", 0, k)):k], quotes)
        return [], [f"{SOURCE_DEFECT}the quotation {opened} is not closed: cut off in the source, "
                    "or its closing mark lost; nothing is executed on words that may be cut"]
    masked = LAW_PREFIX.sub(r"\g<pre>", masked.replace("\n", ""))
    masked = PAGE_LABEL.sub("", masked, count=1)
    masked = ENACTING.sub("", masked, count=1)
    masked = PURPOSE.sub("", masked, count=1)
    s = _State(quotes)
    if context:
        s.target(context)
    problems: list[str] = []
    if re.match(r"^(?:在)?序言", masked):  # the whole item changes the preamble
        return [Action(ActionKind.PREAMBLE, text=[item_text])], []
    for raw in _clauses(masked):
        c = raw.strip().replace("：", "").replace(":", "")
        c = re.sub(r"^(?:并|同时|其中)(?=将|删去|增加|在|第)", "", c)
        if not c:
            continue
        for name, pattern, handler in RULES:
            m = pattern.fullmatch(c)
            if not m:
                continue
            try:
                handler(s, m)
            except (_NotUnderstood, ValueError, KeyError, IndexError):
                # A form this row does not take after all (a number out of range,
                # a quote missing): the next row may; if none does, it is reported.
                continue
            break
        else:
            problems.append(unmask(raw.strip(), quotes))
    for a in s.actions:
        if a.kind == "merge" and a.new is None and s.new is not None:
            a.new = s.new
    return s.actions, problems


def _clauses(masked: str) -> list[str]:
    """Clauses at ，；。, and after a quote that an instruction follows with no
    mark between (作为第二款："…"第二款相应改为第三款).

    >>> _clauses("作为第二款⟨0⟩第二款相应改为第三款。")
    ['作为第二款⟨0⟩', '第二款相应改为第三款']
    >>> _clauses("增加一款作为第二款⟨0⟩原第二款作为第三款，修改为⟨1⟩")
    ['增加一款', '作为第二款⟨0⟩', '原第二款作为第三款', '修改为⟨1⟩']
    >>> _clauses("第五条增加一款作为该条第二款，即：⟨0⟩")
    ['第五条增加一款', '作为第二款：⟨0⟩']
    >>> _clauses("宪法第五条增加一款，作为第一款，规定：⟨0⟩")
    ['宪法第五条增加一款', '作为第一款：⟨0⟩']
    """
    masked = re.sub(r"(⟨\d+⟩)(?=将|删去第|原第|在第|增加(?!规定)|第[^⟨，；。]{1,30}?相应)", r"\1，", masked)
    # The forms of provincial decisions: 增加一款作为该条第二款，即："…" reads as
    # 增加一款，作为第二款："…".
    masked = re.sub(r"[，,]?即[：:]?(?=⟨\d+⟩)", "：", masked).replace("作为该条第", "作为第")
    # The Constitution's form: 增加一款，作为第一款，规定："…" reads as 作为第一款："…".
    masked = re.sub(r"[，,]规定[：:]?(?=⟨\d+⟩)", "：", masked)
    masked = re.sub(r"(增加(?:[一二两三四五六七八九十]+)?[条款项])(?=作为)", r"\1，", masked)
    return [c for c in re.split(r"[，；。,;]|\.(?!\d)", masked) if c.strip()]


def unmask(text: str, quotes: list[list[str]]) -> str:
    return re.sub(Q, lambda m: "“" + "\n".join(quotes[int(m.group(1))])[:30] + "”", text)


_ARTICLE_LINE = re.compile(rf"^第({N})条(?:之({N}))?[\s\u3000]*(.*)$")


def quoted_articles(content: list[str]) -> dict[ArticleNumber, list[str]]:
    """The articles quoted under their own labels (after a heading, if any), by number.

    >>> quoted_articles(["第五章　监督管理", "第四十条　甲。", "乙。", "第四十一条　丙。"])
    {ArticleNumber(main=40, sub=0): ['甲。', '乙。'], ArticleNumber(main=41, sub=0): ['丙。']}
    """
    out: dict[ArticleNumber, list[str]] = {}
    current = None
    for line in content:
        if (m := _ARTICLE_LINE.match(line)) and ARTICLE_START_RE.match(line):
            current = _number(m.group(1), m.group(2))
            out[current] = [m.group(3)] if m.group(3) else []
        elif current is not None:
            out[current].append(line)
    return out
