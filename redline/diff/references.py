"""Cross-references inside a law's text, and references a revision left behind.

Contents
    Reference          one reference found in a text
    find_references    本法第二十一条, 第二十四条第一款, 第四十三条至第四十五条, 前款, Article 21
    check_references   references in the new text that point nowhere, or to the wrong article

A reference inside quotation of another law (《中华人民共和国民法典》第一千零三十四条)
is external: it does not follow this law's numbering and is never checked.

>>> [(r.kind, str(r.article), r.to and str(r.to)) for r in find_references(
...     "违反本法第二十二条第三款、第四十一条至第四十三条规定，依照前款规定处罚")]
[('article', '22', None), ('range', '41', '43'), ('relative', 'None', None)]
>>> find_references("依照《中华人民共和国行政处罚法》第三十二条的规定")[0].external
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parts import ReferenceIssue
from ..numbering import NUMBER_RE, ArticleNumber, cn_to_int

N = NUMBER_RE
_CN = re.compile(
    rf"(?P<range>第(?P<a1>{N})条(?:之(?P<s1>{N}))?至第(?P<a2>{N})条(?:之(?P<s2>{N}))?)"
    rf"|(?P<art>第(?P<a>{N})条(?:之(?P<s>{N}))?(?:第(?P<p>{N})款)?(?:第(?P<i>{N})项)?)"
    rf"|(?P<rel>前(?:{N})?款|本条第(?:{N})款|本款|本条)"
)
_EN = re.compile(r"\bArticles?\s+(?P<a>\d+)(?:-(?P<s>\d+))?(?:\s*(?:to|through)\s*(?P<a2>\d+))?")
#: How far back (characters) a 《law title》 makes a reference external.
EXTERNAL_WINDOW = 30


@dataclass
class Reference:
    text: str
    start: int
    end: int
    kind: str  # "article", "range", "relative"
    article: ArticleNumber | None = None
    to: ArticleNumber | None = None  # last article of a range
    paragraph: int | None = None
    item: int | None = None
    external: bool = False

    def targets(self) -> list[ArticleNumber]:
        """Articles it points at (the two ends of a range)."""
        return [n for n in (self.article, self.to) if n is not None]


def _num(main: str | None, sub: str | None) -> ArticleNumber | None:
    if main is None:
        return None
    return ArticleNumber(cn_to_int(main), cn_to_int(sub) if sub else 0)


def _external(text: str, start: int) -> bool:
    """Cites another law: 《…》 earlier in the clause, or a law's name right
    before it (宪法第八十九条), and no 本法 in between.

    >>> _external("宪法第八十九条", 2), _external("本法第八条", 2), _external("《民法典》和本法第八条", 8)
    (True, False, False)
    """
    before = text[max(0, start - EXTERNAL_WINDOW):start]
    cut = max(before.rfind("，"), before.rfind("；"), before.rfind("。"))
    clause = before[cut + 1:]
    if before.endswith("法") and not before.endswith("本法"):
        return True
    return "》" in clause and "本法" not in clause[clause.rfind("》"):]


def find_references(text: str, language: str = "zh") -> list[Reference]:
    out: list[Reference] = []
    if language != "zh":
        for m in _EN.finditer(text):
            a = ArticleNumber(int(m.group("a")), int(m.group("s") or 0))
            to = ArticleNumber(int(m.group("a2"))) if m.group("a2") else None
            out.append(Reference(m.group(0), m.start(), m.end(), "range" if to else "article", a, to))
        return out
    for m in _CN.finditer(text):
        if m.group("range"):
            ref = Reference(m.group(0), m.start(), m.end(), "range", _num(m.group("a1"), m.group("s1")),
                            _num(m.group("a2"), m.group("s2")))
        elif m.group("art"):
            ref = Reference(m.group(0), m.start(), m.end(), "article", _num(m.group("a"), m.group("s")),
                            paragraph=cn_to_int(m.group("p")) if m.group("p") else None,
                            item=cn_to_int(m.group("i")) if m.group("i") else None)
        else:
            ref = Reference(m.group(0), m.start(), m.end(), "relative")
        ref.external = ref.kind != "relative" and _external(text, m.start())
        out.append(ref)
    return out


def check_references(old_text: str, new_text: str, new_numbers: set[ArticleNumber],
                     mapping: dict[ArticleNumber, set[ArticleNumber]],
                     language: str = "zh") -> list[ReferenceIssue]:
    """Problems with the references of one entry's new text.

    ``mapping`` sends old numbers to what they became. A reference must point
    at an article that exists. One that cites the same number as before,
    while the old article of that number moved or went, and that is not what
    any old reference became, was left behind by the renumbering.

    >>> m = {ArticleNumber(5): {ArticleNumber(6)}, ArticleNumber(6): {ArticleNumber(7)}}
    >>> new = {ArticleNumber(n) for n in range(1, 8)}
    >>> check_references("依照第五条", "依照第六条", new, m)
    []
    >>> [p.problem for p in check_references("依照第五条", "依照第五条", new, m)]
    ['stale']
    >>> [p.problem for p in check_references("", "依照第九条", new, m)]
    ['missing']
    """
    def internal(text: str) -> list[Reference]:
        return [r for r in find_references(text, language) if not r.external and r.kind != "relative"]

    old_targets = {t for r in internal(old_text) for t in r.targets()}
    followed = {n for t in old_targets for n in mapping.get(t, ())}
    problems = []
    for ref in internal(new_text):
        for target in ref.targets():
            if target not in new_numbers:
                problems.append(ReferenceIssue(ref.text, "missing",
                                               f"there is no article {target} in the new text"))
            elif (target not in followed and target in old_targets and target in mapping
                  and target not in mapping[target]):
                went = sorted(mapping[target])
                problems.append(ReferenceIssue(
                    ref.text, "stale" if went else "deleted",
                    (f"cites {target} as before, but the old article {target} is now "
                     + ", ".join(str(n) for n in went)) if went else
                    f"cites {target} as before, but the old article {target} was deleted"))
    return problems
