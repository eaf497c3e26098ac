"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_corpus import BASE_FILES, CorpusWriter


@pytest.fixture
def write_corpus(tmp_path: Path) -> CorpusWriter:
    """Write the base corpus with some files replaced (text) or removed (None)."""

    def write(changes: dict[str, str | None] | None = None) -> Path:
        files = dict(BASE_FILES)
        for name, text in (changes or {}).items():
            if text is None:
                files.pop(name, None)
            else:
                files[name] = text
        root = tmp_path / "corpus"
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        root.mkdir(parents=True, exist_ok=True)
        return root

    return write
