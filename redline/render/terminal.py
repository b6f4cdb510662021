"""The redline in a terminal.

Deletions are red and struck through, insertions green and underlined (two
cues each: some terminals do not show strike-through). Without colour
(``NO_COLOR``, or output that is not a terminal) the same marks are written as
``[-removed-]{+added+}``. Styles are named in a theme (``redline.del``,
``redline.ins`` … in :data:`~redline.render.styled.THEME`).

Chinese has no spaces to wrap at: lines are broken by the rules of Chinese
typesetting (:mod:`redline.render.wrap`). The text is written here, not through
rich (:mod:`redline.render.styled` says why); rich draws the side-by-side layout.
"""

from __future__ import annotations

from rich.cells import cell_len

from ..diff.align import Kind
from ..diff.align import KINDS
from ..diff.comparison import Comparison, Entry
from ..diff.textdiff import DELETE, EQUAL, INSERT
from .common import (Break, NoteMark, continued_from, entry_title, heading_prefix, kind_word, text_blocks,
                     is_mechanical, is_rewording,
                     is_number_only, is_substantive, split_destinations, stage_line, text_place,
                     with_notes)
from .styled import Screen, Styled
from .wrap import Wrapped


def _runs(ops, plain: bool, style: str = "") -> Styled:
    text = Styled(style=style)
    for run in ops:
        if isinstance(run, NoteMark):
            text.append(f"[{run.number}]", style="redline.note")
            continue
        op, chunk = run[0], run[1]
        if op in (DELETE, INSERT):
            # A paragraph break at the edge of a change is shown as a break, and
            # the marks go round the words: "[-\n第二款-]" reads as "\n[-第二款-]".
            body = chunk.strip("\n")
            lead, trail = chunk[: len(chunk) - len(chunk.lstrip("\n"))], chunk[len(chunk.rstrip("\n")):]
            if not body:  # a paragraph break alone: joined (deleted) or made (inserted)
                style = "redline.del" if op == DELETE else "redline.ins"
                text.append(("[-¶-]" if op == DELETE else "{+¶+}") if plain else "¶", style=style)
                text.append(chunk if op == INSERT else "")
                continue
            text.append(lead)
            mark = f"[-{body}-]" if op == DELETE else f"{{+{body}+}}"
            text.append(mark if plain else body, style="redline.del" if op == DELETE else "redline.ins")
            text.append(trail)
        else:
            text.append(chunk)
    return text


def diff_text(e: Entry, plain: bool, dim: bool = False) -> Styled:
    style = "redline.mechanical" if dim else ""
    # A continuation's old text whole, then the new on lines of its own.
    return Styled.joined("\n", (_runs(block, plain, style)
                                for block in text_blocks(e, with_notes(e.diff, e.annotations))))


def notes_text(e: Entry) -> list[Wrapped]:
    """The entry's annotations as footnotes: ``[1] 人工智能伦理规范 (AI ethics rules): …``."""
    out = []
    for k, n in enumerate(e.annotations, 1):
        line = Styled(f"  [{k}] ", "redline.note")
        line.append(n.quote, style="bold")
        if n.en:
            line.append(f" ({n.en})")
        line.append(f": {n.note}", style="redline.dim")
        out.append(Wrapped(line, indent=6))  # under the note's words, past "  [1] "
    return out


def _header(e: Entry) -> Styled:
    t = Styled(entry_title(e), "redline.title")
    t.append(f"  {kind_word(e)}", style="redline.kind")
    if (went := continued_from(e)):
        t.append(f"  (continues {'; '.join(label for label, _ in went)})", style="redline.dim")
    if (where := split_destinations(e)):
        t.append(f"  ({where})", style="redline.dim")
    if e.items:
        t.append(f"  [item {'、'.join(e.items)}]", style="redline.kind")
    if e.similarity is not None and e.kind not in (Kind.UNCHANGED,):
        t.append(f"  similarity {e.similarity:.2f}", style="redline.dim")
    if e.diff_timed_out:
        t.append("  (diff timed out: coarse)", style="redline.dim")
    return t


