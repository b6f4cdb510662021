"""Inline diff of two texts; the only module that imports diff_match_patch.

Contents
    DiffOp          the one op type every renderer reads: (op, text)
    DELETE/EQUAL/INSERT   its op values, as diff-match-patch numbers them
    tokenize        text -> tokens that must stay whole (references, amounts, words)
    diff_texts      (old, new, language) -> TextDiff (ops, similarity, timed_out)
    side_text       one side of a diff, rebuilt
    marked_chars    characters a diff marks (deleted + inserted)

Why tokens: diff-match-patch's semantic cleanup treats every Chinese character as
alphanumeric, so only punctuation counts as a boundary, and a character diff of
第二十四条 -> 第二十六条 marks 四 -> 六. We diff sequences of tokens instead (each
token mapped to one private-use character, as diff-match-patch's own
``diff_linesToChars`` does with lines), so a reference or an amount is replaced
whole, and the semantic cleanup then merges confetti into phrases.

Equal runs are emitted with the *new* text, so a change of width only (：/:) or of
spacing shows nothing.

>>> [tuple(op) for op in diff_texts("处一万元以上五万元以下罚款", "处五万元以上十万元以下罚款").ops]
[(0, '处'), (-1, '一万元'), (1, '五万元'), (0, '以上'), (-1, '五万元'), (1, '十万元'), (0, '以下罚款')]
>>> [tuple(op) for op in diff_texts("违反本法第二十四条规定", "违反本法第二十六条规定").ops]
[(0, '违反本法'), (-1, '第二十四条'), (1, '第二十六条'), (0, '规定')]
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Any, NamedTuple

from diff_match_patch import diff_match_patch

Indel: Any  # rapidfuzz's LCS in C++: the raw diff ~50x faster than Myers in Python.
try:
    from rapidfuzz.distance import Indel
except ImportError:  # pragma: no cover - declared dependency; kept usable without it
    Indel = None

from ..normalise import CN_REF, EN_REF, norm_key

DELETE, EQUAL, INSERT = -1, 0, 1

#: Seconds diff-match-patch may spend on one pair before it returns a coarse
#: diff. Articles diff in milliseconds; hitting this is recorded on the entry.
DIFF_TIMEOUT = 5.0
#: Largest (tokens × tokens) handed to rapidfuzz's LCS, whose memory grows with
#: the product; larger pairs (whole laws) go to diff-match-patch's Myers diff.
FAST_DIFF_CELLS = 20_000_000


class DiffOp(NamedTuple):
    """One run of a diff: ``op`` is DELETE (-1), EQUAL (0) or INSERT (1).

    Serialises as diff-match-patch does: ``[-1, "removed"]``.
    """

    op: int
    text: str


_NUM = "零〇一二两三四五六七八九十百千万亿"
_CN_TOKEN = re.compile(
    # First, and most of any text: a character no longer token can start with.
    # Tried first, it spares the engine every other branch at most positions.
    rf"[^第（(\d{_NUM}A-Za-z\s]"
    rf"|(?:{CN_REF})"  # article references, whole
    rf"|第[{_NUM}\d]+(?:编|分编|章|节|款|项|目)"  # other structural references
    rf"|[（(][{_NUM}]+[)）]"  # item labels
    rf"|\d+(?:[.．]\d+)?[%％]?"  # arabic numbers
    rf"|[{_NUM}]+(?:分之[{_NUM}]+)?(?:元|倍|日|年|个月|月|周岁|小时|天|次|人|名|个工作日)"  # amounts
    r"|[A-Za-z]+"
    r"|\n"
    r"|[^\S\n]+"
    r"|.",
    re.S,
)
#: An amount written with thousands separators (10,000; 1,000,000.50): one unit,
#: as 一万元 is in Chinese, so 10,000 -> 50,000 is not shown as 10 -> 50.
_EN_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
_EN_TOKEN = re.compile(rf"{EN_REF}|{_EN_AMOUNT}|\w+(?:['’\-]\w+)*|\n|[^\S\n]+|.", re.S)
_SPACE = re.compile(r"[^\S\n]")


def tokenize(text: str, language: str = "zh") -> list[str]:
    """Tokens whose concatenation is ``text``; spaces ride on the token before.

    >>> tokenize("处五万元以上罚款； 依照本法第二十四条第一款")
    ['处', '五万元', '以', '上', '罚', '款', '； ', '依', '照', '本', '法', '第二十四条第一款']
    >>> tokenize("Article 21 applies, mutatis mutandis.", "en")
    ['Article 21 ', 'applies', ', ', 'mutatis ', 'mutandis', '.']
    >>> tokenize("a fine of 10,000 yuan, 5 days", "en")
    ['a ', 'fine ', 'of ', '10,000 ', 'yuan', ', ', '5 ', 'days']
    """
    found = (_CN_TOKEN if language == "zh" else _EN_TOKEN).findall(text)
    if not _SPACE.search(text):
        return found  # most Chinese articles: nothing to attach
    tokens: list[str] = []
    for tok in found:
        if tok.isspace() and tok != "\n" and tokens and tokens[-1] != "\n":
            tokens[-1] += tok
        else:
            tokens.append(tok)
    return tokens


@dataclass
class TextDiff:
    ops: list[DiffOp]
    #: 2 × equal characters / (old + new characters), as difflib's ratio.
    similarity: float
    #: True when diff-match-patch hit DIFF_TIMEOUT and the diff is coarser.
    timed_out: bool = False
    #: Where the old text's own characters differ from what an equal run shows
    #: (width of punctuation, spacing, quote style: matched, and shown in the
    #: new text's form): (position on the old side, length there, the old text's
    #: characters). :func:`with_old_forms` puts them back.
    old_forms: list[tuple[int, int, str]] = field(default_factory=list)


class _Codes:
    """Token -> one private-use character, tokens alike once normalised sharing
    one; and token -> its normalised length. One table per language for the
    whole process: a law's articles share most of their tokens, and a diff only
    needs equal tokens to get equal characters.

    >>> codes = _Codes("zh")
    >>> ref, wide, narrow = codes.encode(["第二十条", "：", ":"])
    >>> ref != wide == narrow
    True
    >>> codes.weight["第二十条"]
    4
    """

    #: Private-use areas (first, size): never in real text, and neither
    #: alphanumeric nor space, so the cleanup's boundary scores treat all tokens alike.
    AREAS = ((0xE000, 0x1900), (0xF0000, 0xFFFE), (0x100000, 0xFFFE))

    def __init__(self, language: str):
        self.language = language
        self.by_key: dict[str, str] = {}
        self.char: dict[str, str] = {}
        self.weight: dict[str, int] = {}

    def encode(self, tokens: list[str]) -> str:
        char = self.char
        # Sorted: codes do not depend on the process's string hashing. (A diff
        # needs only equal tokens to get equal codes, whatever the codes are.)
        for tok in sorted(set(tokens).difference(char)):
            key = norm_key(tok, self.language) or tok
            ch = self.by_key.get(key)
            if ch is None:
                ch = self.by_key[key] = self._char(len(self.by_key))
            char[tok] = ch
            self.weight[tok] = len(key)
        return "".join(map(char.__getitem__, tokens))

    def _char(self, n: int) -> str:
        """The n-th private-use character.

        >>> hex(ord(_Codes("zh")._char(6400)))
        '0xf0000'
        """
        for first, size in self.AREAS:
            if n < size:
                return chr(first + n)
            n -= size
        raise _Full


class _Full(Exception):
    pass


_CODES: dict[str, _Codes] = {}


def _encode_pair(old_toks: list[str], new_toks: list[str], language: str) -> tuple[str, str, _Codes]:
    codes = _CODES.get(language)
    if codes is None:
        codes = _CODES[language] = _Codes(language)
    try:
        return codes.encode(old_toks), codes.encode(new_toks), codes
    except _Full:  # start a fresh table; this pair alone fits in it
        codes = _CODES[language] = _Codes(language)
        return codes.encode(old_toks), codes.encode(new_toks), codes


def _lcs_diff(a: str, b: str) -> list[tuple[int, str]]:
    """A minimal insert/delete diff from rapidfuzz's bit-parallel LCS, in
    diff-match-patch's shape, so its cleanups apply unchanged.

    >>> _lcs_diff("abcd", "abxd")
    [(0, 'ab'), (-1, 'c'), (1, 'x'), (0, 'd')]
    """
    out: list[tuple[int, str]] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            out.append((EQUAL, a[op.src_start:op.src_end]))
        elif op.tag == "delete":
            out.append((DELETE, a[op.src_start:op.src_end]))
        elif op.tag == "insert":
            out.append((INSERT, b[op.dest_start:op.dest_end]))
    # Deletions before insertions where they meet, as diff-match-patch orders them.
    for k in range(len(out) - 1):
        if out[k][0] == INSERT and out[k + 1][0] == DELETE:
            out[k], out[k + 1] = out[k + 1], out[k]
    return out


def _equal_token(put, old_tok: str, new_tok: str) -> None:
    """Two tokens the diff matched (alike once normalised), written so that each
    side reads back as it was: in English the space after a word belongs to it,
    and "sovereignty " matched with "sovereignty" (before a comma) keeps its space
    on the old side only.

    >>> out = []
    >>> _equal_token(lambda op, t: t and out.append((op, t)), "sovereignty ", "sovereignty")
    >>> out
    [(0, 'sovereignty'), (-1, ' ')]
    """
    if old_tok == new_tok:
        put(EQUAL, new_tok)
        return
    old_core, new_core = old_tok.rstrip(), new_tok.rstrip()
    if old_core == new_core:
        put(EQUAL, new_core)
        put(DELETE, old_tok[len(old_core):])
        put(INSERT, new_tok[len(new_core):])
    else:  # alike only once normalised (case, width): both, as they are
        put(DELETE, old_tok)
        put(INSERT, new_tok)


def diff_texts(old: str, new: str, language: str = "zh", *, semantic: bool = True) -> TextDiff:
    """Diff two texts by token (character for Chinese, word for English)."""
    old_toks, new_toks = tokenize(old, language), tokenize(new, language)
    a, b, codes = _encode_pair(old_toks, new_toks, language)
    weight = codes.weight  # what a token counts for in the similarity
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    timed_out = False
    if Indel is not None and len(a) * len(b) <= FAST_DIFF_CELLS:
        raw = _lcs_diff(a, b)
        dmp.diff_cleanupMerge(raw)
    else:
        started = time.perf_counter()
        raw = dmp.diff_main(a, b, False)
        timed_out = time.perf_counter() - started >= DIFF_TIMEOUT
    # Similarity from the minimal diff: the cleanup below trades small equal
    # runs for readable phrases, which would understate how alike the texts are.
    equal_chars = 0
    j = 0
    for op, chunk in raw:
        if op != DELETE:
            if op == EQUAL:
                equal_chars += sum(map(weight.__getitem__, new_toks[j:j + len(chunk)]))
            j += len(chunk)
    if semantic:
        dmp.diff_cleanupSemantic(raw)
    ops: list[DiffOp] = []

    def put(op: int, text: str) -> None:
        if not text:
            return
        if ops and ops[-1].op == op:
            ops[-1] = DiffOp(op, ops[-1].text + text)
        else:
            ops.append(DiffOp(op, text))

    i = j = 0
    old_pos = 0  # characters of the old side written so far
    forms: list[tuple[int, int, str]] = []
    for op, chunk in raw:
        n = len(chunk)
        if op == EQUAL:
            if language == "zh":  # width and spacing mean nothing: the new text's form
                olds, news = old_toks[i:i + n], new_toks[j:j + n]
                text = "".join(news)
                if olds == news:  # nearly always: compared in C, no form to keep
                    old_pos += len(text)
                else:
                    for old_tok, new_tok in zip(olds, news):
                        if old_tok != new_tok:
                            forms.append((old_pos, len(new_tok), old_tok))
                        old_pos += len(new_tok)
                put(EQUAL, text)
            else:
                for old_tok, new_tok in zip(old_toks[i:i + n], new_toks[j:j + n]):
                    _equal_token(put, old_tok, new_tok)
            i += n
            j += n
        elif op == DELETE:
            put(DELETE, "".join(old_toks[i:i + n]))
            old_pos += sum(map(len, old_toks[i:i + n]))
            i += n
        else:
            put(INSERT, "".join(new_toks[j:j + n]))
            j += n
    total = sum(map(weight.__getitem__, old_toks)) + sum(map(weight.__getitem__, new_toks))
    similarity = 2 * equal_chars / total if total else 1.0
    if language != "zh":  # English keeps each side's own form in its runs
        forms = []
        ops = _shared_space(ops)
    return TextDiff(ops, round(min(similarity, 1.0), 4), timed_out, _merge_forms(forms))


def _shared_space(ops: list[DiffOp]) -> list[DiffOp]:
    """A space one side inserts beside a change whose other side ends in that same
    space is the words' shared space, not an edit: "control, stamping out and" to
    "control and" reads control[-, stamping out] and, not control{+ +}[-, stamping out -]and.

    >>> _shared_space([DiffOp(0, "control"), DiffOp(1, " "), DiffOp(-1, ", stamping out "),
    ...                DiffOp(0, "and")])
    [DiffOp(op=0, text='control'), DiffOp(op=-1, text=', stamping out'), DiffOp(op=0, text=' and')]
    >>> _shared_space([DiffOp(0, "paragraph"), DiffOp(1, " "), DiffOp(-1, ", and of x"), DiffOp(1, "is y")])
    [DiffOp(op=0, text='paragraph'), DiffOp(op=-1, text=', and of x'), DiffOp(op=1, text=' is y')]
    """
    out: list[DiffOp] = []
    k = 0
    while k < len(ops):
        op = ops[k]
        pair = ops[k + 1] if k + 1 < len(ops) else None
        third = ops[k + 2] if k + 2 < len(ops) else None
        if (pair is not None and third is not None and op.text.isspace()
                and {op.op, pair.op} == {DELETE, INSERT} and third.op == op.op):
            # A lone space before a replaced run rides with the run: {+ +}[-x-]{+y+} -> [-x-]{+ y+}
            ops = ops[:k] + [pair, DiffOp(op.op, op.text + third.text)] + ops[k + 3:]
            continue
        if (pair is not None and {op.op, pair.op} == {DELETE, INSERT}
                and (op.text.isspace() or pair.text.isspace())):
            space, other = (op, pair) if op.text.isspace() else (pair, op)
            if other.text.endswith(space.text) and len(other.text) > len(space.text):
                got = [DiffOp(other.op, other.text[:-len(space.text)]), DiffOp(EQUAL, space.text)]
                for g in got:
                    if out and out[-1].op == g.op:
                        out[-1] = DiffOp(g.op, out[-1].text + g.text)
                    else:
                        out.append(g)
                k += 2
                continue
        if out and out[-1].op == op.op:
            out[-1] = DiffOp(op.op, out[-1].text + op.text)
        else:
            out.append(op)
        k += 1
    return out


def _merge_forms(forms: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Adjacent forms as one."""
    out: list[tuple[int, int, str]] = []
    for pos, length, text in forms:
        if out and out[-1][0] + out[-1][1] == pos:
            p, n, t = out[-1]
            out[-1] = (p, n + length, t + text)
        else:
            out.append((pos, length, text))
    return out


