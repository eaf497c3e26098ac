"""A small, valid starter corpus to copy and edit: ``accords init DIR``.

Two parties, two issues, one source, one agreement and two stances, all fictional, every
quote present in the source text, so that ``accords validate DIR`` and ``accords report
--corpus DIR`` work before the user has written anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from accords.exceptions import InputFormatError
from accords.model.documents import Document

__all__ = ["STARTER_FILES", "InitDocument", "StarterWritten", "write_starter_corpus"]

_SOURCE = """\
Northland and Southland agreed on Monday to a ceasefire along the river, officials said.
"The guns will fall silent at midnight," the Northland foreign minister told reporters.
Southland insisted that the river ferries reopen within 30 days.
Northland said it could accept reopening the ferries, but never a withdrawal from the islands.
"""

#: Relative path -> content of every file the starter corpus has.
STARTER_FILES: dict[str, str] = {
    "corpus.yaml": (
        "id: starter\n"
        "title: Starter corpus (fictional; edit me)\n"
        "description: >-\n"
        "  Two fictional parties, two issues and one agreement: a template to edit.\n"
    ),
    "parties.yaml": (
        "parties:\n"
        "  - id: northland\n"
        "    name: Northland\n"
        "    kind: state\n"
        "    representatives:\n"
        "      - {name: Ada North, role: Foreign minister}\n"
        "  - {id: southland, name: Southland, kind: state}\n"
    ),
    "issues.yaml": (
        "issues:\n"
        "  - id: islands\n"
        "    title: Control of the river islands\n"
        "    options:\n"
        "      - {id: northland-keeps, position: 0, description: Northland keeps the islands}\n"
        "      - {id: withdrawal, position: 100, description: Northland withdraws}\n"
        "  - id: ferries\n"
        "    title: River ferries\n"
        "    options:\n"
        "      - {id: closed, position: 0, description: the ferries stay closed}\n"
        "      - {id: reopened, position: 100, description: the ferries reopen}\n"
    ),
    "sources.yaml": (
        "sources:\n"
        "  - id: river-report\n"
        "    title: Northland and Southland agree a river ceasefire\n"
        "    published: 2030-05-06\n"
        "    outlet: River Gazette (fictional)\n"
        "    kind: news-report\n"
        "    path: sources/river-report.txt\n"
    ),
    "sources/river-report.txt": _SOURCE,
    "stances.yaml": (
        "stances:\n"
        "  - party: northland\n"
        "    issue: islands\n"
        "    ideal: northland-keeps\n"
        "    red_lines: [withdrawal]\n"
        "    acceptable: []\n"
        "    salience: 0.9\n"
        "    confidence: 0.8\n"
        "    as_of: 2030-05-06\n"
        "    evidence:\n"
        "      - source: river-report\n"
        "        quote: never a withdrawal from the islands\n"
        "  - party: southland\n"
        "    issue: ferries\n"
        "    ideal: reopened\n"
        "    salience: 0.6\n"
        "    evidence:\n"
        "      - source: river-report\n"
        "        quote: Southland insisted that the river ferries reopen within 30 days.\n"
    ),
    "agreements/river-ceasefire.yaml": (
        "id: river-ceasefire\n"
        "title: River ceasefire (fictional)\n"
        "date: 2030-05-06\n"
        "proposers: [northland, southland]\n"
        "status: signed\n"
        "sources: [river-report]\n"
        "provisions:\n"
        '  - label: "1"\n'
        "    text: Both sides cease fire along the river at midnight.\n"
        "    modality: obligation\n"
        "    bearers: [northland, southland]\n"
        "    evidence:\n"
        "      - source: river-report\n"
        "        quote: The guns will fall silent at midnight\n"
        '  - label: "2"\n'
        "    text: The river ferries reopen within 30 days.\n"
        "    modality: obligation\n"
        "    bearers: [northland, southland]\n"
        "    quantities:\n"
        "      - {value: 30, unit: days}\n"
        "    settles:\n"
        "      - {issue: ferries, option: reopened}\n"
        "    evidence:\n"
        "      - source: river-report\n"
        "        quote: the river ferries reopen within 30 days\n"
    ),
}


class InitDocument(Document):
    """The ``accords init`` document."""

    kind: ClassVar[str] = "init"
    directory: str
    files: list[str]


@dataclass(frozen=True)
class StarterWritten:
    """Where the starter corpus was written, and its files (relative paths)."""

    directory: Path
    files: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        """The versioned ``init`` document."""
        return InitDocument.build(directory=str(self.directory), files=list(self.files))


def write_starter_corpus(directory: str | Path) -> StarterWritten:
    """Write the starter corpus into ``directory`` (created; it must be empty if it exists).

    Raises
    ------
    InputFormatError
        If ``directory`` exists and is not an empty directory.

    Examples
    --------
    >>> import tempfile
    >>> from accords.corpus import validate_corpus
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = write_starter_corpus(Path(tmp) / "mine")
    ...     validate_corpus(written.directory)
    []
    """
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputFormatError(
            str(target), None, "expected a new or empty directory for the starter corpus"
        )
    for name, content in STARTER_FILES.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return StarterWritten(directory=target, files=tuple(STARTER_FILES))
