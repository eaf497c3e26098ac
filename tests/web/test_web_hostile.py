"""A hostile corpus on every page: script tags, event handlers and ``javascript:`` URLs in every
text field render as text, and nothing executes in a real browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from accords.web import WebSettings, create_app
from web.conftest import Server, start_server, stop_server

KESSEL = Path(__file__).resolve().parents[1] / "corpora" / "kessel-2031"
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
TEXT_KEYS = {"title", "name", "text", "notes", "description", "note", "role", "outlet", "author"}


def poison(data: Any) -> Any:
    """Append the payload to every free-text value (ids and quotes stay valid)."""
    if isinstance(data, dict):
        return {
            k: (v + PAYLOAD if k in TEXT_KEYS and isinstance(v, str) else poison(v))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [poison(v) for v in data]
    return data


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("hostile") / "kessel"
    shutil.copytree(KESSEL, target)
    for path in [*target.glob("*.yaml"), *target.glob("agreements/*.yaml")]:
        data = poison(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.name == "sources.yaml":
            for source in data["sources"]:
                source["url"] = "javascript:window.__pwned=1"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for text in target.glob("sources/*.txt"):
        text.write_text(text.read_text(encoding="utf-8") + "\n" + PAYLOAD + "\n", encoding="utf-8")
    return target


def pages(client: TestClient) -> list[str]:
    overview = client.get("/api/overview").json()
    urls = ["/", "/agreements", "/map", "/docs", "/login"]
    for agreement in overview["agreements"]:
        base = f"/agreements/{agreement['id']}"
        urls += [base, f"{base}/acceptability", f"{base}/deps", f"/map?agreement={agreement['id']}"]
        document = client.get(f"/api{base}").json()
        urls += [f"{base}/provisions/{p['label']}" for p in document["provisions"][:3]]
        if agreement["derived_from"]:
            urls.append(f"/diff/{agreement['derived_from']}/{agreement['id']}")
    urls += [f"/sources/{s}" for s in ("corvia-draft-leak", "union-counter-proposal")]
    parties = client.get("/api/parties").json()["parties"]
    issues = client.get("/api/issues").json()["issues"]
    urls += ["/parties", f"/parties/{parties[0]['id']}", "/issues", f"/issues/{issues[0]['id']}"]
    urls += ["/stances", "/search?q=script", "/search?q=Kessel", "/bargaining"]
    urls += [f"/monitor/{overview['agreements'][0]['id']}"]
    return urls


def test_payload_is_escaped_on_every_page(hostile_corpus: Path, tmp_path: Path) -> None:
    settings = WebSettings(corpus=hostile_corpus, db=str(tmp_path / "e.sqlite"))
    with TestClient(create_app(settings)) as client:
        urls = pages(client)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "<script>window.__pwned" not in response.text, url
            assert 'onerror="window' not in response.text, url
            assert 'href="javascript:' not in response.text, url


@pytest.fixture(scope="module")
def hostile_server(
    hostile_corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    running = start_server(
        tmp_path_factory.mktemp("hostile-serve"), "--corpus", str(hostile_corpus)
    )
    yield running
    stop_server(running)


def test_nothing_executes_in_a_real_browser(hostile_server: Server) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    with TestClient(create_app(WebSettings(corpus=hostile_server_corpus(hostile_server)))) as c:
        urls = pages(c)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in urls:
            page.goto(hostile_server.url + url)
            assert page.evaluate("typeof window.__pwned") == "undefined", url
        browser.close()
    assert dialogs == []


def hostile_server_corpus(server: Server) -> Path:
    args = server.process.args
    assert isinstance(args, list)
    return Path(args[args.index("--corpus") + 1])
