"""``accords bargain``, ``amend`` and ``simulate`` as processes: one JSON document on stdout.

A subprocess sees what C libraries write on file descriptor 1 (HiGHS prints a licence banner
when its first solver is built), which Typer's in-process runner cannot. The library itself is
also run as a process, without the command line's descriptor redirection, so that the banner
is shown to be silenced at its source.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest

import accords
from accords.model.documents import document_class

TESTS = Path(__file__).resolve().parents[1]
LAKE = TESTS / "bargaining" / "corpora" / "lake-verun"
DINNER = (TESTS.parent / ".." / "shared" / "external" / "genius" / "group2-dinner").resolve()


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-c", "from accords.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=240,
        check=False,
    )


KESSEL = TESTS / "corpora" / "kessel-2031"
MARREN = TESTS / "forecasting" / "corpora" / "marren-2030"
TARN = TESTS / "monitor" / "corpora" / "tarn-valley"

#: (document kind or None for an error, arguments, exit code)
CASES: list[tuple[str | None, list[str], int]] = [
    ("bargain", ["bargain"], 0),
    # The embedded corpus has no package every veto player accepts: amend reports why, exits 3.
    ("amend", ["amend", "us-28-point-plan"], 3),
    ("simulate", ["simulate"], 0),
    ("bargain", ["bargain", "--corpus", str(LAKE)], 0),
    ("amend", ["amend", "borvian-counter", "--corpus", str(LAKE)], 0),
    ("simulate", ["simulate", "--corpus", str(LAKE), "--trace", "--seed", "3"], 0),
    ("bargain", ["bargain", "--corpus", str(KESSEL)], 0),
    ("amend", ["amend", "kessel-draft", "--corpus", str(KESSEL)], 0),
    ("simulate", ["simulate", "--corpus", str(MARREN)], 0),
    ("amend", ["amend", "council-draft", "--corpus", str(MARREN)], 0),
    # No stance states an ideal or a red line: nothing to bargain over, an error, no document.
    (None, ["bargain", "--corpus", str(TARN)], 2),
    ("bargain", ["bargain", "--genius", str(DINNER)], 0),
    ("simulate", ["simulate", "--genius", str(DINNER), "--rounds", "20"], 0),
]
IDS = [" ".join(a).replace(str(TESTS), "tests")[:60] for _, a, _ in CASES]


@pytest.fixture(scope="module")
def outputs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run every case once, two at a time (each is a fresh interpreter)."""
    tmp = tmp_path_factory.mktemp("bargaining-contract")

    def one(k: int) -> tuple[str, subprocess.CompletedProcess[str]]:
        return IDS[k], run([*CASES[k][1], "-f", "json"], tmp)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, range(len(CASES))))


@pytest.mark.parametrize(("kind", "args", "code"), CASES, ids=IDS)
def test_command_prints_exactly_one_document(
    outputs: dict[str, subprocess.CompletedProcess[str]],
    kind: str | None,
    args: list[str],
    code: int,
) -> None:
    if "--genius" in args and not DINNER.is_dir():
        pytest.skip("../shared/external not present")
    done = outputs[IDS[CASES.index((kind, args, code))]]
    assert done.returncode == code, done.stderr
    if kind is None:
        assert done.stdout == ""
        assert "error:" in done.stderr
        return
    document = json.loads(done.stdout)  # one document: a banner or trailing text fails here
    assert document["document"] == kind
    assert document["schema_version"] >= 1
    assert document["accords_version"] == accords.__version__
    jsonschema.validate(document, document_class(kind).json_schema())
    if done.returncode == 3:
        assert document["feasible"] is False
        assert "no package is" in done.stderr


LIBRARY = """
from accords import load_corpus
from accords.bargaining import BargainingProblem, amend_agreement, generate_problem, search_package
space, u = generate_problem(n_issues=6, n_options=4, n_parties=3, seed=0, reservation=0.3)
search_package(space, u, "nash")  # the first solver of the process
amend_agreement(BargainingProblem.from_corpus(load_corpus()), "us-28-point-plan")
"""


def test_library_writes_nothing_on_stdout(tmp_path: Path) -> None:
    """HiGHS's banner is silenced where the solver is built, not only by the command line."""
    done = subprocess.run(
        [sys.executable, "-c", LIBRARY],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "HiGHS" not in done.stderr
