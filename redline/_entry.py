"""The ``redline`` console script, before anything heavy is imported.

A Ctrl-C while Python imports click and rich would end in a traceback: until
:mod:`redline.cli` is loaded, SIGINT leaves at once with status 130.
"""

import os
import signal


def run() -> None:
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    from .cli import run as cli_run

    signal.signal(signal.SIGINT, signal.default_int_handler)
    # SIGTERM (a CI job cancelled, a container stopped) ends the run as an
    # exception does, so a file being written leaves no temporary file behind.
    signal.signal(signal.SIGTERM, _terminated)
    cli_run()


def _terminated(signum, frame):
    raise SystemExit(128 + signum)
