"""align + textdiff -> Comparison: the one form every renderer reads.

Contents
    StageInfo    what a renderer needs to know of each side
    Entry        one alignment entry with its diff (a row of ``alignment`` in JSON);
                 its typed pieces (Part, HeadingChange, ReferenceIssue, Note) are
                 in :mod:`redline.diff.parts`
    Comparison   both sides, the entries in the new text's order, counts per kind
    compare      builds it

Renderers (terminal, html, changes, json) consume a Comparison and never go
back to the stages or re-run the alignment. ``Comparison.to_json()`` is what
``redline compare --format json`` prints; ``Comparison.from_json`` reads it back.

An entry's ``diff`` is diff-match-patch's shape, ``[[-1, "removed"], [0, "kept"],
[1, "added"]]``; for a merge it diffs the old articles merged whole (joined in
order) against the new article, for a split the old article against the new
ones. Every character of both texts is in exactly one entry's side
(:func:`check_conservation`): a part of an old article merged here from an
article held whole in its own entry is new words here, and named in ``parts``.

References that follow the renumbering are not substantive: an article whose
only differences are 本法第二十二条 -> 本法第二十四条 where 22 became 24 keeps its
kind (``renumbered``, or ``modified`` if its own number stayed) and gets
``references_only: true``.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from .align import KINDS, AlignSettings, Kind, Link, align
from ..errors import RedlineError
from .parts import DecisionTies, Destination, HeadingChange, Note, Part, ReferenceIssue, TextChange
from ..model import Stage, line_position
from ..normalise import REFERENCE_RE, mask_refs, norm_key, norm_text
from .references import check_references, find_references
from ..numbering import ArticleNumber
from .similarity import shingles_for
from .structure import compare_divisions
from .textdiff import DELETE, EQUAL, INSERT, DiffOp, diff_texts, side_text, with_old_forms

FORMAT_VERSION = 1


@dataclass
class StageInfo:
    law: str
    stage: str
    title: str
    language: str
    articles: int  # how many
    date: str | None = None
    source: dict | None = None
    #: [{"id": "chp_1", "heading": "第一章 总则", "kind": "chapter"}, …] in order;
    #: an annex also has its own "lines".
    divisions: list[dict] = field(default_factory=list)
    #: When the text took effect ("2017-06-01"), where the manifest says.
    in_force: str | None = None
    #: The stage's name in its law's manifest ("second reading draft (二审稿)").
    name: str | None = None


@dataclass
class Entry:
    """One entry of the alignment, with everything a renderer shows of it."""

    kind: Kind  # what happened to the article (a str enum: compares equal to "merged")
    old: list[ArticleNumber]
    new: list[ArticleNumber]
    old_labels: list[str]
    new_labels: list[str]
    #: 2 × equal characters / all characters of the diffed texts (1.0 = same).
    similarity: float | None
    diff: list[DiffOp]
    #: Division id (chapter/section) the entry sits in: the new side's, else the old's.
    division: str | None = None
    references_only: bool = False
    #: For merges of part of an article, and inserted articles that continue
    #: one: Part(old=69, lines=[1], where=["第一项"]).
    parts: list[Part] = field(default_factory=list)
    diff_timed_out: bool = False
    #: For merges and splits, how many lines of the diffed text each article
    #: gives: {"old": [2, 1], "new": [3]} (the articles' texts are joined by
    #: newlines, so a renderer can split each side back into its articles); an
    #: old article merged here only in part gives 0 (its words are new here).
    segments: dict = field(default_factory=dict)
    #: References in the new text that point nowhere ("missing"), or that were
    #: kept while the article they cited moved ("stale") or went ("deleted").
    reference_issues: list[ReferenceIssue] = field(default_factory=list)
    #: Notes anchored in this entry's text.
    annotations: list[Note] = field(default_factory=list)
    #: With ``compare --decision``: labels of the instrument items that make
    #: this entry ("五", "二十九（四）"; "2:一" for the second of several).
    items: list[str] = field(default_factory=list)
    #: Of a split: which paragraphs of the old article went on in which new
    #: article (第一款、第二款 → 第一百一十条; 第三款 → 第一百一十一条); of any
    #: other entry holding an article whole, the parts of it merged or continued
    #: in another entry's article (第三款 → 第一条).
    paragraphs_to: list[Destination] = field(default_factory=list)
    #: The division the old side's first article sat in, where it is not
    #: ``division`` (an article that changed chapter, or whose chapter went).
    old_division: str | None = None
    #: Where the old text's own characters differ from what the diff's equal runs
    #: show (width, spacing: not counted as change): [position on the old side,
    #: length there, the old characters]; :func:`~redline.diff.textdiff.with_old_forms`
    #: puts them back, for an output that must give the old text exactly (Word).
    old_forms: list[tuple[int, int, str]] = field(default_factory=list)
    #: Of a merge or split whose articles sit under more than one heading on a
    #: side: each article's division, in order ({"old": ["chp_3__sec_1",
    #: "chp_3__sec_2"]}), so that a heading is placed before the article it opens.
    divisions_each: dict = field(default_factory=dict)
    #: Of a translation's entry (:mod:`redline.translate.annotated`): did the law
    #: itself (the Chinese) change here? False: only the translation's wording.
    #: None in a comparison of the law's own texts.
    source_changed: bool | None = None
    #: Of a translation's entry, with both languages asked for: the Chinese diff.
    source_diff: list[DiffOp] | None = None
    #: Translation-only rewording shown as the new wording, unmarked (``--rewording hide``).
    rewording_hidden: bool = False

    def division_of(self, side: str, k: int) -> str | None:
        """The division of the ``k``-th article of ``side``."""
        each = self.divisions_each.get(side)
        if each:
            return each[k]
        return self.old_division_or_same if side == "old" else self.division

    @property
    def old_division_or_same(self) -> str | None:
        """The old side's division, whether or not it differs from ``division``."""
        return self.old_division if self.old_division is not None else (self.division if self.old else None)

    @property
    def changed(self) -> bool:
        """True when the text changed (not only the number)."""
        return any(op != EQUAL for op, _ in self.diff)

    def to_json(self) -> dict:
        d: dict[str, Any] = {
            "old": [n.to_json() for n in self.old], "new": [n.to_json() for n in self.new],
            "kind": self.kind, "old_labels": self.old_labels, "new_labels": self.new_labels,
            "similarity": self.similarity,
            "diff": [[op, text] for op, text in self.diff],
            "division": self.division, "references_only": self.references_only,
        }
        if self.parts:
            d["parts"] = [p.to_json() for p in self.parts]
        if self.diff_timed_out:
            d["diff_timed_out"] = True
        if self.segments:
            d["segments"] = self.segments
        if self.reference_issues:
            d["reference_issues"] = [i.to_json() for i in self.reference_issues]
        if self.annotations:
            d["annotations"] = [n.to_json() for n in self.annotations]
        if self.items:
            d["items"] = self.items
        if self.paragraphs_to:
            d["paragraphs_to"] = [x.to_json() for x in self.paragraphs_to]
        if self.old_division is not None:
            d["old_division"] = self.old_division
        if self.divisions_each:
            d["divisions_each"] = self.divisions_each
        if self.old_forms:
            d["old_forms"] = [list(f) for f in self.old_forms]
        if self.source_changed is not None:
            d["source_changed"] = self.source_changed
        if self.source_diff is not None:
            d["source_diff"] = [[op, text] for op, text in self.source_diff]
        if self.rewording_hidden:
            d["rewording_hidden"] = True
        return d

    @classmethod
    def from_json(cls, d: dict) -> "Entry":
        return cls(Kind(d["kind"]), [ArticleNumber.from_json(x) for x in d["old"]],
                   [ArticleNumber.from_json(x) for x in d["new"]], d.get("old_labels", []),
                   d.get("new_labels", []), d.get("similarity"),
                   [DiffOp(op, t) for op, t in d.get("diff", [])], d.get("division"),
                   d.get("references_only", False), [Part.from_json(p) for p in d.get("parts", [])],
                   d.get("diff_timed_out", False), d.get("segments", {}),
                   [ReferenceIssue.from_json(i) for i in d.get("reference_issues", [])],
                   [Note.from_json(n) for n in d.get("annotations", [])], d.get("items", []),
                   [Destination.from_json(x) for x in d.get("paragraphs_to", [])], d.get("old_division"),
                   divisions_each=d.get("divisions_each", {}),
                   old_forms=[(int(p), int(n), str(t)) for p, n, t in d.get("old_forms", [])],
                   source_changed=d.get("source_changed"),
                   source_diff=([DiffOp(op, t) for op, t in d["source_diff"]]
                                if d.get("source_diff") is not None else None),
                   rewording_hidden=d.get("rewording_hidden", False))

    def part_of(self, n: ArticleNumber) -> Part | None:
        """The part of old article ``n`` this entry carries, if it carries only part."""
        return next((p for p in self.parts if p.old == n), None)


