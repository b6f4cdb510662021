"""Errors that end a command with a message and an exit code (click's habit)."""


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
