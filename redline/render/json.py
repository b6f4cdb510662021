"""``--format json``: the Comparison as it is (see compare.Comparison.to_json), and an
article's history (``redline history --format json``) the same way."""

from __future__ import annotations

import json

from ..diff.comparison import Comparison


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_json(), ensure_ascii=False, indent=1) + "\n"


def render_history_json(history) -> str:
    return json.dumps(history.to_json(), ensure_ascii=False, indent=1) + "\n"
