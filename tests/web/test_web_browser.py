"""The workbench in a real browser: Playwright driving Debian's Chromium against a real
``accords serve``, every request outside 127.0.0.1 aborted and asserted absent.

A screenshot of each page is saved under ``build/web-screenshots/`` (or
``$ACCORDS_SCREENSHOTS``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from web.conftest import TOKEN, Server

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
)
SHOTS = Path(
    os.environ.get(
        "ACCORDS_SCREENSHOTS", Path(__file__).resolve().parents[2] / "build" / "web-screenshots"
    )
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(server.url + "/") or url == server.url:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield opened
    context.close()
    assert outside == [], f"requests outside the server: {outside}"
    assert errors == [], f"errors in the page: {errors}"


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_serve_announces_its_address(server: Server) -> None:
    assert server.first_line.startswith(f"accords workbench: {server.url} (corpus ukraine-2025, ")


def test_walk_from_the_overview_to_a_highlighted_quote_and_the_map(
    page: Any, server: Server
) -> None:
    page.goto(server.url + "/")
    shot(page, "01-overview")
    page.click("a[href='/agreements/us-28-point-plan']")
    assert page.url.endswith("/agreements/us-28-point-plan")
    shot(page, "02-agreement")
    page.click("a[href='/agreements/us-28-point-plan/provisions/21.a']")
    assert "/provisions/21.a" in page.url
    shot(page, "03-provision")
    page.click("ul.evidence a.quote >> nth=0")
    page.wait_for_load_state()
    assert "/sources/" in page.url
    assert "#q-" in page.url
    fragment = page.url.split("#", 1)[1]
    highlighted = page.locator(f"mark.{fragment}.current")
    assert highlighted.count() >= 1
    shot(page, "04-source-passage")
    page.goto(server.url + "/map?agreement=us-28-point-plan")
    for code in ("UA-43", "UA-40", "UA-09", "UA-14"):
        region = page.locator(f"path#map-us-28-point-plan-{code}")
        assert region.get_attribute("class") == "settled", code
        assert region.get_attribute("fill") not in (None, "#c9ced6")
    shot(page, "05-map")
    page.goto(server.url + "/agreements/us-28-point-plan/acceptability")
    page.click("td.cell.v-rejects a >> nth=0")
    target = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{target}']").is_visible()
    shot(page, "06-heatmap-cell")


def test_bargaining_then_log_in_and_add_a_strike_that_voids_the_guarantee(
    page: Any, server: Server
) -> None:
    page.goto(server.url + "/bargaining")
    assert page.locator("#diagnosis").is_visible()
    assert page.locator("#relaxed .relaxed-badge").first.is_visible()
    shot(page, "07-bargaining")
    page.goto(server.url + "/monitor/us-28-point-plan")
    assert page.locator("#state-10").get_attribute("data-state") == "in-force"
    page.goto(server.url + "/login?next=/monitor/us-28-point-plan")
    page.fill("input[name=token]", TOKEN)
    page.click("form.login button[type=submit]")
    assert page.locator("form.login-state button").inner_text() == "Log out"
    assert "/monitor/us-28-point-plan" in page.url
    page.fill("input[name=event_id]", "browser-moscow-strike")
    page.fill("input[name=date]", "2026-03-02")
    page.fill("input[name=type]", "ASSAULT")
    page.fill("input[name=mode]", "missile")
    page.fill("input[name=actors]", "ukraine")
    page.fill("input[name=recipients]", "russia")
    page.fill("input[name=admin1]", "RU-MOW")
    page.fill("input[name=place]", "Moscow")
    page.fill("input[name=attributes]", '{"justified": false, "target_city": "Moscow"}')
    page.click("form.add-event button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#state-10").get_attribute("data-state") == "voided"
    shot(page, "08-monitor-after-strike")
