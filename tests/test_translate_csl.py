"""The project's own translation of the Cybersecurity Law (drafts/cybersecurity-law/
translations), carried from the law of 2016 to the law as amended in 2025."""

from __future__ import annotations

import pytest

from conftest import CORPUS, ROOT
from redline.diff.comparison import compare
from redline.translate.annotated import annotate
from redline.translate.carry import carry
from redline.translate.document import read_translation
from redline.translate.status import status


TRANSLATIONS = ROOT / "drafts" / "cybersecurity-law" / "translations"


@pytest.fixture(scope="module")
def csl(workspace_module):
    from redline.workspace.drafts import load_stage

    old = load_stage("final", workspace_module, "cybersecurity-law")
    new = load_stage("amended", workspace_module, "cybersecurity-law")
    return old, new, compare(old, new)


@pytest.fixture(scope="module")
def workspace_module():
    from redline.workspace.drafts import Workspace

    return Workspace(ROOT / "drafts", CORPUS)


def test_the_csl_translation_is_up_to_date_with_both_stages(csl):
    old, new, _ = csl
    for stage, name in ((old, "final.en.md"), (new, "amended.en.md")):
        tr, warnings = read_translation(TRANSLATIONS / name)
        assert status(stage, tr) == [] and warnings == []
        # Our English keeps the Chinese's paragraphs and items, article by article.
        en = tr.by_number()
        assert [len(en[a.number].lines) for a in stage.articles] == [len(a.lines) for a in stage.articles]


def test_carry_on_the_csl_agrees_with_the_chinese_comparison(csl):
    old, new, c = csl
    tr, _ = read_translation(TRANSLATIONS / "final.en.md")
    result = carry(c, old, new, tr)
    carried = {n for e in c.entries if e.new and (not e.changed or e.references_only)
               and e.kind in ("unchanged", "renumbered") for n in e.new}
    stale = {n for e in c.entries if e.kind not in ("unchanged", "renumbered", "inserted")
             and not (not e.changed or e.references_only) for n in e.new}
    inserted = {n for e in c.entries if e.kind == "inserted" for n in e.new}
    got = {s: {r.number for r in result.records if r.status == s} for s in ("carried", "stale", "new")}
    assert got == {"carried": carried, "stale": stale, "new": inserted}
    assert result.counts == {"carried": 66, "stale": 11, "new": 4}
    # Carried articles are exactly the old English, but for the citations the Chinese renumbered.
    old_en, new_en = tr.by_number(), result.translation.by_number()
    refs_only = [e for e in c.entries if e.references_only]
    assert len(refs_only) == 4
    for e in c.entries:
        if e.new and e.new[0] in carried and not e.references_only:
            assert new_en[e.new[0]].lines == old_en[e.old[0]].lines
    want = {36: ["Article 23 of this Law"], 66: ["Article 29 of this Law"] * 2,
            68: ["Article 48 of this Law"], 75: ["Article 32 of this Law"]}
    for e in refs_only:
        text = "\n".join(new_en[e.new[0]].lines)
        n = e.new[0].main
        assert all(text.count(w) == want[n].count(w) for w in want[n]), n
        before = "\n".join(old_en[e.old[0]].lines)
        # Nothing else moved: put the old numbers back and the old English returns.
        from redline.translate.references import renumber
        from redline.translate.carry import renumbered_citations

        back = {v: k for k, v in renumbered_citations(e).items()}
        assert renumber(text, back)[0] == before


def test_the_annotated_csl_translation_reads_back_and_marks_no_rewording(csl, tmp_path):
    from redline.render.plain import render_plain

    old, new, c = csl
    o, _ = read_translation(TRANSLATIONS / "final.en.md")
    n, _ = read_translation(TRANSLATIONS / "amended.en.md")
    en = annotate(c, old, new, o, n)
    # Where the Chinese did not change, our English did not either: no entry is rewording.
    assert [e for e in en.entries if e.source_changed is False and e.changed] == []
    assert sum(e.source_changed for e in en.entries) == sum(
        1 for e in c.entries if e.kind in ("inserted", "merged", "split", "deleted") or e.changed)
    # Both English texts, whole, read back from the outputs alone.
    from redline.render.html import render_html
    from redline.render.table import render_table
    from redline.workspace.verify_redline import verify_redline

    for name, text in (("x.txt", render_plain(en)), ("x.html", render_html(en, show_all=True)),
                       ("t.html", render_table(en, show_all=True))):
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        ok, failed = verify_redline(f, o.stage(), n.stage())
        assert failed == [] and ok, name


