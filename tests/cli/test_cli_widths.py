"""Readable at 80 columns: no id cut, no word split, whatever the terminal width.

The oracle is the same command printed on a very wide terminal: every token (a run of
non-space characters, box-drawing left out) printed at 80 or 160 columns must also be printed
at 1,000 columns. A word split across lines or an id cut with ``…`` makes a token that the
wide output does not have.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from accords.cli import common
from accords.cli.main import app

COMMANDS = [
    ["list", "agreements"],
    ["list", "parties"],
    ["list", "issues"],
    ["list", "sources"],
    ["validate"],
    ["show", "agreement", "us-28-point-plan"],
    ["show", "agreement", "european-counterproposal"],
    ["show", "provision", "us-28-point-plan", "10"],
    ["show", "party", "ukraine"],
    ["show", "party", "eu"],
    ["show", "issue", "nato-membership"],
    ["show", "source", "putin-witkoff-summit"],
    ["stances", "--issue", "nato-membership"],
    ["stances", "--party", "russia"],
    ["search", "Umerov"],
    ["search", "Pokrovsk"],
    ["search", "ceasefire first"],
    ["deps", "us-28-point-plan"],
    ["acceptability", "us-28-point-plan", "--brief"],
    ["acceptability", "us-19-point-plan"],
    ["diff", "us-28-point-plan", "us-19-point-plan"],
]
_BOX = re.compile(r"[\u2500-\u257f]")


def output(args: list[str], width: int) -> str:
    saved = common.console.width
    common.console.width = width
    try:
        result = CliRunner().invoke(app, args)
    finally:
        common.console.width = saved
    assert result.exit_code == 0, result.output
    return result.output


def tokens(text: str) -> set[str]:
    return set(_BOX.sub(" ", text).split())


@pytest.fixture(scope="module")
def wide() -> dict[str, set[str]]:
    return {" ".join(args): tokens(output(args, 1000)) for args in COMMANDS}


@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_id_cut_and_no_word_split(
    args: list[str], width: int, wide: dict[str, set[str]]
) -> None:
    text = output(args, width)
    assert max(len(line) for line in text.splitlines()) <= width
    broken = tokens(text) - wide[" ".join(args)]
    assert not broken, f"tokens not in the wide output: {sorted(broken)[:10]}"
