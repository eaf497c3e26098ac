"""The application factory: ``create_app(settings) -> FastAPI``.

Errors are mapped to HTTP statuses here, in one place (as :func:`accords.cli.common.
handle_errors` maps them to exit codes): an unknown id is 404 with the command line's message,
a bad input 422, a write without the token 403, a body over the limit 413, an unreachable
event store 503. Every response carries ``Content-Security-Policy: default-src 'self'``: the
pages load nothing from elsewhere and run no inline script.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError

from accords._version import __version__
from accords.exceptions import (
    AccordsError,
    CorpusError,
    LookupFailedError,
    NoEventStoreError,
    StoreError,
)
from accords.web.render import clean_text, environment
from accords.web.security import WriteForbiddenError
from accords.web.settings import WebSettings
from accords.web.workbench import Workbench

__all__ = ["CONTENT_SECURITY_POLICY", "create_app"]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _error(
    request: Request, status: int, message: str, details: list[str] | None = None
) -> Response:
    body = {"status": status, "detail": message, "errors": details or []}
    if request.url.path.startswith("/api/") or "json" in request.headers.get("accept", "")[:20]:
        return JSONResponse(body, status_code=status)
    page = environment().get_template("error.html").render(
        title=f"{status}", status=status, message=clean_text(message), details=details or [],
        path=request.url.path, citation="", logged_in=False,
    )  # fmt: skip
    return HTMLResponse(page, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    async def lookup(request: Request, err: Exception) -> Response:
        return _error(request, 404, str(err))

    async def forbidden(request: Request, err: Exception) -> Response:
        assert isinstance(err, WriteForbiddenError)
        return _error(request, 403, err.message)

    async def store(request: Request, err: Exception) -> Response:
        return _error(request, 503, f"the event store cannot be reached: {err}")

    async def no_store(request: Request, err: Exception) -> Response:
        return _error(request, 404, f"no events stored yet: {err}")

    async def corpus(request: Request, err: Exception) -> Response:
        assert isinstance(err, CorpusError)
        return _error(request, 422, "defects in the input", [str(d) for d in err.defects])

    async def bad_input(request: Request, err: Exception) -> Response:
        return _error(request, 422, str(err))

    async def invalid(request: Request, err: Exception) -> Response:
        assert isinstance(err, RequestValidationError | ValidationError)
        details = [
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in err.errors()
        ]
        return _error(request, 422, "the request does not have the expected fields", details)

    app.add_exception_handler(LookupFailedError, lookup)
    app.add_exception_handler(WriteForbiddenError, forbidden)
    app.add_exception_handler(NoEventStoreError, no_store)
    app.add_exception_handler(StoreError, store)
    app.add_exception_handler(CorpusError, corpus)
    app.add_exception_handler(AccordsError, bad_input)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(ValidationError, invalid)


def _install_middleware(app: FastAPI, max_body: int) -> None:
    @app.middleware("http")
    async def limits_and_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            return _error(request, 413, f"the request body is over {max_body:,} bytes")
        if request.method in {"POST", "PUT", "PATCH"} and length is None:
            body = await request.body()  # chunked: count what arrives
            if len(body) > max_body:
                return _error(request, 413, f"the request body is over {max_body:,} bytes")
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """Build the workbench for ``settings`` (the corpus is loaded and checked here, once).

    Raises
    ------
    CorpusError
        If the corpus has defects.
    InputFormatError
        If the token file cannot be read or its token is too short.
    """
    from accords.web.routes import ROUTERS

    settings = settings or WebSettings()
    workbench = Workbench(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        workbench.close()

    app = FastAPI(
        title="accords workbench",
        version=__version__,
        description="Peace plans and the parties' positions: pages and their JSON twins.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.workbench = workbench
    _install_error_handlers(app)
    _install_middleware(app, settings.max_body_bytes)
    static = resources.files("accords.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app
