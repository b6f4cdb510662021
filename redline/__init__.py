"""redline: article-level redlines of how a law changed between its stages.

The public API reads as the data flow::

    old, new = load_stage("old.md"), load_stage("new.md")   # read -> Stage
    comparison = compare(old, new)                           # align + diff -> Comparison
    comparison.to_json()                                     # or a renderer in redline.render
    book("snapshot-2023/", "snapshot-2024/", jobs=4)          # a statute book, law by law

Names are imported on first use, so the command line starts fast.
"""

__version__ = "0.1.0"

from ._lazy import lazy_exports

_EXPORTS = {"compare": "diff.comparison", "parse_text": "read", "parse_file": "read",
            "load_stage": "workspace.drafts", "Comparison": "diff.comparison", "Stage": "model",
            "book": "statute_book.run"}

__all__ = [*_EXPORTS, "__version__"]


__getattr__ = lazy_exports(__name__, _EXPORTS)
