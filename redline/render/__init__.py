"""Renderers: each consumes a :class:`~redline.diff.comparison.Comparison` and nothing else.

They are registered in one table, :data:`RENDERERS` (name -> module and function),
so a new format is one row, and the command line offers exactly what is there.
Modules are imported when a format is asked for: the command starts fast.

>>> sorted(RENDERERS)
['changes', 'docx', 'html', 'json', 'markdown', 'pdf', 'plain', 'table']
"""

from __future__ import annotations

from importlib import import_module

#: name -> (module under redline.render, function(Comparison, **options) -> str).
#: The terminal renderer is not here: it writes to a console, not a string.
RENDERERS: dict[str, tuple[str, str]] = {
    "json": ("json", "render_json"),
    "html": ("html", "render_html"),
    "changes": ("changes", "render_changes"),
    "plain": ("plain", "render_plain"),
    "markdown": ("markdown", "render_markdown"),
    "table": ("table", "render_table"),
    "docx": ("docx", "render_docx"),
    "pdf": ("pdf", "render_pdf"),
}


def render(name: str, comparison, **options) -> str | bytes:
    """The comparison in format ``name``; options a renderer does not take are ignored."""
    import inspect

    # HTML to paste into a page (``--fragment``) is a form of html, made apart.
    module, function = ("fragment", "render_fragment") if name == "html" and options.get("fragment") \
        else RENDERERS[name]
    fn = getattr(import_module(f"{__name__}.{module}"), function)
    accepted = inspect.signature(fn).parameters
    return fn(comparison, **{k: v for k, v in options.items() if k in accepted})
