"""The terminal redline, rendered at a fixed width with colour pinned, against golden files.

Regenerate the golden files with ``pytest --update-golden`` after a deliberate change, and
read the diff before committing it.
"""

from pathlib import Path

import pytest

from conftest import DATA
from redline.compare import compare
from redline.parse import parse_file
from redline.render.terminal import make_console, render_terminal

GOLDEN = Path(__file__).resolve().parent / "golden"


def _render(color: bool, show_all: bool = False) -> str:
    import io

    old, _ = parse_file(DATA / "small_old.md")
    new, _ = parse_file(DATA / "small_new.md")
    buf = io.StringIO()
    render_terminal(compare(old, new), make_console(buf, color=color, width=80), show_all)
    return buf.getvalue()


@pytest.mark.parametrize("name,color,show_all", [
    ("small-plain.txt", False, False),
    ("small-plain-all.txt", False, True),
    ("small-color.ansi", True, False),
], ids=["plain", "plain-all", "color"])
def test_golden(name, color, show_all, update_golden):
    out = _render(color, show_all)
    path = GOLDEN / name
    if update_golden or not path.exists():
        path.write_text(out, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{name} did not exist and was written; check it and commit it")
    assert out == path.read_text(encoding="utf-8")


def test_joined_paragraphs_are_marked():
    out = _render(False)
    # 第二条 (2020) had two paragraphs; 第三条 (2024) joins them into one.
    assert "公平的原则。[-¶-]示例单位应当建立管理制度。" in out
    assert "第三条 → 第四条  modified" in out and "[-第二条-]{+第三条+}" in out
