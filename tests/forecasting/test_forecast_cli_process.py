"""``accords forecast`` as a process: one JSON document on stdout, clean exits on hostile options.

Run as a subprocess so that C-level writes and real exit paths are seen (the in-process runner
sees neither).
"""

from __future__ import annotations

import http.server
import io
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from accords.forecasting import ForecastDocument

SRC = Path(__file__).resolve().parents[2] / "src"
EXTERNAL = (Path(__file__).resolve().parents[2] / ".." / "shared" / "external").resolve()
MARREN = str(Path(__file__).resolve().parent / "corpora" / "marren-2030")


def accords(*args: str, env: dict[str, str] | None = None, timeout: float = 240):
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(SRC), *filter(None, [environment.get("PYTHONPATH")])]
    )
    return subprocess.run(
        [sys.executable, "-c", "from accords.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        check=False,
    )


def one_document(stdout: str) -> dict:
    record = json.loads(stdout)  # exactly one document: json.loads refuses anything after it
    ForecastDocument.model_validate(record)
    assert record["document"] == "forecast"
    return record


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(("-m", "compromise,median,nash", "--draws", "200"), id="one-shot-models"),
        pytest.param((), marks=pytest.mark.slow, id="defaults"),
    ],
)
def test_all_issues_json_is_one_valid_document(options: tuple[str, ...]) -> None:
    result = accords("forecast", "--all", "-f", "json", *options)
    assert result.returncode == 0, result.stderr[-2000:]
    record = one_document(result.stdout)
    assert record["corpus"] == "ukraine-2025"
    assert record["n_issues"] == len(record["issues"]) > 0


@pytest.mark.parametrize(
    "relative", ["ktab/dummyData_3Dim.csv", "ktab/SOE-Pol-Comp.csv", "deu/deu3.csv"]
)
def test_input_file_json_is_one_valid_document(relative: str) -> None:
    path = EXTERNAL / relative
    if not path.exists():
        pytest.skip(f"../shared/external/{relative} not present")
    result = accords("forecast", "--input", str(path), "-m", "compromise,median", "-f", "json")
    assert result.returncode == 0, result.stderr[-2000:]
    record = one_document(result.stdout)
    assert record["input"] == str(path)
    assert record["format"] == relative.split("/")[0]


def test_csv_rows_load_with_pandas() -> None:
    pandas = pytest.importorskip("pandas")
    result = accords("forecast", "--all", "-m", "compromise,median", "--draws", "50", "-f", "csv")
    assert result.returncode == 0, result.stderr[-2000:]
    table = pandas.read_csv(io.StringIO(result.stdout))
    assert list(table.columns[:6]) == [
        "issue",
        "model",
        "dimension",
        "point",
        "point_option",
        "median",
    ]
    assert set(table["model"]) == {"compromise", "median"}
    assert table["point"].between(0, 100).all()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--all", "--draws", "1000000000"), "exceeds the limit of 10,000,000 (MAX_DRAW_CELLS)"),
        (("--all", "--seed", "-1"), "seed: expected a whole number >= 0, got -1"),
        (("--all", "-f", "csv", "--seed", "-1"), "seed: expected a whole number >= 0"),
    ],
    ids=["billion-draws", "negative-seed", "negative-seed-csv"],
)
def test_hostile_options_exit_2_quickly(args: tuple[str, ...], message: str) -> None:
    start = time.monotonic()
    result = accords("forecast", *args, timeout=60)
    assert result.returncode == 2, result.stderr[-2000:]
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert time.monotonic() - start < 60


class _Answer400(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(400)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_400() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer400)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Greets400(http.server.BaseHTTPRequestHandler):
    """An HTTP server that answers 400 at once, before any request (worst case for Dask)."""

    def handle(self) -> None:
        self.wfile.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")


@pytest.fixture
def eager_400() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Greets400)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("server", ["http_400", "eager_400"])
def test_scheduler_that_is_an_http_server_is_refused(
    server: str, request: pytest.FixtureRequest
) -> None:
    address = request.getfixturevalue(server)
    start = time.monotonic()
    result = accords(
        "forecast",
        "cod-quota",
        "--corpus",
        MARREN,
        "-m",
        "compromise",
        "--scheduler",
        address,
        "-f",
        "json",
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
        timeout=60,
    )
    assert result.returncode == 2, result.stderr[-2000:]
    err = " ".join(result.stderr.split())
    assert f"scheduler '{address}': cannot reach a Dask scheduler there" in err
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert time.monotonic() - start < 60
