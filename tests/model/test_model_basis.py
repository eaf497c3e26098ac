"""The basis of a claim (quoted / inferred / assumption): validation, counting, filtering."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from accords import load_corpus
from accords.cli.main import app
from accords.corpus import basis_counts, filter_by_basis, parse_corpus
from accords.exceptions import CorpusError, ModelSpecificationError
from accords.model import Evidence, Provision, Stance

EV = (Evidence(source="s", quote="we want x"),)
runner = CliRunner()


def stance(**fields: Any) -> Stance:
    return Stance(party="a", issue="i", **{"ideal": "x", "evidence": EV, **fields})


GOOD = [
    ("quoted", {"basis": "quoted"}, {"ideal": "quoted"}),
    ("override", {"basis": "quoted", "red_lines": ("y",), "basis_fields": {"red_lines": "inferred"},
                  "inference": "y read as excluded"}, {"ideal": "quoted", "red_lines": "inferred"}),
    ("assumed", {"basis": "assumption", "evidence": (), "assumption": "a guess"},
     {"ideal": "assumption"}),
    ("unstated", {}, {}),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "bases"), [g[1:] for g in GOOD], ids=[g[0] for g in GOOD])
def test_field_bases(fields: dict[str, Any], bases: dict[str, str]) -> None:
    assert stance(**fields).field_bases() == bases


BAD = [
    ("inferred-without-inference", {"basis": "inferred"}, r"'inferred' needs inference"),
    ("assumption-without-text", {"basis": "assumption"}, r"'assumption' needs assumption"),
    ("quoted-without-evidence", {"basis": "quoted", "evidence": (), "assumption": "x"},
     r"'quoted' needs evidence"),
    ("unknown-field", {"basis": "quoted", "basis_fields": {"confidence": "quoted"}},
     r"basis_fields names \['confidence'\], which carry no basis"),
    ("unknown-basis", {"basis": "hearsay"}, r"basis"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "match"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_basis_is_refused(fields: dict[str, Any], match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        stance(**fields)


def test_an_empty_bearer_list_carries_a_basis() -> None:
    p = Provision(label="1", text="T.", modality="declaration", evidence=EV, basis="quoted")
    assert p.field_bases() == {"bearers": "quoted", "modality": "quoted"}


def test_basis_required_corpus_reports_a_missing_basis(write_corpus) -> None:  # type: ignore[no-untyped-def]
    root = write_corpus()
    docs = {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.yaml")}
    texts = {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.txt")}
    parse_corpus(docs, texts)  # sound without the flag
    docs["corpus.yaml"] += "basis_required: true\n"
    with pytest.raises(CorpusError, match=r"no basis for .*basis_required"):
        parse_corpus(docs, texts)


def test_counts_of_the_embedded_corpus_add_up() -> None:
    corpus = load_corpus()
    counts = basis_counts(corpus)
    n_provision_fields = 2 * sum(len(a.provisions) for a in corpus.agreements)
    assert sum(counts.provisions.values()) == n_provision_fields
    n_stance_fields = sum(len(s.field_bases()) for s in corpus.stances)
    assert sum(counts.stances.values()) == n_stance_fields
    assert counts.total["unstated"] == 0


@pytest.mark.parametrize("keep", [("quoted",), ("quoted", "inferred"), ("assumption",)])
def test_filter_keeps_only_the_bases_asked_for(keep: tuple[str, ...]) -> None:
    corpus = load_corpus()
    filtered = filter_by_basis(corpus, basis=keep)
    assert all(b in keep for s in filtered.stances for b in s.field_bases().values())
    # nothing on a kept basis is lost
    before = sum(b in keep for s in corpus.stances for b in s.field_bases().values())
    after = sum(len(s.field_bases()) for s in filtered.stances)
    assert after == before
    assert corpus.stances[0].field_bases() == load_corpus().stances[0].field_bases()  # pure


@pytest.mark.parametrize("keep", [(), ("hearsay",)])
def test_filter_refuses_unknown_bases(keep: tuple[str, ...]) -> None:
    with pytest.raises(ModelSpecificationError, match="basis: expected"):
        filter_by_basis(load_corpus(), basis=keep)


def test_validate_prints_the_basis_counts() -> None:
    result = runner.invoke(app, ["validate", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["basis"] == basis_counts(load_corpus()).to_record()
    result = runner.invoke(app, ["validate"])
    assert "quoted /" in result.stdout.replace("\n", " ")


def test_acceptability_on_quoted_stances_only() -> None:
    full = json.loads(runner.invoke(app, ["acceptability", "us-28-point-plan", "--format",
                                          "json"]).stdout)  # fmt: skip
    quoted = json.loads(runner.invoke(app, ["acceptability", "us-28-point-plan", "--basis",
                                            "quoted", "--format", "json"]).stdout)  # fmt: skip
    assert {c["basis"] for c in quoted["cells"]} <= {"quoted", None}
    assert "inferred" in {c["basis"] for c in full["cells"]}
    known = [c for c in quoted["cells"] if c["verdict"] != "unknown"]
    assert known
    assert all(c["basis"] == "quoted" for c in known)
    # a conclusion that survives without inference is also a conclusion with it
    full_cells = {(c["party"], c["label"]): c["verdict"] for c in full["cells"]}
    assert all(full_cells[(c["party"], c["label"])] == c["verdict"] for c in known)
    text = runner.invoke(app, ["acceptability", "us-28-point-plan", "--brief"]).stdout
    assert "i inferred" in text
