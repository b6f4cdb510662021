"""The redline in a terminal, with rich.

Deletions are red and struck through, insertions green and underlined (two
cues each: some terminals do not show strike-through). Without colour
(``NO_COLOR``, or output that is not a terminal) the same marks are written as
``[-removed-]{+added+}``. Styles are named in a theme (``redline.del``,
``redline.ins`` …) that callers can override.

Chinese has no spaces to wrap at, so text is folded at the console width.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderHook
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from ..diff.align import Kind
from ..diff.align import KINDS
from ..diff.comparison import Comparison, Entry
from ..diff.textdiff import DELETE, EQUAL, INSERT
from ..errors import printable
from .common import (Break, NoteMark, continued_from, entry_title, heading_prefix, kind_word, text_blocks,
                     is_mechanical, is_rewording,
                     is_number_only, is_substantive, split_destinations, stage_line, text_place,
                     with_notes)
from .wrap import NO_WRAP, Wrapped

THEME = Theme({
    # Red and green read on dark and on light backgrounds; the rest is set off
    # by weight and slant, not by a colour one of them washes out (dim magenta
    # on black, cyan on white).
    "redline.del": "red strike",
    "redline.ins": "green underline",
    "redline.title": "bold",
    "redline.kind": "bold",
    "redline.dim": "italic",
    "redline.mechanical": "italic",
    "redline.note": "bold italic",
})


def _runs(ops, plain: bool, style: str = "") -> Text:
    text = Text(overflow="fold", style=style)
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


def diff_text(e: Entry, plain: bool, dim: bool = False) -> Text:
    style = "redline.mechanical" if dim else ""
    # A continuation's old text whole, then the new on lines of its own.
    return Text("\n").join(_runs(block, plain, style)
                           for block in text_blocks(e, with_notes(e.diff, e.annotations)))


def notes_text(e: Entry) -> list[Wrapped]:
    """The entry's annotations as footnotes: ``[1] 人工智能伦理规范 (AI ethics rules): …``."""
    out = []
    for k, n in enumerate(e.annotations, 1):
        line = Text(f"  [{k}] ", style="redline.note", overflow="fold")
        line.append(n.quote, style="bold")
        if n.en:
            line.append(f" ({n.en})")
        line.append(f": {n.note}", style="redline.dim")
        out.append(Wrapped(line, indent=6))  # under the note's words, past "  [1] "
    return out


def _header(e: Entry) -> Text:
    t = Text(entry_title(e), style="redline.title")
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
    out.append(Text(title, style="redline.title"))
    out.append(Text(stage_line(c), style="redline.dim"))
    out.append(Text(""))
    if c.missing_text:
        out.append(Text(f"Article texts are missing for {', '.join(c.missing_text)}: only the "
                        "tables of contents are compared.", style="redline.title"))
        out.append(Text(""))
    heads = [d for d in c.divisions if c.missing_text or d.changed]
    if heads:
        out.append(Text("Headings" if c.missing_text else f"Headings changed ({len(heads)})",
                        style="redline.title"))
        for d in heads:
            line = Text("  ")
            label = d.new_heading or d.old_heading or ""
            if not d.changed:
                line.append(label, style="redline.dim")
            else:
                line.append(heading_prefix(d))
                line.append_text(_runs(d.diff, plain))
                line.append(f"  {d.kind}", style="redline.kind")
                if d.items:
                    line.append(f"  [item {'、'.join(d.items)}]", style="redline.kind")
            out.append(line)
        out.append(Text(""))
    if c.other_text:
        out.append(Text(f"Text outside the articles changed ({len(c.other_text)})", style="redline.title"))
        for t in c.other_text:
            out.append(Text(text_place(t.where), style="redline.kind"))
            out.append(Wrapped(_runs(t.diff, plain)))
        out.append(Text(""))
    if not c.has_changes and c.entries:
        out.append(Text("No differences: every article is unchanged.", style="redline.title"))
        out.append(Text(""))
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
            out.append(Text(""))
    if not show_all:
        mech = [e for e in c.entries if is_mechanical(e)]
        if mech:
            out.append(Text(f"References updated to follow the renumbering ({len(mech)}):",
                            style="redline.title"))
            for e in mech:
                line = Text(f"  {entry_title(e)}: ", style="redline.mechanical")
                line.append_text(_changed_runs(e, plain))
                out.append(line)
            out.append(Text(""))
        moved = [e for e in c.entries if is_number_only(e)]
        if moved:
            pairs = "; ".join(entry_title(e) for e in moved)
            out.append(Text(f"Only renumbered ({len(moved)}): {pairs}", style="redline.dim",
                            overflow="fold"))
            out.append(Text("(--all shows every article in full)", style="redline.dim"))
            out.append(Text(""))
    issues = [(e, i) for e in c.entries for i in e.reference_issues]
    if issues:
        out.append(Text(f"References to check ({len(issues)}):", style="redline.title"))
        for e, i in issues:
            out.append(Text(f"  {'、'.join(e.new_labels)}: {i.ref} ({i.problem}): {i.detail}",
                            overflow="fold"))
        out.append(Text(""))
    out.extend(decision_text(c))
    if not c.entries:
        return out
    table = Table(title="Summary", show_edge=False)
    table.add_column("kind")
    table.add_column("entries", justify="right")
    table.add_column("meaning", style="redline.dim")
    for kind, n in c.counts.items():
        table.add_row(kind, str(n), KINDS[kind])
    n_mech = sum(1 for e in c.entries if is_mechanical(e))
    if n_mech:
        table.add_row("(references only)", str(n_mech), "of the above, only references renumbered")
    out.append(table)
    return out


