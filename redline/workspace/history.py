"""One article's lineage across every stage of a law that has text.

From the article as numbered in one stage, the history follows the alignment
forwards and backwards through consecutive stages, keeping the entries the
article passes through (with their redlines). A merge brings its other sources
along; a split follows every part. Stages without text are named, not skipped
silently.

The result is a list of Comparisons, one per pair of consecutive stages, each
holding only the entries of this article's lineage: the same form every
renderer already reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diff.comparison import Comparison, compare
from .drafts import Workspace
from ..errors import RedlineError
from ..numbering import ArticleNumber


@dataclass
class History:
    law: str
    article: ArticleNumber
    stage: str
    steps: list[Comparison]
    missing_text: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"format": "redline-history", "law": self.law, "article": self.article.to_json(),
                "stage": self.stage, "missing_text": self.missing_text,
                "steps": [c.to_json() for c in self.steps]}


def history(ws: Workspace, law: str, article: ArticleNumber, stage: str | None = None,
            warn=None) -> History:
    manifest = ws.manifest(law)
    with_text = [s for s in manifest.stages if ws.has_text(manifest, s)]
    missing = [s.id for s in manifest.stages if s not in with_text]
    if not with_text:
        raise RedlineError(f"no stage of {law} has text here")
    ids = [s.id for s in with_text]
    if stage is None:
        stage = ids[-1]
    if stage not in ids:
        spec = manifest.stage(stage)
        if spec is None:
            raise RedlineError(f"{law} has no stage {stage!r} (stages: {', '.join(ids)})")
        raise RedlineError(ws.missing_text_message(manifest, spec))
    stages = [ws.load(manifest, s) for s in with_text]
    notes = ws.annotations(law, warn)
    start = ids.index(stage)
    if article not in stages[start].by_number():
        raise RedlineError(f"{law}@{stage} has no article {article}")
    steps: dict[int, Comparison] = {}

    def walk(pairs: range, forwards: bool) -> None:
        """Follow the article from ``start`` through consecutive pairs of stages."""
        current = {article}
        for k in pairs:
            c = compare(stages[k], stages[k + 1], annotations=notes)
            c.entries = [e for e in c.entries if current & set(e.old if forwards else e.new)]
            steps[k] = c
            current = {n for e in c.entries for n in (e.new if forwards else e.old)}
            if not current:
                break

    walk(range(start, len(stages) - 1), forwards=True)
    walk(range(start - 1, -1, -1), forwards=False)
    return History(law, article, stage, [steps[k] for k in sorted(steps)], missing)
