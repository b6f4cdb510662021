"""Shared fixtures: the real corpus in ../shared/corpus, and golden files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("REDLINE_SOURCES", ROOT.parent / "shared" / "corpus"))
DATA = Path(__file__).resolve().parent / "data"

#: The real texts are there (they are for every developer and for CI). Where they
#: are not, the tests that read them are skipped, not the run: the rest still runs.
HAVE_CORPUS = (CORPUS / "cybersecurity-law" / "2016-11-07.md").is_file()
#: Fixtures that read the corpus.
CORPUS_FIXTURES = {"corpus", "csl_pair", "csl_comparison", "workspace"}


def pytest_configure(config):
    config.addinivalue_line("markers", "corpus: reads the real texts in ../shared/corpus")


def pytest_report_header(config):
    if not HAVE_CORPUS:
        return (f"THE CORPUS IS MISSING at {CORPUS}: the tests on the real texts are skipped "
                "(clone next to ../shared, or set REDLINE_SOURCES)")
    return None


def pytest_collection_modifyitems(config, items):
    """Mark every test that reads the corpus (its module uses CORPUS, or it takes
    a corpus fixture); skip them where the corpus is absent."""
    skip = pytest.mark.skip(reason=f"the corpus is missing at {CORPUS}")
    for item in items:
        module = getattr(item, "module", None)
        uses = (module is not None and "CORPUS" in vars(module)) or \
            bool(CORPUS_FIXTURES & set(getattr(item, "fixturenames", ()))) or \
            item.get_closest_marker("corpus") is not None
        if uses:
            item.add_marker(pytest.mark.corpus)
            if not HAVE_CORPUS:
                item.add_marker(skip)


#: Every pair of consecutive texts in the corpus: revisions, amendments, reading
#: drafts, a version history (paths under CORPUS).
CORPUS_PAIRS = [
    ("cybersecurity-law/2016-11-07.md", "cybersecurity-law/2025-10-28.md"),
    ("revisions/立法法/2015-03-15.md", "revisions/立法法/2023-03-13.md"),
    ("revisions/公司法/2018-10-26.md", "revisions/公司法/2023-12-29.md"),
    ("revisions/反间谍法/2014-11-01.md", "revisions/反间谍法/2023-04-26.md"),
    ("revisions/保守国家秘密法/2010-04-29.md", "revisions/保守国家秘密法/2024-02-27.md"),
    ("scale/刑法/2020-12-26.md", "scale/刑法/2023-12-29.md"),
    ("versions/生猪屠宰管理条例/1997.txt", "versions/生猪屠宰管理条例/2008.txt"),
    ("versions/生猪屠宰管理条例/2008.txt", "versions/生猪屠宰管理条例/2011.txt"),
    ("versions/生猪屠宰管理条例/2011.txt", "versions/生猪屠宰管理条例/2016.txt"),
    ("versions/生猪屠宰管理条例/2016.txt", "versions/生猪屠宰管理条例/2021.txt"),
    ("reading-drafts/动物防疫法/2015-04-24.txt", "reading-drafts/动物防疫法/draft1-2020.txt"),
    ("reading-drafts/动物防疫法/draft1-2020.txt", "reading-drafts/动物防疫法/draft2-2020.txt"),
    ("reading-drafts/动物防疫法/draft2-2020.txt", "reading-drafts/动物防疫法/2021-01-22.md"),
]


def one_line_error(code, out, err):
    """The run ended as every refusal must: exit 2, nothing on stdout, one line on
    stderr, no traceback. Returns that line."""
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("redline: error: "), err
    assert "Traceback" not in err
    return lines[0]


def invoke(args, env=None):
    """Call main() as the console script would: returns (exit code, stdout, stderr)."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    code = 0
    old_env = {}
    import os
    for k, v in (env or {}).items():
        old_env[k] = os.environ.get(k)
        os.environ[k] = v
    from redline.cli import main

    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main(args)
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    finally:
        for k, v in old_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return code, out.getvalue(), err.getvalue()




def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def csl_pair():
    from redline.read import parse_file

    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md",
                        law="cybersecurity-law", stage="final")
    new, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md",
                        law="cybersecurity-law", stage="amended")
    return old, new


@pytest.fixture(scope="session")
def csl_comparison(csl_pair):
    from redline.diff.comparison import compare

    return compare(*csl_pair)


@pytest.fixture
def workspace(tmp_path):
    """A drafts/ folder holding a copy of the project's manifests and the
    translations they list, sources = corpus."""
    import shutil

    from redline.workspace.drafts import Workspace

    drafts = tmp_path / "drafts"
    for manifest in (ROOT / "drafts").glob("*/manifest.yaml"):
        (drafts / manifest.parent.name).mkdir(parents=True)
        shutil.copy(manifest, drafts / manifest.parent.name / "manifest.yaml")
        if (manifest.parent / "translations").is_dir():
            shutil.copytree(manifest.parent / "translations", drafts / manifest.parent.name / "translations")
    return Workspace(drafts, CORPUS)


# Word read back: what Accept All and Reject All must give.

def word_text(stage):
    """The stage as Word should read: each heading before the first article
    under it (a chapter before its sections), each article's paragraphs, its
    number opening the first; headings with no article (annexes) at the end, with
    their own lines."""
    from redline.normalise import norm_key

    by_id = {d.id: d.heading for d in stage.divisions}
    out, shown = [], set()
    for a in stage.articles:
        parts = a.division.split("__") if a.division else []
        for k in range(1, len(parts) + 1):
            level = "__".join(parts[:k])
            if level not in shown and level in by_id:
                shown.add(level)
                out.append(norm_key(by_id[level]))
        out += [norm_key(a.label + "　" + a.lines[0]), *(norm_key(x) for x in a.lines[1:])]
    for d in stage.divisions:  # headings no article stands under (annexes), with their lines
        if d.id not in shown:
            out += [norm_key(d.heading), *(norm_key(x) for x in d.lines)]
    return out


def word_read(c, data, choice):
    """The Word file after Accept All or Reject All, its title block left out."""
    from redline.normalise import norm_key
    from redline.render.docx import read_back
    from redline.render.word_page import title_block

    top = {norm_key(x) for x in title_block(c)}
    return [k for x in read_back(data, choice) if (k := norm_key(x)) not in top]
