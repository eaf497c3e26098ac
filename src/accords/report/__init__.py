"""accords.report."""
