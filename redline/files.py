"""Writing files so that nothing is lost: atomic replace, and no silent overwrite.

An output target is a regular file or nothing yet. A device (``/dev/null``,
``/dev/full``), a FIFO, a socket or a folder is refused: replacing it would
destroy it, and reading it to compare could hang or never end. An existing file
is compared by size, then by a hash read in blocks, never by reading it whole.
A symbolic link is followed: the file it points to is replaced, only with
``--force``, and the message says so; the link itself stays.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import RedlineError

#: Bytes read at a time when an existing target is hashed.
BLOCK = 1 << 16


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def same_content(path: Path, data: bytes) -> bool:
    """Does the regular file ``path`` hold exactly ``data``? Streams the file."""
    if path.stat().st_size != len(data):
        return False
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(BLOCK):
            h.update(block)
    return h.digest() == hashlib.sha256(data).digest()


def atomic_write(path: Path, text: str | bytes, *, force: bool = False, make_folders: bool = True) -> bool:
    """Write ``text`` to ``path`` via a temp file and rename; never half-written.

    Returns False (and writes nothing) when the file already holds exactly
    ``text``. Raises when it holds something else, unless ``force``: someone may
    have edited it. ``make_folders``: create the folders on the way (for the
    project's own files); an output path a person typed gets none made for it,
    as a mistyped folder would otherwise appear without a word.
    """
    path = Path(path)
    if not make_folders and not path.parent.is_dir():
        what = "is a file, not a folder" if path.parent.exists() else "no such folder"
        raise RedlineError(f"{path.parent}: {what}; cannot write {path}")
    try:
        return _write(path, text if isinstance(text, bytes) else text.encode("utf-8"), force)
    except (FileExistsError, NotADirectoryError) as e:  # mkdir met a file on the way
        raise RedlineError(f"{e.filename or path}: is a file, not a folder; "
                           f"cannot write {path}") from None
    except OSError as e:  # no permission, disk full, …
        raise RedlineError(f"{e.filename or path}: cannot write {path} "
                           f"({e.strerror or e})") from None


def _kind(mode: int) -> str | None:
    """What a non-regular target is, in words; None for a regular file."""
    for test, word in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return word
    return None if stat.S_ISREG(mode) else "not a regular file"


def _write(path: Path, data: bytes, force: bool) -> bool:
    target = path
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            # A dangling link: writing through it would make the file, and any
            # folders on the way, wherever the link happens to point.
            raise RedlineError(f"{path}: is a symbolic link to {target}, which does not exist; "
                               "remove the link or write elsewhere")
        if target.exists() and not force:
            raise RedlineError(f"{path}: is a symbolic link to {target}; use --force to "
                               "replace the file it points to (the link stays)")
    try:
        st = target.stat()
    except (FileNotFoundError, NotADirectoryError):  # nothing there yet (mkdir says why)
        st = None
    if st is not None:
        kind = _kind(st.st_mode)
        if kind:
            raise RedlineError(f"{path}: is {kind}, not a regular file; write to a file, "
                               "or to standard output with -o -")
        if same_content(target, data):
            return False
        if not force:
            raise RedlineError(f"{path}: exists and differs from what would be written; "
                               "use --force to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        # mkstemp makes 0600 files; give the file the mode a plain open() would,
        # or the existing file's, so a published page stays readable.
        mode = st.st_mode & 0o777 if st is not None else 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
