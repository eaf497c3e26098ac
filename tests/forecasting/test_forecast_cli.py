"""``accords forecast`` through Typer's runner: JSON shape, numbers, seeds, inputs, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from accords.cli.main import app

runner = CliRunner()
MARREN = str(Path(__file__).resolve().parent / "corpora" / "marren-2030")
EXTERNAL = (Path(__file__).resolve().parents[2] / ".." / "shared" / "external").resolve()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["forecast", *args])
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> dict[str, Any]:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def forecast_of(record: dict[str, Any], model: str) -> dict[str, Any]:
    return next(f for f in record["forecasts"] if f["model"] == model)


def test_issue_json_numbers_against_hand_computation() -> None:
    data = run_json("cod-quota", "--corpus", MARREN, "-m", "compromise,nash", "--draws", "400")
    assert data["corpus"] == "marren-2030"
    assert data["models"] == ["compromise", "nash"]
    (record,) = data["issues"]
    assert record["issue"] == "cod-quota"
    assert [a["party"] for a in record["actors"]] == ["ostra", "pellin", "quay-isles"]
    compromise = forecast_of(record, "compromise")
    # (0.5*0.9*0 + 0.3*0.8*100 + 0.2*0.5*45) / (0.45 + 0.24 + 0.10)
    assert compromise["point"] == pytest.approx((24 + 4.5) / 0.79)
    assert compromise["n_draws"] == 400
    low90, high90 = compromise["interval_90"]
    low50, high50 = compromise["interval_50"]
    assert low90 <= low50 <= compromise["median"] <= high50 <= high90
    assert compromise["nearest_option"] == "cut-half"
    agreements = {(a["agreement"], a["option"]): a for a in record["agreements"]}
    draft = agreements[("council-draft", "cut-half")]
    assert draft["position"] == 40.0
    assert draft["distance"]["compromise"] == pytest.approx(40.0 - compromise["median"], abs=1e-6)
    assert draft["inside_90"]["compromise"] == (low90 <= 40.0 <= high90)


def test_same_seed_same_document_and_another_seed_differs() -> None:
    args = ("patrols", "--corpus", MARREN, "-m", "compromise", "--draws", "300")
    first = run_json(*args, "--seed", "5")
    assert first == run_json(*args, "--seed", "5")
    other = run_json(*args, "--seed", "6")
    assert (
        forecast_of(first["issues"][0], "compromise")["median"]
        != forecast_of(other["issues"][0], "compromise")["median"]
    )


def test_all_issues_with_several_models() -> None:
    data = run_json(
        "--all", "--corpus", MARREN, "--draws", "20", "-m", "compromise,median", "--model", "nash"
    )
    assert [r["issue"] for r in data["issues"]] == [
        "cod-quota",
        "patrols",
        "compensation",
        "landing-ports",
    ]
    ports = data["issues"][-1]
    assert ports["forecasts"] == []
    assert ports["excluded"][0]["party"] == "strait-council"
    models = [f["model"] for f in data["issues"][0]["forecasts"]]
    assert models == ["compromise", "median", "nash"]


def test_sensitivity_is_ranked() -> None:
    data = run_json("cod-quota", "--corpus", MARREN, "-m", "compromise", "--sensitivity")
    rows = data["issues"][0]["sensitivity"]["rows"]
    assert [r["rank"] for r in rows] == list(range(1, 10))
    assert [r["swing"] for r in rows] == sorted((r["swing"] for r in rows), reverse=True)


def test_text_output_renders_tables() -> None:
    code, out, _ = run(
        "cod-quota", "--corpus", MARREN, "-m", "compromise", "--draws", "50", "--sensitivity"
    )
    assert code == 0
    for fragment in ("cod-quota", "forecast", "agreements against the forecast", "sensitivity"):
        assert fragment in out


def test_plain_input_exact_and_with_confidence(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text("actor,capability,position,salience\nA,1,20,1\nB,3,80,1\n", encoding="utf-8")
    data = run_json("--input", str(path), "-m", "compromise,median")
    assert data["format"] == "plain"
    compromise = forecast_of(data["issues"][0], "compromise")
    assert compromise["point"] == pytest.approx(65.0)
    assert (compromise["n_draws"], compromise["interval_90"]) == (0, None)
    path.write_text(
        "actor,capability,position,salience,confidence\nA,1,20,1,0.5\nB,3,80,1,0.5\n",
        encoding="utf-8",
    )
    data = run_json("--input", str(path), "-m", "compromise", "--draws", "500")
    compromise = forecast_of(data["issues"][0], "compromise")
    assert compromise["n_draws"] == 500
    assert compromise["interval_90"][0] < 65.0 < compromise["interval_90"][1]


def test_deu_input_reports_accuracy() -> None:
    deu = EXTERNAL / "deu" / "deu3.csv"
    if not deu.exists():
        pytest.skip("../shared/external not present")
    data = run_json("--input", str(deu), "-m", "compromise")
    assert data["format"] == "deu"
    assert data["n_issues"] == 364
    (accuracy,) = data["accuracy"]
    assert accuracy["n_issues"] == 353
    assert accuracy["mean_absolute_error"] == pytest.approx(23.22, abs=0.006)


def test_ktab_input() -> None:
    ktab = EXTERNAL / "ktab" / "dummyData_3Dim.csv"
    if not ktab.exists():
        pytest.skip("../shared/external not present")
    data = run_json("--input", str(ktab), "-m", "compromise")
    assert data["format"] == "ktab"
    dims = [f["dimension"] for f in data["issues"][0]["forecasts"]]
    assert len(dims) == 3


def test_scheduler_local_gives_the_in_process_numbers(monkeypatch) -> None:
    from accords.forecasting import parallel
    from accords.forecasting.parallel import DaskMapper

    monkeypatch.setattr(
        parallel,
        "DaskMapper",
        lambda address: DaskMapper(address, n_workers=1, processes=False),
    )
    args = ("cod-quota", "--corpus", MARREN, "-m", "compromise,nash", "--draws", "300")
    here = run_json(*args)
    there = run_json(*args, "--scheduler", "local")
    assert there.pop("scheduler") == "local"
    here.pop("scheduler")
    assert here == there


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give exactly one of: an ISSUE id, --all, or --input FILE"),
        (("cod-quota", "--all"), "give exactly one of"),
        (("fish-prices",), "unknown issue 'fish-prices' (known: cod-quota"),
        (("cod-quota", "-m", "oracle"), "unknown model 'oracle'"),
        (("--input", "/nonexistent/actors.csv"), "/nonexistent/actors.csv: cannot read the file"),
        (("cod-quota", "--draws", "0"), "Invalid value"),
        (("cod-quota", "--scheduler", "no-port"), "cannot reach a Dask scheduler"),
    ],
    ids=[
        "nothing",
        "issue-and-all",
        "unknown-issue",
        "unknown-model",
        "missing-file",
        "zero-draws",
        "bad-scheduler",
    ],
)
def test_errors_are_clear_and_without_traceback(args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args, "--corpus", MARREN)
    assert code == 2
    assert message in " ".join(err.split())
    assert "Traceback" not in out + err


def test_bad_input_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("actor,capability,position,salience\nA,1,20,1\nB,1,abc,1\n", encoding="utf-8")
    code, out, err = run("--input", str(path), "--format", "json")
    assert code == 2
    assert out == ""
    assert f"{path}:3: field 'position' of actor 'B'" in " ".join(err.split())


def test_json_is_one_document_even_with_many_draws() -> None:
    code, out, _ = run(
        "cod-quota", "--corpus", MARREN, "-m", "median", "--draws", "3000", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)  # a single document, no progress bar mixed in
    assert np.isfinite(forecast_of(data["issues"][0], "median")["median"])


def test_trajectory_starts_at_the_modes() -> None:
    data = run_json(
        "cod-quota", "--corpus", MARREN, "-m", "compromise,smp", "--draws", "5", "--trajectory"
    )
    modes = [a["position"] for a in data["issues"][0]["actors"]]
    for f in data["issues"][0]["forecasts"]:
        assert f["trajectory"][0] == modes
        assert len(f["trajectory"]) == f["n_rounds"] + 1  # the start, then each round


def test_smp_leaves_out_actors_without_salience(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "actor,capability,position,salience\nA,1,20,0.8\nB,2,80,0.6\nC,5,50,0\n", encoding="utf-8"
    )
    data = run_json("--input", str(path), "-m", "compromise,smp")
    compromise, smp = data["issues"][0]["forecasts"]
    assert "left_out" not in compromise
    assert smp["left_out"] == ["C"]
    assert 20.0 <= smp["point"] <= 80.0


def test_embedded_corpus_every_issue_with_agreements() -> None:
    code, out, err = run("--all", "-m", "compromise", "--draws", "200", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["corpus"] == "ukraine-2025"
    assert data["n_issues"] == len(data["issues"]) > 0
    placed = [r for r in data["issues"] if r["forecasts"]]
    assert placed, "no issue of the embedded corpus has actors with positions"
    for record in placed:
        (f,) = record["forecasts"]
        low, high = f["interval_90"]
        assert 0.0 <= low <= f["median"] <= high <= 100.0
        for a in record["agreements"]:
            assert a["distance"]["compromise"] == pytest.approx(a["position"] - f["median"])
    assert any(r["agreements"] for r in placed)


def test_embedded_corpus_bdm_monte_carlo_runs_clean() -> None:
    # Regression: extreme actors once gave distances a hair above 1 and NaN utilities in BDM.
    code, out, err = run("--all", "-m", "bdm", "--draws", "30", "--seed", "3", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    forecasts = [f for r in data["issues"] for f in r["forecasts"]]
    failures = {f["failure"] for f in forecasts if "failure" in f}
    assert failures <= {"ExpectedUtilityModel: expected at least 2 actors, got 1"}
    medians = [f["median"] for f in forecasts if "failure" not in f]
    assert len(medians) >= 10
    assert all(0.0 <= m <= 100.0 for m in medians)


def test_text_labels_point_and_median_with_option_names() -> None:
    code, out, _ = run("nato-membership", "-m", "compromise,median", "--draws", "500")
    assert code == 0
    lines = out.splitlines()
    point = next(line.split() for line in lines if line.split()[:2] == ["compromise", "point"])
    median = next(line.split() for line in lines if line.split()[:1] == ["median"])
    assert point[2:] == ["74.1", "†", "neutrality-pledge"]  # the option beside the number
    assert median[0] == "median"
    assert "… " not in out
    text = " ".join(out.split())
    assert "point: the model on the most likely inputs; median and intervals: of the" in text
    assert "† the point forecast (the model on the most likely inputs) lies outside" in text


def test_summary_table_at_80_columns_labels_point_and_median() -> None:
    code, out, _ = run("--all", "-m", "compromise,nash", "--draws", "100")
    assert code == 0
    text = " ".join(out.split())
    assert "20 issues: point forecast (the model on the most likely inputs) and median" in text
    lines = out.splitlines()
    assert sum(line.split()[1:2] == ["point"] for line in lines) == 40  # 20 issues x 2 models
    assert sum(line.split()[:1] == ["median"] for line in lines) == 40
    assert all(len(line) <= 80 for line in lines)
    assert "…" not in out  # no id cut short


def test_csv_has_one_header_and_a_row_per_model(tmp_path: Path) -> None:
    import csv
    import io

    path = tmp_path / "actors.csv"
    path.write_text("actor,capability,position,salience\nA,1,20,1\nB,3,80,1\n", encoding="utf-8")
    code, out, err = run("--input", str(path), "-m", "compromise,median", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["model"] for r in rows] == ["compromise", "median"]
    assert float(rows[0]["point"]) == pytest.approx(65.0)
    assert rows[0]["interval_90_low"] == ""  # exact input: no interval


def test_cli_module_is_a_thin_shell() -> None:
    import ast

    from accords.cli import forecast_commands

    source = Path(forecast_commands.__file__).read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 300
    imported = {
        (node.module or "").split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    } | {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not imported & {"numpy", "distributed", "dask"}
    assert "fail(" not in source
    assert "typer.Exit" not in source
