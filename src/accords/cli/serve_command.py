"""The serve command: the web workbench on this machine."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from accords.cli.common import CorpusOption

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add serve to ``app``."""
    app.command("serve")(serve)


def _announce(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def serve(
    corpus_dir: CorpusOption = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Event database URL or SQLite file (as for accords monitor)."),
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="File holding the secret token that writes (adding events) need.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Serve the web workbench: browse, search, compare, map, bargain, forecast and monitor.

    Every page has a JSON twin under /api and every table a CSV export. Listens on 127.0.0.1
    unless --host says otherwise; writes need --token-file.
    """
    from accords.web.serve import serve as run_server
    from accords.web.settings import WebSettings

    settings = WebSettings(corpus=corpus_dir, db=db, token_file=token_file)
    run_server(settings, host=host, port=port, announce=_announce)
