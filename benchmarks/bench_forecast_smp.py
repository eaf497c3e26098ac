"""Benchmark: KTAB's Spatial Model of Politics (accords.forecasting.smp.SpatialModel).

Three tables:

1. KTAB's two reference scenarios (read from ``../shared/external/ktab`` when present): turns to
   convergence and time (KTAB's own C++ run of SOE-Pol-Comp logged 1.21 s, with full logging).
2. Synthetic scenarios of n actors on d dimensions drawn from ``--seed`` (capabilities uniform on
   [10, 200], positions uniform on [0, 100], saliences a Dirichlet draw adding up to less than
   1): turns, whether the 2 % rule stopped the run, total time and time per turn. The target is
   100 actors x 5 dimensions in under 30 s.
3. The peer: the challenge step (every actor's estimate of its chance and expected gain against
   every target, with every third party's semi-committed vote), vectorised over (i, j, m) as in
   the model, against the same arithmetic in plain Python loops, one triple at a time. The two
   must agree to rounding.

Run: ``.venv/bin/python benchmarks/bench_forecast_smp.py [--seed 0] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from accords.forecasting import read_ktab_csv
from accords.forecasting.base import Actors
from accords.forecasting.smp import SpatialModel, _challenges, _Config, _evaluate, _utility
from accords.random import as_generator

KTAB = Path(__file__).resolve().parents[1] / ".." / "shared" / "external" / "ktab"


def synthetic_actors(n: int, d: int, seed: int) -> Actors:
    rng = as_generator(seed)
    return Actors.from_columns(
        [f"a{i}" for i in range(n)],
        rng.uniform(10, 200, n),
        rng.uniform(0, 100, (n, d)),
        rng.dirichlet(np.ones(d + 1), size=n)[:, :d],
    )


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def challenges_in_loops(
    capability: np.ndarray, salience: np.ndarray, distance: np.ndarray, estimated: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The challenge step, one (i, j, m) triple at a time."""
    n = capability.size
    s_sum = salience.sum(axis=1)
    w = s_sum * capability

    def u(h: int, m: int, x: int) -> float:  # h's estimate of m's utility of x's position
        return float(_utility(np.array(distance[m, x]), np.array(estimated[h, m])))

    p = np.zeros((n, n))
    gain = np.full((n, n), -np.inf)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            u_ii, u_ij, u_ji, u_jj = u(i, i, i), u(i, i, j), u(i, j, i), u(i, j, j)
            ci, cj = w[i] * (u_ii - u_ij), w[j] * (u_ji - u_jj)
            c_ij = 1e-10 + max(ci, 0.0) + max(cj, 0.0)
            c_ji = 1e-10 + max(-ci, 0.0) + max(-cj, 0.0)
            t_ij = t_ji = 0.0
            for m in range(n):
                if m in (i, j):
                    continue
                u_mi, u_mj, u_mm = u(i, m, i), u(i, m, j), u(i, m, m)
                v0 = w[m] * (u_mi - u_mj)
                side_i, side_j = c_ij + max(v0, 0.0), c_ji + max(-v0, 0.0)
                pm = side_i / (side_i + side_j)
                vote = w[m] * (
                    pm * (2 * u_mi + u_mm)
                    + (1 - pm) * 3 * u_mj
                    - pm * 3 * u_mi
                    - (1 - pm) * (2 * u_mj + u_mm)
                )
                t_ij += max(vote, 0.0)
                t_ji += max(-vote, 0.0)
            c_ij, c_ji = c_ij + t_ij, c_ji + t_ji
            p[i, j] = c_ij / (c_ij + c_ji)
            s_j = s_sum[j]
            eu = (1 - s_j) * 2 * u_ii + s_j * (p[i, j] * 2 * u_ii + (1 - p[i, j]) * 2 * u_ij)
            gain[i, j] = eu - (u_ii + u_ij)
    return p, gain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print("1. KTAB reference scenarios")
    print(f"{'scenario':<20} {'actors':>6} {'dims':>4} {'turns':>5} {'seconds':>8}")
    if KTAB.is_dir():
        for name in ("SOE-Pol-Comp.csv", "dummyData_3Dim.csv"):
            actors, _ = read_ktab_csv(KTAB / name)
            seconds, model = best_time(lambda a=actors: SpatialModel().fit(a), args.repeat)
            print(
                f"{name:<20} {actors.n_actors:>6} {actors.n_dimensions:>4} "
                f"{model.n_turns_:>5} {seconds:>8.3f}"
            )
    else:
        print("(../shared/external/ktab not present)")

    print("\n2. Synthetic scenarios")
    print(
        f"{'actors':>6} {'dims':>4} {'turns':>5} {'converged':>9} {'seconds':>8} "
        f"{'ms/turn':>8} {'of 30 s':>8}"
    )
    for n, d in ((13, 2), (25, 3), (50, 5), (100, 5)):
        actors = synthetic_actors(n, d, args.seed)
        seconds, model = best_time(lambda a=actors: SpatialModel().fit(a), args.repeat)
        print(
            f"{n:>6} {d:>4} {model.n_turns_:>5} {model.converged_!s:>9} {seconds:>8.3f} "
            f"{1000 * seconds / model.n_turns_:>8.1f} {seconds / 30:>8.1%}"
        )

    actors = synthetic_actors(100, 5, args.seed)
    seconds, model = best_time(
        lambda a=actors: SpatialModel(tolerance=0.0).fit(a), 1
    )  # every one of the 100 turns, the worst case
    print(
        f"{100:>6} {5:>4} {model.n_turns_:>5} {'(forced)':>9} {seconds:>8.3f} "
        f"{1000 * seconds / model.n_turns_:>8.1f} {seconds / 30:>8.1%}"
    )

    print("\n3. Challenge step: vectorised (i, j, m) against plain Python loops")
    print(f"{'actors':>6} {'vectorised s':>12} {'loops s':>9} {'ratio':>7} {'max |diff|':>11}")
    config = _Config(1, "mid", "one-third", 2, False)
    for n in (13, 30):
        actors = synthetic_actors(n, 3, args.seed)
        x, sal = actors.position / 100.0, actors.salience
        ev = _evaluate(actors.capability, x, sal, config)
        fast, (p_fast, g_fast) = best_time(
            lambda a=actors, e=ev: _challenges(a.capability, a.salience, e), args.repeat
        )
        slow, (p_slow, g_slow) = best_time(
            lambda a=actors, e=ev: challenges_in_loops(
                a.capability, a.salience, e.distance, e.estimated_risk
            ),
            1,
        )
        finite = np.isfinite(g_fast)
        diff = max(
            float(np.abs(p_fast - p_slow)[finite].max()),
            float(np.abs(g_fast[finite] - g_slow[finite]).max()),
        )
        print(f"{n:>6} {fast:>12.4f} {slow:>9.3f} {slow / fast:>7.0f}x {diff:>11.1e}")


if __name__ == "__main__":
    main()
