"""Radical characters that stand for ideographs in a PDF's text layer.

Fonts of the Noto CJK / Source Han family (Debian's default CJK font, and
Chromium's choice where it is installed) draw 人 and ⼈ (KANGXI RADICAL MAN,
U+2F08), or 民 and ⺠ (CJK RADICAL CIVILIAN, U+2EA0), with one glyph. A PDF
names each glyph once in its text layer, often by the radical, so a law printed
that way reads 中华⼈⺠共和国 and 第⼀条 is no article label. Statutes never use
radical characters, so every one is folded back to its ideograph:

- the Kangxi Radicals (U+2F00–U+2FD5) by NFKC, which maps each of them;
- the CJK Radicals Supplement (U+2E80–U+2EF3) by the table below, which NFKC
  lacks for all but two. It lists each radical with the unified ideograph that
  shares its glyph in Noto Sans/Serif CJK SC (derived from the fonts' cmap
  tables: the code points mapped to one glyph).

>>> fold_radicals("中华⼈⺠共和国第⼀条")
('中华人民共和国第一条', 3)
>>> fold_radicals("ﬁle:///csl.html")
('file:///csl.html', 1)
"""

from __future__ import annotations

import re
import unicodedata

#: Pairs of characters, one string: a CJK Radicals Supplement character, then the
#: ideograph sharing its glyph.
_SUPPLEMENT_PAIRS = (
    "⺂乛" "⺃乚" "⺅亻" "⺇𠘨" "⺉刂" "⺋㔾" "⺍𭕄" "⺎兀" "⺏尣" "⺐尢" "⺒巳" "⺓幺" "⺔彑" "⺕彐" "⺖忄" "⺘扌" "⺙攵" "⺛旡"
    "⺞歺" "⺟母" "⺠民" "⺡氵" "⺣灬" "⺤爫" "⺦丬" "⺨犭" "⺩𤣩" "⺫罒" "⺭礻" "⺮𥫗" "⺯糹" "⺰纟" "⺱罓" "⺲罒" "⺳㓁" "⺹耂"
    "⺺肀" "⺽𦥑" "⺾艹" "⻁虎" "⻂衤" "⻃覀" "⻅见" "⻆角" "⻇𧢲" "⻈讠" "⻉贝" "⻊𧾷" "⻋车" "⻌辶" "⻐钅" "⻑長" "⻒镸" "⻓长"
    "⻔门" "⻕𨸏" "⻖阝" "⻘青" "⻙韦" "⻚页" "⻛风" "⻜飞" "⻝食" "⻞𩙿" "⻟飠" "⻠饣" "⻡𩠐" "⻢马" "⻣骨" "⻤鬼" "⻥鱼" "⻦鸟"
    "⻧卤" "⻨麦" "⻩黄" "⻪黾" "⻫斉" "⻬齐" "⻮齿" "⻯竜" "⻰龙" "⻱龜" "⻲亀" "⻳龟"
)
_FOLD = {_SUPPLEMENT_PAIRS[k]: _SUPPLEMENT_PAIRS[k + 1] for k in range(0, len(_SUPPLEMENT_PAIRS), 2)}
_FOLD.update({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)})
# The same fonts' Latin ligatures (ﬁle:///, ﬁnal): NFKC's letters.
_FOLD.update({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)})
_RADICAL = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\ufb00-\ufb06]")
#: Spaces a PDF's text layer puts beside full-width punctuation set narrow
#: (作为第三条： “…”), inside a line: layout, never words.
_PUNCT_SPACE = (r"(?<=\S)[ \t]+(?=[“”‘’：，。；、（）《》])|(?<=[“”‘’：，。；、（）《》])[ \t]+(?=\S)"
                # a straight quote beside Chinese (其中的 " 并可以): not beside Latin words
                r"|(?<=[\u4e00-\u9fff])[ \t]+(?=\")|(?<=\")[ \t]+(?=[\u4e00-\u9fff])")


def close_punctuation(text: str) -> str:
    """Spaces beside full-width punctuation inside a line dropped; a line's
    indentation (which tells a paragraph's first line) is kept.

    >>> close_punctuation("  作为第三条： “网络安全工作”")
    '  作为第三条：“网络安全工作”'
    >>> close_punctuation('其中的 " 并可以 " 修改为 "the "quoted" words"')
    '其中的"并可以"修改为"the "quoted" words"'
    """
    # Compiled where first used (re caches it): only texts read with their layout
    # (PDF, plain text) need it, and it costs 3 ms to compile, a run's worth.
    return re.sub(_PUNCT_SPACE, "", text)


def fold_radicals(text: str) -> tuple[str, int]:
    """``text`` with radical characters folded to their ideographs, and how many."""
    if not _RADICAL.search(text):  # nearly every text: one scan, no copy
        return text, 0
    count = 0

    def one(m: re.Match) -> str:
        nonlocal count
        folded = _FOLD.get(m.group())
        if folded is None:
            return m.group()  # a radical with no ideograph of its own glyph: kept
        count += 1
        return folded

    return _RADICAL.sub(one, text), count
