"""The ``redline`` command: a thin click group over the library.

Exit codes follow diff: 0 no differences (or all checks pass), 1 differences
(or a check failed), 2 trouble. Trouble is one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click

from .cli_common import (_progress, _warn, _workspace, _write_output,  # noqa: F401
                         chapters_option, drafts_option, sources_option)
from . import __version__
from .errors import RedlineError, printable
from .render import RENDERERS




def _author(name: str) -> str:
    """A Word author's name: no control characters (XML cannot hold them)."""
    if printable(name) != name or "\ufffe" in name or "\uffff" in name:
        raise click.BadParameter(f"{printable(name)!r} holds control characters", param_hint="--author")
    return name


def _terminal(render, output: str | None, force: bool, color: bool | None,
              width: int | None, pager: bool = True) -> None:
    """Terminal output to the screen, or (without colour unless asked) to a file.

    On a terminal, output taller than the screen goes through a pager, as git's
    does: REDLINE_PAGER, else PAGER, else ``less -R`` (with LESS=FRX unless set:
    one screen or less is printed and the pager quits); ``--no-pager``, or a
    pager of "" or ``cat``, prints it all."""
    import io

    from .render.terminal import make_console

    if output:
        buf = io.StringIO()
        render(make_console(buf, color=bool(color), width=width or 100))
        _write_output(buf.getvalue(), output, force)
        return
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    command = _pager_command() if pager and sys.stdout.isatty() else None
    if not command:
        render(make_console(None, color=color, width=width))
        return
    import shutil

    buf = io.StringIO()
    render(make_console(buf, color=color is not False, width=width))
    text = buf.getvalue()
    if text.count("\n") < shutil.get_terminal_size().lines:
        sys.stdout.write(text)
        return
    page(text, command)


def _pager_command() -> list[str] | None:
    """The pager to use, as words; None for none."""
    import shlex

    raw = os.environ.get("REDLINE_PAGER", os.environ.get("PAGER", "less -R"))
    words = shlex.split(raw) if raw.strip() else []
    return None if not words or words == ["cat"] else words


def page(text: str, command: list[str]) -> None:
    """``text`` through the pager ``command``; printed as it is if the pager
    cannot be started."""
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early: nothing lost, nothing to say
        pass
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.wait()


