"""What every renderer says the same way: titles of entries, which are mechanical."""

from __future__ import annotations

from typing import NamedTuple, Union

from ..diff.align import Kind
from ..diff.comparison import Comparison, Entry
# Facts of an entry and its title live with the Comparison; renderers take them here.
from ..diff.comparison import (entry_title, is_mechanical, is_number_only,  # noqa: F401
                                  is_rewording, is_substantive, side_label)
from ..diff.parts import HeadingChange, Note, Part
from ..diff.textdiff import DiffOp
from ..numbering import ArticleNumber


def continued_from(e: Entry) -> list[tuple[str, ArticleNumber]]:
    """Where an inserted article's words came from, when a paragraph of an old
    article goes on in it: [("第十八条第二款", ArticleNumber(18))].

    >>> from redline.diff.comparison import Entry
    >>> from redline.numbering import ArticleNumber as N
    >>> e = Entry("inserted", [], [], [], ["第二十条"], None, [], parts=[Part(N(18), [1], ["第二款"])])
    >>> [label for label, _ in continued_from(e)]
    ['第十八条第二款']
    """
    from ..numbering import cn_article_label, en_article_label

    if e.kind not in (Kind.INSERTED, Kind.CONTINUED) or not e.parts:
        return []
    chinese = not e.new_labels or e.new_labels[0].startswith("第")
    out = []
    for p in e.parts:
        if chinese:
            out.append((cn_article_label(p.old) + "、".join(p.where), p.old))
        else:
            out.append(((" and ".join(p.where) + " of " if p.where else "") + en_article_label(p.old),
                        p.old))
    return out


def split_destinations(e: Entry) -> str:
    """Which paragraphs of a split article went where, as the header says it:
    ``第一款、第二款 → 第一百一十条; 第三款 → 第一百一十一条`` ("" if none is known).

    >>> from redline.diff.parts import Destination
    >>> from redline.numbering import ArticleNumber as N
    >>> e = Entry("split", [N(99)], [N(110), N(111)], ["第九十九条"], ["第一百一十条", "第一百一十一条"],
    ...           0.76, [], paragraphs_to=[Destination(N(110), [0, 1], ["第一款", "第二款"]),
    ...                                    Destination(N(111), [2], ["第三款"])])
    >>> split_destinations(e)
    '第一款、第二款 → 第一百一十条; 第三款 → 第一百一十一条'
    """
    from ..numbering import cn_article_label, en_article_label

    label = dict(zip(e.new, e.new_labels))
    out = []
    for d in e.paragraphs_to:
        chinese = any(w.startswith("第") for w in d.where)
        sep = "、" if chinese else ", "
        # A part that went into another entry's article is named by its number.
        there = label.get(d.new) or (cn_article_label(d.new) if chinese else en_article_label(d.new))
        out.append(f"{sep.join(d.where)} → {there}")
    return "; ".join(out)


#: How every format names an entry where only a translation's wording changed.
REWORDING = "translation's wording only: the law did not change"
#: How every format names a continuation: weaker than a modification.
CONTINUES = "content continues, reworded"


def kind_word(e: Entry) -> str:
    """What an entry's header calls its kind.

    >>> from redline.diff.textdiff import DiffOp
    >>> e = Entry(Kind.UNCHANGED, [], [], [], [], 0.9, [DiffOp(1, "better ")], source_changed=False)
    >>> kind_word(e)
    "translation's wording only: the law did not change"
    """
    if is_rewording(e):
        return REWORDING
    if is_mechanical(e):
        return "references only"
    if e.kind == Kind.CONTINUED:
        return CONTINUES
    return str(e.kind)


def labelled(label: str) -> str:
    """An article's label as it opens its text: an ideographic space after a
    Chinese label, a plain one after an English label.

    >>> labelled("第十九条"), labelled("Article 19")
    ('第十九条\u3000', 'Article 19 ')
    """
    return label + ("\u3000" if label.startswith("第") else " ") if label else ""


def text_place(where: str) -> str:
    """How a change outside the articles is titled: an annex by its heading, the
    footnotes as what they are.

    >>> text_place("附件一"), text_place("footnotes")
    ('附件一', "Footnotes (the editor's, not the law's)")
    """
    return {"footnotes": "Footnotes (the editor's, not the law's)",
            "outside": "Outside any article (a preamble, or lines not placed in an article)"
            }.get(where, where)


def stage_line(c: Comparison) -> str:
    def one(s):
        count = "contents only" if s.stage in c.missing_text else f"{s.articles} articles"
        dates = ", ".join(x for x in (s.date, s.in_force and f"in force {s.in_force}") if x)
        return f"{s.stage}" + (f" ({dates})" if dates else "") + f", {count}"
    return f"{one(c.old)} → {one(c.new)}"


