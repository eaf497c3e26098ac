"""Pages of the analyses: the map, acceptability heatmap, party network, version diff."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from accords.analysis import assess_acceptability, diff_agreements, who_must_act
from accords.analysis.network import party_network
from accords.analysis.territory import territorial_settlement
from accords.model import Corpus
from accords.readwrite.gexf import generate_gexf
from accords.report.html import word_diff
from accords.report.records import acceptability_record, deps_record, diff_record
from accords.report.svg import circle_layout, position_colour, region_shapes
from accords.web.render import respond, workbench_of

__all__ = ["router"]

router = APIRouter()


@router.get("/map", include_in_schema=False)
@router.get("/api/map")
def territory_map(
    request: Request, agreement: str | None = None, compare: str | None = None
) -> Response:
    """The territorial settlement, region by region (ISO 3166-2), of one or two drafts.

    The default draft is the first agreement of the corpus that settles a region's issue.
    """
    wb = workbench_of(request)
    if agreement is None:
        agreement = wb.cached("map-default", lambda: _default_map_agreement(wb.corpus))
    compare = compare or None
    ids = [agreement] + ([compare] if compare else [])

    def settlement(agreement_id: str) -> dict[str, Any]:
        return wb.cached(
            f"territory:{agreement_id}",
            lambda: territorial_settlement(wb.corpus, agreement_id).to_record(),
        )

    records = [settlement(a) for a in ids]
    record: dict[str, Any] = records[0] if not compare else {"maps": records}
    shapes, height = region_shapes()
    return respond(
        request,
        "map.html",
        record,
        title="Territorial settlement",
        rows=lambda _: [
            {"agreement": r["agreement"], **{k: v for k, v in reg.items() if k != "evidence"}}
            for r in records
            for reg in r["regions"]
        ],
        maps=records,
        shapes=shapes,
        height=height,
        colour=position_colour,
        agreements=wb.corpus.agreements,
        selected=agreement,
        compare=compare,
    )


def _default_map_agreement(corpus: Corpus) -> str:
    for candidate in corpus.agreements:
        if any(not r.silent for r in territorial_settlement(corpus, candidate).regions):
            return candidate.id
    return corpus.agreements[0].id


@router.get("/agreements/{agreement_id}/acceptability", include_in_schema=False)
@router.get("/api/agreements/{agreement_id}/acceptability")
def acceptability(request: Request, agreement_id: str) -> Response:
    """Each party's verdict on each provision, with the reason and the quote."""
    wb = workbench_of(request)
    agreement = wb.corpus.agreement(agreement_id)
    record = wb.cached(
        f"acceptability:{agreement_id}",
        lambda: acceptability_record(assess_acceptability(wb.corpus, agreement)),
    )
    titles = {p.label: p.text for p in agreement.provisions}
    return respond(
        request,
        "acceptability.html",
        record,
        title=f"Acceptability of {agreement.title}",
        rows=lambda r: [
            {k: c[k] for k in ("party", "label", "verdict", "reason", "deal_breaker", "disputed")}
            for c in r["cells"]
        ],
        agreement=agreement,
        titles=titles,
    )


@router.get("/agreements/{agreement_id}/deps", include_in_schema=False)
@router.get("/api/agreements/{agreement_id}/deps")
def deps(request: Request, agreement_id: str, focus: str | None = None) -> Response:
    """Who must act for each provision, and the party network (``?focus=party``)."""
    wb = workbench_of(request)
    agreement = wb.corpus.agreement(agreement_id)
    if focus is not None:
        wb.corpus.party(focus)
    record = wb.cached(
        f"deps:{agreement_id}",
        lambda: deps_record(agreement, who_must_act(wb.corpus, agreement)),
    )
    network = wb.cached(f"network:{agreement_id}", lambda: party_network(wb.corpus, agreement))
    shown = network.focus(focus) if focus else network
    layout = circle_layout(list(shown.nodes))
    return respond(
        request,
        "deps.html",
        record,
        title=f"Who must act: {agreement.title}",
        rows=lambda r: [
            {k: p[k] for k in ("label", "bearers", "bound", "outside_parties", "text")}
            for p in r["provisions"]
        ],
        agreement=agreement,
        network=shown,
        layout=layout,
        focus=focus,
    )


@router.get("/agreements/{agreement_id}/network.gexf")
@router.get("/api/agreements/{agreement_id}/network.gexf")
def network_gexf(request: Request, agreement_id: str, focus: str | None = None) -> Response:
    """The party network as GEXF 1.3, for Gephi."""
    wb = workbench_of(request)
    network = wb.cached(f"network:{agreement_id}", lambda: party_network(wb.corpus, agreement_id))
    if focus is not None:
        wb.corpus.party(focus)
        network = network.focus(focus)
    return Response(
        generate_gexf(network),
        media_type="application/gexf+xml",
        headers={"Content-Disposition": f'attachment; filename="{agreement_id}-network.gexf"'},
    )


@router.get("/diff/{old_id}/{new_id}", include_in_schema=False)
@router.get("/api/diff/{old_id}/{new_id}")
def diff(request: Request, old_id: str, new_id: str) -> Response:
    """Two agreements side by side: provisions added, removed, changed, word by word."""
    wb = workbench_of(request)
    old, new = wb.corpus.agreement(old_id), wb.corpus.agreement(new_id)
    record = wb.cached(
        f"diff:{old_id}:{new_id}",
        lambda: diff_record(wb.corpus, old, new, diff_agreements(old, new)),
    )
    return respond(
        request,
        "diff.html",
        record,
        title=f"{old.title} → {new.title}",
        rows=lambda r: [
            {k: p[k] for k in ("status", "old", "new", "score", "old_text", "new_text")}
            for p in r["provisions"]
        ],
        word_diff=word_diff,
        old=old,
        new=new,
    )
