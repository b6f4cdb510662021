"""--format pdf: the HTML redline printed by headless Chromium, text kept."""

import io
import shutil

import pytest

from conftest import invoke

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                                reason="chromium is not installed (.ci/run installs it)")


def test_the_csl_redline_as_pdf(workspace, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "csl.pdf"
    code, _, err = invoke(["compare", "final", "amended", "--format", "pdf", "-o", str(out),
                           "--drafts", str(workspace.drafts), "--sources", str(workspace.sources)])
    assert code == 1, err
    pdf = PdfReader(io.BytesIO(out.read_bytes()))
    pages = len(pdf.pages)
    assert pages > 3
    text = "\n".join(p.extract_text() for p in pdf.pages)
    first = pdf.pages[0].extract_text()
    assert "中华人民共和国网络安全法" in first and f"1 / {pages}" in first  # title block, page number
    assert "第五十九条 → 第六十一条" in text and "可以处一万元以上五万元以下罚款" in text
    assert str(tmp_path) not in text and "/tmp" not in text and "file:" not in text
