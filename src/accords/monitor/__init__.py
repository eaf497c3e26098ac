"""accords.monitor."""
