"""Searching the process's own events beside the corpus: a claim is found as a claim.

The events a corpus's sources report (``events.yaml``, :func:`accords.monitor.process_events`)
become search items whose title says their certainty, so ``accords search Pokrovsk`` leads to
"disputed: Russian officials claimed…", never to a fact.

Examples
--------
>>> from accords.corpus import load_corpus
>>> hits = search_with_events(load_corpus(), "Pokrovsk", limit=3).hits
>>> hits[0].kind, "disputed" in hits[0].title
('event', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from accords.explore.search import SearchItem, SearchResult, search_corpus
from accords.model import Corpus
from accords.monitor.events import Event
from accords.monitor.process import process_events

__all__ = ["event_items", "search_with_events"]


def _when(event: Event) -> str:
    if event.date is None:
        return "date unknown"
    if event.date_precision == "month":
        return event.date.strftime("%B %Y")
    if event.date_precision == "year":
        return str(event.date.year)
    return event.date.isoformat()


def event_items(events: Iterable[Event]) -> tuple[SearchItem, ...]:
    """One search item per event (its text, who claims and disputes it, its quotes)."""
    items = []
    for event in events:
        parts = [
            event.text or "",
            " ".join(event.actors),
            event.location.name if event.location else "",
        ]
        parts += list(event.claimed_by) + list(event.disputed_by)
        parts += [e.quote for e in event.evidence]
        title = f"{event.certainty}: {event.type} ({_when(event)})"
        items.append(SearchItem("event", event.id, "text", title, " ".join(p for p in parts if p)))
    return tuple(items)


def search_with_events(
    corpus: Corpus,
    text: str,
    *,
    kinds: Sequence[str] | None = None,
    limit: int = 10,
) -> SearchResult:
    """:func:`~accords.explore.search_corpus` over the corpus and its process events.

    Raises
    ------
    ModelSpecificationError
        If the query has no word, or ``limit`` is below 1.
    CorpusError
        If the corpus's event log has defects.
    """
    return search_corpus(
        corpus, text, kinds=kinds, limit=limit, extra=event_items(process_events(corpus))
    )