def decision_text(c: Comparison) -> list[Text]:
    """With --decision: items not executed, changes no item makes, items that make none."""
    if c.decision is None:
        return []
    d = c.decision
    out = []
    for item in d.items:
        if item.status != "ok":
            out.append(Text(f"Item {item.label} {item.status}: {'; '.join(item.reasons)}",
                            style="redline.title", overflow="fold"))
    if d.unexplained:
        out.append(Text(f"Changes no item makes ({len(d.unexplained)}): "
                        + "; ".join(d.unexplained), style="redline.title", overflow="fold"))
    if d.unused:
        out.append(Text(f"Items that make none of these changes ({len(d.unused)}): "
                        + "、".join(d.unused), style="redline.title", overflow="fold"))
    if not out:
        out.append(Text(f"Every change is made by an item of the decision, and every item "
                        f"makes one ({len(d.items)} items).", style="redline.dim"))
    return out + [Text("")]


def _changed_runs(e: Entry, plain: bool) -> Text:
    """Just the changed runs of a references-only entry: [-第十七条-]{+第十九条+}."""
    changed = [op for op in e.diff if op[0] != EQUAL]
    spaced = [x for op in changed for x in ((op, (EQUAL, " ")) if op[0] == INSERT else (op,))]
    return _runs(spaced, plain, "redline.mechanical")


class _Console(Console):
    """rich's Console, except that a closed standard output is an error to report.

    rich ends the process with status 1 and not a word when the reader goes
    away; the command then could not write its output, which is exit 2.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(32, "Broken pipe")


class _Printable:
    """A renderable whose words reach the terminal without control characters
    (printable()): rich's own colour codes are segments of their own and stay."""

    def __init__(self, renderable) -> None:
        self.renderable = renderable

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        for seg in console.render(self.renderable, options):
            yield seg if seg.control else Segment(printable(seg.text), seg.style)


class _PrintableHook(RenderHook):
    def process_renderables(self, renderables):
        return [_Printable(r) for r in renderables]


def make_console(file=None, color: bool | None = None, width: int | None = None) -> Console:
    """A console for the redline; ``color=None`` decides from NO_COLOR and the tty."""
    if width == 0:  # no wrapping: every paragraph on one line
        width = NO_WRAP
    kwargs = {"theme": THEME, "file": file, "highlight": False, "width": width,
              "soft_wrap": False}
    if color is False:
        kwargs.update(no_color=True, color_system=None)
    elif color is True:
        kwargs.update(force_terminal=True, color_system="truecolor")
    console = _Console(**kwargs)
    # Whatever a stage file, an annotation or an instrument says is printed,
    # never obeyed: OSC 52 (clipboard), OSC 8, CSI sequences shown as escapes.
    console.push_render_hook(_PrintableHook())
    return console


