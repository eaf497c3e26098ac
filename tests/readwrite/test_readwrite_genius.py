"""The GENIUS reader's normalisation against GENIUS's evaluator and NegMAS' parser.

GENIUS 8 (``genius.core.utility.EvaluatorDiscrete``) evaluates a discrete value as
``normalize(value) = value / getEvalMax()``, and as 0 when ``getEvalMax() < 0.00001``: it divides
also when every evaluation is at most 1 (the class's Javadoc says otherwise; that rule lived in
2014 and is gone from the code). NegMAS reads the raw evaluations, so the oracle here is NegMAS'
parse with GENIUS 8's rule written out again, on the ANAC domains in ``../shared/external`` and
on a scenario whose evaluations are all at most 1.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accords.readwrite import normalise_evaluations, read_genius

EXTERNAL = (Path(__file__).resolve().parents[2] / ".." / "shared" / "external").resolve()
GENIUS = EXTERNAL / "genius"
DOMAINS = ["Laptop", "Travel", "Energy", "group2-dinner", "group2-politics"]

ABSOLUTE_DOMAIN = """<negotiation_template><utility_space><objective index="0" name="root">
<issue index="1" name="Price" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="low"/><item index="2" value="high"/></issue>
<issue index="2" name="Colour" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="red"/><item index="2" value="blue"/><item index="3" value="green"/>
</issue></objective></utility_space></negotiation_template>"""

ABSOLUTE_PROFILE = """<utility_space><objective index="0" name="root">
<issue index="1" name="Price" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="low" evaluation="{a}"/><item index="2" value="high" evaluation="{b}"/>
</issue>
<issue index="2" name="Colour" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="red" evaluation="{c}"/><item index="2" value="blue" evaluation="{d}"/>
<item index="3" value="green" evaluation="{e}"/></issue>
<weight index="1" value="0.4"/><weight index="2" value="0.6"/>
</objective><reservation value="0.1"/></utility_space>"""


def genius8_normalize(raw: list[float]) -> list[float]:
    """GENIUS 8's ``EvaluatorDiscrete.normalize``, value by value, in plain Python."""
    top = max(raw)
    return [0.0 if top < 0.00001 else v / top for v in raw]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ([2.0, 8.0], [0.25, 1.0]),
        ([0.2, 0.5], [0.4, 1.0]),  # every evaluation at most 1: divided all the same
        ([1.0, 0.5], [1.0, 0.5]),
        ([0.0, 0.0], [0.0, 0.0]),
        ([0.000009, 0.0], [0.0, 0.0]),  # largest below 1e-5: worth 0
        ([0.00001, 0.0], [1.0, 0.0]),
    ],
    ids=["integers", "all-at-most-1", "max-1", "zeros", "below-threshold", "at-threshold"],
)
def test_normalise_evaluations_is_genius8s_rule(raw: list[float], expected: list[float]) -> None:
    assert normalise_evaluations(raw).tolist() == pytest.approx(expected, abs=1e-15)
    assert genius8_normalize(raw) == pytest.approx(expected, abs=1e-15)


def absolute_scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "absolute"
    folder.mkdir()
    (folder / "domain.xml").write_text(ABSOLUTE_DOMAIN)
    (folder / "buyer.xml").write_text(
        ABSOLUTE_PROFILE.format(a="0.5", b="0.2", c="0.3", d="0.9", e="0.6")
    )
    (folder / "seller.xml").write_text(ABSOLUTE_PROFILE.format(a="1", b="4", c="2", d="0", e="1"))
    return folder


def negmas_genius8_tables(  # type: ignore[no-untyped-def]
    folder: Path, issues: tuple[str, ...], options: tuple[tuple[str, ...], ...]
):
    """Per party and issue: NegMAS' raw evaluations, GENIUS 8's rule, weights over their sum."""
    negmas = pytest.importorskip("negmas")
    scenario = negmas.load_genius_domain_from_folder(folder, ignore_discount=True)
    names = [i.name for i in scenario.outcome_space.issues]
    tables = {}
    for ufun in scenario.ufuns:
        weights = np.array(ufun.weights, dtype=float)
        weights = weights / weights.sum()
        tables[ufun.name] = [
            [
                float(weights[names.index(issue)]) * v
                for v in genius8_normalize(
                    [float(ufun.values[names.index(issue)].mapping[o]) for o in options[k]]
                )
            ]
            for k, issue in enumerate(issues)
        ]
    return tables


@pytest.mark.parametrize("name", ["absolute", *DOMAINS])
def test_reader_matches_negmas_under_genius8s_rule(name: str, tmp_path: Path) -> None:
    if name == "absolute":
        folder = absolute_scenario(tmp_path)
    else:
        folder = GENIUS / name
        if not folder.is_dir():
            pytest.skip("../shared/external not present")
    scenario = read_genius(folder)
    space, u = scenario.space, scenario.utilities
    expected = negmas_genius8_tables(folder, space.issues, space.options)
    assert set(expected) == set(u.parties)
    for p, party in enumerate(u.parties):
        for k in range(space.n_issues):
            assert u.tables[k][p].tolist() == pytest.approx(expected[party][k], abs=1e-12)


def test_all_at_most_1_is_still_divided(tmp_path: Path) -> None:
    """The case the two readings of GENIUS disagree on: evaluations 0.5 and 0.2 on Price."""
    u = read_genius(absolute_scenario(tmp_path)).utilities
    buyer = u.parties.index("buyer")
    assert u.values[0][buyer].tolist() == pytest.approx([1.0, 0.4])
    assert u.values[1][buyer].tolist() == pytest.approx([1 / 3, 1.0, 2 / 3])
    assert u.values[0][u.parties.index("seller")].tolist() == pytest.approx([0.25, 1.0])
