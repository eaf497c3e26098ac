"""accords.analysis."""
