"""What the report leads with: findings generated from the analyses, each with its evidence.

:func:`bargaining_overview` and :func:`forecast_rows` run the bargaining and forecasting
libraries on a corpus with settings fast enough for a report (the three closed-form
forecasting models, :data:`REPORT_DRAWS` Monte Carlo draws; the exact searches limited to
:data:`REPORT_TIME_LIMIT` seconds). :func:`build_findings` turns every analysis of a
:class:`~accords.report.data.ReportData` into short findings: no package satisfying every
party and which red lines collide, which drafts each party rejects and why, which
provisions need parties outside the talks, how the drafts differ. Each finding carries links
to the page's sections where its evidence is (anchors of the HTML report).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accords.bargaining import (
    BargainingAnalysis,
    agreement_package,
    analyse_bargaining,
    space_from_corpus,
    utilities_from_stances,
)
from accords.exceptions import AccordsError
from accords.forecasting.from_corpus import nearest_option
from accords.forecasting.pipeline import forecast_corpus
from accords.formatting import natural_key
from accords.model import Corpus

if TYPE_CHECKING:
    from accords.report.data import ReportData

__all__ = [
    "REPORT_DRAWS",
    "REPORT_MODELS",
    "REPORT_TIME_LIMIT",
    "Finding",
    "ForecastRow",
    "Link",
    "bargaining_overview",
    "build_findings",
    "forecast_rows",
    "short_title",
]

#: Forecasting models the report runs (the fast, closed-form ones; SMP and BDM need
#: ``accords forecast``).
REPORT_MODELS = ("compromise", "median", "nash")
#: Monte Carlo draws per model and issue in the report.
REPORT_DRAWS = 500
#: Seconds allowed to each exact bargaining search in the report.
REPORT_TIME_LIMIT = 10.0


@dataclass(frozen=True)
class Link:
    """A link to the evidence of a finding: its text and the page anchor (``#...``)."""

    text: str
    href: str


@dataclass(frozen=True)
class Finding:
    """One finding: a headline, the facts behind it, and where the evidence is."""

    kind: str
    headline: str
    details: tuple[str, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class ForecastRow:
    """One model's forecast of one issue (positions on the issue's 0-100 scale)."""

    issue: str
    title: str
    model: str
    point: float
    median: float | None
    interval_90: tuple[float, float] | None
    nearest: str
    nearest_description: str
    n_draws: int

    @property
    def point_outside_interval(self) -> bool:
        """True where the point forecast lies outside the model's own 90 % interval."""
        if self.interval_90 is None:
            return False
        low, high = self.interval_90
        return not low <= self.point <= high


def short_title(text: str, n_words: int = 5) -> str:
    """The first words of a provision's text, for chart labels.

    >>> short_title("Ukraine's sovereignty will be confirmed by all parties.")
    "Ukraine's sovereignty will be confirmed…"
    """
    words = text.split()
    head = " ".join(words[:n_words]).rstrip(".,;:")
    return head + ("…" if len(words) > n_words else "")


def bargaining_overview(corpus: Corpus) -> tuple[BargainingAnalysis | None, str | None]:
    """The bargaining analysis of a corpus's stances, or None and why it could not run."""
    try:
        space = space_from_corpus(corpus)
        utilities = utilities_from_stances(corpus, space)
        agreements = [agreement_package(space, a) for a in corpus.agreements]
        analysis = analyse_bargaining(
            space, utilities, agreements=agreements, time_limit=REPORT_TIME_LIMIT, seed=0
        )
    except AccordsError as err:
        return None, str(err)
    return analysis, None


def forecast_rows(corpus: Corpus, *, seed: int = 0) -> tuple[ForecastRow, ...]:
    """Every issue's forecast by each of :data:`REPORT_MODELS`, with 90 % intervals: the rows
    of :func:`accords.forecasting.forecast_corpus` (``accords forecast``) the report shows."""
    try:
        record = forecast_corpus(
            corpus, models=list(REPORT_MODELS), n_draws=REPORT_DRAWS, seed=seed
        ).to_record()
    except AccordsError:
        return ()
    rows: list[ForecastRow] = []
    for issue in record["issues"]:
        found = corpus.issue(issue["issue"])
        for f in issue["forecasts"]:
            point = f.get("point")
            if point is None or not math.isfinite(point):
                continue
            median = f.get("median")
            interval = f.get("interval_90")
            option = nearest_option(found, median if median is not None else point)
            rows.append(
                ForecastRow(
                    issue=found.id,
                    title=found.title,
                    model=f["model"],
                    point=float(point),
                    median=None if median is None else float(median),
                    interval_90=None if not interval else (float(interval[0]), float(interval[1])),
                    nearest=option.id,
                    nearest_description=option.description,
                    n_draws=int(f.get("n_draws") or 0),
                )
            )
    return tuple(rows)


def _names(corpus: Corpus) -> dict[str, str]:
    return {p.id: p.name for p in corpus.parties}


def _bargaining_findings(data: ReportData) -> list[Finding]:
    analysis = data.bargaining
    if analysis is None:
        return []
    names = _names(data.corpus)
    issues = {i.id: i.title for i in data.corpus.issues}
    if analysis.feasible:
        return [
            Finding(
                "bargaining",
                "A package exists that every party with a stance can accept "
                f"({analysis.zopa.estimate:,.0f} packages in the zone of agreement).",
                (),
                (Link("bargaining analysis", "#bargaining"),),
            )
        ]
    diagnosis = analysis.diagnosis
    details: list[str] = []
    blocked: list[str] = []
    if diagnosis is not None:
        for issue, options in diagnosis.blocked_issues:
            blocked.append(issues.get(issue, issue))
            parts = [
                f"{option} (red line of {', '.join(names.get(p, p) for p in parties)})"
                for option, parties in options
            ]
            details.append(
                f"{issues.get(issue, issue)}: every option is ruled out: " + "; ".join(parts)
            )
        for party, best, reservation in diagnosis.short_parties:
            details.append(
                f"{names.get(party, party)} cannot reach its reservation value "
                f"(best {best:.2f} < {reservation:.2f})"
            )
        for a, b in diagnosis.conflicting_pairs:
            details.append(f"{names.get(a, a)} and {names.get(b, b)} cannot both be satisfied")
    if analysis.relaxed_constraints:
        details.append(
            "Dropping the fewest constraints makes a package possible: "
            + "; ".join(analysis.relaxed_constraints)
        )
    collide = f": the red lines on {', '.join(blocked)} collide" if blocked else ""
    return [
        Finding(
            "bargaining",
            f"No package satisfies every party{collide}.",
            tuple(details),
            (
                Link("bargaining diagnosis", "#bargaining"),
                Link("the stances behind it", "#positions"),
            ),
        )
    ]


def _rejection_findings(data: ReportData) -> list[Finding]:
    names = _names(data.corpus)
    by_party: dict[str, list[tuple[str, str, list[str], str]]] = {}
    for section in data.sections:
        matrix = section.acceptability
        for summary in matrix.summaries():
            if not summary.rejects:
                continue
            first = matrix.cell(summary.party, summary.rejects[0])
            deciding = [p for p in first.parts if p.verdict == "rejects"]
            reason = (
                "; ".join(f"{p.issue}: {p.reason}" for p in deciding) if deciding else first.reason
            )
            by_party.setdefault(summary.party, []).append(
                (section.agreement.id, section.agreement.title, list(summary.rejects), reason)
            )
    findings = []
    for party, drafts in by_party.items():
        details = tuple(
            f"{title}: rejects {', '.join(labels)} — e.g. {labels[0]}: {reason}"
            for _, title, labels, reason in drafts
        )
        links = tuple(
            Link(f"{agreement} {label}", f"#{agreement}-p-{label}")
            for agreement, _, labels, _ in drafts
            for label in labels[:6]
        )
        titles = "; ".join(title for _, title, _, _ in drafts)
        findings.append(
            Finding(
                "rejections",
                f"{names.get(party, party)} rejects provisions of {len(drafts)} draft(s): "
                f"{titles}.",
                details,
                links,
            )
        )
    return findings


def _outside_findings(data: ReportData) -> list[Finding]:
    names = _names(data.corpus)
    findings = []
    for section in data.sections:
        outside = section.deps.outside_provisions()
        if not outside:
            continue
        agreement = section.agreement
        labels = sorted(outside, key=natural_key)
        parties = sorted({p for ps in outside.values() for p in ps})
        findings.append(
            Finding(
                "outside",
                f"{len(labels)} provision(s) of {agreement.title} need parties outside the "
                f"talks: {', '.join(names.get(p, p) for p in parties)}.",
                tuple(
                    f"{label}: {', '.join(names.get(p, p) for p in outside[label])}"
                    for label in labels
                ),
                tuple(
                    Link(f"{agreement.id} {label}", f"#{agreement.id}-p-{label}")
                    for label in labels
                ),
            )
        )
    return findings


def _diff_findings(data: ReportData) -> list[Finding]:
    titles = {a.id: a.title for a in data.corpus.agreements}
    issues = {i.id: i.title for i in data.corpus.issues}
    findings = []
    for diff in data.diffs:
        counts = ", ".join(f"{n} {k}" for k, n in diff.counts.items() if n)
        changed = [c for c in diff.issues if c.status not in {"unchanged", "unreported"}]
        unreported = sum(1 for c in diff.issues if c.status == "unreported")
        details = tuple(
            f"{issues.get(c.issue, c.issue)}: {', '.join(c.old_options) or '—'} → "
            f"{', '.join(c.new_options) or '—'} ({c.status})"
            for c in changed
        )
        findings.append(
            Finding(
                "diff",
                f"From {titles.get(diff.old, diff.old)} to {titles.get(diff.new, diff.new)}: "
                f"{counts}; {len(changed)} issue(s) settled differently"
                + (f", {unreported} not reported in one of them." if unreported else "."),
                details,
                (Link("the aligned texts", f"#diff-{diff.old}-{diff.new}"),),
            )
        )
    return findings


def build_findings(data: ReportData) -> tuple[Finding, ...]:
    """The findings of a report, most decisive first: bargaining, rejections, outside
    parties, version differences."""
    return (
        *_bargaining_findings(data),
        *_rejection_findings(data),
        *_outside_findings(data),
        *_diff_findings(data),
    )


def interval_text(values: Sequence[float] | None) -> str:
    """``[12.3, 45.6]`` as ``12–46`` (empty for None)."""
    if values is None:
        return ""
    low, high = values
    return f"{low:.0f}–{high:.0f}"
