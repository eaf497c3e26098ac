"""The workbench's pages and their JSON twins, through create_app and the test client."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from accords.web.app import CONTENT_SECURITY_POLICY
from web.conftest import TOKEN

PAGES = [
    ("/", "/api/overview", "overview"),
    ("/agreements", "/api/agreements", "agreements"),
    ("/agreements/us-28-point-plan", "/api/agreements/us-28-point-plan", None),
    (
        "/agreements/us-28-point-plan/provisions/21",
        "/api/agreements/us-28-point-plan/provisions/21",
        "provision",
    ),
    (
        "/agreements/us-28-point-plan/acceptability",
        "/api/agreements/us-28-point-plan/acceptability",
        "acceptability",
    ),
    ("/agreements/us-28-point-plan/deps", "/api/agreements/us-28-point-plan/deps", "deps"),
    (
        "/diff/us-28-point-plan/us-19-point-plan",
        "/api/diff/us-28-point-plan/us-19-point-plan",
        "diff",
    ),
    ("/map", "/api/map", "territory"),
    ("/parties", "/api/parties", "parties"),
    ("/parties/ukraine", "/api/parties/ukraine", "party-profile"),
    ("/issues", "/api/issues", "issues"),
    ("/issues/nato-membership", "/api/issues/nato-membership", "issue-profile"),
    ("/stances?party=eu", "/api/stances?party=eu", "stances"),
    ("/search?q=Umerov", "/api/search?q=Umerov", "search"),
    ("/sources/us-russia-draft-leak", "/api/sources/us-russia-draft-leak", "source-profile"),
]


@pytest.mark.parametrize(("page", "api", "kind"), PAGES, ids=[p for p, _, _ in PAGES])
def test_page_and_its_json_twin(client: TestClient, page: str, api: str, kind: str | None) -> None:
    html = client.get(page)
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert html.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "<script>" not in html.text  # no inline script anywhere
    document = client.get(api)
    assert document.status_code == 200
    if kind is not None:
        assert document.json()["document"] == kind


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/agreements/nope", "unknown agreement 'nope'"),
        ("/agreements/nope", "unknown agreement &#39;nope&#39;"),
        (
            "/api/agreements/us-28-point-plan/provisions/99",
            "unknown provision 'us-28-point-plan:99'",
        ),
        ("/api/sources/nope", "unknown source 'nope'"),
        ("/api/diff/us-28-point-plan/nope", "unknown agreement 'nope'"),
        ("/api/agreements/us-28-point-plan/deps?focus=nobody", "unknown party 'nobody'"),
    ],
)
def test_unknown_id_is_404_with_the_clis_message(
    client: TestClient, url: str, message: str
) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert message in response.text


@pytest.mark.parametrize(
    ("args", "api"),
    [
        (["acceptability", "us-28-point-plan"], "/api/agreements/us-28-point-plan/acceptability"),
        (["deps", "moscow-package"], "/api/agreements/moscow-package/deps"),
        (
            ["diff", "us-28-point-plan", "us-19-point-plan"],
            "/api/diff/us-28-point-plan/us-19-point-plan",
        ),
        (["show", "party", "ukraine"], "/api/parties/ukraine"),
        (["show", "agreement", "us-28-point-plan"], "/api/agreements/us-28-point-plan"),
        (
            ["show", "provision", "us-28-point-plan", "10"],
            "/api/agreements/us-28-point-plan/provisions/10",
        ),
        (["show", "issue", "nato-membership"], "/api/issues/nato-membership"),
        (["show", "source", "us-russia-draft-leak"], "/api/sources/us-russia-draft-leak"),
        (["stances", "--party", "eu"], "/api/stances?party=eu"),
        (["search", "Pokrovsk"], "/api/search?q=Pokrovsk&limit=10"),
    ],
)
def test_api_document_equals_the_cli_document(
    client: TestClient, args: list[str], api: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from accords.cli.main import main; main()", *args, "-f", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert client.get(api).json() == json.loads(done.stdout)


def test_csv_export_has_a_citation_line_and_one_header(client: TestClient) -> None:
    response = client.get("/agreements/us-28-point-plan/acceptability?format=csv")
    assert response.status_code == 200
    first, rest = response.text.split("\n", 1)
    assert first.startswith("# ")
    assert "ukraine-2025" in first
    assert "accords" in first
    rows = list(csv.DictReader(io.StringIO(rest)))
    assert rows
    assert set(rows[0]) >= {"party", "label", "verdict", "reason"}


def test_map_colours_the_regions_the_28_point_plan_settles(client: TestClient) -> None:
    regions = {r["region"]: r for r in client.get("/api/map").json()["regions"]}
    for code in ("UA-43", "UA-40", "UA-09", "UA-14"):
        assert not regions[code]["silent"], code
        assert regions[code]["position"] is not None
    silent = client.get("/api/map?agreement=us-19-point-plan").json()["regions"]
    assert all(r["silent"] for r in silent)  # the partial 19-point plan is silent: grey


def test_gexf_export(client: TestClient) -> None:
    response = client.get("/agreements/us-28-point-plan/network.gexf")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/gexf+xml")


def test_quote_links_open_the_highlighted_passage(client: TestClient) -> None:
    page = client.get("/agreements/us-28-point-plan/provisions/21.a").text
    start = page.index('href="/sources/')
    href = page[start + 6 : page.index('"', start + 6)]
    path, _, fragment = href.partition("#")
    assert fragment.startswith("q-")
    source = client.get(path).text
    assert f'id="{fragment}"' in source


@pytest.mark.parametrize("path", ["/login", "/logout"])
def test_writes_without_a_configured_token_are_403(readonly_client: TestClient, path: str) -> None:
    response = readonly_client.post(path, data={"token": "x" * 20})
    assert response.status_code == 403
    assert "--token-file" in response.text


def test_login_sets_a_strict_httponly_cookie(client: TestClient) -> None:
    response = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    assert TOKEN.lower() not in cookie


def test_wrong_token_is_403(client: TestClient) -> None:
    assert client.post("/login", data={"token": "wrong-token-wrong-token"}).status_code == 403


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post(
        "/login", content=b"x" * 1_000_001, headers={"content-type": "text/plain"}
    )
    assert response.status_code == 413


def test_search_filters_stances_by_basis(client: TestClient) -> None:
    every = client.get("/api/search?q=NATO&kind=stance&limit=100").json()["hits"]
    quoted = client.get("/api/search?q=NATO&kind=stance&limit=100&basis=quoted").json()["hits"]
    inferred = client.get("/api/search?q=NATO&kind=stance&limit=100&basis=inferred").json()["hits"]
    assert quoted
    assert inferred
    assert {h["id"] for h in quoted}.isdisjoint({h["id"] for h in inferred})
    assert len(quoted) + len(inferred) <= len(every)


def test_overview_leads_with_findings_whose_links_resolve(client: TestClient) -> None:
    findings = client.get("/api/overview").json()["findings"]
    assert findings[0]["kind"] == "bargaining"
    assert "No package satisfies every party" in findings[0]["headline"]
    hrefs = {link["href"] for f in findings for link in f["links"]}
    assert hrefs
    for href in sorted(hrefs):
        assert client.get(href).status_code == 200, href
