"""Line breaking for the terminal record, by the rules of Chinese typesetting.

rich folds Chinese wherever the width runs out: a line may then open with ，
or 。, a mark ``[-…-]`` may be cut in two, a reference 第二十一条 split, and a
wrapped line looks like a new paragraph. Here a paragraph is cut into atoms
that stay whole, and lines are filled with them:

- a mark's brackets stay with the text they mark (``[-``, ``{+`` with the
  character after; ``-]``, ``+}``, a note's ``[1]`` with the one before);
- a reference (第二十一条, 第二款, 第一百二十条之一) and a Latin word stay whole;
- no line opens with closing punctuation (，。；：、）」”…) and none ends with
  opening punctuation (（「“《);
- lines after the first of a paragraph are indented, so a wrap never reads as a
  paragraph break.

>>> lines("第一条 依照本法第二十一条规定，处罚。", 12)
['第一条 依照', '本法', '第二十一条规', '定，处罚。']
>>> lines("甲乙丙丁戊，己庚。", 10, indent=2)
['甲乙丙丁', '  戊，己', '  庚。']
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from ..errors import has_control, printable
from .styled import NO_WRAP, Styled, paint

#: Marks that may not open a line (closing punctuation, and what ends a mark).
NO_LINE_START = set("，。；：、？！）》」』”’〕】…,.;:?!)]}%")
#: Marks that may not end a line.
NO_LINE_END = set("（《「『“‘〔【([{")
_ATOM = re.compile(
    r"第[零〇一二两三四五六七八九十百千\d]+(?:条之[零〇一二两三四五六七八九十百千\d]+|[条款项目章节编])"
    r"|\[\d+\]"  # a note's marker
    r"|[A-Za-z0-9][A-Za-z0-9'’.,:;%/()-]*"  # a Latin word with its punctuation
    r"|\s+"
    r"|.", re.S)
_OPENERS = ("[-", "{+")
_CLOSERS = ("-]", "+}")
#: Characters that may start an atom longer than themselves (a reference, a mark).
_SPECIAL = frozenset("第[{-+")
#: Between two article numbers (第三条 → 第四条) in titles and lists: it ends a
#: line, with the space before it, and never opens one.
ARROW = "→"


def _atoms(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces a line may be cut between.

    >>> t = "甲[-乙丙-]，丁[1]"
    >>> [t[s:e] for s, e in _atoms(t)]
    ['甲', '[-乙', '丙-]，', '丁[1]']
    >>> t = "第三条 → 第四条"
    >>> [t[s:e] for s, e in _atoms(t)]
    ['第三条 →', ' ', '第四条']
    """
    spans: list[list[int]] = []
    i, n = 0, len(text)
    glue_next = False
    while i < n:
        ch = text[i]
        if ch not in _SPECIAL and not ch.isascii() and not ch.isspace():
            # One character of text, most of a Chinese paragraph: no pattern to try.
            if ch == ARROW and len(spans) > 1 and text[spans[-1][0]:spans[-1][1]].isspace():
                spans.pop()  # "第三条 → 第四条": the arrow stays with what it leaves
                spans[-1][1] = i + 1
            elif spans and (ch in NO_LINE_START or glue_next):
                spans[-1][1] = i + 1
            else:
                spans.append([i, i + 1])
            glue_next = ch in NO_LINE_END
            i += 1
            continue
        if text.startswith(_OPENERS, i):  # an opening mark joins the next atom
            m = _ATOM.match(text, i + 2)
            end = m.end() if m else i + 2
            if spans and (glue_next or text[i + 2:i + 3] in NO_LINE_START):
                spans[-1][1] = end  # {+，…: the mark's first character may not open a line
            else:
                spans.append([i, end])
            glue_next = text[end - 1:end] in NO_LINE_END
            i = end
            continue
        if text.startswith(_CLOSERS, i) and spans:  # a closing mark joins the last
            spans[-1][1] = i + 2
            i += 2
            continue
        m = _ATOM.match(text, i)
        assert m is not None  # _ATOM matches any one character at the least
        s, e = m.start(), m.end()
        piece = text[s:e]
        if spans and (piece[0] in NO_LINE_START or glue_next or piece.startswith("[") and
                      re.fullmatch(r"\[\d+\]", piece)):
            spans[-1][1] = e
        else:
            spans.append([s, e])
        glue_next = piece[-1] in NO_LINE_END
        i = e
    return [(s, e) for s, e in spans]


