"""What rich still draws for the terminal: the side-by-side layout's two
columns. Imported only for that layout (rich's console costs ~40 ms to load).
"""

from __future__ import annotations

from rich.console import Console, RenderHook
from rich.text import Text
from rich.theme import Theme

from ..errors import printable
from .styled import NO_WRAP, THEME, Styled


class _Console(Console):
    """rich's Console, except that a closed standard output is an error to report.

    rich ends the process with status 1 and not a word when the reader goes
    away; the command then could not write its output, which is exit 2.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(32, "Broken pipe")


class _Printable:
    """A renderable whose words reach the terminal without control characters
    (printable()): rich's own colour codes are segments of their own and stay."""

    def __init__(self, renderable) -> None:
        self.renderable = renderable

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        for seg in console.render(self.renderable, options):
            yield seg if seg.control else Segment(printable(seg.text), seg.style)


class _PrintableHook(RenderHook):
    def process_renderables(self, renderables):
        return [_Printable(r) for r in renderables]


def make_rich_console(file, color: bool, width: int) -> Console:
    """A rich console for the redline's styles on ``file``, colour on or off."""
    kwargs = {"theme": Theme(THEME), "file": file, "highlight": False,
              "width": width if width < NO_WRAP else None, "soft_wrap": False}
    if color:
        kwargs.update(force_terminal=True, color_system="truecolor")
    else:
        kwargs.update(no_color=True, color_system=None)
    console = _Console(**kwargs)
    # Whatever a stage file, an annotation or an instrument says is printed,
    # never obeyed: OSC 52 (clipboard), OSC 8, CSI sequences shown as escapes.
    console.push_render_hook(_PrintableHook())
    return console


def to_text(styled: Styled) -> Text:
    """The same text as a rich ``Text``, spans and all."""
    text = Text(styled.plain, style=styled.base, overflow="fold")
    for start, end, style in styled.spans:
        text.stylize(style, start, end)
    return text
