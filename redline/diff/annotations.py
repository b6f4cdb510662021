"""Annotations: notes anchored to the exact words of an article of a stage.

Contents
    Annotation        id, stage, article, quote (+ prefix/suffix), note, en
    load_annotations  a YAML file -> annotations, each with the line it starts on
    anchor            where a quote stands in an article's text (exactly once)
    relocate          for a quote that no longer matches: best fuzzy candidate

A file (``drafts/LAW/annotations/*.yaml``)::

    annotations:
      - id: csl-2025-ai
        stage: amended
        article: 20            # or "120-1", or 第二十条
        quote: 人工智能伦理规范
        prefix: 完善           # optional: words right before the quote
        suffix: ，加强          # optional: words right after it
        note: The 2025 amendment's article on artificial intelligence …
        en: AI ethics rules    # optional: an English rendering

A quote must occur exactly once in its article, or exactly once where it is
preceded by ``prefix`` and followed by ``suffix``.

>>> anchor("依照其规定从轻、减轻或者不予处罚情形的，依照其规定从轻、减轻或者不予处罚。", "从轻、减轻或者不予处罚", suffix="情形")
(5, None)
>>> anchor("甲乙甲", "甲")[1]
'occurs 2 times; add a prefix or suffix to say which'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import RedlineError
from ..numbering import ArticleNumber

KEYS = {"id", "stage", "article", "quote", "note", "prefix", "suffix", "en", "tags"}
REQUIRED = ("id", "stage", "article", "quote", "note")


@dataclass
class Annotation:
    id: str
    stage: str
    article: ArticleNumber
    quote: str
    note: str
    prefix: str = ""
    suffix: str = ""
    en: str = ""
    file: str = ""
    line: int = 0

    def to_json(self) -> dict:
        d = {"id": self.id, "stage": self.stage, "article": self.article.to_json(),
             "quote": self.quote, "note": self.note}
        for key in ("prefix", "suffix", "en"):
            if getattr(self, key):
                d[key] = getattr(self, key)
        return d


def _scalar(node) -> str | None:
    import yaml

    return node.value if isinstance(node, yaml.ScalarNode) else None


def load_annotations(path: Path) -> tuple[list[Annotation], list[str]]:
    """Annotations of one file, and its schema problems as ``file:line: message``."""
    import yaml

    from ..numbering import parse_article_ref
    from ..read import read_source
    from ..read.yaml_io import compose_yaml_text

    text, _ = read_source(path)
    root = compose_yaml_text(text, str(path))
    problems: list[str] = []
    out: list[Annotation] = []
    if not isinstance(root, yaml.MappingNode):
        return [], [f"{path}:1: expected a mapping with the key 'annotations'"]
    items = next((v for k, v in root.value if _scalar(k) == "annotations"), None)
    if not isinstance(items, yaml.SequenceNode):
        return [], [f"{path}:1: expected 'annotations:' with a list of annotations"]
    seen: dict[str, int] = {}
    for node in items.value:
        line = node.start_mark.line + 1
        where = f"{path}:{line}"
        if not isinstance(node, yaml.MappingNode):
            problems.append(f"{where}: an annotation must be a mapping")
            continue
        fields = {}
        for k, v in node.value:
            key = _scalar(k)
            if key not in KEYS:
                problems.append(f"{path}:{k.start_mark.line + 1}: unknown key {key!r} "
                                f"(known: {', '.join(sorted(KEYS))})")
                continue
            fields[key] = v.value if _scalar(v) is not None else None
        missing = [k for k in REQUIRED if not fields.get(k)]
        if missing:
            problems.append(f"{where}: annotation {fields.get('id', '?')!r} lacks "
                            + ", ".join(missing))
            continue
        note_id = str(fields["id"])
        if note_id in seen:
            problems.append(f"{where}: id {note_id!r} is used twice (also line {seen[note_id]})")
            continue
        seen[note_id] = line
        try:
            number = parse_article_ref(str(fields["article"]))
        except RedlineError as e:
            problems.append(f"{where}: {e}")
            continue
        out.append(Annotation(str(fields["id"]), str(fields["stage"]), number,
                              str(fields["quote"]), str(fields["note"]).strip(),
                              str(fields.get("prefix") or ""), str(fields.get("suffix") or ""),
                              str(fields.get("en") or ""), str(path), line))
    return out, problems


def anchor(text: str, quote: str, prefix: str = "", suffix: str = "") -> tuple[int | None, str | None]:
    """(offset, None) when ``quote`` stands exactly once, else (None, reason)."""
    hits = []
    start = text.find(quote)
    while start >= 0:
        if text[:start].endswith(prefix) and text[start + len(quote):].startswith(suffix):
            hits.append(start)
        start = text.find(quote, start + 1)
    if len(hits) == 1:
        return hits[0], None
    if not hits:
        return None, "not found" + (" with that prefix/suffix" if prefix or suffix else "")
    return None, f"occurs {len(hits)} times; add a prefix or suffix to say which"


def relocate(text: str, quote: str) -> tuple[int, str, int] | None:
    """Best fuzzy candidate for ``quote`` in ``text``: (offset, the words there,
    how many characters differ from the quote: the Levenshtein distance).

    Uses diff-match-patch's ``match_main`` (Bitap), which takes patterns of up to
    32 characters: a longer quote is located by its first 32.
    """
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.6
    dmp.Match_Distance = max(1000, len(text))
    pattern = quote[: dmp.Match_MaxBits]
    loc = dmp.match_main(text, pattern, 0)
    if loc < 0:
        return None
    words = text[loc:loc + len(quote)]
    return loc, words, dmp.diff_levenshtein(dmp.diff_main(quote, words, False))
