"""``--format markdown``: the redline for a blog (WordPress, GitHub).

Removed text in ``<del>``, added text in ``<ins>`` (both markdown engines pass
them through); each changed article under a heading with an anchor
(``<a id="new-art_19"></a>``, the ids the HTML page uses); annotations as
footnotes (``[^d2025-03-ai-article]``); articles only renumbered listed at the
end. Everything taken from a text is escaped: ``<``, ``&`` and the characters
markdown reads (``* _ [ ] # | ` \\``).

>>> md_escape("第一条 *甲* <乙> [丙]")
'第一条 \\\\*甲\\\\* &lt;乙&gt; \\\\[丙\\\\]'
"""

from __future__ import annotations

import html
import re

from ..diff.comparison import Comparison, Entry
from ..diff.parts import Note
from .common import (Break, NoteMark, Run, continued_from, entry_lines, entry_title, is_mechanical,
                     is_number_only, is_rewording, is_substantive, kind_word, split_destinations,
                     split_lines, stage_line, text_place, with_notes)

_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _anchor(e: Entry) -> str:
    side, n = ("new", e.new[0]) if e.new else ("old", e.old[0])
    return f"{side}-art_{n}"


def _line(runs: list[Run], quiet: bool = False) -> str:
    """One display line; ``quiet``: a translation's own rewording, marked in grey
    (an inline style WordPress keeps; GitHub drops it and shows the plain marks)."""
    if quiet:
        grey = ' style="color:#80868b"'
        return _line(runs).replace("<del>", f"<del{grey}>").replace("<ins>", f"<ins{grey}>")
    out = []
    for run in runs:
        if isinstance(run, NoteMark):
            out.append(f"[^{run.note.id}]")
        elif isinstance(run, Break):  # a paragraph break only one side has
            out.append("<del>¶</del>" if run.side == -1 else "<ins>¶</ins>")
        elif run.op == -1:
            out.append(f"<del>{md_escape(run.text)}</del>")
        elif run.op == 1:
            out.append(f"<ins>{md_escape(run.text)}</ins>")
        else:
            out.append(md_escape(run.text))
    return "".join(out)


def render_markdown(c: Comparison, show_all: bool = False) -> str:
    """``show_all``: every article in full, unchanged ones included."""
    title = c.new.title or c.old.title or c.new.law
    out = [f"# {md_escape(title)}", "", f"*{md_escape(stage_line(c))}*", "",
           "<del>Removed text</del> · <ins>added text</ins>", ""]
    if c.missing_text:
        out += [f"Article texts are missing for {md_escape(', '.join(c.missing_text))}: "
                "only the tables of contents are compared.", ""]
    heads = [d for d in c.divisions if d.changed]
    if heads:
        out += ["## Headings changed", ""]
        for d in heads:
            out.append(f"- {md_escape(d.old_heading or '—')} → {md_escape(d.new_heading or '—')} "
                       f"({d.kind})")
        out.append("")
    if c.other_text:
        out += ["## Text outside the articles changed", ""]
        for t in c.other_text:
            out += [f"### {md_escape(text_place(t.where))}", ""]
            for line in split_lines(t.diff):
                out += [_line(line), ""]
    notes: dict[str, Note] = {}
    shown = [e for e in c.entries if show_all or is_substantive(e) or is_mechanical(e)]
    if shown:
        out += ["## Articles" if show_all else "## Changed articles", ""]
    for e in shown:
        kind = kind_word(e)
        went = continued_from(e)
        extra = f"; continues {'、'.join(label for label, _ in went)}" if went else ""
        if (where := split_destinations(e)):
            extra += f"; {where}"
        out += [f'<a id="{_anchor(e)}"></a>', "", f"### {md_escape(entry_title(e))}", "",
                f"*{kind}{md_escape(extra)}*", ""]
        for n in e.annotations:
            notes[n.id] = n
        if e.source_diff is not None:  # --lang zh+en: the law's own redline first
            for line in split_lines(e.source_diff):
                out += [_line(line), ""]
        for line in entry_lines(e, with_notes(e.diff, e.annotations)):
            out += [_line(line, is_rewording(e)), ""]
    only = [e for e in c.entries if is_number_only(e) and not show_all]
    if only:
        out += [f"## Only renumbered ({len(only)})", "",
                md_escape("; ".join(entry_title(e) for e in only)), ""]
    for note_id, n in notes.items():
        en = f" ({n.en})" if n.en else ""
        out.append(f"[^{note_id}]: **{md_escape(n.quote)}**{md_escape(en)}: {md_escape(n.note)}")
    return "\n".join(out).rstrip() + "\n"
