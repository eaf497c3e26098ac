"""The corpus commands through Typer's runner: text and JSON output, errors and exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from accords.cli.main import app
from sample_corpus import CorpusWriter

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_valid_corpus_json(write_corpus: CorpusWriter) -> None:
    code, out, _ = run("validate", str(write_corpus()), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["valid"] is True
    assert data["counts"] == {
        "sources": 1,
        "parties": 3,
        "issues": 1,
        "agreements": 1,
        "provisions": 2,
        "stances": 1,
        "quotes": 3,
    }


def test_validate_reports_defects_and_exits_1(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"issues.yaml": "issues:\n  - id: x\n    title: X\n    options: []\n"})
    code, out, _ = run("validate", str(root))
    assert code == 1
    assert "issues.yaml:4: issues[0].options: Tuple should have at least 2 items" in out
    code, out, _ = run("validate", str(root), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["valid"] is False
    assert data["defects"][0]["file"] == "issues.yaml"
    assert data["defects"][0]["line"] == 4


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("show", "agreement", "nope"), 2, "unknown agreement 'nope' (known: draft)"),
        (("show", "provision", "draft", "9"), 2, "unknown provision 'draft:9' (known: 1, 2)"),
        (("list", "parties", "--corpus", "/nonexistent/dir"), 2, "no such directory"),
        (("list", "treaties"), 2, "Invalid value"),
        (("schema", "--file", "nope.yaml"), 2, "unknown corpus file 'nope.yaml'"),
    ],
    ids=["unknown-agreement", "unknown-provision", "missing-corpus", "bad-listing", "bad-schema"],
)
def test_errors_are_messages_not_tracebacks(
    write_corpus: CorpusWriter, args: tuple[str, ...], code: int, message: str
) -> None:
    root = write_corpus()
    full = [*args] if "--corpus" in args or args[0] == "schema" else [*args, "--corpus", str(root)]
    result = runner.invoke(app, full)
    assert result.exit_code == code
    assert message in (result.stderr + result.stdout).replace("\n", " ")
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("what", ["agreements", "parties", "issues", "sources"])
def test_list_json_is_one_document(write_corpus: CorpusWriter, what: str) -> None:
    code, out, _ = run("list", what, "--corpus", str(write_corpus()), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert (document["document"], document["what"]) == ("list", what)
    rows = document["items"]
    assert rows
    assert all("id" in row for row in rows)


def test_list_parties_resolves_membership(write_corpus: CorpusWriter) -> None:
    _, out, _ = run("list", "parties", "--corpus", str(write_corpus()), "-f", "json")
    by_id = {row["id"]: row for row in json.loads(out)["items"]}
    assert by_id["highland"]["member_of"] == ["basin"]
    assert by_id["basin"]["members"] == ["highland", "lowland"]


def test_show_provision_has_evidence_with_source_title(write_corpus: CorpusWriter) -> None:
    code, out, _ = run(
        "show", "provision", "draft", "1", "--corpus", str(write_corpus()), "--format", "json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["quantities"] == [
        {"value": 40.0, "unit": "percent", "measure": None, "approximate": False, "evidence": []}
    ]
    assert data["evidence"][0]["source_title"] == "River Accord talks resume in Geneva"


def test_text_output_does_not_interpret_markup(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    draft = (root / "agreements" / "draft.yaml").read_text()
    (root / "agreements" / "draft.yaml").write_text(
        draft.replace("text: A joint commission", "text: '[bold]A[/bold] joint commission").replace(
            "monitors the dam.", "monitors the dam.'"
        )
    )
    code, out, _ = run("show", "agreement", "draft", "--corpus", str(root))
    assert code == 0
    assert "[bold]A[/bold]" in out


def test_schema_is_json_schema_of_every_file() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert set(schema["properties"]) == {
        "corpus.yaml",
        "sources.yaml",
        "parties.yaml",
        "issues.yaml",
        "stances.yaml",
        "agreements/*.yaml",
    }
    assert "Provision" in schema["$defs"]


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("accords ")
