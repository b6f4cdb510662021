"""bench/generate.py: the seeded revision the benchmark scores the alignment on."""

import sys
from pathlib import Path

from conftest import CORPUS
from redline.compare import compare
from redline.parse import parse_file, parse_text

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
