"""The files of a corpus directory and the model each one holds.

::

    corpus.yaml            id, title, description, basis_required
    sources.yaml           sources: [...]          (texts under sources/, named by path)
    parties.yaml           parties: [...]
    issues.yaml            issues: [...]
    stances.yaml           stances: [...], clout: [...], reservations: [...]   (optional)
    agreements/*.yaml      one agreement per file
    events.yaml            the process' own event log (optional; read by
                           accords.monitor.process_events, not part of the Corpus model)
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from accords.model import Agreement, Clout, Issue, Party, Reservation, Source, Stance
from accords.model._base import Record, Slug

__all__ = [
    "AGREEMENTS_DIR",
    "EVENTS_FILE",
    "FILE_MODELS",
    "REQUIRED_FILES",
    "CorpusManifest",
    "IssuesFile",
    "PartiesFile",
    "SourcesFile",
    "StancesFile",
    "model_for",
]


class CorpusManifest(Record):
    """``corpus.yaml``: what the corpus is about."""

    id: Slug
    title: str = Field(min_length=1)
    description: str | None = None
    basis_required: bool = False


class SourcesFile(Record):
    """``sources.yaml``."""

    sources: tuple[Source, ...] = Field(min_length=1)


class PartiesFile(Record):
    """``parties.yaml``."""

    parties: tuple[Party, ...] = Field(min_length=1)


class IssuesFile(Record):
    """``issues.yaml``."""

    issues: tuple[Issue, ...] = Field(min_length=1)


class StancesFile(Record):
    """``stances.yaml``."""

    stances: tuple[Stance, ...] = ()
    clout: tuple[Clout, ...] = ()
    reservations: tuple[Reservation, ...] = ()


AGREEMENTS_DIR = "agreements"

#: The corpus' own event log, in the monitor's scenario format (see accords.monitor.process).
EVENTS_FILE = "events.yaml"

FILE_MODELS: dict[str, type[BaseModel]] = {
    "corpus.yaml": CorpusManifest,
    "sources.yaml": SourcesFile,
    "parties.yaml": PartiesFile,
    "issues.yaml": IssuesFile,
    "stances.yaml": StancesFile,
    f"{AGREEMENTS_DIR}/*.yaml": Agreement,
}

REQUIRED_FILES = ("corpus.yaml", "sources.yaml", "parties.yaml", "issues.yaml")


def model_for(name: str) -> type[BaseModel] | None:
    """The model a corpus file holds, by its path relative to the corpus (None if unknown)."""
    if name.startswith(f"{AGREEMENTS_DIR}/") and name.count("/") == 1 and name.endswith(".yaml"):
        return Agreement
    return FILE_MODELS.get(name)
