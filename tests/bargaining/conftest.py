"""Fixtures of the bargaining tests; puts ``bargaining_oracles`` on the import path."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bargaining_oracles import LAKE


@pytest.fixture
def lake_copy(tmp_path: Path) -> Callable[[dict[str, str] | None], Path]:
    """A copy of the lake-verun corpus with some files' text replaced."""

    def make(changes: dict[str, str] | None = None) -> Path:
        root = tmp_path / "lake"
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(LAKE, root)
        for name, text in (changes or {}).items():
            (root / name).write_text(text, encoding="utf-8")
        return root

    return make
