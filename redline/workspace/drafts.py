"""Laws in ``drafts/``: manifests, stage lookup, import from sources.

Contents
    Manifest        a law's history: stages, dates, sources with sha256 (facts only)
    Workspace       where drafts/ and the sources root are; finds and imports stages
    load_stage      a stage reference (path or ``law@stage`` or ``stage``) -> Stage

Layout::

    drafts/cybersecurity-law/manifest.yaml      tracked: the law's stages, as facts
    drafts/cybersecurity-law/final.yaml         git-ignored: imported from a source
    drafts/cybersecurity-law/annotations/*.yaml tracked: notes in our own words

A stage's YAML is written on first use from the source the manifest names
(``path`` relative to the sources root, checked against its ``sha256``), or by
``redline import``. Stage texts are never committed: they are official texts.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import RedlineError
from ..model import Stage
from ..read import FORMATS, parse_bytes, parse_file, read_bytes, read_source

MANIFEST = "manifest.yaml"
STAGE_EXTS = (".yaml", ".yml")


@dataclass
class StageSpec:
    id: str
    name: str = ""
    date: str | None = None
    in_force: str | None = None
    description: str = ""
    sources: list[dict] = field(default_factory=list)  # [{"path":…, "sha256":…}]
    urls: list[str] = field(default_factory=list)
    #: Table of contents of a stage whose text is unavailable: [{"heading": …}, …]
    toc: list[dict] = field(default_factory=list)
    toc_source: str = ""
    #: The amendment decision that produced this stage: {"path": …, "sha256": …}
    decision: dict | None = None
    #: Translations of this stage: [{"path": "translations/final.en.md" (under the
    #: law's folder), "language": "en", "translator": …, "licence": …}], and
    #: "chapters": [1] for one that covers only those chapters.
    translations: list[dict] = field(default_factory=list)


@dataclass
class Manifest:
    law: str
    title: str
    language: str
    stages: list[StageSpec]
    path: Path
    title_en: str = ""

    def stage(self, stage_id: str) -> StageSpec | None:
        return next((s for s in self.stages if s.id == stage_id), None)


def load_manifest(path: Path) -> Manifest:
    from ..read.yaml_io import load_yaml_text

    text, _ = read_source(path)
    data = load_yaml_text(text, str(path))
    if not isinstance(data, dict) or not isinstance(data.get("stages"), list):
        raise RedlineError(f"{path}: not a manifest (expected keys 'law' and 'stages')")
    from ..read.yaml_io import item_lines

    stages = []
    known = set(StageSpec.__dataclass_fields__)
    for k, s in enumerate(data["stages"]):
        if not isinstance(s, dict) or "id" not in s or set(s) - known:
            found = item_lines(text, "stages")
            where = f"{path}:{found[k]}" if k < len(found) else str(path)
            if not isinstance(s, dict) or "id" not in s:
                raise RedlineError(f"{where}: stages[{k}] needs an 'id'")
            raise RedlineError(f"{where}: stages[{k}] ({s['id']}): unknown keys "
                               f"{sorted(set(s) - known)}")
        spec = StageSpec(**{k2: v for k2, v in s.items()})
        spec.id = str(spec.id)
        _check_spec(spec, path)
        for key in ("date", "in_force"):
            value = getattr(spec, key)
            setattr(spec, key, str(value) if value else None)
        stages.append(spec)
    law = str(data.get("law") or path.parent.name)
    check_id("law", law, f"{path}: ")
    return Manifest(law, str(data.get("title") or ""),
                    str(data.get("language") or "zh"), stages, path,
                    str(data.get("title_en") or ""))


#: Law and stage ids name folders and files: nothing that could climb out of drafts/.
ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def check_id(what: str, value: str, where: str = "") -> None:
    """Refuse a law or stage id that could name a path outside drafts/.

    >>> check_id("stage", "draft-2.1")
    >>> check_id("stage", "../x")
    Traceback (most recent call last):
    redline.errors.RedlineError: stage id '../x' must match [a-z0-9][a-z0-9._-]* (it names a folder or file under drafts/)
    """
    if not ID_RE.fullmatch(value):
        raise RedlineError(f"{where}{what} id {value!r} must match {ID_RE.pattern} "
                           "(it names a folder or file under drafts/)")


def _check_spec(spec: StageSpec, path: Path) -> None:
    """A stage entry's id and sources obey the rules that keep reads and writes
    inside drafts/ and the sources root, and every source is pinned by its sha256."""
    check_id("stage", spec.id, f"{path}: ")
    for src in [*spec.sources, *([spec.decision] if spec.decision else [])]:
        if not isinstance(src, dict) or not isinstance(src.get("path"), str):
            raise RedlineError(f"{path}: stage {spec.id}: a source needs a 'path'")
        rel = src["path"]
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise RedlineError(f"{path}: stage {spec.id}: source {rel!r} must be a path "
                               "inside the sources root (relative, without '..')")
        if not _SHA256.fullmatch(str(src.get("sha256") or "")):
            raise RedlineError(f"{path}: stage {spec.id}: source {rel!r} needs its sha256 "
                               "(64 hex digits; `sha256sum FILE` gives it)")
    for tr in spec.translations:
        rel = tr.get("path") if isinstance(tr, dict) else None
        if not isinstance(rel, str) or Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise RedlineError(f"{path}: stage {spec.id}: a translation needs a 'path' inside "
                               "the law's folder (relative, without '..')")
        chapters = tr.get("chapters", [])
        if not (isinstance(chapters, list)
                and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in chapters)):
            raise RedlineError(f"{path}: stage {spec.id}: translation {rel}: 'chapters' is a list "
                               "of chapter numbers (chapters: [1, 2])")


def source_file(root: Path, rel: str) -> Path:
    """``rel`` under ``root``, refused if, symlinks followed, it lies outside ``root``."""
    path = (root / rel).resolve()
    if not path.is_relative_to(root.resolve()):
        raise RedlineError(f"{root / rel}: leads outside the sources root {root} "
                           "(through a symbolic link); refused")
    return path


def sha256_file(path: Path) -> str:
    return hashlib.sha256(read_bytes(path)).hexdigest()


def _checkout_root() -> Path:
    return Path(__file__).resolve().parent.parent


def packaged_drafts() -> Path | None:
    """The manifests and annotations an installed redline carries (redline_drafts)."""
    import importlib.util

    spec = importlib.util.find_spec("redline_drafts")  # a folder of data: a namespace package
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder)
        if path.is_dir() and any(path.glob(f"*/{MANIFEST}")):
            return path
    return None


def _cache_dir() -> Path:
    """Where stages imported for a packaged law are kept: the package may be read-only."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "redline"


