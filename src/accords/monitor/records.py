"""The versioned documents of ``accords monitor``: what ``--format json`` prints.

One :class:`~accords.model.documents.Document` per command (``monitor-add``,
``monitor-status``, ``monitor-timeline``, ``monitor-replay``, ``monitor-waterfall``), built by
the ``to_record()`` of the results in :mod:`accords.monitor.application`. The shapes are those
the commands printed before they were versioned, plus ``document``, ``schema_version`` and
``accords_version``; ``monitor-timeline`` adds ``process``, the corpus's own events.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from accords.model.documents import Document
from accords.model.vocabulary import ProvisionState
from accords.monitor.events import Event
from accords.monitor.results import (
    Milestone,
    MonitorReport,
    TimelineEntry,
    TimelineKind,
)

__all__ = [
    "AddDocument",
    "EffectRecord",
    "FiringRecord",
    "MilestoneRecord",
    "PamRecord",
    "ProvisionRecord",
    "RejectedRecord",
    "ReplayDocument",
    "StatusDocument",
    "TimelineDocument",
    "TimelineRecord",
    "WaterfallDocument",
    "WaterfallLineRecord",
    "report_body",
    "timeline_records",
]


class _Part(BaseModel):
    """A nested part of a document: frozen, no unknown keys, keys by alias (``from``)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        serialize_by_alias=True,
        validate_by_name=True,
        validate_by_alias=True,
    )


class MilestoneRecord(_Part):
    """The signature or entry into force: its date, event and what recorded it."""

    date: date
    event: str | None
    by: str


class PamRecord(_Part):
    """The Peace Accords Matrix score (0-100) and the provisions at each level (0-3)."""

    score: float
    points: int
    max_points: int
    n_provisions: int
    levels: dict[str, int]


class ProvisionRecord(_Part):
    """A provision's state on the report's date and its last transition."""

    label: str
    modality: str
    state: ProvisionState
    since: date | None
    cause: str | None
    event: str | None
    trigger: str | None
    deadline: date | None
    pam: int
    progress: float
    monitored: bool
    n_transitions: int


class EffectRecord(_Part):
    """One effect of a fired trigger; ``applied`` is false when the lifecycle forbids it."""

    action: str
    provision: str
    applied: bool
    from_state: ProvisionState = Field(alias="from")
    to_state: ProvisionState | None = Field(alias="to")


class FiringRecord(_Part):
    """A trigger whose condition became true, and its effects."""

    trigger: str
    provision: str
    date: date
    event: str | None
    effects: list[EffectRecord]


class TimelineRecord(_Part):
    """One dated line of the timeline."""

    date: date
    kind: TimelineKind
    provision: str | None
    detail: str
    event: str | None
    trigger: str | None
    cause: str | None
    from_state: ProvisionState | None = Field(alias="from")
    to_state: ProvisionState | None = Field(alias="to")


class _ReportDocument(Document):
    agreement: str
    as_of: date
    n_events: int
    signed: MilestoneRecord | None
    in_force: MilestoneRecord | None
    pam: PamRecord
    provisions: list[ProvisionRecord]
    triggers_fired: list[FiringRecord]


class StatusDocument(_ReportDocument):
    """``accords monitor status``: every provision's state from the stored events."""

    kind: ClassVar[str] = "monitor-status"
    db: str


class ReplayDocument(_ReportDocument):
    """``accords monitor replay``: every provision's state and the timeline of a scenario."""

    kind: ClassVar[str] = "monitor-replay"
    scenario: str | None
    title: str | None
    description: str | None
    timeline: list[TimelineRecord]


class TimelineDocument(Document):
    """``accords monitor timeline``: every dated step, and the process's own events."""

    kind: ClassVar[str] = "monitor-timeline"
    agreement: str
    as_of: date
    db: str | None
    n_events: int
    entries: list[TimelineRecord]
    process: list[Event] = Field(
        default_factory=list,
        description="Events of the negotiation itself (the corpus's event log), by date.",
    )


class RejectedRecord(_Part):
    """A record of the file that was not stored, with its line."""

    file: str
    line: int | None
    message: str


class AddDocument(Document):
    """``accords monitor add``: what an ingest stored and rejected."""

    kind: ClassVar[str] = "monitor-add"
    db: str
    source: str
    n_read: int
    n_inserted: int
    n_unchanged: int
    n_replaced: int
    n_rejected: int
    n_batches: int
    n_events_stored: int
    seconds: float
    rejected: list[RejectedRecord]


class WaterfallLineRecord(_Part):
    """One recipient of the frozen-funds waterfall."""

    recipient: str
    amount: float
    source: str
    cap: float | None
    shortfall: float
    measure: str | None


class WaterfallDocument(Document):
    """``accords monitor waterfall``: point 14's allocation of a pool of frozen assets."""

    kind: ClassVar[str] = "monitor-waterfall"
    agreement: str
    provision: str
    total: float
    currency: str
    lines: list[WaterfallLineRecord]
    profit_share: float
    profit: float | None
    profit_to_us: float | None
    from_pool: float


def _milestone(m: Milestone | None) -> dict[str, Any] | None:
    return None if m is None else {"date": m.date, "event": m.event, "by": m.by}


def report_body(report: MonitorReport) -> dict[str, Any]:
    """The fields that ``monitor status`` and ``monitor replay`` share."""
    pam = report.pam
    return {
        "agreement": report.agreement,
        "as_of": report.as_of,
        "n_events": report.n_events,
        "signed": _milestone(report.signed),
        "in_force": _milestone(report.in_force),
        "pam": {
            "score": round(pam.score, 2),
            "points": pam.points,
            "max_points": pam.max_points,
            "n_provisions": pam.n_provisions,
            "levels": {str(level): n for level, n in enumerate(pam.levels)},
        },
        "provisions": [
            {
                "label": p.label,
                "modality": p.modality,
                "state": p.state,
                "since": p.since,
                "cause": p.cause,
                "event": p.event,
                "trigger": p.trigger,
                "deadline": p.deadline,
                "pam": p.pam,
                "progress": round(p.progress, 3),
                "monitored": p.monitored,
                "n_transitions": len(p.transitions),
            }
            for p in report.provisions
        ],
        "triggers_fired": [
            {
                "trigger": f.trigger,
                "provision": f.provision,
                "date": f.date,
                "event": f.event,
                "effects": [
                    {
                        "action": e.action,
                        "provision": e.provision,
                        "applied": e.applied,
                        "from": e.from_state,
                        "to": e.to_state,
                    }
                    for e in f.effects
                ],
            }
            for f in report.firings
        ],
    }


def timeline_records(entries: tuple[TimelineEntry, ...]) -> list[dict[str, Any]]:
    """The timeline entries as document rows."""
    return [
        {
            "date": e.date,
            "kind": e.kind,
            "provision": e.provision,
            "detail": e.detail,
            "event": e.event,
            "trigger": e.trigger,
            "cause": e.cause,
            "from": e.from_state,
            "to": e.to_state,
        }
        for e in entries
    ]
