"""Diff: two stages in, one :class:`Comparison` out (the compare step of the
pipeline; named ``diff`` so that ``from redline import compare`` is the function).

    Stage, Stage -> align (which article became which: :mod:`.align`)
                 -> textdiff (what changed inside each: :mod:`.textdiff`)
                 -> Comparison (:mod:`.comparison`), with its typed parts
                    (:mod:`.parts`), the headings paired (:mod:`.structure`),
                    references checked (:mod:`.references`) and notes anchored
                    (:mod:`.annotations`)

The Comparison is the one form every renderer reads (:mod:`redline.render`);
it is checked where it is built: every character of both texts is in it once.
Names here are loaded on first use, so a command that needs none starts fast.

>>> from redline.diff import compare, Comparison
>>> compare.__module__
'redline.diff.comparison'
"""

from .._lazy import lazy_exports

_EXPORTS = {"compare": "comparison", "Comparison": "comparison", "Entry": "comparison",
            "StageInfo": "comparison", "ConservationError": "comparison", "Kind": "align",
            "AlignSettings": "align", "diff_texts": "textdiff", "DiffOp": "textdiff"}

__all__ = list(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS)
