"""Readers and writers of the field's formats: GENIUS, KTAB, DEU, plain CSV, events, PLOVER.

One module per format (as in ``networkx.readwrite``). Each reader parses a file at the edge
into the typed model of its topic and reports every defect with its file and line.
"""

from accords.readwrite.genius import (
    GeniusProfile,
    GeniusScenario,
    normalise_evaluations,
    parse_genius_domain,
    parse_genius_profile,
    read_genius,
    scenario_from_genius,
)
from accords.readwrite.values import parse_option_values, read_option_values

__all__ = [
    "GeniusProfile",
    "GeniusScenario",
    "normalise_evaluations",
    "parse_genius_domain",
    "parse_genius_profile",
    "parse_option_values",
    "read_genius",
    "read_option_values",
    "scenario_from_genius",
]
