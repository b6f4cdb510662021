"""A statute published as an HTML page: one paragraph per ``<p>``.

The page's block elements (``p``, ``h1``–``h6``, ``div``, ``li``, ``br``-separated
runs) become lines; script and style contents are skipped; the lines then go
through the same line parser as plain text.

>>> html_to_lines('<h1>某法</h1><p>第一条&nbsp;总则<br>第二款</p><script>x()</script>')
['某法', '第一条\\xa0总则', '第二款']
"""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "li", "tr", "br", "title",
          "section", "article", "blockquote", "td"}
SKIP = {"script", "style", "head", "noscript", "template"}


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self._in_title = False

    def _flush(self) -> None:
        text = "".join(self.buf).strip()
        if text:
            self.lines.append(text)
        self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        if not self.skip:
            self.buf.append(data.replace("\n", " "))


#: Unclosed ``<`` a page may have before they are written as text: a real page
#: has a few (a < in a script); Python's html.parser rescans the rest of the
#: page at each one, so thousands of them (75 KB of ``<a ``) took 75 s.
UNCLOSED_MAX = 100


def defuse_html(html: str) -> str:
    """``html`` with its unclosed ``<`` written as ``&lt;`` where there are more
    than :data:`UNCLOSED_MAX` of them: a ``<`` whose next bracket is another ``<``
    (or none) opens no tag. One pass from the end; a page with few is untouched.

    >>> defuse_html("<p>甲</p>" + "<a " * 3) == "<p>甲</p>" + "<a " * 3
    True
    >>> import redline.read.html as h; h.UNCLOSED_MAX = 1
    >>> defuse_html("<p>甲</p><a <a ")
    '<p>甲</p>&lt;a &lt;a '
    >>> h.UNCLOSED_MAX = 100
    """
    unclosed = []
    next_bracket = ""
    for k in range(len(html) - 1, -1, -1):
        ch = html[k]
        if ch == "<":
            if next_bracket != ">":
                unclosed.append(k)
            next_bracket = "<"
        elif ch == ">":
            next_bracket = ">"
    if len(unclosed) <= UNCLOSED_MAX:
        return html
    parts, last = [], 0
    for k in reversed(unclosed):
        parts += [html[last:k], "&lt;"]
        last = k + 1
    parts.append(html[last:])
    return "".join(parts)


def html_to_lines(html: str) -> list[str]:
    p = _Lines()
    p.feed(defuse_html(html))
    p.close()
    p._flush()
    return p.lines
