"""``redline book``: two snapshots of a statute book, law by law.

Added to the ``redline`` group by :mod:`redline.cli`; the work is in
:mod:`redline.statute_book`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli_common import _progress


@click.command("book")
@click.argument("old")
@click.argument("new")
@click.option("--git", "git", type=click.Path(file_okay=False, exists=True), default=None,
              help="OLD and NEW are revisions of this git repository (read with git, no checkout).")
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="Write a site here: index.html, a redline page per changed law, summary.json.")
@click.option("--force", is_flag=True, help="Replace a site folder that is not empty.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes comparing laws at once [default: the machine's cores].")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal",
              show_default=True, help="The summary on stdout: a table, or a record per law.")
def book_cmd(old, new, git, output, force, jobs, fmt):
    """Compare every law of two snapshots of a statute book.

    OLD and NEW are two folders (or, with --git, two revisions). Laws are paired
    by the title in their text, whatever their files are called; amendment
    instruments are listed, not compared. Exit 0 when no law changed, 1 when some
    did, 2 when a law could not be read or compared (it is listed; the rest go on).
    """
    from .statute_book.run import FAILED, book

    if output:  # before the work, not after it
        from .statute_book.site import check_target

        check_target(Path(output), force)
    with _progress("comparing laws", minimum=2) as progress:
        result = book(old, new, jobs=jobs, git=git, pages=bool(output), progress=progress)
    if output:
        from .statute_book.site import write_site

        where = f"{git}: " if git else ""
        write_site(result, Path(output), f"{where}{old} → {new}", force=force)
        click.echo(f"wrote {output}/index.html ({sum(1 for law in result.laws if law.page)} law pages)",
                   err=True)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        _summary(result)
    statuses = {law.status for law in result.laws}
    sys.exit(2 if FAILED in statuses else 1 if statuses - {"unchanged"} else 0)


def _summary(result) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False)
    for col in ("law", "status", "changes"):
        table.add_column(col)
    for law in result.laws:
        if law.status == "unchanged":
            continue
        table.add_row(law.title, law.status, law.detail)
    console = Console(highlight=False)
    console.print(table)
    for i in result.instruments:
        console.print(f"instrument ({i['side']}): {i['file']}: {i['title']}"
                      + (f", amends {i['amends']}" + ("" if i["amends_in_book"] else " (not in the book)")
                         if i["amends"] else ""), markup=False)
    for note in result.notes:
        console.print(f"note: {note}", markup=False)
    console.print(", ".join(f"{k} {v}" for k, v in result.counts.items()), markup=False)
