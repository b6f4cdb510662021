"""Is a translation up to date with its Chinese? Decided from the file alone.

For each article of the stage: its English is missing, or marked stale (a note
is left in it), or its fingerprint is not the Chinese's (the Chinese changed
since it was translated, or it was never stamped). English articles the stage
lacks, and headings still in Chinese, are listed too.

``stamp`` is how a translator says "done": it writes the Chinese's fingerprint
on each article that has English and no note left, in the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RedlineError
from ..model import Stage
from ..numbering import ArticleNumber, en_article_label
from .document import MARK_RE, Translation, fingerprint

_LABEL = re.compile(r"^\s*(?:\*\*)?Article\s+\d+(?:-\d+)?[:.]?(?:\*\*)?", re.I)
_CJK = re.compile("[\u3400-\u9fff]")

#: What can be wrong with an article, in the order status lists them.
WHAT = {"missing": "no English", "stale": "marked stale (a note is left in it)",
        "changed": "its fingerprint is not the Chinese's: the Chinese changed since",
        "unstamped": "no fingerprint (run `redline translate stamp`)",
        "extra": "not an article of the stage", "heading": "heading still in Chinese"}


@dataclass
class Problem:
    what: str  # a key of WHAT
    label: str  # "Article 23", or the heading
    number: ArticleNumber | None = None

    def __str__(self) -> str:
        return f"{self.label}: {WHAT[self.what]}"

    def to_json(self) -> dict:
        return {"what": self.what, "label": self.label,
                "number": self.number.to_json() if self.number else None}


def status(stage: Stage, tr: Translation) -> list[Problem]:
    """Every problem of ``tr`` as a translation of ``stage``; empty when it is up to date."""
    en = tr.by_number()
    out: list[Problem] = []
    for a in stage.articles:
        t = en.get(a.number)
        label = en_article_label(a.number)
        if t is None or not t.lines:
            out.append(Problem("missing", label, a.number))
        elif t.note:
            out.append(Problem("stale", label, a.number))
        elif t.fingerprint is None:
            out.append(Problem("unstamped", label, a.number))
        elif t.fingerprint != fingerprint(a):
            out.append(Problem("changed", label, a.number))
    numbers = {a.number for a in stage.articles}
    out.extend(Problem("extra", t.label, t.number) for t in tr.articles if t.number not in numbers)
    out.extend(Problem("heading", d.heading) for d in tr.divisions if _CJK.search(d.title))
    return out


def stamp(path: Path, stage: Stage, tr: Translation,
          only: set[ArticleNumber] | None = None) -> tuple[str, list[ArticleNumber]]:
    """The file's text with the Chinese's fingerprint written on each article that
    has English and no note (of ``only``, if given), and the articles stamped.

    Only the label lines change, so the translator's own layout stays as it is.
    """
    from ..read import read_source

    if path.suffix.lower() not in (".md", ".markdown", ".txt", ".text"):
        raise RedlineError(f"{path}: stamp writes markdown or text files; save the translation "
                           "as .md or .txt, or stamp that file and convert it again")
    text, _ = read_source(path)
    lines = text.split("\n")
    zh = stage.by_number()
    done = []
    for t in tr.articles:
        a = zh.get(t.number)
        if a is None or not t.lines or t.note or (only is not None and t.number not in only):
            continue
        fp = fingerprint(a)
        if t.fingerprint == fp:
            continue
        k = t.line_no - 1
        line = lines[k]
        end = "\r" if line.endswith("\r") else ""
        body = line[:-1] if end else line
        body = MARK_RE.sub("", body).rstrip()
        m = _LABEL.match(body)
        at = m.end() if m else len(body)
        lines[k] = f"{body[:at]} [zh:{fp}]{body[at:]}{end}"
        done.append(t.number)
    return "\n".join(lines), done
