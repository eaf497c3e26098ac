"""The monitor and bargaining pages: writes need the token, bad events are 422 with nothing
stored, a what-if upload never touches the store, and the documents equal the CLI's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accords.monitor import add_event_file
from accords.web import WebSettings, create_app
from web.conftest import TOKEN

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STRIKE = {
    "id": "web-strike",
    "date": "2026-03-02",
    "type": "ASSAULT",
    "mode": "missile",
    "actors": ["ukraine"],
    "recipients": ["russia"],
    "location": {"admin1": "RU-MOW", "name": "Moscow"},
    "attributes": {"justified": False, "target_city": "Moscow"},
    "certainty": "confirmed",
}
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def cli(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", "from accords.cli.main import main; main()", *args, "-f", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    document: dict[str, object] = json.loads(done.stdout)
    return document


@pytest.fixture
def kept(tmp_path: Path, token_file: Path) -> tuple[TestClient, str]:
    db = str(tmp_path / "kept.sqlite")
    add_event_file(EXAMPLES / "kept-ceasefire.yaml", db=db)
    return TestClient(create_app(WebSettings(db=db, token_file=token_file))), db


def states(client: TestClient) -> dict[str, str]:
    document = client.get("/api/monitor/us-28-point-plan/status").json()
    return {p["label"]: p["state"] for p in document["provisions"]}


def test_status_and_timeline_equal_the_cli(kept: tuple[TestClient, str]) -> None:
    client, db = kept
    assert client.get("/api/monitor/us-28-point-plan/status").json() == cli(
        "monitor", "status", "us-28-point-plan", "--db", db
    )
    page = client.get("/monitor/us-28-point-plan")
    assert page.status_code == 200
    assert "The process so far" in page.text
    assert "disputed" in page.text  # the Pokrovsk claim, as a claim


def test_a_strike_on_moscow_voids_the_guarantee(kept: tuple[TestClient, str]) -> None:
    client, _ = kept
    assert states(client)["10"] == "in-force"
    response = client.post(
        "/api/monitor/us-28-point-plan/events", content=json.dumps(STRIKE), headers=BEARER
    )
    assert response.status_code == 200
    assert response.json()["n_inserted"] == 1
    assert states(client)["10"] == "voided"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({**STRIKE, "type": "FOO"}, "unknown event type 'FOO'"),
        ({**STRIKE, "date": "2026-13-01"}, "date"),
        ({**STRIKE, "actors": ["atlantis"]}, "atlantis"),
        ("{not json", "not JSON"),
    ],
    ids=["type", "date", "actor", "json"],
)
def test_a_bad_event_is_422_and_nothing_is_stored(
    kept: tuple[TestClient, str], body: object, message: str
) -> None:
    client, _ = kept
    before = client.get("/api/monitor/us-28-point-plan/status").json()["n_events"]
    content = body if isinstance(body, str) else json.dumps(body)
    response = client.post("/api/monitor/us-28-point-plan/events", content=content, headers=BEARER)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert client.get("/api/monitor/us-28-point-plan/status").json()["n_events"] == before


def test_writes_without_the_token_are_403(kept: tuple[TestClient, str]) -> None:
    client, _ = kept
    response = client.post("/api/monitor/us-28-point-plan/events", content=json.dumps(STRIKE))
    assert response.status_code == 403
    wrong = client.post(
        "/api/monitor/us-28-point-plan/events",
        content=json.dumps(STRIKE),
        headers={"Authorization": "Bearer not-the-token-at-all"},
    )
    assert wrong.status_code == 403
    assert states(client)["10"] == "in-force"


def test_the_form_needs_the_csrf_token(kept: tuple[TestClient, str]) -> None:
    client, _ = kept
    client.post("/login", data={"token": TOKEN})
    form = {"event_id": "f1", "date": "2026-03-02", "type": "ASSAULT", "actors": "ukraine"}
    assert (
        client.post("/monitor/us-28-point-plan/events", data={**form, "csrf": "x"}).status_code
        == 403
    )


def test_what_if_replays_without_touching_the_store(kept: tuple[TestClient, str]) -> None:
    client, _ = kept
    before = client.get("/api/monitor/us-28-point-plan/status").json()
    with (EXAMPLES / "moscow-strike.yaml").open("rb") as upload:
        response = client.post(
            "/api/monitor/us-28-point-plan/whatif",
            files={"scenario": ("moscow-strike.yaml", upload)},
        )
    assert response.status_code == 200
    replayed = response.json()["status"]
    expected = cli("monitor", "replay", "us-28-point-plan", str(EXAMPLES / "moscow-strike.yaml"))
    expected.pop("scenario")  # the CLI names the file's path; an upload has none
    replayed.pop("scenario")
    assert replayed == expected
    assert client.get("/api/monitor/us-28-point-plan/status").json() == before


def test_unreachable_store_is_503(tmp_path: Path) -> None:
    settings = WebSettings(db="postgresql://nobody:x@127.0.0.1:1/none")
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/monitor/us-28-point-plan/status").status_code == 503


def test_bargaining_page_and_parity(tmp_path: Path) -> None:
    with TestClient(create_app(WebSettings(db=str(tmp_path / "e.sqlite")))) as client:
        assert client.get("/api/bargaining").json() == cli("bargain")
        assert client.get("/api/bargaining/amend/us-28-point-plan").json() == cli(
            "amend", "us-28-point-plan"
        )
        page = client.get("/bargaining").text
        assert "Diagnosis: no package satisfies every veto player" in page
        assert "RELAXED" in page
        for issue in ("luhansk", "donetsk", "zaporizhzhia-kherson"):
            assert f"/issues/{issue}" in page
