"""The agreements' mechanisms are checked when the corpus is read, with file and line.

A copy of the embedded corpus is mutated one line at a time; ``accords validate`` (as a
subprocess) and :func:`accords.load_corpus` report the defect at that line.
"""

from __future__ import annotations

import os
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


def mutated(tmp_path: Path, line: int, old: str, new: str) -> Path:
    """A copy of the embedded corpus with ``old`` replaced by ``new`` on ``line`` of
    :data:`AGREEMENT` (37 is the first pattern of the Moscow package, ``RETREAT``)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(default_corpus_path(), corpus)
    path = corpus / AGREEMENT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1], f"line {line} of {AGREEMENT} changed: {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return corpus


CASES = [
    (37, "type: RETREAT", "type: RETRET",
     f"{AGREEMENT}:37: unknown event type 'RETRET' (expected one of {', '.join(EVENT_TYPES)})"),
    (99, "{type: ASSAULT,",
     "{type: ASSAULT, attributes: [{name: justified, op: gt, value: true}],",
     f"{AGREEMENT}:99: provisions[4].conditions[0].none_of[0].event.attributes[0]: "
     "attribute test 'justified': op 'gt' compares numbers; got bool True"),
    (99, "{type: ASSAULT,", "{type: ASSAULT, attributes: [{name: personnel, value: many}],",
     f"{AGREEMENT}:99: provisions[4].conditions[0].none_of[0].event.attributes[0]: "
     "attribute test 'personnel': attribute 'personnel' is a number; got str 'many', "
     "which no event can match"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "old", "new", "message"), CASES, ids=["event-type", "op-on-bool", "kind"]
)
def test_load_reports_the_line(tmp_path: Path, line: int, old: str, new: str, message: str) -> None:
    corpus = mutated(tmp_path, line, old, new)
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus)
    assert [str(d) for d in info.value.defects] == [message]


def test_validate_reports_an_unknown_event_type(tmp_path: Path) -> None:
    corpus = mutated(tmp_path, *CASES[0][:3])
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
    assert CASES[0][3] in (result.stdout + result.stderr).splitlines()
