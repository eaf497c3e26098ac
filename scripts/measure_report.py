"""Size of a report file and its time to the ``load`` event in headless Chromium.

    python scripts/measure_report.py accords-report.html [--runs 5]

The page is opened in an iframe of a wrapper page (file URLs, no network); the wrapper reads
the frame's navigation timing (``loadEventStart``, ms from navigation start) when it has
loaded, and Chromium prints the wrapper's DOM. Prints the size and the median over the runs.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_WRAPPER = """<!doctype html><html><head><title>pending</title></head><body>
<iframe src="{uri}" style="width:1280px;height:900px" onload="var n=this.contentWindow
.performance.getEntriesByType('navigation')[0];document.title='load='+Math.round(
n.loadEventStart);"></iframe></body></html>"""


def load_ms(browser: str, report: Path, workdir: Path) -> float:
    wrapper = workdir / "wrapper.html"
    wrapper.write_text(_WRAPPER.format(uri=report.resolve().as_uri()), encoding="utf-8")
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--allow-file-access-from-files",
            "--dump-dom",
            wrapper.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    found = re.search(r"<title>load=(\d+)</title>", done.stdout)
    if found is None:
        raise RuntimeError("the page did not report its load time")
    return float(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        times = [load_ms(browser, args.report, Path(tmp)) for _ in range(args.runs)]
    size = args.report.stat().st_size
    print(
        f"{args.report}: {size:,} bytes; load {statistics.median(times):.0f} ms "
        f"(median of {args.runs}; min {min(times):.0f}, max {max(times):.0f})"
    )


if __name__ == "__main__":
    main()
