"""Logging in for the forms: the token once, then an HttpOnly, SameSite=Strict cookie."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from accords.web.render import respond, workbench_of
from accords.web.security import (
    SESSION_COOKIE,
    WriteForbiddenError,
    require_writer,
    session_value,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _safe_next(value: str) -> str:
    return value if value.startswith("/") and not value.startswith("//") else "/"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    """The login form (the token configured with --token-file)."""
    wb = workbench_of(request)
    record = {"document": "login", "writes_enabled": wb.token is not None}
    return respond(request, "login.html", record, title="Log in", next=_safe_next(next))


@router.post("/login")
def login(
    request: Request, token: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
) -> Response:
    """Check the token; on success set the session cookie and go back."""
    wb = workbench_of(request)
    if wb.token is None:
        require_writer(request, None)
    assert wb.token is not None
    if not secrets.compare_digest(token.strip().encode("utf-8"), wb.token.encode("utf-8")):
        raise WriteForbiddenError("wrong token")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_value(wb.token),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    """Forget the session cookie."""
    require_writer(request, workbench_of(request).token, csrf)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
