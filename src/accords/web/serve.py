"""Start the workbench: check the address, build the app, say where it is, serve.

Examples
--------
>>> describe_workbench("127.0.0.1", 8000, "ukraine-2025", "12 events in sqlite:///x.sqlite")
'accords workbench: http://127.0.0.1:8000 (corpus ukraine-2025, 12 events in sqlite:///x.sqlite)'
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from accords.exceptions import AccordsError, InputFormatError
from accords.web.app import create_app
from accords.web.settings import WebSettings

__all__ = ["describe_workbench", "events_summary", "serve"]


def describe_workbench(host: str, port: int, corpus: str, events: str) -> str:
    """The line ``accords serve`` prints first."""
    shown = f"[{host}]" if ":" in host else host
    return f"accords workbench: http://{shown}:{port} (corpus {corpus}, {events})"


def events_summary(db: str | None) -> str:
    """How many events the store holds, or why it cannot be read (the server still starts)."""
    try:
        from accords.monitor.store import open_store

        with open_store(db, create=False) as store:
            return f"{store.count()} events in {store.url}"
    except AccordsError as err:
        return f"event store unavailable: {err}"


def _check_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise InputFormatError(
                f"{host}:{port}", None, f"cannot listen there ({err.strerror}); try another --port"
            ) from None


def serve(
    settings: WebSettings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the workbench until interrupted (uvicorn), after announcing its address.

    Raises
    ------
    InputFormatError
        If the address is taken or the token file is unusable.
    CorpusError
        If the corpus has defects.
    """
    import uvicorn

    _check_free(host, port)
    app = create_app(settings)
    corpus = app.state.workbench.corpus.id
    announce(describe_workbench(host, port, corpus, events_summary(settings.db)))
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
