"""``--format table``: the 新旧条文对照表, the old–new comparison table readers expect.

Columns 修改前 (the old text, removed words struck through and red), 修改后 (the
new text, added words underlined and red) and 说明 (what happened, the items
of a decision given with ``--decision``, the notes). One row per entry, in the
new text's order, with a row for each chapter heading.

Articles that did not change are summed up, one row per run
(``第三条至第十七条 → 第四条至第十八条：条文未作修改，序号调整``), or, with
``--unchanged same``, each given its own row with 同左 on the right.

The container follows the name given to ``-o``: ``.md`` a markdown table,
``.docx`` a Word table (red struck and underlined runs, a CJK font), anything
else (or standard output) a self-contained HTML page.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

from ..diff.align import Kind
from ..diff.comparison import Comparison, Entry
from ..diff.textdiff import DELETE, EQUAL, INSERT
from .common import (REWORDING, continued_from, group_lines, is_mechanical, is_number_only,
                     is_rewording, labelled, side_lines, split_destinations)
from .html import page_html, paragraphs_html

KIND_ZH = {Kind.MODIFIED: "修改", Kind.MOVED: "移动并修改", Kind.MERGED: "合并", Kind.SPLIT: "拆分",
           Kind.INSERTED: "新增", Kind.DELETED: "删除", Kind.RENUMBERED: "序号调整", Kind.UNCHANGED: "未修改",
           Kind.CONTINUED: "内容延续（改写较大，两文全文照录）"}
Runs = list[tuple[int, str]]  # (op, text): EQUAL, DELETE or INSERT


@dataclass
class Row:
    """One row of the table: a heading, a run of unchanged articles, or an entry."""

    kind: str  # "heading", "summary", "entry"
    old: list[Runs] = field(default_factory=list)  # paragraphs of the old column
    new: list[Runs] = field(default_factory=list)
    note: str = ""
    text: str = ""  # a heading's or a summary's words


def _column(e: Entry, side: str) -> list[Runs]:
    """One side of an entry, paragraph by paragraph, its own changes marked; each
    article's label opens its first paragraph, so that in a merge or a split no
    article's words read as part of another's (a part merged from an article
    has no words on the old side: its own row holds it)."""
    labels = e.old_labels if side == "old" else e.new_labels
    paras = _side(e.diff, side, "")
    counts = (e.segments or {}).get(side)
    if not counts or len(labels) < 2:
        if paras and labels:
            paras[0] = [(EQUAL, labelled("、".join(labels)))] + paras[0]
        return paras
    out: list[Runs] = []
    for label, group in zip(labels, group_lines(paras, counts)):
        if group:
            out += [[(EQUAL, labelled(label))] + group[0], *group[1:]]
    return out


def _entry_rows(e: Entry, note: str, with_notes: bool = True) -> list[Row]:
    """An entry's rows: one, or for a split one per new article (the old article
    whole beside the first, each new article diffed against the paragraphs that
    went on in it), and for a merge one per old article (the new article beside
    the first). So no article's paragraph reads as new words in another's cell."""
    if e.kind == Kind.SPLIT and len(e.old) == 1 and e.paragraphs_to \
            and all(d.diff is not None for d in e.paragraphs_to):
        return _split_rows(e, note, with_notes)
    counts = (e.segments or {}).get("old")
    if e.kind == Kind.MERGED and counts and len([k for k in counts if k]) > 1:
        groups = group_lines(_side(e.diff, "old", ""), counts)
        rows: list[Row] = []
        for label, n, group in zip(e.old_labels, e.old, groups):
            if not group:  # merged here in part: its own row holds it
                continue
            old = [[(EQUAL, labelled(label))] + group[0], *group[1:]]
            if not rows:
                rows.append(Row("entry", old, _column(e, "new"), note))
            else:
                rows.append(Row("entry", old, [], f"并入{'、'.join(e.new_labels)}" if with_notes else ""))
        return rows
    return [Row("entry", _column(e, "old"), _column(e, "new"), note)]


def _split_rows(e: Entry, note: str, with_notes: bool) -> list[Row]:
    lines = side_lines(e.diff, "old")
    old_lines = ["".join(r.text for r in line) for line in lines]
    marked: dict[int, Runs] = {}  # each old paragraph, marked by the diff of where it went
    for d in e.paragraphs_to:
        for k, line in zip(d.paragraphs, side_lines(d.diff or [], "old")):
            marked[k] = [(r.op, r.text) for r in line if r.op in (EQUAL, DELETE) and r.text]
    old = [marked.get(k, [(DELETE, text)]) for k, text in enumerate(old_lines) if text]
    if old:
        old[0] = [(EQUAL, labelled(e.old_labels[0]))] + old[0]
    new_groups = group_lines(_side(e.diff, "new", ""), (e.segments or {}).get("new", [1] * len(e.new)))
    by_new = {d.new: d for d in e.paragraphs_to}
    rows = []
    for k, (n, label, group) in enumerate(zip(e.new, e.new_labels, new_groups)):
        went = by_new.get(n)
        paras = _side(went.diff, "new", "") if went is not None else group
        if paras:
            paras = [[(EQUAL, labelled(label))] + paras[0], *paras[1:]]
        came = f"由{e.old_labels[0]}{'、'.join(went.where)}拆分而来" if went is not None else "新增"
        rows.append(Row("entry", old if k == 0 else [], paras,
                        (note if k == 0 else came) if with_notes else ""))
    return rows


def _side(diff, side: str, label: str) -> list[Runs]:
    keep = DELETE if side == "old" else INSERT
    paras: list[Runs] = []
    for line in side_lines(diff, side):
        runs = [(r.op, r.text) for r in line if r.op in (EQUAL, keep) and r.text]
        if runs:
            paras.append(runs)
    if paras and label:
        paras[0] = [(EQUAL, labelled(label))] + paras[0]
    return paras


def _labels(entries: list[Entry], side: str) -> str:
    labels = [lb for e in entries for lb in (e.old_labels if side == "old" else e.new_labels)]
    return labels[0] if len(labels) == 1 else f"{labels[0]}至{labels[-1]}"


#: What the 说明 column holds: nothing (the column is left out), what happened
#: to the article, or that and the notes anchored in it.
NOTES = ("none", "short", "full")


def rows(c: Comparison, unchanged: str = "collapse", show_all: bool = False,
         notes_level: str = "full") -> list[Row]:
    """The table's rows. ``unchanged``: articles with no change of wording summed
    up in one row per run (collapse) or each with 同左 (same); ``show_all``
    writes them in full in both columns, so each column is its whole text.
    ``notes_level``: one of :data:`NOTES`."""
    headings = {d["id"]: d["heading"] for side in (c.old, c.new) for d in side.divisions}
    changed_heading = {d.new: d for d in c.divisions if d.changed and d.new}
    out: list[Row] = []
    run: list[Entry] = []
    chapter = None

    def flush() -> None:
        if not run:
            return
        moved = any(e.old != e.new for e in run)
        text = (f"{_labels(run, 'old')} → {_labels(run, 'new')}：条文未作修改，序号调整" if moved
                else f"{_labels(run, 'old')}：未作修改")
        out.append(Row("summary", text=text))
        run.clear()

    for e in c.entries:
        top = (e.division or "").split("__")[0] or None
        if top != chapter and e.new:
            flush()
            chapter = top
            d = changed_heading.get(top) if top else None
            if top in headings:
                note = "章名修改" if d and d.kind == "renamed" else "新增一章" if d else ""
                out.append(Row("heading", text=headings[top], note=note))
        quiet = (e.kind == Kind.UNCHANGED or is_number_only(e)) and not is_rewording(e)
        if quiet and unchanged == "collapse" and not show_all:
            run.append(e)
            continue
        flush()
        notes = [KIND_ZH.get(e.kind, e.kind)]
        if is_mechanical(e):
            notes = ["引用的条文序号随之调整"]
        if is_rewording(e):
            notes = [REWORDING]
        if (went := continued_from(e)):
            notes.append("其中内容来自" + "、".join(label for label, _ in went))
        if (where := split_destinations(e)):
            notes.append(where)
        if e.items:
            notes.append("决定第" + "、".join(e.items) + "项")
        if notes_level == "full":
            notes += [f"{n.quote}：{n.note}" for n in e.annotations]
        if notes_level == "none":
            notes = []
        if quiet and not show_all:  # --unchanged same
            old = _column(e, "old")
            same = [[(EQUAL, ("、".join(e.new_labels) + "　" if e.old != e.new else "") + "同左")]]
            out.append(Row("entry", old, same, "；".join(notes)))
            continue
        out += _entry_rows(e, "；".join(notes), notes_level != "none")
    flush()
    for t in c.other_text:  # an annex, the editor's footnotes, lines outside any article
        title, note = {"footnotes": ("脚注（编者注）", "编者注修改"),
                       "outside": ("条文以外的文字（如序言）", "修改")}.get(t.where, (t.where, "附件修改"))
        out.append(Row("heading", text=title, note=note))
        out.append(Row("entry", _side(t.diff, "old", ""), _side(t.diff, "new", ""), note))
    return out


def render_table(c: Comparison, output: str | None = None, unchanged: str = "collapse",
                 show_all: bool = False, notes: str = "short", title: str | None = None,
                 paper: str = "a4") -> str | bytes:
    """The 对照表 in the container ``output``'s name asks for. ``notes``: the 说明
    column (:data:`NOTES`); ``title``: the title line, if not the law's; ``paper``:
    a4 or letter, for Word."""
    table = rows(c, unchanged, show_all, notes)
    suffix = (output or "").lower().rsplit(".", 1)[-1] if output and "." in output else ""
    with_notes = notes != "none"
    if suffix == "md":
        return _markdown(c, table, with_notes, title)
    if suffix == "docx":
        return _docx(c, table, with_notes, title, paper)
    return _html(c, table, with_notes, title)


def _title(c: Comparison, title: str | None) -> tuple[str, str]:
    """The table's title and its stages line (in Chinese for a Chinese text)."""
    from .word_page import title_block

    head, stages = title_block(c, title)
    return (head if title else f"{head}新旧条文对照表"), stages


