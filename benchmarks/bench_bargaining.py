"""Benchmark: the bargaining engine against NegMAS, and exact search in a 6e21-package space.

Cases, all measured in this one run:

1. Pareto frontier of 8 issues x 5 options (390,625 packages), 3 and 6 parties, GENIUS-like
   random option values (``generate_problem(kind="table")``, seed 0): accords'
   ``pareto_frontier`` (issue-by-issue merge) and accords' vectorised skyline over all 390,625
   evaluated packages, against NegMAS ``pareto_frontier(ufuns, issues=...)`` on the same tables.
   Targets: 20x (3 parties) and 10x (6 parties) faster than NegMAS. The frontiers are checked to
   hold the same utility vectors.
2. The ANAC Energy domain (GENIUS, 390,625 packages, 2 parties) the same way, when
   ../shared/external is present.
3. 28 issues x 6 options x 6 parties (6.1e21 packages), reservation 0.4, 10 random red lines:
   proved-optimal Nash and egalitarian packages by ``search_package`` (HiGHS), over several
   seeds. Target: under 2 s each.
4. Peak memory of the 390,625-package frontier (6 parties): tracemalloc peak of the call, and
   the maximum resident set of a fresh process that imports accords and computes it.
   Target: under 200 MB.
5. One Nash solution in 7 issues x 10 options (10**7 packages), 6 and 8 parties, reservation
   0.3, three seeds: ``nash_solution`` (``method="auto"``, which from six parties goes to the
   MIP first) against the route ``auto`` took before, a frontier attempt capped at
   ``max_frontier=200_000`` and then the MIP. Both give the same objective.

Run: ``.venv/bin/python benchmarks/bench_bargaining.py [--seeds 5] [--skip-negmas-6]``
(NegMAS needs about four minutes for the 6-party frontier.)
"""

from __future__ import annotations

import argparse
import math
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from accords.bargaining import (
    FrontierTooLargeError,
    Utilities,
    evaluate,
    generate_problem,
    nash_solution,
    pareto_frontier,
    pareto_indices,
    read_genius,
    search_package,
)
from accords.bargaining.space import OutcomeSpace

ENERGY = Path(__file__).resolve().parents[1] / ".." / "shared" / "external" / "genius" / "Energy"


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, out = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def negmas_frontier(u: Utilities) -> tuple[float, np.ndarray]:
    from negmas import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences import pareto_frontier as nf
    from negmas.preferences.value_fun import TableFun

    issues = [
        make_issue(values=list(range(k)), name=f"i{i}") for i, k in enumerate(u.cardinalities)
    ]
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[TableFun({j: float(t[p, j]) for j in range(t.shape[1])}) for t in u.tables],
            weights=[1.0] * len(issues),
            issues=issues,
            reserved_value=float(u.reservation[p]),
        )
        for p in range(u.n_parties)
    ]
    t0 = time.perf_counter()
    points, _ = nf(ufuns, issues=issues)
    return time.perf_counter() - t0, np.array(points)


def skyline_all(space: OutcomeSpace, u: Utilities) -> np.ndarray:
    packages = np.concatenate(list(space.enumerate()))
    return pareto_indices(evaluate(u, packages))


def rows(values: np.ndarray) -> set[tuple[float, ...]]:
    return {tuple(round(float(x), 9) for x in r) for r in values}


def frontier_case(
    label: str, space: OutcomeSpace, u: Utilities, target: float | None, run_negmas: bool
) -> list[list[str]]:
    print(f"  {label}: accords ...", flush=True)
    t_merge, front = timed(lambda: pareto_frontier(space, u, region="all"), repeat=3)
    t_sky, idx = timed(lambda: skyline_all(space, u))
    out = [
        [label, "accords pareto_frontier (merge)", f"{t_merge:.3f}", "", "", str(front.size), ""],
        [label, "accords skyline over all packages", f"{t_sky:.3f}", "", "", str(len(idx)), ""],
    ]
    if run_negmas:
        print(f"  {label}: NegMAS ... (slow)", flush=True)
        t_neg, points = negmas_frontier(u)
        same = rows(front.utilities) == rows(points)
        out.append(
            [
                label,
                "NegMAS pareto_frontier",
                f"{t_neg:.3f}",
                "",
                "",
                str(len(points)),
                "same vectors" if same else "DIFFERENT",
            ]
        )
        for row, t in ((out[0], t_merge), (out[1], t_sky)):
            row[3] = f"{t_neg / t:.0f}x"
        if target:
            ok = t_neg / t_merge >= target
            out[0][4] = f">= {target:.0f}x " + ("ok" if ok else "MISSED")
            out[1][4] = "(reference)"
    return out