def render_terminal(c: Comparison, console: Console, show_all: bool = False,
                    layout: str = "inline") -> None:
    plain = console.no_color or console.color_system is None
    write(console, renderables(c, show_all, plain, layout))


def write(console: Console, items: list) -> None:
    """Print ``items`` in order, as ``console.print(Group(*items))`` would.

    The wrapped paragraphs, nearly all of a redline, are written straight to the
    console's file: their lines are already cut to the width, and the console's
    general machinery (render hooks, cropping, a segment at a time) took most of
    the terminal record's time. Each segment is styled as the console styles it
    (``Style.render``, colour removed under NO_COLOR) and its words made printable.
    The rest (titles, tables) goes through the console.
    """
    from rich.console import COLOR_SYSTEMS

    if console.record or console._buffer_index:  # a capture or a recording: the console's way
        console.print(Group(*items))
        return
    width = console.options.max_width
    color_system = COLOR_SYSTEMS.get(console.color_system or "")
    no_color = console.no_color
    out: list[str] = []
    rest: list = []

    def flush_rest() -> None:
        if rest:
            console.print(Group(*rest))
            rest.clear()

    for item in items:
        if isinstance(item, Text) and not item.plain and not rest:
            out.append("\n")  # a blank line, between every two entries
            continue
        if not isinstance(item, Wrapped):
            console.file.write("".join(out))
            out.clear()
            rest.append(item)
            continue
        flush_rest()
        for seg in item.segments(console, width):
            text, style = printable(seg.text), seg.style
            if style and color_system:
                out.append((style.without_color if no_color else style).render(
                    text, color_system=color_system))
            else:
                out.append(text)
    console.file.write("".join(out))
    flush_rest()


def side_by_side(e: Entry, plain: bool) -> Table:
    """The old text (removals marked) beside the new (additions marked), in two
    columns of half the width each, as ``diff -y`` draws them.

    >>> from rich.console import Console
    >>> from redline.diff.textdiff import DiffOp
    >>> e = Entry("modified", [1], [1], ["第一条"], ["第一条"], 0.8,
    ...           [DiffOp(0, "处"), DiffOp(-1, "一万元"), DiffOp(1, "五万元"), DiffOp(0, "以下罚款。")])
    >>> con = Console(width=60, color_system=None)
    >>> with con.capture() as cap:
    ...     con.print(side_by_side(e, True))
    >>> print(" | ".join(cap.get().split()))
    处[-一万元-]以下罚款。 | 处{+五万元+}以下罚款。
    """
    from .common import split_lines

    grid = Table.grid(expand=True, padding=(0, 2))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    # A row per display line of the redline, so each paragraph stands beside its
    # own: the old side keeps what is kept and removed, the new what is kept and added.
    for line in split_lines(with_notes(e.diff, e.annotations)):
        runs = [r for r in line if not isinstance(r, Break)]
        old = [r for r in runs if (r.note.side == "old" if isinstance(r, NoteMark) else r[0] != INSERT)]
        new = [r for r in runs if (r.note.side == "new" if isinstance(r, NoteMark) else r[0] != DELETE)]
        grid.add_row(_runs(old, plain), _runs(new, plain))
    return grid


def render_history_terminal(h, console: Console) -> None:
    """An article's lineage: each pair of stages, with the entries it passes through."""
    plain = console.no_color or console.color_system is None
    out: list = [Text(f"History of article {h.article} of {h.law} (as numbered in {h.stage})",
                      style="redline.title")]
    if h.missing_text:
        out.append(Text(f"Stages without text here: {', '.join(h.missing_text)}", style="redline.dim"))
    for c in h.steps:
        out.append(Text(""))
        out.append(Text(stage_line(c), style="redline.kind"))
        if not c.entries:
            out.append(Text("(no counterpart)", style="redline.dim"))
        for e in c.entries:
            out.append(Wrapped(_header(e)))
            if e.source_diff is not None:  # --lang zh+en: the law's own redline first
                out.append(Wrapped(_runs(e.source_diff, plain)))
            out.append(Wrapped(diff_text(e, plain, dim=is_mechanical(e) or is_rewording(e))))
            out.extend(notes_text(e))
    write(console, out)
