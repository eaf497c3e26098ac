"""The protocol every forecasting model follows, its base class, and the actor table they read.

Like a scikit-learn estimator: parameters in ``__init__`` (keyword-only), work in ``fit``,
learned attributes end in ``_``, ``predict`` returns a :class:`Forecast` with the full trajectory.

:class:`BaseForecastModel` gives every model of the package the estimator's housekeeping:
:meth:`~BaseForecastModel.get_params` (the constructor's parameters, read back),
:meth:`~BaseForecastModel.clone` (an unfitted copy, optionally with another seed), parameter
checks derived from the ``Literal`` annotations of the constructor
(:meth:`~BaseForecastModel.check_params`), and capability tags (:class:`ModelTags`) that say how
a model is run: in bulk (``batch``), with a seed per draw (``stochastic``), or only on actors
that care (``needs_salience``).

Examples
--------
>>> from typing import Literal
>>> class Toy(BaseForecastModel):
...     name = "toy"
...     def __init__(self, *, rule: Literal["a", "b"] = "a", seed: int | None = None) -> None:
...         self.rule = rule
...         self.seed = seed
>>> Toy(rule="b").get_params()
{'rule': 'b', 'seed': None}
>>> Toy(rule="b").clone(seed=4).get_params()
{'rule': 'b', 'seed': 4}
>>> Toy.param_choices()
{'rule': ('a', 'b')}
>>> Toy(rule="c").check_params()
Traceback (most recent call last):
...
accords.exceptions.ModelSpecificationError: Toy: rule must be one of a, b; got 'c'
"""

from __future__ import annotations

import inspect
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Protocol, Self, Union, get_args, get_origin

import numpy as np
from numpy.typing import NDArray

from accords.exceptions import ModelSpecificationError

__all__ = ["Actors", "BaseForecastModel", "Forecast", "ForecastModel", "ModelTags", "model_tags"]

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


@dataclass(frozen=True)
class ModelTags:
    """What a model can do, read by the code that runs it (never ``hasattr``/``isinstance``).

    Parameters
    ----------
    batch : bool, default False
        The model has ``predict_batch(capability, position, salience)``: Monte Carlo draws are
        evaluated in one array operation (many draws are cheap).
    stochastic : bool, default False
        The model takes a ``seed``: fitted draw by draw, each draw gets its own seed.
    needs_salience : bool, default False
        Every actor must care about some dimension: actors whose salience is 0 everywhere are
        left out before the model runs (KTAB's SMP requires it).
    """

    batch: bool = False
    stochastic: bool = False
    needs_salience: bool = False


def model_tags(model: object) -> ModelTags:
    """The tags of a model (of its class); a model outside :class:`BaseForecastModel` has none.

    >>> model_tags(object())
    ModelTags(batch=False, stochastic=False, needs_salience=False)
    """
    tags = getattr(type(model), "tags", None)
    return tags if isinstance(tags, ModelTags) else ModelTags()


def _literal_choices(annotation: Any) -> tuple[object, ...] | None:
    """The values a ``Literal`` annotation (possibly inside ``X | None``) allows, else None."""
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        choices: list[object] = []
        for arg in get_args(annotation):
            if arg is type(None):
                choices.append(None)
                continue
            inner = _literal_choices(arg)
            if inner is None:
                return None
            choices.extend(inner)
        return tuple(choices)
    return None


class BaseForecastModel:
    """Base of the package's forecasting models (scikit-learn's ``BaseEstimator``, in small).

    A subclass sets ``name`` (the name its forecasts carry) and ``tags``, takes its parameters
    keyword-only in ``__init__`` and stores each under its own name; ``Literal`` annotations of
    the constructor are the allowed values, checked by :meth:`check_params`.
    """

    name: str = ""
    tags: ClassVar[ModelTags] = ModelTags()

    def fit(self, actors: Actors) -> Self:
        """Run the model on ``actors``; store learned attributes (ending in ``_``)."""
        raise NotImplementedError

    def predict(self) -> Forecast:
        """Return the forecast of the last :meth:`fit`."""
        raise NotImplementedError

    @classmethod
    def param_names(cls) -> tuple[str, ...]:
        """The constructor's parameters, in order."""
        signature = inspect.signature(cls.__init__)
        return tuple(p for p in signature.parameters if p != "self")

    @classmethod
    def param_choices(cls) -> dict[str, tuple[object, ...]]:
        """The allowed values of each parameter annotated with a ``Literal``."""
        hints = typing.get_type_hints(cls.__init__)
        choices = {}
        for name in cls.param_names():
            allowed = _literal_choices(hints.get(name))
            if allowed is not None:
                choices[name] = allowed
        return choices

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters and their current values."""
        return {name: getattr(self, name) for name in self.param_names()}

    def clone(self, *, seed: object = None) -> Self:
        """An unfitted copy with the same parameters; ``seed`` replaces the seed where given.

        A model without a ``seed`` parameter (a deterministic one) ignores ``seed``.
        """
        params = self.get_params()
        if seed is not None and "seed" in params:
            params["seed"] = seed
        return type(self)(**params)

    def check_params(self) -> None:
        """Check every ``Literal`` parameter against its allowed values.

        Raises
        ------
        ModelSpecificationError
            Naming the model, the parameter, the allowed values and the value given.
        """
        for name, allowed in self.param_choices().items():
            value = getattr(self, name)
            if not any(value == choice and type(value) is type(choice) for choice in allowed):
                shown = ", ".join("None" if c is None else str(c) for c in allowed)
                raise ModelSpecificationError(
                    f"{type(self).__name__}: {name} must be one of {shown}; got {value!r}"
                )

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"
