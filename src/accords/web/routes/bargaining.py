"""The bargaining explorer: the diagnosis when nothing is acceptable, the relaxed analysis
(labelled as relaxed), the fair points and each draft's utilities, and the smallest amendment
of a chosen draft."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from accords.bargaining import BargainingProblem, amend_agreement, bargain
from accords.web.render import respond, workbench_of

__all__ = ["router"]

router = APIRouter()


def _axes(record: dict[str, Any]) -> list[str]:
    return [p["id"] for p in record["parties"]]


def _lines(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Polylines for the parallel coordinates: each draft (middle of its utility range, as the
    range where open issues allow) and each solution, relaxed ones marked."""
    lines: list[dict[str, Any]] = []
    for analysis, relaxed in ((record, False), (record.get("relaxed") or {}, True)):
        for concept, solution in (analysis.get("solutions") or {}).items():
            if solution.get("utilities"):
                lines.append(
                    {
                        "name": concept,
                        "kind": "solution",
                        "relaxed": relaxed,
                        "values": solution["utilities"],
                    }
                )
    for agreement in record.get("agreements", []):
        if agreement.get("utilities"):
            values = {p: (u["low"] + u["high"]) / 2 for p, u in agreement["utilities"].items()}
            lines.append(
                {"name": agreement["id"], "kind": "draft", "relaxed": False, "values": values}
            )
    return lines


@router.get("/bargaining", include_in_schema=False)
@router.get("/api/bargaining")
def bargaining(request: Request, amend: str | None = None) -> Response:
    """Is there a package every veto player accepts (as ``accords bargain``); with
    ``?amend=AGREEMENT`` the page adds that draft's smallest amendment (``accords amend``)."""
    wb = workbench_of(request)
    problem = wb.cached("bargaining-problem", lambda: BargainingProblem.from_corpus(wb.corpus))
    record = wb.cached("bargain", lambda: bargain(problem).to_record())
    amendment = None
    if amend:
        wb.corpus.agreement(amend)
        amendment = wb.cached(f"amend:{amend}", lambda: amend_agreement(problem, amend).to_record())
    if request.url.path.startswith("/api/") and amendment is not None:
        record = {**record, "amendment": amendment}
    return respond(
        request,
        "bargaining.html",
        record,
        title="Bargaining",
        rows=lambda r: r["agreements"],
        amendment=amendment,
        axes=_axes(record),
        lines=_lines(record),
        agreements=wb.corpus.agreements,
        chosen=amend or "",
    )


@router.get("/api/bargaining/amend/{agreement_id}")
def amendment(request: Request, agreement_id: str) -> Response:
    """The smallest amendment of a draft (as ``accords amend AGREEMENT --format json``)."""
    wb = workbench_of(request)
    wb.corpus.agreement(agreement_id)
    problem = wb.cached("bargaining-problem", lambda: BargainingProblem.from_corpus(wb.corpus))
    record = wb.cached(
        f"amend:{agreement_id}", lambda: amend_agreement(problem, agreement_id).to_record()
    )
    return respond(request, "error.html", record, title="amendment")