@dataclass
class Comparison:
    old: StageInfo
    new: StageInfo
    entries: list[Entry]
    #: Headings paired across the stages (structure.compare_divisions).
    divisions: list[HeadingChange] = field(default_factory=list)
    #: Stages compared by their tables of contents only: their texts are missing.
    missing_text: list[str] = field(default_factory=list)
    #: With ``compare --decision`` (:mod:`redline.amend.ties`): the instruments' items,
    #: changes no item makes ("unexplained") and items that make none ("unused").
    decision: DecisionTies | None = None
    #: Text outside the articles that changed: annexes, footnotes.
    other_text: list[TextChange] = field(default_factory=list)

    @property
    def counts(self) -> dict[Kind, int]:
        """Entries per kind, in KINDS order, kinds with none left out."""
        c = Counter(e.kind for e in self.entries)
        return {k: c[k] for k in KINDS if c[k]}

    @property
    def has_changes(self) -> bool:
        return (any(e.kind != Kind.UNCHANGED for e in self.entries)
                or any(d.changed for d in self.divisions) or bool(self.other_text))

    def to_json(self) -> dict:
        d = {"format": "redline-comparison", "version": FORMAT_VERSION,
             "old": asdict(self.old), "new": asdict(self.new), "summary": self.counts,
             "alignment": [e.to_json() for e in self.entries],
             "divisions": [h.to_json() for h in self.divisions]}
        if self.missing_text:
            d["missing_text"] = self.missing_text
        if self.decision is not None:
            d["decision"] = self.decision.to_json()
        if self.other_text:
            d["other_text"] = [t.to_json() for t in self.other_text]
        return d

    @classmethod
    def from_json(cls, d: dict) -> "Comparison":
        return cls(StageInfo(**d["old"]), StageInfo(**d["new"]),
                   [Entry.from_json(e) for e in d["alignment"]],
                   [HeadingChange.from_json(h) for h in d.get("divisions", [])],
                   d.get("missing_text", []),
                   DecisionTies.from_json(d["decision"]) if d.get("decision") is not None else None,
                   [TextChange.from_json(t) for t in d.get("other_text", [])])


