"""Translate: an English translation that follows a law from stage to stage.

    file (.md, .txt, .docx, .html) -> Translation (:mod:`.document`: articles,
        each with the fingerprint of the Chinese it translates)
    Comparison (Chinese) + Translation of OLD -> Translation of NEW (:mod:`.carry`:
        carried, stale or new, English references renumbered by :mod:`.references`)
    Stage + Translation -> what is stale, missing or unfingerprinted (:mod:`.status`)
    Comparison (Chinese) + two Translations -> Comparison (English), each entry
        saying whether the law changed or only the translation's wording
        (:mod:`.annotated`), for every renderer

The Chinese decides: which article became which, and what changed, is read from
the Chinese comparison only; the English is never aligned on its own.
"""

from .._lazy import lazy_exports

_EXPORTS = {"Translation": "document", "read_translation": "document",
            "fingerprint": "document", "carry": "carry", "status": "status",
            "annotate": "annotated"}

__all__ = list(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
