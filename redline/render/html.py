"""A publishable HTML redline: one self-contained file, no scripts, no fetches.

Removed text is ``<del>`` (struck through, red), added text ``<ins>`` (underlined,
green): colour is the second cue, never the only one. Every article has an
anchor for its new number (``new-art_19``) and for its old one (``old-art_18``),
whether it is shown in full or in the compact list of renumbered articles.

Everything taken from the texts goes through :func:`html.escape`: an article
that contains ``<script>`` shows it as text.

Layouts: ``inline`` (one text with both marks) and ``side-by-side`` (old text
with deletions beside new text with insertions); both read the same entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from ..diff.align import KINDS, Kind
from ..diff.comparison import Comparison, Entry
from ..diff.textdiff import DELETE, INSERT
from .common import (REWORDING, Break, NoteMark, Run, continued_from, entry_lines, entry_title, group_lines,
                     heading_prefix, is_mechanical, kind_word, is_rewording, is_substantive,
                     split_destinations, split_lines, stage_line, text_place, with_notes)

LANG = {"zh": "zh-Hans", "en": "en"}

CSS = """
:root { --del: #a4161a; --del-bg: #fde8e8; --ins: #1b5e20; --ins-bg: #e3f4e1; --muted: #5f6368;
  --rule: #d9d9d9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 4rem; line-height: 1.75;
  color: #1f1f1f; background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
:lang(zh) { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: .5rem 0; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 0 0 .3rem; }
a { color: #0b57d0; }
.meta, .muted { color: var(--muted); }
.meta dt { font-weight: 600; } .meta dd { margin: 0 0 .3rem 0; overflow-wrap: anywhere; }
.items { margin-left: .5rem; font-size: .85em; border: 1px solid var(--rule); padding: 0 .3rem; }
table.summary { border-collapse: collapse; margin: .5rem 0; }
table.summary td, table.summary th { padding: .15rem .75rem; border-bottom: 1px solid var(--rule);
  text-align: left; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
nav.toc ol { padding-left: 1.2rem; } nav.toc li { margin: .1rem 0; }
nav.toc ul { padding-left: 1rem; list-style: none; display: flex; flex-wrap: wrap; gap: .1rem .8rem; }
article.entry { border-left: 3px solid var(--rule); padding: .4rem 0 .4rem .9rem; margin: 1rem 0;
  overflow-wrap: anywhere; word-break: normal; }
article.kind-inserted { border-left-color: var(--ins); }
article.kind-deleted { border-left-color: var(--del); }
article.kind-merged, article.kind-split, article.kind-moved { border-left-color: #7b1fa2; }
article.references-only { border-left-style: dashed; }
article.rewording { border-left-style: dotted; }
.rewording .text del, .rewording .text ins { color: var(--muted); background: none;
  text-decoration-style: dotted; }
.source { border-bottom: 1px dotted var(--rule); margin-bottom: .35rem; }
.kind { font-size: .8rem; font-weight: normal; border: 1px solid var(--rule); border-radius: .6rem;
  padding: 0 .45rem; margin-left: .4rem; color: var(--muted); white-space: nowrap; }
.sim { font-size: .8rem; color: var(--muted); margin-left: .4rem; white-space: nowrap; }
.from { font-size: .85rem; color: var(--muted); margin: 0 0 .3rem; }
.text p { margin: 0 0 .35rem; }
del { text-decoration: line-through; text-decoration-thickness: .08em; color: var(--del);
  background: var(--del-bg); }
ins { text-decoration: underline; text-underline-offset: .15em; color: var(--ins);
  background: var(--ins-bg); }
.sbs { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.sbs .col h4 { font-size: .8rem; color: var(--muted); margin: 0 0 .2rem; font-weight: 600; }
.sbs .src { font-size: .8rem; color: var(--muted); margin: .3rem 0 0; }
ul.compact { columns: 16rem; padding-left: 1.1rem; font-size: .92rem; }
ul.compact li { break-inside: avoid; }
.missing { border: 1px solid #e0b252; background: #fff8e5; padding: .5rem .8rem; }
ul.headings { list-style: none; padding-left: .5rem; }
sup.fn { font-size: .7em; line-height: 0; }
sup.fn a { text-decoration: none; padding: 0 .1em; }
ol.footnotes { font-size: .85rem; color: #333; margin: .4rem 0 0; padding-left: 1.4rem;
  border-top: 1px dotted var(--rule); }
ol.footnotes .q { font-weight: 600; }
.ref-issues { font-size: .85rem; color: #8a4b00; margin: .3rem 0 0; }
.legend del, .legend ins { padding: 0 .2rem; }
.walk { float: right; font-size: .8rem; font-weight: normal; color: var(--muted); }
.walk a { padding: 0 .3rem; }
table.chapters caption { text-align: left; font-weight: 600; margin-top: .6rem; }
.scroll { max-width: 100%; overflow-x: auto; }
details > summary { cursor: pointer; } details > summary h2 { display: inline; border: 0; }
@media (max-width: 40rem) {
  body { padding: .6rem .7rem 3rem; font-size: 1rem; }
  .sbs { grid-template-columns: 1fr; }
  ul.compact { columns: 1; }
}
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  article.entry { break-inside: avoid; }
  .walk, nav.toc { display: none; }
  del, ins { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def runs_html(line: Sequence[Run], attrs: tuple[str, str] = ("", ""), notes: bool = True) -> str:
    """A display line as HTML, text escaped. ``attrs``: what the ``<del>`` and the
    ``<ins>`` tags carry (a fragment's inline styles); ``notes``: the footnote
    marks of annotations, which a fragment leaves out.

    >>> runs_html([(0, "甲"), (-1, "<乙>"), (1, "丙")], (' style="x"', ""))
    '甲<del style="x">&lt;乙&gt;</del><ins>丙</ins>'
    """
    out = []
    for run in line:
        if isinstance(run, Break):
            tag, title, at = (("del", "paragraph break removed", attrs[0]) if run.side < 0
                              else ("ins", "new paragraph", attrs[1]))
            out.append(f'<{tag}{at} class="pilcrow" title="{title}">¶</{tag}>')
        elif isinstance(run, NoteMark):
            if notes:
                nid = safe_id(run.note.id)
                out.append(f'<sup class="fn"><a href="#fn-{nid}" id="fnref-{nid}">{run.number}</a></sup>')
        elif run[0] == DELETE:
            out.append(f"<del{attrs[0]}>{_e(run[1])}</del>")
        elif run[0] == INSERT:
            out.append(f"<ins{attrs[1]}>{_e(run[1])}</ins>")
        else:
            out.append(_e(run[1]))
    return "".join(out)


def paragraphs_html(lines: list) -> str:
    """Display lines as <p> paragraphs, marks as <del>/<ins>, text escaped."""
    return "".join(f"<p>{runs_html(line)}</p>" for line in lines)


_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SAFE_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}")


def safe_id(text: str) -> str:
    """An id or fragment built from the safe alphabet only: what a stage file says
    (a division id, a note id) is never written into an attribute as it is, as
    stage files are shared between people and may be crafted.

    >>> safe_id("chp_2__sec_1"), safe_id('x" onmouseover="alert(1)')
    ('chp_2__sec_1', 'h-10e3c9cf21')
    """
    if _SAFE_ID.fullmatch(text):
        return text
    import hashlib

    return "h-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def safe_lang(language: str) -> str:
    """A stage's language as an HTML lang value; anything else is "und".

    >>> safe_lang("zh"), safe_lang("en"), safe_lang('zh"><script>')
    ('zh-Hans', 'en', 'und')
    """
    language = LANG.get(language, language)
    return language if _SAFE_LANG.fullmatch(language) else "und"


def anchor(side: str, number) -> str:
    """``anchor("new", ArticleNumber(19))`` -> ``"new-art_19"``."""
    return f"{side}-art_{number}"


def _anchors(e: Entry) -> tuple[str, str]:
    """(id of the element, extra anchors inside it) for an entry's articles."""
    # An article merged here in part is anchored at its own entry, where it is whole.
    ids = [anchor("new", n) for n in e.new] + [anchor("old", n) for n in e.old if not e.part_of(n)]
    main_id, extra = ids[0], ids[1:]
    return main_id, "".join(f'<span id="{x}"></span>' for x in dict.fromkeys(extra) if x != main_id)


def _from_line(e: Entry) -> str:
    if e.kind == Kind.MERGED:
        sources = []
        for n, label in zip(e.old, e.old_labels):
            p = e.part_of(n)
            if p:
                which = ", ".join(str(k + 1) for k in p.lines)
                what = f"{label} (line{'s' if len(p.lines) > 1 else ''} {which} only)"
            else:
                what = label
            sources.append(f'<a href="#{anchor("old", n)}">{_e(what)}</a>')
        return f'<p class="from">Merged from {", ".join(sources)}.</p>'
    if e.kind == Kind.SPLIT:
        where = split_destinations(e)
        return (f'<p class="from">Split from {_e(e.old_labels[0])} into {_e("、".join(e.new_labels))}'
                + (f': {_e(where)}' if where else "") + '.</p>')
    if (went := continued_from(e)):  # a paragraph of an old article goes on here
        links = ", ".join(f'<a href="#{anchor("old", n)}">{_e(label)}</a>' for label, n in went)
        if e.kind == Kind.CONTINUED:
            return (f'<p class="from">Its content continues {links}, reworded: a weaker link than '
                    'a modification; both texts are shown whole.</p>')
        return f'<p class="from">New article; it continues {links}.</p>'
    if e.kind == Kind.CONTINUED:
        where = split_destinations(e)
        return ('<p class="from">Content continues, reworded: a weaker link than a modification; '
                'both texts are shown whole' + (f' ({_e(where)})' if where else "") + '.</p>')
    if (where := split_destinations(e)):  # part of this article went on elsewhere
        return f'<p class="from">Part of it went on elsewhere: {_e(where)}.</p>'
    return ""


def _footnotes(e: Entry) -> str:
    if not e.annotations:
        return ""
    items = []
    for n in e.annotations:
        en = f' <span class="en" lang="en">({_e(n.en)})</span>' if n.en else ""
        items.append(f'<li id="fn-{safe_id(n.id)}"><span class="q">{_e(n.quote)}</span>{en}: '
                     f'<span lang="en">{_e(n.note)}</span> '
                     f'<a href="#fnref-{safe_id(n.id)}" aria-label="back to the text">↩</a></li>')
    return f'<ol class="footnotes">{"".join(items)}</ol>'


def _side(e: Entry, side: str) -> str:
    lines = split_lines(with_notes(e.diff, e.annotations), side)
    labels = e.old_labels if side == "old" else e.new_labels
    if side == "old":
        labels = [lb + ("（部分）" if e.part_of(n) else "") for lb, n in zip(labels, e.old)]
    counts = (e.segments or {}).get(side)
    if counts and len(labels) > 1:
        blocks = []
        for label, group in zip(labels, group_lines(lines, counts)):
            blocks.append(f'<p class="src">{_e(label)}</p>{paragraphs_html(group)}')
        return "".join(blocks)
    return paragraphs_html(lines) if labels else '<p class="muted">—</p>'


def _data(e: Entry) -> str:
    """The articles an entry holds, for reading the page back (check --redline):
    ``data-old-part`` names those it carries only a part of (their home is another
    entry, which holds them whole)."""
    parts = [str(n) for n in e.old if e.part_of(n)]
    return (f' data-old="{",".join(str(n) for n in e.old if not e.part_of(n))}"'
            f' data-new="{",".join(str(n) for n in e.new)}"'
            + (f' data-old-part="{",".join(parts)}"' if parts else ""))


def _entry(e: Entry, layout: str, lang: str, place: tuple[int, int, str | None, str | None] | None = None) -> str:
    """One entry as an <article>; ``place``: (n, of N, the previous change's
    anchor, the next one's), for the links that walk from change to change."""
    main_id, extra = _anchors(e)
    classes = (["entry", f"kind-{e.kind}"] + (["references-only"] if is_mechanical(e) else [])
               + (["rewording"] if is_rewording(e) else []))
    sim = (f'<span class="sim">similarity {e.similarity:.2f}</span>'
           if e.similarity is not None and e.kind != Kind.UNCHANGED else "")
    note = '<span class="kind">references only</span>' if is_mechanical(e) else ""
    if is_rewording(e):
        note = f'<span class="kind">{_e(REWORDING)}</span>'
    items = (f'<span class="items">item {_e("、".join(e.items))}</span>' if e.items else "")
    walk = ""
    if place:
        k, total, prev_id, next_id = place
        walk = ('<span class="walk">'
                + (f'<a href="#{prev_id}" aria-label="previous change">‹</a> ' if prev_id else "")
                + f"{k} of {total}"
                + (f' <a href="#{next_id}" aria-label="next change">›</a>' if next_id else "")
                + "</span>")
    head = (f'<h3><a href="#{main_id}">{_e(entry_title(e))}</a>'
            f'<span class="kind">{_e(e.kind if e.kind != Kind.CONTINUED else kind_word(e))}</span>'
            f'{note}{items}{sim}{walk}</h3>')
    if layout == "side-by-side":
        body = (f'<div class="sbs"><div class="col old"><h4>old</h4>{_side(e, "old")}</div>'
                f'<div class="col new"><h4>new</h4>{_side(e, "new")}</div></div>')
    else:
        body = (f'<div class="text">'
                f'{paragraphs_html(entry_lines(e, with_notes(e.diff, e.annotations)))}</div>')
    if e.source_diff is not None:  # --lang zh+en: the law's own redline first
        body = (f'<div class="text source" lang="zh-Hans">{paragraphs_html(split_lines(e.source_diff))}'
                f'</div>{body}')
    issues = "".join(f'<li><b>{_e(i.ref)}</b> ({_e(i.problem)}): {_e(i.detail)}</li>'
                     for i in e.reference_issues)
    issues = f'<ul class="ref-issues">{issues}</ul>' if issues else ""
    data = _data(e)
    return (f'<article class="{" ".join(classes)}" id="{main_id}" lang="{lang}"{data}>{extra}'
            f'{head}{_from_line(e)}{body}{issues}{_footnotes(e)}</article>')


def public_path(path: str) -> str:
    """A source path fit for a published page: a manifest's (relative, inside the
    sources root) as it is; a local file's by its name only, never the folders of
    the machine that made the page.

    >>> public_path("cybersecurity-law/2016-11-07.md"), public_path("/home/ann/laws/csl.md")
    ('cybersecurity-law/2016-11-07.md', 'csl.md')
    >>> public_path("../shared/corpus/x.md"), public_path("C:/Users/ann/csl.docx")
    ('x.md', 'csl.docx')
    """
    import ntpath
    import posixpath

    if posixpath.isabs(path) or ntpath.isabs(path) or path.startswith(("..", "~")) or "\\" in path:
        return ntpath.basename(posixpath.basename(path))
    return path


def _stage_meta(label: str, s) -> str:
    src = s.source or {}
    bits = [f"<dt>{label}</dt><dd>{_e(s.stage)}" + (f" · {_e(s.date)}" if s.date else "")
            + (f" · in force {_e(s.in_force)}" if s.in_force else "")
            + f" · {s.articles} articles"]
    if src.get("path"):
        bits.append(f"<br><span class=\"muted\">source: {_e(public_path(src['path']))}"
                    + (f" · sha256 {_e(src['sha256'][:16])}…" if src.get("sha256") else "")
                    + "</span>")
    return "".join(bits) + "</dd>"


def _chapter_of(e: Entry) -> str | None:
    """Top-level division id (chapter or part) of an entry, for grouping."""
    return e.division.split("__")[0] if e.division else None


def page_html(title: str, lang: str, body: str, css: str = CSS) -> str:
    """A self-contained page: the one skeleton of the redline, the 对照表 and a
    statute book's index (each with its own ``css``); ``title`` is escaped,
    ``body`` is HTML already."""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="redline">
<title>{_e(title)}</title>
<style>{css}</style>
</head>
<body>
{body}
</body>
</html>
"""


def render_history_html(h, layout: str = "inline") -> str:
    """An article's lineage, one section per pair of consecutive stages."""
    lang = safe_lang(h.steps[0].new.language) if h.steps else "zh-Hans"
    title = (h.steps[0].new.title if h.steps else h.law) or h.law
    sections = []
    for k, c in enumerate(h.steps):
        entries = "".join(_entry(e, layout, lang).replace(' id="', f' id="s{k}-')
                          .replace('href="#', f'href="#s{k}-') for e in c.entries)
        sections.append(f'<section><h2>{_e(stage_line(c))}</h2>'
                        f'{entries or "<p class=muted>(no counterpart)</p>"}</section>')
    missing = (f'<p class="muted">Stages without text here: {_e(", ".join(h.missing_text))}</p>'
               if h.missing_text else "")
    body = (f"<header><h1>{_e(title)}</h1><p>History of article {_e(str(h.article))}, as numbered "
            f"in {_e(h.stage)}</p>{missing}</header><main>{''.join(sections)}</main>")
    return page_html(f"{title}: article {h.article}", lang, body)


def _decision_html(c: Comparison) -> str:
    """With --decision: items not executed, changes no item makes, items that make none."""
    if c.decision is None:
        return ""
    d = c.decision
    rows = [f'<li><b>item {_e(i.label)}</b> {_e(i.status)}: {_e("; ".join(i.reasons))}</li>'
            for i in d.items if i.status != "ok"]
    rows += [f"<li>no item makes: {_e(x)}</li>" for x in d.unexplained]
    rows += [f"<li>item {_e(x)} makes none of these changes</li>" for x in d.unused]
    titles = "、".join(d.titles)
    if not rows:
        return (f'<section id="decision"><h2>Decision</h2><p>Every change is made by an item of '
                f'{_e(titles)}, and each of its {len(d.items)} items makes one.</p></section>')
    return f'<section id="decision"><h2>Decision</h2><p>{_e(titles)}</p><ul>{"".join(rows)}</ul></section>'


def _per_chapter(c: Comparison, headings: dict[str, str]) -> str:
    """Counts per kind in each chapter (the new side's, else the old's)."""
    kinds = list(c.counts)
    rows: dict[str | None, dict[str, int]] = {}
    for e in c.entries:
        tally = rows.setdefault(_chapter_of(e), {})
        tally[e.kind] = tally.get(e.kind, 0) + 1
    if len(rows) < 2:
        return ""
    head = "".join(f'<th scope="col">{_e(k)}</th>' for k in kinds)
    body = "".join(
        f'<tr><th scope="row">{_e(headings.get(chap, "") if chap else "(no chapter)")}</th>'
        + "".join(f'<td class="n">{tally.get(k, 0) or ""}</td>' for k in kinds) + "</tr>"
        for chap, tally in rows.items())
    return (f'<div class="scroll"><table class="summary chapters"><caption>By chapter</caption>'
            f'<thead><tr><th scope="col">chapter</th>{head}</tr></thead><tbody>{body}</tbody></table></div>')


def render_html(c: Comparison, layout: str = "inline", show_all: bool = False) -> str:
    """The redline page. ``show_all``: every article in full, unchanged ones
    included (a published redline: the whole new text with its changes marked);
    otherwise those only renumbered or unchanged are listed by number. A piece
    to paste into a page is :mod:`.fragment`'s."""
    lang = safe_lang(c.new.language)
    title = c.new.title or c.old.title or c.new.law
    headings: dict[str, str] = {}
    for side in (c.old, c.new):
        for d in side.divisions:
            headings.setdefault(d["id"], d["heading"])
    shown = [e for e in c.entries if show_all or is_substantive(e) or is_mechanical(e)]
    compact = [e for e in c.entries if not (show_all or is_substantive(e) or is_mechanical(e))]

    # Entries grouped by the chapter they sit in (the new side's, else the old's).
    chapters: dict[str | None, list[Entry]] = {}
    for e in shown:
        chapters.setdefault(_chapter_of(e), []).append(e)
    toc, sections = [], []
    order = [e for entries in chapters.values() for e in entries]  # as the page shows them
    ids = [_anchors(e)[0] for e in order]
    place = {id(e): (k + 1, len(order), ids[k - 1] if k else None,
                     ids[k + 1] if k + 1 < len(order) else None) for k, e in enumerate(order)}
    for chap, entries in chapters.items():
        heading = headings.get(chap, "") if chap else ""
        sec_id = f"sec-{safe_id(chap) if chap else 'none'}"
        links = "".join(f'<li><a href="#{_anchors(e)[0]}">{_e(entry_title(e))}</a></li>'
                        for e in entries)
        toc.append(f'<li><a href="#{sec_id}">{_e(heading or "(no chapter)")}</a><ul>{links}</ul></li>')
        sections.append(f'<section id="{sec_id}"><h2>{_e(heading or "(no chapter)")}</h2>'
                    + "".join(_entry(e, layout, lang, place[id(e)]) for e in entries) + "</section>")
    per_chapter = _per_chapter(c, headings)

    summary = "".join(f'<tr><td>{_e(k)}</td><td class="n">{n}</td><td class="muted">{_e(KINDS[k])}</td></tr>'
                      for k, n in c.counts.items())
    mech = sum(1 for e in c.entries if is_mechanical(e))
    if mech:
        summary += (f'<tr><td>(references only)</td><td class="n">{mech}</td>'
                    '<td class="muted">of the above, only references that follow the renumbering</td></tr>')
    heads = [d for d in c.divisions if c.missing_text or d.changed]
    head_items = "".join(
        f'<li class="heading-{_e(d.kind)}">{_e(heading_prefix(d))}{runs_html(d.diff)}'
        + (f' <span class="kind">{_e(d.kind)}</span>' if d.changed else "")
        + (f' <span class="items">item {_e("、".join(d.items))}</span>' if d.items else "")
        + "</li>" for d in heads)
    missing = (f'<p class="missing"><b>Article texts are missing for '
               f'{_e(", ".join(c.missing_text))}</b>: only the tables of contents are compared.</p>'
               if c.missing_text else "")
    headings_html = (f'<section id="headings"><h2>{"Headings" if c.missing_text else "Headings changed"}'
                     f'</h2>{missing}<ul class="headings">{head_items}</ul></section>'
                     if heads or missing else "")
    other_html = "".join(f'<h3>{_e(text_place(t.where))}</h3><div class="text">{paragraphs_html(split_lines(t.diff))}</div>'
                         for t in c.other_text)
    if other_html:
        headings_html += f'<section id="other-text"><h2>Text outside the articles changed</h2>{other_html}</section>'
    compact_items = []
    for e in compact:
        main_id, extra = _anchors(e)
        compact_items.append(f'<li id="{main_id}" class="same"{_data(e)}>{extra}{_e(entry_title(e))}'
                             + (' <span class="muted">(unchanged)</span>' if e.kind == Kind.UNCHANGED else "")
                             + "</li>")
    # Changes only, unless the reader opens the rest: no script needed.
    compact_html = (f'<section id="renumbered"><details><summary><h2>Only renumbered or unchanged '
                    f'({len(compact)})</h2></summary>'
                    f'<ul class="compact">{"".join(compact_items)}</ul></details></section>'
                    if compact else "")
    body = f"""<header>
<h1>{_e(title)}</h1>
<p class="legend">Redline, {_e(layout)} layout: <del>removed text</del> · <ins>added text</ins></p>
<dl class="meta">{_stage_meta("old", c.old)}{_stage_meta("new", c.new)}</dl>
</header>
<nav class="summary" aria-label="summary"><h2>Summary</h2>
<table class="summary"><thead><tr><th>kind</th><th>entries</th><th>meaning</th></tr></thead>
<tbody>{summary}</tbody></table>{per_chapter}</nav>
<nav class="toc" aria-label="contents"><h2>Changed articles by chapter</h2><ol>{"".join(toc)}</ol>
{'<p><a href="#renumbered">Articles only renumbered or unchanged</a></p>' if compact else ""}</nav>
<main>
{_decision_html(c)}
{headings_html}
{"".join(sections)}
{compact_html}
</main>"""
    return page_html(f"{title}: {c.old.stage} → {c.new.stage}", lang, body)
