"""Assemble the ``accords`` command from one module per command group."""

from __future__ import annotations

import typer

from accords import __version__
from accords.cli import corpus_commands

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


def main() -> None:
    """Entry point of the ``accords`` console script."""
    app()
