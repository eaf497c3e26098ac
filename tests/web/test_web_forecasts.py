"""The forecasts page: computed once in the background, 202 while it runs, then the same
document as ``accords forecast --all --format json``."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from accords.web import WebSettings, create_app

MARREN = Path(__file__).resolve().parents[1] / "forecasting" / "corpora" / "marren-2030"


def test_forecasts_run_in_the_background_then_match_the_cli(tmp_path: Path) -> None:
    settings = WebSettings(corpus=MARREN, db=str(tmp_path / "e.sqlite"))
    with TestClient(create_app(settings)) as client:
        first = client.get("/api/forecasts")
        assert first.status_code in (200, 202)
        if first.status_code == 202:
            assert first.json()["status"] == "running"
            assert "reloads by itself" in client.get("/forecasts").text
        deadline = time.monotonic() + 240
        while (response := client.get("/api/forecasts")).status_code == 202:
            assert time.monotonic() < deadline, "forecasts did not finish"
            time.sleep(0.5)
        assert response.status_code == 200
        page = client.get("/forecasts")
        assert page.status_code == 200
        assert "Median" in page.text
    done = subprocess.run(
        [sys.executable, "-c", "from accords.cli.main import main; main()", "forecast", "--all",
         "--corpus", str(MARREN), "-f", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert response.json() == json.loads(done.stdout)
