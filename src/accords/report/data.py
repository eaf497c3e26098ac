"""Everything the report shows, computed once from a corpus (no input or output).

Order of the agreements
    Versions come after the version they revise (``derived_from``); otherwise by date
    (undated last), then in corpus order.

Which versions are compared
    Every agreement that names the version it revises (``derived_from``) is compared with it.
    A corpus where no agreement does so is compared version by version in date order
    (undated agreements last, in corpus order).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from accords.analysis import (
    AcceptabilityMatrix,
    AgreementDeps,
    AgreementDiff,
    assess_acceptability,
    diff_agreements,
)
from accords.analysis.territory import TerritorialSettlement, territorial_settlement
from accords.bargaining import BargainingAnalysis
from accords.model import Agreement, Corpus
from accords.monitor.events import Event
from accords.monitor.process import process_events
from accords.report.findings import ForecastRow, bargaining_overview, forecast_rows

__all__ = [
    "AgreementSection",
    "ReportData",
    "agreement_order",
    "build_report_data",
    "version_pairs",
]


@dataclass(frozen=True)
class AgreementSection:
    """One agreement with its who-must-act and acceptability analyses."""

    agreement: Agreement
    acceptability: AcceptabilityMatrix

    @property
    def deps(self) -> AgreementDeps:
        """Who must act (the one computed for the acceptability matrix)."""
        return self.acceptability.deps


@dataclass(frozen=True)
class ReportData:
    """The corpus, one section per agreement, the version diffs, and (where they could run)
    the bargaining analysis of the stances and the forecasts of each issue."""

    corpus: Corpus
    sections: tuple[AgreementSection, ...]
    diffs: tuple[AgreementDiff, ...]
    bargaining: BargainingAnalysis | None = None
    bargaining_note: str | None = None
    forecasts: tuple[ForecastRow, ...] = ()
    territory: tuple[TerritorialSettlement, ...] = ()
    process: tuple[Event, ...] = ()


def version_pairs(corpus: Corpus) -> tuple[tuple[str, str], ...]:
    """Pairs (old id, new id) of agreements to compare.

    Examples
    --------
    >>> from accords.model import Agreement, Corpus, Evidence, Provision
    >>> p = Provision(label="1", text="t", modality="obligation",
    ...               evidence=(Evidence(source="s", quote="q"),))
    >>> def a(id, date, parent=None):
    ...     return Agreement(id=id, title=id, date=date, proposers=("x",), status="revision",
    ...                      sources=("s",), provisions=(p,), derived_from=parent)
    >>> version_pairs(Corpus(id="c", title="C", agreements=(a("b", "2025-02-01"),
    ...     a("a", "2025-01-01"))))
    (('a', 'b'),)
    >>> version_pairs(Corpus(id="c", title="C", agreements=(a("a", None),
    ...     a("b", None, "a"), a("c", None, "a"))))
    (('a', 'b'), ('a', 'c'))
    """
    derived = tuple((a.derived_from, a.id) for a in corpus.agreements if a.derived_from)
    if derived:
        return derived
    order = {a.id: i for i, a in enumerate(corpus.agreements)}
    dated = sorted(
        corpus.agreements,
        key=lambda a: (a.date is None, a.date.isoformat() if a.date else "", order[a.id]),
    )
    return tuple((x.id, y.id) for x, y in pairwise(dated))


def agreement_order(corpus: Corpus) -> tuple[Agreement, ...]:
    """The agreements, each after the one it revises, then by date and corpus order.

    Examples
    --------
    >>> from accords.model import Agreement, Corpus, Evidence, Provision
    >>> p = Provision(label="1", text="t", modality="obligation",
    ...               evidence=(Evidence(source="s", quote="q"),))
    >>> def a(id, date, parent=None):
    ...     return Agreement(id=id, title=id, date=date, proposers=("x",), status="revision",
    ...                      sources=("s",), provisions=(p,), derived_from=parent)
    >>> corpus = Corpus(id="c", title="C", agreements=(a("counter", None, "plan"),
    ...     a("late", "2025-12-02", "counter"), a("plan", "2025-11-20")))
    >>> [x.id for x in agreement_order(corpus)]
    ['plan', 'counter', 'late']
    """
    position = {a.id: i for i, a in enumerate(corpus.agreements)}

    def key(a: Agreement) -> tuple[bool, str, int]:
        return (a.date is None, a.date.isoformat() if a.date else "", position[a.id])

    remaining = sorted(corpus.agreements, key=key)
    placed: list[Agreement] = []
    done: set[str] = set()
    while remaining:
        ready = next(
            (
                a
                for a in remaining
                if a.derived_from is None
                or a.derived_from in done
                or a.derived_from not in position
            ),
            remaining[0],  # a cycle of derived_from: keep the date order
        )
        placed.append(ready)
        done.add(ready.id)
        remaining.remove(ready)
    return tuple(placed)


def build_report_data(corpus: Corpus, *, analyses: bool = True) -> ReportData:
    """Run every analysis the report shows.

    ``analyses=False`` leaves out the bargaining analysis and the forecasts (the slow part).
    """
    sections = tuple(
        AgreementSection(a, assess_acceptability(corpus, a)) for a in agreement_order(corpus)
    )
    rank = {a.id: i for i, a in enumerate(agreement_order(corpus))}
    pairs = sorted(version_pairs(corpus), key=lambda pair: (rank[pair[1]], rank[pair[0]]))
    diffs = tuple(
        diff_agreements(corpus.agreement(old), corpus.agreement(new)) for old, new in pairs
    )
    territory = tuple(
        settlement
        for settlement in (territorial_settlement(corpus, a) for a in agreement_order(corpus))
        if any(not region.silent for region in settlement.regions)
    )
    process = process_events(corpus)
    if not analyses:
        return ReportData(
            corpus=corpus, sections=sections, diffs=diffs, territory=territory, process=process
        )
    bargaining, note = bargaining_overview(corpus)
    return ReportData(
        corpus=corpus,
        sections=sections,
        diffs=diffs,
        bargaining=bargaining,
        bargaining_note=note,
        forecasts=forecast_rows(corpus),
        territory=territory,
        process=process,
    )
