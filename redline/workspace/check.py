"""``redline check``: what CI runs over ``drafts/``.

It validates every manifest, stage file and annotation file, imports the
stages annotations refer to when they are missing (from their sources, as
``compare`` does), and verifies that each annotation's quote stands exactly
once in its article. A quote that no longer matches is reported with its file,
line and id, and with where it went: the same words in another article, or
the closest words in the stated one.

Each finding is a line ``file:line: id: message``; the result says whether
all held (exit 0), a check failed (1), or the check could not run (2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diff.annotations import Annotation, anchor, load_annotations, relocate
from .drafts import MANIFEST, Workspace, load_manifest, packaged_drafts
from ..errors import RedlineError
from ..model import Stage
from ..read.yaml_io import load_stage_yaml


@dataclass
class Report:
    ok: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def attempt(self, load, path: Path):
        """``load(path)``, or None with the failure recorded: one bad file does not
        stop the check of the others."""
        try:
            return load(path)
        except RedlineError as e:
            self.failed.append(str(e))
            return None


def check_annotation(a: Annotation, st: Stage) -> str | None:
    """None when the annotation anchors, else what is wrong and where it went."""
    where = f"{a.file}:{a.line}: {a.id}"
    articles = st.by_number()
    art = articles.get(a.article)
    if art is None:
        return f"{where}: {st.stage} has no article {a.article}"
    offset, reason = anchor(art.text, a.quote, a.prefix, a.suffix)
    if offset is not None:
        return None
    hint = ""
    if reason and reason.startswith("not found"):
        elsewhere = [b.label for b in st.articles
                     if b is not art and anchor(b.text, a.quote, a.prefix, a.suffix)[0] is not None]
        if elsewhere:
            hint = f"; the quote stands in {', '.join(elsewhere)} (moved from {art.label})"
        else:
            cand = relocate(art.text, a.quote)
            if cand:
                loc, words, distance = cand
                hint = (f"; closest words in {art.label}: {words!r} at character {loc}, "
                        f"{distance} character{'s' if distance != 1 else ''} away from the quote")
    return f"{where}: quote {a.quote!r} {reason} in {st.stage} {art.label}{hint}"


def _check_sources(manifest, ws: Workspace, report: Report) -> None:
    """Each source the manifest names is where it says, with the sha256 it says."""
    from .drafts import sha256_file

    if ws.sources is None:
        return
    from .drafts import source_file

    for spec in manifest.stages:
        for src in [*spec.sources, *([spec.decision] if spec.decision else [])]:
            where = f"{manifest.path}: {spec.id}: {src['path']}"
            try:
                path = source_file(ws.sources, src["path"])
            except RedlineError as e:
                report.failed.append(f"{where}: {e}")
                continue
            if not path.is_file():
                report.failed.append(f"{where}: not found under {ws.sources}")
            elif sha256_file(path) != src["sha256"]:
                report.failed.append(f"{where}: sha256 differs from the manifest's")
            else:
                report.ok.append(f"{where}: sha256 ok")


def _check_decisions(manifest, ws: Workspace, report: Report) -> None:
    """A stage made by an amendment decision: the decision, applied to the stage
    before it, must give it (``redline verify-decision``), item by item."""
    from ..amend import parse_decision
    from .drafts import source_file
    from ..read import read_document
    from ..amend import verify

    if ws.sources is None:
        return
    for before, spec in zip(manifest.stages, manifest.stages[1:]):
        if not spec.decision:
            continue
        where = f"{manifest.path}: {spec.id}: {spec.decision['path']}"
        try:
            old, new = ws.load(manifest, before), ws.load(manifest, spec)
            text, _ = read_document(source_file(ws.sources, spec.decision["path"]))
            v = verify([parse_decision(text, law=old.title)], old, new)
        except RedlineError as e:
            report.failed.append(f"{where}: {e}")
            continue
        failed = [f"{where}: item {r.label}: {reason}" for r in v.items if r.status == "FAILED"
                  for reason in r.reasons] + [f"{where}: closing check: {p}" for p in v.closing]
        report.failed += failed
        if not failed:
            report.ok.append(f"{where}: applied to {before.id}, every one of its {len(v.items)} "
                             f"items gives {spec.id}")


def _check_translations(manifest, ws: Workspace, report: Report) -> None:
    """Each translation the manifest lists is up to date with its stage's Chinese
    (what ``redline translate status`` says of it)."""
    from ..translate.document import read_translation
    from ..translate.scope import describe, in_chapters
    from ..translate.status import status

    for spec in manifest.stages:
        for entry in spec.translations:
            path = manifest.path.parent / entry["path"]
            where = f"{path} ({manifest.law}@{spec.id})"
            try:
                tr, _ = read_translation(path)
                chapters = entry.get("chapters", [])
                problems = status(in_chapters(ws.load(manifest, spec), chapters), tr)
            except RedlineError as e:
                report.failed.append(f"{where}: {e}")
                continue
            if problems:
                shown = "; ".join(str(p) for p in problems[:4]) + (" …" if len(problems) > 4 else "")
                report.failed.append(f"{where}: {len(problems)} not up to date "
                                     f"(`redline translate status`): {shown}")
            else:
                report.ok.append(f"{where}: every one of {len(tr.articles)} articles"
                                 + (f" ({describe(chapters)})" if chapters else "") + " up to date")


def check(drafts: Path, sources: Path | None = None) -> Report:
    if not drafts.is_dir():
        raise RedlineError(f"{drafts}: no such folder")
    ws = Workspace(drafts, sources)
    packaged = packaged_drafts()
    if packaged is not None and drafts.resolve() == packaged.resolve():
        ws = Workspace(None, sources)  # the installed drafts: stages go to the user's cache
    report = Report()
    law_dirs = sorted(p for p in drafts.iterdir() if p.is_dir())
    if not law_dirs:
        report.failed.append(f"{drafts}: no law folders (drafts/LAW/{MANIFEST}): nothing to check")
    for law_dir in law_dirs:
        manifest_path = law_dir / MANIFEST
        if not manifest_path.is_file():
            report.failed.append(f"{law_dir}: no {MANIFEST}")
            continue
        manifest = report.attempt(load_manifest, manifest_path)
        if manifest is None:
            continue
        report.ok.append(f"{manifest_path}: {len(manifest.stages)} stages")
        _check_sources(manifest, ws, report)
        known = {s.id for s in manifest.stages}
        for stage_file in sorted(law_dir.glob("*.yaml")):
            if stage_file.name == MANIFEST:
                continue
            st = report.attempt(load_stage_yaml, stage_file)
            if st is None:
                continue
            spec = manifest.stage(stage_file.stem)
            if stage_file.stem not in known:
                report.failed.append(f"{stage_file}: stage {stage_file.stem!r} is not in {MANIFEST}")
            elif spec.sources and st.source and st.source.get("sha256") not in (
                    None, spec.sources[0].get("sha256")):
                report.failed.append(f"{stage_file}: made from a source whose sha256 differs from "
                                     f"the manifest's; re-import it")
            else:
                report.ok.append(f"{stage_file}: {len(st.articles)} articles")
        _check_decisions(manifest, ws, report)
        _check_translations(manifest, ws, report)
        stages: dict[str, Stage | str] = {}
        for ann_file in sorted((law_dir / "annotations").glob("*.yaml")):
            loaded = report.attempt(load_annotations, ann_file)
            if loaded is None:
                continue
            annotations, problems = loaded
            report.failed += problems
            for a in annotations:
                if a.stage not in stages:
                    spec = manifest.stage(a.stage)
                    if spec is None:
                        stages[a.stage] = f"no stage {a.stage!r} in {MANIFEST}"
                    else:
                        try:
                            stages[a.stage] = ws.load(manifest, spec)
                        except RedlineError as e:
                            stages[a.stage] = str(e)
                st = stages[a.stage]
                if isinstance(st, str):
                    report.failed.append(f"{a.file}:{a.line}: {a.id}: {st}")
                    continue
                problem = check_annotation(a, st)
                if problem:
                    report.failed.append(problem)
                else:
                    report.ok.append(f"{a.file}:{a.line}: {a.id}")
    return report
