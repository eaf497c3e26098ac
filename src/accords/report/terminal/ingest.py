"""Rich rendering of ingest candidates and reviews."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from accords.ingest.candidates import (
    Candidate,
    EntityCandidate,
    EventCandidate,
    StanceCandidate,
    StatementCandidate,
)

__all__ = ["describe_candidate", "render_candidates"]


def describe_candidate(c: Candidate) -> str:
    """One line saying what a candidate proposes."""
    if isinstance(c, StatementCandidate):
        who = c.person or c.speaker or (f"new: {c.new_speaker}" if c.new_speaker else "?")
        return f"{who} ({c.speaker or '-'}) {c.polarity}, {c.modality}, {c.attribution}"
    if isinstance(c, StanceCandidate):
        issues = ", ".join(f"{i.id} {i.score:.2f}" for i in c.issues)
        return f"{c.party} on {issues}; option {c.option or '-'} ({c.basis})"
    if isinstance(c, EventCandidate):
        e = c.event
        place = (e.get("location") or {}).get("admin1") or (e.get("location") or {}).get("name")
        mode = f"/{e['mode']}" if e.get("mode") else ""
        return (
            f"{e['type']}{mode} {','.join(e['actors'])} {e['date']} ({e['date_precision']})"
            f"{' ' + place if place else ''} {e['certainty']}"
        )
    assert isinstance(c, EntityCandidate)
    return f"new {c.type} {c.name!r} (id {c.proposed_id})"


def render_candidates(console: Console, candidates: Sequence[Candidate], title: str) -> None:
    """A table of candidates: id, kind, score, status, what it proposes and its quote."""
    table = Table(title=title, show_lines=False)
    for column in ("id", "status", "score", "proposes", "quote"):
        table.add_column(column, overflow="fold")
    for c in candidates:
        quote = c.quote if len(c.quote) <= 90 else c.quote[:87] + "..."
        table.add_row(c.id, c.status, f"{c.score:.2f}", describe_candidate(c), quote)
    console.print(table)
