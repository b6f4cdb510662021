"""What every ``redline`` command shares: warnings, progress, the workspace,
writing an output, and the --drafts/--sources options. Below the commands'
modules (:mod:`redline.cli`, :mod:`redline.cli_translate`), which both use it."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .errors import RedlineError, printable


def _warn(message: str) -> None:
    click.echo(printable(f"redline: warning: {message}"), err=True)


@contextmanager
def _progress(label: str, minimum: int = 200):
    """A progress bar on stderr for long work, only when a person is watching and
    there are at least ``minimum`` steps (fewer finish before a bar would help)."""
    if not sys.stderr.isatty() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        # A bar moves the cursor: not where colour and cursor codes are unwanted.
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    # On stderr: stdout may be a JSON or HTML file being written.
    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < minimum:
                return
            if task is None:
                task = bar.add_task(label, total=total)
            bar.update(task, completed=done)

        yield update


def _workspace(drafts, sources):
    from .workspace.drafts import Workspace

    return Workspace(drafts, sources)


def _write_output(text: str | bytes, output: str | None, force: bool) -> None:
    if output is None or output == "-":
        if isinstance(text, bytes):  # a Word file
            if sys.stdout.isatty():
                raise RedlineError("a .docx is not for a terminal: write it with -o FILE.docx")
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        # Text goes to a file as it is; to a terminal, without what would drive it.
        sys.stdout.write(printable(text) if sys.stdout.isatty() else text)
        sys.stdout.flush()
        return
    from .files import atomic_write

    path = Path(output)
    linked = path.is_symlink()
    atomic_write(path, text, force=force, make_folders=False)
    click.echo(printable(f"wrote {os.path.realpath(path)} (the file {output} links to)" if linked
                         else f"wrote {output}"), err=True)


drafts_option = click.option("--drafts", type=click.Path(file_okay=False), default=None,
                             help="Folder of laws (default: ./drafts, or REDLINE_DRAFTS).")
sources_option = click.option("--sources", type=click.Path(file_okay=False), default=None,
                              help="Root of source texts (default: REDLINE_SOURCES, or "
                                   "../shared/corpus beside the checkout).")


chapters_option = click.option("--chapter", "chapters", type=click.IntRange(min=1), multiple=True,
                               help="The translation covers only this chapter (repeatable): "
                                    "only its articles are looked at.")
