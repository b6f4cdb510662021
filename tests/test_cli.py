"""The command line: exit codes, one-line errors, files written safely."""

import json
import shutil

import pytest

from conftest import CORPUS, DATA, ROOT, invoke, one_line_error


def ws_args(ws):
    return ["--drafts", str(ws.drafts), "--sources", str(ws.sources)]


def test_compare_stage_names_imports_on_first_use(workspace):
    code, out, err = invoke(["compare", "final", "amended", "--no-color", "--width", "300",
                             *ws_args(workspace)])
    assert code == 1, err
    assert "第十八条 → 第十九条  modified" in out
    # A deleted paragraph starts on its own line, the marks round its words.
    assert "发展。\n[-国家支持创新网络安全管理方式，运用网络新技术，提升网络安全保护水平。-]" in out
    assert "{+网络安全工作坚持中国共产党的领导" in out
    assert "Only renumbered (60)" in out
    # The stage files were written into drafts/ (git-ignored there).
    assert (workspace.drafts / "cybersecurity-law" / "final.yaml").is_file()
    assert (workspace.drafts / "cybersecurity-law" / "amended.yaml").is_file()
    # Second run reads the YAML and says the same.
    code2, out2, _ = invoke(["compare", "cybersecurity-law@final", "cybersecurity-law@amended",
                             "--no-color", "--width", "300", *ws_args(workspace)])
    assert (code2, out2) == (code, out)


def test_no_color_env_gives_text_marks(workspace):
    code, out, _ = invoke(["compare", "final", "amended", *ws_args(workspace)],
                          env={"NO_COLOR": "1"})
    assert "\x1b[" not in out and "{+" in out


def test_color_uses_styles_not_marks(workspace):
    code, out, _ = invoke(["compare", "final", "amended", "--color", *ws_args(workspace)])
    assert "\x1b[" in out and "[-" not in out
    assert "\x1b[9m" in out or ";9m" in out or "9;" in out  # strike-through
    assert "\x1b[4m" in out or ";4m" in out or "4;" in out  # underline


def test_all_lists_renumbered_articles_in_full(workspace):
    _, out, _ = invoke(["compare", "final", "amended", "--no-color", "--all", *ws_args(workspace)])
    assert "第三条 → 第四条  renumbered" in out and "Only renumbered" not in out


def test_json_output_and_same_file_exit_zero(tmp_path):
    src = CORPUS / "cybersecurity-law/2016-11-07.md"
    code, out, _ = invoke(["compare", str(src), str(src), "--format", "json"])
    assert code == 0
    data = json.loads(out)
    assert data["summary"] == {"unchanged": 79}


def test_output_file_is_written_and_not_overwritten(tmp_path):
    src = CORPUS / "cybersecurity-law/2016-11-07.md"
    new = CORPUS / "cybersecurity-law/2025-10-28.md"
    target = tmp_path / "out.json"
    code, _, err = invoke(["compare", str(src), str(new), "--format", "json", "-o", str(target)])
    assert code == 1 and json.loads(target.read_text())["new"]["articles"] == 81
    target.write_text("edited by hand")
    code, _, err = invoke(["compare", str(src), str(new), "--format", "json", "-o", str(target)])
    assert code == 2 and "use --force" in err and target.read_text() == "edited by hand"
    code, _, _ = invoke(["compare", str(src), str(new), "--format", "json", "-o", str(target),
                         "--force"])
    assert code == 1 and target.read_text().startswith("{")


def test_output_that_cannot_be_written_is_one_line(tmp_path):
    src = CORPUS / "cybersecurity-law/2016-11-07.md"
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = one_line_error(*invoke(["compare", str(src), str(src), "--format", "json",
                                    "-o", str(blocker / "out.json")]))
    assert "a-file: is a file, not a folder; cannot write" in line
    assert blocker.read_text() == "not a folder"


def test_missing_file(tmp_path):
    line = one_line_error(*invoke(["compare", str(tmp_path / "a.md"), str(tmp_path / "b.md")]))
    assert "no such file" in line