def renderables(c: Comparison, show_all: bool = False, plain: bool = False,
                layout: str = "inline") -> list:
    out: list = []
    title = c.new.title or c.old.title or c.new.law
    out.append(Styled(title, "redline.title"))
    out.append(Styled(stage_line(c), "redline.dim"))
    out.append(Styled(""))
    if c.missing_text:
        out.append(Styled(f"Article texts are missing for {', '.join(c.missing_text)}: only the "
                        "tables of contents are compared.", "redline.title"))
        out.append(Styled(""))
    heads = [d for d in c.divisions if c.missing_text or d.changed]
    if heads:
        out.append(Styled("Headings" if c.missing_text else f"Headings changed ({len(heads)})", "redline.title"))
        for d in heads:
            line = Styled("  ")
            label = d.new_heading or d.old_heading or ""
            if not d.changed:
                line.append(label, style="redline.dim")
            else:
                line.append(heading_prefix(d))
                line.extend(_runs(d.diff, plain))
                line.append(f"  {d.kind}", style="redline.kind")
                if d.items:
                    line.append(f"  [item {'、'.join(d.items)}]", style="redline.kind")
            out.append(line)
        out.append(Styled(""))
    if c.other_text:
        out.append(Styled(f"Text outside the articles changed ({len(c.other_text)})", "redline.title"))
        for t in c.other_text:
            out.append(Styled(text_place(t.where), "redline.kind"))
            out.append(Wrapped(_runs(t.diff, plain)))
        out.append(Styled(""))
    if not c.has_changes and c.entries:
        out.append(Styled("No differences: every article is unchanged.", "redline.title"))
        out.append(Styled(""))
    for e in c.entries:
        if is_substantive(e) or show_all:
            out.append(Wrapped(_header(e)))
            if e.source_diff is not None:  # --lang zh+en: the law's own redline first
                out.append(Wrapped(_runs(e.source_diff, plain)))
            if layout == "side-by-side" and e.old and e.new:
                out.append(side_by_side(e, plain))
            else:
                out.append(Wrapped(diff_text(e, plain, dim=is_mechanical(e) or is_rewording(e))))
            out.extend(notes_text(e))
            out.append(Styled(""))
    if not show_all:
        mech = [e for e in c.entries if is_mechanical(e)]
        if mech:
            out.append(Styled(f"References updated to follow the renumbering ({len(mech)}):", "redline.title"))
            for e in mech:
                line = Styled(f"  {entry_title(e)}: ", "redline.mechanical")
                line.extend(_changed_runs(e, plain))
                out.append(line)
            out.append(Styled(""))
        moved = [e for e in c.entries if is_number_only(e)]
        if moved:
            pairs = "; ".join(entry_title(e) for e in moved)
            out.append(Wrapped(Styled(f"Only renumbered ({len(moved)}): {pairs}", "redline.dim")))
            out.append(Styled("(--all shows every article in full)", "redline.dim"))
            out.append(Styled(""))
    issues = [(e, i) for e in c.entries for i in e.reference_issues]
    if issues:
        out.append(Styled(f"References to check ({len(issues)}):", "redline.title"))
        for e, i in issues:
            out.append(Wrapped(Styled(f"  {'、'.join(e.new_labels)}: {i.ref} ({i.problem}): {i.detail}"),
                               indent=4))
        out.append(Styled(""))
    out.extend(decision_text(c))
    if not c.entries:
        return out
    rows = [(str(kind), str(n), KINDS[kind]) for kind, n in c.counts.items()]
    n_mech = sum(1 for e in c.entries if is_mechanical(e))
    if n_mech:
        rows.append(("(references only)", str(n_mech), "of the above, only references renumbered"))
    out.extend(summary_table(rows))
    return out


def summary_table(rows: list[tuple[str, str, str]]) -> list[Wrapped]:
    """The summary: kind, entries (right-aligned) and meaning in columns, each
    meaning's continuation lines under its column.

    >>> for w in summary_table([("renumbered", "12", "same text, new number")]):
    ...     print(w.render(80, False), end="")
    Summary
    kind        entries  meaning
    renumbered       12  same text, new number
    """
    head = ("kind", "entries", "meaning")
    first = max(cell_len(r[0]) for r in [head, *rows])
    second = max(len(r[1]) for r in [head, *rows])
    out = [Wrapped(Styled("Summary", "redline.title"), indent=0)]
    line = Styled()
    line.append(f"{head[0]:<{first}}  {head[1]:>{second}}  ", "redline.title")
    line.append(head[2], "redline.title")
    out.append(Wrapped(line, indent=0))
    for kind, n, meaning in rows:
        line = Styled(f"{kind}{' ' * (first - cell_len(kind))}  {n:>{second}}  ")
        line.append(meaning, "redline.dim")
        out.append(Wrapped(line, indent=first + second + 4))
    return out


