"""Fuzz the corpus loader and the commands that read a corpus with mutations of the embedded one.

For every input: no exception escapes (a traceback), it finishes within ``TIME_BOUND`` seconds (a
hang), and the exit code is in the documented set (validate: 0 sound, 1 defects, 2 not a
corpus; other commands: 0 or 2). Seeded: the same run finds the same inputs.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from accords import CorpusError, read_corpus, validate_corpus
from accords.cli.main import app
from fuzz_inputs import TALLY, TIME_BOUND, CorpusCase, corpus_cases

runner = CliRunner()
_SETTINGS = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


def check_corpus_case(case: CorpusCase, *, via_cli: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = case.write(Path(tmp) / "corpus")
        start = time.perf_counter()
        try:
            defects = validate_corpus(root)
            try:
                read_corpus(root)
                loaded = True
            except CorpusError:
                loaded = False
        except CorpusError:  # not a corpus at all (corpus.yaml removed or linked away)
            defects, loaded = [], False
            TALLY["corpus: not a corpus (exit 2)"] += 1
        elapsed = time.perf_counter() - start
        assert elapsed < TIME_BOUND, f"hang: {elapsed:.1f} s for {case.what}"
        assert loaded == (not defects) or not loaded, case.what
        TALLY["corpus inputs"] += 1
        TALLY["corpus: clean errors" if defects or not loaded else "corpus: accepted"] += 1
        for defect in defects:
            assert "root:x:0:0" not in defect.message, "a linked file's content leaked"
        if via_cli:
            for args, codes in (
                (["validate", str(root)], {0, 1, 2}),
                (["list", "parties", "--corpus", str(root)], {0, 2}),
                (["show", "agreement", "us-28-point-plan", "--corpus", str(root)], {0, 2}),
            ):
                start = time.perf_counter()
                result = runner.invoke(app, args)
                assert time.perf_counter() - start < TIME_BOUND, f"hang: {args} for {case.what}"
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    raise AssertionError(f"traceback: {args} for {case.what}") from result.exception
                assert result.exit_code in codes, (args, result.exit_code, case.what, result.stderr)
                assert "Traceback" not in result.stderr
                TALLY["cli runs"] += 1


@settings(max_examples=100, **_SETTINGS)
@given(case=corpus_cases())
def test_corpus_mutations(case: CorpusCase) -> None:
    check_corpus_case(case, via_cli=len(case.what) == 1 and "value" in case.what[0])


@pytest.mark.slow
@pytest.mark.timeout(3600)
@settings(max_examples=1000, **_SETTINGS)
@given(case=corpus_cases())
def test_corpus_mutations_long(case: CorpusCase) -> None:
    check_corpus_case(case, via_cli=len(case.what) == 1)
