"""A seeded revision of a statute, with its true alignment recorded.

Starting from a real text (the Civil Code in the benchmark), it deletes,
inserts, moves and edits articles, then renumbers them and the references to
them, as a legislature would. The output is a markdown statute in the corpus's
shape plus the truth: which old article became which new one.

Generated texts are written to a temporary or git-ignored folder, never
committed: they are derived from official texts.

    python bench/generate.py ../shared/corpus/scale/民法典/2020-05-28.md /tmp/gen --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redline.model import Stage  # noqa: E402
from redline.numbering import ArticleNumber, cn_article_label, cn_to_int, int_to_cn  # noqa: E402
from redline.read import parse_file  # noqa: E402
from redline.diff.references import find_references  # noqa: E402

REF = re.compile(r"第([零一二三四五六七八九十百千]+)条")

#: Shares of articles affected by each operation.
DELETE_SHARE = 0.03
INSERT_SHARE = 0.04
MOVE_SHARE = 0.02
EDIT_SHARE = 0.15


def _edit(text: str, rng: random.Random) -> str:
    """Reword part of an article: change a phrase, drop a clause, or add one."""
    clauses = re.split(r"(?<=[，；。])", text)
    clauses = [c for c in clauses if c]
    choice = rng.random()
    if choice < 0.4 and len(clauses) > 2:
        del clauses[rng.randrange(len(clauses) - 1)]
    elif choice < 0.7:
        k = rng.randrange(len(clauses))
        clauses.insert(k, "依照法律、行政法规的规定办理相关手续，")
    else:
        k = rng.randrange(len(clauses))
        c = clauses[k]
        if len(c) > 6:
            i = rng.randrange(len(c) - 4)
            clauses[k] = c[:i] + "有关部门" + c[i + 2:]
    return "".join(clauses)


def _invented(rng: random.Random, pool: list[str]) -> str:
    """Text for an inserted article: the characters of one article shuffled, so it
    reads like nothing in the old text and matches none of it."""
    chars = list(rng.choice(pool).replace("\n", ""))
    rng.shuffle(chars)
    return "".join(chars[:120]) + "。"


def _boilerplate(rng: random.Random, n: int) -> str:
    """A new penalty article in the words every penalty article shares: what must
    not be taken for an old one."""
    amounts = ["一万元", "五万元", "十万元", "二十万元", "五十万元", "一百万元"]
    k = rng.randrange(len(amounts) - 1)
    return (f"违反本法第{int_to_cn(rng.randint(1, n))}条规定的，由有关主管部门责令改正，给予警告；"
            f"拒不改正的，处{amounts[k]}以上{amounts[k + 1]}以下罚款。")


def generate(st: Stage, seed: int, merges: float = 0.0, paragraph_splits: float = 0.0,
             boilerplate: float = 0.0, reworded_moves: bool = False) -> tuple[str, dict]:
    """The revision, and its truth. ``merges``: share of articles merged with the
    next one; ``paragraph_splits``: share whose last paragraph becomes a new
    article right after (truth: a split, the old article paired with both);
    ``boilerplate``: share of new penalty articles made of shared formulas;
    ``reworded_moves``: every moved article is also reworded, twice in each paragraph."""
    rng = random.Random(seed)
    old = [(a.number, a.lines, a.division) for a in st.articles]
    n = len(old)
    deleted = set(rng.sample(range(n), int(n * DELETE_SHARE)))
    kept = [i for i in range(n) if i not in deleted]
    edited = set(rng.sample(kept, int(n * EDIT_SHARE)))
    order = list(kept)
    moved = rng.sample(kept, int(n * MOVE_SHARE))
    for i in moved:
        order.remove(i)
        order.insert(rng.randrange(len(order) + 1), i)
    pool = [a.text for a in st.articles]
    sequence: list[tuple[int | None, list[str], str | None]] = []
    for i in order:
        lines = old[i][1]
        if i in edited:
            k = rng.randrange(len(lines))
            lines = lines[:k] + [_edit(lines[k], rng)] + lines[k + 1:]
        if reworded_moves and i in moved:
            lines = [_edit(_edit(line, rng), rng) for line in lines]
        sequence.append((i, list(lines), old[i][2]))
    merged_with: dict[int, int] = {}  # old index kept -> old index merged into it
    if merges:
        spots = [k for k in range(len(sequence) - 1)
                 if sequence[k][0] not in moved and sequence[k + 1][0] not in moved
                 and sequence[k][2] == sequence[k + 1][2]]
        for k in sorted(rng.sample(spots, min(len(spots), int(n * merges))), reverse=True):
            if k + 1 >= len(sequence) or sequence[k + 1][0] in merged_with or sequence[k][0] in merged_with:
                continue
            (i, lines, div), (j, more, _) = sequence[k], sequence[k + 1]
            sequence[k] = (i, lines + more, div)
            merged_with[i] = j
            del sequence[k + 1]
    went_on: list[tuple[list[str], int]] = []  # (the new article's lines, the old article it continues)
    if paragraph_splits:
        spots = [k for k, (i, lines, _) in enumerate(sequence)
                 if i not in merged_with and i not in moved and len(lines) > 1
                 and not re.match(r"[（(]", lines[-1]) and len(lines[-1]) >= 20]
        for k in sorted(rng.sample(spots, min(len(spots), int(n * paragraph_splits))), reverse=True):
            i, lines, div = sequence[k]
            sequence[k] = (i, lines[:-1], div)
            sequence.insert(k + 1, (None, [lines[-1]], div))
            went_on.append((lines[-1:], old[i][0].main))
    for _ in range(int(n * INSERT_SHARE)):
        at = rng.randrange(len(sequence) + 1)
        sequence.insert(at, (None, [_invented(rng, pool)], None))
    for _ in range(int(n * boilerplate)):
        at = rng.randrange(len(sequence) + 1)
        sequence.insert(at, (None, [_boilerplate(rng, n)], None))
    # A moved or inserted article joins the chapter (and section) it lands in:
    # that of the article before it that stayed in place.
    stayed = [div for i, _, div in sequence if i is not None and i not in moved]
    place = stayed[0] if stayed else None
    for k, (i, lines, div) in enumerate(sequence):
        if (i is None and div is None) or i in moved:
            sequence[k] = (i, lines, place)
        else:
            place = div
    # Renumber, and make references follow, as a consolidated text does.
    new_number = {old[i][0].main: k + 1 for k, (i, _, _) in enumerate(sequence) if i is not None}
    new_number.update({old[j][0].main: new_number[old[i][0].main] for i, j in merged_with.items()})

    def follow(line: str) -> str:
        """References to this law's articles renumbered; another law's (宪法第八十九条,
        《民法典》第一千零三十四条) left as they are."""
        out, last = [], 0
        for ref in find_references(line):
            numbers = [cn_to_int(n) for n in REF.findall(ref.text)]
            if ref.external or ref.kind == "relative" or any(n not in new_number for n in numbers):
                continue  # another law's, or one that cites a deleted article: left as it was
            out.append(line[last:ref.start])
            out.append(REF.sub(lambda m: cn_article_label(ArticleNumber(t)) if (
                t := new_number.get(cn_to_int(m.group(1)))) else m.group(0), ref.text))
            last = ref.end
        return "".join(out) + line[last:]

    headings = {d.id: d.heading for d in st.divisions}
    out = [f"# {st.title}（生成的修订）", "", "<!-- INFO END -->", ""]
    current: list[str] = []  # ids of the divisions open, outermost first
    truth = {"pairs": [], "inserted": [], "deleted": sorted(old[i][0].main for i in deleted),
             "edited": sorted(old[i][0].main for i in edited), "seed": seed, "split": [],
             "merged": [], "boilerplate": []}
    for k, (i, lines, div) in enumerate(sequence, 1):
        path = div.split("__") if div else []
        opened = ["__".join(path[:d + 1]) for d in range(len(path))]
        for d, div_id in enumerate(opened):
            # Every heading that opens here: a new chapter's, then its section's.
            if (d >= len(current) or current[d] != div_id) and div_id in headings:
                out += [f"{'#' * (d + 2)} {headings[div_id]}", ""]
        if opened:
            current = opened
        body = [follow(line) for line in lines]
        out += [f"{cn_article_label(ArticleNumber(k))} {body[0]}", ""]
        out += [x for line in body[1:] for x in (line, "")]
        if i is None:
            source = next((source for went, source in went_on if lines == went), None)
            if source is not None:
                truth["pairs"].append([source, k])
                truth["split"].append([source, k])
                continue
            truth["inserted"].append(k)
            if lines[0].startswith("违反本法第") and "由有关主管部门责令改正，给予警告；拒不改正的" in lines[0]:
                truth["boilerplate"].append(k)
        else:
            truth["pairs"].append([old[i][0].main, k])
            if i in merged_with:
                truth["pairs"].append([old[merged_with[i]][0].main, k])
                truth["merged"].append([old[merged_with[i]][0].main, k])
    return "\n".join(out), truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--merges", type=float, default=0.0, help="share of articles merged with the next")
    ap.add_argument("--paragraph-splits", type=float, default=0.0,
                    help="share whose last paragraph opens a new article")
    ap.add_argument("--boilerplate", type=float, default=0.0,
                    help="share of new penalty articles made of shared formulas")
    args = ap.parse_args()
    st, _ = parse_file(args.source)
    text, truth = generate(st, args.seed, args.merges, args.paragraph_splits, args.boilerplate)
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "revised.md").write_text(text, encoding="utf-8")
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    print(f"{len(truth['pairs'])} kept, {len(truth['inserted'])} inserted, "
          f"{len(truth['deleted'])} deleted, {len(truth['edited'])} edited -> {out}")


if __name__ == "__main__":
    main()
