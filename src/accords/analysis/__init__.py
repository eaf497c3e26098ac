"""Analyses of agreements: who must act, acceptability to each party, and version diffs.

Pure functions over the core model (no input or output):

* :func:`who_must_act` — the parties each provision depends on, drafters, outside parties;
* :func:`assess_acceptability` — the party x provision verdicts with reasons and evidence;
* :func:`diff_agreements` — provisions and issue options aligned between two versions.
"""

from accords.analysis.acceptability import (
    VERDICTS,
    AcceptabilityMatrix,
    Cell,
    IssueJudgement,
    PartySummary,
    VariantVerdict,
    Verdict,
    assess_acceptability,
    judge_option,
)
from accords.analysis.deps import (
    AgreementDeps,
    PartyDependence,
    PartyRole,
    ProvisionDeps,
    dependence_on,
    negotiating_parties,
    parties_at_table,
    who_must_act,
)
from accords.analysis.diff import (
    MIN_TEXT_SIMILARITY,
    AgreementDiff,
    IssueChange,
    ProvisionChange,
    diff_agreements,
    text_similarity,
)

__all__ = [
    "MIN_TEXT_SIMILARITY",
    "VERDICTS",
    "AcceptabilityMatrix",
    "AgreementDeps",
    "AgreementDiff",
    "Cell",
    "IssueChange",
    "IssueJudgement",
    "PartyDependence",
    "PartyRole",
    "PartySummary",
    "ProvisionChange",
    "ProvisionDeps",
    "VariantVerdict",
    "Verdict",
    "assess_acceptability",
    "dependence_on",
    "diff_agreements",
    "judge_option",
    "negotiating_parties",
    "parties_at_table",
    "text_similarity",
    "who_must_act",
]
