"""The Word page a client receives: paper, page numbers, language, fonts, and a
Chinese title block; shared by the tracked-changes file and the Word 对照表.

python-docx's blank template is US Letter, en-US, with a Japanese theme whose
fonts the styles take through theme attributes (``w:eastAsiaTheme``), which
outrank a font set beside them. So the theme attributes are removed and every
font is named: a Song face for the body and a Hei face for headings, each
with its Windows name, Chinese name and charset in the font table, which Word
and LibreOffice use to find a substitute where the face is not installed.
"""

from __future__ import annotations

import re

from ..diff.comparison import Comparison, StageInfo

#: Paper sizes in twentieths of a point (Word's unit): A4 and US Letter.
PAPERS = {"a4": (11906, 16838), "letter": (12240, 15840)}
#: 2.5 cm on each side, in twentieths of a point.
MARGIN = 1417
#: (eastAsia face, its Chinese name, Latin face) for the body and the headings.
BODY = ("SimSun", "宋体", "Times New Roman")
HEADING = ("SimHei", "黑体", "Arial")


def text_width(paper: str, landscape: bool = False) -> int:
    """Width between the margins, in twentieths of a point.

    >>> text_width("a4")
    9072
    """
    w, h = PAPERS[paper]
    return (h if landscape else w) - 2 * MARGIN


#: A manifest's date: 2016-11-07, 2020-04 or 2021.
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def zh_date(date: str | None) -> str:
    """A date as Chinese texts write it.

    >>> zh_date("2016-11-07"), zh_date("2020-04"), zh_date("2021"), zh_date(None)
    ('2016年11月7日', '2020年4月', '2021年', '')
    """
    m = _DATE.fullmatch(date or "")
    if not m:
        return date or ""
    y, mo, d = m.groups()
    return f"{y}年" + (f"{int(mo)}月" if mo else "") + (f"{int(d)}日" if d else "")


#: The Chinese in brackets a manifest's stage name carries: "adopted law (通过文本)".
_ZH_BRACKETS = re.compile(r"\s*[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]")


def zh_name(info: StageInfo) -> str:
    """A stage's name in Chinese: the manifest's name where it is Chinese, or its
    Chinese part in brackets; else the stage's id.

    >>> zh_name(StageInfo("l", "draft1", "", "zh", 0, name="revision draft, first reading (修订草案一审稿)"))
    '修订草案一审稿'
    >>> zh_name(StageInfo("l", "final", "", "zh", 0, name="adopted law"))
    'final'
    """
    name = info.name or ""
    inner = _ZH_BRACKETS.findall(name)
    if inner:
        return inner[-1]
    if re.search(r"[\u4e00-\u9fff]", name):
        return name
    return info.stage or info.title or ""


def en_name(info: StageInfo) -> str:
    """A stage's name for an English line: the manifest's name without its
    Chinese in brackets; the stage's id where there is no name.

    >>> en_name(StageInfo("l", "final", "", "zh", 0, name="adopted law (通过文本)"))
    'adopted law'
    >>> en_name(StageInfo("l", "draft1", "", "zh", 0))
    'draft1'
    """
    name = _ZH_BRACKETS.sub("", info.name or "").strip()
    return name or info.name or info.stage


def title_block(c: Comparison, title: str | None = None) -> tuple[str, str]:
    """The title and the stages line of the first page: in Chinese for a Chinese
    text (修订草案一审稿（2020年4月）→ 修订草案二审稿（2020年8月）)."""
    from .common import stage_line

    head = title or c.new.title or c.old.title or c.new.law
    if c.new.language != "zh":
        return head, stage_line(c)

    def side(info: StageInfo) -> str:
        when = zh_date(info.date)
        return zh_name(info) + (f"（{when}）" if when else "")

    return head, f"{side(c.old)} → {side(c.new)}"


