"""Every command that reports takes --format json; every command answers --help."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from accords.cli.main import app

#: Commands that print JSON whatever the options (the schema is itself a JSON document).
ALWAYS_JSON = {("schema",), ("ingest", "export")}
#: Commands that report nothing: they run a server.
NOT_REPORTING = {("serve",)}


def leaf_commands(
    command: Any, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    names = command.list_commands(None) if hasattr(command, "list_commands") else None
    if names is None:
        yield path, command
        return
    for name in names:
        yield from leaf_commands(command.get_command(None, name), (*path, name))


COMMANDS = list(leaf_commands(typer.main.get_command(app)))


def test_every_command_group_is_registered() -> None:
    tops = {path[0] for path, _ in COMMANDS}
    assert {
        "validate",
        "list",
        "show",
        "schema",
        "deps",
        "acceptability",
        "diff",
        "report",
        "bargain",
        "amend",
        "simulate",
        "forecast",
        "monitor",
    } <= tops


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_reporting_command_takes_format_json(path: tuple[str, ...], command: Any) -> None:
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    if path in ALWAYS_JSON or path in NOT_REPORTING:
        return
    assert "--format" in options, f"accords {' '.join(path)} has no --format"


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_help_works(path: tuple[str, ...], command: Any) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
