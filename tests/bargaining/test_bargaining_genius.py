"""The GENIUS reader: the ANAC domains against NegMAS' parser, and malformed files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from bargaining_oracles import GENIUS_DOMAINS, as_rows, genius_dir

from accords.bargaining import (
    evaluate,
    pareto_frontier,
    pareto_indices,
    parse_genius_domain,
    parse_genius_profile,
    read_genius,
)
from accords.exceptions import InputFormatError

EXPECTED = {  # (issues, packages, parties), counted in the XML files by grep
    "Laptop": (3, 27, 2),
    "Travel": (7, 188_160, 2),
    "Energy": (8, 390_625, 2),
    "group2-dinner": (5, 1_200, 3),
    "group2-politics": (8, 23_040, 3),
}


def negmas_normalised(folder: Path, space):  # type: ignore[no-untyped-def]
    """NegMAS' parse of the profiles, normalised as GENIUS does.

    Values are divided by their issue's largest value, weights by their sum.
    """
    negmas = pytest.importorskip("negmas")
    scenario = negmas.load_genius_domain_from_folder(folder, ignore_discount=True)
    names = [i.name for i in scenario.outcome_space.issues]
    tables = {}
    for ufun in scenario.ufuns:
        weights = np.array(ufun.weights, dtype=float)
        weights = weights / weights.sum()
        per_issue = []
        for k, issue in enumerate(space.issues):
            fun = ufun.values[names.index(issue)]
            raw = np.array([float(fun.mapping[o]) for o in space.options[k]])
            top = raw.max()
            per_issue.append(weights[names.index(issue)] * (raw / top if top > 1e-5 else raw * 0))
        tables[ufun.name] = per_issue
    return tables


@pytest.mark.parametrize("name", GENIUS_DOMAINS)
def test_domains_read_and_match_negmas(name: str) -> None:
    folder = genius_dir(name)
    scenario = read_genius(folder)
    n_issues, size, n_parties = EXPECTED[name]
    assert scenario.space.n_issues == n_issues
    assert scenario.space.size == size
    assert len(scenario.utilities.parties) == n_parties
    tables = negmas_normalised(folder, scenario.space)
    u = scenario.utilities
    assert set(tables) == set(u.parties)
    for p, party in enumerate(u.parties):
        for k in range(scenario.space.n_issues):
            assert np.allclose(u.tables[k][p], tables[party][k], atol=1e-12)
    rng = np.random.default_rng(0)
    sample = np.stack([rng.integers(0, c, 200) for c in scenario.space.cardinalities], axis=1)
    expected = np.array(
        [
            [sum(tables[party][k][x[k]] for k in range(len(x))) for party in u.parties]
            for x in sample
        ]
    )
    assert np.allclose(evaluate(u, sample), expected, atol=1e-12)
    assert ((evaluate(u, sample) >= -1e-12) & (evaluate(u, sample) <= 1 + 1e-12)).all()


@pytest.mark.parametrize("name", ["Laptop", "group2-dinner", "group2-politics"])
def test_genius_frontier_matches_negmas(name: str) -> None:
    pytest.importorskip("negmas")
    from negmas.outcomes import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences import pareto_frontier as nf
    from negmas.preferences.value_fun import TableFun

    scenario = read_genius(genius_dir(name))
    space, u = scenario.space, scenario.utilities
    tables = negmas_normalised(genius_dir(name), space)
    issues = [
        make_issue(values=list(o), name=i) for i, o in zip(space.issues, space.options, strict=True)
    ]
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[
                TableFun({o: float(t[j]) for j, o in enumerate(space.options[k])})
                for k, t in enumerate(tables[party])
            ],
            weights=[1.0] * space.n_issues,
            issues=issues,
            reserved_value=float(u.reservation[p]),
        )
        for p, party in enumerate(u.parties)
    ]
    points, _ = nf(ufuns, issues=issues)
    ours = pareto_frontier(space, u)
    assert as_rows(ours.utilities) == as_rows(np.array(points))


DOMAIN = """<negotiation_template><utility_space><objective name="root">
<issue index="1" name="Price" type="discrete"><item index="1" value="low"/>
<item index="2" value="high"/></issue>
<issue index="2" name="Colour" type="discrete"><item index="1" value="red"/>
<item index="2" value="blue"/></issue>
</objective></utility_space></negotiation_template>"""

PROFILE = """<utility_space>
<objective index="0" name="root">
<issue index="1" name="Price"><item value="low" evaluation="4"/>
<item value="high" evaluation="1"/></issue>
<issue index="2" name="Colour"><item value="red" evaluation="0"/>
<item value="blue" evaluation="2"/></issue>
<weight index="1" value="0.6"/>
<weight index="2" value="0.6"/>
</objective>
<reservation value="0.25"/>
<discount_factor value="0.9"/>
</utility_space>"""


def test_profile_is_normalised_as_genius_does() -> None:
    space = parse_genius_domain(DOMAIN)
    profile = parse_genius_profile(PROFILE, space)
    assert profile.weights.tolist() == [0.5, 0.5]
    assert profile.values[0].tolist() == [1.0, 0.25]
    assert profile.values[1].tolist() == [0.0, 1.0]
    assert profile.reservation == 0.25
    assert profile.discount == 0.9
    assert any("normalised" in n for n in profile.notes)


@pytest.mark.parametrize(
    ("domain", "profile", "match"),
    [
        ("<negotiation_template><objective>", PROFILE, r"<domain>:1: not well-formed XML"),
        (
            DOMAIN.replace('type="discrete"', 'type="integer"', 1),
            PROFILE,
            r"<domain>:2: .*only discrete",
        ),
        ("<utility_space/>", PROFILE, "no <objective> element"),
        (
            DOMAIN,
            PROFILE.replace('evaluation="4"', 'evaluation="lots"'),
            r"<profile>:3: .*not a number",
        ),
        (
            DOMAIN,
            PROFILE.replace('value="blue" evaluation="2"', 'value="green" evaluation="2"'),
            r"value 'green' of issue 'Colour' is not in the domain",
        ),
        (
            DOMAIN,
            PROFILE.replace('name="Colour"', 'name="Size"'),
            "issue 'Size' is not in the domain",
        ),
        (
            DOMAIN,
            PROFILE.replace('<weight index="2" value="0.6"/>', ""),
            r"no <weight> for issues \['Colour'\]",
        ),
        (
            DOMAIN,
            PROFILE.replace('<weight index="2" value="0.6"/>', '<weight index="7" value="0.6"/>'),
            r"<profile>:8: <weight index='7'> names no issue",
        ),
        (DOMAIN, PROFILE.replace('value="0.6"', 'value="-1"', 1), "negative"),
        (
            DOMAIN,
            PROFILE.replace(' evaluation="0"', ""),
            r"<profile>:5: <item> has no 'evaluation'",
        ),
        (DOMAIN.replace('value="blue"', 'value="red"'), PROFILE, r"repeats values \['red'\]"),
    ],
    ids=[
        "not-xml",
        "integer-issue",
        "no-objective",
        "bad-evaluation",
        "unknown-value",
        "unknown-issue",
        "missing-weight",
        "weight-index",
        "negative-weight",
        "missing-evaluation",
        "repeated-value",
    ],
)
def test_malformed_files_name_file_line_and_fault(domain: str, profile: str, match: str) -> None:
    def parse() -> None:
        parse_genius_profile(profile, parse_genius_domain(domain))

    with pytest.raises(InputFormatError, match=match):
        parse()


def test_read_genius_folder_errors(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="not a directory"):
        read_genius(tmp_path / "missing")
    (tmp_path / "domain.xml").write_text(DOMAIN)
    with pytest.raises(InputFormatError, match="no profile"):
        read_genius(tmp_path)
    (tmp_path / "buyer.xml").write_text(PROFILE)
    (tmp_path / "seller.xml").write_text(PROFILE.replace("<objective", "<objective ", 1))
    scenario = read_genius(tmp_path)
    assert scenario.utilities.parties == ("buyer", "seller")
    assert read_genius(tmp_path, parties=["seller"]).utilities.parties == ("seller",)
    with pytest.raises(InputFormatError, match=r"no profile named \['judge'\]"):
        read_genius(tmp_path, parties=["judge"])
    (tmp_path / "other.xml").write_text(DOMAIN)
    with pytest.raises(InputFormatError, match="exactly one domain file"):
        read_genius(tmp_path)


@pytest.mark.parametrize("name", GENIUS_DOMAINS)
def test_frontier_merge_equals_skyline_over_every_package(name: str) -> None:
    # Real domains have many near-ties: the issue-by-issue merge must agree with brute force
    # package for package (distinct packages with equal utilities included).
    scenario = read_genius(genius_dir(name))
    space, u = scenario.space, scenario.utilities
    packages = np.concatenate(list(space.enumerate()))
    expected = pareto_indices(evaluate(u, packages))
    front = pareto_frontier(space, u, region="all")
    assert space.encode(front.packages).tolist() == expected.tolist()
