"""Assemble the ``accords`` command from one module per command group."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from accords._version import __version__
from accords.cli import (
    analysis_commands,
    bargaining_commands,
    corpus_commands,
    forecast_commands,
    ingest_commands,
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
ingest_commands.register(app)


@contextmanager
def _stdout_for_documents_only() -> Iterator[None]:
    """Keep file descriptor 1 for what accords prints itself.

    C libraries (HiGHS prints a licence banner when a solver is built) write to descriptor 1
    directly, past Python's ``sys.stdout``. While a command runs, descriptor 1 points at
    stderr and ``sys.stdout`` writes to a duplicate of the real stdout, so a ``--format json``
    command prints exactly one JSON document whatever the libraries below it do.
    """
    try:
        sys.stdout.flush()
        real = os.dup(1)
    except (OSError, ValueError):  # no real descriptor (embedded interpreter): nothing to do
        yield
        return
    os.dup2(2, 1)
    previous = sys.stdout
    sys.stdout = open(real, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stdout = previous
        os.dup2(real, 1)
        os.close(real)


def main() -> None:
    """Entry point of the ``accords`` console script."""
    with _stdout_for_documents_only():
        app()