def search_case(seeds: int) -> list[list[str]]:
    out = []
    for concept in ("nash", "egalitarian"):
        times, gaps, proved = [], [], []
        for seed in range(seeds):
            space, u = generate_problem(
                n_issues=28, n_options=6, n_parties=6, seed=seed, reservation=0.4, n_red_lines=10
            )
            t, sol = timed(lambda s=space, v=u, c=concept: search_package(s, v, c))
            times.append(t)
            gaps.append(sol.gap or 0.0)
            proved.append(sol.optimal)
        out.append(
            [
                "28x6, 6 parties (6.1e21)",
                f"search_package {concept}",
                f"median {np.median(times):.2f}, max {max(times):.2f}",
                "",
                "< 2 s " + ("ok" if max(times) < 2 else "MISSED"),
                f"{sum(proved)}/{seeds} proved optimal",
                f"max gap {max(gaps):.1e}",
            ]
        )
    return out


def frontier_then_mip(space: OutcomeSpace, u: Utilities) -> Any:
    """The route ``method="auto"`` took before it went to the MIP first from six parties."""
    try:
        front = pareto_frontier(space, u, max_size=200_000)
    except FrontierTooLargeError:
        return search_package(space, u, "nash")
    return nash_solution(space, u, frontier=front)


def mip_first_case() -> list[list[str]]:
    out = []
    for n_parties in (6, 8):
        before, after, same = [], [], True
        for seed in range(3):
            space, u = generate_problem(
                n_issues=7, n_options=10, n_parties=n_parties, seed=seed, reservation=0.3
            )
            t_old, old = timed(lambda s=space, v=u: frontier_then_mip(s, v))
            t_new, new = timed(lambda s=space, v=u: nash_solution(s, v))
            before.append(t_old)
            after.append(t_new)
            same &= abs(old.objective - new.objective) <= 1e-9 and new.optimal
        out.append(
            [
                f"7x10, {n_parties} parties (1e7)",
                "nash_solution auto: frontier then MIP -> MIP first",
                f"{min(before):.2f}-{max(before):.2f} -> {min(after):.2f}-{max(after):.2f}",
                f"{np.median(before) / np.median(after):.0f}x",
                "",
                f"{new.method}",
                "same objective, proved" if same else "DIFFERENT",
            ]
        )
    return out


# VmHWM (peak resident set of this address space) rather than ru_maxrss, which Linux carries
# over from the parent across fork and exec.
CHILD = """
from accords.bargaining import generate_problem, pareto_frontier
space, u = generate_problem(n_issues=8, n_options=5, n_parties=6, seed=0)
front = pareto_frontier(space, u, region="all")
hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM")][0]
print(int(hwm.split()[1]) / 1024)
"""


def memory_case() -> list[list[str]]:
    space, u = generate_problem(n_issues=8, n_options=5, n_parties=6, seed=0)
    tracemalloc.start()
    pareto_frontier(space, u, region="all")
    _, peak_merge = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    skyline_all(space, u)
    _, peak_sky = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = float(
        subprocess.run(
            [sys.executable, "-c", CHILD], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    ok = "< 200 MB " + ("ok" if max(peak_merge, peak_sky) / 2**20 < 200 and rss < 200 else "MISSED")
    return [
        [
            "8x5, 6 parties",
            "peak traced memory, merge",
            f"{peak_merge / 2**20:.1f} MB",
            "",
            ok,
            "",
            "",
        ],
        [
            "8x5, 6 parties",
            "peak traced memory, skyline",
            f"{peak_sky / 2**20:.1f} MB",
            "",
            ok,
            "",
            "",
        ],
        [
            "8x5, 6 parties",
            "max RSS of a fresh process",
            f"{rss:.1f} MB",
            "",
            ok,
            "",
            "incl. interpreter",
        ],
    ]


def print_table(table: list[list[str]]) -> None:
    head = ["case", "what", "seconds / memory", "speed-up", "target", "frontier / result", "check"]
    widths = [max(len(str(r[k])) for r in [head, *table]) for k in range(len(head))]
    line = "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))
    print(line)
    print("-" * len(line))
    for r in table:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="seeds of the 28-issue search case")
    parser.add_argument("--skip-negmas-6", action="store_true", help="skip NegMAS on 6 parties")
    args = parser.parse_args()
    try:
        import negmas

        negmas_version = negmas.__version__
    except ImportError:  # pragma: no cover
        negmas_version = None
    print(f"NegMAS {negmas_version or 'not installed'}; numpy {np.__version__}", flush=True)
    table: list[list[str]] = []
    print("  memory ...", flush=True)
    memory = memory_case()
    for n_parties, target in ((3, 20.0), (6, 10.0)):
        space, u = generate_problem(n_issues=8, n_options=5, n_parties=n_parties, seed=0)
        run = negmas_version is not None and not (n_parties == 6 and args.skip_negmas_6)
        table += frontier_case(f"8x5, {n_parties} parties", space, u, target, run)
    if ENERGY.resolve().is_dir():
        scenario = read_genius(ENERGY.resolve())
        table += frontier_case(
            "GENIUS Energy, 2 parties",
            scenario.space,
            scenario.utilities,
            None,
            negmas_version is not None,
        )
    print("  search ...", flush=True)
    table += search_case(args.seeds)
    print("  one solution, 6+ parties ...", flush=True)
    table += mip_first_case()
    table += memory
    print()
    print_table(table)
    print(
        f"\nmax RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