def decision_text(c: Comparison) -> list[Styled]:
    """With --decision: items not executed, changes no item makes, items that make none."""
    if c.decision is None:
        return []
    d = c.decision
    out = []
    for item in d.items:
        if item.status != "ok":
            out.append(Styled(f"Item {item.label} {item.status}: {'; '.join(item.reasons)}",
                            style="redline.title"))
    if d.unexplained:
        out.append(Styled(f"Changes no item makes ({len(d.unexplained)}): "
                        + "; ".join(d.unexplained), "redline.title"))
    if d.unused:
        out.append(Styled(f"Items that make none of these changes ({len(d.unused)}): "
                        + "、".join(d.unused), "redline.title"))
    if not out:
        out.append(Styled(f"Every change is made by an item of the decision, and every item "
                        f"makes one ({len(d.items)} items).", "redline.dim"))
    return out + [Styled("")]


def _changed_runs(e: Entry, plain: bool) -> Styled:
    """Just the changed runs of a references-only entry: [-第十七条-]{+第十九条+}."""
    changed = [op for op in e.diff if op[0] != EQUAL]
    spaced = [x for op in changed for x in ((op, (EQUAL, " ")) if op[0] == INSERT else (op,))]
    return _runs(spaced, plain, "redline.mechanical")


def make_console(file=None, color: bool | None = None, width: int | None = None) -> Screen:
    """Where the redline is written: ``file`` (standard output by default),
    colour on or off (``None``: as NO_COLOR and the terminal say), ``width``
    cells (``None``: the terminal's; 0 does not wrap)."""
    return Screen(file, color, width)


def render_terminal(c: Comparison, screen: Screen, show_all: bool = False,
                    layout: str = "inline") -> None:
    write(screen, renderables(c, show_all, not screen.color, layout))


def write(screen: Screen, items: list) -> None:
    """Write ``items`` in order: each text broken into lines at the screen's
    width (a line of its own, continuation lines flush, unless it is
    :class:`Wrapped` with its indent); what rich draws (the side-by-side
    columns) through :meth:`Screen.rich`."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Styled):
            item = Wrapped(item, indent=0)
        if isinstance(item, Wrapped):
            out.append(item.render(screen.width, screen.color))
            continue
        screen.file.write("".join(out))
        out.clear()
        screen.rich().print(item)
    screen.file.write("".join(out))


def side_by_side(e: Entry, plain: bool):
    """The old text (removals marked) beside the new (additions marked), in two
    columns of half the width each, as ``diff -y`` draws them.

    >>> from rich.console import Console
    >>> from redline.diff.textdiff import DiffOp
    >>> e = Entry("modified", [1], [1], ["第一条"], ["第一条"], 0.8,
    ...           [DiffOp(0, "处"), DiffOp(-1, "一万元"), DiffOp(1, "五万元"), DiffOp(0, "以下罚款。")])
    >>> from redline.render.styled import THEME
    >>> from rich.theme import Theme
    >>> con = Console(width=60, color_system=None, theme=Theme(THEME))
    >>> with con.capture() as cap:
    ...     con.print(side_by_side(e, True))
    >>> print(" | ".join(cap.get().split()))
    处[-一万元-]以下罚款。 | 处{+五万元+}以下罚款。
    """
    from rich.table import Table

    from .common import split_lines
    from .rich_console import to_text

    grid = Table.grid(expand=True, padding=(0, 2))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    # A row per display line of the redline, so each paragraph stands beside its
    # own: the old side keeps what is kept and removed, the new what is kept and added.
    for line in split_lines(with_notes(e.diff, e.annotations)):
        runs = [r for r in line if not isinstance(r, Break)]
        old = [r for r in runs if (r.note.side == "old" if isinstance(r, NoteMark) else r[0] != INSERT)]
        new = [r for r in runs if (r.note.side == "new" if isinstance(r, NoteMark) else r[0] != DELETE)]
        grid.add_row(to_text(_runs(old, plain)), to_text(_runs(new, plain)))
    return grid


def render_history_terminal(h, screen: Screen) -> None:
    """An article's lineage: each pair of stages, with the entries it passes through."""
    plain = not screen.color
    out: list = [Styled(f"History of article {h.article} of {h.law} (as numbered in {h.stage})", "redline.title")]
    if h.missing_text:
        out.append(Styled(f"Stages without text here: {', '.join(h.missing_text)}", "redline.dim"))
    for c in h.steps:
        out.append(Styled(""))
        out.append(Styled(stage_line(c), "redline.kind"))
        if not c.entries:
            out.append(Styled("(no counterpart)", "redline.dim"))
        for e in c.entries:
            out.append(Wrapped(_header(e)))
            if e.source_diff is not None:  # --lang zh+en: the law's own redline first
                out.append(Wrapped(_runs(e.source_diff, plain)))
            out.append(Wrapped(diff_text(e, plain, dim=is_mechanical(e) or is_rewording(e))))
            out.extend(notes_text(e))
    write(screen, out)
