"""A generated statute book, for the speed of ``redline book``.

    python bench/book.py                 # 320 laws, 10% of them revised
    python bench/book.py --laws 640 --changed 0.05

Every law of ``../shared/corpus`` that has a title is copied under several
titles of its own (民法典（样本3）): the old snapshot holds them, the new one the
same files, except a share that ``bench/generate.py`` revises (articles deleted,
inserted, moved, edited and renumbered), with the files renamed as collections
rename them. Then it times, as whole processes, ``redline book`` on the two
folders and a shell loop of ``redline compare`` over the changed pairs, in turn,
and prints pairs per second per core. The books are written to a temporary
folder and removed: they are made from official texts.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REDLINE_SOURCES", ROOT.parent / "shared" / "corpus"))
REDLINE = str(Path(sys.executable).with_name("redline"))

from bench.generate import generate  # noqa: E402
from redline.read import parse_file  # noqa: E402


def sources() -> list[Path]:
    """The corpus's markdown laws with a title line, one file per law."""
    seen, out = set(), []
    for path in sorted(CORPUS.rglob("*.md")):
        if "instruments" in path.parts or path.name.startswith("decision") or path.name == "README.md":
            continue
        first = path.read_text(encoding="utf-8").split("\n", 1)[0].lstrip("# ").strip()
        if first and first not in seen and not re.search(r"修正案|决定", first):
            seen.add(first)
            out.append(path)
    return out


def build(folder: Path, laws: int, changed: float, seed: int = 1) -> list[tuple[str, str]]:
    """Two snapshots under ``folder``; returns the changed pairs (old, new)."""
    rng = random.Random(seed)
    base = sources()
    old, new = folder / "old", folder / "new"
    old.mkdir()
    new.mkdir()
    pairs = []
    for k in range(laws):
        src = base[k % len(base)]
        text = src.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].lstrip("# ").strip()
        mine = f"{title}（样本{k}）"
        body = text.replace(title, mine, 1)
        name = f"{k:04d}-{src.parent.name}.md"
        (old / name).write_text(body, encoding="utf-8")
        if rng.random() < changed:
            st, _ = parse_file(old / name)
            revised, _ = generate(st, seed + k)
            revised = re.sub(r"^#?\s*.*\n", f"# {mine}\n", revised, count=1)
            renamed = f"{k:04d}-{src.parent.name}(修订).md"
            (new / renamed).write_text(revised, encoding="utf-8")
            pairs.append((str(old / name), str(new / renamed)))
        else:
            shutil.copy(old / name, new / name)
    return pairs


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--laws", type=int, default=320)
    ap.add_argument("--changed", type=float, default=0.1)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="redline-book-"))
    try:
        pairs = build(folder, args.laws, args.changed)
        loop = folder / "loop.sh"
        loop.write_text("".join(f"{REDLINE} compare '{o}' '{n}' --format json > /dev/null\n"
                                for o, n in pairs) + "exit 0\n", encoding="utf-8")
        book_cmd = [REDLINE, "book", str(folder / "old"), str(folder / "new"), "--format", "json"]
        one_core = book_cmd + ["--jobs", "1"]
        runs: dict[str, list[float]] = {"book": [], "book --jobs 1": [], "shell loop": []}
        for _ in range(args.repeats):  # in turn, so drift hits all three alike
            runs["book"].append(timed(book_cmd))
            runs["book --jobs 1"].append(timed(one_core))
            runs["shell loop"].append(timed(["sh", str(loop)]))
        med = {k: sorted(v)[len(v) // 2] for k, v in runs.items()}
        cores = os.cpu_count() or 1
        print(f"{args.laws} laws, {len(pairs)} changed, {cores} cores, median of {args.repeats}")
        for k, v in med.items():
            print(f"  {k:<16} {v:7.2f} s")
        print(f"  book is {med['shell loop'] / med['book']:.1f}x faster than the shell loop; "
              f"{len(pairs) / med['book --jobs 1']:.1f} pairs a second on one core, whole process")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
