"""English citations of a law's own articles, renumbered as the Chinese renumbered them.

A translation cites articles as translators write them: ``Article 21``,
``Articles 21 and 22``, ``Articles 43 to 45``, ``Article 24(1)``,
``paragraph 1 of Article 24``, ``Article 21-1``. A citation of another law
(``Article 21 of the Criminal Law``) is left alone; ``of this Law`` is this law's.

>>> from redline.numbering import ArticleNumber as N
>>> text, met = renumber("under Articles 21 and 22 and Article 24(1), not Article 21 of the "
...                      "Criminal Law", {N(21): N(23), N(24): N(26)})
>>> text, sorted(str(n) for n in met)
('under Articles 23 and 22 and Article 26(1), not Article 21 of the Criminal Law', ['21', '24'])
>>> renumber("Articles 43 to 45", {N(43): N(45), N(45): N(47)})[0]
'Articles 45 to 47'
"""

from __future__ import annotations

import re

from ..numbering import ArticleNumber

_NUM = r"\d+(?:-\d+)?"
_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[–—]\s*)"
#: "Article(s)" and the list of numbers after it.
CITATION_RE = re.compile(rf"(?<![A-Za-z])(Articles?\s+)({_NUM}(?:{_JOIN}(?:Articles?\s+)?{_NUM})*)")
_NUMBER_IN = re.compile(_NUM)
#: What makes a citation another law's: "of the Criminal Law", "of the Law on …".
_OTHER_LAW = re.compile(r"^(?:\s*\(\d+\))*(?:,?\s*(?:paragraph|item)\s+\(?\d+\)?)*\s+of\s+(?!this\b)"
                        r"(?:the\s+)?[A-Z\"“]")


def _number(token: str) -> ArticleNumber:
    """``"21-1"`` is 第二十一条之一; ``"43-45"`` (second larger) is not a number but a range."""
    main, _, sub = token.partition("-")
    return ArticleNumber(int(main), int(sub) if sub else 0)


def _tokens(token: str) -> list[str]:
    """The article numbers a token names: "21-1" one, "43-45" (a range) two."""
    main, _, sub = token.partition("-")
    if sub and int(sub) > int(main):
        return [main, sub]
    return [token]


def citations(text: str) -> list[ArticleNumber]:
    """This law's articles ``text`` cites, in order.

    >>> [str(n) for n in citations("Articles 43-45 and Article 21-1; Article 9 of the Civil Code")]
    ['43', '45', '21-1']
    """
    out: list[ArticleNumber] = []
    for m in CITATION_RE.finditer(text):
        if _OTHER_LAW.match(text[m.end():]):
            continue
        for tok in _NUMBER_IN.findall(m.group(2)):
            out.extend(_number(t) for t in _tokens(tok))
    return out


def renumber(text: str, mapping: dict[ArticleNumber, ArticleNumber]) -> tuple[str, set[ArticleNumber]]:
    """``text`` with each citation of an article in ``mapping`` renumbered, in one
    pass (so 43 → 45 and 45 → 47 never chain); and the old numbers it met."""
    met: set[ArticleNumber] = set()

    def one(tok: str) -> str:
        parts = _tokens(tok)
        new = []
        for t in parts:
            n = _number(t)
            if n in mapping:
                met.add(n)
                new.append(str(mapping[n]))
            else:
                new.append(t)
        return "-".join(new) if len(parts) > 1 else new[0]

    def cite(m: re.Match) -> str:
        if _OTHER_LAW.match(m.string[m.end():]):
            return m.group(0)
        return m.group(1) + _NUMBER_IN.sub(lambda k: one(k.group(0)), m.group(2))

    return CITATION_RE.sub(cite, text), met
