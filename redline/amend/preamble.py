"""Items that change a preamble (序言), as the Constitution's amendments do.

A text's preamble is what stands outside any article after a line 序言 (the
parser keeps it in ``Stage.stray_lines``). An item names a paragraph of it by
its count (第七自然段) and changes words in it:

    宪法序言第七自然段中“在马克思列宁主义、毛泽东思想指引下”修改为“在马克思列宁主义、
    毛泽东思想、邓小平理论指引下”
    序言第十自然段第二句“…”后增写一句，内容为：“…”

>>> lines = ["序言", "示例国是历史悠久的国家。", "示例国人民创造了文化。"]
>>> amend_preamble(lines, '序言第二自然段中"创造了文化"修改为"创造了灿烂的文化"')
['序言', '示例国是历史悠久的国家。', '示例国人民创造了灿烂的文化。']
>>> amend_preamble(lines, '序言第一自然段"国家。"后增写一句，内容为："各民族团结。"')[1]
'示例国是历史悠久的国家。各民族团结。'
"""

from __future__ import annotations

import re

from .text import Failed, Skipped, find_all
from .quotes import UNCLOSED, mask_quotes
from ..numbering import cn_to_int

PREAMBLE_LINE = re.compile(r"^#*\s*序\s*言\s*$")
_PARAGRAPH = re.compile(r"第([一二三四五六七八九十百]+)自然段")


def preamble_lines(lines: list[str]) -> list[int]:
    """Indexes, in ``lines``, of the preamble's paragraphs (after its 序言 line)."""
    start = next((k for k, line in enumerate(lines) if PREAMBLE_LINE.match(line.strip())), None)
    return [] if start is None else [k for k in range(start + 1, len(lines)) if lines[k].strip()]


def amend_preamble(lines: list[str], item_text: str) -> list[str]:
    """``lines`` (a stage's lines outside any article) with the item executed;
    Skipped when there is no preamble, Failed when the words are not there or
    the item's form is not one read here."""
    paras = preamble_lines(lines)
    if not paras:
        raise Skipped("not applicable: the text has no preamble (序言)")
    masked, quotes = mask_quotes(item_text)
    masked = masked.replace(UNCLOSED, "")
    out = list(lines)
    m = _PARAGRAPH.search(masked)
    if m:
        n = cn_to_int(m.group(1))
        if not 1 <= n <= len(paras):
            raise Failed(f"the preamble has {len(paras)} paragraphs, not {n}")
        targets = [paras[n - 1]]
    else:
        targets = paras
    done = False
    for clause in re.split(r"[；。]", masked):
        q = [int(x) for x in re.findall(r"⟨(\d+)⟩", clause)]
        if not q:
            continue
        words = ["\n".join(quotes[k]) for k in q]
        if re.search(r"⟨\d+⟩(?:的表述)?(?:修改为|改为)[：:]?⟨\d+⟩", clause) and len(words) >= 2:
            before, after = words[0], words[1]
        elif re.search(r"⟨\d+⟩(?:后|之后)(?:增写|增加|加上)", clause) and len(words) >= 2:
            before, after = words[0], words[0] + words[1]
        elif re.search(r"⟨\d+⟩前(?:增写|增加|加上)", clause) and len(words) >= 2:
            before, after = words[0], words[1] + words[0]
        elif clause.lstrip().startswith("删去") or "删去" in clause:
            before, after = words[0], ""
        else:
            raise Failed(f"a change of the preamble not read here: {clause[:30]}")
        hit = next(((k, spans) for k in targets if (spans := find_all(out[k], before))), None)
        if hit is None:
            where = f"paragraph {m.group(1)} of the preamble" if m else "the preamble"
            raise Failed(f"“{before[:20]}” is not in {where}")
        k, spans = hit
        start, end = spans[0]
        out[k] = out[k][:start] + after + out[k][end:]
        done = True
    if not done:
        raise Failed("the item quotes no words of the preamble")
    return out
