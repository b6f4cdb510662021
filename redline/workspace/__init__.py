"""The workspace: a drafts folder of laws, each a manifest of its stages.

    drafts/LAW/manifest.yaml + sources -> stages (:mod:`.drafts`: resolve
        ``final``, ``LAW@STAGE`` or a file; import a source, pinned by sha256)
    -> a law's lineage of one article (:mod:`.history`)
    -> ``redline check`` (:mod:`.check`: manifests, stage files, annotations
       still anchored, decisions that still make their stages) and the read-back
       of a published redline (:mod:`.verify_redline`: every article of both
       texts, whole, once)
"""
