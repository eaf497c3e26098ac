"""Benchmark: corpus validation time against corpus size, with the fitted slope.

The base test corpus (tests/sample_corpus.py) gets one more agreement of N provisions, each naming
parties, settling an issue and quoting the source (every check runs on each); with ``--defects``
no provision has evidence, so each is a defect. The time of ``validate_corpus`` (best of
``--repeat``) is fitted as ``t = a * N ** slope`` on a log-log scale: a slope near 1 is linear.
Wall-clock and CPU seconds are both printed: on a shared machine the CPU time is the steadier.

Run: ``.venv/bin/python benchmarks/bench_validate.py [--sizes 1000,3000,10000,30000] [--defects]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from accords.corpus import validate_corpus
from sample_corpus import large_agreement, write_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000,30000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--defects", action="store_true", help="provisions without evidence")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    seconds: list[float] = []
    cpu: list[float] = []
    print(f"{'provisions':>10} {'defects':>8} {'wall s':>8} {'cpu s':>8} {'cpu us/prov':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            text = large_agreement(n, evidence=not args.defects)
            root = write_files(Path(tmp) / f"c{n}", {"agreements/large.yaml": text})
            best, best_cpu = float("inf"), float("inf")
            for _ in range(args.repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                defects = validate_corpus(root)
                best = min(best, time.perf_counter() - start)
                best_cpu = min(best_cpu, time.process_time() - start_cpu)
            seconds.append(best)
            cpu.append(best_cpu)
            per = best_cpu / n * 1e6
            print(f"{n:>10} {len(defects):>8} {best:>8.2f} {best_cpu:>8.2f} {per:>12.1f}")
    for name, values in (("wall", seconds), ("cpu", cpu)):
        slope, intercept = np.polyfit(np.log(sizes), np.log(values), 1)
        print(
            f"fitted ({name}): t = {np.exp(intercept):.3g} * N^{slope:.2f}  "
            "(1.00 is linear, 2.00 quadratic)"
        )


if __name__ == "__main__":
    main()
