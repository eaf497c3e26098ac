"""accords.bargaining."""
