"""How the alignment grows with the law: the generated Civil Code revision at 1×,
2×, 4× and 8× its length (the code repeated, articles numbered on), compared in
one process, best of ``--repeats`` rounds (each round times every scale in turn).

    python bench/scaling.py            # prints a table: scale, articles, seconds, ratio to 1×

The target (issue 23) is linear: 8× in at most 9× the 1× time. Speed bought by
losing links would not count, so each scale's links are also scored against the
generated revision's truth, repeated per copy (precision and recall).
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
from bench.run import generated_truth, score  # noqa: E402
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
    text, truth = generate(base, 7)
    revised, _ = parse_text(text)
    scales = [int(x) for x in args.scales.split(",")]
    texts = {k: (scaled(base, k), scaled(revised, k)) for k in scales}
    best = {k: float("inf") for k in scales}
    # Round by round, every scale in turn: a busy spell of the machine then
    # slows one run of each scale, not all the runs of one.
    for _ in range(args.repeats):
        for k in scales:
            best[k] = min(best[k], _timed(*texts[k]))
    one = best[scales[0]]
    print("| scale | articles | seconds | × the 1× time | precision | recall |")
    print("|---|---|---|---|---|---|")
    for k in scales:
        old, new = texts[k]
        p, r = score(_links(old, new), _truth(truth, k, len(base.articles), len(revised.articles)))
        print(f"| {k}× | {len(old.articles):,} | {best[k]:.2f} | {best[k] / one:.1f} | {p:.4f} | {r:.4f} |")
    return 0


def _links(old: Stage, new: Stage) -> set[tuple]:
    """The links as :func:`bench.run.predicted` writes them, by article number."""
    out: set[tuple] = set()
    for link in align(old, new):
        olds = [old.articles[i].number.main for i in link.old]
        news = [new.articles[j].number.main for j in link.new]
        if link.kind == "inserted":
            out.add(("ins", None, news[0]))
        elif link.kind == "deleted":
            out.add(("del", olds[0], None))
        else:
            out |= {("pair", o, n) for o in olds for n in news}
    return out


def _truth(truth: dict, k: int, n_old: int, n_new: int) -> set[tuple]:
    """The generated revision's truth for each of ``k`` copies, numbered on."""
    one = generated_truth(truth)
    return {(kind, None if a is None else a + c * n_old, None if b is None else b + c * n_new)
            for c in range(k) for kind, a, b in one}


def _timed(old: Stage, new: Stage) -> float:
    started = time.perf_counter()
    align(old, new)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
