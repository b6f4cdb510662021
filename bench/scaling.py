"""How the alignment grows with the law: the generated Civil Code revision at 1×,
2×, 4× and 8× its length (the code repeated, articles numbered on), compared in
one process, best of ``--repeats`` runs each.

    python bench/scaling.py            # prints a table: scale, articles, seconds, ratio to 1×

The target (issue 23) is linear: 8× in at most 9× the 1× time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REDLINE_SOURCES", ROOT.parent / "shared" / "corpus"))

from bench.generate import generate  # noqa: E402
from redline.diff.align import align  # noqa: E402
from redline.model import Stage  # noqa: E402
from redline.read import parse_file, parse_text  # noqa: E402


def scaled(st: Stage, k: int) -> Stage:
    """``st`` repeated ``k`` times, articles numbered on, divisions renamed per copy."""
    import copy

    from redline.model import Article
    from redline.numbering import ArticleNumber, cn_article_label

    out = copy.copy(st)
    out.articles, out.divisions = [], []
    n = len(st.articles)
    for c in range(k):
        for d in st.divisions:
            out.divisions.append(copy.replace(d, id=f"c{c}_{d.id}") if hasattr(copy, "replace")
                                 else type(d)(f"c{c}_{d.id}", d.kind, d.number, d.heading, d.title,
                                              list(d.lines)))
        for a in st.articles:
            number = ArticleNumber(a.number.main + c * n, a.number.sub)
            out.articles.append(Article(number, cn_article_label(number),
                                        f"c{c}_{a.division}" if a.division else None, list(a.lines)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--scales", default="1,2,4,8")
    args = ap.parse_args()
    base, _ = parse_file(CORPUS / "scale/民法典/2020-05-28.md")
    text, _ = generate(base, 7)
    revised, _ = parse_text(text)
    rows = []
    for k in (int(x) for x in args.scales.split(",")):
        old, new = scaled(base, k), scaled(revised, k)
        best = min(_timed(old, new) for _ in range(args.repeats))
        rows.append((k, len(old.articles), best))
    one = rows[0][2]
    print("| scale | articles | seconds | × the 1× time |")
    print("|---|---|---|---|")
    for k, n, t in rows:
        print(f"| {k}× | {n:,} | {t:.2f} | {t / one:.1f} |")
    return 0


def _timed(old: Stage, new: Stage) -> float:
    started = time.perf_counter()
    align(old, new)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
