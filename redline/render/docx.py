"""``--format docx``: the new text in Word, with real tracked changes against the old.

Removed words are ``w:del`` runs and added words ``w:ins`` runs, each with its
author and the new stage's date, so Word's Review pane lists them and Accept
All gives the new text: every article, its number and its paragraphs. A
paragraph removed or joined to the next has its paragraph mark marked deleted;
one added or split off, inserted. A renumbered article's label is a tracked
change too (第十八条 → 第十九条). Headings are Word headings; the body font is
SimSun for East Asian text. Annotations, and the articles that moved, carry
Word comments, not body text.

python-docx cannot write revision marks (its long-standing open request), so
the runs are built with its lxml elements (``docx.oxml``), as Word writes them.

Reject All gives the old text, article by article, in the old order. An
article shown with its redline stands where both texts have it (:func:`placement`
chooses them: the longest run of entries in the same order on both sides). A
moved article is a Word move: its old text is ``w:moveFrom`` where the old text
had it, its new text ``w:moveTo`` where the new text has it, with words added
after the move as ``w:ins`` inside it and words dropped as ``w:del`` at the old
place. A merge or split whose articles do not stand together on both sides is
shown the same way, as deleted there and inserted here, with a comment naming
the other side. Part of an article merged into another is new words in the
merged article; its removal shows in the article it came from. Headings are
placed the same way: each stands before the first article under it on each side;
one in the same order on both sides has its changes tracked, numbers included
(第四章 → 第五章); one that moved, came or went is deleted where the old text had
it and inserted where the new one has it.
"""

from __future__ import annotations

import io
import itertools
from typing import NamedTuple, Union

from ..diff.align import Kind
from ..diff.comparison import Comparison, Entry
from ..diff.parts import HeadingChange
from ..model import division_path
from ..numbering import DIVISION_START_RE
from ..order import longest_increasing
from ..diff.textdiff import DELETE, EQUAL, INSERT, DiffOp, with_old_forms
from .common import (REWORDING, continued_from, entry_title, is_rewording, labelled, line_ends,
                     split_destinations, split_lines)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _date(c: Comparison) -> str:
    return f"{c.new.date}T00:00:00Z" if c.new.date else "2000-01-01T00:00:00Z"


class _Marks:
    """Makes revision elements, each with its own id."""

    def __init__(self, author: str, date: str):
        self.author, self.date = author, date
        self.ids = itertools.count(1)

    def mark(self, tag: str):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        el = OxmlElement(tag)
        el.set(qn("w:id"), str(next(self.ids)))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el


def _run(text: str, deleted: bool = False):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


#: Run wrappers beyond DELETE and INSERT: text moved away from here (gone on
#: Accept All) and text moved to here (gone on Reject All).
MOVE_FROM, MOVE_TO = "moveFrom", "moveTo"
_WRAP = {DELETE: "w:del", INSERT: "w:ins", MOVE_FROM: "w:moveFrom", MOVE_TO: "w:moveTo"}


def _add_runs(p, runs: list[tuple], marks: _Marks) -> None:
    for op, text in runs:
        if not text:
            continue
        if op in _WRAP:
            wrap = marks.mark(_WRAP[op])
            wrap.append(_run(text, deleted=op == DELETE))
            p._p.append(wrap)
        else:
            p._p.append(_run(text))


def _mark_paragraph(p, op, marks: _Marks) -> None:
    """The paragraph's own mark (its end) deleted (-1), inserted (1), moved from
    or moved to here."""
    from docx.oxml import OxmlElement

    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(f"{{{W}}}rPr")
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.append(marks.mark(_WRAP[op]))


