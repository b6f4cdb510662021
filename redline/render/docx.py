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

Reject All gives each article its old words, number and paragraphs. Where an
article moved, it stays where the new text has it (a comment says where it came
from), and the words of merged articles are given back in the merged article's
place: the old order is not rebuilt.
"""

from __future__ import annotations

import io
import itertools

from ..compare import Comparison, Entry
from ..textdiff import DELETE, EQUAL, INSERT
from .common import continued_from, entry_title, split_lines, stage_line

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


def _add_runs(p, runs: list[tuple[int, str]], marks: _Marks) -> None:
    for op, text in runs:
        if not text:
            continue
        if op == DELETE:
            wrap = marks.mark("w:del")
            wrap.append(_run(text, deleted=True))
            p._p.append(wrap)
        elif op == INSERT:
            wrap = marks.mark("w:ins")
            wrap.append(_run(text))
            p._p.append(wrap)
        else:
            p._p.append(_run(text))


def _mark_paragraph(p, op: int, marks: _Marks) -> None:
    """The paragraph's own mark (its end) deleted (-1) or inserted (1)."""
    from docx.oxml import OxmlElement

    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(f"{{{W}}}rPr")
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.append(marks.mark("w:del" if op == DELETE else "w:ins"))


def render_docx(c: Comparison, author: str = "redline") -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    for level in (1, 2, 3):
        doc.styles[f"Heading {level}"].element.get_or_add_rPr().get_or_add_rFonts().set(
            qn("w:eastAsia"), "SimHei")
    marks = _Marks(author, _date(c))
    title = c.new.title or c.old.title or c.new.law
    doc.add_heading(title, level=1)
    doc.add_paragraph(stage_line(c))
    headings = {d["new"]: d for d in c.divisions if d["new"]}
    new_heading = {d["id"]: d["heading"] for d in c.new.divisions}
    shown: set[str] = set()
    for e in c.entries:
        div = e.division if e.new else None
        for level_id in _levels(div):
            if level_id in shown or level_id not in new_heading:
                continue
            shown.add(level_id)
            _heading(doc, headings.get(level_id), new_heading[level_id], level_id, marks)
        _entry(doc, e, marks)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _levels(div: str | None) -> list[str]:
    if not div:
        return []
    parts = div.split("__")
    return ["__".join(parts[:k]) for k in range(1, len(parts) + 1)]


def _heading(doc, change: dict | None, text: str, level_id: str, marks: _Marks) -> None:
    level = min(2 + level_id.count("__"), 4)
    p = doc.add_heading("", level=level)
    if change and change["kind"] == "renamed":
        prefix = text[: len(text) - len("".join(t for op, t in change["diff"] if op != DELETE))]
        _add_runs(p, [(EQUAL, prefix)] + [(op, t) for op, t in change["diff"]], marks)
    elif change and change["kind"] == "inserted":
        _add_runs(p, [(INSERT, text)], marks)
        _mark_paragraph(p, INSERT, marks)
    else:
        _add_runs(p, [(EQUAL, text)], marks)


def _segments(lines: list[list[tuple]]) -> list[tuple[list[tuple[int, str]], int | None]]:
    """Display lines cut at the paragraph breaks only one side has: (runs, how the
    piece ends: -1 a break the old text alone has, 1 the new text alone, None both).

    >>> _segments([[(0, "甲"), ("break", -1), (0, "乙")], [(1, "丙")]])
    [([(0, '甲')], -1), ([(0, '乙')], None), ([(1, '丙')], None)]
    """
    out = []
    for line in lines:
        runs: list[tuple[int, str]] = []
        for op, t in line:
            if op == "break":
                out.append((runs, t))
                runs = []
            else:
                runs.append((op, t))
        if runs or not out or out[-1][1] is None:
            out.append((runs, None))
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
    out = []
    idx = {-1: -1, 1: -1}
    runs_on = {-1: False, 1: False}
    for runs, end in segments:
        here = []
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
        out.append(tuple(here))
    return out


