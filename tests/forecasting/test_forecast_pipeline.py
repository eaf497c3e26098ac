"""forecast_corpus / forecast_file: the library call behind ``accords forecast``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from accords.cli.main import app
from accords.corpus import load_corpus
from accords.exceptions import (
    ForecastTooLargeError,
    ModelSpecificationError,
    UnknownIssueError,
)
from accords.forecasting import (
    MAX_DRAW_CELLS,
    ActorRanges,
    Actors,
    CompromiseModel,
    ForecastDocument,
    ForecastReport,
    check_draw_budget,
    draw_actors,
    forecast_corpus,
    forecast_file,
    monte_carlo,
)
from accords.forecasting.records import CSV_COLUMNS, POINT_OUTSIDE_NOTE
from accords.model.documents import document_class

MARREN = Path(__file__).resolve().parent / "corpora" / "marren-2030"
PLAIN = "actor,capability,position,salience,confidence\nA,1,20,1,0.5\nB,3,80,1,0.5\n"


@pytest.fixture(scope="module")
def marren():
    return load_corpus(MARREN)


def test_library_report_is_the_cli_document(marren) -> None:
    report = forecast_corpus(
        marren, issues=["cod-quota"], models=["compromise,nash"], n_draws=300, seed=4
    )
    assert isinstance(report, ForecastReport)
    args = ["forecast", "cod-quota", "--corpus", str(MARREN), "-m", "compromise,nash"]
    result = CliRunner().invoke(app, [*args, "--draws", "300", "--seed", "4", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == report.to_record()


def test_record_is_a_versioned_forecast_document(marren) -> None:
    record = forecast_corpus(marren, models=["median"], n_draws=50).to_record()
    assert document_class("forecast") is ForecastDocument
    ForecastDocument.model_validate(record)
    assert (record["document"], record["schema_version"]) == ("forecast", 1)
    assert record["draws_per_model"] == {"median": 50}
    assert (record["corpus"], record["input"]) == ("marren-2030", None)


def test_default_draws_follow_the_model_tags(marren) -> None:
    report = forecast_corpus(marren, issues=["cod-quota"], models=["compromise", "smp"])
    assert report.draws_per_model == {"compromise": 2000, "smp": 200}
    rows = {f["model"]: f for f in report.issues[0]["forecasts"]}
    assert (rows["compromise"]["n_draws"], rows["smp"]["n_draws"]) == (2000, 200)


def test_same_seed_same_report(marren) -> None:
    def run(seed: int) -> dict:
        return forecast_corpus(marren, models=["compromise"], n_draws=200, seed=seed).to_record()

    assert run(3) == run(3)
    assert run(3) != run(4)


def test_progress_counts_every_draw(marren) -> None:
    calls: list[tuple[str, int, int]] = []
    forecast_corpus(
        marren,
        issues=["cod-quota", "patrols"],
        models=["compromise"],
        n_draws=100,
        progress=lambda key, done, total: calls.append((key, done, total)),
    )
    assert calls[-1][1:] == (200, 200)
    assert {key for key, _, _ in calls} == {"cod-quota", "patrols"}


def test_point_and_median_rows_and_the_outside_flag() -> None:
    record = forecast_corpus(
        load_corpus(), issues=["nato-membership"], models=["compromise"], n_draws=2000
    ).to_record()
    (issue,) = record["issues"]
    (row,) = issue["forecasts"]
    low, high = row["interval_90"]
    assert row["point_outside_90"] == (not low <= row["point"] <= high)
    assert (POINT_OUTSIDE_NOTE in issue.get("notes", [])) == row["point_outside_90"]
    options = {o["id"]: o["position"] for o in issue["options"]}
    # the option printed beside each number is the nearest one (an oracle over the options)
    for value, option in (
        (row["point"], row["point_option"]),
        (row["median"], row["nearest_option"]),
    ):
        assert abs(options[option] - value) == min(abs(p - value) for p in options.values())


def test_point_outside_its_interval_comes_from_clipped_ranges() -> None:
    # Two actors at the top of the scale, unsure: their draws can only move down, so the
    # compromise of the draws lies below the point forecast at the modes (the NATO case).
    actors = Actors.from_columns(["a", "b", "c"], [1, 1, 1], [100, 100, 0], [1, 1, 1])
    ranges = ActorRanges.from_confidence(actors, [0.2, 0.2, 1.0])
    dist = monte_carlo(CompromiseModel(), ranges, n_draws=4000, seed=0)
    _, high = dist.interval(0.9)
    assert dist.point.outcome[0] > high[0]
    mean_position = draw_actors(ranges, 4000, seed=0).position[:, :2, 0].mean()
    assert mean_position < 100.0


def test_file_report_and_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(PLAIN, encoding="utf-8")
    report = forecast_file(path, models=["compromise", "median"], n_draws=300)
    assert (report.format, report.input) == ("plain", str(path))
    rows = report.to_rows()
    assert [r["model"] for r in rows] == ["compromise", "median"]
    assert all(list(r) == list(CSV_COLUMNS) for r in rows)
    assert rows[0]["interval_90_low"] < rows[0]["median"] < rows[0]["interval_90_high"]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seed": -1}, ModelSpecificationError, "seed: expected a whole number >= 0, got -1"),
        ({"n_draws": 0}, ModelSpecificationError, "n_draws: expected a whole number >= 1"),
        ({"models": ["oracle"]}, ModelSpecificationError, "unknown model 'oracle'"),
        ({"models": [" , "]}, ModelSpecificationError, "give at least one model name"),
        ({"issues": ["fish-prices"]}, UnknownIssueError, "unknown issue 'fish-prices'"),
        (
            {"n_draws": 1_000_000_000},
            ForecastTooLargeError,
            r"cod-quota: 1,000,000,000 draws x 3 actors x 1 dimension\(s\) .* exceeds the limit "
            r"of 10,000,000 \(MAX_DRAW_CELLS\); use at most 3,333,333 draws here",
        ),
        ({"mapper": map, "scheduler": "local"}, ModelSpecificationError, "not both"),
    ],
    ids=["negative-seed", "no-draws", "unknown-model", "no-model", "unknown-issue", "huge", "two"],
)
def test_bad_options_are_refused_before_any_work(marren, kwargs, error, match: str) -> None:
    calls: list[int] = []
    with pytest.raises(error, match=match):
        forecast_corpus(marren, progress=lambda *a: calls.append(1), **kwargs)
    assert calls == []  # refused before the first issue


@pytest.mark.parametrize(
    ("n_draws", "n_actors", "n_dimensions", "fits"),
    [
        (MAX_DRAW_CELLS, 1, 1, True),
        (MAX_DRAW_CELLS + 1, 1, 1, False),
        (10**6, 10, 1, True),
        (10**6, 10, 2, False),
        (2000, 5000, 1, True),
    ],
    ids=["at-limit", "one-over", "1M-x-10", "1M-x-10-x-2", "2000-x-5000"],
)
def test_draw_budget_limit(n_draws: int, n_actors: int, n_dimensions: int, fits: bool) -> None:
    if fits:
        check_draw_budget(n_draws, n_actors, n_dimensions)
    else:
        with pytest.raises(ForecastTooLargeError, match="MAX_DRAW_CELLS"):
            check_draw_budget(n_draws, n_actors, n_dimensions)


def test_monte_carlo_refuses_before_allocating() -> None:
    actors = Actors.from_columns(["a", "b"], [1, 1], [20, 80], [1, 1])
    ranges = ActorRanges.from_confidence(actors, [0.5, 0.5])
    with pytest.raises(ForecastTooLargeError):
        monte_carlo(CompromiseModel(), ranges, n_draws=10**9, seed=0)
    with pytest.raises(ModelSpecificationError, match="seed"):
        monte_carlo(CompromiseModel(), ranges, n_draws=10, seed=-5)
    assert np.isfinite(monte_carlo(CompromiseModel(), ranges, n_draws=10, seed=0).median[0])
