"""Every input shipped in examples/ runs through the command the README gives for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(
    "args",
    [
        ["bargain", "--genius", str(EXAMPLES / "genius-river")],
        ["forecast", "--input", str(EXAMPLES / "forecast-river.csv"), "--draws", "50"],
        ["monitor", "replay", "us-28-point-plan", str(EXAMPLES / "events.jsonl")],
        *(
            ["monitor", "replay", "us-28-point-plan", str(path)]
            for path in sorted(EXAMPLES.glob("*.yaml"))
        ),
    ],
    ids=lambda args: Path(args[-1] if args[0] != "forecast" else args[2]).name,
)
def test_example_runs(args: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_events_are_stored(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'events.sqlite'}"
    result = CliRunner().invoke(
        app, ["monitor", "add", str(EXAMPLES / "events.jsonl"), "--db", db, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["n_inserted"], document["n_rejected"]) == (5, 0)


def test_every_example_is_in_the_readme() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in EXAMPLES.iterdir():
        if path.name != "README.md":
            assert path.name in readme, path.name
