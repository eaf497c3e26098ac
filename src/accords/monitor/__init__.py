"""Implementation monitoring: is a signed plan being kept?

Events (:mod:`~accords.monitor.events`, close to the PLOVER standard) are replayed against an
agreement's own mechanisms, which the corpus states as data (conditions, deadlines, triggers),
and every provision moves through an explicit lifecycle (:mod:`~accords.monitor.lifecycle`).
:func:`replay` reports each provision's state, the event behind every transition, the triggers
that fired and a Peace Accords Matrix score (:mod:`~accords.monitor.pam`).
:func:`frozen_funds_waterfall` computes point 14's allocation of frozen assets.

The core here is pure; reading files is in :mod:`~accords.monitor.io` and the event database
in :mod:`accords.monitor.store` (SQLAlchemy), which this package does not import.

Examples
--------
>>> from accords.monitor import Event, replay
>>> Event(id="e", date="2026-01-01", type="ELECTION", actors=("ukraine",)).type
'ELECTION'
"""

from accords.monitor.application import (
    EventFileIngest,
    MonitorStatus,
    MonitorTimeline,
    ScenarioReplay,
    WaterfallReport,
    add_event_file,
    add_event_records,
    monitor_status,
    monitor_timeline,
    monitor_waterfall,
    replay_scenario,
)
from accords.monitor.engine import check_agreement, members_of_corpus, replay
from accords.monitor.events import (
    ACCORDS_EVENT_TYPES,
    ATTRIBUTE_TYPES,
    CERTAINTY_RANK,
    EVENT_TYPES,
    PLOVER_EVENT_TYPES,
    Event,
    EventEvidence,
    Location,
    canonical_json,
    content_hash,
)
from accords.monitor.io import (
    EventDefect,
    Scenario,
    check_actors,
    iter_event_file,
    parse_events_jsonl,
    parse_scenario,
    read_events,
    read_scenario,
)
from accords.monitor.lifecycle import (
    PROVISION_STATES,
    TRANSITIONS,
    Cause,
    ProvisionState,
    next_state,
)
from accords.monitor.pam import PAM_LEVELS, PamScore, pam_aggregate, pam_points
from accords.monitor.patterns import EventTable, event_matches, pattern_mask
from accords.monitor.process import parse_process_events, process_events
from accords.monitor.results import (
    AppliedEffect,
    Milestone,
    MonitorReport,
    ProvisionStatus,
    TimelineEntry,
    Transition,
    TriggerFiring,
)
from accords.monitor.waterfall import Waterfall, WaterfallLine, allocate, frozen_funds_waterfall
from accords.readwrite.plover import event_from_plover, event_to_plover

__all__ = [
    "ACCORDS_EVENT_TYPES",
    "ATTRIBUTE_TYPES",
    "CERTAINTY_RANK",
    "EVENT_TYPES",
    "PAM_LEVELS",
    "PLOVER_EVENT_TYPES",
    "PROVISION_STATES",
    "TRANSITIONS",
    "AppliedEffect",
    "Cause",
    "Event",
    "EventDefect",
    "EventEvidence",
    "EventFileIngest",
    "EventTable",
    "Location",
    "Milestone",
    "MonitorReport",
    "MonitorStatus",
    "MonitorTimeline",
    "PamScore",
    "ProvisionState",
    "ProvisionStatus",
    "Scenario",
    "ScenarioReplay",
    "TimelineEntry",
    "Transition",
    "TriggerFiring",
    "Waterfall",
    "WaterfallLine",
    "WaterfallReport",
    "add_event_file",
    "add_event_records",
    "allocate",
    "canonical_json",
    "check_actors",
    "check_agreement",
    "content_hash",
    "event_from_plover",
    "event_matches",
    "event_to_plover",
    "frozen_funds_waterfall",
    "iter_event_file",
    "members_of_corpus",
    "monitor_status",
    "monitor_timeline",
    "monitor_waterfall",
    "next_state",
    "pam_aggregate",
    "pam_points",
    "parse_events_jsonl",
    "parse_process_events",
    "parse_scenario",
    "pattern_mask",
    "process_events",
    "read_events",
    "read_scenario",
    "replay",
    "replay_scenario",
]