def _info(st: Stage) -> StageInfo:
    return StageInfo(st.law, st.stage, st.title, st.language, len(st.articles), st.date,
                     st.source, [{"id": d.id, "heading": d.heading, "kind": d.kind,
                                  **({"lines": list(d.lines)} if d.lines else {})}
                                 for d in st.divisions], st.in_force, st.name)


def ref_articles(text: str, language: str = "zh") -> list[ArticleNumber]:
    """Article numbers referred to in ``text``, in order (both ends of a range).

    >>> [str(n) for n in ref_articles("本法第二十二条第三款、第四十一条至第四十三条")]
    ['22', '41', '43']
    """
    return [t for r in find_references(text, language) for t in r.targets()]


def replaced_runs(ops: list[DiffOp]) -> list[tuple[str, str]]:
    """Each removed run with the added run that takes its place, in order; empty
    unless the diff changes only by such replacements (as many of each).

    >>> replaced_runs([DiffOp(0, "依照"), DiffOp(-1, "第二条"), DiffOp(1, "第三条"), DiffOp(0, "规定")])
    [('第二条', '第三条')]
    """
    dels = [t for op, t in ops if op == DELETE]
    ins = [t for op, t in ops if op == INSERT]
    return list(zip(dels, ins)) if len(dels) == len(ins) else []