def with_old_forms(ops: list[DiffOp], forms: list[tuple[int, int, str]]) -> list[DiffOp]:
    """The diff with the old text's own characters back where an equal run shows
    the new text's form: there, the old form deleted and the new one inserted.
    Both sides then read exactly as their texts (what Word's Reject All needs);
    everything else reads the diff as it is.

    >>> td = diff_texts("依照本法:农业农村 (畜牧兽医)", "依照本法：农业农村（畜牧兽医）")
    >>> [tuple(op) for op in td.ops], td.old_forms
    ([(0, '依照本法：农业农村（畜牧兽医）')], [(4, 1, ':'), (8, 2, '村 ('), (14, 1, ')')])
    >>> side_text(with_old_forms(td.ops, td.old_forms), "old")
    '依照本法:农业农村 (畜牧兽医)'
    >>> side_text(with_old_forms(td.ops, td.old_forms), "new")
    '依照本法：农业农村（畜牧兽医）'
    """
    if not forms:
        return list(ops)
    out: list[DiffOp] = []
    pos = 0  # on the old side
    k = 0
    for op, text in ops:
        if op == INSERT:
            out.append(DiffOp(op, text))
            continue
        if op == DELETE:
            out.append(DiffOp(op, text))
            pos += len(text)
            continue
        start = 0
        while k < len(forms) and forms[k][0] < pos + len(text):
            at, length, old = forms[k]
            cut = at - pos
            if cut > start:
                out.append(DiffOp(EQUAL, text[start:cut]))
            out += [DiffOp(DELETE, old), DiffOp(INSERT, text[cut:cut + length])]
            start = cut + length
            k += 1
        if start < len(text):
            out.append(DiffOp(EQUAL, text[start:]))
        pos += len(text)
    return out


def side_text(ops: Iterable[tuple[int, str]], side: str) -> str:
    """One side of a diff: ``"old"`` leaves insertions out, ``"new"`` deletions.

    >>> side_text([DiffOp(0, "处"), DiffOp(-1, "一万元"), DiffOp(1, "五万元")], "old")
    '处一万元'
    """
    skip = INSERT if side == "old" else DELETE
    return "".join(text for op, text in ops if op != skip)


def marked_chars(ops: list[DiffOp]) -> int:
    """Characters a redline marks: deleted plus inserted.

    >>> marked_chars([DiffOp(0, "处"), DiffOp(-1, "一万元"), DiffOp(1, "五万元")])
    6
    """
    return sum(len(text) for op, text in ops if op != EQUAL)


def minimal_edit(old: str, new: str) -> int:
    """Deleted + inserted characters of a minimal (LCS) character diff: the floor
    any redline of the pair can reach."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return marked_chars([DiffOp(op, t) for op, t in dmp.diff_main(old, new, False)])
