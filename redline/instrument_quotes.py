"""Quoted wording in an instrument, found before its clauses are read.

The NPC quotes each paragraph of new wording with an opening mark and closes
only the last (“甲。\n“乙。”); a quote inside a quote is the law's own (‘三个代表’);
sources with straight quotes (") leave open and close to be told apart by what
follows; text taken from a PDF wraps lines inside a quote.
"""

from __future__ import annotations

import re

from .numbering import CN_NUM_RE, NUMBER_RE

N = NUMBER_RE
OPEN_QUOTES = "“\"「"
CLOSE_QUOTES = "”\"」"


# --------------------------------------------------------------------------- quotes

#: What may follow a quote's closing mark: punctuation, the end, or the words of
#: an instruction (修改为, 后增加, 中的 …). Anything else means the mark closes
#: a quote inside the quote, as sources with straight quotes write them.
AFTER_CLOSE = re.compile(r"(?:$|[\s，。；、：:,;.)）“\"「」”]|修改|改为|后|前|中|的|之|删去|等|和|及|或"
                          r"|第|将|增加|在|并|同时|统一|均|一律|全部|分别)")


LINE_OPENS = re.compile(rf"第{N}[条章节编]|[（(]{CN_NUM_RE}[)）]|附件")


def closes_quote(text: str, i: int) -> bool:
    """Whether the straight quote at ``i``, inside a quote, closes it."""
    return bool(AFTER_CLOSE.match(text, i + 1))


def mask_quotes(text: str) -> tuple[str, list[list[str]]]:
    """Quoted passages replaced by ⟨0⟩, ⟨1⟩ …, each kept as its paragraphs.

    A quote runs on over paragraph breaks when the next paragraph opens with a
    quote mark, as the NPC quotes several paragraphs (only the last one closes).

    >>> mask_quotes('作为第二十条："甲。\\n\\n"乙。"')
    ('作为第二十条：⟨0⟩', [['甲。', '乙。']])
    >>> mask_quotes('第十一条：“甲。”“乙。”修改为：“丙。”')
    ('第十一条：⟨0⟩修改为：⟨1⟩', [['甲。', '乙。'], ['丙。']])
    >>> mask_quotes('中的"A"、"B"修改为"C"')
    ('中的⟨0⟩、⟨1⟩修改为⟨2⟩', [['A'], ['B'], ['C']])

    A quote inside a quote is the law's own quotation: ‘三个代表’ becomes “三个代表”.

    >>> mask_quotes('修改为：“以‘三个代表’重要思想为指导”。')
    ('修改为：⟨0⟩。', [['以“三个代表”重要思想为指导']])
    >>> mask_quotes('修改为："以"三个代表"重要思想为指导"。')
    ('修改为：⟨0⟩。', [['以"三个代表"重要思想为指导']])
    """
    out: list[str] = []
    quotes: list[list[str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in OPEN_QUOTES:
            out.append(ch)
            i += 1
            continue
        paras = [""]
        i += 1
        inner = 0  # depth of quotes inside the quote (“三个代表” quoted as ‘三个代表’, or not)
        while i < n:
            ch = text[i]
            if ch in "‘’":  # a quote inside a quote is the law's own “”
                paras[-1] += "“" if ch == "‘" else "”"
                i += 1
                continue
            if ch == "“":
                inner += 1
            elif inner and ch == "”":
                inner -= 1
            elif ch == '"' and not closes_quote(text, i):
                inner = 1 - inner
            elif ch == "\n" or ch in CLOSE_QUOTES:
                j = i + 1
                while j < n and text[j] in " \t\u3000\n":
                    j += 1
                newline = ch == "\n" or "\n" in text[i + 1:j]
                if j < n and text[j] in OPEN_QUOTES and (newline or j == i + 1):
                    paras.append("")  # the quote goes on in a new paragraph
                    i = j + 1
                    continue
                if ch == "\n":
                    # A line break inside a quote, and no quote mark opens the next
                    # line: a hard wrap (as in text taken from a PDF), unless the
                    # next line opens an article, a heading or an item.
                    if LINE_OPENS.match(text, j):
                        paras.append("")
                    i = j
                    continue
                i += 1
                break
            paras[-1] += ch
            i += 1
        quotes.append([p.strip() for p in paras if p.strip()])
        out.append(f"⟨{len(quotes) - 1}⟩")
    return "".join(out), quotes