def references_follow(ops: list[DiffOp], mapping: dict[ArticleNumber, set[ArticleNumber]],
                      language: str) -> bool:
    """True when every change in ``ops`` is a reference renumbered as the law was.

    ``mapping`` sends each old article number to the new numbers it became.
    """
    pairs = replaced_runs(ops)
    if not pairs:
        return False
    for d, i in pairs:
        old_refs, new_refs = ref_articles(d, language), ref_articles(i, language)
        if not old_refs or len(old_refs) != len(new_refs):
            return False
        # Apart from the references, the changed runs must read the same.
        if norm_key(REFERENCE_RE.sub("#", d), language) != norm_key(REFERENCE_RE.sub("#", i), language):
            return False
        if any(n not in mapping.get(o, ()) for o, n in zip(old_refs, new_refs)):
            return False
    return True


def compare(old: Stage, new: Stage, progress: Callable[[int, int], None] | None = None,
            annotations: list | None = None, settings: AlignSettings | None = None) -> Comparison:
    """Align two stages and diff every aligned entry.

    ``annotations`` (:class:`~redline.diff.annotations.Annotation`) of either stage
    are anchored in the entries that show their articles. ``settings``: the
    alignment's thresholds, if not the defaults (``bench/judged.py`` sweeps them).
    """
    links = align(old, new, progress, settings)
    mapping: dict[ArticleNumber, set[ArticleNumber]] = {}
    for link in links:
        for i in link.old:
            mapping.setdefault(old.articles[i].number, set()).update(
                new.articles[j].number for j in link.new)
    lang = new.language
    entries = [_entry(link, old, new, mapping, lang) for link in links]
    new_numbers = {a.number for a in new.articles}
    for e in entries:
        # Merged and split texts are rewritten: their citations are new ones.
        if len(e.new) == 1 and len(e.old) <= 1:
            e.reference_issues = check_references(side_text(e.diff, "old"), side_text(e.diff, "new"),
                                                  new_numbers, mapping, lang)
    _say_where_parts_went(entries)
    for a in annotations or ():
        _attach(a, entries, old, new)
    divisions = compare_divisions(old.divisions, new.divisions, lang)
    comparison = Comparison(_info(old), _info(new), entries, divisions,
                            other_text=other_text(old, new, divisions))
    check_conservation(comparison, old, new)
    return comparison


def _say_where_parts_went(entries: list[Entry]) -> None:
    """The entry that holds an article whole (its home) says where each part of
    it merged or continued elsewhere went: 第二款 → 第一条."""
    home = {n: e for e in entries for n in e.old if not e.part_of(n)}
    for e in entries:
        if not e.new:
            continue
        for p in e.parts:
            h = home.get(p.old)
            if h is not None and h is not e and h.kind != Kind.SPLIT:
                h.paragraphs_to.append(Destination(e.new[0], list(p.lines), list(p.where)))


class ConservationError(RedlineError):
    """A comparison that would lose or repeat text: a defect of redline, not of
    the input. The comparison stops rather than print a redline that omits text."""


