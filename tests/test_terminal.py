"""The terminal redline, rendered at a fixed width with colour pinned, against golden files.

Regenerate the golden files with ``pytest --update-golden`` after a deliberate change, and
read the diff before committing it.
"""

from pathlib import Path

import pytest

from conftest import DATA
from redline.diff.comparison import compare
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
    from redline.read.yaml_io import stage_to_yaml

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


def test_side_by_side_puts_each_paragraph_beside_its_own(workspace):
    from conftest import invoke

    code, out, err = invoke(["compare", "final", "amended", "--layout", "side-by-side",
                             "--width", "120", "--drafts", str(workspace.drafts),
                             "--sources", str(workspace.sources)])
    assert code == 1, err
    line = next(ln for ln in out.splitlines() if "[-第二十一条、第二十五条-]" in ln)
    left, right = line[:len(line) // 2], line[len(line) // 2:]
    assert "网络运营者不履行本法[-第二十一条、第二十五条-]" in left
    assert "网络运营者不履行本法{+第二十三条、第二十七条+}" in right


def test_the_pager_gets_the_whole_output(tmp_path, monkeypatch):
    import sys

    from redline.cli import _pager_command, page

    got = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(f"import sys; open({str(got)!r}, 'w', encoding='utf-8').write(sys.stdin.read())",
                      encoding="utf-8")
    monkeypatch.setenv("REDLINE_PAGER", f"{sys.executable} {script}")
    command = _pager_command()
    text = "第一条 甲。\n" * 500
    page(text, command)
    assert got.read_text(encoding="utf-8") == text
    monkeypatch.setenv("REDLINE_PAGER", "cat")
    assert _pager_command() is None  # cat, or nothing: printed as it is
    monkeypatch.setenv("REDLINE_PAGER", "")
    assert _pager_command() is None
    monkeypatch.delenv("REDLINE_PAGER")
    monkeypatch.delenv("PAGER", raising=False)
    assert _pager_command() == ["less", "-R"]
    # A pager that cannot start: the text is printed, not lost.
    import io
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        page("甲\n", ["/no/such/pager"])
    assert buf.getvalue() == "甲\n"


def test_the_screen_decides_colour_and_width_as_rich_did():
    """The terminal record no longer goes through rich's console; its screen
    decides colour and width the same way."""
    import io

    from redline.render.styled import NO_WRAP, Screen

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert Screen(Tty(), environ={}).color is True
    assert Screen(io.StringIO(), environ={}).color is False
    assert Screen(Tty(), environ={"NO_COLOR": "1"}).color is False
    assert Screen(Tty(), environ={"TERM": "dumb"}).color is False
    assert Screen(Tty(), environ={"TERM": "dumb", "FORCE_COLOR": "1"}).color is False
    assert Screen(io.StringIO(), environ={"FORCE_COLOR": "1"}).color is True
    assert Screen(Tty(), environ={"FORCE_COLOR": ""}).color is False
    assert Screen(io.StringIO(), environ={"TTY_COMPATIBLE": "1"}).color is True
    assert Screen(Tty(), color=False, environ={}).color is False
    assert Screen(io.StringIO(), environ={"COLUMNS": "57"}).width == 57
    assert Screen(io.StringIO(), width=0, environ={}).width == NO_WRAP
    assert Screen(io.StringIO(), width=33, environ={"COLUMNS": "57"}).width == 33


def test_colour_codes_are_rich_s_and_a_control_character_is_shown_not_sent():
    import io

    from redline.render.styled import Screen, Styled
    from redline.render.terminal import write

    buf = io.StringIO()
    line = Styled("第一条", "redline.mechanical").append("删\x1b[2J", "redline.del")
    write(Screen(buf, color=True, width=80), [line])
    assert buf.getvalue() == "\x1b[3m第一条\x1b[0m\x1b[3;9;31m删\\x1b[2J\x1b[0m\n"
