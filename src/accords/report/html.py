"""The HTML report: one self-contained page (plotly.js inlined once, no network access).

Every piece of corpus text goes through Jinja2's autoescaping (``autoescape=True`` for every
template); the only markup inserted unescaped is produced here (plotly fragments, whose JSON
plotly escapes, and plotly.js itself). Source links are kept only for ``http`` and ``https``
URLs. :func:`render_html` is pure; :func:`write_html` writes the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pydantic import BaseModel

from accords import __version__
from accords.analysis import VERDICTS, AgreementDiff
from accords.explore import list_stances
from accords.formatting import format_quantity
from accords.model import Corpus, Evidence, Provision
from accords.monitor.events import Event
from accords.report.charts import (
    VERDICT_COLOURS,
    acceptability_heatmap,
    bearer_chart,
    figure_html,
    rejections_chart,
    verdict_mix_chart,
)
from accords.report.data import AgreementSection, ReportData
from accords.report.findings import (
    REPORT_DRAWS,
    REPORT_MODELS,
    REPORT_TIME_LIMIT,
    build_findings,
)
from accords.report.svg import position_colour, region_shapes

__all__ = ["ReportWritten", "render_html", "word_diff", "write_html"]


@dataclass(frozen=True)
class ReportWritten:
    """What :func:`write_html` wrote."""

    path: Path
    n_bytes: int
    n_charts: int


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("accords.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["slug"] = lambda s: re.sub(r"[^a-z0-9-]+", "-", str(s).lower())
    return env


#: The partial plotly.js bundle the page inlines (cartesian traces only; see vendor/README.md).
PLOTLY_BUNDLE = "plotly-cartesian.min.js"


@cache
def _plotly_js() -> str:
    from importlib.resources import files

    script = files("accords.report").joinpath("vendor", PLOTLY_BUNDLE).read_text("utf-8")
    if "</script" in script.lower():  # never true for plotly.js; keeps the page well-formed
        script = script.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
    return script


@cache
def _page_js() -> str:
    """The page's own script (stance filter, details opened for print): inert, reads no data."""
    from importlib.resources import files

    script = files("accords.report").joinpath("templates", "report.js").read_text("utf-8")
    return script.replace("</script", "<\\/script")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference of two texts as ``(op, text)`` segments, op in eq, del, ins.

    Examples
    --------
    >>> word_diff("NATO will not station troops", "NATO will station no troops")
    [('eq', 'NATO will '), ('del', 'not '), ('eq', 'station '), ('ins', 'no '), ('eq', 'troops')]
    """
    a = re.findall(r"\S+\s*", old)
    b = re.findall(r"\S+\s*", new)
    out: list[tuple[str, str]] = []

    def push(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            push("eq", "".join(a[i1:i2]))
        else:
            push("del", "".join(a[i1:i2]))
            push("ins", "".join(b[j1:j2]))
    return out


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    parsed = urlparse(url)
    return url if parsed.scheme in {"http", "https"} and parsed.netloc else None


def _walk_evidence(obj: Any) -> Iterator[Evidence]:
    if isinstance(obj, Evidence):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk_evidence(getattr(obj, name))
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _walk_evidence(item)


class _View:
    """Turns report data into plain template values (strings stay raw: Jinja escapes them)."""

    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.corpus: Corpus = data.corpus
        self.parties = {p.id: p for p in self.corpus.parties}
        self.issues = {i.id: i for i in self.corpus.issues}
        self.sources = {s.id: s for s in self.corpus.sources}
        self.agreements = {a.id: a for a in self.corpus.agreements}
        self.n_charts = 0

    def chart(self, figure: Any, div_id: str) -> Markup:
        self.n_charts += 1
        return Markup(figure_html(figure, div_id))

    def name(self, party: str) -> str:
        found = self.parties.get(party)
        return found.name if found else party

    def evidence(self, items: Sequence[Evidence]) -> list[dict[str, Any]]:
        out = []
        for e in items:
            source = self.sources.get(e.source)
            out.append(
                {
                    "quote": e.quote,
                    "note": e.note,
                    "source": e.source,
                    "title": source.title if source else e.source,
                    "kind": source.kind if source else "",
                    "speculative": bool(source and source.kind == "speculative"),
                }
            )
        return out

    def option(self, issue: str, option: str) -> dict[str, str]:
        found = self.issues.get(issue)
        description = option
        if found is not None:
            description = next((o.description for o in found.options if o.id == option), option)
        return {
            "issue": issue,
            "issue_title": found.title if found else issue,
            "option": option,
            "description": description,
        }

    def provision(self, section: AgreementSection, p: Provision) -> dict[str, Any]:
        deps = section.deps.provision(p.label)
        matrix = section.acceptability
        variant_notes = []
        for k, v in enumerate(p.variants):
            differing = []
            for party in matrix.parties:
                cell = matrix.cell(party, p.label)
                for vv in cell.variants:
                    if vv.index == k and vv.verdict != cell.verdict:
                        differing.append(
                            {"party": self.name(party), "main": cell.verdict, "variant": vv.verdict}
                        )
            variant_notes.append(
                {
                    "text": v.text,
                    "note": v.note,
                    "settles": [self.option(s.issue, s.option) for s in v.settles],
                    "evidence": self.evidence(v.evidence),
                    "differing": differing,
                }
            )
        return {
            "label": p.label,
            "anchor": f"{section.agreement.id}-p-{p.label}",
            "text": p.text,
            "modality": p.modality,
            "bearers": [
                {
                    "id": b,
                    "name": self.name(b),
                    "drafter": b in deps.drafters,
                    "outside": b in deps.outside_parties,
                }
                for b in p.bearers
            ],
            "beneficiaries": [self.name(b) for b in p.beneficiaries],
            "settles": [self.option(s.issue, s.option) for s in p.settles],
            "quantities": [
                format_quantity(q.value, q.unit, approximate=q.approximate)
                + (f" ({q.measure})" if q.measure else "")
                for q in p.quantities
            ],
            "deadline": _deadline(p),
            "evidence": self.evidence(p.evidence),
            "variants": variant_notes,
            "notes": p.notes,
        }

    def section(self, section: AgreementSection) -> dict[str, Any]:
        a = section.agreement
        matrix = section.acceptability
        deps = section.deps
        summaries = matrix.summaries()
        known_cells = [
            {
                "party": self.name(c.party),
                "label": c.label,
                "verdict": c.verdict,
                "reason": c.reason,
                "evidence": self.evidence(c.evidence),
                "assumptions": list(c.assumptions),
                "deal_breaker": c.deal_breaker,
                "disputed": c.disputed,
                "variant_differs": c.variant_differs,
            }
            for c in matrix.cells
            if c.verdict != "unknown" or c.variant_differs
        ]
        n_unknown = int((matrix.codes == VERDICTS.index("unknown")).sum())
        return {
            "id": a.id,
            "title": a.title,
            "date": a.date.isoformat() if a.date else None,
            "status": a.status,
            "proposers": [self.name(p) for p in a.proposers],
            "derived_from": a.derived_from,
            "derived_title": self.agreements[a.derived_from].title
            if a.derived_from in self.agreements
            else None,
            "sources": [
                {"id": s, "title": self.sources[s].title if s in self.sources else s}
                for s in a.sources
            ],
            "notes": a.notes,
            "n_points": len(a.top_level),
            "n_provisions": len(a.provisions),
            "evidence": self.evidence(a.evidence),
            "provisions": [self.provision(section, p) for p in a.provisions],
            "heatmap": self.chart(acceptability_heatmap(self.corpus, a, matrix), f"heatmap-{a.id}"),
            "bearer_chart": self.chart(bearer_chart(self.corpus, deps), f"bearers-{a.id}"),
            "summaries": [
                {
                    "party": self.name(s.party),
                    "counts": s.counts,
                    "rejects": list(s.rejects),
                    "deal_breakers": list(s.deal_breakers),
                    "variant_rejects": list(s.variant_rejects),
                    "veto": s.is_veto_player,
                }
                for s in summaries
            ],
            "veto_players": [self.name(p) for p in matrix.veto_players],
            "vetoes": [
                {"party": self.name(c.party), "label": c.label, "reason": c.reason}
                for c in matrix.vetoes
            ],
            "n_deal_breakers": len(matrix.deal_breakers),
            "known_cells": known_cells,
            "n_unknown": n_unknown,
            "n_cells": len(matrix.cells),
            "deps": [
                {
                    "label": d.label,
                    "anchor": f"{a.id}-p-{d.label}",
                    "bearers": [
                        {
                            "name": self.name(b),
                            "drafter": b in d.drafters,
                            "outside": b in d.outside_parties,
                        }
                        for b in d.bearers
                    ],
                    "members": [self.name(m) for m in d.bound[len(d.bearers) :]],
                    "involved": [self.name(g) for g in d.involved],
                }
                for d in deps.provisions
            ],
            "drafters": [self.name(p) for p in deps.drafters],
            "non_drafting": [
                {"party": self.name(p), "labels": list(labels)}
                for p, labels in deps.non_drafting_bearers().items()
            ],
            "outside": [
                {"label": label, "parties": [self.name(p) for p in parties]}
                for label, parties in deps.outside_provisions().items()
            ],
        }

    def diff(self, diff: AgreementDiff) -> dict[str, Any]:
        old, new = self.agreements[diff.old], self.agreements[diff.new]
        old_p = {p.label: p for p in old.provisions}
        new_p = {p.label: p for p in new.provisions}
        rows = []
        unreported = [c.old or c.new or "" for c in diff.provisions if c.status == "unreported"]
        for c in diff.provisions:
            if c.status == "unreported":  # listed by label only (partial texts report few)
                continue
            a = old_p[c.old] if c.old else None
            b = new_p[c.new] if c.new else None
            segments = word_diff(a.text, b.text) if a and b and c.status == "changed" else []
            rows.append(
                {
                    "status": c.status,
                    "old": c.old,
                    "new": c.new,
                    "old_anchor": f"{old.id}-p-{c.old}" if c.old else None,
                    "new_anchor": f"{new.id}-p-{c.new}" if c.new else None,
                    "similarity": c.text_similarity,
                    "changes": [x for x in c.changes if x != "text"],
                    "renumbered": c.renumbered,
                    "segments": segments,
                    "text": b.text if b else a.text if a else "",
                }
            )
        return {
            "id": f"diff-{old.id}-{new.id}",
            "old": old.title,
            "new": new.title,
            "old_id": old.id,
            "new_id": new.id,
            "counts": diff.counts,
            "issues": [
                {
                    "title": self.issues[c.issue].title if c.issue in self.issues else c.issue,
                    "status": c.status,
                    "old": [self.option(c.issue, o) for o in c.old_options],
                    "new": [self.option(c.issue, o) for o in c.new_options],
                    "old_labels": list(c.old_labels),
                    "new_labels": list(c.new_labels),
                }
                for c in diff.issues
            ],
            "rows": rows,
            "unreported": unreported,
        }

    def findings(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": f.kind,
                "headline": f.headline,
                "details": list(f.details),
                "links": [{"text": link.text, "href": link.href} for link in f.links],
            }
            for f in build_findings(self.data)
        ]

    def bargaining(self) -> dict[str, Any] | None:
        analysis = self.data.bargaining
        if analysis is None:
            return {"note": self.data.bargaining_note} if self.data.bargaining_note else None
        issues = self.issues
        diagnosis = analysis.diagnosis
        shown = analysis if analysis.feasible else analysis.relaxed
        solutions = []
        if shown is not None:
            for concept, solution in shown.solutions.items():
                if solution.package is None:
                    continue
                utilities = [] if solution.utilities is None else solution.utilities.tolist()
                solutions.append(
                    {
                        "concept": concept,
                        "options": [
                            shown.space.options[k][int(o)] for k, o in enumerate(solution.package)
                        ],
                        "utilities": [
                            {"party": self.name(p), "value": float(v)}
                            for p, v in zip(solution.parties, utilities, strict=False)
                        ],
                    }
                )
        return {
            "note": None,
            "feasible": analysis.feasible,
            "parties": [self.name(p) for p in analysis.utilities.parties],
            "issues": [issues[i].title if i in issues else i for i in analysis.space.issues],
            "summary": diagnosis.summary if diagnosis else None,
            "blocked": [
                {
                    "issue": issues[i].title if i in issues else i,
                    "options": [
                        {"option": o, "parties": [self.name(p) for p in parties]}
                        for o, parties in options
                    ],
                }
                for i, options in (diagnosis.blocked_issues if diagnosis else ())
            ],
            "relaxed": list(analysis.relaxed_constraints),
            "solutions": solutions,
            "placements": [
                {
                    "agreement": p.agreement.agreement,
                    "title": self.agreements[p.agreement.agreement].title
                    if p.agreement.agreement in self.agreements
                    else p.agreement.agreement,
                    "status": p.status,
                    "red_lines": [
                        f"{self.name(party)} on {issue}: {option}"
                        for party, issue, option in p.red_lines
                    ],
                    "short": [self.name(x) for x in p.short],
                }
                for p in analysis.placements
            ],
            "time_limit": REPORT_TIME_LIMIT,
        }

    def forecasts(self) -> dict[str, Any]:
        groups: dict[str, dict[str, Any]] = {}
        for row in self.data.forecasts:
            group = groups.setdefault(row.issue, {"title": row.title, "rows": []})
            group["rows"].append(
                {
                    "model": row.model,
                    "point": f"{row.point:.0f}",
                    "median": f"{row.median:.0f}" if row.median is not None else "",
                    "interval": f"{row.interval_90[0]:.0f}–{row.interval_90[1]:.0f}"
                    if row.interval_90
                    else "",
                    "nearest": row.nearest,
                    "nearest_description": row.nearest_description,
                    "outside": row.point_outside_interval,
                }
            )
        return {
            "models": list(REPORT_MODELS),
            "draws": REPORT_DRAWS,
            "issues": list(groups.values()),
        }

    def stances(self) -> list[dict[str, Any]]:
        rows = []
        for r in list_stances(self.corpus).rows:
            position = []
            if r.ideal:
                position.append(f"wants {r.ideal}")
            if r.acceptable:
                position.append(f"accepts {', '.join(r.acceptable)}")
            if r.conditional:
                position.append(f"accepts {'; '.join(r.conditional)}")
            if r.red_lines:
                position.append(f"rejects {', '.join(r.red_lines)}")
            rows.append(
                {
                    "party": r.party_name,
                    "issue": r.issue_title,
                    "position": "; ".join(position),
                    "speaker": r.speaker,
                    "as_of": r.as_of,
                    "quote": r.quote,
                    "source": r.source,
                    "source_title": self.sources[r.source].title
                    if r.source in self.sources
                    else r.source,
                    "assumption": r.assumption,
                }
            )
        return rows

    def sources_table(self) -> list[dict[str, Any]]:
        cited: dict[str, int] = {}
        for e in _walk_evidence(self.corpus):
            cited[e.source] = cited.get(e.source, 0) + 1
        return [
            {
                "id": s.id,
                "title": s.title,
                "url": _safe_url(s.url),
                "raw_url": s.url,
                "outlet": s.outlet,
                "author": s.author,
                "published": s.published.isoformat() if s.published else None,
                "kind": s.kind,
                "n_quotes": cited.get(s.id, 0),
                "notes": s.notes,
            }
            for s in self.corpus.sources
        ]


def _deadline(p: Provision) -> str | None:
    d = p.deadline
    if d is None:
        return None
    if d.date is not None:
        return f"by {d.date.isoformat()}"
    anchor = d.provision if d.after == "provision-in-force" else d.after
    return f"within {d.days} days after {anchor}" + (f" ({d.description})" if d.description else "")


def _process_row(event: Event) -> dict[str, Any]:
    if event.date is None:
        when = "date unknown"
    elif event.date_precision == "month":
        when = event.date.strftime("%B %Y")
    else:
        when = event.date.isoformat()
    return {
        "id": event.id,
        "when": when,
        "type": event.type,
        "text": event.text or "",
        "actors": ", ".join(event.actors),
        "certainty": event.certainty,
        "claimed_by": "; ".join(event.claimed_by),
        "disputed_by": "; ".join(event.disputed_by),
        "quotes": [(e.source, e.quote) for e in event.evidence],
    }


def render_html(data: ReportData, *, generated: datetime | None = None) -> tuple[str, int]:
    """The report page and the number of charts in it.

    Parameters
    ----------
    data : ReportData
    generated : datetime, optional
        Time stamp shown on the page (default: now, UTC).
    """
    view = _View(data)
    pairs = [(s.agreement, s.acceptability) for s in data.sections]
    sections = [view.section(s) for s in data.sections]
    overview = {
        "verdict_mix": view.chart(verdict_mix_chart(view.corpus, pairs), "verdict-mix")
        if pairs
        else None,
        "rejections": view.chart(rejections_chart(view.corpus, pairs), "rejections")
        if pairs
        else None,
    }
    corpus = data.corpus
    context = {
        "corpus": {
            "id": corpus.id,
            "title": corpus.title,
            "description": corpus.description,
            "n_parties": len(corpus.parties),
            "n_issues": len(corpus.issues),
            "n_stances": len(corpus.stances),
            "n_sources": len(corpus.sources),
            "n_provisions": sum(len(a.provisions) for a in corpus.agreements),
        },
        "version": __version__,
        "generated": (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        "verdicts": list(VERDICTS),
        "colours": VERDICT_COLOURS,
        "overview": overview,
        "sections": sections,
        "diffs": [view.diff(d) for d in data.diffs],
        "sources": view.sources_table(),
        "findings": view.findings(),
        "bargaining": view.bargaining(),
        "forecasts": view.forecasts(),
        "stances": view.stances(),
        "maps": [t.to_record() for t in data.territory],
        "map_shapes": region_shapes()[0],
        "map_height": region_shapes()[1],
        "map_colour": position_colour,
        "process": [_process_row(e) for e in data.process],
        "plotly_js": Markup(_plotly_js()),
        "page_js": Markup(_page_js()),
    }
    page = _environment().get_template("report.html.j2").render(**context)
    return page, view.n_charts


def write_html(
    data: ReportData, path: str | Path, *, generated: datetime | None = None
) -> ReportWritten:
    """Render the report and write it to ``path`` (UTF-8)."""
    page, n_charts = render_html(data, generated=generated)
    target = Path(path)
    encoded = page.encode("utf-8")
    try:
        target.write_bytes(encoded)
    except OSError as err:  # a write error (disk full) does not name the file: add it
        raise OSError(err.errno, err.strerror or str(err), str(target)) from err
    return ReportWritten(path=target, n_bytes=len(encoded), n_charts=n_charts)
