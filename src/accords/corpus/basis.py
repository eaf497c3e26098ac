"""Counting and filtering a corpus by the basis of its claims (quoted, inferred, assumption).

:func:`basis_counts` says how many stance fields and provision fields rest on each basis (what
``accords validate`` prints); :func:`filter_by_basis` keeps only the claims on the bases asked
for, so that an analysis run on the result shows which conclusions survive without inference.
Both are pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from accords.exceptions import ModelSpecificationError
from accords.model import BASES, Corpus, Provision, Stance

__all__ = ["BasisCounts", "basis_counts", "filter_by_basis"]

_COUNTED = (*BASES, "unstated")


def _zero() -> dict[str, int]:
    return dict.fromkeys(_COUNTED, 0)


@dataclass(frozen=True)
class BasisCounts:
    """How many claims of a corpus rest on each basis.

    ``stances`` counts stance fields (ideal, red_lines, acceptable, conditional, salience,
    position, position_range) and ``provisions`` counts provision fields (bearers, modality),
    each under ``quoted``, ``inferred``, ``assumption`` or ``unstated`` (no basis given).
    """

    stances: dict[str, int] = field(default_factory=_zero)
    provisions: dict[str, int] = field(default_factory=_zero)

    @property
    def total(self) -> dict[str, int]:
        """Stance and provision fields together."""
        return {b: self.stances[b] + self.provisions[b] for b in _COUNTED}

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict: ``total``, ``stances`` and ``provisions``, each basis -> count."""
        return {
            "total": self.total,
            "stances": dict(self.stances),
            "provisions": dict(self.provisions),
        }

    def __str__(self) -> str:
        t = self.total
        text = f"{t['quoted']} quoted / {t['inferred']} inferred / {t['assumption']} assumption"
        return text + (f" / {t['unstated']} unstated" if t["unstated"] else "")


def basis_counts(corpus: Corpus) -> BasisCounts:
    """Count the stance and provision fields of ``corpus`` by basis.

    Examples
    --------
    >>> from accords import load_corpus
    >>> counts = basis_counts(load_corpus())
    >>> counts.total["unstated"]
    0
    >>> counts.total["quoted"] > 0 and counts.total["inferred"] > 0
    True
    """
    counts = BasisCounts()
    for stance in corpus.stances:
        _count(counts.stances, stance.BASIS_FIELDS, stance)
    for agreement in corpus.agreements:
        for provision in agreement.provisions:
            _count(counts.provisions, provision.BASIS_FIELDS, provision)
    return counts


def _count(into: dict[str, int], names: Iterable[str], record: Stance | Provision) -> None:
    bases = record.field_bases()
    for name in names:
        if name in bases:
            into[bases[name]] += 1
        elif name in record.missing_basis():
            into["unstated"] += 1


def filter_by_basis(corpus: Corpus, basis: Iterable[str] = ("quoted",)) -> Corpus:
    """The corpus with only the claims that rest on one of ``basis``.

    A stance field on another basis (or on none) is dropped: ``ideal``/``position`` become
    None, ``red_lines``, ``acceptable`` and ``conditional`` empty, ``salience`` None; a stance
    left with nothing is kept as an explicit unknown. A provision whose ``bearers`` rest on
    another basis loses its bearers (who must act becomes unknown); its ``modality`` is kept,
    since a provision always has one, and its basis stays visible on the record. Agreements,
    issues, parties, clout and reservations are unchanged.

    Parameters
    ----------
    corpus : Corpus
    basis : iterable of {"quoted", "inferred", "assumption"}
        The bases to keep (default: quoted only).

    Returns
    -------
    Corpus
        A new corpus; ``corpus`` is not modified.

    Raises
    ------
    ModelSpecificationError
        If ``basis`` is empty or names an unknown basis.

    Examples
    --------
    >>> from accords import load_corpus
    >>> corpus = load_corpus()
    >>> quoted = filter_by_basis(corpus, basis=("quoted",))
    >>> all(b == "quoted" for s in quoted.stances for b in s.field_bases().values())
    True
    >>> sum(s.is_known for s in quoted.stances) < sum(s.is_known for s in corpus.stances)
    True
    """
    keep = frozenset(basis)
    unknown = sorted(keep - set(BASES))
    if not keep or unknown:
        raise ModelSpecificationError(
            f"basis: expected one or more of {', '.join(BASES)}; got {sorted(keep) or 'none'}"
        )
    stances = tuple(_filter_stance(s, keep) for s in corpus.stances)
    agreements = tuple(
        a.model_copy(update={"provisions": tuple(_filter_provision(p, keep) for p in a.provisions)})
        for a in corpus.agreements
    )
    return corpus.model_copy(update={"stances": stances, "agreements": agreements})


_EMPTY: dict[str, Any] = {
    "ideal": None,
    "position": None,
    "position_range": None,
    "salience": None,
    "red_lines": (),
    "acceptable": (),
    "conditional": (),
}


def _filter_stance(stance: Stance, keep: frozenset[str]) -> Stance:
    drop = {
        name: _EMPTY[name]
        for name in stance.BASIS_FIELDS
        if getattr(stance, name) not in (None, ()) and stance.basis_of(name) not in keep
    }
    return stance.model_copy(update=drop) if drop else stance


def _filter_provision(provision: Provision, keep: frozenset[str]) -> Provision:
    if provision.bearers and provision.basis_of("bearers") not in keep:
        return provision.model_copy(update={"bearers": ()})
    return provision
