"""``--format changes``: the change list in the NPC's own form.

In Chinese for a Chinese text; for an English one, in the English of the NPC's
translations of its decisions (``Article 18 is changed to Article 19, and its
paragraph 2 is deleted.``). The wording of each form is in :mod:`.wording`.

One numbered item per substantive change, in the new text's order, worded as
an amendment decision words it::

    一、增加一条，作为第三条：“……”
    二、将第十八条改为第十九条，删去第二款。
    三、将第四十条改为第四十二条，增加一款，作为第二款：“……”
    四、将第六十一条改为第六十四条，其中的“A”修改为“B”。
    五、将第六十八条、第六十九条第一项合并，作为第六十九条，修改为：“……”
    六、删去第七十九条。
    七、将第二章的章名修改为“……”。  增加一章，作为第三章：“第三章　……”

A removed heading is written 删去第二章第三节的节名: no decision in our corpus
removes one, so that wording is ours.

Articles that only moved number, or whose only changes are references that
follow the renumbering, are not listed: the closing sentence covers them, as
it does in the NPC's decisions. So is what is left of an article after part
of it was merged elsewhere (第六十九条 after its 第一项 went into 第六十九条).

Everything is read from the Comparison: each side's text is the diff with the
other side's runs left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..diff.align import Kind
from ..diff.comparison import Comparison, Entry
from ..diff.parts import HeadingChange
from ..errors import RedlineError
from ..model import line_position
from ..normalise import line_key, mask_refs, norm_key
from ..numbering import ArticleNumber
from ..diff.structure import division_levels
from ..diff.textdiff import DELETE, EQUAL, INSERT
from .common import group_lines, is_mechanical, is_number_only, side_lines, split_lines
from .wording import ZH, Place, ZhAmendmentWording, ZhWording, wording

#: A quoted span (其中的“A”修改为“B”) is used when it is at most this share of the line.
SPAN_SHARE = 0.6
_CLAUSE_END = "，；。：,;:"


def _side(e: Entry, side: str) -> list[str]:
    return ["".join(r.text for r in line) for line in side_lines(e.diff, side)]


def _position(lines: list[str], k: int) -> Place:
    """('paragraph', n) or ('item', n): what line ``k`` is, counted as the NPC counts."""
    para, item = line_position(lines, k)
    return ("item", item) if item else ("paragraph", para)


_INNER = str.maketrans("“”", "‘’")


def _quote(lines: list[str]) -> str:
    """Paragraphs quoted as the NPC quotes them: each opens with “, the last
    closes; the text's own quotation marks become ‘’ inside the quote.

    >>> print(_quote(["以“三个代表”重要思想为指导。", "乙。"]))
    “以‘三个代表’重要思想为指导。
    “乙。”
    """
    return "\n".join("“" + line.translate(_INNER) for line in lines) + "”"


def _quote_articles(e: Entry) -> str:
    """The new articles of a split (or of a merge into several), each quoted
    under its own label, so a reader (and ``redline apply``) knows which words
    go where."""
    lines = _side(e, "new")
    counts = (e.segments or {}).get("new", [len(lines)])
    out = []
    for label, group in zip(e.new_labels, group_lines(lines, counts)):
        out += [f"{label}　{group[0]}" if group else label] + group[1:]
    return _quote(out)


def _only_subsequence(short: list[str], long: list[str], key=line_key) -> list[int] | None:
    """Indexes of ``long`` not in ``short`` if ``short`` is ``long`` minus some lines."""
    extra, k = [], 0
    for i, line in enumerate(long):
        if k < len(short) and key(short[k]) == key(line):
            k += 1
        else:
            extra.append(i)
    return extra if k == len(short) else None


def _span(line_ops: Sequence[tuple[int, str]], language: str = "zh",
          refs: bool = False) -> tuple[str, str]:
    """The smallest run of whole clauses holding every substantive change of a
    line; in English, of whole words, one more on each side until the old words
    are found once in the line and neither side is empty.

    A reference renumbered with the law is not substantive: it may stay outside
    (unless ``refs``: its paragraph changed too, which renumbering does not do).

    >>> _span([(0, "处罚，并可以"), (-1, "由有关部门"), (0, "责令停业，没收")])
    ('并可以由有关部门责令停业', '并可以责令停业')
    >>> _span([(-1, "第二条"), (1, "第三条"), (0, "规定，并可以"), (-1, "由有关部门"), (0, "责令")])
    ('并可以由有关部门责令', '并可以责令')
    >>> _span([(0, "to promote its lawful "), (1, "and orderly "), (0, "use of data.")], "en")
    ('lawful use', 'lawful and orderly use')
    """
    substantive = []
    for k, (op, text) in enumerate(line_ops):
        if op == EQUAL:
            continue
        pair = line_ops[k + 1] if op == DELETE and k + 1 < len(line_ops) else None
        prev = line_ops[k - 1] if op == INSERT and k else None
        if not refs and pair and pair[0] == INSERT and mask_refs(text) == mask_refs(pair[1]):
            continue
        if not refs and prev and prev[0] == DELETE and mask_refs(prev[1]) == mask_refs(text):
            continue
        substantive.append(k)
    first, last = substantive[0], substantive[-1]

    def side(skip: int) -> tuple[str, str, str]:
        before = "".join(t for op, t in line_ops[:first] if op != skip)
        middle = "".join(t for op, t in line_ops[first:last + 1] if op != skip)
        after = "".join(t for op, t in line_ops[last + 1:] if op != skip)
        return before, middle, after

    def clause(before: str, middle: str, after: str) -> str:
        start = max((before.rfind(c) for c in _CLAUSE_END), default=-1) + 1
        ends = [after.find(c) for c in _CLAUSE_END if after.find(c) >= 0]
        return before[start:] + middle + after[:min(ends) if ends else len(after)]

    if language == "en":
        old_line = "".join(side(INSERT))
        for k in range(4):
            spans = [_words(*side(skip), k) for skip in (INSERT, DELETE)]
            if all(spans) and old_line.count(spans[0]) == 1:
                return spans[0], spans[1]
    return clause(*side(INSERT)), clause(*side(DELETE))


def _words(before: str, middle: str, after: str, k: int) -> str:
    """``middle`` with ``k`` whole words of context on each side.

    >>> _words("to promote its lawful ", "", "use of data.", 1)
    'lawful use'
    """
    # Both patterns match the empty string at the least: a match is always found.
    pre = m.group() if k and (m := re.search(rf"(?:\S+\s+){{0,{k}}}$", before)) else ""
    post = m.group() if k and (m := re.match(rf"(?:\s*[^\s.,;:]+){{0,{k}}}", after)) else ""
    return (pre + middle + post).strip()


def _only_article_numbers(e: Entry) -> bool:
    """Whether the references an entry changed kept their paragraph and item
    numbers: only then does the closing clause cover them, as renumbering the
    articles makes the change and nothing else does.

    >>> from redline.diff.comparison import Entry
    >>> e = Entry("renumbered", [], [], [], [], 1.0, [(0, "依照第"), (-1, "七十二条第二"), (1, "八十一条第一"), (0, "款")])
    >>> _only_article_numbers(e)
    False
    """
    from ..diff.references import find_references

    def places(side: str) -> list[tuple]:
        return [(r.paragraph, r.item) for t in _side(e, side) for r in find_references(t)]

    return places("old") == places("new")


def renumbering(c: Comparison) -> dict[ArticleNumber, set[ArticleNumber]]:
    """Old article number -> the new numbers it became: what the closing sentence
    (对条文顺序作相应调整) does to a reference, and nothing more."""
    out: dict[ArticleNumber, set[ArticleNumber]] = {}
    for e in c.entries:
        for n in e.old:
            if not e.part_of(n):
                out.setdefault(n, set()).update(e.new)
    return out


def _references_follow(e: Entry, mapping: dict[ArticleNumber, set[ArticleNumber]] | None) -> bool:
    """Whether every reference the entry changed became what the renumbering makes
    of it (第一百二十八条 -> 第一百三十六条 where 128 became 136); one that now cites
    another article (-> 第一百三十四条) is a change an item must make.

    >>> from redline.diff.comparison import Entry
    >>> from redline.numbering import ArticleNumber as N
    >>> e = Entry("modified", [], [], [], [], 0.9, [(0, "依照本法"), (-1, "第一百二十八条"), (1, "第一百三十四条")])
    >>> _references_follow(e, {N(128): {N(136)}}), _references_follow(e, {N(128): {N(134)}})
    (False, True)
    """
    from ..diff.comparison import ref_articles

    if mapping is None:
        return True
    ops = [(op, t) for op, t in e.diff]
    lang = "en" if e.new_labels and not e.new_labels[0].startswith("第") else "zh"
    for k, (op, text) in enumerate(ops[:-1]):
        nxt_op, nxt = ops[k + 1]
        if op != DELETE or nxt_op != INSERT or mask_refs(text) != mask_refs(nxt):
            continue
        olds, news = ref_articles(text, lang), ref_articles(nxt, lang)
        if len(olds) != len(news) or any(n not in mapping.get(o, {o}) for o, n in zip(olds, news)):
            return False
    return True


def describe(e: Entry, merged_away: dict[ArticleNumber, set[str]], w: ZhWording = ZH,
             mapping: dict[ArticleNumber, set[ArticleNumber]] | None = None) -> str | list[str] | None:
    """The item text for one entry (a list, of a continuation: each article
    deleted and added), or None when the closing sentence covers it.
    ``mapping`` (:func:`renumbering`) tells a reference the renumbering changed
    from one an item must change."""
    if is_number_only(e) or e.kind == Kind.UNCHANGED:
        return None
    if is_mechanical(e) and _only_article_numbers(e):
        return None
    if e.kind == Kind.INSERTED:
        return w.inserted(e.new_labels[0], _quote(_side(e, "new")))
    if e.kind == Kind.DELETED:
        return w.deleted(e.old_labels[0])
    if e.kind == Kind.CONTINUED:
        # Content that goes on reworded is, to an instrument, an article deleted
        # and one added: the items say so, one article each (the link is the
        # redline's reading, not a change the instrument could make).
        items = [w.deleted(label) for n, label in zip(e.old, e.old_labels) if not e.part_of(n)]
        groups = group_lines(_side(e, "new"), (e.segments or {}).get("new", [1] * len(e.new)))
        items += [w.inserted(label, _quote(lines)) for label, lines in zip(e.new_labels, groups)]
        return items or None
    if e.kind == Kind.MERGED:
        sources = []
        groups = group_lines(_side(e, "old"), (e.segments or {}).get("old", [1] * len(e.old)))
        for n, label, lines in zip(e.old, e.old_labels, groups):
            p = e.part_of(n)
            if p:
                sources.append((label, w.list_sep.join(p.where)))
                continue
            # Named whole here, but lines of it went into another merge: name the rest.
            elsewhere = merged_away.get(n, set())
            rest = [k for k, ln in enumerate(lines) if line_key(ln) not in elsewhere]
            where = [] if len(rest) == len(lines) or not rest else \
                [w.place(_position(lines, k)) for k in rest]
            sources.append((label, w.list_sep.join(where)))
        quote = _quote_articles(e) if len(e.new) > 1 else _quote(_side(e, "new"))
        return w.merged(sources, e.new_labels, quote)
    if e.kind == Kind.SPLIT:
        return w.split(e.old_labels[0], e.new_labels, _quote_articles(e))
    old_lines, new_lines = _side(e, "old"), _side(e, "new")
    old_label = e.old_labels[0]
    if e.kind == Kind.MOVED and not e.changed:  # the closing clause does not cover a move
        return w.moved(old_label, e.new_labels[0])
    # 将第十八条改为第十九条，删去… / 删去第十条…; the article is named once.
    new_label = e.new_labels[0] if e.old[0] != e.new[0] else None
    # What is left of an article whose lines were merged elsewhere is covered
    # by the merge item.
    gone = merged_away.get(e.old[0], set())
    # References whose paragraph changed, or that now cite an article other than
    # the one the renumbering made of theirs, are not the renumbering's doing:
    # they count as changes of wording, and the item must make them.
    strict = not _only_article_numbers(e) or not _references_follow(e, mapping)
    key = (lambda ln: norm_key(ln, w.language)) if strict else line_key
    kept_old = [ln for ln in old_lines if line_key(ln) not in gone]
    if [key(x) for x in kept_old] == [key(x) for x in new_lines]:
        return None
    dropped = _only_subsequence(new_lines, kept_old, key)
    if dropped:
        return w.drop(old_label, new_label, [_position(kept_old, k) for k in dropped])
    added = _only_subsequence(kept_old, new_lines, key)
    if added is not None and len(added) == 1:
        return w.add(old_label, new_label, _position(new_lines, added[0]),
                     _quote([new_lines[added[0]]]))
    all_lines = split_lines(e.diff)
    if len(old_lines) == len(new_lines) == len(all_lines):
        changed = [k for k in range(len(new_lines)) if key(old_lines[k]) != key(new_lines[k])]
        if len(changed) == 1:
            k = changed[0]
            words = [r for r in all_lines[k] if r[0] in (EQUAL, DELETE, INSERT)]
            a, b = _span(words, w.language, refs=strict)
            if a and len(b) <= SPAN_SHARE * len(new_lines[k]):
                # The quoted words must be found once: in the article, or else in
                # the paragraph (or item) named.
                if sum(line.count(a) for line in old_lines) == 1:
                    return w.replace(old_label, new_label, a, b)
                if old_lines[k].count(a) == 1 and len(old_lines) > 1:
                    return w.replace(old_label, new_label, a, b, _position(old_lines, k))
    return w.rewrite(old_label, new_label, _quote(new_lines))


def merged_away(c: Comparison) -> dict[ArticleNumber, set[str]]:
    """Lines (by key) of each partly merged old article that went into the merge."""
    # Each article's lines as the entry that holds it whole (its home) shows them;
    # a merge names a part by its line numbers there.
    home_lines: dict[ArticleNumber, list[str]] = {}
    for e in c.entries:
        counts = (e.segments or {}).get("old", [1] * len(e.old))
        for n, lines in zip(e.old, group_lines(_side(e, "old"), counts)):
            if not e.part_of(n):
                home_lines[n] = lines
    merged_away: dict[ArticleNumber, set[str]] = {}
    for e in c.entries:
        if e.kind != Kind.MERGED:
            continue
        for p in e.parts:
            lines = home_lines.get(p.old, [])
            merged_away.setdefault(p.old, set()).update(line_key(lines[k]) for k in p.lines
                                                        if k < len(lines))
    return merged_away


def _held(c: Comparison, div: str) -> tuple[str, str] | None:
    """The first and last articles under a heading of the new text: a new or
    renamed heading says which articles it holds, as they may not be the ones
    its place alone would give it (articles moved between chapters)."""
    # An entry's division is its first new article's: of a split, only that
    # article is known to stand under it.
    numbers = sorted((e.new[0], e.new_labels[0]) for e in c.entries if e.new and e.division
                     and (e.division == div or e.division.startswith(div + "__")))
    return (numbers[0][1], numbers[-1][1]) if numbers else None


def heading_item(d: HeadingChange, c: Comparison | None = None, w: ZhWording = ZH) -> str | None:
    """A changed heading (a row of ``Comparison.divisions``) as a decision words it.

    >>> heading_item(HeadingChange("renamed", "chp_2", "chp_2", None, None,
    ...                            [(-1, "示例活动"), (1, "监督管理")]))
    '将第二章的章名修改为“监督管理”。'
    """
    if not d.changed:
        return None
    # A heading renamed or removed is named as the text amended numbers it; a
    # new one by the place it takes.
    div = d.new if d.kind == "inserted" else d.old
    if div is None:  # a heading on neither side: nothing to name
        return None
    side = (c.new if d.kind == "inserted" else c.old) if c else None
    label, word = w.division(div, {x["id"]: x["heading"] for x in side.divisions} if side else {})
    held = _held(c, d.new) if c and d.new else None
    if d.kind == "renamed":
        return w.heading_renamed(label, word, "".join(t for op, t in d.diff if op != DELETE), held)
    if d.kind == "inserted":
        return w.heading_inserted(label, word, d.new_heading or "", held)
    return w.heading_deleted(label, word)


_SURVIVES = (Kind.UNCHANGED, Kind.RENUMBERED, Kind.MODIFIED, Kind.MOVED)


def _out_of_sequence(c: Comparison, texts: dict[int, str | list[str] | None]) -> set[int]:
    """Entries whose new number the closing clause would not give them.

    An article no item numbers takes the next number left free (as
    :func:`redline.numbering.fill_numbers` does); where that is not the number it
    has, an item must say 将第X条改为第Y条. Named one at a time, in order, as
    naming one may put the next ones right.
    """
    from ..numbering import fill_numbers

    survivors = sorted((e for e in c.entries if e.kind in _SURVIVES and len(e.old) == 1
                        and len(e.new) == 1), key=lambda e: e.old[0])
    named = {id(e) for e in survivors if texts[id(e)] and e.old[0] != e.new[0]}
    new = [n for e in c.entries if e.kind not in _SURVIVES or len(e.old) != 1 for n in e.new]
    renumbers = any(e.old[0] != e.new[0] for e in survivors) or any(
        e.kind in (Kind.DELETED, Kind.MERGED, Kind.SPLIT, Kind.CONTINUED) for e in c.entries)
    out: set[int] = set()
    for _ in range(len(survivors)):
        finals = fill_numbers([(e.old[0], e.new[0] if id(e) in named | out else None)
                               for e in survivors], new, renumbers)
        wrong = [e for e, f in zip(survivors, finals) if f != e.new[0]
                 and e.old[0] != e.new[0] and id(e) not in named | out]
        if not wrong:
            break
        out.add(id(wrong[0]))
    return out


STYLES = ("decision", "amendment")


def _wording(c: Comparison, style: str) -> ZhWording:
    """The wording for ``style``: a decision (renumbered), or a 修正案 (numbers kept)."""
    if style == "decision":
        return wording(c.new.language)
    if c.new.language != "zh":
        raise RedlineError("--style amendment is written in Chinese: this text is not")
    moved = [e for e in c.entries if e.old and e.new and e.old[0] != e.new[0]
             and e.kind in (Kind.RENUMBERED, Kind.MODIFIED, Kind.MOVED, Kind.UNCHANGED)]
    if moved:
        e = moved[0]
        raise RedlineError(f"--style amendment keeps the numbering, but {e.old_labels[0]} became "
                           f"{e.new_labels[0]} ({len(moved)} articles renumbered): use --style decision")
    return ZhAmendmentWording(c.new.title or c.old.title)


def change_items(c: Comparison, style: str = "decision") -> list[str]:
    """The numbered items' texts, without their numbers.

    A new or renamed heading comes before the first article under it; a
    removed heading, whose articles are accounted for one by one, after all.
    """
    w = _wording(c, style)
    gone = merged_away(c)
    headings = {d.new: text for d in c.divisions
                if d.kind in ("renamed", "inserted") and (text := heading_item(d, c, w))}
    mapping = renumbering(c)
    texts = {id(e): describe(e, gone, w, mapping) for e in c.entries}
    to_name = _out_of_sequence(c, texts)
    items: list[str] = []
    for e in c.entries:
        if e.new and e.division:
            for level_id, _, _ in division_levels(e.division):  # a chapter before its sections
                if (text := headings.pop(level_id, None)):
                    items.append(text)
        said = texts[id(e)]
        if said is None and id(e) in to_name:
            said = w.moved(e.old_labels[0], e.new_labels[0])
        if said:
            items.extend(said if isinstance(said, list) else [said])
    items += headings.values()  # headings with no article under them
    items += [text for d in c.divisions
              if d.kind == "deleted" and (text := heading_item(d, c, w))]
    for t in c.other_text:  # an annex rewritten or dropped (footnotes are editorial: no item)
        if t.where in ("footnotes", "outside"):
            continue  # no item form; the other formats show them
        lines = [x for ln in side_lines(t.diff, "new") if (x := "".join(r.text for r in ln))]
        items.append(w.rewrite(t.where, None, _quote(lines)) if lines else w.deleted(t.where))
    return items


def render_changes(c: Comparison, style: str = "decision") -> str:
    w = _wording(c, style)
    title = c.new.title or c.old.title
    items = change_items(c, style)
    out = [w.title(title, c.old.stage, c.new.stage), ""]
    for k, text in enumerate(items, 1):
        out.append(w.number(k) + text)
        out.append("")
    if any(e.old != e.new and e.kind != Kind.INSERTED for e in c.entries) and w.closing(title):
        # The NPC's closing sentence: it covers every article that only moved.
        out.append(w.closing(title))
    if not items:
        out.insert(2, w.nothing())
    return "\n".join(out).rstrip() + "\n"
