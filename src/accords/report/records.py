"""Plain JSON-ready records of the analyses: the ``--format json`` output of each command.

Every function returns dicts, lists, strings, numbers and booleans only, with party ids, issue
ids, option ids and provision labels as they appear in the corpus. The shapes are documented in
``docs/analysis.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from accords.analysis import (
    VERDICTS,
    AcceptabilityMatrix,
    AgreementDeps,
    AgreementDiff,
    Cell,
    PartyDependence,
)
from accords.model import Agreement, Corpus, Evidence
from accords.model.documents import Document

__all__ = [
    "AcceptabilityDocument",
    "DepsDocument",
    "DiffDocument",
    "acceptability_record",
    "cell_record",
    "deps_record",
    "diff_record",
]

Row = dict[str, Any]


class DepsDocument(Document):
    """The ``accords deps`` document: who must act for each provision, and the summaries."""

    kind: ClassVar[str] = "deps"
    agreement: str
    drafters: list[str]
    at_table: list[str]
    provisions: list[Row]
    summary: Row


class AcceptabilityDocument(Document):
    """The ``accords acceptability`` document: the party x provision verdicts with reasons."""

    kind: ClassVar[str] = "acceptability"
    agreement: str
    verdicts: list[str]
    parties: list[str]
    labels: list[str]
    matrix: list[list[str]]
    cells: list[Row]
    party_summaries: list[Row]
    veto_players: list[str]
    vetoed: bool
    vetoes: list[Row]
    deal_breakers: list[Row]


class DiffDocument(Document):
    """The ``accords diff`` document: provisions and issue options aligned between versions."""

    kind: ClassVar[str] = "diff"
    old: str
    new: str
    counts: dict[str, int]
    provisions: list[Row]
    issues: list[Row]


def _evidence(items: Sequence[Evidence]) -> list[dict[str, str]]:
    return [{"source": e.source, "quote": e.quote} for e in items]


def deps_record(
    agreement: Agreement,
    deps: AgreementDeps,
    dependence: Sequence[PartyDependence] = (),
) -> dict[str, Any]:
    """The ``accords deps`` document: one record per provision, and the summaries.

    Examples
    --------
    >>> from accords.analysis import who_must_act
    >>> from accords.model import Agreement, Corpus, Evidence, Party, Provision
    >>> corpus = Corpus(id="c", title="C", parties=(Party(id="a", name="A", kind="state"),),
    ...     agreements=(Agreement(id="x", title="X", proposers=("a",), status="signed",
    ...     sources=("s",), provisions=(Provision(label="1", text="t", modality="obligation",
    ...     bearers=("a",), evidence=(Evidence(source="s", quote="q"),)),)),))
    >>> record = deps_record(corpus.agreement("x"), who_must_act(corpus, "x"))
    >>> {k: record["provisions"][0][k] for k in ("label", "bearers", "drafters", "outside_parties")}
    {'label': '1', 'bearers': ['a'], 'drafters': ['a'], 'outside_parties': []}
    """
    texts = {p.label: p.text for p in agreement.provisions}
    non_drafting = deps.non_drafting_bearers()
    outside = deps.outside_provisions()
    return DepsDocument.build(
        **{
            "agreement": deps.agreement,
            "drafters": list(deps.drafters),
            "at_table": list(deps.at_table),
            "provisions": [
                {
                    "label": p.label,
                    "bearers": list(p.bearers),
                    "drafters": list(p.drafters),
                    "outside_parties": list(p.outside_parties),
                    "non_drafters": list(p.non_drafters),
                    "bound": list(p.bound),
                    "involved": list(p.involved),
                    "text": texts[p.label],
                }
                for p in deps.provisions
            ],
            "summary": {
                "n_provisions": len(deps.provisions),
                "parties": [
                    {
                        "party": d.party,
                        "n_provisions": d.n_provisions,
                        "labels": list(d.labels),
                        "direct": list(d.direct),
                        "as_member": list(d.as_member),
                        "as_group": list(d.as_group),
                    }
                    for d in dependence
                ],
                "non_drafting_bearers": [
                    {"party": party, "n_provisions": len(labels), "labels": list(labels)}
                    for party, labels in non_drafting.items()
                ],
                "n_needing_outside": len(outside),
                "outside": [
                    {"label": label, "parties": list(parties)} for label, parties in outside.items()
                ],
            },
        }
    )


def cell_record(cell: Cell) -> dict[str, Any]:
    """One cell of the acceptability matrix as plain data."""
    return {
        "party": cell.party,
        "label": cell.label,
        "verdict": cell.verdict,
        "reason": cell.reason,
        "evidence": _evidence(cell.evidence),
        "assumptions": list(cell.assumptions),
        "basis": cell.basis,
        "needs_consent": cell.needs_consent,
        "deal_breaker": cell.deal_breaker,
        "disputed": cell.disputed,
        "issues": [
            {
                "issue": p.issue,
                "option": p.option,
                "verdict": p.verdict,
                "reason": p.reason,
                "disputed": p.disputed,
                "basis": p.basis,
                "reports": [
                    {
                        "verdict": r.verdict,
                        "reason": r.reason,
                        "evidence": _evidence(r.evidence),
                        "assumption": r.assumption,
                        "basis": r.basis,
                        "confidence": r.confidence,
                    }
                    for r in p.reports
                ],
            }
            for p in cell.parts
        ],
        "variants": [
            {"index": v.index, "text": v.text, "verdict": v.verdict, "reason": v.reason}
            for v in cell.variants
        ],
        "variant_differs": cell.variant_differs,
    }


def acceptability_record(matrix: AcceptabilityMatrix) -> dict[str, Any]:
    """The ``accords acceptability`` document."""
    n = len(matrix.labels)
    return AcceptabilityDocument.build(
        **{
            "agreement": matrix.agreement,
            "verdicts": list(VERDICTS),
            "parties": list(matrix.parties),
            "labels": list(matrix.labels),
            "matrix": [
                [c.verdict for c in matrix.cells[i * n : (i + 1) * n]]
                for i in range(len(matrix.parties))
            ],
            "cells": [cell_record(c) for c in matrix.cells],
            "party_summaries": [
                {
                    "party": s.party,
                    **{v: s.counts[v] for v in VERDICTS},
                    "rejected": list(s.rejects),
                    "deal_breakers": list(s.deal_breakers),
                    "variant_rejects": list(s.variant_rejects),
                    "veto_player": s.is_veto_player,
                }
                for s in matrix.summaries()
            ],
            "veto_players": list(matrix.veto_players),
            "vetoed": matrix.vetoed,
            "vetoes": [
                {"party": c.party, "label": c.label, "reason": c.reason} for c in matrix.vetoes
            ],
            "deal_breakers": [
                {"party": c.party, "label": c.label, "reason": c.reason}
                for c in matrix.deal_breakers
            ],
        }
    )


def diff_record(
    corpus: Corpus | None, old: Agreement, new: Agreement, diff: AgreementDiff
) -> dict[str, Any]:
    """The ``accords diff`` document (option descriptions and issue titles from ``corpus``)."""
    old_text = {p.label: p.text for p in old.provisions}
    new_text = {p.label: p.text for p in new.provisions}
    issues = {i.id: i for i in corpus.issues} if corpus is not None else {}

    def describe(issue: str, options: Sequence[str]) -> list[str | None]:
        found = issues.get(issue)
        known = {o.id: o.description for o in found.options} if found else {}
        return [known.get(o) for o in options]

    return DiffDocument.build(
        **{
            "old": diff.old,
            "new": diff.new,
            "counts": dict(diff.counts),
            "provisions": [
                {
                    "status": c.status,
                    "old": c.old,
                    "new": c.new,
                    "score": c.score,
                    "text_similarity": c.text_similarity,
                    "renumbered": c.renumbered,
                    "changes": list(c.changes),
                    "old_text": old_text.get(c.old) if c.old else None,
                    "new_text": new_text.get(c.new) if c.new else None,
                }
                for c in diff.provisions
            ],
            "issues": [
                {
                    "issue": c.issue,
                    "title": issues[c.issue].title if c.issue in issues else None,
                    "status": c.status,
                    "old_options": list(c.old_options),
                    "new_options": list(c.new_options),
                    "old_descriptions": describe(c.issue, c.old_options),
                    "new_descriptions": describe(c.issue, c.new_options),
                    "old_labels": list(c.old_labels),
                    "new_labels": list(c.new_labels),
                }
                for c in diff.issues
            ],
        }
    )
