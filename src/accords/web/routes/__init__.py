"""One router per topic; :data:`ROUTERS` is what :func:`accords.web.create_app` mounts."""

from accords.web.routes import analysis, auth, bargaining, corpus, explore, forecasts, monitor

__all__ = ["ROUTERS"]

ROUTERS = [
    corpus.router,
    explore.router,
    analysis.router,
    bargaining.router,
    forecasts.router,
    monitor.router,
    auth.router,
]
