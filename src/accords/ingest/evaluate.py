"""Scoring candidates against gold annotations (the benchmark and the tests share this).

Matching follows issue 14: a statement matches a gold statement when their spans overlap by at
least half of the shorter and the speaker's party is one the gold allows; an event when the
type agrees, the actors intersect and the date agrees within the gold's precision; an entity
when the names agree (case-insensitive). Each gold record matches at most one candidate
(greedy, best overlap first). Per-field accuracy (polarity, type, place) is computed on the
matched pairs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accords.corpus.quotes import normalise_text
from accords.ingest.candidates import (
    Candidate,
    EntityCandidate,
    EventCandidate,
    StatementCandidate,
)
from accords.ingest.linking import Linker
from accords.model import Corpus

__all__ = ["Score", "locate", "read_gold", "score_article", "score_linking", "silver_links"]


def read_gold(directory: str | Path) -> list[dict[str, Any]]:
    """Every gold annotation file (``*.yaml``) of ``directory``, parsed, by file name."""
    import yaml

    return [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(Path(directory).glob("*.yaml"))
    ]


@dataclass
class Score:
    """True positives, false positives, false negatives and field agreement counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        """Add ``other``'s counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for name, (ok, n) in other.fields.items():
            mine = self.fields.setdefault(name, [0, 0])
            mine[0] += ok
            mine[1] += n

    def field(self, name: str, ok: bool) -> None:
        """Count one matched pair's agreement on ``name``."""
        mine = self.fields.setdefault(name, [0, 0])
        mine[0] += int(ok)
        mine[1] += 1

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was proposed."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``, forgiving typographic quotes and dashes only.

    >>> locate('"safe forever"', "making Ukraine \u201csafe forever\u201d.")
    (15, 29)
    """
    folded_text = text.translate(_FOLD)
    folded_quote = quote.translate(_FOLD)
    at = folded_text.find(folded_quote)
    if at < 0:
        at = normalise_text(folded_text).find(normalise_text(folded_quote))
        if at < 0:
            return None
    return at, at + len(folded_quote)


_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def _date_agrees(gold: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    g = gold["date"]
    g = g if isinstance(g, datetime.date) else datetime.date.fromisoformat(str(g))
    e = datetime.date.fromisoformat(str(event["date"]))
    precision = gold.get("precision", "day")
    if precision == "year":
        return g.year == e.year
    if precision == "month":
        return (g.year, g.month) == (e.year, e.month)
    return g == e


def score_article(
    gold: Mapping[str, Any], candidates: Sequence[Candidate], text: str
) -> dict[str, Score]:
    """Scores per record type (statement, event, entity) of one article's candidates."""
    scores = {"statement": Score(), "event": Score(), "entity": Score()}
    statements = [c for c in candidates if isinstance(c, StatementCandidate)]
    used: set[str] = set()
    for g in gold.get("statements") or ():
        span = locate(g["quote"], text)
        if span is None:
            raise ValueError(f"gold quote not in {gold['source']}: {g['quote']!r}")
        allowed = set(g["speaker"])
        by_span = max(
            (c for c in statements if _overlap(span, (c.start, c.end)) >= 0.5),
            key=lambda c: _overlap(span, (c.start, c.end)),
            default=None,
        )
        if by_span is not None:
            scores["statement"].field("speaker", by_span.speaker in allowed)
        best = max(
            (
                c
                for c in statements
                if c.id not in used
                and c.speaker in allowed
                and _overlap(span, (c.start, c.end)) >= 0.5
            ),
            key=lambda c: _overlap(span, (c.start, c.end)),
            default=None,
        )
        if best is None:
            scores["statement"].fn += 1
            continue
        used.add(best.id)
        scores["statement"].tp += 1
        scores["statement"].field("polarity", best.polarity == g["polarity"])
    scores["statement"].fp += sum(1 for c in statements if c.id not in used)
    events = [c for c in candidates if isinstance(c, EventCandidate)]
    used = set()
    for g in gold.get("events") or ():
        actors = set(g["actors"])
        best_event = next(
            (
                c
                for c in events
                if c.id not in used
                and c.event["type"] == g["type"]
                and actors & set(c.event["actors"])
                and _date_agrees(g, c.event)
            ),
            None,
        )
        # an event with the right type and actors but another date counts as a date miss
        if best_event is None:
            scores["event"].fn += 1
            near = next(
                (
                    c
                    for c in events
                    if c.event["type"] == g["type"] and actors & set(c.event["actors"])
                ),
                None,
            )
            scores["event"].field("date", False) if near else None
            continue
        used.add(best_event.id)
        scores["event"].tp += 1
        scores["event"].field("date", True)
        if g.get("admin1"):
            loc = best_event.event.get("location") or {}
            scores["event"].field("place", loc.get("admin1") == g["admin1"])
        if g.get("certainty"):
            scores["event"].field("certainty", best_event.event.get("certainty") == g["certainty"])
    scores["event"].fp += sum(1 for c in events if c.id not in used)
    entities = [c for c in candidates if isinstance(c, EntityCandidate)]
    names = {c.name.lower() for c in entities}
    gold_names = {str(n).lower() for n in gold.get("entities") or ()}
    scores["entity"].tp = len(names & gold_names)
    scores["entity"].fp = len(names - gold_names)
    scores["entity"].fn = len(gold_names - names)
    return scores