#: Cells of each piece measured so far.
_WIDTHS: dict[str, int] = {}


def break_points(text: str, width: int, indent: int = 0) -> list[int]:
    """Offsets in ``text`` where lines end, for lines of ``width`` cells; lines
    after the first are ``indent`` cells narrower. Spaces at a break are dropped
    by :func:`lines`.
    """
    if width <= 0 or cell_len(text) <= width:
        return []
    out: list[int] = []
    used = 0
    room = width
    widths = _WIDTHS
    for s, e in _atoms(text):
        piece = text[s:e]
        w = widths.get(piece)
        if w is None:  # pieces repeat (one character, mostly): measured once
            w = widths[piece] = cell_len(piece)
        if used and used + w > room and not piece.isspace():
            out.append(s)
            used = 0
            room = max(1, width - indent)
        if not used and piece.isspace():
            continue
        used += w
    return out


def lines(text: str, width: int, indent: int = 0) -> list[str]:
    """``text`` (one paragraph) cut into lines, continuation lines indented."""
    cuts = [0, *break_points(text, width, indent), len(text)]
    out = [text[a:b].strip() if k else text[a:b].rstrip() for k, (a, b) in enumerate(zip(cuts, cuts[1:]))]
    return [(" " * indent if k else "") + line for k, line in enumerate(out)]


class Wrapped:
    """A styled text broken into lines by these rules at a width; each
    paragraph (``\\n``) starts flush, its continuation lines are indented.
    A width of NO_WRAP does not wrap."""

    def __init__(self, text: Styled, indent: int = 2):
        self.text = text
        self.indent = indent

    def render(self, width: int, color: bool) -> str:
        """The lines, each ended by a newline, in colour or plain; the words made
        printable (never a control character from a text).

        >>> from .styled import Styled
        >>> print(Wrapped(Styled("甲乙丙丁戊，己庚。"), indent=2).render(10, False), end="")
        甲乙丙丁
          戊，己
          庚。
        >>> Wrapped(Styled("甲").append("乙", "redline.ins")).render(10, True)
        '甲\\x1b[4;32m乙\\x1b[0m\\n'
        """
        out: list[str] = []
        pad = " " * self.indent
        for plain, segments in self.text.paragraphs():
            if has_control(plain):  # shown as escapes, which take their width
                segments = [(printable(text), codes) for text, codes in segments]
                plain = "".join(text for text, _ in segments)
            cuts = break_points(plain, width, self.indent) if width < NO_WRAP else []
            bounds = [0, *cuts, len(plain)]
            at, pos = 0, 0  # the segment at hand, and the offset where it starts
            for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
                if k:  # a continuation line drops the spaces it would open with
                    while a < b and plain[a].isspace():
                        a += 1
                while b > a and plain[b - 1].isspace():  # and every line its trailing ones
                    b -= 1
                if k:
                    out.append(pad)
                while at < len(segments) and pos + len(segments[at][0]) <= a:
                    pos += len(segments[at][0])
                    at += 1
                j, p = at, pos
                while j < len(segments) and p < b:
                    text, codes = segments[j]
                    lo, hi = max(a, p) - p, min(b, p + len(text)) - p
                    if hi > lo:
                        piece = text[lo:hi]
                        out.append(paint(piece, codes) if color else piece)
                    p += len(text)
                    j += 1
                out.append("\n")
        return "".join(out)
