"""The typed core model of accords: frozen, strictly typed records with no input or output."""

from accords.model._base import AgreementId, IssueId, OptionId, PartyId, SourceId
from accords.model.agreements import Agreement, AgreementStatus, Attribution, AttributionRole
from accords.model.basis import BASES, Basis, weakest_basis
from accords.model.conditions import (
    AttributeTest,
    Condition,
    Deadline,
    Effect,
    EventPattern,
    ProvisionStateTest,
    Trigger,
)
from accords.model.corpus import Corpus
from accords.model.issues import Issue, Option
from accords.model.parties import Party, PartyKind, Representative
from accords.model.provisions import Ambiguity, Modality, Provision, Quantity, Settlement, Variant
from accords.model.sources import Evidence, Source, SourceKind
from accords.model.stances import (
    Clout,
    ConditionalAcceptance,
    PositionRange,
    Reservation,
    Stance,
)

__all__ = [
    "BASES",
    "Agreement",
    "AgreementId",
    "AgreementStatus",
    "Ambiguity",
    "AttributeTest",
    "Attribution",
    "AttributionRole",
    "Basis",
    "Clout",
    "Condition",
    "ConditionalAcceptance",
    "Corpus",
    "Deadline",
    "Effect",
    "EventPattern",
    "Evidence",
    "Issue",
    "IssueId",
    "Modality",
    "Option",
    "OptionId",
    "Party",
    "PartyId",
    "PartyKind",
    "PositionRange",
    "Provision",
    "ProvisionStateTest",
    "Quantity",
    "Representative",
    "Reservation",
    "Settlement",
    "Source",
    "SourceId",
    "SourceKind",
    "Stance",
    "Trigger",
    "Variant",
    "weakest_basis",
]
