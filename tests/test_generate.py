"""bench/generate.py: the seeded revision the benchmark scores the alignment on."""

import sys
from pathlib import Path

from conftest import CORPUS
from redline.diff.comparison import compare
from redline.read import parse_file, parse_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate import generate  # noqa: E402
from bench.run import generated_truth, predicted, score  # noqa: E402


def test_generated_revision_is_a_well_formed_statute_with_its_truth():
    old, _ = parse_file(CORPUS / "scale/民法典/2020-05-28.md")
    text, truth = generate(old, seed=7)
    assert generate(old, seed=7)[0] == text  # seeded: the same text every time
    new, warnings = parse_text(text)
    # Moved and inserted articles join the chapter they land in, and every
    # chapter's heading comes before its sections': nothing repeats or strays.
    assert warnings == []
    assert [d.heading for d in new.divisions] == [d.heading for d in old.divisions]
    kept = len(old.articles) - len(truth["deleted"])
    assert len(truth["pairs"]) == kept and len(new.articles) == kept + len(truth["inserted"])
    p, r = score(predicted(compare(old, new)), generated_truth(truth))
    assert p >= 0.99 and r >= 0.99


def test_generated_merges_paragraph_splits_and_boilerplate_are_found_or_left_alone():
    # Company Law: articles merged with the next one, moved articles reworded, last
    # paragraphs that open a new article (a split), and new penalty articles made
    # only of the formulas every penalty article shares, which must stay inserted.
    old, _ = parse_file(CORPUS / "revisions/公司法/2023-12-29.md")
    for seed in (1, 2, 3):
        text, truth = generate(old, seed, merges=0.01, paragraph_splits=0.01, boilerplate=0.02,
                               reworded_moves=True)
        assert truth["merged"] and truth["split"] and truth["boilerplate"]
        new, warnings = parse_text(text)
        assert warnings == []
        c = compare(old, new)
        pairs = predicted(c)
        p, r = score(pairs, generated_truth(truth))
        assert p >= 0.99 and r >= 0.99, (seed, p, r)
        assert all(("pair", a, b) in pairs for a, b in truth["split"] + truth["merged"]), seed
        # Each split names the paragraph that left under the article it opened.
        for source, k in truth["split"]:
            (e,) = [e for e in c.entries if e.kind == "split" and e.old[0].main == source]
            last = len(old.by_number()[e.old[0]].lines) - 1
            assert [d.new.main for d in e.paragraphs_to if last in d.paragraphs] == [k], seed
        inserted = {e.new[0].main for e in c.entries if e.kind == "inserted"}
        assert set(truth["boilerplate"]) <= inserted, seed
