"""A whole statute book at once: two snapshots, compared law by law.

    collect: files (a folder, or a git revision) -> Docs -> pairs by title,
             laws on one side only, instruments
    run:     pairs -> a pool of compares -> Book (a record per law)
    site:    Book -> index.html, a redline page per changed law, summary.json

``redline.book(old, new, jobs=…)`` is the Python form of ``redline book`` (the
package is not named ``book``, so that ``redline.book`` stays the function).
"""

from .._lazy import lazy_exports

_EXPORTS = {"book": "run", "Book": "run", "LawRecord": "run", "write_site": "site"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
