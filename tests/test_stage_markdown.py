"""A stage written as markdown (what `redline apply` writes) reads back the same:
articles, paragraphs, headings and which heading holds which article."""

import pytest

from conftest import CORPUS, CORPUS_PAIRS
from redline.read import parse_file, parse_text
from redline.read.stage_markdown import stage_markdown

FILES = sorted({f for pair in CORPUS_PAIRS for f in pair} | {"scale/民法典/2020-05-28.md"})


@pytest.mark.parametrize("rel", FILES, ids=[f.split("/", 1)[1] for f in FILES])
def test_written_stage_reads_back(rel):
    stage, _ = parse_file(CORPUS / rel)
    back, _ = parse_text(stage_markdown(stage))
    assert [(a.label, a.lines, a.division) for a in back.articles] == \
        [(a.label, a.lines, a.division) for a in stage.articles]
    assert [(d.id, d.heading) for d in back.divisions] == [(d.id, d.heading) for d in stage.divisions]
    assert back.title == stage.title
