"""A bargaining problem: the outcome space, the parties' utilities, the drafts on the table.

:class:`BargainingProblem` is what :func:`~accords.bargaining.bargain`,
:func:`~accords.bargaining.amend_agreement` and :func:`~accords.bargaining.simulate_bargaining`
take. It is built from a corpus (issues, stances, reservation values and agreements; see
:mod:`accords.bargaining.from_corpus`) or from a GENIUS scenario folder, and remembers where it
came from for the reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accords.bargaining.from_corpus import (
    AgreementPackage,
    ValueTable,
    agreement_package,
    space_from_corpus,
    utilities_from_stances,
)
from accords.bargaining.space import OutcomeSpace
from accords.bargaining.utilities import Utilities
from accords.exceptions import UnknownAgreementError
from accords.model import Corpus

if TYPE_CHECKING:
    from accords.readwrite.genius import GeniusScenario

__all__ = ["BargainingProblem"]


@dataclass(frozen=True, eq=False)
class BargainingProblem:
    """One bargaining problem and where it came from.

    Attributes
    ----------
    space : OutcomeSpace
        The issues and their options.
    utilities : Utilities
        Each veto player's utilities, red lines and reservation value.
    agreements : mapping of str to AgreementPackage
        The drafts of the corpus as partial packages, by agreement id (empty for GENIUS).
    titles : mapping of str to str
        The title of each agreement.
    source : mapping
        Where the problem was read from: ``{"kind": "corpus", "path", "id", "title"}`` or
        ``{"kind": "genius", "path", "name", "files", "discount"}`` (as the reports print it).

    Examples
    --------
    >>> from accords import load_corpus
    >>> problem = BargainingProblem.from_corpus(load_corpus(), parties=["russia", "ukraine"])
    >>> problem.utilities.parties, problem.source["kind"]
    (('russia', 'ukraine'), 'corpus')
    >>> "us-28-point-plan" in problem.agreements
    True
    """

    space: OutcomeSpace
    utilities: Utilities
    agreements: Mapping[str, AgreementPackage] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)
    source: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_corpus(
        cls,
        corpus: Corpus,
        *,
        parties: Sequence[str] | None = None,
        issues: Sequence[str] | None = None,
        values: ValueTable | None = None,
        path: str | Path | None = None,
    ) -> BargainingProblem:
        """The problem a corpus poses: its issues, its parties' stances, its agreements.

        Parameters
        ----------
        corpus : Corpus
        parties : sequence of str, optional
            Veto players (default: every party with a stance on a chosen issue).
        issues : sequence of str, optional
            Issues bargained over (default: every issue on which a veto player states an ideal
            or a red line).
        values : mapping, optional
            Explicit option values ``{party: {issue: {option: value}}}`` overriding those derived
            from the stances (see :func:`accords.readwrite.read_option_values`).
        path : str or Path, optional
            Where the corpus was read from, for the report (None: the embedded corpus).

        Raises
        ------
        UnknownPartyError, UnknownIssueError
            For a party or issue the corpus does not have.
        ModelSpecificationError
            For a value table that does not fit the space.
        """
        space = space_from_corpus(corpus, issues=issues, parties=parties)
        utilities = utilities_from_stances(corpus, space, parties=parties, values=values)
        return cls(
            space,
            utilities,
            {a.id: agreement_package(space, a) for a in corpus.agreements},
            {a.id: a.title for a in corpus.agreements},
            {
                "kind": "corpus",
                "path": None if path is None else str(path),
                "id": corpus.id,
                "title": corpus.title,
            },
        )

    @classmethod
    def from_genius(
        cls, folder: str | Path, *, parties: Sequence[str] | None = None
    ) -> BargainingProblem:
        """The problem of a GENIUS scenario folder (see :func:`accords.readwrite.read_genius`).

        Parameters
        ----------
        folder : str or Path
            One domain XML and one profile XML per party.
        parties : sequence of str, optional
            Profiles to keep, by file name without ``.xml`` (default: all).

        Raises
        ------
        InputFormatError
            If the folder or one of its files cannot be read as a GENIUS scenario.

        Examples
        --------
        >>> from pathlib import Path
        >>> laptop = Path("../shared/external/genius/Laptop")
        >>> if laptop.is_dir():  # the ANAC Laptop domain, where present
        ...     print(BargainingProblem.from_genius(laptop).source["kind"])
        ... else:
        ...     print("genius")
        genius
        """
        from accords.readwrite.genius import read_genius

        return cls.from_scenario(read_genius(folder, parties=parties), path=folder)

    @classmethod
    def from_scenario(
        cls, scenario: GeniusScenario, *, path: str | Path | None = None
    ) -> BargainingProblem:
        """The problem of an already parsed GENIUS scenario (no agreements)."""
        return cls(
            scenario.space,
            scenario.utilities,
            {},
            {},
            {
                "kind": "genius",
                "path": None if path is None else str(path),
                "name": scenario.name,
                "files": dict(scenario.files),
                "discount": dict(scenario.discount),
            },
        )

    def agreement(self, agreement_id: str) -> AgreementPackage:
        """The draft ``agreement_id`` as a partial package.

        Raises
        ------
        UnknownAgreementError
            If the problem has no such agreement.
        """
        if agreement_id not in self.agreements:
            raise UnknownAgreementError(agreement_id, known=self.agreements)
        return self.agreements[agreement_id]

    def with_utilities(self, utilities: Utilities) -> BargainingProblem:
        """The same problem with other utilities (a relaxed problem, for instance)."""
        return replace(self, utilities=utilities)
