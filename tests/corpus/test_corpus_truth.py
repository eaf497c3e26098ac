"""Issue 11: each fixed encoding error of ukraine-2025, checked against the passage of its source.

Every row reads the passage from the source text (so the test fails if the passage is not
there) and checks that the corpus encodes what the passage says, and no more.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from accords import default_corpus_path, load_corpus
from accords.corpus import normalise_text
from accords.model import Corpus
from accords.monitor import read_scenario, replay

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


def _plan(corpus: Corpus, agreement: str = "us-28-point-plan"):  # type: ignore[no-untyped-def]
    return corpus.agreement(agreement)


def _revoked_by_10c(corpus: Corpus) -> set[str]:
    trigger = _plan(corpus).provision("10.c").triggers[0]
    return {label for e in trigger.effects if e.action == "revoke" for label in e.provisions}


def check_point_22(corpus: Corpus) -> None:
    p22 = _plan(corpus).provision("22")
    (trigger,) = p22.triggers
    assert trigger.condition.event is not None
    assert trigger.condition.event.actors == ("ukraine",)  # the Ukrainian branch only
    assert {label for e in trigger.effects for label in e.provisions} == {"5", "10"}
    (ambiguity,) = p22.ambiguities  # the Russian branch: visible, not an effect
    assert "breach" in ambiguity.quote
    assert "10.c" in ambiguity.note


def check_10c_split(corpus: Corpus) -> None:
    revoked = _revoked_by_10c(corpus)
    assert {"13.a", "13.c", "14.d", "21.a", "21.b", "21.d.1"} <= revoked
    assert revoked.isdisjoint({"14", "14.a", "14.b", "14.c", "21.d", "5", "10"})
    plan = _plan(corpus)
    assert "Russian forces will not enter" in plan.provision("21.d").evidence[0].quote
    # whoever holds the sanctions bears their reinstatement (the bearers of 13.a)
    assert set(plan.provision("13.a").bearers) <= set(plan.provision("10.c").bearers)
    assert plan.provision("10.c").basis_of("bearers") == "inferred"
    assert plan.provision("10.c").ambiguities  # "all other benefits" is not listed


def check_us_ceasefire_first(corpus: Corpus) -> None:
    ideals = {s.ideal for s in corpus.stances_of("us", "ceasefire-sequencing")}
    assert "ceasefire-first" not in ideals


def check_europe_foreign_troops(corpus: Corpus) -> None:
    (stance,) = corpus.stances_of("europe", "foreign-troops")
    assert stance.ideal == "multinational-force"
    assert stance.acceptable == ("no-permanent-nato-stationing-in-peacetime",)
    assert stance.basis_of("red_lines") == "inferred"


def check_no_path(corpus: Corpus) -> None:
    option = next(o for o in corpus.issue("nato-membership").options if o.id == "no-path")
    assert "formal bar" not in option.description
    assert "leaves out" in option.description
    (us,) = [s for s in corpus.stances_of("us", "nato-membership") if s.ideal == "no-path"]
    assert us.red_lines == ()
    r4 = _plan(corpus, "us-19-point-plan").provision("R4")
    assert [s.option for s in r4.settles] == ["no-path"]


_LEAK_TERMS = {
    "army-size": "cut-by-half",
    "long-range-weapons": "surrender-long-range",
    "language-and-church": "russian-official-language-and-church-status",
    "donetsk": "full-cession",
}
_DRAFTERS = "senior officials from the United States and Russia have been quietly working"


def check_leak_attribution(corpus: Corpus) -> None:
    for issue, option in _LEAK_TERMS.items():
        for party in ("us", "russia"):
            from_leak = [
                s
                for s in corpus.stances_of(party, issue)
                if s.ideal == option
                and any(_DRAFTERS in e.quote for e in s.evidence)
                and all(e.source == "us-russia-draft-leak" for e in s.evidence)
            ]
            assert len(from_leak) == 1, (party, issue)
            (stance,) = from_leak
            assert stance.basis_of("ideal") == "inferred"
            assert stance.inference
            assert stance.confidence == 0.3  # the same weight for both drafters


def check_kushner(corpus: Corpus) -> None:
    us = corpus.party("us")
    (kushner,) = [r for r in us.representatives if r.name == "Jared Kushner"]
    assert "slated to attend" in (kushner.role or "")
    assert "attended" not in (kushner.role or "")


def check_sources_file_name(corpus: Corpus) -> None:
    notes = corpus.source("antiwar-miami-meeting").notes or ""
    assert "file name" not in notes
    assert "antiwar.com" not in notes


def check_19_point_proposers(corpus: Corpus) -> None:
    plan = _plan(corpus, "us-19-point-plan")
    assert plan.proposers == ("us",)
    assert plan.basis_of("proposers") == "inferred"
    assert not any("Geneva" in e.quote for e in plan.evidence)
    roles = {(a.role, a.parties) for a in plan.attributions}
    assert ("negotiated", ("us", "ukraine")) in roles


def check_moscow_package_sources(corpus: Corpus) -> None:
    plan = _plan(corpus, "moscow-package")
    assert {e.source for e in plan.evidence} <= set(plan.sources)


def check_20b(corpus: Corpus) -> None:
    assert "will agree to abolish" in _plan(corpus).provision("20.b").text


def check_point_11(corpus: Corpus) -> None:
    p11 = _plan(corpus).provision("11")
    assert p11.modality == "declaration"
    assert p11.basis_of("bearers") == "inferred"
    assert p11.inference


def check_drafting_reports(corpus: Corpus) -> None:
    drafted = [a for a in _plan(corpus).attributions if a.role == "drafted"]
    people = {a.people for a in drafted}
    assert ("Steve Witkoff", "Jared Kushner", "Kirill Dmitriev") in people  # Bloomberg
    assert ("Steve Witkoff", "Kirill Dmitriev") in people  # Miami talks


def check_concessions_vs_red_lines(corpus: Corpus) -> None:
    plan = _plan(corpus, "us-19-point-plan")
    (negotiated,) = [a for a in plan.attributions if a.role == "negotiated"]
    assert any("territorial concessions" in e.quote for e in negotiated.evidence)
    crimea = corpus.stances_of("ukraine", "crimea")
    assert any("de-facto-russian" in s.red_lines for s in crimea)  # kept, not merged


CASES: list[tuple[str, str, str, Callable[[Corpus], None]]] = [
    ("point-22", "why-the-deal-fails",
     "Any security guarantees will not apply in the event of a breach of this commitment.",
     check_point_22),
    ("point-10c", "why-the-deal-fails",
     "all global sanctions will be reinstated, recognition of the new territory and all other "
     "benefits of this deal will be revoked", check_10c_split),
    ("us-ceasefire-first", "witkoff-flies-to-moscow",
     "in exchange for an immediate ceasefire and iron-clad mechanisms", check_us_ceasefire_first),
    ("europe-foreign-troops", "antiwar-miami-meeting",
     "push for the deployment of troops from NATO-member states", check_europe_foreign_troops),
    ("no-path", "antiwar-miami-meeting",
     "this is also a sticking point which the US plan leaves out", check_no_path),
    ("leak-attribution", "us-russia-draft-leak", _DRAFTERS, check_leak_attribution),
    ("kushner", "putin-witkoff-summit", "Jared Kushner, was also slated to attend the summit",
     check_kushner),
    ("sources-file-name", "antiwar-miami-meeting", "As we reported earlier",
     check_sources_file_name),
    ("19-point-proposers", "antiwar-miami-meeting",
     "more recently was condensed down to 19 points", check_19_point_proposers),
    ("moscow-package-sources", "putin-witkoff-summit",
     "On Tuesday, December 2, 2025, the world's attention turned to Moscow",
     check_moscow_package_sources),
    ("20.b", "why-the-deal-fails", "Both countries will agree to abolish all discriminatory",
     check_20b),
    ("point-11", "why-the-deal-fails", "Ukraine is eligible for EU membership", check_point_11),
    ("drafting-reports", "why-the-deal-fails",
     "devises among Steve Wiktoff, Jared Kushner, and Putin's special envoy, Kirill Dmitriev",
     check_drafting_reports),
    ("concessions-vs-red-lines", "antiwar-miami-meeting",
     "the 19-point plan featured significant territorial concessions in the Donbass and Crimea",
     check_concessions_vs_red_lines),
]  # fmt: skip


@pytest.mark.parametrize(("source", "passage", "check"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_fixed_error_against_its_passage(
    corpus: Corpus, source: str, passage: str, check: Callable[[Corpus], None]
) -> None:
    assert normalise_text(passage) in normalise_text(corpus.texts[source])
    check(corpus)


def test_renewed_invasion_keeps_the_guarantees_and_10c_acts(corpus: Corpus) -> None:
    scenario = read_scenario(ROOT / "examples" / "renewed-invasion.yaml")
    report = replay(_plan(corpus), scenario.events, as_of=scenario.as_of, corpus=corpus)
    state = {p.label: p.state for p in report.provisions}
    assert (state["5"], state["10"], state["10.c"]) == ("in-force", "in-force", "in-force")
    assert [f.trigger for f in report.firings] == ["russia-invades-ukraine"]
    assert state["14.a"] == "in-force"
    assert state["14.d"] == "revoked"


def test_every_stance_and_provision_of_the_embedded_corpus_has_a_basis(corpus: Corpus) -> None:
    manifest = yaml.safe_load((default_corpus_path() / "corpus.yaml").read_text())
    assert manifest["basis_required"] is True
    assert [s for s in corpus.stances if s.missing_basis()] == []
    assert [p.label for a in corpus.agreements for p in a.provisions if p.missing_basis()] == []


def test_show_provision_22_prints_the_ambiguity() -> None:
    from typer.testing import CliRunner

    from accords.cli.main import app

    out = CliRunner().invoke(app, ["show", "provision", "us-28-point-plan", "22"]).stdout
    assert "ambiguity:" in out
    assert "whose breach" in out.replace("\n", " ")
