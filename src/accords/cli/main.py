"""Assemble the ``accords`` command from one module per command group."""

from __future__ import annotations

import typer

from accords import __version__
from accords.cli import (
    analysis_commands,
    bargaining_commands,
    corpus_commands,
    forecast_commands,
    monitor_commands,
    report_command,
)

__all__ = ["app", "main"]

app = typer.Typer(
    name="accords",
    help="Peace plans and the parties' positions as typed, checkable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"accords {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Peace plans and the parties' positions as typed, checkable data."""


corpus_commands.register(app)
monitor_commands.register(app)
analysis_commands.register(app)
report_command.register(app)
forecast_commands.register(app)
bargaining_commands.register(app)


def main() -> None:
    """Entry point of the ``accords`` console script."""
    app()
