"""The synthetic benchmark corpus: the sizes asked for, and same seed, same corpus and results."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from accords.analysis import assess_acceptability, diff_agreements, who_must_act

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_analysis.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_analysis", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sizes(bench: ModuleType) -> None:
    corpus = bench.synthetic_corpus(n_provisions=200, n_parties=60, n_issues=40, seed=1)
    assert sum(len(a.provisions) for a in corpus.agreements) == 200
    assert len(corpus.parties) == 60
    assert len(corpus.issues) == 40
    assert {p.kind for p in corpus.parties} >= {"state", "group", "bloc", "institution"}


def test_same_seed_same_corpus_and_results(bench: ModuleType) -> None:
    a = bench.synthetic_corpus(n_provisions=120, n_parties=20, n_issues=8, seed=7)
    b = bench.synthetic_corpus(n_provisions=120, n_parties=20, n_issues=8, seed=7)
    c = bench.synthetic_corpus(n_provisions=120, n_parties=20, n_issues=8, seed=8)
    assert a == b
    assert a != c
    v1, v2 = a.agreements
    w1, w2 = b.agreements
    assert diff_agreements(v1, v2) == diff_agreements(w1, w2)
    np.testing.assert_array_equal(
        assess_acceptability(a, "v2").codes, assess_acceptability(b, "v2").codes
    )
    assert who_must_act(a, "v1").provisions == who_must_act(b, "v1").provisions
