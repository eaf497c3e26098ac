"""Forecasting inputs: format detection, the plain CSV, the DEU reader, errors with lines."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accords.exceptions import InputFormatError
from accords.forecasting.io import (
    detect_input_format,
    parse_deu,
    parse_forecast_input,
    parse_plain_csv,
    read_forecast_input,
    read_plain_csv,
)

PLAIN = """\
actor,capability,position,salience
Ostra,50,0,0.9
Pellin,30,100,0.8
Quay,20,45,0.5
"""

DEU = (
    '"isnr"\t"prname"\t"pcom"\t"pep"\t"pfr"\t"scom"\t"sep"\t"sfr"\t"rp"\t"out"\n'
    '\t\t"4.1"\t"4.1"\t"2.8"\t\t\t\t\t\n'
    '"i1"\t"cars"\t100\t0\t50\t50\t\t80\t0\t60\n'
    '"i2"\t"fish"\t999\t20\t\t\t80\t\t999\t\n'
    '"i3"\t"none"\t999\t\t\t\t\t\t\t10\n'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PLAIN, "plain"),
        ("\n\nACTOR,Capability,Position,Salience\n", "plain"),
        ("demo,two actors,2,1,\nActor,Description,Power,Pstn1,Sal1\n", "ktab"),
        (DEU, "deu"),
    ],
    ids=["plain", "plain-case-blank-lines", "ktab", "deu"],
)
def test_detect_input_format(text: str, expected: str) -> None:
    assert detect_input_format(text) == expected


def test_plain_csv_with_ranges_and_percent_saliences() -> None:
    problem = parse_plain_csv(
        "actor,capability,position,salience,position_low,position_high,confidence,description\n"
        "A,1,40,80,30,55,,first\n"
        "B,2,60,50,,,0.5,second\n"
        "C,3,10,100,,,,\n",
        source="t.csv",
    )
    a = problem.ranges
    assert a.actors.names == ("A", "B", "C")
    np.testing.assert_allclose(a.actors.salience[:, 0], [0.8, 0.5, 1.0])
    np.testing.assert_allclose(a.position_low[:, 0], [30, 47.5, 10])
    np.testing.assert_allclose(a.position_high[:, 0], [55, 72.5, 10])
    assert problem.notes == (
        "saliences read on 0-100 (a value above 1 was found) and divided by 100",
    )
    assert problem.name == "t"


def test_plain_csv_exact_inputs() -> None:
    problem = parse_plain_csv(PLAIN)
    assert problem.ranges.is_exact
    np.testing.assert_allclose(problem.actors.capability, [50, 30, 20])
    assert problem.actors.dimensions == ("position",)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("", r"t\.csv: empty file"),
        ("actor,capability,position\nA,1,2\n", r"t\.csv:1: missing column\(s\) salience"),
        ("actor,capability,position,salience,votes\n", r"t\.csv:1: unknown column 'votes'"),
        ("actor,capability,position,salience\n", r"t\.csv:1: expected at least one actor line"),
        (
            "actor,capability,position,salience\nA,x,2,0.5\n",
            r"t\.csv:2: field 'capability' of actor 'A': expected a number in >= 0, got 'x'",
        ),
        (
            "actor,capability,position,salience\nA,1,2,0.5\n\nA,1,3,0.5\n",
            r"t\.csv:4: actor 'A' repeats line 2",
        ),
        ("actor,capability,position,salience\nA,1,2,0.5,9\n", r"t\.csv:2: expected 4 fields"),
        (
            "actor,capability,position,salience\n,1,2,0.5\n",
            r"t\.csv:2: field 'actor': expected an actor name",
        ),
        (
            "actor,capability,position,salience,position_low\nA,1,20,0.5\nB,1,20,0.5,30\n",
            r"t\.csv:3: position of actor 'B'.*30 > 20",
        ),
        (
            "actor,capability,position,salience,confidence\nA,1,20,0.5,1.5\n",
            r"t\.csv:2: field 'confidence'",
        ),
        (
            "actor,capability,position,salience\nA,1,-5,0.5\n",
            r"t\.csv:2: field 'position' of actor 'A': expected a number in \[0, 100\], got '-5'",
        ),
    ],
    ids=[
        "empty",
        "missing-column",
        "unknown-column",
        "no-actors",
        "bad-number",
        "repeated-actor",
        "too-many-fields",
        "no-name",
        "range-order",
        "confidence-off-scale",
        "position-off-scale",
    ],
)
def test_plain_csv_errors_name_file_line_and_field(text: str, match: str) -> None:
    with pytest.raises(InputFormatError, match=match):
        parse_plain_csv(text, source="t.csv")


def test_deu_reader() -> None:
    deu = parse_deu(DEU, source="deu.tsv")
    assert deu.actor_codes == ("com", "ep", "fr")
    np.testing.assert_allclose(deu.capability, [4.1, 4.1, 2.8])
    assert [i.id for i in deu.issues] == ["i1", "i2"]  # i3 has no position at all
    first, second = deu.issues
    assert first.actors.names == ("com", "ep", "fr")
    np.testing.assert_allclose(first.actors.salience[:, 0], [0.5, 0.0, 0.8])
    assert first.no_salience == ("ep",)
    assert (first.reference, first.outcome, first.line) == (0.0, 60.0, 3)
    assert second.actors.names == ("ep",)
    assert (second.reference, second.outcome) == (None, None)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('"isnr"\t"pcom"\t"scom"\t"rp"\n\t"1"\t\t\n', r"deu:1: missing column 'out'"),
        ('"isnr"\t"pcom"\t"rp"\t"out"\n\t"1"\t\t\n', r"deu:1: .*missing: scom"),
        (
            '"isnr"\t"pcom"\t"scom"\t"rp"\t"out"\n\t\t\t\t\n"i"\t5\t5\t5\t5\n',
            r"deu:3: expected the line of capability weights \(no issue id\).*got issue 'i'",
        ),
        (
            '"isnr"\t"pcom"\t"scom"\t"rp"\t"out"\n\tx\t\t\t\n',
            r"deu:2: column 'pcom': expected a number",
        ),
        (
            '"isnr"\t"pcom"\t"scom"\t"rp"\t"out"\n\t1\t\t\t\n"i"\tx\t5\t5\t5\n',
            r"deu:3: column 'pcom': expected a number, 999 or blank, got 'x'",
        ),
        (
            '"isnr"\t"pcom"\t"scom"\t"rp"\t"out"\n\t1\t\t\t\n"i"\t5\t5\t5\t500\n',
            r"deu:3: column 'out': expected a value in \[0, 100\]",
        ),
    ],
    ids=["no-out", "no-salience-column", "no-weights", "bad-weight", "bad-number", "off-scale"],
)
def test_deu_errors(text: str, match: str) -> None:
    with pytest.raises(InputFormatError, match=match):
        parse_deu(text, source="deu")


def test_forecast_input_from_deu_text_carries_reference_and_outcome() -> None:
    data = parse_forecast_input(DEU)
    assert data.format == "deu"
    first = data.problems[0]
    assert first.reference is not None
    assert first.reference.tolist() == [0.0]
    assert first.outcome is not None
    assert first.outcome.tolist() == [60.0]
    assert first.notes == ("no salience for ep (taken as 0)",)


def test_read_wrappers(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(PLAIN, encoding="utf-8")
    assert read_plain_csv(path).actors.n_actors == 3
    assert read_forecast_input(path).format == "plain"
    with pytest.raises(InputFormatError, match=r"nope\.csv: cannot read the file"):
        read_forecast_input(tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("just,some,text\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad\.csv:1: cannot tell the format"):
        read_forecast_input(bad)


def test_ktab_input_goes_through_the_ktab_reader() -> None:
    pytest.importorskip("accords.forecasting.ktab_io")
    data = parse_forecast_input(
        "demo,two actors,2,1,\nActor,Description,Power,Pstn1,Sal1,\nA,first,10,0,50,\n"
        "B,second,20,100,80,\n"
    )
    assert data.format == "ktab"
    (problem,) = data.problems
    assert problem.name == "demo"
    assert problem.actors.names == ("A", "B")
    np.testing.assert_allclose(problem.actors.salience[:, 0], [0.5, 0.8])