# --------------------------------------------------------------------------- HTML

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html(c: Comparison, table: list[Row], with_notes: bool = True, title: str | None = None) -> str:
    heading, stages = _title(c, title)
    body = []
    for r in table:
        note = f'<td class="note">{_e(r.note)}</td>' if with_notes else ""
        if r.kind == "heading":
            body.append(f'<tr class="heading"><th colspan="2" scope="rowgroup">{_e(r.text)}</th>{note}</tr>')
        elif r.kind == "summary":
            body.append(f'<tr class="summary"><td colspan="{3 if with_notes else 2}">{_e(r.text)}</td></tr>')
        else:
            body.append(f"<tr><td>{paragraphs_html(r.old)}</td><td>{paragraphs_html(r.new)}</td>{note}</tr>")
    lang = "zh-Hans" if c.new.language == "zh" else "en"
    # The text columns share what 说明 leaves: 45% each beside it, half without it.
    css = _TABLE_CSS + f"col.text {{ width: {45 if with_notes else 50}%; }} col.note {{ width: 10%; }}\n"
    return page_html(heading, lang, f"""<main>
<h1>{_e(heading)}</h1>
<p>{_e(stages)}</p>
<p>修改前的文字中删去的部分以<del>删除线</del>标出，修改后的文字中增加的部分以<ins>下划线</ins>标出。</p>
<table>
<colgroup><col class="text"><col class="text">{'<col class="note">' if with_notes else ''}</colgroup>
<thead><tr><th scope="col">修改前</th><th scope="col">修改后</th>{'<th scope="col">说明</th>' if with_notes else ''}</tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
</main>""", css) + "\n"


