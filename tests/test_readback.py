"""Nothing the law says is missing from a redline: each output, read back from
the output alone, gives both texts whole.

- plain (``[-…-]``/``{+…+}``), HTML with ``--all`` (``<del>``/``<ins>``) and the
  对照表 with ``--all`` (each column) are read back by ``check --redline``, which
  requires every article of both texts to be held exactly once, in full;
- Word: Reject All gives the old text and Accept All the new;
- the change list: ``apply`` of it to the old text gives the new.

Run on the case that lost a paragraph (part of an article merged elsewhere, the
rest deleted), on every corpus pair and judged revision, and as a property on
generated laws with such merges.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, CORPUS_PAIRS, invoke, word_read, word_text
from redline.diff.comparison import compare
from redline.amend.decision import parse_decision
from redline.amend.execute import apply_decision
from redline.normalise import norm_key
from redline.read import parse_file, parse_text
from redline.render.changes import render_changes
from redline.render.docx import render_docx
from redline.render.html import render_html
from redline.render.plain import render_plain
from redline.render.table import render_table
from redline.workspace.verify_redline import verify_redline

OLD = """# 中华人民共和国示例法

第一条　为了规范示例活动，制定本法。

第二条　国家建立示例登记制度，登记的具体办法、收费标准和期限由国务院有关主管部门另行规定并公布。
县级以上地方人民政府负责本行政区域内的示例登记工作，所需经费列入本级预算。
从事示例活动的单位应当接受社会监督。

第三条　本法自公布之日起施行。
"""
# Old 第二条's third paragraph joins 第一条; the rest of 第二条 is deleted.
NEW = """# 中华人民共和国示例法

第一条　为了规范示例活动，制定本法。
从事示例活动的单位应当接受社会监督。

