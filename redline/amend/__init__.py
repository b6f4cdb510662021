"""Amend: the NPC's amendment instruments (修改决定, 修正案), read and executed.

    instrument text -> parse (:func:`parse_decision`: items and their actions,
                       by the rule table of :mod:`.rules`)
                    -> apply (:func:`apply_decision`, :func:`apply_all`: the old
                       stage amended, item by item, each whole or not at all)
                    -> verify (:func:`verify`: apply, then compare with the
                       stage the instrument claims to make)
                    -> tie (:func:`tie`: which item makes each change of a
                       Comparison)

The executor's working parts (:mod:`.execute`, :mod:`.text`, :mod:`.numbers`,
:mod:`.headings`, :mod:`.preamble`, :mod:`.quotes`) are this package's own:
modules outside it take what they need from here.
"""

from .._lazy import lazy_exports

_EXPORTS = {"parse_decision": "decision", "account": "decision", "Decision": "instrument",
            "Item": "instrument", "Action": "instrument", "apply_decision": "execute",
            "apply_all": "execute", "verify": "verify_decision", "tie": "ties"}

__all__ = list(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS)