class Workspace:
    """Where stages live (``drafts``) and where their sources are read from."""

    def __init__(self, drafts: str | Path | None = None, sources: str | Path | None = None):
        # The drafts folder: given, REDLINE_DRAFTS, ./drafts, the checkout's, or
        # the one installed with the package (whose imported stages are kept in
        # the user's cache, ~/.cache/redline, as the package may be read-only).
        cache: Path | None = None
        if drafts is None:
            drafts = os.environ.get("REDLINE_DRAFTS")
        if drafts is None:
            if Path("drafts").is_dir():
                drafts = Path("drafts")
            elif (_checkout_root() / "drafts").is_dir():
                drafts = _checkout_root() / "drafts"
            elif (packaged := packaged_drafts()) is not None:
                drafts = packaged
                cache = _cache_dir()
            else:
                drafts = Path("drafts")
        self.drafts = Path(drafts)
        #: Where imported stage files go: beside the manifests, or the user's cache.
        self.stages_root: Path = cache if cache is not None else self.drafts
        if sources is None:
            sources = os.environ.get("REDLINE_SOURCES")
        if sources is None:
            guess = self.drafts.resolve().parent.parent / "shared" / "corpus"
            sources = guess if guess.is_dir() else None
        self.sources = Path(sources) if sources is not None else None

    def manifests(self) -> list[Manifest]:
        if not self.drafts.is_dir():
            return []
        return [load_manifest(p) for p in sorted(self.drafts.glob(f"*/{MANIFEST}"))]

    def manifest(self, law: str) -> Manifest:
        from .manifest_edit import did_you_mean

        path = self.drafts / law / MANIFEST
        if not path.is_file():
            laws = [m.law for m in self.manifests()]
            raise RedlineError(f"no law {law!r} in {self.drafts}{did_you_mean(law, laws)}; laws "
                               f"there: {', '.join(laws) or 'none'} (`redline laws` lists them)")
        return load_manifest(path)

    def resolve(self, ref: str, law: str | None = None) -> tuple[Manifest, StageSpec]:
        """``law@stage`` or a bare ``stage`` -> its manifest and stage entry."""
        from .manifest_edit import did_you_mean

        if "@" in ref:
            law, stage_id = ref.split("@", 1)
            m = self.manifest(law)
            spec = m.stage(stage_id)
            if spec is None:
                ids = [s.id for s in m.stages]
                raise RedlineError(f"{law} has no stage {stage_id!r}{did_you_mean(stage_id, ids)}; "
                                   f"its stages: {', '.join(ids)}")
            return m, spec
        if law:
            return self.resolve(f"{law}@{ref}")
        hits = [(m, m.stage(ref)) for m in self.manifests() if m.stage(ref)]
        if not hits:
            raise RedlineError(f"{ref!r} is neither a file nor a stage of any law in "
                               f"{self.drafts}{did_you_mean(ref, self.stage_ids())}; give a "
                               "path, or LAW@STAGE (`redline laws` lists them)")
        if len(hits) > 1:
            raise RedlineError(f"stage {ref!r} exists in several laws "
                               f"({', '.join(m.law for m, _ in hits)}); write LAW@{ref}")
        return hits[0]  # type: ignore[return-value]

    def law_of_pair(self, old_ref: str, new_ref: str) -> str | None:
        """The one law with both bare stage names, when a name alone is ambiguous.

        ``final`` is a stage of several laws; ``final amended`` names one pair.
        """
        bare = [r for r in (old_ref, new_ref) if names_a_stage(r) and "@" not in r]
        if not bare:
            return None
        laws = [m.law for m in self.manifests() if all(m.stage(r) for r in bare)]
        if len(laws) == 1:
            return laws[0]
        pinned = {r.split("@", 1)[0] for r in (old_ref, new_ref) if "@" in r}
        return pinned.pop() if len(pinned) == 1 else None

    def annotations(self, law: str, warn: Callable[[str], None] | None = None) -> list:
        """Every annotation of ``law`` that parses; each one that does not (a broken
        file, a note with a key missing) is said to ``warn``, not dropped in silence."""
        from ..diff.annotations import load_annotations

        out = []
        for path in sorted((self.drafts / law / "annotations").glob("*.yaml")):
            try:
                notes, problems = load_annotations(path)
            except RedlineError as e:
                if warn:
                    warn(f"{e}: the notes of this file are not shown")
                continue
            out += notes
            if warn:
                for problem in problems:
                    warn(f"{problem}: this note is not shown")
        return out

    def stage_path(self, law: str, stage_id: str) -> Path:
        check_id("law", law)
        check_id("stage", stage_id)
        return self.stages_root / law / f"{stage_id}.yaml"

    def load(self, manifest: Manifest, spec: StageSpec) -> Stage:
        """The stage's YAML, importing it from its source on first use."""
        path = self.stage_path(manifest.law, spec.id)
        if path.is_file():
            from ..read.yaml_io import load_stage_yaml

            st = load_stage_yaml(path)
        else:
            st = self.import_from_manifest(manifest, spec)
        st.name = spec.name or None
        return st

    def has_text(self, manifest: Manifest, spec: StageSpec) -> bool:
        """A stage file exists, or a source it can be imported from."""
        if self.stage_path(manifest.law, spec.id).is_file():
            return True
        return bool(spec.sources and self.sources is not None
                    and (self.sources / spec.sources[0]["path"]).is_file())

    def availability(self, manifest: Manifest, spec: StageSpec) -> str:
        """Whether the stage can be compared, in words: ``text``, ``table of
        contents only``, or ``no text``."""
        if self.has_text(manifest, spec):
            return "text"
        return "table of contents only" if spec.toc else "no text"

    def toc_stage(self, manifest: Manifest, spec: StageSpec) -> Stage:
        """A stage known only by its table of contents: headings, no articles."""
        from ..read.text import parse_headings

        divisions = parse_headings([str(h) for h in spec.toc])
        language = "zh" if divisions and divisions[0].heading.startswith("第") else "en"
        title = manifest.title_en if language == "en" and manifest.title_en else manifest.title
        return Stage(manifest.law, spec.id, title, language, spec.date,
                     {"toc": spec.toc_source} if spec.toc_source else None, divisions=divisions,
                     in_force=spec.in_force, name=spec.name or None)

    def missing_text_message(self, manifest: Manifest, spec: StageSpec) -> str:
        what = f"{manifest.law}@{spec.id}" + (f" ({spec.name}, {spec.date})" if spec.name else "")
        return (f"{what} has no text here: no source for it is available; add it with "
                f"`redline import FILE --law {manifest.law} --stage {spec.id}`")

    def import_from_manifest(self, manifest: Manifest, spec: StageSpec) -> Stage:
        from ..files import atomic_write  # tempfile: only when a stage is written
        from ..read.yaml_io import stage_to_yaml

        if not spec.sources:
            raise RedlineError(self.missing_text_message(manifest, spec))
        if self.sources is None:
            raise RedlineError(f"{manifest.law}@{spec.id}: no sources root; pass --sources DIR "
                               "or set REDLINE_SOURCES to the folder holding "
                               f"{spec.sources[0]['path']}")
        source = spec.sources[0]
        src = source_file(self.sources, source["path"])
        if not src.is_file():
            raise RedlineError(f"{manifest.law}@{spec.id}: source {src} not found; "
                               f"{self.missing_text_message(manifest, spec).split(': ', 1)[1]}")
        # The hash first: a source that is not the one the manifest pins is never parsed.
        data = read_bytes(src)
        digest = hashlib.sha256(data).hexdigest()
        if source.get("sha256") and digest != source["sha256"]:
            raise RedlineError(f"{src}: sha256 {digest[:12]}… differs from the "
                               f"manifest's {source['sha256'][:12]}…; the source has changed")
        st, _ = parse_bytes(data, str(src), law=manifest.law, stage=spec.id)
        st.source = {"path": source["path"], "sha256": digest}
        st.date, st.in_force = spec.date, spec.in_force
        # Drafts carry no title line (or one with （草案）): the law's title is the manifest's.
        st.title = manifest.title or st.title
        atomic_write(self.stage_path(manifest.law, spec.id), stage_to_yaml(st))
        return st

    def import_file(self, source: Path | str, law: str, stage_id: str, *, force: bool = False,
                    name: str = "", date: str | None = None, in_force: str | None = None
                    ) -> tuple[Stage, Path, bool, list[str], str]:
        """``redline import``: parse ``source``, write drafts/LAW/STAGE.yaml.

        A law with no manifest gets one (its title read from the text), and a
        stage the manifest lacks is added to it, with the source and its sha256
        when the source lies under the sources root (else its name and sha256 in
        the description: a path outside is not the project's to pin).
        ``name``, ``date`` and ``in_force`` go into the manifest's entry.

        Returns (stage, path written, whether it changed, warnings, what was
        made or added to the manifest: "" if nothing).
        """
        from ..files import atomic_write  # tempfile: only when a stage is written
        from ..read.yaml_io import stage_to_yaml
        from ..read.fetch import fetch, is_url
        from .manifest_edit import new_manifest, stage_entry, titles_differ, with_stage

        check_id("law", law)
        check_id("stage", stage_id)
        sources: list[dict] | None = None
        if is_url(str(source)):
            from ..read import parse_bytes

            data, file_name, final = fetch(str(source))
            st, warnings = parse_bytes(data, file_name, law=law, stage=stage_id)
            st.source = {"url": final, "sha256": hashlib.sha256(data).hexdigest()}
            if final != str(source):
                warnings.append(f"{source} redirected to {final}: recorded as the source")
            description = f"imported from {final}"
        else:
            st, warnings = parse_file(source, law=law, stage=stage_id)
            assert st.source is not None  # parse_file records the path and the sha256 of what it read
            digest = st.source["sha256"]
            rel = self._under_sources(Path(source))
            sources = [{"path": rel, "sha256": digest}] if rel else None
            description = "" if rel else f"imported from {Path(source).name} (sha256 {digest})"
        entry = stage_entry(stage_id, name=name, date=date, in_force=in_force,
                            description=description, sources=sources)
        manifest_path = self.drafts / law / MANIFEST
        made = ""
        if manifest_path.is_file():
            manifest = load_manifest(manifest_path)
            if titles_differ(st.title, manifest.title):
                warnings.append(f"the text's title is {st.title}, but {law} is {manifest.title} "
                                f"({manifest_path}): is --law {law} the right law?")
            spec = manifest.stage(stage_id)
            if spec is None:
                text, _ = read_source(manifest_path)
                added = with_stage(text, entry)
                if added is None:
                    warnings.append(f"stage {stage_id!r} is not in {manifest_path}, and its "
                                    "stages are not its last key: add it there")
                else:
                    atomic_write(manifest_path, added, force=True)
                    made = f"added stage {stage_id} to {manifest_path}"
                    manifest = load_manifest(manifest_path)
                    spec = manifest.stage(stage_id)
            elif name or date or in_force:
                warnings.append(f"stage {stage_id} is already in {manifest_path}: --name, --date "
                                "and --in-force are not written over it; edit it there")
            if spec is not None:
                st.date, st.in_force = spec.date, spec.in_force
            st.title = st.title or manifest.title
        else:
            atomic_write(manifest_path, new_manifest(law, st.title, entry))
            made = (f"made law {law} ({st.title or 'no title in the text'}): {manifest_path}, "
                    f"with stage {stage_id}")
            st.date, st.in_force = date, in_force
        path = self.stage_path(law, stage_id)
        changed = atomic_write(path, stage_to_yaml(st), force=force)
        return st, path, changed, warnings, made

    def _under_sources(self, path: Path) -> str | None:
        """``path`` relative to the sources root, if it lies there."""
        if self.sources is None:
            return None
        try:
            rel = path.resolve().relative_to(self.sources.resolve())
        except ValueError:
            return None
        return rel.as_posix()

    def stage_ids(self) -> list[str]:
        """Every stage id of every law, and each as LAW@STAGE (for "did you mean")."""
        out: list[str] = []
        for m in self.manifests():
            out += [s.id for s in m.stages] + [f"{m.law}@{s.id}" for s in m.stages]
        return list(dict.fromkeys(out))


