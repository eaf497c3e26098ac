"""The versioned JSON documents of ``bargain``, ``amend`` and ``simulate``, and their parts.

:class:`BargainDocument`, :class:`AmendDocument` and :class:`SimulateDocument` are what
``accords bargain|amend|simulate --format json`` print and what the reports of
:mod:`accords.bargaining.reports` return from ``to_record()``; ``accords schema --output``
prints their JSON Schemas. The parts (a solution, a placed agreement, a diagnosis...) are frozen
models too, so that the schemas describe every key. Free-form parts stay dictionaries: the
``source`` (its keys depend on the kind of input), an amendment's ``changes`` (a key is the
Python keyword ``from``) and the offers of a simulation (a package only with ``--trace``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from accords.model.documents import Document

__all__ = [
    "AmendDocument",
    "BargainDocument",
    "BlockedIssueRecord",
    "DiagnosisRecord",
    "FrontierRecord",
    "FrontierRowRecord",
    "IssueRecord",
    "PartyRecord",
    "PlacementRecord",
    "RangeRecord",
    "RedLineRecord",
    "RelaxationRecord",
    "RelaxedAnalysisRecord",
    "ShortPartyRecord",
    "SimulateDocument",
    "SolutionRecord",
    "ZopaRecord",
]


class _Part(BaseModel):
    """A nested part of a document (frozen, no unknown keys)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class PartyRecord(_Part):
    """A veto player: reservation value, issue weights, red lines (options by issue)."""

    id: str
    reservation: float
    weights: dict[str, float]
    red_lines: dict[str, list[str]]


class IssueRecord(_Part):
    """An issue: its options and those no veto player rejects."""

    id: str
    options: list[str]
    admissible: list[str]


class FrontierRowRecord(_Part):
    """A package on the frontier and each party's utility of it."""

    package: dict[str, str | None]
    utilities: dict[str, float]


class FrontierRecord(_Part):
    """The Pareto frontier of the acceptable region (``size`` None when not enumerated)."""

    size: int | None
    enumerated: bool
    note: str | None
    top_by_welfare: list[FrontierRowRecord]


class ZopaRecord(_Part):
    """The zone of possible agreement, counted or estimated."""

    size: int | None
    estimate: float
    fraction: float
    exact: bool
    interval: list[float] | None
    n_samples: int
    n_admissible: int


class SolutionRecord(_Part):
    """A solution concept's package, utilities, gains, objective and proof."""

    concept: str
    package: dict[str, str | None] | None
    utilities: dict[str, float] | None
    gains: dict[str, float] | None
    objective: float | None
    bound: float | None
    gap: float | None
    optimal: bool
    method: str
    n_ties: int
    active_parties: list[str]
    ideal: dict[str, float] | None
    reason: str | None


class RedLineRecord(_Part):
    """A red line crossed: the party's, on this issue's option."""

    party: str
    issue: str
    option: str


class RangeRecord(_Part):
    """A party's lowest and highest utility over the completions of a draft."""

    low: float
    high: float


class PlacementRecord(_Part):
    """An agreement placed against the acceptable region and the solutions."""

    id: str
    title: str | None
    settled: dict[str, str]
    settled_by: dict[str, str]
    open: list[str]
    text_complete: bool
    conflicts: list[str]
    outside_space: list[str]
    status: str
    utilities: dict[str, RangeRecord]
    red_lines_crossed: list[RedLineRecord]
    short_parties: list[str]
    pareto_optimal: bool | None
    best_completion: SolutionRecord | None
    nash_efficiency: float | None


class RelaxationRecord(_Part):
    """The package breaking the fewest constraints, and which."""

    package: dict[str, str | None] | None
    utilities: dict[str, float] | None
    red_lines_crossed: list[RedLineRecord]
    below_reservation: list[str]
    n_violations: int
    optimal: bool


class BlockedIssueRecord(_Part):
    """An issue every option of which some party rejects, with who rejects each."""

    issue: str
    rejected: dict[str, list[str]]


class ShortPartyRecord(_Part):
    """A party whose best admissible package is below its reservation value."""

    party: str
    best: float
    reservation: float


class DiagnosisRecord(_Part):
    """Why no package is acceptable."""

    summary: str
    blocked_issues: list[BlockedIssueRecord]
    short_parties: list[ShortPartyRecord]
    conflicting_pairs: list[list[str]]
    nearest_package: RelaxationRecord


class RelaxedAnalysisRecord(_Part):
    """The analysis of the minimally relaxed problem, and what was relaxed."""

    relaxed_constraints: list[str]
    feasible: bool
    frontier: FrontierRecord
    zopa: ZopaRecord
    solutions: dict[str, SolutionRecord]
    agreements: list[PlacementRecord]
    diagnosis: DiagnosisRecord | None


class BargainDocument(Document):
    """``accords bargain --format json``: the problem, then everything the analysis found.

    ``relaxed`` holds ``relaxed_constraints`` and the keys ``feasible`` to ``diagnosis`` for the
    minimally relaxed problem when nothing is acceptable (see ``docs/bargaining.md``).
    """

    kind: ClassVar[str] = "bargain"

    source: dict[str, Any]
    parties: list[PartyRecord]
    issues: list[IssueRecord]
    space_size: int
    notes: list[str]
    feasible: bool
    frontier: FrontierRecord
    zopa: ZopaRecord
    solutions: dict[str, SolutionRecord]
    agreements: list[PlacementRecord]
    diagnosis: DiagnosisRecord | None
    relaxed: RelaxedAnalysisRecord | None


class AmendDocument(Document):
    """``accords amend AGREEMENT --format json``: the draft, then its smallest amendment.

    When ``feasible`` is true the amendment's keys (``n_changes`` to ``method``) follow the
    draft's; when it is false ``diagnosis`` and ``relaxed`` (the amendment under the minimal
    relaxation, with ``relaxed_constraints``) do instead. Keys of the other case are absent.
    """

    kind: ClassVar[str] = "amend"

    agreement: str
    title: str | None
    settled: dict[str, str]
    open: list[str]
    conflicts: list[str]
    draft_utilities: dict[str, RangeRecord]
    reservation: dict[str, float]
    notes: list[str]
    feasible: bool
    n_changes: int | None = None
    changes: list[dict[str, str]] | None = None
    completions: list[dict[str, str]] | None = None
    package: dict[str, str | None] | None = None
    utilities: dict[str, float] | None = None
    gains: dict[str, float] | None = None
    tie_break: str | None = None
    objective: float | None = None
    optimal: bool | None = None
    method: str | None = None
    diagnosis: DiagnosisRecord | None = None
    relaxed: dict[str, Any] | None = None

    @classmethod
    def build(cls, **body: Any) -> dict[str, Any]:
        """As :meth:`Document.build`, without the keys of the case ``body`` does not give."""
        record = super().build(**body)
        kept = {"document", "schema_version", "accords_version", *body}
        return {k: v for k, v in record.items() if k in kept}


class SimulateDocument(Document):
    """``accords simulate --format json``: the run, its outcome and the Nash solution."""

    kind: ClassVar[str] = "simulate"

    source: dict[str, Any]
    parties: list[str]
    betas: dict[str, float]
    order: list[str]
    n_rounds: int
    seed: int
    agreed: bool
    reason: str | None
    round: int | None
    agreement: dict[str, str | None] | None
    utilities: dict[str, float] | None
    reservation: dict[str, float] | None
    pool_size: int
    nash: SolutionRecord | None
    offers: list[dict[str, Any]]
    notes: list[str]
    relaxed_constraints: list[str]
