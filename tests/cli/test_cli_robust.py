"""``accords bargain --robust``: one versioned document, the same as the library's."""

from __future__ import annotations

import json
import subprocess
import sys

from accords import load_corpus
from accords.bargaining.robust import robust_package


def test_robust_bargain_prints_the_library_document_and_nothing_else() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from accords.cli.main import main; main()", "bargain",
         "--robust", "--draws", "40", "--seed", "3", "-f", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    document = json.loads(done.stdout)
    assert document["document"] == "robust-package"
    assert "HiGHS" not in done.stdout
    expected = robust_package(load_corpus(), n_draws=40, seed=3).to_record()
    assert document == expected
    low, high = document["interval_95"]
    assert low <= document["probability"] <= high