def check_conservation(c: Comparison, old: Stage, new: Stage) -> None:
    """Every character of each text lies in exactly one entry's side, in order.

    Each old article is held whole by exactly one entry (its *home*), and that
    entry's old side, cut at its ``segments``, gives the article's text back;
    a :class:`Part` merged or continued elsewhere is named there, not repeated.
    The same holds for each new article and the new sides. The texts are
    compared exactly, character for character: the old side with its
    ``old_forms`` put back (where width or spacing, which the redline does not
    count as change, differ), the new side as the diff has it.

    Old 第二条's last paragraph joins 第一条 and the rest of it is deleted: the
    merge carries the paragraph as new words, and 第二条's own entry holds it
    whole, deleted, saying where the paragraph went.

    >>> from redline.read import parse_text
    >>> a, _ = parse_text("第一条 为了规范示例活动，制定本法。\\n"
    ...                   "第二条 国家建立示例登记制度，登记的具体办法、收费标准和期限由国务院有关主管部门另行规定并公布。\\n"
    ...                   "县级以上地方人民政府负责本行政区域内的示例登记工作，所需经费列入本级预算。\\n"
    ...                   "从事示例活动的单位应当接受社会监督。\\n第三条 本法自公布之日起施行。")
    >>> b, _ = parse_text("第一条 为了规范示例活动，制定本法。\\n从事示例活动的单位应当接受社会监督。\\n"
    ...                   "第二条 本法自公布之日起施行。")
    >>> c = compare(a, b)
    >>> [(e.kind.value, [str(n) for n in e.old]) for e in c.entries]
    [('merged', ['1', '2']), ('deleted', ['2']), ('renumbered', ['3'])]
    >>> [(str(d.new), d.where) for d in c.entries[1].paragraphs_to]
    [('1', ['第三款'])]
    >>> c.entries[0].diff[-1] = DiffOp(1, "\\n从事示例活动的单位。")
    >>> check_conservation(c, a, b)
    Traceback (most recent call last):
    ...
    redline.diff.comparison.ConservationError: redline lost or repeated text, a defect to report: entry 第一条、第二条（部分） → 第一条: new 第一条 reads '为了规范示例活动，制定本法。\\n从事示例活动的单位。', not '为了规范示例活动，制定本法。\\n从事示例活动的单位应当接受社会监督。'
    """
    for side, stage in (("old", old), ("new", new)):
        want = {a.number: a for a in stage.articles}
        held: dict[ArticleNumber, Entry] = {}
        for e in c.entries:
            numbers = e.old if side == "old" else e.new
            whole = [n for n in numbers if side == "new" or not e.part_of(n)]
            text = side_text(with_old_forms(e.diff, e.old_forms) if side == "old" else e.diff, side)
            counts = (e.segments or {}).get(side) or [text.count("\n") + 1 if text else 0] * (len(numbers) > 0)
            lines = text.split("\n") if text else []
            if len(counts) != len(numbers) or sum(counts) != len(lines):
                raise ConservationError(f"redline lost or repeated text, a defect to report: entry "
                                        f"{entry_title(e)}: its {side} side has {len(lines)} lines, "
                                        f"its articles {sum(counts)}")
            at = 0
            for n, k in zip(numbers, counts):
                got, at = lines[at:at + k], at + k
                if n not in whole:
                    if got:
                        raise ConservationError(f"redline lost or repeated text, a defect to report: "
                                                f"entry {entry_title(e)}: part of {side} {n} repeated")
                    continue
                if n in held or n not in want:
                    raise ConservationError(f"redline lost or repeated text, a defect to report: entry "
                                            f"{entry_title(e)}: {side} article {n} "
                                            + ("held twice" if n in held else "is not in the text"))
                held[n] = e
                a = want[n]
                if got != a.lines:
                    raise ConservationError(
                        f"redline lost or repeated text, a defect to report: entry {entry_title(e)}: "
                        f"{side} {a.label} reads {chr(10).join(got)!r}, not {a.text!r}")
        missing = [a.label for a in stage.articles if a.number not in held]
        if missing:
            raise ConservationError(f"redline lost or repeated text, a defect to report: "
                                    f"{side} {missing[0]} is in no entry"
                                    + (f" ({len(missing)} articles)" if len(missing) > 1 else ""))


# What every consumer says of an entry the same way (renderers, ties, messages).

def side_label(labels: list[str], parts: list[Part] | None = None, numbers=None) -> str:
    """``第六十八条、第六十九条（部分）``: the labels of one side, parts marked.

    >>> from redline.numbering import ArticleNumber as N
    >>> side_label(["第六十八条", "第六十九条"], [Part(N(69), [1])], [N(68), N(69)])
    '第六十八条、第六十九条（部分）'
    """
    partial = {p.old for p in parts or ()}
    out = []
    for k, label in enumerate(labels):
        mark = numbers is not None and numbers[k] in partial
        out.append(label + ("（部分）" if mark else ""))
    sep = "、" if any("第" in lb for lb in labels) else ", "
    return sep.join(out) if out else "—"