_TABLE_CSS = """
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; margin: 1.5rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #888; padding: .4rem .6rem; vertical-align: top; text-align: left; }
td p { margin: 0 0 .4rem; }
del { color: #b00; text-decoration: line-through; }
ins { color: #b00; text-decoration: underline; }
tr.heading th { background: #f2f2f2; text-align: center; }
tr.summary td { color: #555; }
.note { font-size: .9em; color: #333; }
@media print { tr { page-break-inside: avoid; } }
"""


# --------------------------------------------------------------------------- markdown

def _md_runs(paras: list[Runs]) -> str:
    from .markdown import md_escape

    out = []
    for runs in paras:
        parts = []
        for op, text in runs:
            t = md_escape(text)
            parts.append(f"<del>{t}</del>" if op == DELETE else f"<ins>{t}</ins>" if op == INSERT else t)
        out.append("".join(parts))
    return "<br>".join(out)


def _markdown(c: Comparison, table: list[Row], with_notes: bool = True, title: str | None = None) -> str:
    from .markdown import md_escape

    heading, stages = _title(c, title)
    last = " 说明 |" if with_notes else ""
    out = [f"# {md_escape(heading)}", "", md_escape(stages), "",
           "| 修改前 | 修改后 |" + last, "| --- | --- |" + (" --- |" if with_notes else "")]
    for r in table:
        note = f" {md_escape(r.note)} |" if with_notes else ""
        if r.kind == "heading":
            out.append(f"| **{md_escape(r.text)}** | **{md_escape(r.text)}** |" + note)
        elif r.kind == "summary":
            out.append(f"| {md_escape(r.text)} | |" + (" |" if with_notes else ""))
        else:
            out.append(f"| {_md_runs(r.old)} | {_md_runs(r.new)} |" + note)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- Word

