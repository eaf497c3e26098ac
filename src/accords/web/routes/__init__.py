"""One router per topic; :data:`ROUTERS` is what :func:`accords.web.create_app` mounts."""

from accords.web.routes import analysis, auth, corpus, explore, forecasts

__all__ = ["ROUTERS"]

ROUTERS = [corpus.router, explore.router, analysis.router, forecasts.router, auth.router]
