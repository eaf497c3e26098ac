"""Pages of the reader's lookups: parties, issues, stances and search."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from accords.corpus.overview import list_corpus
from accords.explore import (
    issue_profile,
    list_stances,
    party_profile,
    search_with_events,
)
from accords.web.render import respond, workbench_of

__all__ = ["router"]

router = APIRouter()


@router.get("/parties", include_in_schema=False)
@router.get("/api/parties")
def parties(request: Request) -> Response:
    """Every party of the corpus, with its kind, members and representatives."""
    wb = workbench_of(request)
    record = {
        "document": "parties",
        "corpus": wb.corpus.id,
        "parties": list(list_corpus(wb.corpus, "parties").items),
    }
    return respond(request, "parties.html", record, title="Parties", rows=lambda r: r["parties"])


@router.get("/parties/{party_id}", include_in_schema=False)
@router.get("/api/parties/{party_id}")
def party(request: Request, party_id: str) -> Response:
    """A party: people, positions with their quotes, and what it must carry out."""
    wb = workbench_of(request)
    record = wb.cached(f"party:{party_id}", lambda: party_profile(wb.corpus, party_id).to_record())
    return respond(request, "party.html", record, title=record["name"], rows=lambda r: r["stances"])


@router.get("/issues", include_in_schema=False)
@router.get("/api/issues")
def issues(request: Request) -> Response:
    """Every issue with its options on the 0-100 scale."""
    wb = workbench_of(request)
    record = {
        "document": "issues",
        "corpus": wb.corpus.id,
        "issues": list(list_corpus(wb.corpus, "issues").items),
    }
    return respond(request, "issues.html", record, title="Issues", rows=lambda r: r["issues"])


@router.get("/issues/{issue_id}", include_in_schema=False)
@router.get("/api/issues/{issue_id}")
def issue(request: Request, issue_id: str) -> Response:
    """An issue: its options, what settles each, and every party's stance side by side."""
    wb = workbench_of(request)
    record = wb.cached(f"issue:{issue_id}", lambda: issue_profile(wb.corpus, issue_id).to_record())
    return respond(
        request, "issue.html", record, title=record["title"], rows=lambda r: r["stances"]
    )


@router.get("/stances", include_in_schema=False)
@router.get("/api/stances")
def stances(
    request: Request, party: str | None = None, issue: str | None = None, source: str | None = None
) -> Response:
    """Every stance (filter by party, issue or source), with its speaker and quote."""
    wb = workbench_of(request)
    record = list_stances(
        wb.corpus, party=party or None, issue=issue or None, source=source or None
    ).to_record()
    return respond(
        request,
        "stances.html",
        record,
        title="Stances",
        rows=lambda r: r["stances"],
        filters={"party": party or "", "issue": issue or "", "source": source or ""},
    )


@router.get("/search", include_in_schema=False)
@router.get("/api/search")
def search(
    request: Request,
    q: str = "",
    kind: str | None = None,
    party: str | None = None,
    issue: str | None = None,
    basis: str | None = None,
    limit: int = 30,
) -> Response:
    """Ranked hits over provisions, stances, people, sources and the process's events.

    ``kind`` keeps one kind of hit; ``party`` and ``issue`` keep hits whose id names them;
    ``basis`` (quoted, inferred, assumption) keeps the stance hits whose stated positions
    (ideal, red lines, acceptable and conditional options) all have that basis.
    """
    wb = workbench_of(request)
    record: dict[str, Any]
    if not q.strip():
        record = {"document": "search", "query": "", "n_hits": 0, "hits": []}
    else:
        kinds = [kind] if kind else None
        record = search_with_events(
            wb.corpus, q, kinds=kinds, limit=max(1, min(limit, 200))
        ).to_record()
        if basis:
            positions = {"ideal", "red_lines", "acceptable", "conditional"}
            bases: dict[str, set[str]] = {}
            for st in wb.corpus.stances:
                found = {b for f, b in st.field_bases().items() if f in positions}
                bases.setdefault(f"{st.party}/{st.issue}", set()).update(found)
            record["hits"] = [
                h
                for h in record["hits"]
                if h["kind"] != "stance" or bases.get(h["id"], set()) <= {basis}
            ]
        wanted = [w for w in (party, issue) if w]
        if wanted:
            record["hits"] = [
                h
                for h in record["hits"]
                if all(w in h["id"].split("/") + h["id"].split(":") for w in wanted)
            ]
    return respond(
        request,
        "search.html",
        record,
        title=f"Search: {q}" if q else "Search",
        rows=lambda r: r["hits"],
        query=q,
        kind=kind or "",
        basis=basis or "",
    )
