"""The forecasts page: per issue, every model with its point, median and intervals.

The forecasts of the whole corpus take a while (Monte Carlo draws for every model and issue),
so the first request starts them in the background and the page says so until they are ready;
every later request is served from the cache.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from accords.forecasting import forecast_corpus
from accords.web.render import respond, workbench_of

__all__ = ["router"]

router = APIRouter()


@router.get("/forecasts", include_in_schema=False)
@router.get("/api/forecasts")
def forecasts(request: Request) -> Response:
    """Where each issue lands, per model, with 50 % and 90 % intervals (as ``accords forecast
    --all``); answers 202 with a ``running`` status while the first computation runs."""
    wb = workbench_of(request)
    result = wb.background("forecasts", lambda: forecast_corpus(wb.corpus).to_record())
    if result is None:
        pending = {
            "document": "pending",
            "status": "running",
            "detail": "the forecasts are being computed in the background; ask again shortly",
        }
        return respond(
            request, "pending.html", pending, title="Forecasts", status_code=202, refresh=True
        )
    return respond(
        request,
        "forecasts.html",
        result,
        title="Forecasts",
        rows=lambda r: [
            {"issue": i["issue"], **{k: v for k, v in f.items() if k != "trajectory"}}
            for i in r["issues"]
            for f in i["forecasts"]
        ],
    )
