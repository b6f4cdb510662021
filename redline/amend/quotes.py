"""Quoted wording in an instrument, found before its clauses are read.

The NPC quotes each paragraph of new wording with an opening mark and closes
only the last (“甲。\n“乙。”); a quote inside a quote is the law's own (‘三个代表’);
sources with straight quotes (") leave open and close to be told apart by what
follows; text taken from a PDF wraps lines inside a quote.
"""

from __future__ import annotations

import re

from ..numbering import CLAUSE_MARK_RE, CN_NUM_RE, DIVISION_START_RE, LABEL_SPACE, NUMBER_RE

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
#: An article's label as it opens the article: a space (or an ideographic one) after it.
SPACED_ARTICLE = re.compile(rf"第{N}条(?:之{N})?{LABEL_SPACE}")


#: Marks a paragraph, an item or an article may end with.
LINE_ENDS = "。；：:;！？!?”\""


def opens_paragraph(line: str, before: str) -> bool:
    """After a hard wrap, whether ``line`` opens a paragraph of its own rather
    than going on with ``before``: an article label with a space after it
    (第六十条　…), or a heading, an item or an annex after a paragraph that is
    done, or after a heading. 第四十五条规定… after 第四十三条至 goes on.

    >>> opens_paragraph("第六十条　违反…", "第六章 法律责任"), opens_paragraph("第四十五条规定的", "第四十三条至")
    (True, False)
    >>> opens_paragraph("（二）乙；", "（一）甲；"), opens_paragraph("（二）项", "依照第一款")
    (True, False)
    """
    if not LINE_OPENS.match(line):
        return False
    before = before.rstrip()
    if not before or before[-1] in LINE_ENDS or SPACED_ARTICLE.match(line):
        return True
    heading = DIVISION_START_RE.match(before)
    return bool(heading and not CLAUSE_MARK_RE.search(before))


def _alone_on_its_line(text: str, j: int) -> bool:
    """Nothing but spaces follows position ``j`` on its line."""
    end = text.find("\n", j)
    return not text[j + 1:end if end >= 0 else len(text)].strip()


def closes_quote(text: str, i: int) -> bool:
    """Whether the straight quote at ``i``, inside a quote, closes it."""
    return bool(AFTER_CLOSE.match(text, i + 1))


#: Follows the mark of a quote the text ends inside (no closing quote mark).
UNCLOSED = "⟨open⟩"


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
    >>> mask_quotes('修改为：“示例活动应当遵守')
    ('修改为：⟨0⟩⟨open⟩', [['示例活动应当遵守']])

    A quote inside a quote is the law's own quotation: ‘三个代表’ becomes “三个代表”.

    >>> mask_quotes('修改为：“以‘三个代表’重要思想为指导”。')
    ('修改为：⟨0⟩。', [['以“三个代表”重要思想为指导']])
    >>> mask_quotes('修改为："以"三个代表"重要思想为指导"。')
    ('修改为：⟨0⟩。', [['以"三个代表"重要思想为指导']])

    Hard wraps (a text taken from a PDF): a line cut inside a reference is joined;
    a straight quote alone on its line closes.

    >>> mask_quotes('修改为："违反第四十三条至\\n第四十五条规定的。\\n"\\n\\n本决定自公布之日起施行。')
    ('修改为：⟨0⟩\\n\\n本决定自公布之日起施行。', [['违反第四十三条至第四十五条规定的。']])
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
        closed = False
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
                    if ch == "\n" and text[j] == '"' and _alone_on_its_line(text, j):
                        i = j + 1  # a straight quote wrapped onto a line of its own closes
                        closed = True
                        break
                    paras.append("")  # the quote goes on in a new paragraph
                    i = j + 1
                    continue
                if ch == "\n":
                    # A line break inside a quote, and no quote mark opens the next
                    # line: a hard wrap (as in text taken from a PDF), unless the
                    # next line opens an article, a heading or an item where the
                    # line before ended a sentence or clause (…第四十三条至\n第四十五条
                    # 规定 is one line cut in a reference).
                    end = text.find("\n", j)
                    if opens_paragraph(text[j:end if end >= 0 else n], paras[-1]):
                        paras.append("")
                    i = j
                    continue
                i += 1
                closed = True
                break
            paras[-1] += ch
            i += 1
        quotes.append([p.strip() for p in paras if p.strip()])
        # A quote the text ends inside: cut off in the source, or its closing mark
        # lost; marked, so that nothing is executed on words that may be cut.
        out.append(f"⟨{len(quotes) - 1}⟩" + ("" if closed else UNCLOSED))
    return "".join(out), quotes