def entry_title(e: Entry) -> str:
    """``第十八条 → 第十九条``; ``— → 第三条`` for an inserted article; a
    continuation names the articles its content went on in, held or not:
    ``第九十四条 → 第一百零五条``."""
    old = side_label(e.old_labels, e.parts, e.old)
    new = list(e.new_labels)
    if e.kind == Kind.CONTINUED:
        from ..numbering import cn_article_label, en_article_label

        chinese = any(lb.startswith("第") for lb in e.old_labels + e.new_labels)
        for d in e.paragraphs_to:
            label = cn_article_label(d.new) if chinese else en_article_label(d.new)
            if d.new not in e.new and label not in new:
                new.append(label)
    return f"{old} → {side_label(new)}"


def is_number_only(e: Entry) -> bool:
    """Renumbered with the text unchanged: summarised, not shown one by one."""
    return e.kind == Kind.RENUMBERED and not e.changed


def is_mechanical(e: Entry) -> bool:
    """Only references that follow the renumbering changed: shown apart."""
    return e.references_only


def is_rewording(e: Entry) -> bool:
    """A translation's wording changed where the law did not: never an amendment."""
    return e.source_changed is False and (e.changed or e.rewording_hidden)


def is_substantive(e: Entry) -> bool:
    """Shown one by one: the text changed (in a translation, its wording too)."""
    if is_rewording(e):
        return True
    return e.kind != Kind.UNCHANGED and not is_number_only(e) and not is_mechanical(e)



def other_text(old: Stage, new: Stage, headings: list[HeadingChange]) -> list[TextChange]:
    """Annexes whose own lines changed (paired as their headings are; one added or
    dropped whole), and the footnotes: text a comparison of articles would miss.

    >>> from redline.read import parse_text
    >>> a, _ = parse_text("第一条 甲。\\n## 附件一\\n1．条例")
    >>> b, _ = parse_text("第一条 甲。\\n## 附件一\\n1．条例（已废止）")
    >>> [(t.where, [tuple(op) for op in t.diff]) for t in other_text(a, b, compare_divisions(a.divisions, b.divisions))]
    [('附件一', [(0, '1．条例'), (1, '（已废止）')])]
    """
    lang = new.language
    old_div = {d.id: d for d in old.divisions}
    new_div = {d.id: d for d in new.divisions}
    out = []
    for h in headings:
        a = old_div.get(h.old) if h.old else None
        b = new_div.get(h.new) if h.new else None
        before, after = "\n".join(a.lines) if a else "", "\n".join(b.lines) if b else ""
        div = b or a
        if div is not None and (before or after) and norm_text([before], lang) != norm_text([after], lang):
            out.append(TextChange(div.heading, diff_texts(before, after, lang).ops))
    for where, a_lines, b_lines in (("footnotes", [f["text"] for f in old.footnotes],
                                     [f["text"] for f in new.footnotes]),
                                    ("outside", old.stray_lines, new.stray_lines)):
        before, after = "\n".join(a_lines), "\n".join(b_lines)
        if norm_text([before], lang) != norm_text([after], lang):
            out.append(TextChange(where, diff_texts(before, after, lang).ops))
    return out


def _attach(a, entries: list[Entry], old: Stage, new: Stage) -> None:
    """Anchor annotation ``a`` in the entry showing its article, on its side."""
    from .annotations import anchor

    for side, stage in (("new", new), ("old", old)):
        if a.stage != stage.stage or (a.stage == old.stage == new.stage and side == "old"):
            continue
        for e in entries:
            if a.article not in (e.new if side == "new" else e.old):
                continue
            offset, _ = anchor(side_text(e.diff, side), a.quote, a.prefix, a.suffix)
            if offset is not None:
                e.annotations.append(Note(a.id, side, offset, len(a.quote), a.quote, a.note, a.en))
                return


def compare_structure(old: Stage, new: Stage, missing: list[str]) -> Comparison:
    """Two stages known by their headings only (tables of contents)."""
    return Comparison(_info(old), _info(new), [],
                      compare_divisions(old.divisions, new.divisions, new.language), missing)


