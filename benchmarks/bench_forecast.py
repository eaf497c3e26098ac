"""Benchmark: Monte Carlo forecasts over all 364 DEU issues.

Every issue of the DEU dataset (30 actors at most; actors without a position left out) is given
uncertain inputs in two scenarios: (a) positions only, a triangular range of +-12.5 points
(confidence 0.5 in the documented mapping, what a corpus stance gives); (b) positions and
saliences (+-0.1), twice the random inputs. Ranges are clipped to their scales. Each model is run
on ``--draws`` draws per issue (default 10,000), the drawing included in the time. The target:
the compromise model over all 364 issues in under 5 seconds.

The peer, run in the same script, is the obvious implementation: the same draws, one
``fit``/``predict`` per draw, on a sample of issues and extrapolated to all of them.
KTAB's SMP, where present, is timed the same way (per draw; it has no vectorised path).

Without ../shared/external (a fresh clone), 364 synthetic issues of 27 actors are used.

Run: ``.venv/bin/python benchmarks/bench_forecast.py [--draws 10000] [--seed 0]``
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from accords.forecasting import read_deu
from accords.forecasting.base import Actors
from accords.forecasting.montecarlo import ActorRanges, draw_actors, monte_carlo
from accords.forecasting.registry import available_models, make_model
from accords.random import as_generator

DEU = Path(__file__).resolve().parents[1] / ".." / "shared" / "external" / "deu" / "deu3.csv"


def issues(seed: int) -> tuple[str, list[Actors]]:
    path = DEU.resolve()
    if path.exists():
        return "DEU (deu3.csv)", [i.actors for i in read_deu(path).issues]
    rng = as_generator(seed)
    out = []
    for k in range(364):
        n = 27
        out.append(
            Actors.from_columns(
                [f"a{i}" for i in range(n)],
                rng.uniform(0.02, 4.1, n),
                rng.uniform(0, 100, n),
                rng.uniform(0, 1, n),
                dimensions=(f"issue{k}",),
            )
        )
    return "synthetic (../shared/external absent)", out


def with_ranges(actors: Actors, *, saliences: bool = True) -> ActorRanges:
    pos, sal = actors.position, actors.salience
    return ActorRanges(
        actors,
        position_low=np.clip(pos - 12.5, 0, 100),
        position_high=np.clip(pos + 12.5, 0, 100),
        salience_low=np.clip(sal - 0.1, 0, 1) if saliences else None,
        salience_high=np.clip(sal + 0.1, 0, 1) if saliences else None,
    )


def time_models(
    problems: list[ActorRanges], names: list[str], draws: int, seed: int
) -> dict[str, float]:
    out = {}
    for name in names:
        model = make_model(name)
        start = time.perf_counter()
        for ranges in problems:
            monte_carlo(model, ranges, n_draws=draws, seed=seed)
        out[name] = time.perf_counter() - start
    return out


def time_peer(problems: list[ActorRanges], name: str, draws: int, seed: int, sample: int) -> float:
    """One fit/predict per draw on ``sample`` issues, extrapolated to all issues."""
    model = make_model(name)
    start = time.perf_counter()
    for ranges in problems[:sample]:
        d = draw_actors(ranges, draws, seed=seed)
        for i in range(d.n_draws):
            model.fit(d.actors(i)).predict()
    return (time.perf_counter() - start) * len(problems) / sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--peer-sample", type=int, default=3, help="issues the peer runs on")
    args = parser.parse_args()

    label, actor_sets = issues(args.seed)
    actor_sets = [a for a in actor_sets if a.salience.sum() > 0]
    positions_only = [with_ranges(a, saliences=False) for a in actor_sets]
    problems = [with_ranges(a) for a in actor_sets]
    n_actors = np.mean([p.actors.n_actors for p in problems])
    print(f"data: {label}: {len(problems)} issues, {n_actors:.1f} actors on average")
    print(
        f"draws per issue: {args.draws:,}; model evaluations per model and scenario: "
        f"{args.draws * len(problems):,}\n"
    )

    (a_time,) = time_models(positions_only, ["compromise"], args.draws, args.seed).values()
    batch = time_models(problems, ["compromise", "median", "nash"], args.draws, args.seed)
    print(
        f"{'model':<12}{'scenario':<24}{'vectorised (s)':>16}{'peer: per draw (s)':>22}"
        f"{'speed-up':>10}"
    )
    peer_draws = min(args.draws, 2000)
    rows = [("compromise", "(a) positions", a_time, positions_only)] + [
        (name, "(b) positions+saliences", seconds, problems) for name, seconds in batch.items()
    ]
    for name, scenario, seconds, probs in rows:
        peer = time_peer(probs, name, peer_draws, args.seed, args.peer_sample)
        peer *= args.draws / peer_draws
        print(f"{name:<12}{scenario:<24}{seconds:>16.2f}{peer:>22.1f}{peer / seconds:>9.0f}x")
    for scenario, seconds in (("(a)", a_time), ("(b)", batch["compromise"])):
        verdict = "met" if seconds < 5.0 else "MISSED"
        print(
            f"target {scenario}: compromise, {len(problems)} issues x {args.draws:,} draws "
            f"< 5 s: {seconds:.2f} s ({verdict})"
        )

    if "smp" in available_models():
        draws = 20
        smp = make_model("smp")
        start = time.perf_counter()
        for ranges in problems[:5]:
            monte_carlo(smp, ranges, n_draws=draws, seed=args.seed)
        per_draw = (time.perf_counter() - start) / (5 * draws)
        print(
            f"smp (per draw, no vectorised path): {per_draw * 1000:.1f} ms per draw on DEU-sized "
            f"issues -> {per_draw * args.draws * len(problems) / 3600:.1f} h for the same sweep "
            "in one process (use --scheduler to spread it)"
        )


if __name__ == "__main__":
    main()
