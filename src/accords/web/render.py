"""Rendering a record as a page, JSON or CSV: one record, three shapes.

A route computes one record (the same document the command line prints) and calls
:func:`respond`; the path decides the shape: ``/api/...`` gives JSON, ``?format=csv`` the table
as CSV with a citation line, anything else the HTML page. Templates are Jinja2 with
autoescaping, shared with the HTML report (``accords/report/templates``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any
from urllib.parse import quote as url_quote

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from accords.corpus.quotes import locate_quote
from accords.exceptions import QuoteNotFoundError
from accords.web.security import csrf_token, is_logged_in
from accords.web.workbench import Workbench

__all__ = ["clean_text", "respond", "workbench_of"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
Rows = Callable[[dict[str, Any]], Sequence[dict[str, Any]]]


def clean_text(value: Any) -> str:
    """Text with control characters (ESC sequences included) removed; None as empty."""
    if value is None:
        return ""
    return _CONTROL.sub("", str(value))


def workbench_of(request: Request) -> Workbench:
    """The application's :class:`~accords.web.workbench.Workbench`."""
    found: Workbench = request.app.state.workbench
    return found


def _quote_href(workbench: Workbench, source: str, quote: str) -> str:
    def locate() -> str:
        text = workbench.corpus.texts.get(source)
        base = f"/sources/{url_quote(source)}"
        if text is None:
            return base
        try:
            start, end = locate_quote(quote, text)
        except QuoteNotFoundError:
            return base
        return f"{base}#q-{start}-{end}"

    return workbench.cached(f"quote-href:{source}:{quote}", locate)


@cache
def environment() -> Environment:
    """The Jinja2 environment (autoescaped) of the workbench and the report."""
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("accords.web", "templates"),
                PackageLoader("accords.report", "templates"),
            ]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clean"] = clean_text
    env.filters["urlq"] = lambda v: url_quote(str(v), safe="")
    env.filters["pct"] = lambda v: "" if v is None else f"{float(v):.0f}"
    return env


def _csv(rows: Sequence[dict[str, Any]], citation: str) -> str:
    out = io.StringIO()
    out.write(f"# {clean_text(citation)}\n")
    columns = list(dict.fromkeys(k for row in rows for k in row))
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: "; ".join(map(str, v)) if isinstance(v, list | tuple) else clean_text(v)
                for k, v in row.items()
            }
        )
    return out.getvalue()


def respond(
    request: Request,
    template: str,
    record: dict[str, Any],
    *,
    title: str,
    rows: Rows | None = None,
    status_code: int = 200,
    **context: Any,
) -> Response:
    """The record as JSON (``/api/...`` or ``?format=json``), CSV (``?format=csv``) or HTML."""
    workbench = workbench_of(request)
    citation = workbench.citation()
    fmt = request.query_params.get("format", "")
    if request.url.path.startswith("/api/") or fmt == "json":
        return JSONResponse(record, status_code=status_code)
    if fmt == "csv":
        if rows is None:
            return JSONResponse(
                {"detail": f"{request.url.path} has no table to export as CSV; try ?format=json"},
                status_code=404,
            )
        name = re.sub(r"[^a-z0-9-]+", "-", request.url.path.strip("/").lower()) or "index"
        return Response(
            _csv(rows(record), citation.line(str(request.url.remove_query_params("format")))),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    page = (
        environment()
        .get_template(template)
        .render(
            record=record,
            title=title,
            corpus=workbench.corpus,
            citation=citation.line(str(request.url)),
            path=request.url.path,
            has_table=rows is not None,
            logged_in=is_logged_in(request, workbench.token),
            writes_enabled=workbench.token is not None,
            csrf=csrf_token(workbench.token) if is_logged_in(request, workbench.token) else "",
            quote_href=lambda source, quote: _quote_href(workbench, source, quote),
            json_pretty=lambda data: json.dumps(data, indent=2, ensure_ascii=False),
            **context,
        )
    )
    return HTMLResponse(page, status_code=status_code)
