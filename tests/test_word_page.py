"""Word files as a client receives them: A4 (or Letter), page numbers, zh-CN, the
fonts named where the theme cannot override them, a Chinese title block, and in
the Word 对照表 two wide text columns and a narrow, optional 说明."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from conftest import invoke

AEPL = ["draft1", "draft2", "--law", "animal-epidemic-prevention-law"]


def _parts(path):
    z = zipfile.ZipFile(path)
    return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


@pytest.fixture(scope="module")
def words(tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("word")
    out = {}
    for name, args in (("docx", ["--format", "docx"]), ("table", ["--format", "table"]),
                       ("letter", ["--format", "docx", "--paper", "letter"]),
                       ("bare", ["--format", "table", "--notes", "none", "--title", "动物防疫法修订对照"])):
        path = tmp / f"{name}.docx"
        code, _, err = invoke(["compare", *AEPL, *args, "-o", str(path)])
        assert code == 1 and path.is_file(), err
        out[name] = path
    return out


def test_a4_page_numbers_language_and_fonts(words):
    for name in ("docx", "table"):
        xml = _parts(words[name])
        assert '<w:pgSz w:w="11906" w:h="16838"/>' in xml["word/document.xml"]  # A4
        footer = "".join(v for k, v in xml.items() if "footer" in k)
        assert 'w:instr=" PAGE "' in footer
        styles = xml["word/styles.xml"]
        assert re.search(r'<w:lang w:val="zh-CN" w:eastAsia="zh-CN"', styles)
        # No style takes its fonts from the (Japanese) theme: every face is named.
        assert "eastAsiaTheme" not in styles and "asciiTheme" not in styles
        assert 'w:eastAsia="SimSun"' in styles and 'w:eastAsia="SimHei"' in styles
        assert '<w:altName w:val="宋体"/>' in xml["word/fontTable.xml"]
        assert 'w:eastAsia="zh-CN"' in xml["word/settings.xml"]
        assert "themeColor" not in re.search(r'w:styleId="Heading1">.*?</w:style>', styles, re.S).group(0)
        # The sources and their sha256 in the properties, not on the page.
        assert "draft2-2020.txt sha256 bf3cd91a" in xml["docProps/core.xml"]
        assert "sha256" not in xml["word/document.xml"]
    assert '<w:pgSz w:w="12240" w:h="15840"/>' in _parts(words["letter"])["word/document.xml"]


def test_the_chinese_title_block(words):
    doc = _parts(words["docx"])["word/document.xml"]
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", doc)
    assert texts[:2] == ["中华人民共和国动物防疫法", "修订草案一审稿（2020年4月） → 修订草案二审稿（2020年8月）"]
    table = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", _parts(words["table"])["word/document.xml"])
    assert table[:2] == ["中华人民共和国动物防疫法新旧条文对照表", texts[1]]
    bare = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", _parts(words["bare"])["word/document.xml"])
    assert bare[0] == "动物防疫法修订对照"


def test_the_table_columns(words):
    doc = _parts(words["table"])["word/document.xml"]
    cols = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', doc)]
    assert [round(100 * w / sum(cols)) for w in cols] == [45, 45, 10]
    assert '<w:tblLayout w:type="fixed"/>' in doc
    doc = _parts(words["bare"])["word/document.xml"]
    assert [round(100 * int(w) / 9072) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', doc)] == [50, 50]
    first_row = re.search(r"<w:tr[ >].*?</w:tr>", doc, re.S).group(0)
    assert re.findall(r"<w:t>([^<]*)</w:t>", first_row) == ["修改前", "修改后"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_it_out_on_a4_with_the_page_number(words, tmp_path):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(words["table"])], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "table.pdf"
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.pages[1].extract_text().strip().endswith("2")  # the footer's page number


@pytest.mark.parametrize("args, words_", [
    (["--paper", "a4"], "--paper applies to Word"),
    (["--notes", "none"], "--notes applies to --format table"),
    (["--title", "x"], "--title applies to --format docx and --format table"),
    (["--format", "docx", "--layout", "side-by-side"], "--layout applies to --format terminal, html and pdf, not docx"),
    (["--format", "json", "--no-pager"], "--pager/--no-pager applies to --format terminal, not json"),
    (["--format", "html", "--style", "amendment"], "--style applies to --format changes"),
], ids=["paper", "notes", "title", "layout", "pager", "style"])
def test_options_for_other_formats_are_errors(args, words_):
    from conftest import one_line_error

    line = one_line_error(*invoke(["compare", *AEPL, *args]))
    assert words_ in line
