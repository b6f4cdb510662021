"""The tree shows the pipeline: read -> diff (compare) -> render, and parse instrument ->
apply -> verify in amend/. What holds it that way."""

import re
import types
from pathlib import Path

import pytest

import redline
import redline.amend
import redline.diff

ROOT = Path(__file__).resolve().parent.parent / "redline"


@pytest.mark.parametrize("package", [redline, redline.amend, redline.diff],
                         ids=["redline", "redline.amend", "redline.diff"])
def test_public_names_are_what_they_say_never_a_submodule(package):
    # redline.amend.verify once gave the module verify.py, not the function.
    import importlib

    for name in package.__all__:
        if name == "__version__":
            continue
        for sub in ("verify_decision", "execute", "ties", "comparison", "align"):
            try:
                importlib.import_module(f"{package.__name__}.{sub}")
            except ModuleNotFoundError:
                pass
        value = getattr(package, name)
        assert not isinstance(value, types.ModuleType), f"{package.__name__}.{name} is a module"


def test_no_module_outside_amend_imports_its_internals():
    found = []
    for path in ROOT.rglob("*.py"):
        if path.parent.name == "amend":
            continue
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*from \.+amend\.\w+ import|\s*import redline\.amend\.", line):
                found.append(f"{path.relative_to(ROOT)}:{k}: {line.strip()}")
    assert found == []


def test_the_comparison_and_readers_import_nothing_of_the_later_stages():
    """read/ knows nothing of diff/, render/, amend/ or the workspace; diff/
    nothing of render/, amend/ or the workspace; render/ nothing of amend/."""
    later = {"read": ("diff", "render", "amend", "workspace", "cli"),
             "diff": ("render", "amend", "workspace", "cli"),
             "render": ("amend", "workspace", "cli")}
    found = []
    for package, banned in later.items():
        for path in (ROOT / package).rglob("*.py"):
            for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = re.match(r"\s*from \.\.(\w+)", line)
                if m and m.group(1) in banned:
                    found.append(f"{package}/{path.name}:{k}: {line.strip()}")
    assert found == []


def test_from_redline_import_compare_gives_the_function():
    """The package that compares is ``redline.diff``: no subpackage shadows the
    function, whatever was imported before."""
    import redline.diff.comparison  # noqa: F401
    from redline import book, compare

    assert callable(compare) and compare.__module__ == "redline.diff.comparison"
    assert callable(book) and book.__module__ == "redline.statute_book.run"
