"""accords init: the starter corpus validates, loads, analyses and reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords import load_corpus
from accords.cli.main import app
from accords.corpus import validate_corpus
from accords.corpus.starter import STARTER_FILES, write_starter_corpus
from accords.exceptions import InputFormatError
from accords.report import build_report_data, render_html


def test_starter_corpus_is_valid_and_reports(tmp_path: Path) -> None:
    written = write_starter_corpus(tmp_path / "mine")
    assert validate_corpus(written.directory) == []
    corpus = load_corpus(written.directory)
    assert (
        len(corpus.parties),
        len(corpus.issues),
        len(corpus.agreements),
        len(corpus.sources),
    ) == (2, 2, 1, 1)
    page, n_charts = render_html(build_report_data(corpus))
    assert n_charts > 0
    assert "River ceasefire" in page


def test_init_command(tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = CliRunner().invoke(app, ["init", str(target), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["document"] == "init"
    assert sorted(document["files"]) == sorted(STARTER_FILES)
    again = CliRunner().invoke(app, ["validate", str(target)])
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize("existing", ["file", "non-empty"])
def test_refuses_to_overwrite(tmp_path: Path, existing: str) -> None:
    target = tmp_path / "there"
    if existing == "file":
        target.write_text("x", encoding="utf-8")
    else:
        target.mkdir()
        (target / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputFormatError, match="expected a new or empty directory"):
        write_starter_corpus(target)
