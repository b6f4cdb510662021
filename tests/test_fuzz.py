"""Hostile and broken input, generated: the parsers, the instrument reader and
``-o`` targets either do their work or say why in a RedlineError (one line, exit
2 from the command), and never touch a file other than the one named."""

import hashlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import invoke
from redline.amend.execute import apply_decision
from redline.amend.decision import parse_decision
from redline.errors import RedlineError
from redline.read import parse_bytes, parse_text

#: Pieces texts are made of, the dangerous ones included: labels, headings,
#: items, quotes of every kind, control characters, half-width marks, blank lines.
PIECES = st.sampled_from([
    "第一条", "第二条", "第十条之一", "第 三 条", "第一章", "第二节", "## ", "# 标题\n", "（一）", "1.",
    "附件", "说明", "一、", "二、", "（二）", "将第一条修改为：", "增加一条，作为第二条：", "删去第二款",
    "“", "”", '"', "‘", "’", "「", "」", "：", "，", "。", "；", ",", ";", "\n", "\n\n", " ", "\u3000",
    "\x1b[31m", "\x07", "\x00", "\ufeff", "<p>", "</p>", "<!-- INFO END -->", "本法", "甲乙丙", "合并",
    "作为第三款", "修改为", "增加一章", "第X条", "……", "\t", "\r\n",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join)

OLD = "# 示例法\n<!-- INFO END -->\n## 第一章 总则\n第一条 甲乙丙。\n第二条 丁戊：\n（一）己；\n（二）庚。\n"


@given(TEXTS, st.sampled_from(["markdown", "text", "html"]))
@settings(max_examples=300, deadline=None)
def test_any_text_parses_or_says_why(text, fmt):
    try:
        stage, _ = parse_text(text, fmt)
    except RedlineError as e:
        assert "\n" not in str(e)
        return
    assert stage.articles  # a text with no articles is an error, not an empty stage


@given(st.binary(max_size=300), st.sampled_from(["a.md", "a.txt", "a.html", "a.pdf", "a.docx", "a"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_bytes_parse_or_say_why(data, name):
    try:
        parse_bytes(data, name)
    except RedlineError as e:
        assert "\n" not in str(e)


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_any_instrument_is_read_and_executed_or_says_why(text):
    stage, _ = parse_text(OLD)
    try:
        decision = parse_decision(text, law="示例法")
    except RedlineError as e:
        assert "\n" not in str(e)
        return
    applied = apply_decision(decision, stage)
    # Every item is accounted for; a failed one says why.
    assert len(applied.items) == len(decision.items)
    assert all(r.reasons for r in applied.items if r.status != "ok")


def _snapshot(folder):
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = os.path.join(root, name)
            if os.path.islink(p):
                out[p] = ("link", os.readlink(p))
            elif os.path.isfile(p):
                with open(p, "rb") as f:
                    out[p] = ("file", hashlib.sha256(f.read()).hexdigest())
            else:
                out[p] = ("dir" if os.path.isdir(p) else "other", None)
    return out


TARGETS = st.sampled_from(["out.json", "exists.json", "same.json", "folder", "fifo", "link",
                           "dangling", "folder/inner.json", "missing/out.json", "-"])


@given(TARGETS, st.booleans())
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_output_targets_touch_only_the_target(tmp_path_factory, target, force):
    folder = tmp_path_factory.mktemp("out")
    src = folder / "src"
    src.mkdir()
    (src / "old.md").write_text(OLD, encoding="utf-8")
    (src / "new.md").write_text(OLD.replace("甲乙丙", "甲乙丁"), encoding="utf-8")
    (folder / "exists.json").write_text("{}", encoding="utf-8")
    (folder / "folder").mkdir()
    os.mkfifo(folder / "fifo")
    (folder / "real.json").write_text("real", encoding="utf-8")
    (folder / "link").symlink_to(folder / "real.json")
    (folder / "dangling").symlink_to(folder / "nowhere.json")
    args = ["compare", str(src / "old.md"), str(src / "new.md"), "--format", "json"]
    code, out, _ = invoke(args)
    (folder / "same.json").write_text(out, encoding="utf-8")
    before = _snapshot(folder)
    path = target if target == "-" else str(folder / target)
    code, _, err = invoke(args + ["-o", path] + (["--force"] if force else []))
    assert code in (1, 2)
    assert "Traceback" not in err
    if code == 2:
        assert err.count("\n") == 1
    after = _snapshot(folder)
    touched = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    allowed = {path, os.path.realpath(path)} if target != "-" else set()
    assert touched <= allowed, touched
