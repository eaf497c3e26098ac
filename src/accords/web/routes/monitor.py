"""The monitor in the browser: each provision's state, the timelines, adding events (with the
token) and a what-if upload replayed without touching the store."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from accords.exceptions import Defect, InputFormatError, NoEventStoreError
from accords.monitor import (
    add_event_records,
    monitor_status,
    monitor_timeline,
    process_events,
    replay_scenario,
)
from accords.monitor.io import parse_event_record, parse_scenario
from accords.web.render import respond, workbench_of
from accords.web.security import require_writer
from accords.web.settings import MAX_BODY_BYTES

__all__ = ["router"]

router = APIRouter()


def _status(request: Request, agreement_id: str) -> dict[str, Any] | None:
    wb = workbench_of(request)
    try:
        return monitor_status(wb.corpus, agreement_id, db=wb.settings.db).to_record()
    except NoEventStoreError:
        return None


def _timeline(request: Request, agreement_id: str) -> dict[str, Any]:
    """The ``accords monitor timeline`` document, the corpus's own events included."""
    wb = workbench_of(request)
    events = wb.cached("process-events", lambda: process_events(wb.corpus))
    return monitor_timeline(
        wb.corpus, agreement_id, db=wb.settings.db, process_events=events
    ).to_record()


@router.get("/monitor", include_in_schema=False)
def monitor_index(request: Request) -> Response:
    """The monitor of the corpus's first agreement (each page links to the others)."""
    wb = workbench_of(request)
    return RedirectResponse(f"/monitor/{wb.corpus.agreements[0].id}", status_code=303)


@router.get("/api/monitor/{agreement_id}/status")
def status(request: Request, agreement_id: str) -> Response:
    """Every provision's state from the stored events (as ``accords monitor status``)."""
    wb = workbench_of(request)
    record = monitor_status(wb.corpus, agreement_id, db=wb.settings.db).to_record()
    return respond(request, "error.html", record, title="status")


@router.get("/api/monitor/{agreement_id}/timeline")
def timeline(request: Request, agreement_id: str) -> Response:
    """Every dated step and the process's events (as ``accords monitor timeline``)."""
    return respond(request, "error.html", _timeline(request, agreement_id), title="timeline")


@router.get("/monitor/{agreement_id}", include_in_schema=False)
@router.get("/api/monitor/{agreement_id}")
def monitor(request: Request, agreement_id: str) -> Response:
    """Status and PAM score per provision, the state timeline with causes, the process
    timeline of events; the add-event form and the what-if upload."""
    wb = workbench_of(request)
    agreement = wb.corpus.agreement(agreement_id)
    status = _status(request, agreement_id)
    has_events = bool(wb.cached("process-events", lambda: process_events(wb.corpus)))
    record = {
        "document": "monitor-page",
        "agreement": agreement.id,
        "status": status,
        # Without a store the timeline is the corpus's own events; with neither, there is none.
        "timeline": _timeline(request, agreement_id) if status or has_events else None,
    }
    return respond(
        request,
        "monitor.html",
        record,
        title=f"Monitor: {agreement.title}",
        rows=lambda r: (r["status"] or {}).get("provisions", []),
        agreement=agreement,
        agreements=wb.corpus.agreements,
        whatif=None,
    )


def _store_one(request: Request, data: Any) -> dict[str, Any]:
    wb = workbench_of(request)
    parsed = parse_event_record(data, path="request body", line=1)
    if isinstance(parsed, Defect):
        raise InputFormatError("request body", None, parsed.message)
    result = add_event_records(
        [(1, parsed)], db=wb.settings.db, source="accords workbench", corpus=wb.corpus
    )
    record = result.to_record()
    if record["n_rejected"]:
        raise InputFormatError("request body", None, record["rejected"][0]["message"])
    return record


@router.post("/api/monitor/{agreement_id}/events")
async def add_event_api(request: Request, agreement_id: str) -> Response:
    """Store one event (JSON, the native event format); needs ``Authorization: Bearer``."""
    wb = workbench_of(request)
    wb.corpus.agreement(agreement_id)
    require_writer(request, wb.token)
    try:
        data = json.loads(await request.body())
    except (ValueError, RecursionError) as err:
        raise InputFormatError("request body", None, f"not JSON: {err}") from None
    return respond(request, "error.html", _store_one(request, data), title="added")


@router.post("/monitor/{agreement_id}/events", include_in_schema=False)
def add_event_form(
    request: Request,
    agreement_id: str,
    csrf: Annotated[str, Form()],
    event_id: Annotated[str, Form()],
    date: Annotated[str, Form()],
    type: Annotated[str, Form()],
    actors: Annotated[str, Form()],
    recipients: Annotated[str, Form()] = "",
    mode: Annotated[str, Form()] = "",
    admin1: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    certainty: Annotated[str, Form()] = "confirmed",
    attributes: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
) -> Response:
    """The add-event form (login cookie and CSRF token): one event, then back to the page."""
    wb = workbench_of(request)
    wb.corpus.agreement(agreement_id)
    require_writer(request, wb.token, csrf)
    try:
        extra = json.loads(attributes) if attributes.strip() else {}
    except ValueError as err:
        raise InputFormatError("attributes", None, f"not a JSON object: {err}") from None
    data: dict[str, Any] = {
        "id": event_id.strip(),
        "date": date.strip(),
        "type": type.strip(),
        "actors": [a.strip() for a in actors.split(",") if a.strip()],
        "certainty": certainty.strip(),
    }
    if recipients.strip():
        data["recipients"] = [r.strip() for r in recipients.split(",") if r.strip()]
    if mode.strip():
        data["mode"] = mode.strip()
    if admin1.strip() or place.strip():
        data["location"] = {
            k: v for k, v in (("admin1", admin1.strip()), ("name", place.strip())) if v
        }
    if extra:
        data["attributes"] = extra
    if text.strip():
        data["text"] = text.strip()
    _store_one(request, data)
    return RedirectResponse(f"/monitor/{agreement_id}#status", status_code=303)


@router.post("/monitor/{agreement_id}/whatif", include_in_schema=False)
@router.post("/api/monitor/{agreement_id}/whatif")
async def whatif(
    request: Request, agreement_id: str, scenario: Annotated[UploadFile, File()]
) -> Response:
    """Replay an uploaded scenario file against the agreement; the store is not touched."""
    wb = workbench_of(request)
    agreement = wb.corpus.agreement(agreement_id)
    raw = await scenario.read(MAX_BODY_BYTES + 1)
    name = scenario.filename or "scenario.yaml"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputFormatError(name, None, f"not UTF-8 text (byte {err.start})") from None
    parsed, defects = parse_scenario(text, path=name)
    if defects:
        raise InputFormatError(name, defects[0].line, defects[0].message)
    replayed = replay_scenario(wb.corpus, agreement, parsed).to_record()
    record = {
        "document": "monitor-page",
        "agreement": agreement.id,
        "status": replayed,
        "timeline": None,
    }
    return respond(
        request,
        "monitor.html",
        record,
        title=f"What if: {parsed.title or name}",
        agreement=agreement,
        agreements=wb.corpus.agreements,
        whatif=name,
    )
