"""The one place where ``seed`` becomes a random generator."""

from __future__ import annotations

import numpy as np

from accords.exceptions import ModelSpecificationError

__all__ = ["Seed", "as_generator"]

Seed = int | np.random.Generator | None


def as_generator(seed: Seed) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` for ``seed``.

    An integer gives a reproducible generator, a generator is returned as is, None draws fresh
    entropy.

    Examples
    --------
    >>> bool(as_generator(7).integers(100) == as_generator(7).integers(100))
    True
    >>> as_generator(-1)
    Traceback (most recent call last):
    ...
    accords.exceptions.ModelSpecificationError: seed must be a non-negative integer; got -1

    Raises
    ------
    ModelSpecificationError
        If ``seed`` is a negative integer (numpy accepts only seeds >= 0).
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, int) and seed < 0:
        raise ModelSpecificationError(f"seed must be a non-negative integer; got {seed}")
    return np.random.default_rng(seed)
