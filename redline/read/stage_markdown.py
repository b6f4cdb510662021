"""A stage written out as markdown in the corpus shape.

``# title``, the history lines, ``<!-- INFO END -->``, then ``## 第X章``
headings (``###`` for what lies under a chapter) and one paragraph per line,
blank lines between, each article opening with its label and a space. This is
the shape :mod:`redline.read` reads best, so a written stage reads back the
same, article by article.

>>> from redline.read import parse_text
>>> st, _ = parse_text("# 示例法\\n<!-- INFO END -->\\n## 第一章 总则\\n第一条 甲：\\n（一）乙；\\n（二）丙。\\n")
>>> print(stage_markdown(st))
# 示例法
<BLANKLINE>
<!-- INFO END -->
<BLANKLINE>
## 第一章 总则
<BLANKLINE>
第一条 甲：
<BLANKLINE>
（一）乙；
<BLANKLINE>
（二）丙。
<BLANKLINE>
"""

from __future__ import annotations

import re

from ..model import Stage

#: Markdown heading depth of each kind of division.
_DEPTH = {"part": 2, "subpart": 2, "chapter": 2, "section": 3, "annex": 2, "heading": 2}


def stage_markdown(stage: Stage) -> str:
    out = [f"# {stage.title}", ""] if stage.title else []
    for line in stage.history:
        out += [line, ""]
    out += ["<!-- INFO END -->", ""]
    for line in stage.stray_lines:  # a preamble, or lines no article took: kept, first
        out += [line if line.startswith("#") or not re.match(r"^序\s*言$", line) else f"## {line}", ""]
    position = {d.id: k for k, d in enumerate(stage.divisions)}
    written = -1  # headings up to this index are out

    def headings_up_to(k: int) -> None:
        nonlocal written
        for d in stage.divisions[written + 1:k + 1]:
            depth = _DEPTH.get(d.kind, 2)
            if d.kind == "chapter" and "__" in d.id:  # a chapter under a part
                depth = 3
            if d.kind == "section" and d.id.count("__") > 1:
                depth = 4
            out.extend([f"{'#' * depth} {d.heading}", ""])
            for line in d.lines:
                out.extend([line, ""])
        written = max(written, k)

    notes: dict[str, list[str]] = {}  # the editor's footnotes, after the article they follow
    for f in stage.footnotes:
        notes.setdefault(f.get("article", ""), []).append(f["text"])
    for a in stage.articles:
        if a.division in position and position[a.division] > written:
            headings_up_to(position[a.division])
        first, *rest = a.lines or [""]
        out.extend([f"{a.label} {first}".rstrip(), ""])
        for line in rest + notes.pop(a.label, []):
            out.extend([line, ""])
    headings_up_to(len(stage.divisions) - 1)
    for lines in notes.values():  # of an article no longer there
        for line in lines:
            out.extend([line, ""])
    return "\n".join(out)
