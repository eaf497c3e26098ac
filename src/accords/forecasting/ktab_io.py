"""Moved to :mod:`accords.readwrite.ktab`; the names stay importable from here and from
:mod:`accords.forecasting`."""

from accords.readwrite.ktab import KtabScenario, parse_ktab_csv, read_ktab_csv

__all__ = ["KtabScenario", "parse_ktab_csv", "read_ktab_csv"]
