"""The alignment's links, pinned: a change made for speed must not change a link.

Every pair of the corpus (the consecutive texts, the judged revisions) and the
generated revisions are aligned, and each alignment's links are written as one
line per link (kind, old and new article numbers, parts, similarity to three
places) and hashed. The hashes are in ``tests/data/link-digests.json``, facts
about our own output, never the texts.

A deliberate change of the alignment (a better rule) changes some of them:
``pytest tests/test_links_stable.py --update-golden`` rewrites the file, and the
commit shows which pairs moved. The assertion names the pairs that differ.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from conftest import CORPUS, CORPUS_PAIRS
from redline.diff.align import align
from redline.read import parse_file, parse_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate import generate  # noqa: E402

DIGESTS = Path(__file__).resolve().parent / "data" / "link-digests.json"


def links_text(old, new) -> str:
    """One line per link, in the alignment's order: what the hash is taken of.

    >>> from redline.read import parse_text
    >>> a, _ = parse_text("第一条　甲乙丙丁。\\n第二条　戊己庚辛。")
    >>> b, _ = parse_text("第一条　甲乙丙丁。\\n第二条　戊己庚壬。")
    >>> print(links_text(a, b))
    unchanged 1 1 1.000
    modified 2 2 0.500
    """
    lines = []
    for link in align(old, new):
        lines.append(" ".join([
            str(link.kind),
            ",".join(str(old.articles[i].number) for i in link.old) or "-",
            ",".join(str(new.articles[j].number) for j in link.new) or "-",
            f"{link.score:.3f}",
            *(f"part:{old.articles[p.old].number}:{'.'.join(map(str, p.lines))}" for p in link.parts),
        ]))
    return "\n".join(lines)


def _pairs():
    for a, b in CORPUS_PAIRS:
        yield f"{a} → {b}", (lambda a=a, b=b: (parse_file(CORPUS / a)[0], parse_file(CORPUS / b)[0]))
    for folder in sorted(p for p in (CORPUS / "judged").iterdir() if p.is_dir()):
        yield f"judged/{folder.name}", (lambda f=folder: (parse_file(next(f.glob("OLD-*.md")))[0],
                                                          parse_file(next(f.glob("NEW-*.md")))[0]))

    def generated(path, seed, **kw):
        old, _ = parse_file(CORPUS / path)
        return old, parse_text(generate(old, seed, **kw)[0])[0]

    yield "generated: 民法典 seed 7", lambda: generated("scale/民法典/2020-05-28.md", 7)
    for seed in (1, 2, 3):
        yield f"generated: 公司法 seed {seed}", (lambda s=seed: generated(
            "revisions/公司法/2023-12-29.md", s, merges=0.01, paragraph_splits=0.01,
            boilerplate=0.02, reworded_moves=True))


def test_every_link_is_as_pinned(update_golden):
    found = {}
    for name, load in _pairs():
        old, new = load()
        found[name] = hashlib.sha256(links_text(old, new).encode()).hexdigest()[:16]
    if update_golden or not DIGESTS.exists():
        DIGESTS.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    pinned = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert len(found) == 34
    assert sorted(found) == sorted(pinned), "the pairs changed: --update-golden"
    assert [k for k in found if found[k] != pinned[k]] == []
