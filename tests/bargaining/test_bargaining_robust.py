"""Robust packages: the MIP over scenarios against brute force on small problems."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from accords.bargaining.robust import (
    RobustReport,
    acceptance,
    draw_scenarios,
    robust_package,
)
from accords.exceptions import ModelSpecificationError
from accords.model import Corpus, Issue, Option, Party, Reservation, Stance
from accords.model.documents import document_class


def toy_corpus(seed: int, n_parties: int = 3, n_issues: int = 3) -> Corpus:
    rng = np.random.default_rng(seed)
    parties = tuple(Party(id=f"p{a}", name=f"P{a}", kind="state") for a in range(n_parties))
    issues = []
    stances = []
    for k in range(n_issues):
        n_opt = int(rng.integers(2, 4))
        options = tuple(
            Option(id=f"o{j}", position=float(100 * j / (n_opt - 1)), description=f"o{j}")
            for j in range(n_opt)
        )
        issues.append(Issue(id=f"i{k}", title=f"Issue {k}", options=options))
        for a in range(n_parties):
            ideal = int(rng.integers(n_opt))
            others = [j for j in range(n_opt) if j != ideal]
            red = tuple(f"o{j}" for j in others if rng.random() < 0.3)
            stances.append(
                Stance(
                    party=f"p{a}",
                    issue=f"i{k}",
                    ideal=f"o{ideal}",
                    red_lines=red,
                    salience=float(rng.uniform(0.2, 1.0)),
                    confidence=float(rng.uniform(0.3, 0.9)),
                    assumption="test",
                )
            )
    reservations = tuple(
        Reservation(party=f"p{a}", value=float(rng.uniform(0.1, 0.5)), assumption="test")
        for a in range(n_parties)
    )
    return Corpus(
        id="toy",
        title="Toy",
        parties=parties,
        issues=tuple(issues),
        stances=tuple(stances),
        reservations=reservations,
    )


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4], ids=lambda s: f"corpus{s}")
def test_mip_matches_brute_force(seed: int) -> None:
    corpus = toy_corpus(seed)
    report = robust_package(corpus, n_draws=60, n_evaluation_draws=200, seed=seed)
    scenarios = draw_scenarios(corpus, n_draws=60, seed=seed)
    best = max(
        int(acceptance(scenarios, list(p)).sum())
        for p in itertools.product(*(range(len(o)) for o in scenarios.options))
    )
    assert report.optimal
    assert report.in_sample_share * 60 == pytest.approx(best)
    chosen = [scenarios.options[k].index(report.package[i]) for k, i in enumerate(scenarios.issues)]
    assert int(acceptance(scenarios, chosen).sum()) == best


def test_acceptance_oracle() -> None:
    """acceptance() against a plain loop over scenarios and parties."""
    corpus = toy_corpus(7)
    sc = draw_scenarios(corpus, n_draws=40, seed=3)
    package = [0] * len(sc.issues)
    cols = sc.columns(package)
    expected = []
    for s in range(sc.n_scenarios):
        ok = True
        for a in range(len(sc.parties)):
            u = sum(sc.tables[s, a, c] for c in cols)
            if u < sc.reservation[a] - 1e-9 or any(sc.red[s, a, c] for c in cols):
                ok = False
        expected.append(ok)
    assert acceptance(sc, package).tolist() == expected


def test_certain_red_line_always_present() -> None:
    corpus = toy_corpus(0)
    sure = corpus.model_copy(
        update={"stances": tuple(s.model_copy(update={"confidence": 1.0}) for s in corpus.stances)}
    )
    sc = draw_scenarios(sure, n_draws=30, seed=0)
    assert (sc.red.all(axis=0) == sc.red.any(axis=0)).all()


def test_same_seed_same_report_and_record() -> None:
    corpus = toy_corpus(5)
    a = robust_package(corpus, n_draws=50, n_evaluation_draws=100, seed=9)
    b = robust_package(corpus, n_draws=50, n_evaluation_draws=100, seed=9)
    assert isinstance(a, RobustReport)
    assert a == b
    record = a.to_record()
    assert record["document"] == "robust-package"
    assert document_class("robust-package").model_validate(record).package == a.package
    low, high = a.interval_95
    assert low <= a.probability <= high


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"n_draws": 0}, "n_draws"), ({"parties": ["nobody"]}, "nobody")],
    ids=["no-draws", "unknown-party"],
)
def test_bad_inputs(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises((ModelSpecificationError, KeyError), match=match):
        robust_package(toy_corpus(0), **kwargs)  # type: ignore[arg-type]


def test_embedded_corpus_report() -> None:
    from accords.corpus import load_corpus

    report = robust_package(load_corpus(), n_draws=40, n_evaluation_draws=300, seed=0)
    assert report.optimal
    assert set(report.party_rejection) == set(report.parties)
    assert len(report.package) == 20
    low, high = report.interval_95
    assert 0.0 <= low <= report.probability <= high <= 1.0
    # a party that rejects in every draw would make the probability 0; each rate is a share
    assert all(0.0 <= r <= 1.0 for r in report.party_rejection.values())
    assert report.probability <= 1 - max(report.party_rejection.values()) + 1e-12
