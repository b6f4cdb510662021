"""``--format plain``: the redline as a text record that can be checked.

Every entry, unchanged ones included, under a header that names its articles on
both sides (``2(part)``: a part of old 第二条, whose own entry holds it whole);
then its text, a paragraph a line, with ``[-removed-]`` and
``{+added+}`` marks. A paragraph break only one side has is ``[-¶-]`` (the old
text's: the new joins the paragraphs) or ``{+¶+}`` (the new text's). Notes are
left out: this is the text, whole, and ``redline check --redline FILE --old A
--new B`` reads it back, entry by entry, against the two stages.

::

    redline plain: 中华人民共和国网络安全法: final → amended
    @@ old 18 | new 19 @@ 第十八条 → 第十九条  modified
    国家鼓励开发网络数据安全保护和利用技术，……
    [-国家支持创新网络安全管理方式，运用网络新技术，提升网络安全保护水平。-]
"""

from __future__ import annotations

from ..diff.comparison import Comparison
from ..diff.textdiff import DELETE, INSERT
from .common import entry_title, split_destinations

#: The first line's opening: what tells this record from other marked text.
HEADER = "redline plain: "


def render_plain(c: Comparison) -> str:
    title = c.new.title or c.old.title or c.new.law
    out = [f"{HEADER}{title}: {c.old.stage} → {c.new.stage}"]
    for e in c.entries:
        old = ",".join(str(n.to_json()) + ("(part)" if e.part_of(n) else "") for n in e.old) or "—"
        new = ",".join(str(n.to_json()) for n in e.new) or "—"
        went = split_destinations(e)  # where a part of it went: no text of it is lost
        out.append(f"@@ old {old} | new {new} @@ {entry_title(e)}  {e.kind}"
                   + (f"  ({went})" if went else ""))
        out.append(marked(e.diff))
    return "\n".join(out) + "\n"


def marked(ops) -> str:
    """The diff with its marks; a line break inside a mark is that side's alone.

    >>> marked([(0, "甲"), (-1, "\\n"), (0, "乙"), (1, "丙。\\n"), (0, "丁")])
    '甲[-¶-]乙{+丙。\\n+}丁'
    >>> marked([(0, "甲。"), (1, "\\n"), (0, "乙")])
    '甲。{+¶+}\\n乙'
    """
    parts = []
    for op, text in ops:
        if op == DELETE:
            parts.append("[-¶-]" if not text.strip("\n") else f"[-{text}-]")
        elif op == INSERT:
            parts.append("{+¶+}\n" if not text.strip("\n") else f"{{+{text}+}}")
        else:
            parts.append(text)
    return "".join(parts)
