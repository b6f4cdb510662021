"""How a change list words its items: the NPC's Chinese, and the English of the
NPC's own translations of its decisions.

:mod:`redline.render.changes` decides *what* an item says (an article added, a
paragraph deleted, words replaced …); a wording turns that into a sentence.
Article labels come from the texts as they are (第十八条, Article 18); a
paragraph or item is ``("paragraph", 2)`` or ``("item", 1)``.

>>> ZH.rewrite("第五十九条", "第六十一条", "“…”")
'将第五十九条改为第六十一条，修改为：“…”'
>>> EN.rewrite("Article 59", "Article 61", "“…”")
'Article 59 is changed to Article 61 and amended to read: “…”'
>>> ZH.drop("第十八条", "第十九条", [("paragraph", 2)]), EN.drop("Article 18", None, [("item", 1)])
('将第十八条改为第十九条，删去第二款。', 'Item (1) of Article 18 is deleted.')
>>> EN.merged([("Article 68", ""), ("Article 69", "Item (1)")], ["Article 69"], "“…”")
'Article 68 and Item (1) of Article 69 are merged into Article 69, which is amended to read: “…”'
>>> ZH.merged([("第六十八条", ""), ("第六十九条", "第一项")], ["第六十九条"], "“…”")
'将第六十八条、第六十九条第一项合并，作为第六十九条，修改为：“…”'
"""

from __future__ import annotations

import re

from ..numbering import cn_to_int, int_to_cn
from ..diff.structure import division_label, division_levels, division_word

Place = tuple[str, int]  # ("paragraph", 2) or ("item", 1)


class ZhWording:
    """As the NPC's decisions word them (see the forms in :mod:`.changes`)."""

    language = "zh"
    list_sep = "、"  # between places within one article: 第一项、第二项

    def place(self, p: Place) -> str:
        return f"第{int_to_cn(p[1])}{'款' if p[0] == 'paragraph' else '项'}"

    def _head(self, old: str, new: str | None) -> str:
        return f"将{old}改为{new}，" if new else ""

    def inserted(self, new: str, quote: str) -> str:
        return f"增加一条，作为{new}：{quote}"

    def deleted(self, old: str) -> str:
        return f"删去{old}。"

    def merged(self, sources: list[tuple[str, str]], news: list[str], quote: str) -> str:
        """``sources``: (article label, where in it, or "" for all of it)."""
        what = "、".join(label + where for label, where in sources)
        into = f"作为{news[0]}" if len(news) == 1 else f"分别作为{'、'.join(news)}"
        return f"将{what}合并，{into}，修改为：{quote}"

    def split(self, old: str, news: list[str], quote: str) -> str:
        return f"将{old}分为{int_to_cn(len(news))}条，分别作为{'、'.join(news)}，修改为：{quote}"

    def moved(self, old: str, new: str) -> str:
        return f"将{old}改为{new}。"

    def drop(self, old: str, new: str | None, places: list[Place]) -> str:
        what = "、".join(map(self.place, places))
        return f"{self._head(old, new)}删去{what}。" if new else f"删去{old}{what}。"

    def add(self, old: str, new: str | None, p: Place, quote: str) -> str:
        unit = "款" if p[0] == "paragraph" else "项"
        return (f"{self._head(old, new) if new else old}增加一{unit}，"
                f"作为{self.place(p)}：{quote}")

    def replace(self, old: str, new: str | None, before: str, after: str,
                where: Place | None = None) -> str:
        """``where``: the paragraph or item the words are in, when they are found
        elsewhere in the article too.

        >>> ZH.replace("第五十九条", None, "甲", "乙", ("paragraph", 2))
        '将第五十九条第二款中的“甲”修改为“乙”。'
        """
        place = self.place(where) if where else ""
        if new:
            return f"{self._head(old, new)}{place + '中的' if place else '其中的'}“{before}”修改为“{after}”。"
        return f"将{old}{place}中的“{before}”修改为“{after}”。"

    def rewrite(self, old: str, new: str | None, quote: str) -> str:
        return (f"{self._head(old, new)}修改为：" if new else f"将{old}修改为：") + quote

    def division(self, div_id: str, headings: dict[str, str]) -> tuple[str, str]:
        """(label, word) of a division: ("第四章第二节", "节") for ``chp_4__sec_2``."""
        return division_label(div_id), division_word(div_id)

    def holds(self, articles: tuple[str, str] | None) -> str:
        """``，包括第二十三条至第三十五条``: the articles a new or renamed heading holds."""
        if not articles:
            return ""
        first, last = articles
        return f"，包括{first}" + (f"至{last}" if last != first else "")

    def heading_renamed(self, label: str, word: str, title: str,
                        articles: tuple[str, str] | None = None) -> str:
        return f"将{label}的{word}名修改为“{title}”{self.holds(articles)}。"

    def heading_inserted(self, label: str, word: str, heading: str,
                         articles: tuple[str, str] | None = None) -> str:
        return f"增加一{word}，作为{label}：“{heading}”{self.holds(articles)}"

    def heading_deleted(self, label: str, word: str) -> str:
        return f"删去{label}的{word}名。"

    def title(self, law: str, old: str, new: str) -> str:
        return f"《{law}》修改条目" + (f"（{old} → {new}）" if old and new else "")

    def number(self, k: int) -> str:
        return f"{int_to_cn(k)}、"

    def closing(self, law: str) -> str:
        return f"《{law}》根据本决定作相应修改并对条文顺序作相应调整。"

    def nothing(self) -> str:
        return "（条文内容未作实质修改。）"


