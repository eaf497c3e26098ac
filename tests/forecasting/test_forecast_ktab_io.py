"""Reading KTAB scenario CSV files."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from accords.exceptions import InputFormatError
from accords.forecasting.ktab_io import KtabScenario, parse_ktab_csv, read_ktab_csv

KTAB = (Path(__file__).resolve().parents[2] / ".." / "shared" / "external" / "ktab").resolve()

GOOD = """demo,"a, quoted description",3,2,
Actor,Description,Power,Pos A,Sal A,Pos B,Sal B,
A,first,10,0,50,100,25,
B,"second, with comma",20.5,40,10,60,90,

C,third,0,100,0,0,0,
"""


def test_parse_good_file() -> None:
    actors, scenario = parse_ktab_csv(GOOD)
    assert actors.names == ("A", "B", "C")
    assert actors.dimensions == ("Pos A", "Pos B")
    np.testing.assert_array_equal(actors.capability, [10, 20.5, 0])
    np.testing.assert_array_equal(actors.position, [[0, 100], [40, 60], [100, 0]])
    np.testing.assert_allclose(actors.salience, [[0.5, 0.25], [0.1, 0.9], [0, 0]])
    assert scenario == KtabScenario(
        "demo", "a, quoted description", ("first", "second, with comma", "third")
    )


Cells = dict[tuple[int, int], float]


def logged_input(log: str) -> tuple[list[str], list[float], Cells, Cells]:
    """What KTAB itself read from the CSV, as echoed at the top of its run log."""
    names = re.findall(r"Actor: \d+ name: (\S+)", log)
    power = [float(v) for v in re.findall(r"Actor: \d+ power: +([\d.]+)", log)]
    pos = {
        (int(i), int(k)): float(v)
        for i, k, v in re.findall(r"pos\[(\d+), (\d+)\] = +([\d.]+)", log)
    }
    sal = {
        (int(i), int(k)): float(v)
        for i, k, v in re.findall(r"sal\[(\d+), (\d+)\] = +([\d.]+)", log)
    }
    return names, power, pos, sal


@pytest.mark.parametrize(
    ("csv_name", "log_name", "n_dims"),
    [
        ("SOE-Pol-Comp.csv", "ref-SOE-Pol-Comp.txt", 2),
        ("dummyData_3Dim.csv", "ref-dummyData_3Dim.txt", 3),
    ],
    ids=["SOE-Pol-Comp", "dummyData_3Dim"],
)
def test_reads_ktab_files_as_ktab_does(csv_name: str, log_name: str, n_dims: int) -> None:
    if not KTAB.is_dir():
        pytest.skip("../shared/external not present")
    actors, scenario = read_ktab_csv(KTAB / csv_name)
    log_text = (KTAB / log_name).read_text(encoding="utf-8")
    names, power, pos, sal = logged_input(log_text)
    assert list(actors.names) == names
    assert actors.n_dimensions == n_dims
    np.testing.assert_allclose(actors.capability, power, atol=0.05)  # log prints %5.1f
    for (i, k), value in pos.items():
        assert actors.position[i, k] == pytest.approx(value, abs=5e-4)
    for (i, k), value in sal.items():
        assert actors.salience[i, k] * 100 == pytest.approx(value, abs=5e-4)
    assert scenario.source == str(KTAB / csv_name)
    assert re.search(rf"Scenario Name: -\| {re.escape(scenario.name)} *\|-", log_text)


BAD = [
    ("", "<string>: empty file"),
    ("demo,x,2\n", r"<string>:1: expected 'scenario,description,n_actors,n_dims', got 3"),
    ("demo,x,two,1\n", r"<string>:1: n_actors \(field 3\) must be a whole number >= 1, got 'two'"),
    ("demo,x,2,0\n", r"<string>:1: n_dims \(field 4\) must be a whole number >= 1, got '0'"),
    ("demo,x,2,1\n", r"<string>:2: expected a header line"),
    ("demo,x,1,2\nActor,Description,Power,P1,S1\n", r"<string>:2: expected 7 column headers"),
    ("demo,x,1,2\nActor,Description,Power,P,S1,P,S2\n", r"<string>:2: position headers"),
    (
        "demo,x,1,1\nActor,Description,Power,P1,S1\nA,a,1,50\n",
        r"<string>:3: expected 5 fields .* got 4",
    ),
    ("demo,x,1,1\nActor,Description,Power,P1,S1\n,a,1,50,50\n", r"<string>:3: expected an actor"),
    (
        "demo,x,1,1\nActor,Description,Power,P1,S1\nA,a,strong,50,50\n",
        r"<string>:3: actor 'A': power must be a finite number >= 0, got 'strong'",
    ),
    (
        "demo,x,1,1\nActor,Description,Power,P1,S1\nA,a,-1,50,50\n",
        r"<string>:3: actor 'A': power must be",
    ),
    (
        "demo,x,1,1\nActor,Description,Power,P1,S1\nA,a,1,nan,50\n",
        r"<string>:3: actor 'A': position on dimension 'P1' must be a number in \[0, 100\]",
    ),
    (
        "demo,x,1,1\nActor,Description,Power,P1,S1\nA,a,1,101,50\n",
        r"<string>:3: actor 'A': position on dimension 'P1' .* got '101'",
    ),
    (
        "demo,x,1,1\nActor,Description,Power,P1,S1\nA,a,1,50,-3\n",
        r"<string>:3: actor 'A': salience on dimension 'P1' .* got '-3'",
    ),
    (
        "demo,x,1,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,50,60,50,41\n",
        r"<string>:3: actor 'A': saliences add up to 101, expected at most 100",
    ),
    (
        "demo,x,2,1\nActor,Description,Power,P1,S1\nA,a,1,50,50\nA,b,1,50,50\n",
        r"<string>:4: actor name 'A' repeats line 3",
    ),
    (
        "demo,x,2,1\nActor,Description,Power,P1,S1\nA,a,1,50,50\n",
        r"<string>:3: expected 2 actor lines \(line 1 says n_actors=2\), found 1",
    ),
    (
        "demo,x,1,1\nActor,Description,Power,P1,S1\nA,a,1,50,50\nB,b,1,50,50\n",
        r"<string>:4: expected 1 actor lines .* found more",
    ),
]


@pytest.mark.parametrize(
    ("text", "message"),
    BAD,
    ids=[
        "empty",
        "short-first-line",
        "n-actors-not-number",
        "no-dimensions",
        "no-header",
        "short-header",
        "same-dimension-names",
        "short-actor-line",
        "no-actor-name",
        "power-not-number",
        "negative-power",
        "position-nan",
        "position-over-100",
        "negative-salience",
        "salience-sum-over-100",
        "duplicate-actor",
        "too-few-actors",
        "too-many-actors",
    ],
)
def test_bad_input(text: str, message: str) -> None:
    with pytest.raises(InputFormatError, match=message):
        parse_ktab_csv(text)


def test_read_names_the_file_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "scenario.csv"
    path.write_text("demo,x,1,1\nActor,Description,Power,P1,S1\nA,a,1,50,500\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=re.escape(f"{path}:3: actor 'A'")) as info:
        read_ktab_csv(path)
    assert info.value.line == 3
    assert info.value.path == str(path)


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="cannot read the file"):
        read_ktab_csv(tmp_path / "absent.csv")


def test_read_file_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("\ufeff" + GOOD, encoding="utf-8")
    actors, scenario = read_ktab_csv(path)
    assert scenario.name == "demo"
    assert actors.n_actors == 3
