"""Errors that end a command with a message and an exit code (click's habit)."""

import re


class RedlineError(Exception):
    """Trouble the user can fix: one line of message, exit code 2 by default.

    The message says what went wrong and, where there is one, the fix.
    """

    exit_code = 2

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


class ParseError(RedlineError):
    """A source text that cannot be read as a statute."""


#: What a terminal would act on: C0 controls but newline and tab, DEL, C1.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def has_control(text: str) -> bool:
    """Whether :func:`printable` would change ``text``."""
    return _CONTROL.search(text) is not None


def printable(text: str) -> str:
    """``text`` fit for a terminal: control characters (ESC, OSC 52 and 8, CSI,
    C1 codes; everything but newline and tab) shown as escapes, never sent. A
    stage file, an annotation, an instrument or a file name may carry them, and
    a terminal would act on them (set the clipboard, rewrite the screen).

    >>> printable("第一条\\x1b]52;c;cm0gLXJmIH4=\\x07甲\\n乙")
    '第一条\\\\x1b]52;c;cm0gLXJmIH4=\\\\x07甲\\n乙'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