def test_malformed_yaml(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("law: x\narticles: [\n  - {number: 1\n", encoding="utf-8")
    line = one_line_error(*invoke(["compare", str(bad), str(bad)]))
    assert "malformed YAML" in line and "bad.yaml:" in line


def test_binary_input(tmp_path):
    b = tmp_path / "b.md"
    b.write_bytes(b"\x00\x01\x02binary")
    line = one_line_error(*invoke(["compare", str(b), str(b)]))
    assert "binary" in line


def test_undecodable_input(tmp_path):
    b = tmp_path / "b.txt"
    b.write_bytes(b"\xff\xfe\xfa\xfb" * 8)
    assert "cannot decode" in one_line_error(*invoke(["compare", str(b), str(b)]))


def test_text_with_no_articles(tmp_path):
    t = tmp_path / "t.md"
    t.write_text("# 标题\n\n没有条文的文字。\n", encoding="utf-8")
    assert "no articles" in one_line_error(*invoke(["compare", str(t), str(t)]))


def test_stage_without_text_names_the_import_command(workspace):
    line = one_line_error(*invoke(["compare", "cybersecurity-law@draft1", "final",
                                           *ws_args(workspace)]))
    assert "cybersecurity-law@draft1" in line and "has no text here" in line
    assert "redline import FILE --law cybersecurity-law --stage draft1" in line


def test_stages_known_by_their_contents(workspace):
    code, out, err = invoke(["compare", "draft2", "draft3", "--no-color", "--width", "200",
                             *ws_args(workspace)])
    assert code == 1
    assert "article texts are missing for draft2, draft3" in err
    assert "Article texts are missing for draft2, draft3" in out
    assert "Chapter II: [-Network Security -]{+Cybersecurity +}Strategy, Planning and Promotion  renamed" in out
    assert "Chapter VII: Supplementary Provisions" in out
    code, out, _ = invoke(["compare", "draft3", "final", "--format", "json", *ws_args(workspace)])
    data = json.loads(out)
    assert data["missing_text"] == ["draft3"] and data["alignment"] == []
    assert [d["new_heading"] for d in data["divisions"] if d["kind"] == "renamed"] == [
        "Chapter II: Support and Promotion of Cybersecurity",
        "Chapter V: Monitoring, Early Warnings, and Emergency Responses"]
    # A change list needs article texts.
    line = one_line_error(*invoke(["compare", "draft2", "draft3", "--format", "changes",
                                    *ws_args(workspace)]))
    assert "no article texts for draft2, draft3: a change list needs them" in line


def test_history_of_an_article(workspace):
    code, out, err = invoke(["history", "cybersecurity-law", "第十八条", "--stage", "final",
                             "--no-color", "--width", "200", *ws_args(workspace)])
    assert code == 0, err
    assert "Stages without text here: draft1, draft2, draft3" in out
    assert "第十八条 → 第十九条  modified" in out
    code, out, _ = invoke(["history", "cybersecurity-law", "71", "--format", "json",
                           *ws_args(workspace)])
    data = json.loads(out)
    (step,) = data["steps"]
    assert [(e["old"], e["new"]) for e in step["alignment"]] == [([64, 66, 70], [71])]
    code, out, _ = invoke(["history", "cybersecurity-law", "71", "--format", "html",
                           *ws_args(workspace)])
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert 'data-old="64,66,70" data-new="71"' in out and "<h2>final (2016-11-07, in force 2017-06-01)" in out


def test_history_through_an_imported_draft(workspace, tmp_path):
    draft = tmp_path / "d3.txt"
    draft.write_text("网络安全法（草案三次审议稿）\n第一条 为了保障网络安全，维护网络空间主权，制定本法。\n"
                     "第二条 在中华人民共和国境内建设、运营、维护和使用网络，适用本法。", encoding="utf-8")
    assert invoke(["import", str(draft), "--law", "cybersecurity-law", "--stage", "draft3",
                   "--drafts", str(workspace.drafts)])[0] == 0
    code, out, _ = invoke(["history", "cybersecurity-law", "1", "--stage", "amended", "--format",
                           "json", *ws_args(workspace)])
    data = json.loads(out)
    assert [(s["old"]["stage"], s["new"]["stage"]) for s in data["steps"]] == [
        ("draft3", "final"), ("final", "amended")]
    assert data["missing_text"] == ["draft1", "draft2"]


def test_history_errors(workspace):
    assert "no article 99" in one_line_error(*invoke(["history", "cybersecurity-law", "99",
                                                        *ws_args(workspace)]))
    assert "not an article number" in one_line_error(*invoke(["history", "cybersecurity-law",
                                                                "x9", *ws_args(workspace)]))


def test_unknown_stage(workspace):
    line = one_line_error(*invoke(["compare", "draft9", "final", *ws_args(workspace)]))
    assert "'draft9' is neither a file nor a stage" in line


def test_changed_source_is_refused(workspace, tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(CORPUS / "cybersecurity-law", sources / "cybersecurity-law")
    p = sources / "cybersecurity-law" / "2016-11-07.md"
    p.write_text(p.read_text(encoding="utf-8").replace("网络安全", "网路安全", 1), encoding="utf-8")
    line = one_line_error(*invoke(["compare", "final", "amended", "--drafts",
                                    str(workspace.drafts), "--sources", str(sources)]))
    assert "sha256" in line and "differs from the manifest" in line
    assert not (workspace.drafts / "cybersecurity-law" / "final.yaml").exists()


def test_import_writes_yaml_and_refuses_to_overwrite(workspace, tmp_path):
    drafts = ["--drafts", str(workspace.drafts)]
    src = DATA / "en_statute.txt"
    code, out, err = invoke(["import", str(src), "--law", "model-act", "--stage", "v1", *drafts])
    assert code == 0 and "wrote" in out and "4 articles" in out
    path = workspace.drafts / "model-act" / "v1.yaml"
    assert "Article 3" in path.read_text(encoding="utf-8")
    code, out, _ = invoke(["import", str(src), "--law", "model-act", "--stage", "v1", *drafts])
    assert code == 0 and "unchanged" in out
    path.write_text(path.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    other = DATA / "en_statute_v2.txt"
    code, out, err = invoke(["import", str(other), "--law", "model-act", "--stage", "v1", *drafts])
    assert code == 2 and "use --force" in err
    assert path.read_text(encoding="utf-8").endswith("# my note\n")
    code, out, err = invoke(["import", str(other), "--law", "model-act", "--stage", "v1",
                             "--force", *drafts])
    assert code == 0 and "5 articles" in out
    assert not list(path.parent.glob(".*.tmp"))


def test_import_a_reading_draft_then_compare(workspace, tmp_path):
    """A user who has a draft's text imports it; the stage then compares."""
    draft = tmp_path / "draft.txt"
    draft.write_text("中华人民共和国网络安全法（草案）\n第一章 总则\n第一条 为了保障网络安全，制定本法。\n"
                     "第二条 在中华人民共和国境内建设、运营、维护和使用网络，适用本法。", encoding="utf-8")
    drafts = ["--drafts", str(workspace.drafts)]
    code, out, err = invoke(["import", str(draft), "--law", "cybersecurity-law",
                             "--stage", "draft1", *drafts])
    assert code == 0, err
    code, out, err = invoke(["compare", "draft1", "final", "--law", "cybersecurity-law",
                             "--no-color", *ws_args(workspace)])
    assert code == 1 and "第一条 → 第一条  modified" in out


def test_english_compare():
    code, out, _ = invoke(["compare", str(DATA / "en_statute.txt"), str(DATA / "en_statute_v2.txt"),
                           "--no-color", "--width", "200"])
    assert code == 1
    assert "lawful {+and orderly +}use" in out or "lawful [-use-]" in out
    assert "— → Article 2  inserted" in out
    # Article 4 -> 5 only changed its reference to Article 3 -> 4, which followed.
    assert "Article 4 → Article 5: [-Article 3 -]{+Article 4 +}" in out


def test_usage_error_exit_2():
    code, out, err = invoke(["compare", "only-one"])
    assert code == 2 and "Missing argument" in err


def test_console_script_exits_with_mains_code_and_all_output(tmp_path):
    """``redline`` (cli.run) leaves with os._exit to skip the interpreter's
    teardown: its exit codes and its output must be main()'s, flushed whole."""
    import subprocess
    import sys

    src = CORPUS / "cybersecurity-law/2016-11-07.md"
    new = CORPUS / "cybersecurity-law/2025-10-28.md"

    def run(*args, stdout=subprocess.PIPE):
        return subprocess.run([sys.executable, "-m", "redline.cli", *map(str, args)],
                              stdout=stdout, stderr=subprocess.PIPE, text=True)

    same = run("compare", src, src, "--format", "json")
    assert same.returncode == 0 and json.loads(same.stdout)["new"]["articles"] == 79
    out = tmp_path / "out.json"
    with out.open("w") as f:  # a file, not a pipe: block-buffered, must still be flushed
        differ = run("compare", src, new, "--format", "json", stdout=f)
    assert differ.returncode == 1 and json.loads(out.read_text())["new"]["articles"] == 81
    missing = run("compare", tmp_path / "nope.md", src)
    assert missing.returncode == 2 and missing.stderr.startswith("redline: error: ")
    assert "Traceback" not in missing.stderr


def test_bare_stage_names_shared_by_several_laws_resolve_by_the_pair(workspace):
    # `final` is a stage of the Cybersecurity Law and of the Animal Epidemic
    # Prevention Law; `final amended` names only the first, `draft2 final` both.
    code, out, err = invoke(["verify-decision", str(CORPUS / "cybersecurity-law/decision-2025-10-28.md"),
                             "final", "amended", *ws_args(workspace)])
    assert code == 0, err
    code, out, _ = invoke(["compare", "final", "amended", "--format", "json", *ws_args(workspace)])
    assert json.loads(out)["old"]["law"] == "cybersecurity-law"
    code, out, err = invoke(["compare", "draft2", "final", *ws_args(workspace)])
    assert code == 2 and "exists in several laws" in err
    code, out, err = invoke(["compare", "draft2", "final", "--format", "json",
                             "--law", "animal-epidemic-prevention-law", *ws_args(workspace)])
    assert code == 1 and json.loads(out)["new"]["in_force"] == "2021-05-01"


# Output targets (issue 14): nothing but a regular file is ever replaced.
def test_output_refuses_devices_fifos_and_folders(tmp_path, workspace):
    import os
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, word in (("/dev/null", "is a device"), ("/dev/full", "is a device"),
                         (str(fifo), "is a FIFO")):
        code, _, err = invoke(["compare", "final", "amended", "--format", "json", "-o", target,
                               "--force", *ws_args(workspace)])
        assert code == 2 and word in err and len(err.strip().splitlines()) == 1, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISFIFO(os.stat(fifo).st_mode)
    code, _, err = invoke(["compare", "final", "amended", "-o", str(tmp_path), *ws_args(workspace)])
    assert code == 2 and "is a directory" in err


def test_output_through_a_symbolic_link_needs_force(tmp_path, workspace):
    real = tmp_path / "real.json"
    real.write_text("edited by hand", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    args = ["compare", "final", "amended", "--format", "json", "-o", str(link), *ws_args(workspace)]
    code, _, err = invoke(args)
    assert code == 2 and "is a symbolic link to" in err
    assert real.read_text(encoding="utf-8") == "edited by hand"
    code, _, err = invoke([*args, "--force"])
    assert code == 1 and "(the file" in err and "links to)" in err
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")


def test_a_full_disk_on_standard_output_is_one_line(workspace):
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-c", "from redline._entry import run; run()",
                            "compare", "final", "amended", "--format", "json",
                            *ws_args(workspace)], stdout=full, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 2
    assert p.stderr.strip() == "redline: error: cannot write the output (No space left on device)"


@pytest.mark.parametrize("args", [["--format", "json"], ["--no-color"], ["--format", "changes"]],
                         ids=["json", "terminal", "changes"])
def test_a_reader_that_goes_away_is_one_line(workspace, args):
    """`redline compare … | true`: the pipe is closed before a byte is written."""
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-c", "from redline._entry import run; run()",
                          "compare", "final", "amended", *args, *ws_args(workspace)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdout.close()  # the reader is gone before the command writes
    err = p.stderr.read()
    assert p.wait() == 2
    assert err.strip() == ("redline: error: standard output closed before everything was written "
                           "(broken pipe)")


@pytest.mark.parametrize("text", ["law: x\nstage: a\nhistory: &h [*h]\n",
                                  "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "x"] * 10) + "]\n"
                                          for i in range(12))],
                         ids=["alias cycle", "alias bomb"])
def test_a_yaml_alias_cycle_or_bomb_ends_with_one_line(tmp_path, text):
    """It ran at 100% CPU forever (a cycle) or for minutes (a 1.5 KB bomb)."""
    import time

    stage = tmp_path / "a.yaml"
    stage.write_text(text, encoding="utf-8")
    started = time.monotonic()
    err = one_line_error(*invoke(["compare", str(stage), str(stage)]))
    assert "alias" in err and time.monotonic() - started < 5
    (tmp_path / "law").mkdir()
    (tmp_path / "law" / "manifest.yaml").write_text(text, encoding="utf-8")
    code, out, err = invoke(["check", str(tmp_path)])
    assert code in (1, 2) and "alias" in out + err and time.monotonic() - started < 10


def test_a_short_write_to_a_full_disk_is_an_error_when_python_runs_unbuffered(tmp_path):
    """PYTHONUNBUFFERED=1 (containers, CI): a full disk cut the output short and
    the run still ended as if all was written."""
    import os
    import subprocess
    import sys

    small = tmp_path / "small"
    small.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(small)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        old, new = (CORPUS / "revisions/公司法/2018-10-26.md", CORPUS / "revisions/公司法/2023-12-29.md")
        with open(small / "out.json", "wb") as out:
            run = subprocess.run([sys.executable, "-c", "from redline._entry import run; run()",
                                  "compare", str(old), str(new), "--format", "json"],
                                 stdout=out, stderr=subprocess.PIPE, text=True,
                                 env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert run.returncode == 2
        assert run.stderr.strip().splitlines() == ["redline: error: cannot write the output "
                                                   "(No space left on device)"]
    finally:
        subprocess.run(["umount", str(small)], capture_output=True)


def test_a_fifo_or_a_device_is_refused_not_read(tmp_path):
    """/dev/zero reached 3.7 GB, and a FIFO no one writes to blocked forever."""
    import os

    fifo = tmp_path / "law.md"
    os.mkfifo(fifo)
    law = CORPUS / "cybersecurity-law/2016-11-07.md"
    for source in (str(fifo), "/dev/zero"):
        for args in (["import", source, "--law", "x", "--stage", "a", "--drafts", str(tmp_path / "d")],
                     ["apply", source, str(law)], ["compare", source, str(law)],
                     ["compare", str(law), str(law), "--decision", source]):
            err = one_line_error(*invoke(args))
            assert "not a regular file" in err, (args, err)


def test_a_source_with_the_wrong_hash_is_refused_before_it_is_parsed(tmp_path):
    import shutil

    drafts, sources = tmp_path / "drafts", tmp_path / "sources"
    (drafts / "cybersecurity-law").mkdir(parents=True)
    shutil.copy(ROOT / "drafts" / "cybersecurity-law" / "manifest.yaml", drafts / "cybersecurity-law")
    (sources / "cybersecurity-law").mkdir(parents=True)
    # A source that would not parse at all: the hash is what is said.
    (sources / "cybersecurity-law" / "2016-11-07.md").write_bytes(b"\x00" * 1000)
    err = one_line_error(*invoke(["compare", "cybersecurity-law@final",
                                  str(CORPUS / "cybersecurity-law/2025-10-28.md"),
                                  "--drafts", str(drafts), "--sources", str(sources)]))
    assert "differs from the manifest's" in err


def test_a_dangling_symlink_is_not_written_through(tmp_path):
    """-o through a link to a missing place made the folders there."""
    link = tmp_path / "out.html"
    link.symlink_to(tmp_path / "elsewhere" / "deep" / "x.html")
    law = CORPUS / "cybersecurity-law/2016-11-07.md"
    for extra in ([], ["--force"]):
        err = one_line_error(*invoke(["compare", str(law), str(law), "--format", "html",
                                      "-o", str(link), *extra]))
        assert "does not exist" in err
    assert not (tmp_path / "elsewhere").exists()


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path):
    import signal
    import subprocess
    import sys

    out = tmp_path / "civil.json"
    old = CORPUS / "cybersecurity-law/2016-11-07.md"
    # Stop the run inside atomic_write, after the temporary file is made: the
    # write is slowed by a hook, so the signal lands there and nowhere else.
    script = ("import time, redline.files as f\n"
              "real = f.os.replace\n"
              "def slow(a, b):\n    print('WRITING', flush=True); time.sleep(30); real(a, b)\n"
              "f.os.replace = slow\n"
              "from redline._entry import run; run()")
    proc = subprocess.Popen([sys.executable, "-c", script, "compare", str(old), str(old), "--format",
                             "json", "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "WRITING"
        assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


def _docx(path, document_xml: str) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
                   '.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
                   '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
                   'formats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml", document_xml)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_ENTITIES = "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcde", "bcdef"))


@pytest.mark.parametrize("xml, message", [
    (f"<w:document {_W}><w:body><w:p>", "Premature end"),
    (f"<w:document {_W}><w:body>" + "<w:p>" * 300 + "</w:p>" * 300 + "</w:body></w:document>", "depth"),
    (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">{_ENTITIES}]><w:document {_W}><w:body>'
     "<w:p><w:r><w:t>&f;</w:t></w:r></w:p></w:body></w:document>", "entity"),
], ids=["malformed", "nesting", "entity bomb"])
def test_a_hostile_word_file_is_one_line(tmp_path, xml, message):
    _docx(tmp_path / "x.docx", xml)
    err = one_line_error(*invoke(["compare", str(tmp_path / "x.docx"), str(tmp_path / "x.docx")]))
    assert "not a readable Word document" in err and message in err


def test_a_zip_bomb_is_refused_before_it_is_unzipped(tmp_path, monkeypatch):
    import redline.read.docx

    monkeypatch.setattr(redline.read.docx, "MAX_UNZIPPED", 1000)
    _docx(tmp_path / "x.docx", f"<w:document {_W}><w:body><w:p><w:r><w:t>{'第一条 甲。' * 500}"
                               "</w:t></w:r></w:p></w:body></w:document>")
    assert "zip bomb" in one_line_error(*invoke(["compare", str(tmp_path / "x.docx"), str(tmp_path / "x.docx")]))


def test_noncharacters_author_and_stage_fields_are_errors_or_dropped_never_tracebacks(tmp_path):
    law = tmp_path / "law.md"
    law.write_text("第一条 甲乙丙。\n", encoding="utf-8")
    odd = tmp_path / "odd.md"
    odd.write_text("第一条 甲\ufffe乙丙。\n", encoding="utf-8")
    code, out, err = invoke(["compare", str(odd), str(law), "--format", "docx", "-o", str(tmp_path / "o.docx")])
    assert code == 0 and "dropped 1 control character" in err  # U+FFFE is no text: the two agree
    assert "--author" in one_line_error(*invoke(["compare", str(odd), str(law), "--format", "docx",
                                                 "--author", "a\x01", "-o", str(tmp_path / "p.docx")]))
    for field, value, message in (("history", "5", "'history' must be a list of str"),
                                  ("divisions", "7", "'divisions'"),
                                  ("source", "[1]", "'source' must be a mapping")):
        stage = tmp_path / f"{field}.yaml"
        stage.write_text(f"law: x\nstage: a\ntitle: t\nlanguage: zh\n{field}: {value}\n"
                         "articles:\n- {number: 1, label: 第一条, division: null, text: 甲}\n", encoding="utf-8")
        assert message in one_line_error(*invoke(["compare", str(stage), str(law)])), field


def test_a_pdf_bomb_is_one_line(tmp_path):
    """A content stream that inflates past pypdf's limit (LimitReachedError)."""
    import zlib

    import io

    from pypdf import PdfWriter
    from pypdf.generic import EncodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    stream = EncodedStreamObject()
    stream._data = zlib.compress(b" " * (80 * 1024 * 1024), 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    pdf = buf.getvalue()
    (tmp_path / "bomb.pdf").write_bytes(pdf)
    err = one_line_error(*invoke(["compare", str(tmp_path / "bomb.pdf"), str(tmp_path / "bomb.pdf")]))
    assert "bomb.pdf: not a readable PDF" in err and "limit" in err.lower()


def test_thousands_of_unclosed_tags_are_read_in_linear_time(tmp_path):
    """75 KB of '<a ' took 34 s in html.parser, 150 KB over 120 s."""
    import time

    page = tmp_path / "x.html"
    page.write_text("<html><body><p>第一条 为了示例，制定本法。</p>" + "<a " * 50000, encoding="utf-8")
    law = tmp_path / "law.md"
    law.write_text("第一条 为了示例，制定本法。\n", encoding="utf-8")
    started = time.monotonic()
    code, out, err = invoke(["compare", str(page), str(law)])
    assert code in (0, 1), err
    (tmp_path / "drafts").mkdir()
    code, out, err = invoke(["check", str(tmp_path / "drafts"), "--redline", str(page), "--old", str(law),
                             "--new", str(law)])
    assert code in (0, 1) and "passed" in out + err, err
    assert time.monotonic() - started < 10


def test_version_is_the_installed_one_and_loads_no_metadata():
    """--version says the package's own version, which the installed metadata
    carries too (pyproject reads it from redline.__version__)."""
    import importlib.metadata
    import subprocess
    import sys

    code, out, _ = invoke(["--version"])
    assert code == 0 and out.strip() == f"redline, version {importlib.metadata.version('redline')}"
    loaded = subprocess.run([sys.executable, "-c", "import sys; from redline.cli import main\n"
                             "try: main(['--version'])\nexcept SystemExit: pass\n"
                             "print('importlib.metadata' in sys.modules)"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert loaded[-1] == "False"


def test_the_readme_s_excerpt_is_what_the_command_prints():
    """README, "What it prints": each piece of the excerpt (pieces between "…")
    stands, line for line and in order, in `redline compare final amended`
    without colour at a width of 100, with the project's own drafts (its
    annotations make the [1] notes)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What it prints", 1)[1]
    excerpt = section.split("```", 2)[1].strip("\n")
    code, out, _ = invoke(["compare", "final", "amended", "--no-color", "--width", "100",
                           "--drafts", str(ROOT / "drafts"), "--sources", str(CORPUS)])
    assert code == 1
    lines = out.splitlines()
    at = 0
    for piece in excerpt.split("\n…\n"):
        want = piece.strip("\n").splitlines()
        starts = [k for k in range(at, len(lines) - len(want) + 1) if lines[k:k + len(want)] == want]
        assert starts, piece
        at = starts[0] + len(want)
