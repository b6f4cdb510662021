"""Styled text for the terminal, and the screen it is written to.

A redline in a terminal needs little of what rich offers: runs of text, each
with a style, written as ANSI SGR codes, at a width. rich's console, tables and
theme cost about 40 ms of imports on every run, a seventh of a compare of the
Company Law, so the terminal record is written here; rich still draws the
side-by-side layout's columns (:meth:`Screen.rich`).

Styles are named in :data:`THEME` (``redline.del`` …), each a few words as rich
spells them; a run's style is combined with its text's base style, attributes
added and the later colour winning, and written as rich writes it, so a
terminal sees the same bytes.

>>> t = Styled("第一条", "redline.title").append("  modified", "redline.dim")
>>> t.plain
'第一条  modified'
>>> list(t.paragraphs())
[('第一条  modified', [('第一条', '1'), ('  modified', '1;3')])]
>>> paint("删去", sgr(("redline.del",)))
'\\x1b[9;31m删去\\x1b[0m'
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from typing import Iterable, Iterator

#: The redline's styles. Red and green read on dark and on light backgrounds;
#: the rest is set off by weight and slant, not by a colour one of them washes
#: out (dim magenta on black, cyan on white).
THEME = {
    "redline.del": "red strike",
    "redline.ins": "green underline",
    "redline.title": "bold",
    "redline.kind": "bold",
    "redline.dim": "italic",
    "redline.mechanical": "italic",
    "redline.note": "bold italic",
    "bold": "bold",
}

#: A screen this wide does not wrap (``--width 0``).
NO_WRAP = 10 ** 6

_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4, "blink": 5, "reverse": 7,
               "conceal": 8, "strike": 9}
_COLOURS = {"black": 30, "red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35,
            "cyan": 36, "white": 37}


@lru_cache(maxsize=None)
def sgr(names: tuple[str, ...]) -> str:
    """The SGR parameters of styles named in :data:`THEME`, combined in order:
    attributes in rich's order, then the last colour named.

    >>> sgr(("redline.mechanical", "redline.del")), sgr(()), sgr(("redline.note",))
    ('3;9;31', '', '1;3')
    """
    attributes: set[int] = set()
    colour = None
    for name in names:
        for word in THEME.get(name, name).split():
            if word in _ATTRIBUTES:
                attributes.add(_ATTRIBUTES[word])
            elif word in _COLOURS:
                colour = _COLOURS[word]
    codes = sorted(attributes) + ([colour] if colour else [])
    return ";".join(map(str, codes))


def paint(text: str, codes: str) -> str:
    """``text`` in the style of SGR ``codes``, reset after it (as rich writes a segment)."""
    return f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text


class Styled:
    """A text with a base style over all of it and styled spans, as a rich
    ``Text``: ``Styled("第一条", "redline.title").append(" 删去", "redline.del")``.
    Style names are those of :data:`THEME`."""

    __slots__ = ("_parts", "spans", "base", "_length")

    def __init__(self, text: str = "", style: str = "") -> None:
        self._parts = [text] if text else []
        self._length = len(text)
        self.base = style
        self.spans: list[tuple[int, int, str]] = []

    def __len__(self) -> int:
        return self._length

    @property
    def plain(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def append(self, text: str, style: str = "") -> Styled:
        if text:
            if style:
                self.spans.append((self._length, self._length + len(text), style))
            self._parts.append(text)
            self._length += len(text)
        return self

    def extend(self, other: Styled) -> Styled:
        """``other`` appended, its base style kept as a span over it."""
        at = self._length
        if other.base and len(other):
            self.spans.append((at, at + len(other), other.base))
        self.spans.extend((a + at, b + at, style) for a, b, style in other.spans)
        self._parts.append(other.plain)
        self._length += len(other)
        return self

    @classmethod
    def joined(cls, sep: str, parts: Iterable[Styled]) -> Styled:
        out = cls()
        for k, part in enumerate(parts):
            if k:
                out.append(sep)
            out.extend(part)
        return out

    def paragraphs(self) -> Iterator[tuple[str, list[tuple[str, str]]]]:
        """Each paragraph (a final line break ends the last, as in rich) with
        its segments: (text, SGR codes), cut wherever a span starts or ends, each
        in the base style and the spans over it, in the order they were added.

        >>> t = Styled("甲乙\\n丙丁", "redline.dim").append("戊", "redline.ins")
        >>> list(t.paragraphs())
        [('甲乙', [('甲乙', '3')]), ('丙丁戊', [('丙丁', '3'), ('戊', '3;4;32')])]
        """
        text = self.plain
        pieces = text.split("\n")
        if len(pieces) > 1 and not pieces[-1]:
            pieces.pop()
        at = 0
        for piece in pieces:
            a, b = at, at + len(piece)
            at = b + 1
            yield piece, self._segments(text, a, b)

    def _segments(self, text: str, a: int, b: int) -> list[tuple[str, str]]:
        base = (self.base,) if self.base else ()
        spans = [(k, max(s, a), min(e, b)) for k, (s, e, _) in enumerate(self.spans) if s < b and e > a]
        if not spans:
            return [(text[a:b], sgr(base))] if b > a else []
        points = sorted({a, b, *(s for _, s, _ in spans), *(e for _, _, e in spans)})
        out = []
        for x, y in zip(points, points[1:]):
            names = base + tuple(self.spans[k][2] for k, s, e in spans if s <= x and e >= y)
            out.append((text[x:y], sgr(names)))
        return out


def _size_from_terminal(environ) -> int:
    columns = environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns):
        return int(columns)
    for fd in (0, 1, 2):  # as rich asks: any of the three that is a terminal
        try:
            width = os.get_terminal_size(fd).columns
        except (OSError, ValueError, AttributeError):
            continue
        if width:
            return width
    return 80


def _is_terminal(file, environ) -> bool:
    """Whether ``file`` takes colour codes, as rich decides it: TTY_COMPATIBLE,
    then FORCE_COLOR, then whether it is a terminal; never a dumb one."""
    if environ.get("TERM", "").strip().lower() in ("dumb", "unknown"):
        return False
    if environ.get("TTY_COMPATIBLE") in ("0", "1"):
        return environ["TTY_COMPATIBLE"] == "1"
    if "FORCE_COLOR" in environ:
        return environ["FORCE_COLOR"] != ""
    try:
        return bool(file.isatty())
    except (AttributeError, ValueError):
        return False


class Screen:
    """Where the terminal record goes: a file (standard output by default), a
    width in cells, and colour on or off.

    ``color=None`` decides as rich does: off under NO_COLOR, on for a terminal
    (or FORCE_COLOR). ``width=None`` is the terminal's (COLUMNS first), 80 when
    there is none; 0 does not wrap.
    """

    def __init__(self, file=None, color: bool | None = None, width: int | None = None,
                 environ=None) -> None:
        environ = os.environ if environ is None else environ
        self._file = file
        if color is None:
            color = not environ.get("NO_COLOR") and _is_terminal(self.file, environ)
        self.color = color
        self.width = NO_WRAP if width == 0 else (width or _size_from_terminal(environ))
        self._rich = None

    @property
    def file(self):
        return self._file if self._file is not None else sys.stdout

    def rich(self):
        """A rich console on the same file, width and colour, for what rich draws
        here (the side-by-side layout's columns); made when first asked for."""
        if self._rich is None:
            from .rich_console import make_rich_console

            self._rich = make_rich_console(self._file, self.color, self.width)
        return self._rich
