"""Readers (redline/read): PDF printed by Chromium, Word written by python-docx,
UTF-16 text and downloads, each compared with the corpus markdown it was made from.

The PDF and .docx files are made from the corpus at test time and never committed.
"""

from __future__ import annotations

import http.server
import os
import threading

import pytest

from bench.printpdf import CHROMIUM, blocks, print_pdf
from conftest import CORPUS, invoke
from redline.diff.comparison import compare
from redline.read import parse_file, reader_for

LAWS = ["cybersecurity-law/2016-11-07.md", "revisions/公司法/2023-12-29.md"]


def _same_articles(a, b):
    c = compare(a, b).to_json()
    assert c["summary"] == {"unchanged": len(a.articles)}, c["summary"]
    assert all(d["kind"] == "unchanged" for d in c["divisions"])


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Corpus laws printed to PDF by headless Chromium: a column 16em wide so that
    every paragraph wraps, and Chromium's header and footer (date, title, the
    file's address and the page number "3/38") on every page."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    folder = tmp_path_factory.mktemp("pdf")
    return {rel: print_pdf(CORPUS / rel, folder / (rel.replace("/", "_") + ".pdf"))
            for rel in LAWS}


@pytest.mark.parametrize("rel", LAWS)
def test_a_printed_pdf_reads_as_its_source(printed, rel):
    st, warnings = parse_file(printed[rel])
    source, _ = parse_file(CORPUS / rel)
    _same_articles(source, st)
    # The page furniture was dropped, and said so: Chromium's footer carries the page number.
    assert any("dropped browser print header or footer" in w and "file:" in w for w in warnings)
    assert not any("text outside any article" in w for w in warnings)


def test_a_pdf_s_fonts_are_built_once_and_the_text_is_the_same(printed, monkeypatch):
    """Each font a PDF's pages share is built once per reading (pypdf builds it
    again for every page): the text must be what pypdf alone gives, and pypdf is
    left as it was found."""
    from contextlib import nullcontext

    from redline.read import pdf

    try:
        from pypdf.generic._font import Font
    except ImportError:
        pytest.skip("this pypdf builds fonts another way: nothing is cached")
    original = Font.__dict__["from_font_resource"]
    built: list[int] = []

    def counted(cls, font_dict):
        built.append(id(font_dict))
        return original.__func__(cls, font_dict)

    monkeypatch.setattr(Font, "from_font_resource", classmethod(counted))
    data = printed[LAWS[0]].read_bytes()
    once = pdf.pdf_text(data, "a.pdf")
    fonts_once = list(built)
    assert Font.__dict__["from_font_resource"].__func__ is counted  # put back as found
    built.clear()
    monkeypatch.setattr(pdf, "_fonts_read_once", nullcontext)
    assert pdf.pdf_text(data, "a.pdf") == once
    assert len(fonts_once) == len(set(fonts_once)) < len(built)


@pytest.mark.parametrize("rel", LAWS)
def test_a_word_document_reads_as_its_source(tmp_path, rel):
    import docx

    document = docx.Document()
    for level, text in blocks((CORPUS / rel).read_text(encoding="utf-8")):
        if level:
            document.add_heading(text, level=level)
        else:
            document.add_paragraph(text)
    path = tmp_path / "law.docx"
    document.save(path)
    st, warnings = parse_file(path)
    source, _ = parse_file(CORPUS / rel)
    _same_articles(source, st)
    assert warnings == []
    # Saved without its extension, it is still known by its bytes.
    bare = tmp_path / "law"
    bare.write_bytes(path.read_bytes())
    assert reader_for(str(bare), bare.read_bytes()).name == "docx"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "gb18030", "utf-8-sig"])
def test_encodings_of_text(tmp_path, encoding):
    path = tmp_path / "csl.txt"
    path.write_bytes((CORPUS / LAWS[0]).read_text(encoding="utf-8").encode(encoding))
    st, _ = parse_file(path)
    source, _ = parse_file(CORPUS / LAWS[0])
    _same_articles(source, st)


