"""redline: article-level redlines of how a law changed between its stages.

The public API reads as the data flow::

    old, new = load_stage("old.md"), load_stage("new.md")   # parse -> Stage
    comparison = compare(old, new)                           # align + diff
    print(render_terminal(comparison))                       # or to_json(), html, changes
"""

__version__ = "0.1.0"

from .compare import compare  # noqa: E402
from .parse import parse_text, parse_file  # noqa: E402
from .drafts import load_stage  # noqa: E402

__all__ = ["compare", "parse_text", "parse_file", "load_stage", "__version__"]
