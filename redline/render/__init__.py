"""Renderers: each consumes a :class:`~redline.compare.Comparison` and nothing else."""
