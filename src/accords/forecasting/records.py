"""The record of a forecast: the frozen :class:`ForecastReport` and its JSON document.

:func:`~accords.forecasting.pipeline.forecast_corpus` and
:func:`~accords.forecasting.pipeline.forecast_file` return a :class:`ForecastReport`;
:meth:`ForecastReport.to_record` builds the versioned :class:`ForecastDocument` (what
``accords forecast --format json`` prints) and :meth:`ForecastReport.to_rows` the flat table of
``--format csv`` (:data:`CSV_COLUMNS`).

Point and median
----------------
Each forecast row carries the *point* forecast (the model run on the most likely inputs) and,
where there are draws, the *median* of the draws with their 50 % and 90 % intervals. The two
need not agree: where a range is clipped at an end of the 0-100 scale (a party at 0 or 100 held
with less than full confidence), the draws can only move inwards, and the distribution of the
outcome shifts away from the point. The point can then fall outside the 90 % interval; such a
row has ``point_outside_90: true`` and the issue a note saying so (:data:`POINT_OUTSIDE_NOTE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from accords.model.documents import Document

__all__ = ["CSV_COLUMNS", "POINT_OUTSIDE_NOTE", "ForecastDocument", "ForecastReport"]

#: The note added to an issue where a point forecast lies outside its own 90 % interval.
POINT_OUTSIDE_NOTE = (
    "the point forecast (the model on the most likely inputs) lies outside the 90 % interval "
    "of the draws: ranges clipped at an end of the 0-100 scale let the draws move only "
    "inwards, so the outcomes shift away from the point; read the median and the interval "
    "as the forecast under uncertainty"
)

#: Columns of :meth:`ForecastReport.to_rows` (``--format csv``), in order.
CSV_COLUMNS: tuple[str, ...] = (
    "issue",
    "model",
    "dimension",
    "point",
    "point_option",
    "median",
    "nearest_option",
    "interval_50_low",
    "interval_50_high",
    "interval_90_low",
    "interval_90_high",
    "point_outside_90",
    "n_draws",
    "n_failed",
    "outcome",
    "absolute_error",
    "failure",
)


class ForecastDocument(Document):
    """The JSON document of ``accords forecast``: run options, one record per issue, accuracy.

    ``corpus`` is set for a corpus run, ``input`` and ``format`` for a file; each entry of
    ``issues`` holds the actors, one forecast row per model and dimension (``point``,
    ``median``, intervals, ``point_outside_90``, nearest options, ...), and for a corpus the
    agreements set against the forecast.
    """

    kind: ClassVar[str] = "forecast"

    corpus: str | None = None
    input: str | None = None
    format: str | None = None
    models: list[str]
    draws: int | None
    draws_per_model: dict[str, int]
    seed: int
    scheduler: str | None = None
    n_issues: int
    notes: list[str]
    accuracy: list[dict[str, Any]]
    issues: list[dict[str, Any]]


@dataclass(frozen=True)
class ForecastReport:
    """What :func:`forecast_corpus` and :func:`forecast_file` return (frozen).

    Attributes
    ----------
    models : tuple of str
        Registry names of the models run, in order.
    issues : tuple of dict
        One JSON-ready record per issue or problem (see :class:`ForecastDocument`).
    accuracy : tuple of dict
        Per model, the mean and median absolute error where real outcomes are known.
    """

    models: tuple[str, ...]
    draws: int | None
    draws_per_model: dict[str, int]
    seed: int
    issues: tuple[dict[str, Any], ...]
    accuracy: tuple[dict[str, Any], ...] = ()
    notes: tuple[str, ...] = ()
    corpus: str | None = None
    input: str | None = None
    format: str | None = None
    scheduler: str | None = None

    @property
    def source(self) -> str:
        """The corpus id or the input file."""
        return self.corpus or self.input or ""

    def to_record(self) -> dict[str, Any]:
        """The versioned JSON document (what ``--format json`` prints)."""
        return ForecastDocument.build(
            corpus=self.corpus,
            input=self.input,
            format=self.format,
            models=list(self.models),
            draws=self.draws,
            draws_per_model=dict(self.draws_per_model),
            seed=self.seed,
            scheduler=self.scheduler,
            n_issues=len(self.issues),
            notes=list(self.notes),
            accuracy=list(self.accuracy),
            issues=list(self.issues),
        )

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per issue, model and dimension, with the :data:`CSV_COLUMNS`."""
        rows = []
        for record in self.issues:
            for f in record.get("forecasts", []):
                i50 = f.get("interval_50") or [None, None]
                i90 = f.get("interval_90") or [None, None]
                row = {column: f.get(column) for column in CSV_COLUMNS}
                row.update(
                    issue=record["issue"],
                    interval_50_low=i50[0],
                    interval_50_high=i50[1],
                    interval_90_low=i90[0],
                    interval_90_high=i90[1],
                )
                rows.append(row)
        return rows