def _docx(c: Comparison, table: list[Row], with_notes: bool = True, title: str | None = None,
          paper: str = "a4") -> bytes:
    from docx.enum.text import WD_UNDERLINE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt, RGBColor, Twips

    from .word_page import add_title, new_document, text_width

    doc = new_document(c, paper=paper)
    doc.styles["Normal"].font.size = Pt(10.5)
    heading, _ = _title(c, title)
    add_title(doc, c, heading)
    cols = 3 if with_notes else 2
    # 修改前 and 修改后 wide (45% each), 说明 narrow (10%): fixed, so Word keeps them.
    shares = (45, 45, 10) if with_notes else (50, 50)
    width = text_width(paper)
    widths = [width * k // 100 for k in shares]
    grid = doc.add_table(rows=1, cols=cols)
    grid.style = "Table Grid"
    grid.autofit = False
    tbl_pr = grid._tbl.tblPr
    for old_el in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old_el)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{width}" w:type="dxa"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for col, w in zip(grid.columns, widths):
        col.width = Twips(w)
    for cell, text in zip(grid.rows[0].cells, ("修改前", "修改后", "说明")):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    red = RGBColor(0xB0, 0, 0)

    def fill(cell, paras: list[Runs]) -> None:
        first = True
        for runs in paras:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            for op, text in runs:
                run = p.add_run(text)
                if op == DELETE:
                    run.font.strike = True
                    run.font.color.rgb = red
                elif op == INSERT:
                    run.font.underline = WD_UNDERLINE.SINGLE
                    run.font.color.rgb = red

    for r in table:
        cells = grid.add_row().cells
        for cell, w in zip(cells, widths):
            cell.width = Twips(w)
        if r.kind in ("heading", "summary"):
            merged = cells[0].merge(cells[1]) if r.kind == "heading" or cols == 2 else cells[0].merge(cells[2])
            merged.text = ""
            run = merged.paragraphs[0].add_run(r.text)
            run.bold = r.kind == "heading"
            if r.kind == "heading" and with_notes:
                cells[2].text = r.note
            continue
        fill(cells[0], r.old)
        fill(cells[1], r.new)
        if with_notes:
            cells[2].text = r.note
    for cell, w in zip(grid.rows[0].cells, widths):
        cell.width = Twips(w)
    buf = io.BytesIO()
    doc.save(buf)
    from .docx import steady_zip

    return steady_zip(buf.getvalue(), c.new.date)
