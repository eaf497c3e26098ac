"""Pages of the corpus: overview, agreements, provisions, sources, and the API index."""

from __future__ import annotations

import itertools
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from accords.analysis import assess_acceptability
from accords.corpus.overview import corpus_counts, list_corpus
from accords.explore import agreement_view, provision_view, source_profile
from accords.report.data import build_report_data
from accords.report.findings import build_findings
from accords.report.records import acceptability_record
from accords.web.render import respond, workbench_of

__all__ = ["router"]

router = APIRouter()


def _web_href(href: str, agreements: list[str]) -> str:
    """The workbench page of a report anchor (``#bargaining``, ``#plan-p-21.a``, ``#diff-a-b``)."""
    anchor = href.lstrip("#")
    if anchor == "bargaining":
        return "/bargaining"
    if anchor == "positions":
        return "/stances"
    for old in agreements:
        for new in agreements:
            if anchor == f"diff-{old}-{new}":
                return f"/diff/{old}/{new}"
        if anchor.startswith(f"{old}-p-"):
            return f"/agreements/{old}/provisions/{anchor[len(old) + 3 :]}"
    return "/"


def _findings(wb: Any) -> list[dict[str, Any]]:
    """The report's findings (generated from the analyses), linked to the workbench's pages."""
    ids = [a.id for a in wb.corpus.agreements]
    return [
        {
            "kind": f.kind,
            "headline": f.headline,
            "details": list(f.details),
            "links": [{"text": link.text, "href": _web_href(link.href, ids)} for link in f.links],
        }
        for f in build_findings(build_report_data(wb.corpus))
    ]


@router.get("/", include_in_schema=False)
@router.get("/api/overview")
def overview(request: Request) -> Response:
    """What the corpus holds, and the agreements with their headline numbers."""
    wb = workbench_of(request)
    corpus = wb.corpus
    record = {
        "document": "overview",
        "corpus": corpus.id,
        "title": corpus.title,
        "findings": wb.cached("findings", lambda: _findings(wb)),
        "counts": wb.cached("counts", lambda: corpus_counts(corpus)),
        "agreements": list(list_corpus(corpus, "agreements").items),
    }
    return respond(
        request, "index.html", record, title=corpus.title, rows=lambda r: r["agreements"]
    )


@router.get("/agreements", include_in_schema=False)
@router.get("/api/agreements")
def agreements(request: Request) -> Response:
    """Every agreement of the corpus."""
    wb = workbench_of(request)
    record = {
        "document": "agreements",
        "corpus": wb.corpus.id,
        "agreements": list(list_corpus(wb.corpus, "agreements").items),
    }
    return respond(
        request, "agreements.html", record, title="Agreements", rows=lambda r: r["agreements"]
    )


@router.get("/agreements/{agreement_id}", include_in_schema=False)
@router.get("/api/agreements/{agreement_id}")
def agreement(request: Request, agreement_id: str) -> Response:
    """One agreement: every provision with bearers, modality, quantities and evidence."""
    wb = workbench_of(request)
    found = wb.corpus.agreement(agreement_id)
    record = wb.cached(
        f"agreement:{agreement_id}", lambda: agreement_view(wb.corpus, agreement_id).to_record()
    )
    return respond(
        request,
        "agreement.html",
        record,
        title=found.title,
        rows=lambda r: [
            {k: p.get(k) for k in ("label", "modality", "bearers", "text")} for p in r["provisions"]
        ],
        agreement=found,
    )


@router.get("/agreements/{agreement_id}/provisions/{label}", include_in_schema=False)
@router.get("/api/agreements/{agreement_id}/provisions/{label}")
def provision(request: Request, agreement_id: str, label: str) -> Response:
    """One provision with its sub-points, evidence, variants, triggers and verdicts."""
    wb = workbench_of(request)
    found = wb.corpus.agreement(agreement_id)
    record = provision_view(wb.corpus, agreement_id, label).to_record()
    matrix = wb.cached(
        f"acceptability:{agreement_id}",
        lambda: acceptability_record(assess_acceptability(wb.corpus, found)),
    )
    verdicts = [c for c in matrix["cells"] if c["label"] == label and c["verdict"] != "unknown"]
    return respond(
        request,
        "provision.html",
        record,
        verdicts=verdicts,
        title=f"{found.title}, point {label}",
        agreement=found,
    )


@router.get("/sources/{source_id}", include_in_schema=False)
@router.get("/api/sources/{source_id}")
def source(request: Request, source_id: str) -> Response:
    """A source's metadata, full text and everything citing it (as ``accords show source``),
    every passage the corpus quotes marked in the text."""
    wb = workbench_of(request)
    record = wb.cached(
        f"source:{source_id}", lambda: source_profile(wb.corpus, source_id).to_record()
    )
    return respond(
        request,
        "source.html",
        record,
        title=record["title"],
        rows=lambda r: r["citations"],
        segments=wb.cached(f"segments:{source_id}", lambda: _segments(record)),
    )


def _segments(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Cut the text at every quoted passage's bounds; each piece knows the passages covering
    it, so overlapping quotes are all marked and a link's fragment names its own passage."""
    text: str = record["text"]
    spans = {(c["start"], c["end"]) for c in record["citations"] if c.get("start") is not None}
    cited_by: dict[tuple[int, int], list[str]] = {}
    for c in record["citations"]:
        if c.get("start") is not None:
            cited_by.setdefault((c["start"], c["end"]), []).append(f"{c['kind']} {c['id']}")
    cuts = sorted({0, len(text)} | {a for a, _ in spans} | {b for _, b in spans})
    segments = []
    for begin, end in itertools.pairwise(cuts):
        covering = sorted(f"q-{a}-{b}" for a, b in spans if a <= begin < b)
        starting = sorted(f"q-{a}-{b}" for a, b in spans if a == begin)
        titles = sorted({t for (a, b), ts in cited_by.items() if a <= begin < b for t in ts})
        segments.append(
            {"text": text[begin:end], "passages": covering, "anchors": starting, "cited_by": titles}
        )
    return segments


@router.get("/docs", include_in_schema=False)
def api_index(request: Request) -> Response:
    """The JSON API: every path with its summary (OpenAPI at /openapi.json)."""
    schema = request.app.openapi()
    record = {
        "document": "api",
        "openapi": "/openapi.json",
        "paths": [
            {"path": path, "method": method.upper(), "summary": op.get("summary", "")}
            for path, ops in sorted(schema["paths"].items())
            for method, op in ops.items()
        ],
    }
    return respond(request, "docs.html", record, title="JSON API", rows=lambda r: r["paths"])