class EnWording(ZhWording):
    """As the NPC's English translations of its decisions word them."""

    language = "en"
    list_sep = " and "
    _ORDINAL = {1: "One", 2: "two", 3: "three", 4: "four", 5: "five"}

    def place(self, p: Place) -> str:
        return f"Paragraph {p[1]}" if p[0] == "paragraph" else f"Item ({p[1]})"

    def inserted(self, new: str, quote: str) -> str:
        return f"One article is added as {new}: {quote}"

    def deleted(self, old: str) -> str:
        return f"{old} is deleted."

    def merged(self, sources: list[tuple[str, str]], news: list[str], quote: str) -> str:
        what = _and([f"{where} of {label}" if where else label for label, where in sources])
        if len(news) == 1:
            return f"{what} are merged into {news[0]}, which is amended to read: {quote}"
        return f"{what} are merged and made {_and(news)}, which are amended to read: {quote}"

    def split(self, old: str, news: list[str], quote: str) -> str:
        count = self._ORDINAL.get(len(news), str(len(news))).lower()
        return f"{old} is split into {count} articles, {_and(news)}, which are amended to read: {quote}"

    def moved(self, old: str, new: str) -> str:
        return f"{old} is changed to {new}."

    def drop(self, old: str, new: str | None, places: list[Place]) -> str:
        what = _and(list(map(self.place, places)))
        verb = "is" if len(places) == 1 else "are"
        if new:
            return f"{old} is changed to {new}, and its {_lower(what)} {verb} deleted."
        return f"{what} of {old} {verb} deleted."

    def add(self, old: str, new: str | None, p: Place, quote: str) -> str:
        unit = p[0]
        if new:
            return f"{old} is changed to {new}, and one {unit} is added as {self.place(p)}: {quote}"
        return f"One {unit} is added to {old} as {self.place(p)}: {quote}"

    def replace(self, old: str, new: str | None, before: str, after: str,
                where: Place | None = None) -> str:
        place = f"{self.place(where)} of " if where else ""
        if new:
            return (f"{old} is changed to {new}, and “{before}” in "
                    f"{_lower(place) + 'it' if place else 'it'} is amended to “{after}”.")
        return f"In {place}{old}, “{before}” is amended to “{after}”."

    def rewrite(self, old: str, new: str | None, quote: str) -> str:
        if new:
            return f"{old} is changed to {new} and amended to read: {quote}"
        return f"{old} is amended to read: {quote}"

    #: Division id prefixes in English (an English text's headings say Part, Chapter, Section).
    WORDS = {"part": "part", "subpart": "subpart", "chp": "chapter", "sec": "section"}

    def division(self, div_id: str, headings: dict[str, str]) -> tuple[str, str]:
        """("Section 1 of Chapter II", "section"), the labels taken from the
        headings as the English text writes them.

        >>> EN.division("chp_2__sec_1", {"chp_2": "Chapter II: Duties", "chp_2__sec_1": "Section 1: General"})
        ('Section 1 of Chapter II', 'section')
        """
        levels = division_levels(div_id)
        labels = []
        for level_id, prefix, number in reversed(levels):
            m = re.match(r"\s*((?:Part|Chapter|Section)\s+\w+)", headings.get(level_id, ""), re.I)
            labels.append(m.group(1) if m else f"{self.WORDS[prefix].title()} {number}")
        return " of ".join(labels), self.WORDS[levels[-1][1]]

    def holds(self, articles: tuple[str, str] | None) -> str:
        if not articles:
            return ""
        first, last = articles
        if last == first:
            return f", comprising {first}"
        if first.startswith("Article ") and last.startswith("Article "):
            return f", comprising Articles {first[8:]} to {last[8:]}"
        return f", comprising {first} to {last}"

    def heading_renamed(self, label: str, word: str, title: str,
                        articles: tuple[str, str] | None = None) -> str:
        return f"The title of {label} is amended to read “{title}”{self.holds(articles)}."

    def heading_inserted(self, label: str, word: str, heading: str,
                         articles: tuple[str, str] | None = None) -> str:
        return f"One {word} is added as {label}: “{heading}”{self.holds(articles)}"

    def heading_deleted(self, label: str, word: str) -> str:
        return f"The title of {label} is deleted."

    def title(self, law: str, old: str, new: str) -> str:
        return f"{law}: amendments" + (f" ({old} → {new})" if old and new else "")

    def number(self, k: int) -> str:
        return f"{k}. "

    def closing(self, law: str) -> str:
        the = "" if law.lower().startswith("the ") else "The "
        return (f"{the}{law} is amended correspondingly, and the order of its articles "
                "is adjusted accordingly.")

    def nothing(self) -> str:
        return "(No article's wording changed in substance.)"


