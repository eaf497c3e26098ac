"""Who may write: a Bearer token for the API, a login cookie and a CSRF token for forms.

Reads need nothing. Writes need the token configured with ``--token-file``; the comparison is
constant-time (:func:`secrets.compare_digest`). The login cookie is HttpOnly and
SameSite=Strict and holds a keyed hash of the token, never the token; forms also carry a CSRF
token derived the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request

__all__ = [
    "SESSION_COOKIE",
    "WriteForbiddenError",
    "csrf_token",
    "is_logged_in",
    "require_writer",
    "session_value",
]

SESSION_COOKIE = "accords_session"


class WriteForbiddenError(Exception):
    """A write without valid credentials (403), with the message to show."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _keyed(token: str, purpose: str) -> str:
    return hmac.new(token.encode("utf-8"), purpose.encode("utf-8"), hashlib.sha256).hexdigest()


def session_value(token: str) -> str:
    """What the login cookie holds for ``token``."""
    return _keyed(token, "accords-session")


def csrf_token(token: str | None) -> str:
    """The CSRF token forms carry (empty when writes are disabled)."""
    return _keyed(token, "accords-csrf") if token else ""


def is_logged_in(request: Request, token: str | None) -> bool:
    """Whether the request carries a valid login cookie."""
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return bool(token) and secrets.compare_digest(cookie, session_value(token or ""))


def require_writer(request: Request, token: str | None, form_csrf: str | None = None) -> None:
    """Allow a write, or raise :class:`WriteForbiddenError` saying why and what to do.

    A request is allowed with ``Authorization: Bearer <token>``, or with the login cookie and
    the form's CSRF token.
    """
    if not token:
        raise WriteForbiddenError(
            "writes are disabled: start the workbench with --token-file FILE, where FILE holds "
            "a secret token (python -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() == "bearer" and given:
        if secrets.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
            return
        raise WriteForbiddenError("the Bearer token is wrong")
    if is_logged_in(request, token):
        if form_csrf is not None and secrets.compare_digest(form_csrf, csrf_token(token)):
            return
        raise WriteForbiddenError("the form's CSRF token is missing or wrong: reload the page")
    raise WriteForbiddenError(
        "this write needs the token: send 'Authorization: Bearer <token>' or log in at /login"
    )
