"""The terminal redline, rendered at a fixed width with colour pinned, against golden files.

Regenerate the golden files with ``pytest --update-golden`` after a deliberate change, and
read the diff before committing it.
"""

from pathlib import Path

import pytest

from conftest import DATA
from redline.compare.comparison import compare
from redline.read import parse_file, parse_text
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


def test_control_characters_from_a_stage_file_or_a_name_reach_no_terminal(tmp_path):
    """Only source texts were filtered: a stage file, an annotation, an instrument
    or a file name carried OSC 52 (the clipboard), OSC 8 and CSI to the screen."""
    from conftest import invoke
    from redline.read.yaml_io import load_stage_yaml, stage_to_yaml

    osc52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
    stages = []
    for name, text in (("a", "第一条 甲乙丙。\n第二条 丁戊己。"), ("b", "第一条 甲乙丙丁。\n第二条 丁戊己。")):
        st, _ = parse_text(text)
        st.title = "示例法" + osc52
        st.articles[0].lines[0] += "\x1b[2J"
        path = tmp_path / f"{name}.yaml"
        path.write_text(stage_to_yaml(st), encoding="utf-8")
        stages.append(path)
    code, out, err = invoke(["compare", str(stages[0]), str(stages[1]), "--color"])
    assert code == 1 and "\x1b]" not in out and "\x1b[2J" not in out and "\\x1b]52" in out
    assert "\x1b[" in out  # rich's own colours stay
    code, out, err = invoke(["compare", str(tmp_path / ("missing" + osc52 + ".md")), str(stages[1])])
    assert code == 2 and "\x1b" not in err and "\x07" not in err