class ZhAmendmentWording(ZhWording):
    """As a 修正案 words its items: the numbering is kept, so no article changes
    number, a new article is 第X条之一 placed after its base, and each article is
    named with the law's short name (刑法第X条).

    >>> w = ZhAmendmentWording("中华人民共和国刑法")
    >>> w.inserted("第一百三十三条之二", "“……”")
    '在刑法第一百三十三条之一后增加一条，作为第一百三十三条之二：“……”'
    >>> w.rewrite("第一百六十四条", None, "“……”")
    '将刑法第一百六十四条修改为：“……”'
    """

    def __init__(self, law: str):
        self.short = re.sub(r"^中华人民共和国", "", law or "")

    def _name(self, label: str) -> str:
        return f"{self.short}{label}"

    def inserted(self, new: str, quote: str) -> str:
        m = re.fullmatch(r"(第.+?条)(?:之(.+))?", new)
        if m and m.group(2):
            sub = cn_to_int(m.group(2))
            base = m.group(1) + (f"之{int_to_cn(sub - 1)}" if sub > 1 else "")
            return f"在{self._name(base)}后增加一条，作为{new}：{quote}"
        return super().inserted(new, quote)

    def deleted(self, old: str) -> str:
        return super().deleted(self._name(old))

    def drop(self, old, new, places):
        return super().drop(self._name(old), new, places)

    def add(self, old, new, p, quote):
        return f"在{self._name(old)}中{super().add('', new, p, quote)}"

    def replace(self, old, new, before, after, where=None):
        return super().replace(self._name(old), new, before, after, where)

    def rewrite(self, old, new, quote):
        return super().rewrite(self._name(old), new, quote)

    def title(self, law: str, old: str, new: str) -> str:
        return f"《{law}》修正案" + (f"（{old} → {new}）" if old and new else "")

    def closing(self, law: str) -> str:
        return ""


def _and(items: list[str]) -> str:
    """
    >>> _and(["Article 1"]), _and(["Article 1", "Article 2"]), _and(["A", "B", "C"])
    ('Article 1', 'Article 1 and Article 2', 'A, B and C')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _lower(text: str) -> str:
    """'Paragraph 2 and Item (1)' -> 'paragraph 2 and item (1)'."""
    return re.sub(r"\b(Paragraph|Item)\b", lambda m: m.group(1).lower(), text)


ZH = ZhWording()
EN = EnWording()


def wording(language: str) -> ZhWording:
    return EN if language == "en" else ZH