第二条　本法自公布之日起施行。
"""
LOST = "县级以上地方人民政府负责本行政区域内的示例登记工作"


def _articles(stage) -> dict:
    return {a.number: [norm_key(x) for x in a.lines] for a in stage.articles}


def read_back_everywhere(old, new, tmp_path: Path) -> None:
    """Every format of the comparison of ``old`` and ``new`` gives both back."""
    c = compare(old, new)  # checks conservation as it is built
    for name, text in (("r.txt", render_plain(c)), ("r.html", render_html(c, show_all=True)),
                       ("default.html", render_html(c)),
                       ("table.html", render_table(c, show_all=True))):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        ok, failed = verify_redline(path, old, new)
        assert failed == [], (name, failed[:3])
    data = render_docx(c)
    assert word_read(c, data, "reject") == word_text(old)
    assert word_read(c, data, "accept") == word_text(new)
    decision = parse_decision(render_changes(c), law=old.title)
    applied = apply_decision(decision, old)
    assert [(r.label, r.reasons) for r in applied.items if r.status != "ok"] == []
    assert _articles(applied.stage) == _articles(new)


def test_a_part_merged_elsewhere_with_its_rest_deleted_is_in_every_output(tmp_path):
    old, _ = parse_text(OLD)
    new, _ = parse_text(NEW)
    c = compare(old, new)
    kinds = [(e.kind.value, [str(n) for n in e.old], [str(n) for n in e.new]) for e in c.entries]
    assert kinds == [("merged", ["1", "2"], ["1"]), ("deleted", ["2"], []), ("renumbered", ["3"], ["2"])]
    # The deleted entry holds the article whole, and says where its paragraph went.
    assert c.entries[1].paragraphs_to[0].where == ["第三款"]
    for fmt in ("terminal", "plain", "html", "table", "markdown", "changes"):
        (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
        (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
        code, out, err = invoke(["compare", str(tmp_path / "old.md"), str(tmp_path / "new.md"),
                                 "--format", fmt, "--width", "200"] if fmt == "terminal" else
                                ["compare", str(tmp_path / "old.md"), str(tmp_path / "new.md"),
                                 "--format", fmt])
        assert code == 1, err
        if fmt == "changes":
            assert "删去第二条" in out
        else:
            assert LOST in out, fmt
            assert "第三款 → 第一条" in out, fmt
    read_back_everywhere(old, new, tmp_path)


def test_check_redline_fails_when_the_deleted_entry_is_gone(tmp_path):
    """What check --redline passed before: a redline with no entry for the rest."""
    old, _ = parse_text(OLD)
    new, _ = parse_text(NEW)
    c = compare(old, new)
    text = render_plain(c)
    start = text.index("@@ old 2 | new —")
    path = tmp_path / "lost.txt"
    path.write_text(text[:start] + text[text.index("@@ old 3 |"):], encoding="utf-8")
    _, failed = verify_redline(path, old, new)
    assert failed == [f"{path}: old side lacks 1 articles (first: 第二条): text missing from the redline"]
    # The HTML page the same way, and the 对照表 row.
    page = render_html(c, show_all=True)
    start = page.index('<article class="entry kind-deleted"')
    path = tmp_path / "lost.html"
    path.write_text(page[:start] + page[page.index("</article>", start) + len("</article>"):],
                    encoding="utf-8")
    _, failed = verify_redline(path, old, new)
    assert failed == [f"{path}: old side lacks 1 articles (first: 第二条): text missing from the redline"]
    table = render_table(c, show_all=True)
    path = tmp_path / "lost-table.html"
    path.write_text(table.replace(LOST, "", 1), encoding="utf-8")
    _, failed = verify_redline(path, old, new)
    assert len(failed) == 1 and "old column 2" in failed[0] and "expected" in failed[0]


def test_a_part_shown_twice_fails(tmp_path):
    """A part repeated in a merge's old side, as redline printed it before: the
    article is then held twice."""
    old, _ = parse_text(OLD)
    new, _ = parse_text(NEW)
    text = render_plain(compare(old, new)).replace("@@ old 1,2(part) |", "@@ old 1,2 |")
    path = tmp_path / "twice.txt"
    path.write_text(text, encoding="utf-8")
    _, failed = verify_redline(path, old, new)
    assert any("old article 2 is also held by" in x for x in failed)


JUDGED = sorted(p for p in (CORPUS / "judged").glob("*") if p.is_dir()) if (CORPUS / "judged").is_dir() else []


@pytest.mark.parametrize("old_rel,new_rel", CORPUS_PAIRS,
                         ids=[f"{o.split('/')[-2]}:{o.split('/')[-1]}" for o, _ in CORPUS_PAIRS])
def test_every_corpus_pair_reads_back_from_every_format(old_rel, new_rel, tmp_path):
    old, _ = parse_file(CORPUS / old_rel)
    new, _ = parse_file(CORPUS / new_rel)
    read_back_everywhere(old, new, tmp_path)


@pytest.mark.parametrize("folder", JUDGED, ids=[p.name for p in JUDGED])
def test_every_judged_revision_reads_back_from_every_format(folder, tmp_path):
    old_path, = folder.glob("OLD-*")
    new_path, = folder.glob("NEW-*")
    old, _ = parse_file(old_path)
    new, _ = parse_file(new_path)
    read_back_everywhere(old, new, tmp_path)


# Generated laws: articles of distinct sentences; one article's paragraph goes
# to another article, the rest of it is deleted, other articles are reworded.
_HAN = "国家建立制度规定管理部门应当依法组织实施监督检查单位个人权利义务责任活动信息安全保护服务标准公共社会经济发展"
_sentence = st.text(alphabet=_HAN, min_size=8, max_size=30).map(lambda s: s + "。")
_article = st.lists(_sentence, min_size=1, max_size=3)


@st.composite
def _revision(draw):
    arts = draw(st.lists(_article, min_size=3, max_size=7))
    donor = draw(st.sampled_from([k for k, a in enumerate(arts) if len(a) > 1] or [0]))
    if len(arts[donor]) < 2:
        arts[donor].append(draw(_sentence))
    taker = draw(st.sampled_from([k for k in range(len(arts)) if k != donor]))
    moved = draw(st.integers(0, len(arts[donor]) - 1))
    new = [list(a) for a in arts]
    new[taker].append(arts[donor][moved])
    keep_rest = draw(st.booleans())
    if keep_rest:  # the rest goes on, reworded
        new[donor] = [s[:-1] + "的。" for k, s in enumerate(arts[donor]) if k != moved]
    else:  # the rest is deleted
        new[donor] = []
    for k in draw(st.sets(st.integers(0, len(arts) - 1), max_size=2)):
        if new[k] and k != taker:
            new[k][0] = new[k][0][:-1] + "等。"
    return arts, [a for a in new if a]


def _law(articles) -> str:
    from redline.numbering import int_to_cn

    return "\n".join(f"第{int_to_cn(k + 1)}条　" + "\n".join(a) for k, a in enumerate(articles))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_revision())
def test_generated_partial_merges_read_back(tmp_path, revision):
    arts, new_arts = revision
    old, _ = parse_text(_law(arts))
    new, _ = parse_text(_law(new_arts))
    if len({tuple(a.lines) for a in old.articles}) < len(old.articles):
        return  # two old articles alike word for word: a law does not have them
    read_back_everywhere(old, new, tmp_path)