def _group_starts(counts: list[int]) -> dict[int, int]:
    """Line index -> the part (article) it opens: counts [2, 1] -> {0: 0, 2: 1}."""
    starts, at = {}, 0
    for k, n in enumerate(counts):
        starts[at] = k
        at += n
    return starts


def _entry(doc, e: Entry, marks: _Marks) -> None:
    pieces = _segments(split_lines(e.diff))
    sides = _sides(pieces)
    segments = e.segments or {}
    old_starts = _group_starts(segments.get("old", [len(pieces)]))
    new_starts = _group_starts(segments.get("new", [len(pieces)]))
    opened_old, opened_new = set(), set()
    paragraphs = []
    for (runs, end), (old_line, new_line) in zip(pieces, sides):
        p = doc.add_paragraph()
        if not paragraphs:
            p.add_run("")  # where a comment on the article is anchored
        # Each article of either side opens with its label: in a merge or a
        # split, where its words begin.
        old_k = old_starts.get(old_line) if old_line not in opened_old else None
        new_k = new_starts.get(new_line) if new_line not in opened_new else None
        opened_old.add(old_line)
        opened_new.add(new_line)
        old_label = e.old_labels[old_k] if old_k is not None and old_k < len(e.old_labels) else ""
        if old_label and any(str(p["old"]) == str(e.old[old_k].to_json()) and 0 not in p.get("lines", [0])
                             for p in e.parts):
            old_label = ""  # a part from inside an article: its label opens the rest of it
        new_label = e.new_labels[new_k] if new_k is not None and new_k < len(e.new_labels) else ""
        if old_label == new_label and old_label:
            label = [(EQUAL, old_label + "　")]
        else:
            label = ([(DELETE, old_label + "　")] if old_label else []) + \
                    ([(INSERT, new_label + "　")] if new_label else [])
        runs = label + runs
        _add_runs(p, runs, marks)
        ops = {op for op, t in runs if t}
        if ops == {DELETE}:  # a paragraph removed whole: its end goes too
            _mark_paragraph(p, DELETE, marks)
        elif ops == {INSERT}:
            _mark_paragraph(p, INSERT, marks)
        elif end is not None:  # a break only one side has: joined (-1) or split (1) here
            _mark_paragraph(p, end, marks)
        paragraphs.append(p)
    notes = [f"{n['quote']}：{n['note']}" for n in e.annotations]
    if e.kind == "moved":
        notes.insert(0, f"Moved: {entry_title(e)}")
    if (went := continued_from(e)):
        notes.insert(0, "Continues " + "、".join(label for label, _ in went))
    if notes and paragraphs:
        doc.add_comment(paragraphs[0].runs[:1], text="\n".join(notes), author=marks.author)


def read_back(data: bytes, choice: str) -> list[str]:
    """The document's paragraphs after Word's Accept All (``"accept"``) or Reject
    All (``"reject"``): for checking that each gives one of the two texts.

    A paragraph whose mark is removed runs on into the next one.
    """
    import zipfile

    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    ns = {"w": W}
    drop, keep = ("del", "ins") if choice == "accept" else ("ins", "del")
    out: list[str] = []
    carry = ""
    for p in root.iter(f"{{{W}}}p"):
        text = []
        for node in p.iter(f"{{{W}}}t", f"{{{W}}}delText"):
            inside = {a.tag.split("}")[1] for a in node.iterancestors() if a.tag in (
                f"{{{W}}}ins", f"{{{W}}}del")}
            if drop in inside:
                continue
            text.append(node.text or "")
        mark = p.find("w:pPr/w:rPr", ns)
        gone = mark is not None and mark.find(f"w:{drop}", ns) is not None
        words = carry + "".join(text)
        if gone:
            carry = words
            continue
        carry = ""
        out.append(words)
    if carry:
        out.append(carry)
    return [x for x in out if x]
