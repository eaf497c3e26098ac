"""The output contract, tested from outside: every reporting command, run as a process with
``--format json``, prints exactly one JSON document on stdout, and that document validates
against the versioned JSON Schema that ``accords schema --output`` prints for its kind.

A subprocess sees what C libraries write to file descriptor 1 (HiGHS's banner, say), which an
in-process runner cannot.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from accords import load_corpus
from accords.model.documents import DOCUMENT_CLASSES

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
CORPORA = {
    "ukraine-2025": None,
    "kessel-2031": TESTS / "corpora" / "kessel-2031",
    "lake-verun": TESTS / "bargaining" / "corpora" / "lake-verun",
    "marren-2030": TESTS / "forecasting" / "corpora" / "marren-2030",
    "tarn-valley": TESTS / "monitor" / "corpora" / "tarn-valley",
}


def accords_command() -> list[str]:
    """The installed console script, or the same entry point through this interpreter."""
    script = shutil.which("accords", path=str(Path(sys.executable).parent))
    if script:
        return [script]
    return [sys.executable, "-c", "from accords.cli.main import main; main()"]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [*accords_command(), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=240,
        check=False,
    )


@cache
def output_schemas() -> dict[str, Any]:
    done = run(["schema", "--output"], ROOT)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["$id"].startswith("urn:accords:documents:")
    return dict(document["documents"])


def corpus_args(name: str) -> list[str]:
    path = CORPORA[name]
    return [] if path is None else ["--corpus", str(path)]


def cases() -> list[tuple[str, list[str]]]:
    """(id, arguments) for each reporting command on each corpus."""
    found: list[tuple[str, list[str]]] = []
    for name, path in CORPORA.items():
        corpus = load_corpus(path)
        first = corpus.agreements[0].id
        found.append((f"{name}-deps", ["deps", first, *corpus_args(name)]))
        found.append((f"{name}-acceptability", ["acceptability", first, *corpus_args(name)]))
        derived = [a for a in corpus.agreements if a.derived_from]
        if derived:
            new = derived[0]
            found.append(
                (f"{name}-diff", ["diff", str(new.derived_from), new.id, *corpus_args(name)])
            )
        found.append((f"{name}-report", ["report", "--out", "{tmp}/r.html", *corpus_args(name)]))
        found.append((f"{name}-validate", ["validate", *([] if path is None else [str(path)])]))
        found.append((f"{name}-list", ["list", "parties", *corpus_args(name)]))
        if corpus.stances:  # bargaining needs stated positions
            found.append((f"{name}-bargain", ["bargain", *corpus_args(name)]))
    embedded = load_corpus()
    plan = "us-28-point-plan"
    found += [
        ("show-agreement", ["show", "agreement", plan]),
        ("show-provision", ["show", "provision", plan, "10"]),
        ("show-party", ["show", "party", "ukraine"]),
        ("show-issue", ["show", "issue", "nato-membership"]),
        ("show-source", ["show", "source", embedded.sources[0].id]),
        ("stances", ["stances", "--issue", "nato-membership"]),
        ("search", ["search", "Umerov"]),
        ("forecast", ["forecast", "crimea", "--model", "compromise", "--draws", "50"]),
        ("amend", ["amend", plan]),
        ("simulate", ["simulate"]),
        ("robust", ["bargain", "--robust", "--draws", "20"]),
        (
            "monitor-replay",
            ["monitor", "replay", plan, str(ROOT / "examples" / "kept-ceasefire.yaml")],
        ),
        (
            "monitor-add",
            [
                "monitor",
                "add",
                str(ROOT / "examples" / "kept-ceasefire.yaml"),
                "--db",
                "{tmp}/e.sqlite",
            ],
        ),
        ("monitor-timeline", ["monitor", "timeline", plan, "--db", "{tmp}/none.sqlite"]),
        ("monitor-waterfall", ["monitor", "waterfall", "100bn"]),
        ("init", ["init", "{tmp}/starter"]),
    ]
    return found


#: Cases whose command exits with a documented non-zero code after printing its document.
EXIT_CODES = {"amend": 3}


CASES = cases()


@pytest.fixture(scope="module")
def outputs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run every case once, two at a time (each is a fresh interpreter)."""
    tmp = tmp_path_factory.mktemp("contract")

    def one(case: tuple[str, list[str]]) -> tuple[str, subprocess.CompletedProcess[str]]:
        case_id, args = case
        (tmp / case_id).mkdir()
        args = [a.replace("{tmp}", str(tmp / case_id)) for a in args]
        return case_id, run([*args, "--format", "json"], tmp / case_id)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, CASES))


@pytest.mark.parametrize("case_id", [c for c, _ in CASES])
def test_command_prints_one_valid_document(
    outputs: dict[str, subprocess.CompletedProcess[str]], case_id: str
) -> None:
    done = outputs[case_id]
    assert done.returncode == EXIT_CODES.get(case_id, 0), done.stderr
    document = json.loads(done.stdout)  # exactly one document: trailing text fails here
    assert document["schema_version"] >= 1
    assert document["accords_version"]
    schema = output_schemas()[document["document"]]
    jsonschema.validate(document, schema)


def test_every_document_kind_is_exercised(
    outputs: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    """Each registered document is printed by some case above, except those of commands that
    need a running store with data or the ingest pipeline (tested in their own suites)."""
    printed = {json.loads(done.stdout)["document"] for done in outputs.values() if done.stdout}
    elsewhere = {"ingest-add", "ingest-candidates", "ingest-review", "monitor-status"}
    web_only = {"network", "territory"}
    assert set(DOCUMENT_CLASSES) - printed - elsewhere - web_only == set()


def test_every_registered_document_has_a_schema() -> None:
    schemas = output_schemas()
    assert set(schemas) == set(DOCUMENT_CLASSES)
    for kind, schema in schemas.items():
        assert (
            schema["$id"]
            == f"urn:accords:document:{kind}:v{schema['properties']['schema_version']['const']}"
        )
        jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_output_rejects_a_document_of_another_kind() -> None:
    """The schemas are not vacuous: a deps document does not validate as a diff document."""
    schemas = output_schemas()
    done = run(["deps", load_corpus().agreements[0].id, "--format", "json"], ROOT)
    document = json.loads(done.stdout)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schemas["diff"])
