"""``--format html --fragment``: a redline to paste into a blog post or a CMS.

No ``<html>`` or ``<head>``: one ``<div>``, every style inline (an editor such
as WordPress's keeps ``<del>``, ``<ins>`` and inline ``text-decoration`` and
``color``, and drops ``<style>`` blocks), a one-line legend, then the text in
the shape of the published annotated translations: chapter headings, and each
article as ``Article 19:`` followed by its text, struck through where removed
and underlined where added. A translation's own rewording is marked in grey,
dotted, and said to be the translation's, so it never reads as an amendment.

Everything taken from a text is escaped.
"""

from __future__ import annotations

from ..diff.comparison import Comparison, Entry
from ..model import division_path
from .common import (REWORDING, entry_title, group_lines, heading_prefix, is_mechanical,
                     is_rewording, is_substantive, split_lines)
from .html import _e, runs_html

DEL = "text-decoration:line-through;color:#a4161a"
INS = "text-decoration:underline;color:#1b5e20"
#: A translation's own rewording: the same marks, quieter, never the law's colours.
DEL_QUIET = "text-decoration:line-through dotted;color:#80868b"
INS_QUIET = "text-decoration:underline dotted;color:#80868b"


def _runs(line, quiet: bool) -> str:
    d, i = (DEL_QUIET, INS_QUIET) if quiet else (DEL, INS)
    return runs_html(line, (f' style="{d}"', f' style="{i}"'), notes=False)


def _stage_name(info) -> str:
    """``adopted law (2016-11-07)``: the manifest's name in English and the date, where known."""
    from .word_page import en_name

    return en_name(info) + (f" ({info.date})" if info.date else "")


def legend(c: Comparison) -> str:
    """The one line a reader needs: what the marks mean, since which stage.

    >>> from redline.diff.comparison import StageInfo
    >>> c = Comparison(StageInfo("l", "draft2", "", "en", 0, name="second reading draft"),
    ...                StageInfo("l", "draft3", "", "en", 0), [])
    >>> legend(c)
    'Struck through: removed since the second reading draft; underlined: added.'
    """
    line = f"Struck through: removed since the {_stage_name(c.old)}; underlined: added."
    if any(is_rewording(e) for e in c.entries):
        line += " In grey, dotted: the translation's own rewording, where the law did not change."
    return line


def _article(e: Entry) -> str:
    quiet = is_rewording(e)
    labels = e.new_labels or e.old_labels
    lines = split_lines(e.diff)
    counts = (e.segments or {}).get("new" if e.new else "old")
    groups = group_lines(lines, counts) if counts and len(counts) == len(labels) else [lines]
    if len(groups) != len(labels):
        labels = [entry_title(e)]
    # What the reader needs beside the label: the old number, a deletion, the
    # translation's own rewording; small and grey, on the label's line.
    said = ([f"was {', '.join(e.old_labels)}"] if e.new and e.old and e.old != e.new else []) \
        + (["deleted"] if not e.new else []) + ([REWORDING] if quiet else [])
    aside = (f' <span style="font-size:smaller;color:#5f6368">({_e("; ".join(said))})</span>'
             if said else "")
    out = []
    for j, (label, group) in enumerate(zip(labels, groups)):
        for k, line in enumerate(group):
            head = f"<strong>{_e(label)}:</strong>{aside if j == 0 else ''} " if k == 0 else ""
            out.append(f"<p>{head}{_runs(line, quiet)}</p>")
    return "".join(out)


def render_fragment(c: Comparison, show_all: bool = False) -> str:
    """The fragment; ``show_all``: every article (the whole annotated text), else
    the changed ones."""
    headings: dict[str, str] = {}
    for side in (c.new, c.old):
        for d in side.divisions:
            headings.setdefault(d["id"], _e(d["heading"]))
    for h in c.divisions:  # a heading that changed is marked as the text is
        if h.changed and (h.new or h.old):
            headings[h.new or h.old or ""] = _e(heading_prefix(h)) + _runs(h.diff, False)
    out = [f'<div class="redline-fragment" lang="{_e(c.new.language)}">',
           f'<p style="font-style:italic">{_e(legend(c))}</p>']
    opened: list[str] = []
    for e in c.entries:
        if not (show_all or is_substantive(e) or is_mechanical(e)):
            continue
        want = division_path(e.division)
        for k, div_id in enumerate(want):
            if div_id not in opened and div_id in headings:
                tag = "h3" if k == 0 else "h4"
                out.append(f"<{tag}>{headings[div_id]}</{tag}>")
        opened[:] = want
        out.append(_article(e))
    out.append("</div>")
    return "\n".join(out) + "\n"
