"""Embedded corpora shipped with accords (data only)."""
