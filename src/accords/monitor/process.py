"""The process's own events: the talks, leaks and claims a corpus' sources report.

A corpus may hold an event log, ``events.yaml`` beside ``corpus.yaml``, in the monitor's scenario
format (:mod:`accords.monitor.io`). Unlike a what-if scenario it records only what the sources
say, so every event is checked against the corpus: its actors and recipients are parties of the
corpus, it has evidence, and every quote occurs verbatim in the text of the source it cites
(normalising only white space and typographic quotes, as for every corpus quote). Dates keep
the sources' precision; an event the sources do not date has ``date_precision: unknown`` and no
date.

:func:`parse_process_events` is pure (text in, events out); :func:`process_events` reads the
file of a corpus directory.

Examples
--------
>>> events = process_events()
>>> claim = next(e for e in events if "Pokrovsk" in (e.text or ""))
>>> claim.certainty, claim.disputed_by[0]
('disputed', 'Ukrainian authorities (did not confirm)')
>>> next(e for e in events if e.id == "geneva-talks").date is None
True
"""

from __future__ import annotations

from pathlib import Path

from accords.corpus.files import EVENTS_FILE
from accords.corpus.quotes import clip_text, closest_passage, normalise_text
from accords.corpus.read import load_corpus, read_corpus
from accords.exceptions import CorpusDefect, CorpusError
from accords.model import Corpus
from accords.monitor.events import Event
from accords.monitor.io import parse_scenario

__all__ = ["parse_process_events", "process_events"]


def parse_process_events(
    text: str, corpus: Corpus, *, path: str = EVENTS_FILE
) -> tuple[Event, ...]:
    """The events of an event-log text, checked against ``corpus``.

    Parameters
    ----------
    text : str
        The YAML of the log (a scenario mapping or a list of events).
    corpus : Corpus
        The corpus whose parties and source texts the events must match.
    path : str
        Where the text comes from, for messages.

    Returns
    -------
    tuple of Event
        In file order.

    Raises
    ------
    CorpusError
        Listing every defect (``events.yaml:LINE: ...``): a malformed event, an actor that is not
        a party of the corpus, an event without evidence, an unknown source, or a quote not found
        verbatim in its source.
    """
    scenario, read_defects = parse_scenario(text, path=path)
    defects = [CorpusDefect(d.path, d.line, d.message) for d in read_defects]
    parties = {p.id for p in corpus.parties}
    texts = {sid: normalise_text(t) for sid, t in corpus.texts.items()}
    lines = scenario.lines or (None,) * len(scenario.events)
    for event, line in zip(scenario.events, lines, strict=True):
        defects.extend(_check(event, line, path, parties, texts))
    if defects:
        raise CorpusError(defects)
    return scenario.events


def _check(
    event: Event, line: int | None, path: str, parties: set[str], texts: dict[str, str]
) -> list[CorpusDefect]:
    out: list[CorpusDefect] = []
    known = ", ".join(sorted(parties))
    for role, ids in (("actor", event.actors), ("recipient", event.recipients)):
        for party in ids:
            if party not in parties:
                out.append(
                    CorpusDefect(
                        path,
                        line,
                        f"event {event.id!r}: {role} {party!r} is not a party of the corpus "
                        f"(known: {known})",
                    )
                )
    if not event.evidence:
        out.append(
            CorpusDefect(
                path, line, f"event {event.id!r}: no evidence; give source and a verbatim quote"
            )
        )
    for ev in event.evidence:
        source_text = texts.get(ev.source)
        if source_text is None:
            out.append(
                CorpusDefect(
                    path,
                    line,
                    f"event {event.id!r}: evidence names source {ev.source!r}, which is not a "
                    f"source of the corpus (known: {', '.join(sorted(texts))})",
                )
            )
        elif ev.quote is None:
            out.append(CorpusDefect(path, line, f"event {event.id!r}: evidence needs a quote"))
        elif normalise_text(ev.quote) not in source_text:
            closest = closest_passage(normalise_text(ev.quote), source_text)
            out.append(
                CorpusDefect(
                    path,
                    line,
                    f"event {event.id!r}: quote not found in source {ev.source!r}: "
                    f"{clip_text(ev.quote)!r}; closest passage: {clip_text(closest)!r}",
                )
            )
    return out


def process_events(corpus_or_path: Corpus | str | Path | None = None) -> tuple[Event, ...]:
    """The event log of a corpus (``<corpus dir>/events.yaml``), checked; empty if it has none.

    Parameters
    ----------
    corpus_or_path : Corpus, path or None
        A corpus read from a directory (its ``directory``), a corpus directory, or None for the
        embedded corpus. A corpus built in memory has no directory and so no log.

    Returns
    -------
    tuple of Event

    Raises
    ------
    CorpusError
        If the corpus or its log has defects (see :func:`parse_process_events`).
    """
    if corpus_or_path is None:
        corpus = load_corpus()
    elif isinstance(corpus_or_path, Corpus):
        corpus = corpus_or_path
    else:
        corpus = read_corpus(corpus_or_path)
    if corpus.directory is None:
        return ()
    file = Path(corpus.directory) / EVENTS_FILE
    if not file.is_file():
        return ()
    return parse_process_events(file.read_text(encoding="utf-8"), corpus, path=EVENTS_FILE)
