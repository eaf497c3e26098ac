"""Readers and writers of the field's formats: GENIUS, KTAB, DEU, plain CSV, events, PLOVER.

One module per format (as in ``networkx.readwrite``). Each reader parses a file at the edge
into the typed model of its topic and reports every defect with its file and line.
"""

__all__: list[str] = []
