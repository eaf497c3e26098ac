"""The library calls behind ``accords validate`` and ``accords list``.

Examples
--------
>>> report = validation_report()
>>> report.valid, report.to_record()["counts"]["agreements"]
(True, 4)
>>> listing = list_corpus(load_corpus(), "agreements")
>>> listing.to_record()["items"][0]["id"] in {a.id for a in load_corpus().agreements}
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from accords.corpus.basis import basis_counts
from accords.corpus.read import default_corpus_path, load_corpus, validate_corpus
from accords.exceptions import CorpusDefect, ModelSpecificationError
from accords.model import Corpus
from accords.model.documents import Document

__all__ = [
    "LISTABLE",
    "CorpusListing",
    "ListDocument",
    "ValidateDocument",
    "ValidationReport",
    "corpus_counts",
    "list_corpus",
    "validation_report",
]

Listable = Literal["agreements", "parties", "issues", "sources"]
#: What ``accords list`` lists.
LISTABLE: tuple[Listable, ...] = ("agreements", "parties", "issues", "sources")


class ValidateDocument(Document):
    """The ``accords validate`` document: the defects, or what a sound corpus holds."""

    kind: ClassVar[str] = "validate"
    corpus: str
    valid: bool
    n_defects: int
    defects: list[dict[str, Any]]
    counts: dict[str, int] | None = None
    basis: dict[str, Any] | None = None


class ListDocument(Document):
    """The ``accords list`` document: one row per item."""

    kind: ClassVar[str] = "list"
    corpus: str
    what: str
    items: list[dict[str, Any]]


def corpus_counts(corpus: Corpus) -> dict[str, int]:
    """How many sources, parties, issues, agreements, provisions, stances and quotes."""
    dumped = json.dumps(corpus.model_dump(mode="json"))
    return {
        "sources": len(corpus.sources),
        "parties": len(corpus.parties),
        "issues": len(corpus.issues),
        "agreements": len(corpus.agreements),
        "provisions": sum(len(a.provisions) for a in corpus.agreements),
        "stances": len(corpus.stances),
        "quotes": dumped.count('"quote":'),
    }


@dataclass(frozen=True)
class ValidationReport:
    """What :func:`validation_report` found."""

    path: str
    defects: tuple[CorpusDefect, ...]
    counts: dict[str, int] | None
    basis: dict[str, Any] | None

    @property
    def valid(self) -> bool:
        """True when the corpus has no defect."""
        return not self.defects

    def to_record(self) -> dict[str, Any]:
        """The ``accords validate --format json`` document."""
        return ValidateDocument.build(
            corpus=self.path,
            valid=self.valid,
            n_defects=len(self.defects),
            defects=[{"file": d.file, "line": d.line, "message": d.message} for d in self.defects],
            counts=self.counts,
            basis=self.basis,
        )


def validation_report(path: str | Path | None = None) -> ValidationReport:
    """Every defect of the corpus at ``path`` (default: the embedded one), or its counts.

    Raises
    ------
    CorpusError
        If ``path`` is not a corpus directory at all.
    """
    where = Path(path) if path is not None else default_corpus_path()
    defects = tuple(validate_corpus(where))
    counts = basis = None
    if not defects:
        corpus = load_corpus(path)
        counts = corpus_counts(corpus)
        basis = basis_counts(corpus).to_record()
    return ValidationReport(path=str(where), defects=defects, counts=counts, basis=basis)


@dataclass(frozen=True)
class CorpusListing:
    """One row per agreement, party, issue or source of a corpus."""

    corpus: str
    title: str
    what: str
    items: tuple[dict[str, Any], ...]

    def to_record(self) -> dict[str, Any]:
        """The ``accords list --format json`` document."""
        return ListDocument.build(corpus=self.corpus, what=self.what, items=list(self.items))


def _rows(corpus: Corpus, what: str) -> list[dict[str, Any]]:
    if what == "agreements":
        return [
            {
                "id": a.id,
                "title": a.title,
                "date": a.date.isoformat() if a.date else None,
                "status": a.status,
                "proposers": list(a.proposers),
                "derived_from": a.derived_from,
                "complete": a.complete,
                "n_points": len(a.top_level),
                "n_provisions": len(a.provisions),
            }
            for a in corpus.agreements
        ]
    if what == "parties":
        return [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "members": list(p.members),
                "member_of": sorted(corpus.groups_of(p.id)),
                "representatives": [r.name for r in p.representatives],
            }
            for p in corpus.parties
        ]
    if what == "issues":
        return [
            {
                "id": i.id,
                "title": i.title,
                "category": i.category,
                "options": [f"{o.id} ({o.position:g})" for o in i.options],
                "regions": list(i.regions),
                "n_stances": sum(1 for s in corpus.stances if s.issue == i.id),
            }
            for i in corpus.issues
        ]
    return [
        {
            "id": s.id,
            "title": s.title,
            "published": s.published.isoformat() if s.published else None,
            "outlet": s.outlet,
            "author": s.author,
            "kind": s.kind,
            "path": s.path,
        }
        for s in corpus.sources
    ]


def list_corpus(corpus: Corpus, what: str) -> CorpusListing:
    """The agreements, parties, issues or sources of ``corpus``, one row each.

    Raises
    ------
    ModelSpecificationError
        If ``what`` is not one of :data:`LISTABLE`.
    """
    if what not in LISTABLE:
        raise ModelSpecificationError(
            f"cannot list {what!r}; expected one of {', '.join(LISTABLE)}"
        )
    return CorpusListing(
        corpus=corpus.id, title=corpus.title, what=what, items=tuple(_rows(corpus, what))
    )