def load_stage(ref: str, workspace: Workspace | None = None, law: str | None = None,
               warn: Callable[[str], None] | None = None) -> Stage:
    """A stage from a file path (.md .txt .html .yaml) or a stage reference.

    Parser warnings (lines outside any article, numbers out of order) go to ``warn``.
    """
    ws = workspace or Workspace()
    path = Path(ref)
    suffix = path.suffix.lower()
    if path.exists() and not path.is_file() and not path.is_dir():
        read_bytes(path)  # a device or a FIFO: refused, and said so
    if path.is_file():
        if suffix in STAGE_EXTS:
            from ..read.yaml_io import load_stage_yaml

            return load_stage_yaml(path)
        st, warnings = parse_file(path)
        if warn:
            for w in warnings:
                warn(w)
        return st
    if path.is_dir():
        raise RedlineError(f"{ref}: is a folder; give a stage file or a source text")
    if not names_a_stage(ref):
        raise RedlineError(f"{ref}: no such file")
    manifest, spec = ws.resolve(ref, law)
    return ws.load(manifest, spec)


def names_a_stage(ref: str) -> bool:
    """True for ``final`` or ``law@final``; False for anything that reads as a path.

    >>> names_a_stage("cybersecurity-law@amended"), names_a_stage("texts/old.md")
    (True, False)
    """
    path = Path(ref)
    return not (path.exists() or path.suffix.lower() in (*STAGE_EXTS, *FORMATS)
                or os.sep in ref or "/" in ref)


