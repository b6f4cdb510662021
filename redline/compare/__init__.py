"""Compare: two stages in, one :class:`Comparison` out.

    Stage, Stage -> align (which article became which: :mod:`.align`)
                 -> textdiff (what changed inside each: :mod:`.textdiff`)
                 -> Comparison (:mod:`.comparison`), with its typed parts
                    (:mod:`.parts`), the headings paired (:mod:`.structure`),
                    references checked (:mod:`.references`) and notes anchored
                    (:mod:`.annotations`)

The Comparison is the one form every renderer reads (:mod:`redline.render`);
it is checked where it is built: every character of both texts is in it once.
Names here are loaded on first use, so a command that needs none starts fast.

>>> from redline.compare import compare, Comparison
>>> compare.__module__
'redline.compare.comparison'
"""

_EXPORTS = {"compare": "comparison", "Comparison": "comparison", "Entry": "comparison",
            "StageInfo": "comparison", "ConservationError": "comparison", "Kind": "align",
            "AlignSettings": "align", "diff_texts": "textdiff", "DiffOp": "textdiff"}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'redline.compare' has no attribute {name!r}")