class _Group(click.Group):
    """click.Group, except that a closed standard output reaches :func:`main`.

    click's own main takes EPIPE raised in a command and exits 1 without a word
    (it takes the reader that went away for an ordinary end); here it is an
    output that could not be written: one line, exit 2, as for a full disk.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError as e:
            raise _OutputFailed(e) from None


class _OutputFailed(Exception):
    def __init__(self, error: OSError):
        self.error = error


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, prog_name="redline")
def cli() -> None:
    """Article-level redlines of how a law changed between its stages."""


@cli.command("compare")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["terminal", *sorted(RENDERERS)]),
              default="terminal", show_default=True,
              help="Output form (table: the 新旧条文对照表; HTML, or .md/.docx by the -o name).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to FILE instead of stdout (atomically).")
@click.option("--force", is_flag=True, help="Overwrite an output file that differs.")
@click.option("--all", "show_all", is_flag=True,
              help="Every article in full, unchanged ones included: the whole text with its "
                   "changes marked (terminal, html, pdf, markdown, table; plain, docx and "
                   "json always hold every article).")
@click.option("--layout", type=click.Choice(["inline", "side-by-side"]), default="inline",
              show_default=True, help="Terminal, HTML and PDF: changes marked inline, or the "
                                      "old text beside the new.")
@click.option("--pager/--no-pager", default=True, help="On a terminal, page output taller "
              "than the screen (REDLINE_PAGER, PAGER, or less -R).")
@click.option("--law", default=None, help="Law of bare stage names (e.g. cybersecurity-law).")
@click.option("--color/--no-color", default=None, help="Force colour on or off.")
@click.option("--width", type=click.IntRange(min=0), default=None,
              help="Terminal width for wrapping; 0: do not wrap (a paragraph a line).")
@click.option("--annotations/--no-annotations", "annotate", default=True, show_default=True,
              help="Show the law's annotations (drafts/LAW/annotations) beside the text.")
@click.option("--style", type=click.Choice(["decision", "amendment"]), default="decision",
              show_default=True, help="--format changes: as a decision (renumbered) or a "
                                      "修正案 (numbers kept, new articles 第X条之一).")
@click.option("--author", default="redline", show_default=True, callback=lambda c, p, v: _author(v),
              help="--format docx: the author of the tracked changes.")
@click.option("--unchanged", type=click.Choice(["collapse", "same"]), default="collapse",
              show_default=True, help="--format table: unchanged articles summed up in one "
                                      "row per run, or each with 同左.")
@click.option("--decision", "decisions", multiple=True, type=click.Path(dir_okay=False),
              help="An amendment instrument from OLD to NEW (repeatable, in order): each "
                   "change names the items that make it.")
@click.option("--translations", nargs=2, type=click.Path(dir_okay=False), default=None,
              metavar="OLD_EN NEW_EN", help="The annotated translation: the English redline of "
              "these translations of OLD and NEW, aligned by the Chinese.")
@click.option("--rewording", type=click.Choice(["show", "hide"]), default="show", show_default=True,
              help="With --translations: the translation's own rewording (the law unchanged) "
                   "shown in a quieter style, or shown unmarked.")
@click.option("--lang", "langs", type=click.Choice(["en", "zh+en"]), default="en", show_default=True,
              help="With --translations: the English redline, or the Chinese and the English "
                   "together (terminal, html, markdown, json).")
@click.option("--fragment", is_flag=True, help="--format html: a fragment to paste into a page "
              "(no <html>/<head>, styles inline, a one-line legend).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Word (--format docx, or table -o FILE.docx): the paper size [default: a4].")
@click.option("--title", default=None, help="Word and the 对照表: the title line, in place of "
              "the law's title.")
@click.option("--notes", "notes_column", type=click.Choice(["none", "short", "full"]), default=None,
              help="--format table: the 说明 column: left out, what happened to each article, "
                   "or that and the annotations [default: short].")
@chapters_option
@drafts_option
@sources_option
def compare_cmd(old, new, fmt, output, force, show_all, layout, pager, law, color, width, annotate,
                style, author, unchanged, decisions, translations, rewording, langs, fragment,
                paper, title, notes_column, chapters, drafts, sources):
    """Redline OLD against NEW (stage names like `final`, LAW@STAGE, or files).

    Exit 0 when the two are the same, 1 when they differ, 2 on trouble.
    """
    from .diff.comparison import compare, compare_structure
    from .workspace.drafts import load_pair

    if not translations and (rewording != "show" or langs != "en" or chapters):
        raise RedlineError("--rewording, --lang and --chapter apply to an annotated translation: "
                           "give --translations OLD_EN NEW_EN")
    word = fmt == "docx" or (fmt == "table" and (output or "").lower().endswith(".docx"))
    if paper and not word:
        raise RedlineError("--paper applies to Word: --format docx, or --format table -o FILE.docx")
    if title is not None and fmt not in ("docx", "table"):
        raise RedlineError("--title applies to --format docx and --format table")
    _only_where_it_applies(click.get_current_context(), fmt)
    if langs == "zh+en" and fmt not in ("terminal", "html", "markdown", "json"):
        raise RedlineError(f"--lang zh+en shows both languages in terminal, html, markdown and "
                           f"json output, not {fmt}")
    ws = _workspace(drafts, sources)
    a, b, missing = load_pair(old, new, ws, law, warn=_warn)
    if missing and translations:
        raise RedlineError(f"no article texts for {', '.join(missing)}: an annotated translation "
                           "is aligned by the Chinese texts")
    if missing:
        if decisions:
            raise RedlineError(f"no article texts for {', '.join(missing)}: --decision needs them")
        if fmt == "changes":
            raise RedlineError(f"no article texts for {', '.join(missing)}: a change list needs "
                               "them; the headings can be compared with --format terminal|json|html")
        _warn(f"article texts are missing for {', '.join(missing)}: comparing their tables "
              "of contents only")
        comparison = compare_structure(a, b, missing)
    else:
        notes = ws.annotations(a.law, _warn) if annotate and a.law and a.law == b.law else []
        with _progress("aligning articles") as progress:
            comparison = compare(a, b, progress, notes)
        if decisions:
            from .amend import tie

            tie(comparison, _read_instruments(decisions, a.title or b.title or None), a)
        if translations:
            from .translate.scope import in_chapters

            comparison = _annotated(comparison, in_chapters(a, chapters), in_chapters(b, chapters),
                                    translations, rewording, langs)
    if fmt != "terminal":
        from .render import render

        _write_output(render(fmt, comparison, layout=layout, style=style, output=output,
                             unchanged=unchanged, author=author, show_all=show_all,
                             fragment=fragment, paper=paper or "a4", title=title,
                             notes=notes_column or "short"), output, force)
    else:
        from .render.terminal import render_terminal

        _terminal(lambda console: render_terminal(comparison, console, show_all, layout),
                  output, force, color, width, pager)
    sys.exit(1 if comparison.has_changes else 0)


#: Options with a default that only some formats use: given for another, an error.
_APPLIES = {"layout": ("--layout", ("terminal", "html", "pdf")),
            "pager": ("--pager/--no-pager", ("terminal",)), "style": ("--style", ("changes",)),
            "author": ("--author", ("docx",)), "unchanged": ("--unchanged", ("table",)),
            "width": ("--width", ("terminal",)), "color": ("--color/--no-color", ("terminal",)),
            "fragment": ("--fragment", ("html",)), "notes_column": ("--notes", ("table",))}


def _only_where_it_applies(ctx: click.Context, fmt: str) -> None:
    """An option given for a format that does not use it is refused, never ignored."""
    from click.core import ParameterSource

    for name, (flag, formats) in _APPLIES.items():
        if ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT) \
                and fmt not in formats:
            names = ", ".join(formats[:-1]) + " and " + formats[-1] if len(formats) > 1 else formats[0]
            raise RedlineError(f"{flag} applies to --format {names}, not {fmt}")


def _annotated(comparison, a, b, paths: tuple[str, str], rewording: str, langs: str):
    """The English comparison of the translations ``paths`` of stages ``a`` and ``b``."""
    from .translate.annotated import annotate, hide_rewording, out_of_date
    from .translate.document import read_translation

    trs = []
    for path in paths:
        tr, warnings = read_translation(Path(path))
        for w in warnings:
            _warn(f"{path}: {w}")
        trs.append(tr)
    en = annotate(comparison, a, b, trs[0], trs[1], with_source=langs == "zh+en")
    for path, st, tr in zip(paths, (a, b), trs):
        behind = out_of_date(st, tr)
        if behind:
            _warn(f"{path}: {len(behind)} article{'s' if len(behind) > 1 else ''} whose English does "
                  f"not yet translate the Chinese of {st.stage or path} (Article "
                  f"{', '.join(str(n) for n in behind[:6])}{' …' if len(behind) > 6 else ''}); "
                  "see `redline translate status`")
    if rewording == "hide":
        hidden = hide_rewording(en)
        if hidden:
            _warn(f"{hidden} entr{'ies' if hidden > 1 else 'y'} where only the translation's wording "
                  "changed shown unmarked (--rewording hide)")
    return en


@cli.command("import")
@click.argument("source")
@click.option("--law", required=True, help="Law id, the folder under drafts/ (made if new).")
@click.option("--stage", "stage_id", required=True, help="Stage id (e.g. draft2).")
@click.option("--name", default="", help="The stage's name, for a stage new to the manifest "
              "(e.g. '二审稿').")
@click.option("--date", default=None, help="The stage's date, for a stage new to the manifest "
              "(2020-08, 2020-08-08).")
@click.option("--in-force", "in_force", default=None, help="When the text took effect, for a "
              "stage new to the manifest.")
@click.option("--force", is_flag=True, help="Overwrite a stage file that differs.")
@drafts_option
@sources_option
def import_cmd(source, law, stage_id, name, date, in_force, force, drafts, sources):
    """Parse SOURCE into drafts/LAW/STAGE.yaml; a new LAW or STAGE is added to
    its manifest (made if the law is new), so compare and check know it.

    SOURCE is a file (.md, .txt, .html, .pdf, .docx) or an https:// address.
    """
    from .read.fetch import is_url

    for what, value in (("--date", date), ("--in-force", in_force)):
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise RedlineError(f"{what} {value!r}: write a date as 2020, 2020-08 or 2020-08-28")
    ws = _workspace(drafts, sources)
    st, path, changed, warnings, made = ws.import_file(
        source if is_url(source) else Path(source), law, stage_id, force=force, name=name,
        date=date, in_force=in_force)
    for w in warnings:
        _warn(w)
    if made:
        click.echo(made)
    state = "wrote" if changed else "unchanged"
    click.echo(f"{state} {path} ({len(st.articles)} articles, {len(st.divisions)} divisions)")


@cli.command("history")
@click.argument("law")
@click.argument("article")
@click.option("--stage", default=None, help="Stage the article number belongs to "
              "(default: the latest stage with text).")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json", "html"]),
              default="terminal", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None)
@click.option("--force", is_flag=True, help="Overwrite an output file that differs.")
@click.option("--color/--no-color", default=None)
@click.option("--width", type=click.IntRange(min=0), default=None,
              help="Terminal width for wrapping; 0: do not wrap.")
@drafts_option
@sources_option
def history_cmd(law, article, stage, fmt, output, force, color, width, drafts, sources):
    """The lineage of one ARTICLE of LAW across every stage that has text."""
    from .workspace.history import history
    from .numbering import parse_article_ref

    h = history(_workspace(drafts, sources), law, parse_article_ref(article), stage, _warn)
    if fmt == "json":
        from .render.json import render_history_json

        _write_output(render_history_json(h), output, force)
    elif fmt == "html":
        from .render.html import render_history_html

        _write_output(render_history_html(h), output, force)
    else:
        from .render.terminal import render_history_terminal

        _terminal(lambda console: render_history_terminal(h, console), output, force, color, width)


@cli.command("laws")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@drafts_option
@sources_option
def laws_cmd(fmt, drafts, sources):
    """The laws in the drafts folder, and their stages: names, dates, and whether
    each has text to compare."""
    ws = _workspace(drafts, sources)
    manifests = ws.manifests()
    rows = [{"law": m.law, "title": m.title, "manifest": str(m.path),
             "stages": [{"id": s.id, "name": s.name, "date": s.date, "in_force": s.in_force,
                         "available": ws.availability(m, s)} for s in m.stages]}
            for m in manifests]
    if fmt == "json":
        click.echo(json.dumps({"drafts": str(ws.drafts), "laws": rows}, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo(f"no laws in {ws.drafts}: add one with `redline import FILE --law LAW --stage ID`")
        return
    for k, law in enumerate(rows):
        click.echo(("\n" if k else "") + f"{law['law']}  {law['title']}".rstrip())
        width = max(len(s["id"]) for s in law["stages"]) if law["stages"] else 0
        for st in law["stages"]:
            when = st["date"] or ""
            click.echo(f"  {st['id']:<{width}}  {when:<10}  {st['available']:<22}  {st['name']}".rstrip())


@cli.command("check")
@click.argument("directory", type=click.Path(file_okay=False), default=None, required=False)
@click.option("--redline", "redline_file", type=click.Path(dir_okay=False), default=None,
              help="Also verify an annotated redline file (HTML with del/ins or s/u, or "
                   "text with [-…-]{+…+}) against --old and --new.")
@click.option("--old", "old_ref", default=None, help="Old stage of the --redline file.")
@click.option("--new", "new_ref", default=None, help="New stage of the --redline file.")
@click.option("-v", "--verbose", is_flag=True, help="List what passed too.")
@sources_option
def check_cmd(directory, redline_file, old_ref, new_ref, verbose, sources):
    """Validate manifests, stage files and annotations in DIRECTORY (default: the
    drafts folder every command uses: ./drafts, the checkout's, or the installed one).

    Exit 0 when every check holds, 1 when one fails, 2 when the check cannot run.
    """
    from .workspace.check import check

    if directory is None:  # as every command finds it: ./drafts, the checkout's, the package's
        directory = str(_workspace(None, sources).drafts)
    report = check(Path(directory), Path(sources) if sources else None)
    if redline_file:
        if not (old_ref and new_ref):
            raise RedlineError("--redline needs --old and --new stages to check it against")
        from .workspace.drafts import load_stage
        from .workspace.verify_redline import verify_redline

        ws = _workspace(directory, sources)
        law = ws.law_of_pair(old_ref, new_ref)
        ok, failed = verify_redline(Path(redline_file), load_stage(old_ref, ws, law),
                                    load_stage(new_ref, ws, law))
        report.ok += ok
        report.failed += failed
    for line in report.ok if verbose else ():
        click.echo(f"ok      {line}")
    for line in report.failed:
        click.echo(f"FAILED  {line}")
    click.echo(f"{len(report.ok)} passed, {len(report.failed)} failed")
    sys.exit(report.exit_code)


def _read_instruments(paths: tuple[str, ...], law_title: str | None):
    from .amend import parse_decision
    from .read import read_document

    out = []
    for p in paths:
        text, warnings = read_document(Path(p))
        for w in warnings:
            _warn(w)
        out.append(parse_decision(text, law=law_title))
    return out


def _say_item(label: str, r, echo) -> None:
    head = {"ok": "ok     ", "FAILED": "FAILED ", "skipped": "skipped"}[r.status]
    if r.status == "ok" or not r.reasons:
        echo(f"{head} item {label}: {r.summary}")
    for reason in r.reasons:
        echo(f"{head} item {label}: {reason}")


@cli.command("apply")
@click.argument("instruments", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the amended text to FILE (markdown) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite an output file that differs.")
@click.option("--law", default=None, help="Law of a bare stage name.")
@drafts_option
@sources_option
def apply_cmd(instruments, output, force, law, drafts, sources):
    """Execute amendment INSTRUMENTS (decisions, 修正案), in order, on OLD.

    The last argument is OLD (a file or a stage name); the amended text is
    written as markdown. One line per item says what was done; exit 1 when an
    item could not be executed, 2 on trouble.
    """
    from .amend import apply_all
    from .workspace.drafts import load_stage
    from .read.stage_markdown import stage_markdown

    if len(instruments) < 2:
        raise click.UsageError("give one or more instruments, then the text they amend")
    *paths, old = instruments
    ws = _workspace(drafts, sources)
    stage = load_stage(old, ws, law, warn=_warn)
    decisions = _read_instruments(tuple(paths), stage.title or None)
    applied = apply_all(decisions, stage)
    # The account goes where the text does not: stderr when the text is on stdout.
    echo = ((lambda m: click.echo(printable(m), err=True)) if output in (None, "-")
            else (lambda m: click.echo(printable(m))))
    failed = 0
    for k, a in enumerate(applied):
        for r in a.items:
            _say_item(f"{k + 1}:{r.label}" if len(applied) > 1 else r.label, r, echo)
            failed += r.status == "FAILED"
        for problem in a.problems:
            echo(f"FAILED  {problem}")
        for note in a.notes:
            echo(f"note    {note}")
    _write_output(stage_markdown(applied[-1].stage), output, force)
    sys.exit(1 if failed or any(a.problems for a in applied) else 0)


@cli.command("verify-decision")
@click.argument("paths", nargs=-1, required=True)
@click.option("--law", default=None, help="Law of bare stage names.")
@drafts_option
@sources_option
def verify_decision_cmd(paths, law, drafts, sources):
    """Check amendment instruments against the texts: DECISION... OLD NEW.

    The instruments are applied in order to OLD and the result is compared
    with NEW. One line per item (ok, FAILED with where the text differs,
    skipped with why), then the closing check: changes that no item makes.
    Exit 0 only when every item and the closing check hold.
    """
    from .workspace.drafts import load_stage
    from .amend import verify

    if len(paths) < 3:
        raise click.UsageError("give the instrument(s), then OLD and NEW")
    *decisions, old, new = paths
    ws = _workspace(drafts, sources)
    law = law or ws.law_of_pair(old, new)
    a = load_stage(old, ws, law, warn=_warn)
    b = load_stage(new, ws, law, warn=_warn)
    v = verify(_read_instruments(tuple(decisions), a.title or b.title or None), a, b)
    for r in v.items:
        _say_item(r.label, r, click.echo)
    if v.closing:
        for p in v.closing:
            click.echo(f"FAILED  closing check: {p}")
    else:
        click.echo("ok      closing check: every other article only moved number")
    passed = sum(r.status == "ok" for r in v.items) + (not v.closing)
    skipped = sum(r.status == "skipped" for r in v.items)
    click.echo(f"{passed} passed, {v.failed} failed" + (f", {skipped} skipped" if skipped else ""))
    sys.exit(0 if v.ok else 1)


from .cli_book import book_cmd  # noqa: E402
from .cli_translate import translate_group  # noqa: E402

cli.add_command(translate_group)
cli.add_command(book_cmd)


def main(argv: list[str] | None = None) -> None:
    """Entry point: RedlineError -> one line on stderr, exit code 2."""
    try:
        cli.main(args=argv, prog_name="redline", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.ClickException as e:
        # One line, as every error here: click's usage block would be four.
        hint = (f" (see {e.ctx.command_path} --help)"
                if isinstance(e, click.UsageError) and e.ctx is not None else "")
        click.echo(printable(f"redline: error: {e.format_message()}{hint}"), err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("redline: aborted", err=True)
        sys.exit(130)
    except RedlineError as e:
        click.echo(printable(f"redline: error: {e}"), err=True)
        sys.exit(e.exit_code)
    except (OSError, _OutputFailed) as e:
        # Writing to standard output failed: the reader went away (`| head`), the
        # disk is full, an I/O error. One line, not a traceback.
        _say_once(_output_error(e.error if isinstance(e, _OutputFailed) else e))
        _discard_stdout()
        sys.exit(2)
    except KeyboardInterrupt:
        _say_once("redline: interrupted")
        sys.exit(130)


def _output_error(e: OSError) -> str:
    if isinstance(e, BrokenPipeError):
        return ("redline: error: standard output closed before everything was written "
                "(broken pipe)")
    return f"redline: error: cannot write the output ({e.strerror or e})"


def _discard_stdout() -> None:
    """Standard output, which failed, points at /dev/null from here on: what is
    left in its buffer must not fail again at exit and say so a second time."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # not a file (a test's buffer)
        pass


def _say_once(message: str) -> None:
    """A last line on stderr; standard output may be what failed, so it is left alone."""
    try:
        sys.stderr.write(printable(message) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _buffer_stdout() -> None:
    """A buffered layer under standard output where Python runs unbuffered
    (PYTHONUNBUFFERED=1, as containers and CI set it). There the text layer writes
    straight to the file, and a short write (a full disk) is dropped without a
    word: 8 KB of 32 KB written, exit 0. A buffered writer writes on until all is
    written or raises, and the error ends the run as every output error does."""
    import io

    raw = getattr(sys.stdout, "buffer", None)
    if isinstance(raw, io.RawIOBase) and isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding=sys.stdout.encoding,
                                      errors=sys.stdout.errors, line_buffering=sys.stdout.line_buffering)


def run() -> None:
    """The console script: :func:`main`, then leave without tearing the
    interpreter down.

    Freeing every object one by one at exit costs about 11 ms of a 0.18 s run
    on the Company Law, and nothing here needs it: files are written and closed
    before, and the two output streams are flushed here. The price: atexit
    handlers (a coverage tool's, say) do not run in the ``redline`` command;
    ``main`` itself, which tests and library users call, exits normally.
    """
    _buffer_stdout()
    try:
        main()
        code = 0
    except SystemExit as e:
        if isinstance(e.code, int) or e.code is None:
            code = e.code or 0
        else:  # as the interpreter does with a message
            print(e.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
    except OSError as e:  # the last buffered output met a closed pipe or a full disk
        _say_once(_output_error(e))
        code = 2
    except ValueError:  # closed already
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