def heading_prefix(d: HeadingChange) -> str:
    """The numbering part of a heading change: ``Chapter II: `` of ``Chapter II: Legal…``.

    >>> heading_prefix(HeadingChange("inserted", None, "chp_2", None, "第二章 总则", [(1, "总则")]))
    '第二章 '
    """
    heading = d.new_heading or d.old_heading or ""
    title = "".join(t for op, t in d.diff if op != (-1 if d.new_heading else 1))
    return heading[: len(heading) - len(title)] if title and heading.endswith(title) else ""


BREAK, NOTE = "break", "note"


class Break(NamedTuple):
    """In a display line, a paragraph break only one side has: ``side`` -1 where
    the old text alone breaks (two paragraphs joined), 1 where the new text alone
    does (one split in two). ``op`` is always ``"break"``, where a text run has its op."""

    op: str
    side: int


class NoteMark(NamedTuple):
    """In a display line, where an annotation's quote ends: ``number`` is its
    footnote's number in the entry. ``op`` is always ``"note"``."""

    op: str
    number: int
    note: Note


#: What a display line holds: text runs (DiffOp), one-sided breaks and note marks.
Run = Union[DiffOp, Break, NoteMark]


def split_lines(ops, side: str | None = None) -> list[list[Run]]:
    """The diff as display lines; ``side="old"`` drops insertions, ``"new"`` deletions.

    With both sides (``side=None``), a line break that only one side has is
    marked ``Break("break", op)``: a removed break (-1) where two paragraphs were
    joined, a new one (1) where one was split. A deleted run that spans a
    paragraph break still starts a new display line, but when that break would
    cut the *new* text where it runs on, the line carries a removed-break mark
    (and likewise for insertions and the old text), so either side can be read
    back whole from the marks (:mod:`redline.workspace.verify_redline` does).

    Runs are tuples with names (``run.op``, ``run.text``; ``Break.side``);
    shown here as plain tuples:

    >>> show = lambda lines: [[tuple(run) for run in line] for line in lines]
    >>> show(split_lines([(0, "甲\\n乙"), (-1, "丙\\n"), (1, "丁")]))
    [[(0, '甲')], [(0, '乙'), (-1, '丙'), ('break', -1)], [(1, '丁')]]
    >>> show(split_lines([(0, "甲\\n乙"), (-1, "丙\\n"), (1, "丁")], "new"))
    [[(0, '甲')], [(0, '乙'), (1, '丁')]]
    >>> show(split_lines([(0, "甲"), (-1, "\\n"), (0, "乙")]))
    [[(0, '甲'), ('break', -1), (0, '乙')]]
    >>> show(split_lines([(0, "（一）"), (-1, "甲；\\n（二）"), (0, "乙")]))
    [[(0, '（一）'), (-1, '甲；'), ('break', -1)], [(-1, '（二）'), (0, '乙')]]
    >>> split_lines([(0, "甲"), (-1, "\\n"), (0, "乙")])[0][1].side
    -1
    """
    lines, origins = _display_lines(ops, side)
    if side is None:
        _mark_one_sided_breaks(lines, origins)
    return [ln for ln in lines if ln] or [[]]


def entry_lines(e: Entry, ops=None) -> list[list[Run]]:
    """An entry's display lines (``split_lines``), ``ops`` its diff with any note
    marks; a continuation's old text and new text each on lines of their own,
    whole, since neither is an edit of the other.

    >>> from redline.numbering import ArticleNumber as N
    >>> e = Entry(Kind.CONTINUED, [N(5)], [N(6)], ["第五条"], ["第六条"], 0.3,
    ...           [DiffOp(-1, "甲。\\n乙。"), DiffOp(1, "丙。")])
    >>> [[tuple(r) for r in line] for line in entry_lines(e)]
    [[(-1, '甲。')], [(-1, '乙。')], [(1, '丙。')]]
    """
    ops = e.diff if ops is None else ops
    return [ln for block in text_blocks(e, ops) for ln in split_lines(block)] or [[]]


def text_blocks(e: Entry, ops: list) -> list[list]:
    """The runs of ``ops`` in the blocks an entry is shown in: one, or of a
    continuation the old text and the new apart (where both are there)."""
    if e.kind != Kind.CONTINUED:
        return [ops]
    first_new = next((k for k, r in enumerate(ops) if r[0] == 1), len(ops))
    return [part for part in (ops[:first_new], ops[first_new:]) if part] or [ops]


