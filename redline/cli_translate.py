"""``redline translate``: carry a translation to the next stage, and hold it to its text.

Added to the ``redline`` group by :mod:`redline.cli`; the work is in
:mod:`redline.translate`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli_common import (_progress, _warn, _workspace, _write_output, chapters_option, drafts_option,
                         sources_option)
from .errors import RedlineError


@click.group("translate")
def translate_group() -> None:
    """A translation that follows the law: carry it to the next stage, check it, stamp it."""


def _read(path: str):
    from .translate.document import read_translation

    tr, warnings = read_translation(Path(path))
    for w in warnings:
        _warn(f"{path}: {w}")
    return tr


@translate_group.command("carry")
@click.argument("old")
@click.argument("new")
@click.option("--translation", "translation", required=True, type=click.Path(dir_okay=False),
              help="The translation of OLD (.md, .txt, .docx, .html).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the translation of NEW here (.md, .txt or .docx; default: stdout, markdown).")
@click.option("--force", is_flag=True, help="Overwrite an output file that differs.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: each NEW article's status, sources and English, "
                                      "on stdout (the translation still goes to -o).")
@click.option("--law", default=None, help="Law of bare stage names (e.g. cybersecurity-law).")
@chapters_option
@drafts_option
@sources_option
def carry_cmd(old, new, translation, output, force, fmt, law, chapters, drafts, sources):
    """Write the translation of NEW, carried from the translation of OLD.

    Articles whose Chinese did not change (or only in renumbered references) are
    carried, references renumbered; changed ones are marked stale, with the
    Chinese redline in a note; inserted ones are new. Exit 0.
    """
    from .diff.comparison import compare
    from .translate.carry import carry
    from .translate.document import write_form
    from .translate.scope import describe, in_chapters
    from .workspace.drafts import load_pair

    ws = _workspace(drafts, sources)
    a, b, missing = load_pair(old, new, ws, law, warn=_warn)
    if missing:
        raise RedlineError(f"no article texts for {', '.join(missing)}: carrying a translation "
                           "needs the Chinese of both stages")
    tr = _read(translation)
    with _progress("aligning articles") as progress:
        c = compare(a, b, progress)
    of = f"{b.law}@{b.stage}" if b.law and b.stage else ""
    result = carry(c, in_chapters(a, chapters), in_chapters(b, chapters), tr, of)
    if output:
        _write_output(write_form(result.translation, output), output, force)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    elif not output:
        _write_output(write_form(result.translation, None), None, force)
    n = result.counts
    click.echo((f"{describe(chapters)}: " if chapters else "")
               + f"{n['carried']} carried, {n['stale']} stale, {n['new']} new"
               + (f"; {len(result.dropped)} deleted" if result.dropped else "")
               + (f"; {len(result.moved_out)} moved to other chapters (Article "
                  + ", ".join(str(x) for x in result.moved_out) + ")" if result.moved_out else ""),
               err=True)


@translate_group.command("status")
@click.argument("stage")
@click.option("--translation", "translation", required=True, type=click.Path(dir_okay=False),
              help="The translation of STAGE.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--law", default=None, help="Law of a bare stage name.")
@chapters_option
@drafts_option
@sources_option
def status_cmd(stage, translation, fmt, law, chapters, drafts, sources):
    """List the articles of the translation that are stale, missing or changed.

    Exit 0 when it is up to date with STAGE's Chinese, 1 when anything is listed.
    """
    from .translate.scope import describe, in_chapters
    from .translate.status import status
    from .workspace.drafts import load_stage

    st = in_chapters(load_stage(stage, _workspace(drafts, sources), law, _warn), chapters)
    tr = _read(translation)
    problems = status(st, tr)
    if fmt == "json":
        click.echo(json.dumps({"stage": f"{st.law}@{st.stage}", "translation": translation,
                               "chapters": sorted(set(chapters)),
                               "up_to_date": not problems,
                               "problems": [p.to_json() for p in problems]},
                              ensure_ascii=False, indent=1))
    else:
        for p in problems:
            click.echo(str(p))
        done = len(st.articles) - sum(1 for p in problems if p.number is not None and p.what != "extra")
        click.echo(f"{translation}: {done} of {len(st.articles)} articles"
                   + (f" ({describe(chapters)})" if chapters else "") + " up to date"
                   + (f"; {len(problems)} to do" if problems else ""), err=True)
    sys.exit(1 if problems else 0)


@translate_group.command("stamp")
@click.argument("stage")
@click.option("--translation", "translation", required=True, type=click.Path(dir_okay=False),
              help="The translation of STAGE (.md or .txt), edited in place.")
@click.option("--article", "articles", multiple=True,
              help="Stamp only this article (repeatable; 23, 21-1 or 第二十三条).")
@click.option("--law", default=None, help="Law of a bare stage name.")
@drafts_option
@sources_option
def stamp_cmd(stage, translation, articles, law, drafts, sources):
    """Mark articles as translating STAGE's Chinese as it now stands.

    Every article with English and no note left (or each --article) gets the
    fingerprint of its Chinese. Run it when the stale articles are done.
    """
    from .files import atomic_write
    from .numbering import parse_article_ref
    from .translate.status import stamp
    from .workspace.drafts import load_stage

    st = load_stage(stage, _workspace(drafts, sources), law, _warn)
    tr = _read(translation)
    only = {parse_article_ref(x) for x in articles} if articles else None
    text, done = stamp(Path(translation), st, tr, only)
    if done:
        atomic_write(Path(translation), text, force=True, make_folders=False)
    click.echo(f"{translation}: stamped {len(done)} article{'s' if len(done) != 1 else ''}"
               + (": " + ", ".join(str(n) for n in done[:12]) + (" …" if len(done) > 12 else "")
                  if done else ""), err=True)
