"""The alignment scored against the judged development set (``../shared/corpus/judged``).

    python bench/judged.py              # the three rates, and every disagreement
    python bench/judged.py 体育法        # one law's

Readers compared 17 real revisions article by article and judged the hard cases
(``judged-links.json``; the corpus README gives the verdicts). Three rates:

- **links right**: of CORRECT, WRONG and PARTIAL judgements, how many links the
  tool now draws as the judgement says (the proposed link for CORRECT, the
  ``right`` one for WRONG and PARTIAL; a ``right`` with no new article means the
  old one must be left unlinked);
- **continuations found**: of MISSED judgements, how many the tool now links the
  article it left alone to one that ``right`` names on the other side;
- **true deletions and insertions left alone**: of TRUE_DELETE and TRUE_INSERT,
  how many articles the tool still links to nothing.

A link is any the comparison names with both sides: an entry's old and new
articles, a part of an old article carried in another entry (``parts``), and the
paragraphs of an old article that go on elsewhere (``paragraphs_to``). UNSURE is
not scored. Every disagreement is printed with the reader's ``why`` and what the
tool did, so a miss can be read.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REDLINE_SOURCES", ROOT.parent / "shared" / "corpus"))
JUDGED = CORPUS / "judged"

LINKS, FOUND, ALONE = "links right", "continuations found", "true deletions/insertions left alone"


@dataclass
class Tool:
    """What the tool says of one revision, by article number (the main number)."""

    old_links: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    new_links: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)

    def link(self, o: int, n: int, kind: str) -> None:
        self.old_links[o].add(n)
        self.new_links[n].add(o)
        self.kinds.setdefault((o, n), kind)

    def describe_old(self, o: int) -> str:
        got = sorted(self.old_links.get(o, ()))
        return (f"old {o} → " + ", ".join(f"{n} ({self.kinds[o, n]})" for n in got)) if got \
            else f"old {o} unlinked"

    def describe_new(self, n: int) -> str:
        got = sorted(self.new_links.get(n, ()))
        return (", ".join(f"{o} ({self.kinds[o, n]})" for o in got) + f" → new {n}") if got \
            else f"new {n} unlinked"


def tool_links(c) -> Tool:
    t = Tool()
    for e in c.entries:
        for o in e.old:
            for n in e.new:
                t.link(o.main, n.main, str(e.kind))
        for p in e.parts:
            for n in e.new:
                t.link(p.old.main, n.main, f"{e.kind}, part")
        for d in e.paragraphs_to:
            for o in e.old:
                t.link(o.main, d.new.main, f"{e.kind}, paragraphs")
    return t


@dataclass
class Scores:
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    disagreements: list[str] = field(default_factory=list)

    def rate(self, what: str) -> float:
        return self.right[what] / self.total[what] if self.total[what] else 1.0

    def summary(self) -> str:
        return "\n".join(f"{what}: {self.right[what]} of {self.total[what]} ({self.rate(what):.2f})"
                         for what in (LINKS, FOUND, ALONE))


def judge(j: dict, t: Tool) -> tuple[str, bool, str] | None:
    """(rate, right?, what the tool did) for judgement ``j``; None if not scored."""
    verdict = j["verdict"]
    if verdict == "CORRECT":
        ok = all(n in t.old_links.get(o, ()) for o in j["old"] for n in j["new"]) if j["old"] and j["new"] \
            else not (t.old_links.get(j["old"][0]) if j["old"] else t.new_links.get(j["new"][0]))
        return LINKS, ok, "; ".join([t.describe_old(o) for o in j["old"]] or
                                     [t.describe_new(n) for n in j["new"]])
    if verdict in ("WRONG", "PARTIAL"):
        right = j["right"]
        if not right["new"]:
            ok = all(not t.old_links.get(o) for o in right["old"])
        elif not right["old"]:
            ok = all(not t.new_links.get(n) for n in right["new"])
        else:
            ok = all(n in t.old_links.get(o, ()) for o in right["old"] for n in right["new"])
        return LINKS, ok, "; ".join(t.describe_old(o) for o in right["old"] or j["old"])
    if verdict == "MISSED":
        right = j["right"]
        if j["old"]:  # the tool had the old article deleted
            ok = any(n in t.old_links.get(o, ()) for o in j["old"] for n in right["new"])
            return FOUND, ok, "; ".join(t.describe_old(o) for o in j["old"])
        ok = any(o in t.new_links.get(n, ()) for n in j["new"] for o in right["old"])
        return FOUND, ok, "; ".join(t.describe_new(n) for n in j["new"])
    if verdict == "TRUE_DELETE":
        return ALONE, all(not t.old_links.get(o) for o in j["old"]), \
            "; ".join(t.describe_old(o) for o in j["old"])
    if verdict == "TRUE_INSERT":
        return ALONE, all(not t.new_links.get(n) for n in j["new"]), \
            "; ".join(t.describe_new(n) for n in j["new"])
    return None


def revisions(want: str = "") -> list[tuple[str, Path, Path]]:
    out = []
    for folder in sorted(p for p in JUDGED.iterdir() if p.is_dir()):
        if want and want not in folder.name:
            continue
        old = next(folder.glob("OLD-*.md"))
        new = next(folder.glob("NEW-*.md"))
        out.append((folder.name, old, new))
    return out


def score(want: str = "", settings=None) -> Scores:
    """The three rates over the judged revisions whose names contain ``want``."""
    from redline.diff.comparison import compare
    from redline.read import parse_file

    judgements = json.loads((JUDGED / "judged-links.json").read_text(encoding="utf-8"))
    by_law = defaultdict(list)
    for j in judgements:
        by_law[j["law"]].append(j)
    s = Scores()
    for law, old_path, new_path in revisions(want):
        old, _ = parse_file(old_path)
        new, _ = parse_file(new_path)
        t = tool_links(compare(old, new, settings=settings) if settings else compare(old, new))
        for j in by_law[law]:
            got = judge(j, t)
            if got is None:
                continue
            what, ok, did = got
            s.total[what] += 1
            s.right[what] += ok
            if not ok:
                right = j["right"] and f"{j['right']['old']} → {j['right']['new']}"
                s.disagreements.append(
                    f"{law}: {j['verdict']} {j['old']} → {j['new']} ({j['tool_kind']})"
                    + (f", right {right}" if right else "") + f"\n    reader: {j['why']}\n"
                    f"    tool:   {did}")
    return s


def main() -> None:
    s = score(sys.argv[1] if len(sys.argv) > 1 else "")
    print("\n".join(s.disagreements))
    print(s.summary())


if __name__ == "__main__":
    main()
