"""Finding things in a corpus: profiles of parties, issues and sources, stances, search.

Pure lookups over the model, one per reader's command:

* :func:`party_profile`, :func:`issue_profile`, :func:`source_profile` — ``accords show``;
* :func:`list_stances` — ``accords stances``;
* :func:`search_corpus` — ``accords search`` (ranked, fuzzy on names; other kinds of
  document, such as process events, can be searched alongside through ``extra``).
"""

from accords.explore.events import event_items, search_with_events
from accords.explore.profiles import (
    Citation,
    IssueProfile,
    OptionView,
    PartyProfile,
    PartyProvision,
    SourceProfile,
    issue_profile,
    party_profile,
    source_profile,
)
from accords.explore.search import (
    SearchDocument,
    SearchHit,
    SearchItem,
    SearchResult,
    corpus_documents,
    search_corpus,
)
from accords.explore.stances import (
    STANCE_COLUMNS,
    QuoteRow,
    StanceRow,
    StancesDocument,
    StancesResult,
    list_stances,
)
from accords.explore.views import (
    AgreementDocument,
    AgreementView,
    ProvisionDocument,
    ProvisionView,
    agreement_view,
    provision_view,
)

__all__ = [
    "STANCE_COLUMNS",
    "AgreementDocument",
    "AgreementView",
    "Citation",
    "IssueProfile",
    "OptionView",
    "PartyProfile",
    "PartyProvision",
    "ProvisionDocument",
    "ProvisionView",
    "QuoteRow",
    "SearchDocument",
    "SearchHit",
    "SearchItem",
    "SearchResult",
    "SourceProfile",
    "StanceRow",
    "StancesDocument",
    "StancesResult",
    "agreement_view",
    "corpus_documents",
    "event_items",
    "issue_profile",
    "list_stances",
    "party_profile",
    "provision_view",
    "search_corpus",
    "search_with_events",
    "source_profile",
]
