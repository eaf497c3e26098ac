"""Assemble the ``accords`` command from one module per command group, loaded on demand.

``accords --help`` lists every command from the table below without importing a command
module; running a command imports only the module that defines it. A test checks that each
summary here is the first line of the command's own help.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from accords._version import __version__

__all__ = ["COMMANDS", "app", "main"]

#: Command name -> (module under ``accords.cli`` that registers it, summary for ``--help``).
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "corpus_commands",
        "Check a corpus: structure, types, references and every quote against its source.",
    ),
    "list": ("corpus_commands", "List the agreements, parties, issues or sources of a corpus."),
    "show": (
        "show_commands",
        "Show one agreement, provision, party, issue or source with its evidence.",
    ),
    "stances": ("explore_commands", "Every stance, one row each, with its speaker and quote."),
    "search": (
        "explore_commands",
        "Search provision texts, notes, variants, stances, names, options and sources.",
    ),
    "init": (
        "corpus_commands",
        "Write a small valid starter corpus to edit: two parties, two issues, one agreement.",
    ),
    "schema": ("corpus_commands", "Print the JSON Schema of the corpus files (one JSON document)."),
    "deps": (
        "analysis_commands",
        "Who must act for each provision: bearers, drafters, parties outside the talks.",
    ),
    "acceptability": (
        "analysis_commands",
        "Each party's verdict on each provision, with the reason and the quote.",
    ),
    "diff": (
        "analysis_commands",
        "Compare two agreements: provisions added, removed and changed, and options per issue.",
    ),
    "report": ("report_command", "Write the self-contained HTML report and print a summary."),
    "forecast": (
        "forecast_commands",
        "Forecast where each issue lands, per model, with 50 % and 90 % intervals.",
    ),
    "bargain": (
        "bargaining_commands",
        "Is there a package every veto player accepts, and which one is fairest?",
    ),
    "amend": (
        "bargaining_commands",
        "The smallest amendment of an agreement that every veto player accepts.",
    ),
    "simulate": (
        "bargaining_commands",
        "Simulate multilateral alternating offers with time-dependent concession tactics.",
    ),
    "ingest": (
        "ingest_commands",
        "Read news articles into reviewable candidate statements, stances, events, entities.",
    ),
    "serve": (
        "serve_command",
        "Serve the web workbench: browse, search, compare, map, bargain, forecast and monitor.",
    ),
    "monitor": (
        "monitor_commands",
        "Is a signed plan being kept? Store events and run the agreement's own mechanisms.",
    ),
}


class LazyGroup(TyperGroup):
    """A Typer group whose commands are imported from their module when first needed."""

    _listing: bool = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name not in COMMANDS:
            return None
        module_name, summary = COMMANDS[cmd_name]
        if self._listing:  # the group's own --help: the summary is enough
            return TyperCommand(cmd_name, help=summary, short_help=summary)
        self._load(module_name)
        return self.commands.get(cmd_name)

    def _load(self, module_name: str) -> None:
        module = importlib.import_module(f"accords.cli.{module_name}")
        holder = typer.Typer()
        module.register(holder)
        group = typer.main.get_group(holder)
        for name, command in group.commands.items():
            self.commands.setdefault(name, command)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; library errors become a message and an exit code here, once."""
        from accords.cli.common import handle_errors

        with handle_errors():
            return super().invoke(ctx)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="accords",
    cls=LazyGroup,
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


def load_all_commands(group: Any) -> None:
    """Import every command module into ``group`` (for tests and documentation tools)."""
    for module_name in dict.fromkeys(module for module, _ in COMMANDS.values()):
        group._load(module_name)


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
