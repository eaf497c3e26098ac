"""The basis of a claim: quoted, inferred from a quote, or assumed without one.

Every field of a stance that says something about a party (``ideal``, ``red_lines``,
``acceptable``, ``conditional``, ``salience``, ``position``, ``position_range``), every
provision's ``bearers`` and ``modality`` and an agreement's ``proposers`` and ``date`` carry a
basis:

``quoted``
    the record's quote states it (needs ``evidence``);
``inferred``
    a reading of the quote; ``inference`` says how the quote was read;
``assumption``
    no quote carries it; ``assumption`` states what is assumed.

A corpus whose ``corpus.yaml`` sets ``basis_required: true`` must give a basis for every such
field (checked at load); elsewhere a missing basis is counted as ``unstated``.

A record gives one ``basis`` for all its fields and overrides it field by field with
``basis_fields``, so that a YAML record stays short::

    basis: quoted
    basis_fields: {red_lines: inferred}
    inference: '"instead of a blanket ban" read as rejecting the ban'

Examples
--------
>>> from accords.model import Evidence, Stance
>>> s = Stance(party="a", issue="i", ideal="x", red_lines=("y",), basis="quoted",
...     basis_fields={"red_lines": "inferred"}, inference="y read as excluded",
...     evidence=(Evidence(source="s", quote="we want x"),))
>>> s.basis_of("ideal"), s.basis_of("red_lines")
('quoted', 'inferred')
>>> s.field_bases()
{'ideal': 'quoted', 'red_lines': 'inferred'}
"""

from __future__ import annotations

from typing import ClassVar, Final, Literal, get_args

from pydantic import Field

from accords.model._base import Record
from accords.model.sources import Evidence

__all__ = ["BASES", "BASIS_RANK", "Based", "Basis", "weakest_basis"]

Basis = Literal["quoted", "inferred", "assumption"]

#: The bases, strongest first.
BASES: Final[tuple[Basis, ...]] = get_args(Basis)

#: Order of strength: a conclusion is as strong as the weakest basis it rests on.
BASIS_RANK: Final[dict[str, int]] = {b: i for i, b in enumerate(BASES)}


def weakest_basis(bases: tuple[Basis, ...] | list[Basis]) -> Basis | None:
    """The weakest of ``bases`` (``assumption`` < ``inferred`` < ``quoted``), None if empty.

    Examples
    --------
    >>> weakest_basis(["quoted", "inferred"])
    'inferred'
    """
    return max(bases, key=lambda b: BASIS_RANK[b]) if bases else None


class Based(Record):
    """A record whose claims each carry a basis (see the module docstring).

    Subclasses name the fields that carry a basis in ``BASIS_FIELDS`` and list them as
    ``based_fields_present`` when given.
    """

    BASIS_FIELDS: ClassVar[tuple[str, ...]] = ()

    evidence: tuple[Evidence, ...] = ()
    assumption: str | None = None
    basis: Basis | None = None
    basis_fields: dict[str, Basis] = Field(default_factory=dict)
    inference: str | None = Field(default=None, min_length=1)

    def _present_fields(self) -> tuple[str, ...]:
        """The basis-carrying fields this record gives (override where emptiness differs)."""
        return tuple(name for name in self.BASIS_FIELDS if getattr(self, name) not in (None, ()))

    def basis_of(self, name: str) -> Basis | None:
        """The basis of field ``name``: its override, else the record's ``basis``."""
        return self.basis_fields.get(name, self.basis)

    def field_bases(self) -> dict[str, Basis]:
        """The basis of every basis-carrying field the record gives, in field order."""
        out: dict[str, Basis] = {}
        for name in self._present_fields():
            basis = self.basis_of(name)
            if basis is not None:
                out[name] = basis
        return out

    def missing_basis(self) -> list[str]:
        """The basis-carrying fields this record gives without a basis."""
        return [n for n in self._present_fields() if self.basis_of(n) is None]

    def _check_basis(self, what: str, *, required: bool) -> None:
        unknown = sorted(set(self.basis_fields) - set(self.BASIS_FIELDS))
        if unknown:
            raise ValueError(
                f"{what}: basis_fields names {unknown}, which carry no basis; "
                f"expected some of {', '.join(self.BASIS_FIELDS)}"
            )
        present = self._present_fields()
        missing = self.missing_basis()
        if required and missing:
            raise ValueError(
                f"{what}: no basis for {missing}; give basis: quoted, inferred or assumption "
                "(and basis_fields: {FIELD: BASIS} for fields that differ)"
            )
        used = {self.basis_of(n) for n in present} | set(self.basis_fields.values())
        if "quoted" in used and not self.evidence:
            raise ValueError(f"{what}: basis 'quoted' needs evidence (a verbatim quote)")
        if "inferred" in used and not self.inference:
            raise ValueError(f"{what}: basis 'inferred' needs inference: how the quote was read")
        if "assumption" in used and not self.assumption:
            raise ValueError(f"{what}: basis 'assumption' needs assumption: what is assumed")
