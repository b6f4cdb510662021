"""Writing files so that nothing is lost: atomic replace, and no silent overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import RedlineError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str, *, force: bool = False) -> bool:
    """Write ``text`` to ``path`` via a temp file and rename; never half-written.

    Returns False (and writes nothing) when the file already holds exactly
    ``text``. Raises when it holds something else, unless ``force``: someone may
    have edited it.
    """
    path = Path(path)
    try:
        return _write(path, text, force)
    except (FileExistsError, NotADirectoryError) as e:  # mkdir met a file on the way
        raise RedlineError(f"{e.filename or path}: is a file, not a folder; "
                           f"cannot write {path}") from None
    except OSError as e:  # no permission, disk full, …
        raise RedlineError(f"{e.filename or path}: cannot write {path} "
                           f"({e.strerror or e})") from None


def _write(path: Path, text: str, force: bool) -> bool:
    if path.exists():
        if path.read_text(encoding="utf-8", errors="replace") == text:
            return False
        if not force:
            raise RedlineError(f"{path}: exists and differs from what would be written; "
                               "use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes 0600 files; give the file the mode a plain open() would,
        # or the existing file's, so a published page stays readable.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
