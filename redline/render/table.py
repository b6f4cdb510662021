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

from ..compare.align import Kind
from ..compare.comparison import Comparison, Entry
from ..compare.textdiff import DELETE, EQUAL, INSERT
from .common import (REWORDING, continued_from, group_lines, is_mechanical, is_number_only,
                     is_rewording, labelled, side_lines, split_destinations, stage_line)
from .html import paragraphs_html

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


def rows(c: Comparison, unchanged: str = "collapse", show_all: bool = False) -> list[Row]:
    """The table's rows. ``unchanged``: articles with no change of wording summed
    up in one row per run (collapse) or each with 同左 (same); ``show_all``
    writes them in full in both columns, so each column is its whole text."""
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
        notes += [f"{n.quote}：{n.note}" for n in e.annotations]
        if quiet and not show_all:  # --unchanged same
            old = _column(e, "old")
            same = [[(EQUAL, ("、".join(e.new_labels) + "　" if e.old != e.new else "") + "同左")]]
            out.append(Row("entry", old, same, "；".join(notes)))
            continue
        out.append(Row("entry", _column(e, "old"),
                       _column(e, "new"), "；".join(notes)))
    flush()
    for t in c.other_text:  # an annex, the editor's footnotes, lines outside any article
        title, note = {"footnotes": ("脚注（编者注）", "编者注修改"),
                       "outside": ("条文以外的文字（如序言）", "修改")}.get(t.where, (t.where, "附件修改"))
        out.append(Row("heading", text=title, note=note))
        out.append(Row("entry", _side(t.diff, "old", ""), _side(t.diff, "new", ""), note))
    return out


def render_table(c: Comparison, output: str | None = None, unchanged: str = "collapse",
                 show_all: bool = False) -> str | bytes:
    table = rows(c, unchanged, show_all)
    suffix = (output or "").lower().rsplit(".", 1)[-1] if output and "." in output else ""
    if suffix == "md":
        return _markdown(c, table)
    if suffix == "docx":
        return _docx(c, table)
    return _html(c, table)


# --------------------------------------------------------------------------- HTML

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html(c: Comparison, table: list[Row]) -> str:
    title = c.new.title or c.old.title or c.new.law
    body = []
    for r in table:
        if r.kind == "heading":
            note = f'<td class="note">{_e(r.note)}</td>' if r.note else '<td class="note"></td>'
            body.append(f'<tr class="heading"><th colspan="2" scope="rowgroup">{_e(r.text)}</th>{note}</tr>')
        elif r.kind == "summary":
            body.append(f'<tr class="summary"><td colspan="3">{_e(r.text)}</td></tr>')
        else:
            body.append(f"<tr><td>{paragraphs_html(r.old)}</td><td>{paragraphs_html(r.new)}</td>"
                        f'<td class="note">{_e(r.note)}</td></tr>')
    lang = "zh-Hans" if c.new.language == "zh" else "en"
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="generator" content="redline">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}：新旧条文对照表</title>
<style>
body {{ font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; margin: 1.5rem; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 1px solid #888; padding: .4rem .6rem; vertical-align: top; text-align: left; }}
col.text {{ width: 42%; }} col.note {{ width: 16%; }}
td p {{ margin: 0 0 .4rem; }}
del {{ color: #b00; text-decoration: line-through; }}
ins {{ color: #b00; text-decoration: underline; }}
tr.heading th {{ background: #f2f2f2; text-align: center; }}
tr.summary td {{ color: #555; }}
.note {{ font-size: .9em; color: #333; }}
@media print {{ tr {{ page-break-inside: avoid; }} }}
</style>
</head>
<body>
<main>
<h1>{_e(title)}新旧条文对照表</h1>
<p>{_e(stage_line(c))}</p>
<p>修改前的文字中删去的部分以<del>删除线</del>标出，修改后的文字中增加的部分以<ins>下划线</ins>标出。</p>
<table>
<colgroup><col class="text"><col class="text"><col class="note"></colgroup>
<thead><tr><th scope="col">修改前</th><th scope="col">修改后</th><th scope="col">说明</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
</main>
</body>
</html>
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


def _markdown(c: Comparison, table: list[Row]) -> str:
    from .markdown import md_escape

    title = c.new.title or c.old.title or c.new.law
    out = [f"# {md_escape(title)}新旧条文对照表", "", md_escape(stage_line(c)), "",
           "| 修改前 | 修改后 | 说明 |", "| --- | --- | --- |"]
    for r in table:
        if r.kind == "heading":
            out.append(f"| **{md_escape(r.text)}** | **{md_escape(r.text)}** | {md_escape(r.note)} |")
        elif r.kind == "summary":
            out.append(f"| {md_escape(r.text)} | | |")
        else:
            out.append(f"| {_md_runs(r.old)} | {_md_runs(r.new)} | {md_escape(r.note)} |")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- Word

def _docx(c: Comparison, table: list[Row]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_UNDERLINE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")  # the CJK font Word uses
    title = c.new.title or c.old.title or c.new.law
    doc.add_heading(f"{title}新旧条文对照表", level=1)
    doc.add_paragraph(stage_line(c))
    grid = doc.add_table(rows=1, cols=3)
    grid.style = "Table Grid"
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
        if r.kind in ("heading", "summary"):
            merged = cells[0].merge(cells[1]) if r.kind == "heading" else cells[0].merge(cells[2])
            merged.text = ""
            run = merged.paragraphs[0].add_run(r.text)
            run.bold = r.kind == "heading"
            if r.kind == "heading":
                cells[2].text = r.note
            continue
        fill(cells[0], r.old)
        fill(cells[1], r.new)
        cells[2].text = r.note
    buf = io.BytesIO()
    doc.save(buf)
    from .docx import steady_zip

    return steady_zip(buf.getvalue(), c.new.date)
