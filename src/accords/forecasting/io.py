"""Moved to :mod:`accords.readwrite.forecast_csv`; the names stay importable from here and from
:mod:`accords.forecasting`."""

from accords.readwrite.forecast_csv import (
    DeuDataset,
    DeuIssue,
    ForecastInput,
    ForecastProblem,
    InputFormat,
    detect_input_format,
    parse_deu,
    parse_forecast_input,
    parse_plain_csv,
    read_deu,
    read_forecast_input,
    read_plain_csv,
)

__all__ = [
    "DeuDataset",
    "DeuIssue",
    "ForecastInput",
    "ForecastProblem",
    "InputFormat",
    "detect_input_format",
    "parse_deu",
    "parse_forecast_input",
    "parse_plain_csv",
    "read_deu",
    "read_forecast_input",
    "read_plain_csv",
]
