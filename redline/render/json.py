"""``--format json``: the Comparison as it is (see compare.Comparison.to_json)."""

from __future__ import annotations

import json

from ..compare import Comparison


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_json(), ensure_ascii=False, indent=1) + "\n"
