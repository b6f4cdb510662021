"""--format pdf: the HTML redline printed by headless Chromium, text kept."""

import io
import shutil

import pytest

from conftest import invoke

def _truetype_cjk() -> bool:
    """Has this machine a CJK font --format pdf prints with (not Noto's CFF)?"""
    import subprocess

    if not shutil.which("fc-list"):
        return False
    families = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return any(f in families for f in ("Droid Sans Fallback", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"))


TRUETYPE_CJK = _truetype_cjk()

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                                reason="chromium is not installed (.ci/run installs it)")


def test_the_csl_redline_as_pdf(workspace, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "csl.pdf"
    code, _, err = invoke(["compare", "final", "amended", "--format", "pdf", "-o", str(out),
                           "--drafts", str(workspace.drafts), "--sources", str(workspace.sources)])
    if not TRUETYPE_CJK:  # Noto alone would make a PDF that reads wrong: refused, and said
        assert code == 2 and "fonts-droid-fallback" in err and not out.exists()
        return
    assert code == 1, err
    pdf = PdfReader(io.BytesIO(out.read_bytes()))
    pages = len(pdf.pages)
    assert pages > 3
    text = "\n".join(p.extract_text() for p in pdf.pages)
    first = pdf.pages[0].extract_text()
    # title block, page number (pypdf reads the print's wide spaces as two)
    assert "中华人民共和国网络安全法" in first and f"1 / {pages}" in " ".join(first.split())
    assert "第五十九条 → 第六十一条" in " ".join(text.split()) and "可以处一万元以上五万元以下罚款" in text
    assert str(tmp_path) not in text and "/tmp" not in text and "file:" not in text


def test_the_pdf_reads_right_in_every_extractor_and_embeds_real_fonts(workspace, tmp_path):
    """With Noto CJK installed (as on a stock Debian machine), the PDF is still set
    in TrueType fonts, and pypdf, poppler and ghostscript all read 人 and 民, not
    the radicals ⼈ ⺠, and fi, not ﬁ."""
    import re
    import subprocess

    from pypdf import PdfReader

    out = tmp_path / "csl.pdf"
    code, _, err = invoke(["compare", "final", "amended", "--format", "pdf", "-o", str(out), "--all",
                           "--drafts", str(workspace.drafts), "--sources", str(workspace.sources)])
    if not TRUETYPE_CJK:
        assert code == 2 and "fonts-droid-fallback" in err and not out.exists()
        return
    assert code == 1, err
    pdf = PdfReader(io.BytesIO(out.read_bytes()))
    subtypes = {f.get_object().get("/Subtype") for p in pdf.pages
                for f in ((p.get("/Resources") or {}).get("/Font") or {}).values()}
    assert subtypes and "/Type3" not in subtypes
    texts = {"pypdf": "\n".join(p.extract_text() for p in pdf.pages)}
    if shutil.which("pdftotext"):
        texts["poppler"] = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                          text=True, check=True).stdout
    if shutil.which("gs"):
        texts["ghostscript"] = subprocess.run(["gs", "-q", "-sDEVICE=txtwrite", "-o", "-", str(out)],
                                              capture_output=True, text=True, check=True).stdout
    for name, text in texts.items():
        assert "中华人民共和国网络安全法" in text, name
        assert not re.search("[\u2e80-\u2fd5\ufb00-\ufb06]", text), name


def test_a_type3_pdf_is_refused_with_what_to_install():
    from redline.errors import RedlineError
    from redline.render.pdf import check_pdf

    # A one-page PDF with a Type 3 font, as Chromium writes Noto CJK.
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(10, 10)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type3")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    buf = io.BytesIO()
    writer.write(buf)
    pdf = buf.getvalue()
    with pytest.raises(RedlineError, match="fonts-droid-fallback"):
        check_pdf(pdf)
