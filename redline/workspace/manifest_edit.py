"""Writing a law's manifest for a user: a new law's first manifest, a stage added
to one, and the words that point a mistyped name to what exists.

``redline import FILE --law NEW --stage ID`` must leave a law that ``compare`` and
``check`` accept, so the manifest is written here, with the facts the import
knows (title, the source and its sha256, names and dates given), and never
anything it does not.
"""

from __future__ import annotations

import difflib
import re

import yaml

from ..normalise import norm_key

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):")


def stage_entry(stage_id: str, *, name: str = "", date: str | None = None,
                in_force: str | None = None, description: str = "",
                sources: list[dict] | None = None) -> dict:
    """A manifest's entry for one stage, its keys in the manifests' order.

    >>> stage_entry("2018", name="as in force", date="2018-10-26")
    {'id': '2018', 'name': 'as in force', 'date': '2018-10-26'}
    """
    entry: dict = {"id": stage_id}
    for key, value in (("name", name), ("date", date), ("in_force", in_force),
                       ("description", description), ("sources", sources)):
        if value:
            entry[key] = value
    return entry


def _scalar(value: str) -> str:
    """A value as YAML writes it alone: quoted where it would read as something else.

    >>> _scalar("2018"), _scalar("as in force"), _scalar("a: b")
    ("'2018'", 'as in force', "'a: b'")
    """
    text = yaml.safe_dump(value, allow_unicode=True, width=1000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _entry_yaml(entry: dict) -> str:
    """The entry as the manifests write it: ``  - id: …`` under ``stages:``.

    >>> print(_entry_yaml({"id": "2018", "sources": [{"path": "a/b.md", "sha256": "ab"}]}), end="")
      - id: '2018'
        sources:
          - path: a/b.md
            sha256: ab
    """
    lines = []
    for k, (key, value) in enumerate(entry.items()):
        lead = "  - " if k == 0 else "    "
        if isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for item in value:
                for m, (sub, v) in enumerate(item.items()):
                    lines.append(("      - " if m == 0 else "        ") + f"{sub}: {_scalar(str(v))}")
        else:
            lines.append(f"{lead}{key}: {_scalar(str(value))}")
    return "\n".join(lines) + "\n"


def new_manifest(law: str, title: str, entry: dict, language: str = "zh") -> str:
    """The first manifest of a law a user adds with ``redline import``."""
    head = ("# Made by `redline import`: the facts of this law's history (stages, dates,\n"
            "# sources, sha256). Names, dates and further stages may be edited or added here.\n")
    top = yaml.safe_dump({"law": law, "title": title, "language": language},
                         allow_unicode=True, sort_keys=False, width=1000)
    return head + top + "stages:\n" + _entry_yaml(entry)


def with_stage(text: str, entry: dict) -> str | None:
    """The manifest ``text`` with ``entry`` added at the end of its stages, or None
    when the stages are not its last key (a person's layout is not rewritten).

    >>> print(with_stage("law: x\\nstages:\\n  - id: a\\n", {"id": "b"}), end="")
    law: x
    stages:
      - id: a
      - id: b
    """
    keys = [m.group(1) for line in text.splitlines() if (m := _TOP_KEY.match(line))]
    if not keys or keys[-1] != "stages":
        return None
    return text.rstrip("\n") + "\n" + _entry_yaml(entry)


def titles_differ(text_title: str, law_title: str) -> bool:
    """Whether a text's title names another law than its manifest's title; a
    draft's （草案）, spacing and width aside.

    >>> titles_differ("中华人民共和国动物防疫法（修订草案）", "中华人民共和国动物防疫法")
    False
    >>> titles_differ("中华人民共和国公司法", "中华人民共和国网络安全法")
    True
    """
    def core(t: str) -> str:
        t = norm_key(t)
        return re.sub(r"[(（][^()（）]*草案[^()（）]*[)）]$|草案$", "", t)

    return bool(text_title and law_title) and core(text_title) != core(law_title)


def did_you_mean(word: str, choices: list[str]) -> str:
    """`` (did you mean 'amended'?)`` when a name is close to one that exists.

    >>> did_you_mean("amendd", ["final", "amended"])
    " (did you mean 'amended'?)"
    >>> did_you_mean("zzz", ["final"])
    ''
    """
    close = difflib.get_close_matches(word, choices, n=2, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
