"""The agreements' mechanisms are checked when the corpus is read, with file and line.

A copy of the embedded corpus is mutated one line at a time; ``accords validate`` (as a
subprocess) and :func:`accords.load_corpus` report the defect at that line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accords import load_corpus
from accords.corpus.read import default_corpus_path
from accords.exceptions import CorpusError
from accords.model.vocabulary import EVENT_TYPES

AGREEMENT = "agreements/moscow-package.yaml"


def mutated(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the embedded corpus with ``old`` replaced by ``new`` on the first line of
    :data:`AGREEMENT` that holds it; that line's number."""
    corpus = tmp_path / "corpus"
    shutil.copytree(default_corpus_path(), corpus)
    path = corpus / AGREEMENT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, start=1) if old in text)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return corpus, line


WHERE = r"provisions\[\d+\]\.conditions\[0\]\.none_of\[0\]\.event\.attributes\[0\]"
CASES = [
    ("type: RETREAT", "type: RETRET",
     re.escape(f"unknown event type 'RETRET' (expected one of {', '.join(EVENT_TYPES)})")),
    ("{type: ASSAULT,", "{type: ASSAULT, attributes: [{name: justified, op: gt, value: true}],",
     WHERE + re.escape(": attribute test 'justified': op 'gt' compares numbers; got bool True")),
    ("{type: ASSAULT,", "{type: ASSAULT, attributes: [{name: personnel, value: many}],",
     WHERE + re.escape(": attribute test 'personnel': attribute 'personnel' is a number; got "
                       "str 'many', which no event can match")),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "message"), CASES, ids=["event-type", "op-on-bool", "kind"])
def test_load_reports_the_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    corpus, line = mutated(tmp_path, old, new)
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus)
    assert len(info.value.defects) == 1
    assert re.fullmatch(f"{re.escape(AGREEMENT)}:{line}: {message}", str(info.value.defects[0]))


def test_validate_reports_an_unknown_event_type(tmp_path: Path) -> None:
    """The message of the issue, with file and line, from `accords validate` as a process."""
    corpus, line = mutated(tmp_path, "type: RETREAT", "type: RETRET")
    env = {**os.environ, "COLUMNS": "400"}
    code = "from accords.cli.main import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "validate", str(corpus)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    expected = (
        f"{AGREEMENT}:{line}: unknown event type 'RETRET' (expected one of "
        f"{', '.join(EVENT_TYPES)})"
    )
    assert expected in (result.stdout + result.stderr).splitlines()