def _move_range(first, last, side: str, name: str, marks: _Marks) -> None:
    """``w:moveFromRangeStart``/``End`` (or ``moveTo``) around the paragraphs of
    one move; the two ranges of a move share ``name``, which is how Word pairs them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = marks.mark(f"w:{side}RangeStart")
    start.set(qn("w:name"), name)
    ppr = first._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        first._p.insert(0, start)
    end = OxmlElement(f"w:{side}RangeEnd")
    end.set(qn("w:id"), start.get(qn("w:id")))
    last._p.append(end)


def render_docx(c: Comparison, author: str = "redline", paper: str = "a4",
                title: str | None = None) -> bytes:
    """Word with tracked changes, on ``paper`` (a4 or letter), under a title block
    (``title`` in place of the law's title, if given): see :mod:`.word_page`."""
    from .word_page import add_title, new_document

    doc = new_document(c, paper=paper)
    marks = _Marks(author, _date(c))
    add_title(doc, c, title)
    moves: dict[int, str] = {}  # id(entry) -> the name its two move ranges share
    # An annex whose own text changed: that text, tracked, under its heading.
    annexes = {t.where: t for t in c.other_text if t.where not in ("footnotes", "outside")}
    annex_lines = {d["id"]: d["lines"] for d in c.new.divisions if d.get("lines")}
    for where, x, k in placement(c):
        if isinstance(x, HeadingChange):
            if where == "heading":
                _heading(doc, x, x.new_heading or "", x.new or "", marks)
            else:
                _one_sided_heading(doc, x, where == "heading-old", marks)
            changed = annexes.pop(x.new_heading or "", None) or annexes.pop(x.old_heading or "", None)
            if changed:
                _entry(doc, Entry(Kind.MODIFIED, [], [], [], [], None, changed.diff), marks)
            elif where == "heading" and (lines := annex_lines.get(x.new)):  # an annex as it was
                _entry(doc, Entry(Kind.UNCHANGED, [], [], [], [], 1.0, [DiffOp(EQUAL, "\n".join(lines))]),
                       marks)
        elif where == "both":
            _entry(doc, x, marks)
        else:
            _one_side(doc, x, k, where, marks, moves.setdefault(id(x), f"move{len(moves) + 1}"))
    buf = io.BytesIO()
    doc.save(buf)
    return steady_zip(buf.getvalue(), c.new.date)


def _one_sided_heading(doc, h: HeadingChange, old: bool, marks: _Marks) -> None:
    """A heading of one side alone: one the new text dropped (or that stands
    elsewhere in it), deleted; one it added (or moved here), inserted."""
    level_id = (h.old if old else h.new) or ""
    p = doc.add_heading("", level=min(2 + level_id.count("__"), 4))
    op = DELETE if old else INSERT
    _add_runs(p, [(op, (h.old_heading if old else h.new_heading) or "")], marks)
    _mark_paragraph(p, op, marks)


def steady_zip(data: bytes, date: str | None) -> bytes:
    """The package again with every member dated ``date`` (the new stage's; else
    1980-01-01) instead of the clock: the same comparison gives the same bytes.

    >>> import zipfile
    >>> b = io.BytesIO()
    >>> with zipfile.ZipFile(b, "w") as z:
    ...     z.writestr("a.xml", "<a/>")
    >>> zipfile.ZipFile(io.BytesIO(steady_zip(b.getvalue(), "2016-11-07"))).infolist()[0].date_time
    (2016, 11, 7, 0, 0, 0)
    """
    import zipfile

    y, m, d = (int(x) for x in date.split("-")) if date and len(date.split("-")) == 3 else (1980, 1, 1)
    stamp = (max(y, 1980), m, d, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()



#: Where a thing stands in a text: (article position, 0 heading / 1 article, depth).
Key = tuple[int, int, int]


class Placed(NamedTuple):
    """One thing of the Word document in its place: ``where`` is "both", "old"
    or "new" for an entry (``k``: which article of that side), "heading",
    "heading-old" or "heading-new" for a heading."""

    where: str
    item: Union[Entry, HeadingChange]
    k: int = 0


def placement(c: Comparison) -> list[Placed]:
    """The document's order, so that Accept All reads the new text in its order
    and Reject All the old text in its order, headings included.

    ``Placed("both", e, 0)``: entry ``e`` with its redline, where both texts have it;
    ``Placed("old", e, k)``: its k-th old article alone, where the old text had it;
    ``Placed("new", e, k)``: its k-th new article alone, where the new text has it;
    ``("heading", h, 0)`` a heading where both texts have it (its changes
    tracked), ``("heading-old", h, 0)`` and ``("heading-new", h, 0)`` one side
    of it alone. An entry or heading stands in place when it belongs to the
    longest run of them in the same order on both sides (an entry also must not
    be a move, and its articles must stand together on each side); the rest
    stand where each side has them.
    """
    old_pos = {n: i for i, n in enumerate(sorted({n for e in c.entries for n in e.old}))}
    new_pos = {n: i for i, n in enumerate(sorted({n for e in c.entries for n in e.new}))}

    def together(numbers, pos) -> bool:
        at = sorted(pos[n] for n in numbers)
        return at == list(range(at[0], at[0] + len(at)))

    def whole(e: Entry) -> list:
        """The old articles all of whose text the entry shows (an article merged
        in part stands in its own entry)."""
        return [n for n in e.old if not e.part_of(n)]

    # Where each heading stands: just before the first article under it, a
    # chapter before its sections. Keys: (article position, 0 heading / 1 article, depth).
    first_old: dict[str, int] = {}
    first_new: dict[str, int] = {}
    for e in c.entries:
        for k, n in enumerate(e.old):
            for level_id in division_path(e.division_of("old", k)):
                first_old[level_id] = min(first_old.get(level_id, old_pos[n]), old_pos[n])
        for k, n in enumerate(e.new):
            for level_id in division_path(e.division_of("new", k)):
                first_new[level_id] = min(first_new.get(level_id, new_pos[n]), new_pos[n])

    def heading_key(first: dict, div: str | None) -> Key | None:
        return (first[div], 0, div.count("__")) if div is not None and div in first else None

    items: list[tuple[Key, Key, Placed]] = []  # what may stand in place
    old_pool: list[tuple[Key, Placed]] = []  # what stands on one side only
    new_pool: list[tuple[Key, Placed]] = []
    for e in c.entries:
        if e.old and e.new:
            if e.kind != Kind.MOVED and whole(e) and together(whole(e), old_pos) \
                    and together(e.new, new_pos):
                items.append(((min(new_pos[n] for n in e.new), 1, 0),
                              (min(old_pos[n] for n in whole(e)), 1, 0), Placed("both", e, 0)))
            else:
                old_pool += [((old_pos[n], 1, 0), Placed("old", e, k)) for k, n in enumerate(e.old)]
                new_pool += [((new_pos[n], 1, 0), Placed("new", e, k)) for k, n in enumerate(e.new)]
        elif e.new:
            new_pool.append(((new_pos[e.new[0]], 1, 0), Placed("both", e, 0)))
        else:
            old_pool.append(((old_pos[e.old[0]], 1, 0), Placed("both", e, 0)))
    unplaced = []  # headings with no article under them on a side they have
    for h in c.divisions:
        old_key = heading_key(first_old, h.old) if h.old else None
        new_key = heading_key(first_new, h.new) if h.new else None
        if (h.old and old_key is None) or (h.new and new_key is None):
            unplaced.append(h)
        elif old_key is not None and new_key is not None:
            items.append((new_key, old_key, Placed("heading", h)))
        elif new_key is not None:
            new_pool.append((new_key, Placed("heading-new", h)))
        elif old_key is not None:
            old_pool.append((old_key, Placed("heading-old", h)))
    items.sort(key=lambda x: x[0])
    chain = longest_increasing([old for _, old, _ in items])
    anchors: list[tuple[Key, Key, Placed]] = []
    for k, (new_key, old_key, item) in enumerate(items):
        if k in chain:
            anchors.append((new_key, old_key, item))
        elif isinstance(item.item, HeadingChange):
            old_pool.append((old_key, Placed("heading-old", item.item)))
            new_pool.append((new_key, Placed("heading-new", item.item)))
        else:
            e = item.item
            old_pool += [((old_pos[n], 1, 0), Placed("old", e, j)) for j, n in enumerate(e.old)]
            new_pool += [((new_pos[n], 1, 0), Placed("new", e, j)) for j, n in enumerate(e.new)]
    old_pool.sort(key=lambda x: x[0])
    new_pool.sort(key=lambda x: x[0])
    out: list[Placed] = []

    def flush(pool: list[tuple[Key, Placed]], below: Key | None) -> None:
        while pool and (below is None or pool[0][0] < below):
            out.append(pool.pop(0)[1])

    for new_key, old_key, item in anchors:
        flush(new_pool, new_key)
        flush(old_pool, old_key)
        out.append(item)
    flush(new_pool, None)
    flush(old_pool, None)
    out += [Placed("heading" if h.old and h.new else "heading-new" if h.new else "heading-old", h)
            for h in unplaced]
    return out


def _heading(doc, change: HeadingChange | None, text: str, level_id: str, marks: _Marks) -> None:
    level = min(2 + level_id.count("__"), 4)
    p = doc.add_heading("", level=level)
    if change and change.old_heading and (change.kind == "renamed"
                                          or change.old_heading != change.new_heading):
        # The diff is of the titles; the numbers before them (第四章 → 第五章)
        # are a change of their own.
        def number(heading: str, side: int) -> str:
            if (m := DIVISION_START_RE.match(heading)):
                return heading[:m.start(3)]
            return heading[: len(heading) - len("".join(t for op, t in change.diff if op != -side))]

        old_no, new_no = number(change.old_heading, DELETE), number(text, INSERT)
        label = [(EQUAL, new_no)] if old_no == new_no else [(DELETE, old_no), (INSERT, new_no)]
        diff: list[tuple[int, str]]
        if change.kind == "renamed":
            diff = [(op, t) for op, t in change.diff]
        else:  # the same title, perhaps spaced otherwise: the old spacing goes back on Reject
            old_title, new_title = change.old_heading[len(old_no):], text[len(new_no):]
            diff = [(EQUAL, new_title)] if old_title == new_title else [(DELETE, old_title),
                                                                        (INSERT, new_title)]
        _add_runs(p, label + [(op, t) for op, t in diff], marks)
    elif change and change.kind == Kind.INSERTED:
        _add_runs(p, [(INSERT, text)], marks)
        _mark_paragraph(p, INSERT, marks)
    else:
        _add_runs(p, [(EQUAL, text)], marks)


def _segments(lines: list[list], ends: list[int | None] | None = None
              ) -> list[tuple[list[tuple[int, str]], int | None]]:
    """Display lines cut at the paragraph breaks only one side has: (runs, how the
    piece ends: -1 a break the old text alone has, 1 the new text alone, None both).
    ``ends`` (:func:`~redline.render.common.line_ends`) says whose break ends each
    line: a line of deleted words may end on the old text's break alone.

    >>> _segments([[(0, "甲"), ("break", -1), (0, "乙")], [(1, "丙")]])
    [([(0, '甲')], -1), ([(0, '乙')], None), ([(1, '丙')], None)]
    >>> _segments([[(0, "甲"), (-1, "乙")], [(0, "丙")]], [-1, None])
    [([(0, '甲'), (-1, '乙')], -1), ([(0, '丙')], None)]
    """
    out = []
    for k, line in enumerate(lines):
        runs: list[tuple[int, str]] = []
        for op, t in line:
            if op == "break":
                out.append((runs, t))
                runs = []
            else:
                runs.append((op, t))
        end = ends[k] if ends is not None and k < len(ends) else None
        if runs or not out or out[-1][1] is None:
            out.append((runs, end or None))
        else:  # the line ended on a one-sided break: that piece ends the display line
            pass
    return out


def _sides(segments: list[tuple[list[tuple[int, str]], int | None]]) -> list[tuple[int | None, int | None]]:
    """For each piece, the line of the old text and of the new text it holds
    words of (None: none). A break only one side has leaves the other side's
    line running on into the next piece.

    >>> _sides([([(0, "甲")], 1), ([(0, "乙")], None), ([(1, "丙")], None)])
    [(0, 0), (0, 1), (None, 2)]
    """
    out: list[tuple[int | None, int | None]] = []
    idx = {-1: -1, 1: -1}
    runs_on = {-1: False, 1: False}
    for runs, end in segments:
        here: list[int | None] = []
        for side in (-1, 1):
            if any(op in (EQUAL, side) and t for op, t in runs):
                if not runs_on[side]:
                    idx[side] += 1
                here.append(idx[side])
                # Only the new text breaks here (1): the old line runs on, through
                # pieces of the new text alone; and the other way round.
                runs_on[side] = end == -side
            else:
                here.append(None)
        out.append((here[0], here[1]))
    return out


def _group_starts(counts: list[int]) -> dict[int, int]:
    """Line index -> the part (article) it opens: counts [2, 1] -> {0: 0, 2: 1}."""
    starts, at = {}, 0
    for k, n in enumerate(counts):
        starts[at] = k
        at += n
    return starts


def _entry(doc, e: Entry, marks: _Marks) -> None:
    # Reject All gives the old text's own characters where the redline shows
    # width or spacing as no change (:func:`with_old_forms`).
    diff = with_old_forms(e.diff, e.old_forms)
    pieces = _segments(split_lines(diff), line_ends(diff))
    sides = _sides(pieces)
    segments = e.segments or {}
    old_starts = _group_starts(segments.get("old", [len(pieces)]))
    new_starts = _group_starts(segments.get("new", [len(pieces)]))
    opened_old: set[int | None] = set()
    opened_new: set[int | None] = set()
    # A part merged here from an article held whole elsewhere is new words in
    # the Comparison itself (its removal shows in its own article's entry).
    paragraphs: list = []
    # Each paragraph mark is the break of the side(s) whose run it came from
    # (line_ends); the entry's last one ends the article on both sides.
    has_old = any(op != INSERT and t for op, t in diff)
    has_new = any(op != DELETE and t for op, t in diff)
    for (runs, end), (old_line, new_line) in zip(pieces, sides):
        # Each article of either side opens with its label: in a merge or a
        # split, where its words begin.
        old_k = old_starts.get(old_line) if old_line is not None and old_line not in opened_old else None
        new_k = new_starts.get(new_line) if new_line is not None and new_line not in opened_new else None
        opened_old.add(old_line)
        opened_new.add(new_line)
        old_label = e.old_labels[old_k] if old_k is not None and old_k < len(e.old_labels) else ""
        if old_k is not None and old_label and e.part_of(e.old[old_k]):
            old_label = ""  # a part of an article: its label stands in its own entry
        new_label = e.new_labels[new_k] if new_k is not None and new_k < len(e.new_labels) else ""
        if old_label == new_label and old_label:
            label = [(EQUAL, labelled(old_label))]
        else:
            label = ([(DELETE, labelled(old_label))] if old_label else []) + \
                    ([(INSERT, labelled(new_label))] if new_label else [])
        runs = label + runs
        p = doc.add_paragraph()
        if not paragraphs:
            p.add_run("")  # where a comment on the article is anchored
        _add_runs(p, runs, marks)
        ops = {op for op, t in runs if t}
        if end is not None:  # a break only one side has: joined (-1) or split (1) here
            _mark_paragraph(p, end, marks)
        elif ops == {DELETE} and not has_new:  # the whole entry removed: its end goes too
            _mark_paragraph(p, DELETE, marks)
        elif ops == {INSERT} and not has_old:
            _mark_paragraph(p, INSERT, marks)
        paragraphs.append(p)
    notes = [f"{n.quote}：{n.note}" for n in e.annotations]
    if is_rewording(e):
        notes.insert(0, REWORDING.capitalize())
    if e.kind == Kind.MOVED:
        notes.insert(0, f"Moved: {entry_title(e)}")
    if e.kind == Kind.MERGED and e.parts:
        notes.insert(0, f"Merged: {entry_title(e)}; the part's removal shows in its own article")
    if (where := split_destinations(e)):
        notes.insert(0, f"Split: {where}" if e.kind == Kind.SPLIT else f"Part of it went on elsewhere: {where}")
    if (went := continued_from(e)):
        notes.insert(0, "Continues " + "、".join(label for label, _ in went))
    if e.kind == Kind.CONTINUED:
        notes.insert(0, f"Content continues, reworded: {entry_title(e)} (a weaker link than a "
                        "modification; the old text is shown deleted and the new inserted, whole)")
    if notes and paragraphs:
        _comment(doc, paragraphs[0], notes, marks)


def _one_side(doc, e: Entry, k: int, where: str, marks: _Marks, name: str) -> None:
    """The k-th article of one side of ``e``, alone: a moved article's old text
    as moved from here (``where="old"``) or its new text as moved to here
    (``"new"``), the new text's added words as insertions; any other entry's
    article as deleted or inserted whole. A comment names the other side."""
    if where == "old" and e.part_of(e.old[k]):
        return  # merged in part: its own entry shows the part removed from it
    side_lines = split_lines(with_old_forms(e.diff, e.old_forms) if where == "old" else e.diff, where)
    counts = (e.segments or {}).get(where, [len(side_lines)])
    start = sum(counts[:k])
    lines = side_lines[start:start + counts[k]]
    labels = e.old_labels if where == "old" else e.new_labels
    moved = e.kind == Kind.MOVED
    if where == "old":
        kept, changed, end = (MOVE_FROM if moved else DELETE), DELETE, (MOVE_FROM if moved else DELETE)
    else:
        kept, changed, end = (MOVE_TO if moved else INSERT), INSERT, (MOVE_TO if moved else INSERT)
    paragraphs: list = []
    for n, line in enumerate(lines):
        p = doc.add_paragraph()
        if not paragraphs:
            p.add_run("")  # where the comment is anchored
        label = [(changed if moved else kept, labelled(labels[k]))] if n == 0 and k < len(labels) else []
        _add_runs(p, label + [(kept if r.op == EQUAL else changed, r.text) for r in line
                              if isinstance(r, DiffOp)], marks)
        _mark_paragraph(p, end, marks)
        paragraphs.append(p)
    if not paragraphs:
        return
    if moved:
        _move_range(paragraphs[0], paragraphs[-1], MOVE_FROM if where == "old" else MOVE_TO,
                    name, marks)
    title = entry_title(e)
    went = split_destinations(e)
    kind = "Moved" if moved else "Content continues, reworded" if e.kind == Kind.CONTINUED \
        else e.kind.capitalize()
    notes = [f"{kind}: {title}" + (f" ({went})" if went else "")
             + ("" if moved else " (shown deleted where the old text had it and inserted "
                                 "where the new text has it)")]
    if where == "new" and k == 0:
        notes += [f"{n.quote}：{n.note}" for n in e.annotations]
    _comment(doc, paragraphs[0], notes, marks)


def _comment(doc, paragraph, notes: list[str], marks: _Marks) -> None:
    """A Word comment on the paragraph's first run, dated as the revisions are
    (the new stage's date, not the clock: the same texts give the same file)."""
    from docx.oxml.ns import qn

    comment = doc.add_comment(paragraph.runs[:1], text="\n".join(notes), author=marks.author)
    comment._comment_elm.set(qn("w:date"), marks.date)


def read_back(data: bytes, choice: str) -> list[str]:
    """The document's paragraphs after Word's Accept All (``"accept"``) or Reject
    All (``"reject"``): for checking that each gives one of the two texts.

    A paragraph whose mark is removed runs on into the next one.
    """
    import zipfile

    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    ns = {"w": W}
    drop = {"del", "moveFrom"} if choice == "accept" else {"ins", "moveTo"}
    wrappers = {f"{{{W}}}{tag}" for tag in ("ins", "del", "moveFrom", "moveTo")}
    out: list[str] = []
    carry = ""
    for p in root.iter(f"{{{W}}}p"):
        text = []
        for node in p.iter(f"{{{W}}}t", f"{{{W}}}delText"):
            inside = {a.tag.split("}")[1] for a in node.iterancestors() if a.tag in wrappers}
            if drop & inside:
                continue
            text.append(node.text or "")
        mark = p.find("w:pPr/w:rPr", ns)
        gone = mark is not None and any(mark.find(f"w:{tag}", ns) is not None for tag in drop)
        words = carry + "".join(text)
        if gone:
            carry = words
            continue
        carry = ""
        out.append(words)
    if carry:
        out.append(carry)
    return [x for x in out if x]
