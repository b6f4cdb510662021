"""A statute book's files, read and paired by law.

    folder or git revision -> files (path, bytes) -> Doc (title, kind, date)
    -> pairs by title, laws on one side only, instruments, doubles

A collection renames its files between snapshots (刑法.md becomes
刑法(2024-07-11).md), so laws are paired by the title read from the text; dates
and version suffixes in names count only where a file has no title. Amendment
instruments (修正案, 修改决定) have items, not articles: they are listed as such,
with the law they amend, never compared as laws.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RedlineError
from ..normalise import norm_key

#: Titles of instruments, which have items (一、二、…), not articles: a 修正案, a
#: decision to amend (修改…的决定), any other decision or resolution of the
#: Standing Committee (关于加强网络信息保护的决定), or an interpretation of a law
#: (关于《刑法》第九章渎职罪主体适用问题的解释): listed, never compared as laws.
_INSTRUMENT = re.compile(r"修正案|(?:决定|决议|解释)[)）]?$|关于修改.*决定")
#: A line that opens an article, in Chinese or English: a text with none is not
#: compared as a law (an interpretation, a resolution, a notice), only listed.
_ARTICLE_LINE = re.compile(r"^[#*\s]*(?:第\s*[零〇一二两三四五六七八九十百千万\d]+\s*条|Article\s+\d)", re.M)
_QUOTED = re.compile(r"《([^》]+)》")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NAME_DATE = re.compile(r"[（(\[]?\d{4}(?:[-年._]\d{1,2}(?:[-月._]\d{1,2}日?)?)?[)）\]]?")


@dataclass
class Doc:
    """One file of a book, as read."""

    path: str  # as the collection names it
    sha256: str
    title: str = ""
    kind: str = "law"  # law, instrument, or unreadable
    amends: str = ""  # of an instrument: the title of the law it amends
    date: str = ""  # the latest date in its header (its version), YYYY-MM-DD
    error: str = ""
    #: Its text as its reader gives it, and that reader's name: read once here,
    #: parsed where the pair is compared (a PDF's text layer is the slow part).
    text: str = field(default="", repr=False)
    fmt: str = ""

    @property
    def key(self) -> str:
        return title_key(self.title) if self.title else name_key(self.path)


def title_key(title: str) -> str:
    """What two titles of one law share: spacing, width, and a version in brackets
    at the end (a draft's （草案）, （2015年修正本）, (2023修订)) aside.

    >>> title_key("中华人民共和国 刑法") == title_key("中华人民共和国刑法（草案）")
    True
    >>> title_key("中华人民共和国动物防疫法（2015年修正本）")
    '中华人民共和国动物防疫法'
    """
    key = norm_key(title)
    return re.sub(r"[(（][^()（）]*(?:草案|修正|修订|\d{4})[^()（）]*[)）]$", "", key)


def name_key(path: str) -> str:
    """A file's name without folders, extension, dates and version suffixes, for
    a file with no title.

    >>> name_key("laws/刑法(2024-07-11).md"), name_key("刑法_2023.txt")
    ('刑法', '刑法')
    """
    stem = Path(path).stem
    stem = _NAME_DATE.sub("", stem)
    return re.sub(r"[\s_\-.]+$|^[\s_\-.]+", "", stem)


def read_folder(root: Path) -> list[tuple[str, bytes]]:
    """Every file under ``root`` a reader takes, as (path relative to root, bytes)."""
    from ..read import FORMATS, read_bytes

    if not root.is_dir():
        raise RedlineError(f"{root}: not a folder")
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix.lower() in FORMATS:
            out.append((path.relative_to(root).as_posix(), read_bytes(path)))
    return out


def read_git(repo: Path, rev: str) -> list[tuple[str, bytes]]:
    """Every file of revision ``rev`` a reader takes, read with ``git`` itself (no
    checkout): one ``ls-tree`` and one ``cat-file --batch``."""
    from ..read import FORMATS

    def git(*args: str, stdin: bytes | None = None) -> bytes:
        try:
            return subprocess.run(["git", "-C", str(repo), *args], input=stdin, check=True,
                                  capture_output=True).stdout
        except FileNotFoundError:
            raise RedlineError("git is not installed: --git needs it") from None
        except subprocess.CalledProcessError as e:
            raise RedlineError(f"{repo}: git {args[0]} {rev}: "
                               f"{e.stderr.decode('utf-8', 'replace').strip() or 'failed'}") from None

    names = [n for n in git("ls-tree", "-r", "-z", "--name-only", rev).decode("utf-8").split("\0")
             if n and Path(n).suffix.lower() in FORMATS]
    if not names:
        return []
    raw = git("cat-file", "--batch", stdin="".join(f"{rev}:{n}\n" for n in names).encode("utf-8"))
    out, at = [], 0
    for name in names:
        header_end = raw.index(b"\n", at)
        parts = raw[at:header_end].split()
        size = int(parts[2])
        out.append((name, raw[header_end + 1:header_end + 1 + size]))
        at = header_end + 1 + size + 1
    return out


_ARTICLE_OR_HEADING = re.compile(r"^第[零〇一二三四五六七八九十百千万\d]+[条章节编]")


def classify(path: str, data: bytes) -> Doc:
    """Read one file's head: its title, whether it is an instrument, its date. The
    text is read here once, and kept; a text file is parsed only where its pair is
    compared, a PDF here too, for its title. A file no reader can take is
    unreadable, with the reason."""
    from ..read import reader_for

    doc = Doc(path, hashlib.sha256(data).hexdigest())
    try:
        reader = reader_for(path, data)
        text = reader.read(data, path)
    except RedlineError as e:
        doc.kind, doc.error = "unreadable", str(e).split("\n")[0]
        return doc
    doc.text, doc.fmt = text, reader.name
    lines = [ln.strip().lstrip("#").strip() for ln in text.splitlines()[:40] if ln.strip()]
    head = lines[0] if lines else ""
    if reader.name == "pdf" and head:
        # A PDF's lines are its layout's (a title wrapped, radicals for 人 and 民):
        # the parser's title, which reflows and folds them; reading was the cost.
        from ..read import parse_read

        try:
            st, _ = parse_read(text, reader.name, path)
            head, lines = st.title, [st.title, *st.history]
        except RedlineError:
            pass  # an instrument, or no law: its head line as it stands
    # A text whose first line is already an article has no title: named by its file.
    doc.title = "" if not head or _ARTICLE_OR_HEADING.match(head) else head
    doc.date = latest_date(lines[1:12])
    if doc.title and _INSTRUMENT.search(doc.title):
        doc.kind, doc.amends = "instrument", amended_title(doc.title)
    elif not _ARTICLE_LINE.search(text):
        doc.kind = "instrument"  # no articles: listed with the instruments, never failed as a law
    return doc


def amended_title(title: str) -> str:
    """The law an instrument amends, from its title.

    >>> amended_title("全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定")
    '中华人民共和国网络安全法'
    >>> amended_title("中华人民共和国刑法修正案（十一）")
    '中华人民共和国刑法'
    >>> amended_title("全国人民代表大会常务委员会关于加强网络信息保护的决定")
    ''
    """
    quoted = _QUOTED.findall(title)
    if quoted:
        return quoted[0]
    return title.split("修正案")[0].strip() if "修正案" in title else ""


def latest_date(lines: list[str]) -> str:
    """The latest date written in ``lines`` (a header's adoption and amendment
    lines), as YYYY-MM-DD; "" if none.

    >>> latest_date(["1997年3月14日通过", "2023年12月29日第六次修正"])
    '2023-12-29'
    """
    found = [f"{y}-{int(m):02d}-{int(d):02d}" for line in lines for y, m, d in _DATE.findall(line)]
    return max(found) if found else ""


@dataclass
class Pairing:
    """What the two sides hold, law by law."""

    pairs: list[tuple[Doc, Doc]]
    added: list[Doc]
    removed: list[Doc]
    instruments: list[tuple[str, Doc]]  # (side, doc)
    unreadable: list[tuple[str, Doc]]
    notes: list[str]


def pair(old: list[Doc], new: list[Doc]) -> Pairing:
    """Laws paired by title. Two files claiming one title on a side are reported,
    and the one with the latest date in its header is used."""
    notes: list[str] = []
    sides = []
    instruments: list[tuple[str, Doc]] = []
    unreadable: list[tuple[str, Doc]] = []
    for side, docs in (("old", old), ("new", new)):
        laws: dict[str, Doc] = {}
        for d in docs:
            if d.kind == "instrument":
                instruments.append((side, d))
                continue
            if d.kind == "unreadable":
                unreadable.append((side, d))
                continue
            other = laws.get(d.key)
            if other is not None:
                keep, drop = (d, other) if (d.date, d.path) > (other.date, other.path) else (other, d)
                notes.append(f"{side}: {drop.path} and {keep.path} both hold {d.title or d.key}; "
                             f"{keep.path} is used (dated {keep.date or 'later by name'})")
                laws[d.key] = keep
            else:
                laws[d.key] = d
        sides.append(laws)
    old_laws, new_laws = sides
    pairs = [(old_laws[k], new_laws[k]) for k in new_laws if k in old_laws]
    added = [new_laws[k] for k in new_laws if k not in old_laws]
    removed = [old_laws[k] for k in old_laws if k not in new_laws]
    return Pairing(pairs, added, removed, instruments, unreadable, notes)
