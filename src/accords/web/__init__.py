"""The web workbench: the corpus, its analyses and the monitor in a browser.

A shell like :mod:`accords.cli`: :func:`create_app` builds a FastAPI application whose pages
render the same records the command line prints (each page has a ``/api/...`` JSON twin, and
every table a CSV export with a citation line). Nothing is computed here that the library does
not compute; the corpus is loaded once and results are cached by the corpus's hash.

Examples
--------
>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app(WebSettings()))
>>> client.get("/api/agreements").json()["document"]
'agreements'
"""

from accords.web.app import create_app
from accords.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
