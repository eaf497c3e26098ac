"""The library calls behind ``accords show agreement`` and ``accords show provision``.

Examples
--------
>>> from accords import load_corpus
>>> record = provision_view(load_corpus(), "us-28-point-plan", "10").to_record()
>>> record["document"], [p["label"] for p in record["sub_points"]]
('provision', ['10.a', '10.b', '10.c', '10.d'])
>>> agreement_view(load_corpus(), "us-28-point-plan").to_record()["n_points"]
28
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import ConfigDict

from accords.model import Agreement, Corpus, Provision
from accords.model.documents import Document

__all__ = [
    "AgreementDocument",
    "AgreementView",
    "ProvisionDocument",
    "ProvisionView",
    "agreement_view",
    "provision_view",
]


class AgreementDocument(Document):
    """The ``accords show agreement`` document: the agreement as the corpus states it (every
    field of :class:`~accords.model.Agreement`), with its counts."""

    model_config = ConfigDict(frozen=True, extra="allow")
    kind: ClassVar[str] = "agreement"
    id: str
    title: str
    provisions: list[dict[str, Any]]
    n_points: int
    n_provisions: int


class ProvisionDocument(Document):
    """The ``accords show provision`` document: the provision (every field of
    :class:`~accords.model.Provision`), its evidence with source titles, and its sub-points."""

    model_config = ConfigDict(frozen=True, extra="allow")
    kind: ClassVar[str] = "provision"
    agreement: str
    label: str
    text: str
    evidence: list[dict[str, Any]]
    sub_points: list[dict[str, Any]]


@dataclass(frozen=True)
class AgreementView:
    """One agreement, as :func:`agreement_view` found it."""

    agreement: Agreement

    def to_record(self) -> dict[str, Any]:
        """The versioned document."""
        return AgreementDocument.build(
            **self.agreement.model_dump(mode="json"),
            n_points=len(self.agreement.top_level),
            n_provisions=len(self.agreement.provisions),
        )


@dataclass(frozen=True)
class ProvisionView:
    """One provision with its lettered sub-points and the titles of the sources it quotes."""

    corpus: Corpus
    agreement: Agreement
    provision: Provision
    sub_points: tuple[Provision, ...]

    def _record(self, provision: Provision) -> dict[str, Any]:
        data: dict[str, Any] = {
            "agreement": self.agreement.id,
            **provision.model_dump(mode="json"),
        }
        for item in data["evidence"]:
            source = self.corpus.source(item["source"])
            item["source_title"] = source.title
            item["source_kind"] = source.kind
        return data

    def to_record(self) -> dict[str, Any]:
        """The versioned document."""
        return ProvisionDocument.build(
            **self._record(self.provision),
            sub_points=[self._record(p) for p in self.sub_points],
        )


def agreement_view(corpus: Corpus, agreement_id: str) -> AgreementView:
    """The agreement ``agreement_id`` of ``corpus``.

    Raises
    ------
    UnknownAgreementError
        If the corpus has no such agreement.
    """
    return AgreementView(corpus.agreement(agreement_id))


def provision_view(corpus: Corpus, agreement_id: str, label: str) -> ProvisionView:
    """Provision ``label`` of an agreement with its sub-points (``10`` brings 10.a-10.d).

    Raises
    ------
    UnknownAgreementError, UnknownProvisionError
        If the agreement or the provision does not exist.
    """
    agreement = corpus.agreement(agreement_id)
    provision = agreement.provision(label)
    subs = tuple(p for p in agreement.provisions if p.label.startswith(f"{label}."))
    return ProvisionView(corpus, agreement, provision, subs)