def silver_links(
    corpus: Corpus, sources: Iterable[str] | None = None
) -> list[tuple[str, str, str]]:
    """``(kind, quote, answer)`` from the corpus's own evidence: stance quotes -> issue,
    provision quotes -> ``agreement/label``; only quotes from ``sources`` where given."""
    wanted = set(sources) if sources is not None else None
    items: list[tuple[str, str, str]] = []
    for stance in corpus.stances:
        for ev in stance.evidence:
            if wanted is None or ev.source in wanted:
                items.append(("issue", ev.quote, stance.issue))
    for agreement in corpus.agreements:
        for provision in agreement.provisions:
            for ev in provision.evidence:
                if wanted is None or ev.source in wanted:
                    items.append(("provision", ev.quote, f"{agreement.id}/{provision.label}"))
    return items


def score_linking(linker: Linker, items: Iterable[tuple[str, str, str]]) -> dict[str, float]:
    """Top-1 and top-3 accuracy of the linker on ``(kind, quote, answer)`` items."""
    hits: dict[str, list[int]] = {}
    for kind, quote, answer in items:
        found = linker.top_issues(quote) if kind == "issue" else linker.top_provisions(quote)
        ids = [link.id for link in found]
        row = hits.setdefault(kind, [0, 0, 0])
        row[0] += int(ids[:1] == [answer])
        row[1] += int(answer in ids[:3])
        row[2] += 1
    out: dict[str, float] = {}
    for kind, (top1, top3, n) in hits.items():
        out[f"{kind}_top1"] = top1 / n
        out[f"{kind}_top3"] = top3 / n
        out[f"{kind}_n"] = n
    return out


#: PLOVER 0.5 (the gold-standard records) names for the categories accords calls otherwise.
PLOVER_05 = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}


def score_plover_typing(records: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """Type accuracy and macro-F1 of :func:`classify_event_type` on PLOVER gold records.

    ``records`` are PLOVER JSON records with ``text`` and ``event``; a sentence with no trigger
    counts as wrong. Macro-F1 averages over the gold types.
    """
    from accords.ingest.events import classify_event_type

    pairs: list[tuple[str, str]] = []
    for record in records:
        if not record.get("text") or not record.get("event"):
            continue
        found = classify_event_type(str(record["text"]))
        guess = PLOVER_05.get(found[0], found[0]) if found else "NONE"
        pairs.append((str(record["event"]), guess))
    types = sorted({g for g, _ in pairs})
    f1s = []
    for t in types:
        tp = sum(1 for g, p in pairs if g == t and p == t)
        fp = sum(1 for g, p in pairs if g != t and p == t)
        fn = sum(1 for g, p in pairs if g == t and p != t)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    n = len(pairs)
    return {
        "n": float(n),
        "n_types": float(len(types)),
        "accuracy": sum(1 for g, p in pairs if g == p) / n if n else 0.0,
        "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "no_trigger": sum(1 for _, p in pairs if p == "NONE") / n if n else 0.0,
    }
