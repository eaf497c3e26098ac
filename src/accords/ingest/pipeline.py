"""The ingest pipeline: an article and a corpus in, reviewable candidates out (pure).

:func:`extract_candidates` runs every step on one article; :func:`ingest_articles` runs it on
many, in a thread pool of this process or on a Dask cluster, with the same candidates either
way (each article is a pure function of its text and the corpus).
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from accords.ingest.article import Article
from accords.ingest.attribution import RawStatement, find_statements
from accords.ingest.candidates import (
    ArticleInfo,
    ArticleReport,
    Candidate,
    EntityCandidate,
    EventCandidate,
    IngestAddDocument,
    LinkScore,
    StanceCandidate,
    StatementCandidate,
    candidate_id,
)
from accords.ingest.entities import find_entities
from accords.ingest.events import RawEvent, find_events
from accords.ingest.lexicon import Lexicon, build_lexicon, introduced_people
from accords.ingest.linking import Linker, build_linker
from accords.ingest.text import split_paragraphs
from accords.model import Corpus
from accords.model.stances import Stance

__all__ = ["IngestContext", "IngestResult", "extract_candidates", "ingest_articles"]

#: A stance is drafted only when its best issue is at least this similar.
MIN_ISSUE_SCORE = 0.12


@dataclass
class IngestContext:
    """What the pipeline derives from a corpus once: the lexicon and the linker."""

    lexicon: Lexicon
    linker: Linker

    @classmethod
    def of(cls, corpus: Corpus) -> IngestContext:
        """The context of ``corpus`` (cached per corpus object)."""
        key = id(corpus)
        cached = _CONTEXTS.get(key)
        if cached is None or cached[0] is not corpus:
            cached = (corpus, cls(build_lexicon(corpus), build_linker(corpus)))
            _CONTEXTS.clear()
            _CONTEXTS[key] = cached
        return cached[1]


_CONTEXTS: dict[int, tuple[Corpus, IngestContext]] = {}


@dataclass(frozen=True)
class IngestResult:
    """The candidates of one or more articles (``to_record()`` is the ``ingest-add`` document)."""

    reports: tuple[ArticleReport, ...]
    seconds: float = 0.0
    scheduler: str = "in-process"
    database: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        """Every candidate, article by article."""
        return tuple(c for r in self.reports for c in r.candidates)

    def to_record(self) -> dict[str, Any]:
        """The versioned ``ingest-add`` document."""
        counts = Counter(c.kind for c in self.candidates)
        return IngestAddDocument.build(
            articles=self.reports,
            counts=dict(sorted(counts.items())),
            seconds=round(self.seconds, 3),
            scheduler=self.scheduler,
            database=self.database,
        )


def _statement(article: Article, st: RawStatement) -> StatementCandidate:
    text = article.text
    return StatementCandidate(
        id=candidate_id(article.id, "statement", st.start, st.end),
        article=article.id,
        start=st.start,
        end=st.end,
        quote=text[st.start : st.end],
        score=st.score,
        rule=st.rule,
        speaker=st.speaker.party if st.speaker else None,
        person=st.speaker.person if st.speaker and st.speaker.how != "introduced" else None,
        new_speaker=(
            st.speaker.person
            if st.speaker and st.speaker.how == "introduced"
            else (None if st.speaker else st.speaker_name)
        ),
        cue=st.cue,
        attribution=st.attribution,
        polarity=st.polarity,
        modality=st.modality,
    )


def _stance(
    article: Article, st: StatementCandidate, corpus: Corpus, linker: Linker
) -> StanceCandidate | None:
    if st.speaker is None or st.polarity == "neutral":
        return None
    issues = linker.top_issues(st.quote)
    if not issues or issues[0].score < MIN_ISSUE_SCORE:
        return None
    provisions = linker.top_provisions(st.quote)
    issue = issues[0].id
    option = linker.best_option(issue, st.quote)
    basis = "quoted" if st.attribution == "direct" else "inferred"
    fields: dict[str, Any] = {
        "party": st.speaker,
        "issue": issue,
        "as_of": article.published,
        "confidence": round(min(0.9, st.score * (0.5 + issues[0].score)), 2),
        "evidence": ({"source": article.id, "quote": st.quote},),
        "notes": f"drafted by accords ingest from {st.id} ({st.rule}); review before use",
    }
    if option is not None:
        if st.polarity == "supports":
            fields["ideal"] = option.id
        elif st.polarity == "rejects":
            fields["red_lines"] = (option.id,)
        elif st.polarity == "conditional":
            fields["conditional"] = ({"option": option.id, "condition": st.quote},)
    draft = Stance.model_validate(fields, strict=False).model_dump(
        mode="json", exclude_none=True, exclude_defaults=True
    )
    draft.setdefault("confidence", fields["confidence"])
    draft["basis"] = basis
    return StanceCandidate(
        id=candidate_id(article.id, "stance", st.start, st.end),
        article=article.id,
        start=st.start,
        end=st.end,
        quote=st.quote,
        score=round(min(1.0, st.score * min(1.0, 0.5 + issues[0].score)), 3),
        rule=f"link:lexical+{st.rule}",
        party=st.speaker,
        issues=tuple(LinkScore(id=i.id, score=i.score) for i in issues),
        provisions=tuple(LinkScore(id=p.id, score=p.score) for p in provisions),
        option=option.id if option else None,
        basis=basis,
        draft=draft,
    )


def _event(article: Article, ev: RawEvent) -> EventCandidate:
    from accords.monitor.events import Event

    cid = candidate_id(article.id, "event", ev.start, ev.end)
    location: dict[str, Any] | None = None
    if ev.place is not None:
        location = {"name": ev.place.name, "country": ev.place.country}
        if ev.place.admin1:
            location["admin1"] = ev.place.admin1
    quote = article.text[ev.start : ev.end]
    event = Event.model_validate(
        {
            "id": cid,
            "date": ev.date,
            "date_precision": ev.precision,
            "type": ev.type,
            "mode": ev.mode,
            "actors": ev.actors,
            "recipients": ev.recipients,
            "location": location,
            "certainty": ev.certainty,
            "claimed_by": ev.claimed_by,
            "disputed_by": ev.disputed_by,
            "evidence": (
                {
                    "source": article.id,
                    "quote": quote,
                    "url": article.url,
                    "published": article.published,
                },
            ),
        }
    )
    return EventCandidate(
        id=cid,
        article=article.id,
        start=ev.start,
        end=ev.end,
        quote=quote,
        score=max(0.0, min(1.0, ev.score)),
        rule=ev.rule,
        event=event.model_dump(mode="json", exclude_none=True),
        date_rule=ev.date_rule,
    )


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80] or "entity"


def extract_candidates(article: Article, corpus: Corpus) -> ArticleReport:
    """Every candidate of one article, with counts and the seconds each step took.

    Examples
    --------
    >>> import datetime
    >>> from accords import load_corpus
    >>> from accords.ingest import parse_article
    >>> text = b"Zelensky said Ukraine would never accept giving up Donetsk."
    >>> art = parse_article(text, name="a.txt", published=datetime.date(2025, 12, 3))
    >>> report = extract_candidates(art, load_corpus())
    >>> st = report.candidates[0]
    >>> st.id, st.speaker, st.polarity, art.text[st.start:st.end] == st.quote
    ('a:statement:14-58', 'ukraine', 'rejects', True)
    """
    context = IngestContext.of(corpus)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = round(now - clock, 4)
        clock = now

    text = article.text
    paragraphs = split_paragraphs(text)
    lap("segment")
    introduced = introduced_people(text, context.lexicon)
    lexicon = context.lexicon.with_people(introduced)
    statements = [_statement(article, s) for s in find_statements(text, paragraphs, lexicon)]
    lap("attribution")
    stances = [s for s in (_stance(article, st, corpus, context.linker) for st in statements) if s]
    lap("linking")
    events = [_event(article, e) for e in find_events(text, paragraphs, lexicon, article.published)]
    lap("events")
    entities = [
        EntityCandidate(
            id=candidate_id(article.id, "entity", e.start, e.end),
            article=article.id,
            start=e.start,
            end=e.end,
            quote=text[e.start : e.end],
            score=e.score,
            rule=e.rule,
            name=e.name,
            type=e.type,
            proposed_id=_slug(e.name),
            country=e.country,
            admin1=e.admin1,
            party=introduced.get(e.name) if e.type == "person" else None,
            sentence=text[e.sentence[0] : e.sentence[1]],
        )
        for e in find_entities(text, paragraphs, context.lexicon)
    ]
    lap("entities")
    candidates: list[Candidate] = []
    seen: set[str] = set()
    every: list[Candidate] = [*statements, *stances, *events, *entities]
    for candidate in every:
        if candidate.id not in seen:  # one candidate per span and kind: the first rule wins
            seen.add(candidate.id)
            candidates.append(candidate)
    counts = Counter(c.kind for c in candidates)
    info = ArticleInfo(
        id=article.id,
        published=article.published,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        kind=article.kind,
        n_chars=len(text),
        n_words=article.n_words,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    return ArticleReport(
        article=info,
        counts={k: counts.get(k, 0) for k in ("statement", "stance", "event", "entity")},
        timings=timings,
        candidates=tuple(candidates),
    )


def _one(item: tuple[Article, Corpus]) -> ArticleReport:
    return extract_candidates(*item)


def ingest_articles(
    articles: Sequence[Article],
    corpus: Corpus,
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
) -> IngestResult:
    """The candidates of several articles, in parallel.

    Parameters
    ----------
    articles : sequence of Article
    corpus : Corpus
    scheduler : str, optional
        None: a thread pool in this process. ``"local"``: a local Dask cluster; an address
        (``tcp://host:8786``): a running Dask scheduler. The candidates are the same.
    n_workers : int, optional
        Threads, or the workers of a local Dask cluster.
    """
    start = time.perf_counter()
    items = [(a, corpus) for a in articles]
    mapper: Callable[
        [Callable[[tuple[Article, Corpus]], ArticleReport], Sequence[tuple[Article, Corpus]]],
        Iterator[ArticleReport],
    ]
    if scheduler is None:
        IngestContext.of(corpus)  # build once before the threads start
        with ThreadPoolExecutor(max_workers=n_workers or 2) as pool:
            reports = tuple(pool.map(_one, items))
        label = "in-process"
    else:
        from accords.forecasting.parallel import DaskMapper

        with DaskMapper(scheduler, n_workers=n_workers) as dask_mapper:
            mapper = dask_mapper
            reports = tuple(mapper(_one, items))
        label = f"dask:{scheduler}"
    return IngestResult(reports=reports, seconds=time.perf_counter() - start, scheduler=label)
