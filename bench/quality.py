"""The alignment's hard cases, listed for a person to judge.

    python bench/quality.py                # every corpus pair
    python bench/quality.py 公司法          # the pairs whose paths contain this
    python bench/quality.py judged         # the judged development set, scored
                                           # (bench/judged.py: three rates, every disagreement)

For each pair of consecutive texts in ``../shared/corpus`` it prints:

- counts per kind;
- every link below similarity 0.3, with the chapters on both sides;
- every link that crosses chapters (the chapter titles differ) below 0.5;
- every deleted article with the unlinked new article most like it;
- every inserted article with the old article most like it (a continuation
  the alignment may have missed);
- crossings: moved entries.

Then, over generated revisions of the Company Law and the Civil Code with merges,
paragraph splits, reworded moves and boilerplate penalty articles (``bench/generate.py``), the
precision and recall of the links and how many of each planted case were found.

What was judged is kept in ``tests/test_align_judged.py`` (article numbers and
verdicts, never texts).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REDLINE_SOURCES", ROOT.parent / "shared" / "corpus"))

from redline.diff.comparison import compare  # noqa: E402
from redline.normalise import mask_refs, norm_text  # noqa: E402
from redline.read import parse_file  # noqa: E402
from redline.diff.similarity import dice, shingles  # noqa: E402

LOW = 0.3
ACROSS = 0.5


def pairs() -> list[tuple[Path, Path]]:
    out = [(CORPUS / "cybersecurity-law/2016-11-07.md", CORPUS / "cybersecurity-law/2025-10-28.md")]
    for law in sorted((CORPUS / "revisions").iterdir()):
        files = sorted(law.glob("*.md"))
        out += list(zip(files, files[1:]))
    versions = sorted((CORPUS / "versions/生猪屠宰管理条例").glob("*.txt"))
    out += list(zip(versions, versions[1:]))
    drafts = CORPUS / "reading-drafts/动物防疫法"
    order = ["2015-04-24.txt", "draft1-2020.txt", "draft2-2020.txt", "2021-01-22.md"]
    out += [(drafts / a, drafts / b) for a, b in zip(order, order[1:])]
    out.append((CORPUS / "scale/刑法/2020-12-26.md", CORPUS / "scale/刑法/2023-12-29.md"))
    return out


def _chapter(stage, number) -> str:
    art = stage.by_number().get(number)
    ch = stage.chapter_of(art) if art else None
    return ch.title if ch else "—"


def report(old_path: Path, new_path: Path) -> list[str]:
    old, _ = parse_file(old_path)
    new, _ = parse_file(new_path)
    c = compare(old, new)
    sh_old = {a.number: shingles(mask_refs(norm_text(a.lines))) for a in old.articles}
    sh_new = {a.number: shingles(mask_refs(norm_text(a.lines))) for a in new.articles}
    linked_new = {n for e in c.entries if e.old for n in e.new}
    linked_old = {n for e in c.entries if e.new for n in e.old}
    out = [f"== {old_path.relative_to(CORPUS)} → {new_path.relative_to(CORPUS)}",
           "   " + ", ".join(f"{k} {v}" for k, v in Counter(e.kind for e in c.entries).items())]
    for e in c.entries:
        if not (e.old and e.new) or e.similarity is None:
            continue
        chapters = (_chapter(old, e.old[0]), _chapter(new, e.new[0]))
        if e.similarity < LOW or (chapters[0] != chapters[1] and e.similarity < ACROSS):
            out.append(f"   low  {e.kind:9} {'、'.join(e.old_labels)} → {'、'.join(e.new_labels)} "
                       f"{e.similarity:.2f}  [{chapters[0]}] → [{chapters[1]}]")
        if e.kind == "moved":
            out.append(f"   move {'、'.join(e.old_labels)} → {'、'.join(e.new_labels)} {e.similarity:.2f}")
    for e in c.entries:
        if e.kind == "deleted":
            n = e.old[0]
            best = max(((dice(sh_old[n], sh_new[m]), m) for m in sh_new if m not in linked_new),
                       default=(0, None))
            out.append(f"   del  {e.old_labels[0]}  best unlinked new: "
                       f"{best[1] and f'第{best[1]}条'} {best[0]:.2f}")
        elif e.kind == "inserted":
            n = e.new[0]
            best = max(((dice(sh_new[n], sh_old[m]), m) for m in sh_old), default=(0, None))
            mark = "" if best[1] in linked_old else " (unlinked)"
            out.append(f"   ins  {e.new_labels[0]}  most like old: 第{best[1]}条 {best[0]:.2f}{mark}")
    return out


GENERATED = ["revisions/公司法/2023-12-29.md", "scale/民法典/2020-05-28.md"]


def generated_report(path: Path, seed: int) -> str:
    """One line: P/R of the links on a generated revision and the planted cases found."""
    from bench.generate import generate
    from bench.run import generated_truth, predicted, score
    from redline.read import parse_text

    old, _ = parse_file(path)
    text, truth = generate(old, seed, merges=0.01, paragraph_splits=0.01, boilerplate=0.02,
                           reworded_moves=True)
    new, _ = parse_text(text)
    c = compare(old, new)
    got = predicted(c)
    p, r = score(got, generated_truth(truth))
    inserted = {e.new[0].main for e in c.entries if e.kind == "inserted"}

    def found(key: str) -> str:
        return f"{sum(('pair', a, b) in got for a, b in truth[key])}/{len(truth[key])}"

    kept = sum(k in inserted for k in truth["boilerplate"])
    # A split found names the old article's last paragraph under the new article it opened.
    articles = old.by_number()
    named = 0
    for source, k in truth["split"]:
        for e in c.entries:
            if e.kind == "split" and e.old[0].main == source and any(n.main == k for n in e.new):
                last = len(articles[e.old[0]].lines) - 1
                named += any(d.new.main == k and last in d.paragraphs for d in e.paragraphs_to)
    return (f"   {path.parent.name} seed {seed}: P {p:.4f} R {r:.4f}; merges found {found('merged')}, "
            f"paragraph splits found {found('split')} (the paragraph named {named}), boilerplate "
            f"articles left inserted {kept}/{len(truth['boilerplate'])}")


def main() -> None:
    want = sys.argv[1] if len(sys.argv) > 1 else ""
    if want == "judged":
        from bench import judged

        sys.argv = sys.argv[1:]
        judged.main()
        return
    for a, b in pairs():
        if want in str(a):
            print("\n".join(report(a, b)))
    if want in "generated":
        print("== generated revisions (merges 1%, paragraph splits 1%, boilerplate 2%, moves reworded)")
        for rel in GENERATED:
            for seed in (1, 2, 3):
                print(generated_report(CORPUS / rel, seed))


if __name__ == "__main__":
    main()