def new_document(c: Comparison, *, paper: str = "a4", landscape: bool = False):
    """A blank python-docx Document set up as above, its properties naming the
    two texts' sources."""
    from docx import Document

    doc = Document()
    lang = "zh-CN" if c.new.language == "zh" else "en-US"
    _page(doc, paper, landscape)
    _fonts(doc, lang)
    _page_numbers(doc)
    props = doc.core_properties
    props.language = lang
    props.title = _XML_ILLEGAL.sub("", title_block(c)[0])[:255]
    when = _datetime(c.new.date)  # the text's date, not the clock: the same texts, the same file
    if when is not None:
        props.created = props.modified = when
    props.subject = "redline"
    # The texts' sources, whole: python-docx's setter stops at 255 characters, a
    # limit of its own (Word keeps longer comments), which two paths and hashes pass.
    sources = "; ".join(f"{side}: {info.stage or ''} {_source(info)}".strip()
                        for side, info in (("old", c.old), ("new", c.new)))
    props._element._get_or_add("description").text = _XML_ILLEGAL.sub("", sources)
    return doc


#: Characters XML 1.0 cannot hold (a file name may carry them).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _datetime(date: str | None):
    """``2016-11-07`` (or ``2020-04``, ``2021``) as a datetime, else None."""
    from datetime import datetime

    m = _DATE.fullmatch(date or "")
    if not m:
        return None
    y, mo, d = m.groups()
    return datetime(int(y), int(mo or 1), int(d or 1))


def _source(info: StageInfo) -> str:
    src = info.source or {}
    where = src.get("path") or src.get("url") or ""
    return f"{where} sha256 {src['sha256']}" if src.get("sha256") else where


def _page(doc, paper: str, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Twips

    w, h = PAPERS[paper]
    for section in doc.sections:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            w, h = h, w
        section.page_width, section.page_height = Twips(w), Twips(h)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Twips(MARGIN))


def _fonts(doc, lang: str) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _name_fonts(rpr, BODY)
    lang_el = rpr.find(qn("w:lang"))
    lang_el.set(qn("w:val"), lang)
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    _name_fonts(normal.element.get_or_add_rPr(), BODY)
    # Every font the template takes from its theme, named instead: a theme's major
    # face (headings, table headers) is the Hei face, its minor face the Song.
    for fonts in styles.iter(qn("w:rFonts")):
        themed = fonts.get(qn("w:eastAsiaTheme")) or fonts.get(qn("w:asciiTheme")) or ""
        if themed:
            _name_fonts(fonts.getparent(), HEADING if themed.startswith("major") else BODY)
    for style in doc.styles:
        el = style.element
        if style.name.lower().startswith(("heading", "title")) and el.rPr is not None:
            _name_fonts(el.rPr, HEADING)
            color = el.rPr.find(qn("w:color"))
            if color is not None:  # the template's blue, taken from its theme
                el.rPr.remove(color)
            style.font.color.rgb = RGBColor(0, 0, 0)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang)
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    _font_table(doc)


def _name_fonts(rpr, faces: tuple[str, str, str]) -> None:
    """Name the faces on ``rpr`` and drop the theme attributes that would outrank them."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        from docx.oxml import OxmlElement

        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    east, _, latin = faces
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:cs"), latin)


def _font_table(doc) -> None:
    """The two Chinese faces in the font table, with their Chinese names and the
    GB2312 charset: what a reader without them substitutes from."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    part = next((r.target_part for r in doc.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    root = parse_xml(part.blob)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for east, zh, _ in (BODY, HEADING):
        if east in have:
            continue
        root.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{east}"><w:altName w:val="{zh}"/>'
            '<w:charset w:val="86"/><w:family w:val="' + ("roman" if east == BODY[0] else "modern")
            + '"/><w:pitch w:val="variable"/></w:font>'))
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_numbers(doc) -> None:
    """A centred page number in the footer, as a PAGE field Word and LibreOffice fill in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for section in doc.sections:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
                              '</w:fldSimple>'))


def add_title(doc, c: Comparison, title: str | None = None, suffix: str = "") -> None:
    """The title block: the title as a heading, the stages line under it."""
    head, stages = title_block(c, title)
    doc.add_heading(head + suffix, level=1)
    doc.add_paragraph(stages)
