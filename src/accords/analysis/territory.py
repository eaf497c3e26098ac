"""The territorial settlement of an agreement, region by region.

For every region an issue of the corpus names (``Issue.regions``, ISO 3166-2 codes), what does
a draft settle: the option, its 0-100 position on the issue's scale, the provisions and quotes
that say so, the variants other reports give, and the parties whose stated red lines the option
crosses. A region whose issue the draft does not settle is ``silent`` (the map draws it grey):
silence is not a settlement.

Examples
--------
>>> from accords.corpus import load_corpus
>>> plan = territorial_settlement(load_corpus(), "us-28-point-plan")
>>> crimea = plan.region("UA-43")
>>> crimea.issue, crimea.option, crimea.labels
('crimea', 'de-facto-russian', ('21.a',))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from accords.model import Agreement, Corpus, Evidence, Issue
from accords.model.documents import Document

__all__ = [
    "RegionSettlement",
    "TerritorialSettlement",
    "TerritoryDocument",
    "territorial_settlement",
]


@dataclass(frozen=True)
class RegionSettlement:
    """What one agreement settles for one region."""

    region: str
    issue: str
    issue_title: str
    option: str | None
    option_description: str | None
    position: float | None
    labels: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    variants: tuple[tuple[str, str | None, str], ...]  # (provision label, option, text)
    rejecting: tuple[str, ...]

    @property
    def silent(self) -> bool:
        """True where the agreement settles nothing for this region's issue."""
        return self.option is None


class TerritoryDocument(Document):
    """The territorial settlement of one agreement, region by region."""

    kind: ClassVar[str] = "territory"
    corpus: str
    agreement: str
    agreement_title: str
    regions: list[dict[str, Any]]


@dataclass(frozen=True)
class TerritorialSettlement:
    """The settlement of every region named by an issue of the corpus, for one agreement."""

    corpus: str
    agreement: str
    agreement_title: str
    regions: tuple[RegionSettlement, ...]

    def region(self, code: str) -> RegionSettlement:
        """The settlement of region ``code`` (ISO 3166-2); ``KeyError`` if no issue names it."""
        for region in self.regions:
            if region.region == code:
                return region
        raise KeyError(code)

    def to_record(self) -> dict[str, Any]:
        """The versioned JSON document (what ``/api/map`` serves)."""
        return TerritoryDocument.build(
            corpus=self.corpus,
            agreement=self.agreement,
            agreement_title=self.agreement_title,
            regions=[
                {
                    "region": r.region,
                    "issue": r.issue,
                    "issue_title": r.issue_title,
                    "silent": r.silent,
                    "option": r.option,
                    "option_description": r.option_description,
                    "position": r.position,
                    "labels": list(r.labels),
                    "evidence": [{"source": e.source, "quote": e.quote} for e in r.evidence],
                    "variants": [
                        {"label": label, "option": option, "text": text}
                        for label, option, text in r.variants
                    ],
                    "rejecting": list(r.rejecting),
                }
                for r in self.regions
            ],
        )


def _rejecting(corpus: Corpus, issue: Issue, option: str) -> tuple[str, ...]:
    return tuple(
        sorted({s.party for s in corpus.stances if s.issue == issue.id and option in s.red_lines})
    )


def _settle(corpus: Corpus, agreement: Agreement, issue: Issue, region: str) -> RegionSettlement:
    option: str | None = None
    labels: list[str] = []
    evidence: list[Evidence] = []
    variants: list[tuple[str, str | None, str]] = []
    for provision in agreement.provisions:
        for settlement in provision.settles:
            if settlement.issue == issue.id:
                option = option or settlement.option
                labels.append(provision.label)
                evidence.extend(provision.evidence)
        for variant in provision.variants:
            for settlement in variant.settles:
                if settlement.issue == issue.id:
                    variants.append((provision.label, settlement.option, variant.text))
    chosen = issue.option(option) if option is not None else None
    return RegionSettlement(
        region=region,
        issue=issue.id,
        issue_title=issue.title,
        option=option,
        option_description=chosen.description if chosen else None,
        position=chosen.position if chosen else None,
        labels=tuple(dict.fromkeys(labels)),
        evidence=tuple(dict.fromkeys(evidence)),
        variants=tuple(variants),
        rejecting=_rejecting(corpus, issue, option) if option is not None else (),
    )


def territorial_settlement(corpus: Corpus, agreement: str | Agreement) -> TerritorialSettlement:
    """Per region named by an issue, the option ``agreement`` settles and who rejects it.

    Parameters
    ----------
    corpus
        The corpus (its issues carry the ISO 3166-2 ``regions``).
    agreement
        The agreement, or its id.

    Returns
    -------
    TerritorialSettlement
        One :class:`RegionSettlement` per region, in the order of the corpus's issues.

    Raises
    ------
    UnknownAgreementError
        If ``agreement`` is an id the corpus does not know.
    """
    found = corpus.agreement(agreement) if isinstance(agreement, str) else agreement
    regions = tuple(
        _settle(corpus, found, issue, region) for issue in corpus.issues for region in issue.regions
    )
    return TerritorialSettlement(
        corpus=corpus.id, agreement=found.id, agreement_title=found.title, regions=regions
    )