def load_pair(old_ref: str, new_ref: str, workspace: Workspace | None = None,
              law: str | None = None, warn: Callable[[str], None] | None = None
              ) -> tuple[Stage, Stage, list[str]]:
    """The two stages to compare, and the ids of those known only by their contents.

    When a named stage has no text but its manifest entry has a table of
    contents, both sides are compared by their tables of contents (the other
    side's from the manifest too, so both are in one language).
    """
    ws = workspace or Workspace()
    if law is None:
        for ref in (old_ref, new_ref):  # a name no law has is the word at fault: say so first
            if names_a_stage(ref) and "@" not in ref and not any(m.stage(ref) for m in ws.manifests()):
                ws.resolve(ref)
        law = ws.law_of_pair(old_ref, new_ref)
    specs: list[tuple[Manifest, StageSpec] | None] = []
    for ref in (old_ref, new_ref):
        specs.append(ws.resolve(ref, law) if names_a_stage(ref) else None)
    textless = [(m, s) for m, s in filter(None, specs) if not ws.has_text(m, s)]
    if not textless:
        return load_stage(old_ref, ws, law, warn), load_stage(new_ref, ws, law, warn), []
    for m, s in textless:
        if not s.toc:
            raise RedlineError(ws.missing_text_message(m, s))
    if None in specs:
        raise RedlineError("a stage known only by its table of contents can be compared only with "
                           "another stage of the same law's manifest")
    pairs = [x for x in specs if x is not None]  # both, as None in specs was refused above
    for m, s in pairs:
        if not s.toc:
            tm, ts = textless[0]
            raise RedlineError(f"{tm.law}@{ts.id} has no text here, and {s.id} has no table of "
                               f"contents to set against its own; add {ts.id}'s text with "
                               f"`redline import FILE --law {tm.law} --stage {ts.id}`")
    (m1, s1), (m2, s2) = pairs
    missing = [s.id for _, s in textless]
    return ws.toc_stage(m1, s1), ws.toc_stage(m2, s2), missing