def _entry(link: Link, old: Stage, new: Stage, mapping, lang: str) -> Entry:
    olds = [old.articles[i] for i in link.old]
    news = [new.articles[j] for j in link.new]
    # A part merged here from an article held whole elsewhere (its home entry,
    # which shows it removed) is new words here: each old line lies in exactly
    # one entry's old side, so dropping the insertions of every entry gives
    # back the old text once (see check_conservation).
    part_of = {p.old for p in link.parts}
    old_texts = ["" if i in part_of else a.text for i, a in zip(link.old, olds)]
    new_texts = [b.text for b in news]
    new_text = "\n".join(new_texts)
    segments = {}
    if len(olds) > 1 or len(news) > 1:
        segments = {"old": [t.count("\n") + 1 if t else 0 for t in old_texts],
                    "new": [t.count("\n") + 1 for t in new_texts]}
    old_text = "\n".join(t for t in old_texts if t)
    kind = link.kind
    refs_only = False
    timed_out = False
    forms: list[tuple[int, int, str]] = []
    if kind == Kind.INSERTED:
        ops, sim = [DiffOp(INSERT, new_text)], None
    elif kind == Kind.DELETED:
        ops, sim = [DiffOp(DELETE, old_text)], None
    elif kind == Kind.CONTINUED:
        # Reworded past a character diff's use: both texts whole, the old one
        # removed and the new one added; the similarity says how much carried over.
        ops = [DiffOp(DELETE, old_text)] * bool(old_text) + [DiffOp(INSERT, new_text)] * bool(new_text)
        sim = link.score or None  # none measured (a crime folded into the gathered liability)
    elif kind == Kind.UNCHANGED or (kind == Kind.RENUMBERED and not link.parts
                                 and norm_text([old_text], lang) == norm_text([new_text], lang)):
        # Same text once width and spacing are set aside: nothing to diff, but
        # where the characters differ, the old ones are kept (old_forms).
        ops, sim = [DiffOp(EQUAL, new_text)], 1.0
        if old_text != new_text and lang == "zh":
            td = diff_texts(old_text, new_text, lang)
            if side_text(td.ops, "new") == new_text and all(op == EQUAL for op, _ in td.ops):
                forms = td.old_forms
    else:
        td = diff_texts(old_text, new_text, lang)
        ops, sim, timed_out, forms = td.ops, td.similarity, td.timed_out, td.old_forms
        if kind in (Kind.RENUMBERED, Kind.MODIFIED, Kind.MOVED) and any(op != EQUAL for op, _ in ops):
            refs_only = references_follow(ops, mapping, lang)
            if kind == Kind.RENUMBERED and not refs_only:
                # Same words, but a reference now points elsewhere: substantive.
                kind = Kind.MODIFIED
    division = (news[0] if news else olds[0]).division
    entry = Entry(kind, [a.number for a in olds], [b.number for b in news],
                  [a.label for a in olds], [b.label for b in news], sim, ops, division,
                  refs_only, [Part(old.articles[p.old].number, list(p.lines),
                                   [old.articles[p.old].locate(k, lang) for k in p.lines])
                              for p in link.parts], timed_out, segments)
    if kind == Kind.SPLIT and len(olds) == 1:
        entry.paragraphs_to = destinations(olds[0], news, lang, rarity(new))
        by_number = {b.number: b for b in news}
        for d in entry.paragraphs_to:
            went = "\n".join(olds[0].lines[k] for k in d.paragraphs)
            d.diff = diff_texts(went, by_number[d.new].text, lang).ops
    for i, j, lines in link.went:
        entry.paragraphs_to.append(Destination(new.articles[j].number, list(lines),
                                               [old.articles[i].locate(k, lang) for k in lines]))
    entry.old_forms = forms
    if olds and olds[0].division != division:
        entry.old_division = olds[0].division
    for side, arts in (("old", olds), ("new", news)):
        if len({a.division for a in arts}) > 1:
            entry.divisions_each[side] = [a.division for a in arts]
    return entry