def _display_lines(ops, side: str | None) -> tuple[list[list[Run]], list[int]]:
    """The runs cut into display lines, empty ones kept, and for each break
    between two of them the op of the run it came from (split_lines and
    line_ends read the one walk)."""
    skip = {"old": 1, "new": -1}.get(side or "", None)
    lines: list[list[Run]] = [[]]
    origins: list[int] = []  # op of the run each display break came from
    for run in ops:
        op, text = run[0], run[1]
        if op == NOTE:  # an annotation marker rides along on its line
            if side in (None, run.note.side):
                lines[-1].append(run)
            continue
        if op == skip:
            continue
        if side is None and op != 0 and text == "\n":
            # A paragraph break alone, removed (two paragraphs joined) or added
            # (one split in two): a visible mark, and the new layout.
            lines[-1].append(Break(BREAK, op))
            if op == 1:
                lines.append([])
                origins.append(op)
            continue
        for k, piece in enumerate(text.split("\n")):
            if k:
                lines.append([])
                origins.append(op)
            if piece:
                lines[-1].append(DiffOp(op, piece))
    return lines, origins


def side_lines(ops, side: str) -> list[list[DiffOp]]:
    """One side's display lines, its words only: ``split_lines(ops, side)`` less
    any note marks riding along.

    >>> side_lines([(0, "甲\\n乙"), (-1, "丙")], "old")
    [[DiffOp(op=0, text='甲')], [DiffOp(op=0, text='乙'), DiffOp(op=-1, text='丙')]]
    """
    return [[r for r in line if isinstance(r, DiffOp)] for line in split_lines(ops, side)]


def line_ends(ops) -> list[int | None]:
    """For each display line of ``split_lines(ops)``, whose break ends it: -1 a
    break of the old text alone (it came from a deleted run), 1 of the new text
    alone, 0 of both; None for the last line. A Word paragraph mark must be
    deleted, inserted or kept by this, for Reject All and Accept All each to give
    their own text's breaks; the display's marks say only what a reader needs.

    >>> line_ends([(0, "甲。"), (-1, "乙。\\n丙和"), (1, "\\n对"), (0, "戊")])
    [-1, 1, None]
    >>> line_ends([(0, "甲\\n乙"), (-1, "\\n"), (0, "丙")])
    [0, None]
    """
    lines, origins = _display_lines(ops, None)
    # split_lines drops lines left empty: the breaks around one end the line before.
    out: list[int | None] = []
    between: list[int] = []
    for k, line in enumerate(lines):
        if k:
            between.append(origins[k - 1])
        if not line:
            continue
        if out:
            old_breaks = any(o in (0, -1) for o in between)
            new_breaks = any(o in (0, 1) for o in between)
            out[-1] = 0 if old_breaks and new_breaks else (-1 if old_breaks else 1)
        between = []
        out.append(None)
    return out or [None]


def _mark_one_sided_breaks(lines: list[list], origins: list[int]) -> None:
    """Between two display lines that both show text of one side, that side
    must have a break of its own; where every break between them came from the
    other side's runs, mark the first line's end as a break of the other side."""
    for other in (-1, 1):  # the new side, against deletions; the old, against insertions
        visible = {0, -other}  # the runs that side shows
        last, own_break = None, False
        for k, line in enumerate(lines):
            if k and origins[k - 1] in visible:
                own_break = True
            if any(isinstance(r[0], int) and r[0] in visible for r in line):
                if last is not None and not own_break:
                    marked = lines[last]
                    if not (marked and marked[-1] == Break(BREAK, other)):
                        marked.append(Break(BREAK, other))
                last, own_break = k, False


def group_lines(lines: list, counts: list[int]) -> list[list]:
    """Lines cut into consecutive groups of ``counts`` (the rest joins the last)."""
    groups, start = [], 0
    for k, n in enumerate(counts):
        end = len(lines) if k == len(counts) - 1 else start + n
        groups.append(lines[start:end])
        start = end
    return groups


def with_notes(ops, notes: list[Note]) -> list[DiffOp | NoteMark]:
    """The diff with a ``NoteMark("note", n, note)`` run after each annotated quote.

    Offsets count characters of the note's side: a note on the new text skips
    deleted runs when counting, one on the old text skips insertions.

    >>> n = Note("n1", "new", 1, 2, "乙丙", "…")
    >>> with_notes([(0, "甲乙"), (1, "丙")], [n])[2][:2]
    ('note', 1)
    """
    if not notes:  # most entries
        return [DiffOp(op, text) for op, text in ops if text]
    ends = sorted(((n.offset + n.length, n.side, k + 1, n) for k, n in enumerate(notes)),
                  key=lambda x: x[0])
    out: list[DiffOp | NoteMark] = []
    pos = {"old": 0, "new": 0}
    for op, text in ops:
        start = dict(pos)
        cut = 0
        for side in ("old", "new"):
            if op != (1 if side == "old" else -1):
                pos[side] += len(text)
        for end, side, k, n in list(ends):
            counts = op != (1 if side == "old" else -1)
            if counts and start[side] < end <= pos[side]:
                at = end - start[side]
                if at > cut:
                    out.append(DiffOp(op, text[cut:at]))
                    cut = at
                out.append(NoteMark(NOTE, k, n))
                ends.remove((end, side, k, n))
        if cut < len(text):
            out.append(DiffOp(op, text[cut:]))
    return out