def test_the_fragment_has_the_legend_and_survives_as_a_paste(csl, tmp_path):
    old, new, c = csl
    o, _ = read_translation(TRANSLATIONS / "final.en.md")
    n, _ = read_translation(TRANSLATIONS / "amended.en.md")
    en = annotate(c, old, new, o, n)
    en.old.name = "adopted law"
    from redline.render.fragment import render_fragment

    frag = render_fragment(en, show_all=True)
    assert not any(tag in frag for tag in ("<html", "<head", "<style", "<script", "<body"))
    assert "Struck through: removed since the adopted law (2016-11-07); underlined: added." in frag
    assert "<strong>Article 3:</strong> <ins style=" in frag
    assert '<del style="text-decoration:line-through' in frag
    assert frag.count("<strong>Article ") == len(n.articles)


AEPL = ROOT / "drafts" / "animal-epidemic-prevention-law" / "translations"


@pytest.fixture(scope="module")
def aepl(workspace_module):
    from redline.translate.scope import in_chapters
    from redline.workspace.drafts import load_stage

    old = load_stage("draft1", workspace_module, "animal-epidemic-prevention-law")
    new = load_stage("draft2", workspace_module, "animal-epidemic-prevention-law")
    return old, new, compare(old, new), in_chapters(old, [1]), in_chapters(new, [1])


def test_aepl_chapter_1_carries_from_the_first_to_the_second_reading_draft(aepl):
    """Real drafts, text from PDF: chapter 1 of our translation of the first
    reading draft, carried to the second, agrees with the Chinese comparison."""
    old, new, c, old1, new1 = aepl
    assert [a.number.main for a in old1.articles] == list(range(1, 13))
    assert [a.number.main for a in new1.articles] == list(range(1, 14))
    tr, warnings = read_translation(AEPL / "draft1.ch1.en.md")
    assert warnings == [] and status(old1, tr) == []
    # Whole, the same file is 101 articles short: the scope is what makes it clean.
    assert sum(p.what == "missing" for p in status(old, tr)) == 101
    result = carry(c, old1, new1, tr)
    mine = [e for e in c.entries if any(n in new1.by_number() for n in e.new)]
    carried = {e.new[0] for e in mine if not e.changed}
    assert {r.number for r in result.records if r.status == "carried"} == carried == {new1.articles[1].number}
    assert result.counts == {"carried": 1, "stale": 12, "new": 0}
    assert result.dropped == [] and result.moved_out == []
    # The carried article is the old English exactly (第二条 kept its number and words).
    two = new1.articles[1].number
    assert result.translation.by_number()[two].lines == tr.by_number()[old1.articles[1].number].lines
    # 第十一条 was split: 第二款 went on in 第六条, 第一、三款 in 第十二条; each starts from its own English.
    old_en, out = tr.by_number(), result.translation.by_number()
    eleven = old_en[old1.articles[10].number].lines
    assert out[new1.articles[5].number].lines == [eleven[1]]
    assert out[new1.articles[11].number].lines == [eleven[0], eleven[2]]
    assert "Paragraph 2 of Article 11 went on here" in out[new1.articles[5].number].note


def test_aepl_chapter_1_annotated_translation_reads_back(aepl, tmp_path):
    from redline.render.html import render_html
    from redline.render.plain import render_plain
    from redline.workspace.verify_redline import verify_redline

    old, new, c, old1, new1 = aepl
    o, _ = read_translation(AEPL / "draft1.ch1.en.md")
    n, _ = read_translation(AEPL / "draft2.ch1.en.md")
    assert status(new1, n) == []
    en = annotate(c, old1, new1, o, n)
    assert [e.kind for e in en.entries].count("split") == 1 and len(en.entries) == 12
    # Every entry of chapter 1 changed the Chinese but 第二条; the English changed with it.
    assert [e.source_changed for e in en.entries].count(False) == 1
    assert all(e.changed == e.source_changed for e in en.entries)
    for name, text in (("x.txt", render_plain(en)), ("x.html", render_html(en, show_all=True))):
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        ok, failed = verify_redline(f, o.stage(), n.stage())
        assert failed == [] and ok, name
    # The whole drafts against chapter 1's English: refused, naming what is missing.
    from redline.errors import RedlineError

    with pytest.raises(RedlineError, match="no English for 101 articles"):
        annotate(c, old, new, o, n)
