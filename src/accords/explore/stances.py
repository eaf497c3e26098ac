"""The stances of a corpus as rows a reader can scan: who, on what, wants what, said by whom.

:func:`list_stances` backs ``accords stances``; the profiles of parties and issues reuse its
rows. Each row carries the speaker where the corpus names one (see
:mod:`accords.corpus.speakers`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from accords.corpus.speakers import find_speaker
from accords.model import Corpus, Stance
from accords.model.documents import Document

__all__ = [
    "STANCE_COLUMNS",
    "FrozenRow",
    "QuoteRow",
    "StanceRow",
    "StancesDocument",
    "StancesResult",
    "list_stances",
    "stance_row",
]


class FrozenRow(BaseModel):
    """Base of the rows of the reader's documents: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class QuoteRow(FrozenRow):
    """One quote behind a stance, with its source and the person who said it (if named)."""

    source: str
    source_title: str | None = None
    quote: str
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_basis: str | None = None


class StanceRow(FrozenRow):
    """One stance as a flat row (``index`` is its position in ``stances.yaml``, from 0)."""

    index: int
    party: str
    party_name: str
    issue: str
    issue_title: str
    ideal: str | None = None
    red_lines: list[str] = []
    acceptable: list[str] = []
    conditional: list[str] = []
    salience: float | None = None
    confidence: float
    as_of: str | None = None
    speaker: str | None = None
    quote: str | None = None
    source: str | None = None
    quotes: list[QuoteRow] = []
    basis: dict[str, str] = {}
    inference: str | None = None
    assumption: str | None = None
    notes: str | None = None

    @property
    def is_known(self) -> bool:
        """True where the stance says anything about the options."""
        return bool(self.ideal or self.red_lines or self.acceptable or self.conditional)


#: Columns of the flat table (text and CSV), in order.
STANCE_COLUMNS = (
    "party",
    "issue",
    "ideal",
    "red_lines",
    "acceptable",
    "salience",
    "confidence",
    "as_of",
    "speaker",
    "quote",
    "source",
    "basis",
)


def stance_row(corpus: Corpus, stance: Stance, index: int) -> StanceRow:
    """The row of one stance (``index``: its position in ``corpus.stances``)."""
    parties = {p.id: p.name for p in corpus.parties}
    issues = {i.id: i.title for i in corpus.issues}
    titles = {s.id: s.title for s in corpus.sources}
    quotes = []
    for e in stance.evidence:
        speaker = find_speaker(corpus, stance.party, e, notes=stance.notes)
        quotes.append(
            QuoteRow(
                source=e.source,
                source_title=titles.get(e.source),
                quote=e.quote,
                speaker=speaker.name if speaker else None,
                speaker_role=speaker.role if speaker else None,
                speaker_basis=speaker.basis if speaker else None,
            )
        )
    first = quotes[0] if quotes else None
    return StanceRow(
        index=index,
        party=stance.party,
        party_name=parties.get(stance.party, stance.party),
        issue=stance.issue,
        issue_title=issues.get(stance.issue, stance.issue),
        ideal=stance.ideal,
        red_lines=list(stance.red_lines),
        acceptable=list(stance.acceptable),
        conditional=[f"{c.option} if {c.condition}" for c in stance.conditional],
        salience=stance.salience,
        confidence=stance.confidence,
        as_of=stance.as_of.isoformat() if stance.as_of else None,
        speaker=next((q.speaker for q in quotes if q.speaker), None),
        quote=first.quote if first else None,
        source=first.source if first else None,
        quotes=quotes,
        basis=dict(stance.field_bases()),
        inference=stance.inference,
        assumption=stance.assumption,
        notes=stance.notes,
    )


class StancesDocument(Document):
    """The ``accords stances`` document."""

    kind: ClassVar[str] = "stances"
    filters: dict[str, str | None]
    include_unknown: bool
    n_stances: int
    columns: list[str]
    stances: list[StanceRow]


@dataclass(frozen=True)
class StancesResult:
    """The stances that match the filters, in corpus order."""

    party: str | None
    issue: str | None
    source: str | None
    include_unknown: bool
    rows: tuple[StanceRow, ...]

    def to_record(self) -> dict[str, Any]:
        """The versioned ``stances`` document."""
        return StancesDocument.build(
            filters={"party": self.party, "issue": self.issue, "source": self.source},
            include_unknown=self.include_unknown,
            n_stances=len(self.rows),
            columns=list(STANCE_COLUMNS),
            stances=list(self.rows),
        )

    def table(self) -> list[dict[str, Any]]:
        """One flat dict per stance with :data:`STANCE_COLUMNS` (the CSV rows)."""
        return [{c: getattr(row, c) for c in STANCE_COLUMNS} for row in self.rows]


def list_stances(
    corpus: Corpus,
    *,
    party: str | None = None,
    issue: str | None = None,
    source: str | None = None,
    include_unknown: bool = False,
) -> StancesResult:
    """Every stance of a party, on an issue, or quoting a source (filters combine).

    The party filter matches the party id exactly (not its groups or members), so that each
    row is that party's own reported stance. Placeholder stances that say nothing ("no
    evidence in the corpus") are left out unless ``include_unknown``.

    Raises
    ------
    UnknownPartyError, UnknownIssueError, UnknownSourceError
        For a filter the corpus does not know.

    Examples
    --------
    >>> from accords import load_corpus
    >>> result = list_stances(load_corpus(), issue="nato-membership")
    >>> sorted({row.party for row in result.rows})
    ['europe', 'russia', 'ukraine', 'us']
    """
    if party is not None:
        corpus.party(party)
    if issue is not None:
        corpus.issue(issue)
    if source is not None:
        corpus.source(source)
    rows = []
    for index, stance in enumerate(corpus.stances):
        if party is not None and stance.party != party:
            continue
        if issue is not None and stance.issue != issue:
            continue
        if source is not None and all(e.source != source for e in stance.evidence):
            continue
        if not include_unknown and not stance.is_known:
            continue
        rows.append(stance_row(corpus, stance, index))
    return StancesResult(party, issue, source, include_unknown, tuple(rows))
