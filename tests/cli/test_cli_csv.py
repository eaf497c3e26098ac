"""--format csv: one header row, one line per row, read back by pandas (or the csv module)."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from accords import load_corpus
from accords.cli.main import app

try:
    import pandas as pd
except ImportError:  # pragma: no cover - pandas is optional; the csv module checks the shape
    pd = None

TABLES = [
    (["list", "agreements"], "id", 4),
    (["list", "parties"], "id", None),
    (["list", "issues"], "id", None),
    (["list", "sources"], "id", None),
    (["stances", "--issue", "nato-membership"], "party", None),
    (["stances"], "quote", None),
    (
        ["deps", "us-28-point-plan"],
        "label",
        len(load_corpus().agreement("us-28-point-plan").provisions),
    ),
    (["acceptability", "us-19-point-plan"], "verdict", None),
    (["search", "Umerov", "--limit", "5"], "passage", 5),
]


def run(args: list[str]) -> str:
    result = CliRunner().invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("args", "column", "n_rows"), TABLES, ids=lambda v: " ".join(v) if isinstance(v, list) else None
)
def test_csv_reads_back(args: list[str], column: str, n_rows: int | None) -> None:
    text = run(args)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    assert column in rows[0]
    if n_rows is not None:
        assert len(rows) == n_rows
    if pd is not None:
        frame = pd.read_csv(io.StringIO(text))
        assert list(frame.columns) == list(rows[0])
        assert len(frame) == len(rows)


def test_numbers_are_written_in_full() -> None:
    rows = list(csv.DictReader(io.StringIO(run(["stances", "--party", "eu"]))))
    corpus = load_corpus()
    expected = [s.salience for s in corpus.stances if s.party == "eu" and s.is_known]
    assert [float(r["salience"]) if r["salience"] else None for r in rows] == expected


def test_csv_refused_where_there_is_no_table() -> None:
    result = CliRunner().invoke(app, ["show", "party", "ukraine", "--format", "csv"])
    assert result.exit_code == 2
    assert "not a table" in result.output
