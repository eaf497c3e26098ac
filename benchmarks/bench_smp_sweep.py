"""Benchmark: KTAB's SMP Monte Carlo sweep of the DEU issues, batched draws vs draw by draw.

Every DEU issue with some salience (actors with salience 0 left out, saliences scaled as in
``accords forecast``), positions uncertain with confidence 0.5 (triangular, +-12.5 points),
``--draws`` draws per issue. Times the batched path (:func:`accords.forecasting.smp_batched.sweep`
with :class:`BatchSpatialModel`) on a random subset of ``--issues`` issues, checks it against the
per-draw path on the first ``--check`` draws of each, and extrapolates to every issue x 1,000
draws on one and on two cores (the sweep splits into independent chunks, so two workers halve
the time up to scheduling overhead). Times are CPU time of this process (the machine may be
shared); with ``--workers`` they are wall-clock. ``--workers N`` runs the subset on a Dask LocalCluster of
N processes instead.

Run: ``.venv/bin/python benchmarks/bench_smp_sweep.py --issues 20 --draws 100``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from accords.forecasting.base import Actors
from accords.forecasting.io import read_deu
from accords.forecasting.montecarlo import ActorRanges, draw_actors
from accords.forecasting.smp import SpatialModel
from accords.forecasting.smp_batched import BatchSpatialModel, sweep

DEU = Path(__file__).resolve().parents[1] / ".." / "shared" / "external" / "deu" / "deu3.csv"


def positive(actors: Actors) -> Actors:
    keep = actors.salience[:, 0] > 0
    return Actors(
        tuple(n for n, k in zip(actors.names, keep, strict=True) if k),
        actors.capability[keep],
        actors.position[keep],
        actors.salience[keep],
        actors.dimensions,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--issues", type=int, default=20)
    parser.add_argument("--draws", type=int, default=100)
    parser.add_argument("--check", type=int, default=10)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    path = DEU.resolve()
    if not path.exists():
        raise SystemExit(f"{path} not found: this benchmark needs ../shared/external")
    issues = [i for i in read_deu(path).issues if i.actors.salience.sum() > 0]
    issues = [i for i in issues if positive(i.actors).n_actors >= 2]
    chosen = np.random.default_rng(args.seed).choice(len(issues), args.issues, replace=False)
    problems = [
        ActorRanges.from_confidence(positive(a.actors), np.full(positive(a.actors).n_actors, 0.5))
        for a in (issues[k] for k in sorted(chosen))
    ]
    model = BatchSpatialModel(salience_sum="scale")
    start = time.process_time()
    if args.workers:
        from accords.forecasting.parallel import DaskMapper

        with DaskMapper("local", n_workers=args.workers) as mapper:
            start = time.perf_counter()
            results = sweep(model, problems, n_draws=args.draws, seed=args.seed, mapper=mapper)
            batched = time.perf_counter() - start
    else:
        results = sweep(model, problems, n_draws=args.draws, seed=args.seed)
        batched = time.process_time() - start
    per_draw_model = SpatialModel(salience_sum="scale")
    children = np.random.default_rng(args.seed).spawn(len(problems))
    start = time.process_time()
    same = True
    for ranges, child, result in zip(problems, children, results, strict=True):
        draws = draw_actors(ranges, args.draws, seed=child)
        for k in range(min(args.check, args.draws)):
            one = per_draw_model.fit(draws.actors(k)).predict().outcome
            same &= bool(np.array_equal(one, result.outcomes[k]))
    per_draw = (time.process_time() - start) / (len(problems) * min(args.check, args.draws))
    n_runs = len(problems) * args.draws
    per_run = batched / n_runs
    full = len(issues) * 1000
    cores = args.workers or 1
    print(f"subset: {len(problems)} issues x {args.draws} draws = {n_runs} runs")
    print(f"batched sweep: {batched:.1f} s CPU on {cores} core(s), {1000 * per_run:.2f} ms per run")
    print(f"per-draw path: {1000 * per_draw:.2f} ms per run (first {args.check} draws of each)")
    print(f"identical to the per-draw path on the draws checked: {same}")
    one_core = per_run * cores * full
    print(
        f"extrapolated to {len(issues)} issues x 1,000 draws: {one_core / 60:.1f} min on one core, "
        f"{one_core / 120:.1f} min on two; per-draw path {per_draw * full / 60:.0f} min on one core"
    )


if __name__ == "__main__":
    main()