@pytest.fixture
def server(tmp_path):
    """A web server on this machine, serving tmp_path; stops at the end of the test."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(tmp_path), **k)

        def log_message(self, *args):  # the test reads stderr: keep the server's log out of it
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_import_from_an_address(server, tmp_path):
    (tmp_path / "draft.txt").write_text("第一条 为了加强\n管理，制定本法。\n— 1 —\n第二条 乙。",
                                        encoding="utf-8")
    drafts = tmp_path / "drafts"
    code, out, err = invoke(["import", f"{server}/draft.txt", "--law", "x-law", "--stage", "s1",
                             "--drafts", str(drafts)])
    assert code == 0, err
    assert "2 articles" in out and "dropped page number" in err
    text = (drafts / "x-law" / "s1.yaml").read_text(encoding="utf-8")
    assert "为了加强管理，制定本法。" in text and f"{server}/draft.txt" in text


@pytest.mark.parametrize("address, message", [
    ("/missing.txt", "the server answered 404"),
    ("http://127.0.0.1:1/x.txt", "connection refused"),
    ("https://no-such-host.invalid/x.pdf", "host not found"),
    ("http://example.org/x.pdf", "only https:// addresses"),
], ids=["404", "refused", "offline", "plain-http"])
def test_download_failures_are_one_line(server, tmp_path, address, message):
    url = server + address if address.startswith("/") else address
    code, out, err = invoke(["import", url, "--law", "x-law", "--stage", "s1",
                             "--drafts", str(tmp_path / "drafts")])
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_an_instrument_in_every_form_people_hold_it_applies_the_same(tmp_path):
    """The CSL decision as the NPC's page (.html), as a Word file, in GB18030, hard
    wrapped at 23 characters (a straight quote alone on a line, a reference cut
    across lines, the closing clause cut) and printed to PDF by Chromium: each,
    applied to the 2016 text, gives the 2025 text."""
    from docx import Document

    source = CORPUS / "cybersecurity-law/decision-2025-10-28.md"
    lines = [x.lstrip("# ") for x in source.read_text(encoding="utf-8").splitlines()
             if not x.startswith("<!--")]
    forms = {}
    doc = Document()
    for x in lines:
        if x.strip():
            doc.add_paragraph(x)
    doc.save(tmp_path / "decision.docx")
    forms["docx"] = tmp_path / "decision.docx"
    (tmp_path / "decision.html").write_text(
        "<html><body>" + "".join(f"<p>{x}</p>" for x in lines if x.strip()) + "</body></html>",
        encoding="utf-8")
    forms["html"] = tmp_path / "decision.html"
    (tmp_path / "decision-gb.txt").write_bytes("\n".join(lines).encode("gb18030"))
    forms["gb18030"] = tmp_path / "decision-gb.txt"
    wrapped = [x[k:k + 23] for x in lines for k in range(0, max(len(x), 1), 23)]
    (tmp_path / "decision-wrapped.txt").write_text("\n".join(wrapped), encoding="utf-8")
    forms["wrapped"] = tmp_path / "decision-wrapped.txt"
    if CHROMIUM:
        forms["pdf"] = print_pdf(source, tmp_path / "decision.pdf")
    elif os.environ.get("CI"):
        pytest.fail("chromium is missing: .ci/run installs Debian's chromium")
    official, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md")
    for name, path in forms.items():
        out = tmp_path / f"applied-{name}.md"
        code, _, err = invoke(["apply", str(path), str(CORPUS / "cybersecurity-law/2016-11-07.md"),
                               "-o", str(out)])
        assert code == 0, (name, err)
        applied, _ = parse_file(out)
        _same_articles(applied, official)


@pytest.fixture
def raw_server():
    """A server on this machine that answers each connection with ``reply(path)``
    (bytes, then a pause in seconds, then more bytes): the faults a real server
    has. Bounded: each connection is served once, and the thread stops with the test."""
    import socket as socketlib

    replies = {}
    listener = socketlib.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                request = conn.recv(65536).decode("latin-1")
                path = request.split(" ")[1] if " " in request else "/"
                for part in replies.get(path, [b"HTTP/1.0 404 Not Found\r\n\r\n"]):
                    if isinstance(part, (int, float)):
                        if stop.wait(part):
                            break
                    else:
                        try:
                            conn.sendall(part)
                        except OSError:
                            break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", replies
    stop.set()
    thread.join(5)
    listener.close()


def test_a_cut_download_a_slow_server_and_a_bad_redirect_are_refused(raw_server, tmp_path, monkeypatch):
    import redline.read.fetch

    base, replies = raw_server
    law = ("第一条 为了规范示例活动，制定本法。\n" * 400).encode()
    replies["/cut.txt"] = [b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                           + str(len(law)).encode() + b"\r\n\r\n" + law[:len(law) // 2]]
    replies["/ftp"] = [b"HTTP/1.0 302 Found\r\nLocation: ftp://127.0.0.1/x.txt\r\n\r\n"]
    replies["/far"] = [b"HTTP/1.0 302 Found\r\nLocation: http://example.org/x.txt\r\n\r\n"]
    replies["/slow.txt"] = [b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", law[:100], 1.5,
                            law[100:200], 1.5, law[200:300]]
    replies["/moved"] = [b"HTTP/1.0 301 Moved\r\nLocation: /law.txt\r\n\r\n"]
    replies["/law.txt"] = [b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                           + str(len("第一条 甲。".encode())).encode() + b"\r\n\r\n" + "第一条 甲。".encode()]
    monkeypatch.setattr(redline.read.fetch, "DEADLINE", 1.0)
    for path, message in (("/cut.txt", "cut short"), ("/ftp", "only https://"), ("/far", "only https://")):
        code, out, err = invoke(["import", base + path, "--law", "x-law", "--stage", "s1",
                                 "--drafts", str(tmp_path / "drafts")])
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1, (path, err)
    code, out, err = invoke(["import", base + "/moved", "--law", "x-law", "--stage", "s1",
                             "--drafts", str(tmp_path / "drafts")])
    assert code == 0, err
    assert f"url: '{base}/law.txt'" in (tmp_path / "drafts" / "x-law" / "s1.yaml").read_text(encoding="utf-8")
    # Last: the one-connection server is held while the slow answer trickles.
    code, out, err = invoke(["import", base + "/slow.txt", "--law", "x-law", "--stage", "s2",
                             "--drafts", str(tmp_path / "drafts")])
    assert code == 2 and "took over 1.0 s" in err and len(err.strip().splitlines()) == 1, err


def test_a_git_lfs_pointer_is_named_as_one(tmp_path):
    """A collection kept in Git LFS and cloned without `git lfs pull` holds
    pointers where the texts should be: said so, not "no articles found"."""
    from conftest import invoke, one_line_error

    pointer = ("version https://git-lfs.github.com/spec/v1\n"
               "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
               "size 12345\n")
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(pointer, encoding="utf-8")
    err = one_line_error(*invoke(["compare", str(tmp_path / "a.md"), str(tmp_path / "b.md")]))
    assert "Git LFS pointer" in err and "git lfs pull" in err
