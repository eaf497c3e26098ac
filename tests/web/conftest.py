"""Fixtures of the workbench tests: an app on a temporary store, and a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accords.monitor import add_event_file
from accords.web import WebSettings, create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

TOKEN = "test-token-0123456789-abcdef"


@pytest.fixture
def token_file(tmp_path: Path) -> Path:
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    return path


@pytest.fixture
def client(tmp_path: Path, token_file: Path) -> Iterator[TestClient]:
    settings = WebSettings(db=str(tmp_path / "events.sqlite"), token_file=token_file)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def readonly_client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(WebSettings(db=str(tmp_path / "events.sqlite")))) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    first_line: str


def start_server(tmp: Path, *extra: str) -> Server:
    port = free_port()
    token = tmp / "token"
    token.write_text(TOKEN, encoding="utf-8")
    command = [
        sys.executable,
        "-c",
        "from accords.cli.main import main; main()",
        "serve",
        "--port",
        str(port),
        "--db",
        str(tmp / "events.sqlite"),
        "--token-file",
        str(token),
        *extra,
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"accords serve exited: {process.stderr.read()}") from None  # type: ignore[union-attr]
            time.sleep(0.1)
    return Server(url=url, process=process, first_line=first)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real ``accords serve`` whose store holds the kept-ceasefire scenario."""
    tmp = tmp_path_factory.mktemp("serve")
    add_event_file(EXAMPLES / "kept-ceasefire.yaml", db=str(tmp / "events.sqlite"))
    running = start_server(tmp)
    yield running
    stop_server(running)


def stop_server(running: Server) -> None:
    running.process.terminate()
    running.process.communicate(timeout=10)
