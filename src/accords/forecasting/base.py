"""The protocol every forecasting model follows, and the actor table they read.

Like a scikit-learn estimator: parameters in ``__init__`` (keyword-only), work in ``fit``,
learned attributes end in ``_``, ``predict`` returns a :class:`Forecast` with the full trajectory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Self

import numpy as np
from numpy.typing import NDArray

from accords.exceptions import ModelSpecificationError

__all__ = ["Actors", "Forecast", "ForecastModel"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Actors:
    """The actors of one forecasting problem.

    Parameters
    ----------
    names : tuple of str
        One name per actor (n actors).
    capability : ndarray of shape (n,)
        Clout, non-negative (any scale; models normalise as they need).
    position : ndarray of shape (n, d)
        Positions on each of d dimensions, on the 0-100 scale.
    salience : ndarray of shape (n, d)
        Saliences in [0, 1].
    dimensions : tuple of str
        One name per dimension (issue ids where they come from a corpus).

    Examples
    --------
    >>> a = Actors.from_columns(["a", "b"], [1, 2], [0, 100], [0.5, 1.0])
    >>> a.n_actors, a.n_dimensions
    (2, 1)
    """

    names: tuple[str, ...]
    capability: FloatArray
    position: FloatArray
    salience: FloatArray
    dimensions: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        n = len(self.names)
        cap = np.asarray(self.capability, dtype=np.float64)
        pos = np.asarray(self.position, dtype=np.float64)
        sal = np.asarray(self.salience, dtype=np.float64)
        if pos.ndim == 1:
            pos = pos[:, None]
        if sal.ndim == 1:
            sal = sal[:, None]
        if cap.shape != (n,):
            raise ModelSpecificationError(f"capability: expected shape ({n},), got {cap.shape}")
        if pos.shape[0] != n or sal.shape != pos.shape:
            raise ModelSpecificationError(
                f"position and salience: expected shape ({n}, d) each, "
                f"got {pos.shape} and {sal.shape}"
            )
        if np.any(cap < 0) or not np.all(np.isfinite(cap)):
            raise ModelSpecificationError("capability: expected finite values >= 0")
        if np.any(sal < 0) or np.any(sal > 1) or not np.all(np.isfinite(sal)):
            raise ModelSpecificationError("salience: expected values in [0, 1]")
        if not np.all(np.isfinite(pos)):
            raise ModelSpecificationError("position: expected finite values")
        dims = self.dimensions or tuple(f"dim{k + 1}" for k in range(pos.shape[1]))
        if len(dims) != pos.shape[1]:
            raise ModelSpecificationError(
                f"dimensions: expected {pos.shape[1]} names, got {len(dims)}"
            )
        object.__setattr__(self, "capability", cap)
        object.__setattr__(self, "position", pos)
        object.__setattr__(self, "salience", sal)
        object.__setattr__(self, "dimensions", tuple(dims))

    @classmethod
    def from_columns(
        cls,
        names: list[str] | tuple[str, ...],
        capability: object,
        position: object,
        salience: object,
        *,
        dimensions: tuple[str, ...] = (),
    ) -> Actors:
        """Build from array-likes (one dimension when position is 1-D)."""
        return cls(
            tuple(names),
            np.asarray(capability, dtype=np.float64),
            np.asarray(position, dtype=np.float64),
            np.asarray(salience, dtype=np.float64),
            dimensions,
        )

    @property
    def n_actors(self) -> int:
        return len(self.names)

    @property
    def n_dimensions(self) -> int:
        return int(self.position.shape[1])


@dataclass(frozen=True)
class Forecast:
    """A model's forecast.

    Parameters
    ----------
    model : str
        Name of the model that made it.
    outcome : ndarray of shape (d,)
        Forecast position on each dimension (0-100 scale).
    trajectory : ndarray of shape (t, n, d)
        Every actor's position at every round (t = 1 for one-shot models).
    n_rounds : int
        Rounds run (0 for one-shot models).
    converged : bool
        Whether the model's own stopping rule was met.
    details : dict
        Model-specific extras (per-round medians and means, probabilities, ...).
    """

    model: str
    outcome: FloatArray
    trajectory: FloatArray
    n_rounds: int = 0
    converged: bool = True
    details: dict[str, object] = field(default_factory=dict)


class ForecastModel(Protocol):
    """What every forecasting model provides."""

    name: str

    def fit(self, actors: Actors) -> Self:
        """Run the model on ``actors``; store learned attributes (ending in ``_``)."""
        ...

    def predict(self) -> Forecast:
        """Return the forecast of the last :meth:`fit`."""
        ...
