"""Names a package exports, imported on first use: the command line starts fast,
and a package's ``__init__`` imports none of its modules (no cycle can form)."""

from __future__ import annotations

import importlib
from typing import Any, Callable


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: name -> the submodule that holds it.

    >>> getattr_ = lazy_exports("redline", {"Stage": "model"})
    >>> getattr_("Stage").__name__
    'Stage'
    """
    def __getattr__(name: str) -> Any:
        if name in exports:
            return getattr(importlib.import_module(f".{exports[name]}", package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return __getattr__
