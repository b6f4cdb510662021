"""``redline book``: every law of two snapshots of a statute book, compared.

    book(old, new, jobs=…) -> Book: a record per law (changed, unchanged, added,
    removed, failed), the instruments, and what the pairing noticed

Unchanged laws cost nothing: byte-identical files are recognised by their hash
before anything is parsed, text-identical ones after reading. The changed pairs
are compared in a pool of processes (one per core by default); a law that fails
is recorded with its one-line error, and the book goes on.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import RedlineError
from .collect import Doc, Pairing, classify, pair, read_folder, read_git

CHANGED, UNCHANGED, ADDED, REMOVED, FAILED = "changed", "unchanged", "added", "removed", "failed"


@dataclass
class LawRecord:
    """One law of the book."""

    title: str
    status: str  # CHANGED, UNCHANGED, ADDED, REMOVED or FAILED
    old: str = ""  # the files, as the collection names them
    new: str = ""
    counts: dict = field(default_factory=dict)  # entries per kind (changed laws)
    error: str = ""
    page: str = field(default="", repr=False)  # the HTML redline, when asked for

    @property
    def changes(self) -> dict:
        """The counts of the kinds that change wording (not unchanged, not renumbered).

        >>> LawRecord("l", CHANGED, counts={"renumbered": 3, "modified": 2}).changes
        {'modified': 2}
        """
        return {k: n for k, n in self.counts.items() if k not in ("unchanged", "renumbered")}

    @property
    def detail(self) -> str:
        """The line a listing gives a law: its error, or its changes (``modified 2``)."""
        return self.error or ", ".join(f"{k} {n}" for k, n in self.changes.items())

    def to_json(self) -> dict:
        d = {"title": self.title, "status": self.status, "old": self.old or None,
             "new": self.new or None, "counts": self.counts}
        if self.error:
            d["error"] = self.error
        return d


@dataclass
class Book:
    laws: list[LawRecord]
    #: (side, file, title, the law it amends, whether that law is in the book)
    instruments: list[dict]
    notes: list[str]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for law in self.laws:
            out[law.status] = out.get(law.status, 0) + 1
        return out

    def to_json(self) -> dict:
        return {"format": "redline-book", "version": 1, "summary": self.counts,
                "laws": [law.to_json() for law in self.laws], "instruments": self.instruments,
                "notes": self.notes}


def book(old: str | Path, new: str | Path, *, jobs: int | None = None, git: str | Path | None = None,
         pages: bool = False, progress: Callable[[int, int], None] | None = None) -> Book:
    """Compare two snapshots of a statute book, law by law.

    ``old`` and ``new`` are folders, or with ``git`` two revisions of that
    repository. ``jobs``: processes (default: the machine's cores). ``pages``:
    keep each changed law's HTML redline (``LawRecord.page``) for a site.
    ``progress(done, total)`` is called as laws are done.
    """
    sides = []
    for where in (old, new):
        files = read_git(Path(git), str(where)) if git else read_folder(Path(where))
        if not files:
            raise RedlineError(f"{where}: no files a reader takes (.md .txt .pdf .docx .html)")
        sides.append(files)
    docs_old = [classify(p, d) for p, d in sides[0]]
    docs_new = [classify(p, d) for p, d in sides[1]]
    pairing = pair(docs_old, docs_new)
    laws, work = _settle(pairing)
    instruments = _instruments(pairing)
    total = len(work)
    done = 0
    if progress:
        progress(0, total)
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and total > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, total)) as pool:
            futures = {pool.submit(compare_pair, o.path, o.text, o.fmt, n.path, n.text, n.fmt,
                                   n.title or o.title or n.key, pages): k for k, (o, n) in enumerate(work)}
            try:
                results: dict[int, LawRecord] = {}
                for fut in as_completed(futures):
                    results[futures[fut]] = fut.result()
                    done += 1
                    if progress:
                        progress(done, total)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        laws += [results[k] for k in range(total)]
    else:
        for o, n in work:
            laws.append(compare_pair(o.path, o.text, o.fmt, n.path, n.text, n.fmt,
                                     n.title or o.title or n.key, pages))
            done += 1
            if progress:
                progress(done, total)
    order = {CHANGED: 0, FAILED: 1, ADDED: 2, REMOVED: 3, UNCHANGED: 4}
    laws.sort(key=lambda r: (order[r.status], r.title))
    return Book(laws, instruments, pairing.notes)


def _settle(pairing: Pairing) -> tuple[list[LawRecord], list[tuple[Doc, Doc]]]:
    """Records for what needs no comparison, and the pairs that do."""
    laws: list[LawRecord] = []
    work: list[tuple[Doc, Doc]] = []
    for o, n in pairing.pairs:
        if o.sha256 == n.sha256:  # byte for byte the same: never compared
            laws.append(LawRecord(n.title or o.title, UNCHANGED, o.path, n.path))
        else:
            work.append((o, n))
    laws += [LawRecord(d.title or d.key, ADDED, new=d.path) for d in pairing.added]
    laws += [LawRecord(d.title or d.key, REMOVED, old=d.path) for d in pairing.removed]
    laws += [LawRecord(d.title or d.key, FAILED, old=d.path if side == "old" else "",
                       new=d.path if side == "new" else "", error=d.error)
             for side, d in pairing.unreadable]
    return laws, work


def _instruments(pairing: Pairing) -> list[dict]:
    from .collect import title_key

    titles = {title_key(d.title) for pair_ in pairing.pairs for d in pair_ if d.title}
    titles |= {title_key(d.title) for d in pairing.added + pairing.removed if d.title}
    return [{"side": side, "file": d.path, "title": d.title, "amends": d.amends or None,
             "amends_in_book": bool(d.amends) and title_key(d.amends) in titles}
            for side, d in pairing.instruments]


def compare_pair(old_path: str, old_text: str, old_fmt: str, new_path: str, new_text: str,
                 new_fmt: str, title: str, page: bool = False) -> LawRecord:
    """One law: parse both texts (as their readers gave them, ``fmt`` the reader's
    name), compare, count (and render its page). Runs in a worker process;
    anything it raises becomes the law's one-line error."""
    from ..diff.comparison import compare
    from ..normalise import norm_text
    from ..read import parse_read

    try:
        a, _ = parse_read(old_text, old_fmt, old_path)
        b, _ = parse_read(new_text, new_fmt, new_path)
        if [norm_text(x.lines) for x in a.articles] == [norm_text(x.lines) for x in b.articles] \
                and [x.number for x in a.articles] == [x.number for x in b.articles]:
            return LawRecord(b.title or title, UNCHANGED, old_path, new_path)
        c = compare(a, b)
        record = LawRecord(b.title or a.title or title, CHANGED if c.has_changes else UNCHANGED,
                           old_path, new_path, dict(c.counts))
        if page and c.has_changes:
            from ..render.html import render_html

            record.page = render_html(c)
        return record
    except RedlineError as e:
        return LawRecord(title, FAILED, old_path, new_path, error=str(e).split("\n")[0])
    except Exception as e:  # a defect: reported for this law, the book goes on
        return LawRecord(title, FAILED, old_path, new_path,
                         error=f"{type(e).__name__}: {e}".split("\n")[0] + " (a defect to report)")
