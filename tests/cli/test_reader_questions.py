"""A journalist's questions about the embedded corpus, answered through the CLI as a process.

Each test runs ``accords ... --format json`` and reads the answer out of the document, the way
a script or a notebook would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

RUN = [sys.executable, "-c", "from accords.cli.main import main; main()"]


def accords(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [*RUN, *args, "--format", "json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def test_who_led_ukraines_delegation_in_florida_and_whom_he_replaced() -> None:
    found = accords("search", "delegation in Florida", "--limit", "3")
    top = found["hits"][0]
    assert (top["kind"], top["id"]) == ("person", "ukraine")
    assert "Rustem Umerov" in top["passage"]
    assert "led the Ukrainian delegation in Florida" in top["passage"]
    party = accords("show", "party", "ukraine")
    umerov = next(r for r in party["representatives"] if "Umerov" in r["name"])
    assert "delegation in Florida" in umerov["role"]
    assert "Umerov replaced Andriy Yermak" in party["notes"]
    replaced = accords("search", "Umerov replaced", "--limit", "1")["hits"][0]
    assert "Andriy Yermak" in replaced["passage"]


def test_von_der_leyens_three_elements_with_their_quotes() -> None:
    stances = accords("stances", "--party", "eu")["stances"]
    hers = [s for s in stances if s["speaker"] == "Ursula von der Leyen"]
    openings = {s["quote"].lstrip('"').split(",")[0].split(" ")[0].lower() for s in hers}
    assert {"first", "second", "third"} <= openings
    issues = {s["issue"] for s in hers}
    assert {"crimea", "army-size", "european-role"} <= issues
    quotes = " ".join(s["quote"] for s in hers)
    assert "borders cannot be changed by force" in quotes
    assert "cannot be limitations on Ukraine's armed forces" in quotes
    assert "centrality of the European Union" in quotes


def test_every_stance_on_nato_membership() -> None:
    document = accords("stances", "--issue", "nato-membership")
    rows = document["stances"]
    assert document["n_stances"] == len(rows) > 0
    assert all(r["issue"] == "nato-membership" for r in rows)
    assert {"us", "russia", "ukraine", "europe"} <= {r["party"] for r in rows}
    assert all(r["quote"] for r in rows)
    everything = accords("stances", "--issue", "nato-membership", "--all")
    assert everything["n_stances"] >= document["n_stances"]
    profile = accords("show", "issue", "nato-membership")
    assert len(profile["stances"]) == document["n_stances"]


@pytest.mark.parametrize("label", ["10"])
def test_which_sub_points_point_10_has(label: str) -> None:
    document = accords("show", "provision", "us-28-point-plan", label)
    assert document["label"] == label
    assert [p["label"] for p in document["sub_points"]] == ["10.a", "10.b", "10.c", "10.d"]
    assert all(p["text"] for p in document["sub_points"])