#: A paragraph of a split article goes to the new article holding the largest
#: share of its character pairs (each weighed by its rarity, so that 主管部门 and
#: 应当 count for little), if that share is at least PARAGRAPH_FOUND; it goes
#: also, as "part", to another holding at least PART_SHARE of its pairs that the
#: first lacks (a sentence moved out on its own), PART_PAIRS of them at least.
#: Where two articles hold shares within MARGIN of each other, the paragraph is
#: named only where words of its own went.
PARAGRAPH_FOUND = 0.4
MARGIN = 0.15
PART_SHARE = 0.25
PART_PAIRS = 8


_RARITY: dict[int, tuple] = {}


def rarity(stage: Stage) -> Callable[[frozenset], float]:
    """Weight of a set of character pairs: each pair counts log(1 + articles /
    articles of ``stage`` that have it), so 主管部门 or 应当 count for little.
    Built once per stage, on the first split."""
    key = id(stage)
    if key not in _RARITY or _RARITY[key][0] is not stage:
        shingle = shingles_for(stage.language)
        df = Counter(x for a in stage.articles for x in shingle(mask_refs(norm_text(a.lines, stage.language))))
        _RARITY.clear()  # one stage at a time: the cache never grows
        n = len(stage.articles)
        _RARITY[key] = (stage, lambda xs: sum(math.log(1 + n / df.get(x, 1)) for x in xs))
    return _RARITY[key][1]


def destinations(old_article, news: list, lang: str,
                 weight: Callable[[frozenset], float] = len) -> list[Destination]:
    """Where each paragraph of a split article went: judged paragraph by
    paragraph against each new article (a single diff of the joined texts cannot
    follow a paragraph that went to an article placed before its predecessor's).

    >>> from redline.model import Article
    >>> a = Article(ArticleNumber(99), "第九十九条", None, ["国家支持开展科学研究。", "鼓励社会力量参与宣传教育。", "各级人民政府加强宣传。"])
    >>> b = Article(ArticleNumber(6), "第六条", None, ["鼓励社会力量参与防治工作和宣传教育。"])
    >>> c = Article(ArticleNumber(12), "第十二条", None, ["国家支持开展科学研究。", "各级人民政府应当加强宣传。"])
    >>> [(str(d.new), d.where) for d in destinations(a, [b, c], "zh")]
    [('6', ['第二款']), ('12', ['第一款', '第三款'])]
    """
    shingle = shingles_for(lang)
    in_new = [shingle(mask_refs(norm_text(b.lines, lang))) for b in news]
    goes: dict[int, set[int]] = {}
    for o, line in enumerate(old_article.lines):
        mine = shingle(mask_refs(norm_key(line, lang)))
        if not mine:
            continue
        found = [weight(mine & theirs) for theirs in in_new]
        ranked = sorted(range(len(news)), key=lambda j: (-found[j], j))
        best, total = ranked[0], weight(mine)
        if found[best] < PARAGRAPH_FOUND * total:
            continue
        if len(ranked) > 1 and found[best] - found[ranked[1]] < MARGIN * total:
            # Two articles about as like it: it goes to the first only if words
            # of its own went there, which the second lacks; else it is not named.
            if weight((mine & in_new[best]) - in_new[ranked[1]]) < PART_SHARE * total:
                continue
        goes[o] = {best} | {j for j in range(len(news)) if j != best
                            and len((mine & in_new[j]) - in_new[best]) >= PART_PAIRS
                            and weight((mine & in_new[j]) - in_new[best]) >= PART_SHARE * total}
    para_of = [line_position(old_article.lines, o)[0] for o in range(len(old_article.lines))]
    part = "（部分）" if lang == "zh" else " (part)"
    out = []
    for k, b in enumerate(news):
        lines = sorted(o for o, js in goes.items() if k in js)
        if not lines:
            continue
        # A paragraph that went whole, its items with it, is named as a paragraph.
        where, named = [], set()
        for o in lines:
            whole = [x for x in range(len(para_of)) if para_of[x] == para_of[o]]
            if all(goes.get(x) == {k} for x in whole):
                if para_of[o] not in named:
                    named.add(para_of[o])
                    where.append(old_article.locate(whole[0], lang))
            else:
                where.append(old_article.locate(o, lang) + (part if len(goes[o]) > 1 else ""))
        out.append(Destination(b.number, lines, where))
    return out
