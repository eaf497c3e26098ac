"""Large sweeps on a Dask cluster: a mapper that hands chunks of work to Dask workers.

:func:`accords.forecasting.montecarlo.monte_carlo` cuts its draws into chunks and evaluates
them with a *mapper*: the built-in :func:`map` in-process, or a :class:`DaskMapper` on a
cluster. The draws are made before the chunks are handed out and each chunk is a pure function
of its inputs, so a run gives the same numbers in-process and on any cluster.

``scheduler`` names the cluster: ``"local"`` (or None) starts a
:class:`distributed.LocalCluster` on this machine for the lifetime of the mapper; an address
such as ``"tcp://10.0.0.5:8786"`` connects to a running scheduler (``dask scheduler`` and
``dask worker`` on the machines; the workers need accords installed).

Examples
--------
>>> from accords.forecasting.base import Actors
>>> from accords.forecasting.compromise import CompromiseModel
>>> from accords.forecasting.montecarlo import ActorRanges, monte_carlo
>>> ranges = ActorRanges.from_confidence(
...     Actors.from_columns(["a", "b"], [1, 1], [20, 80], [1.0, 1.0]), [0.5, 0.5])
>>> with DaskMapper("local", n_workers=1, processes=False) as mapper:  # doctest: +SKIP
...     on_cluster = monte_carlo(CompromiseModel(), ranges, n_draws=100, seed=1, mapper=mapper)
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

from accords.exceptions import ModelSpecificationError

__all__ = ["DaskMapper"]

T = TypeVar("T")
R = TypeVar("R")

_CONNECT_TIMEOUT = "10s"


class DaskMapper:
    """Map a function over items on a Dask cluster, yielding the results in order.

    Use as a context manager: entering starts (``"local"``) or connects to (an address) the
    cluster, leaving closes the client and any cluster it started.

    Parameters
    ----------
    scheduler : str or None, default None
        ``"local"`` or None: a LocalCluster on this machine; otherwise the address of a
        running scheduler (``tcp://host:8786``).
    n_workers : int, optional
        Workers of a local cluster (default: Dask's choice, one per core).
    processes : bool, default True
        Local cluster only: workers in processes (True) or threads of this process (False).
    threads_per_worker : int, default 1
        Local cluster only.
    timeout : str or float, default "10s"
        How long to try to reach a remote scheduler.

    Raises
    ------
    ModelSpecificationError
        On entering, if the scheduler cannot be reached.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        n_workers: int | None = None,
        processes: bool = True,
        threads_per_worker: int = 1,
        timeout: str | float = _CONNECT_TIMEOUT,
    ) -> None:
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.processes = processes
        self.threads_per_worker = threads_per_worker
        self.timeout = timeout
        self._client: Any = None
        self._cluster: Any = None

    @property
    def is_local(self) -> bool:
        """True when the mapper starts its own local cluster."""
        return self.scheduler in (None, "", "local")

    def __enter__(self) -> Self:
        from distributed import Client, LocalCluster

        if self.is_local:
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.n_workers,
                processes=self.processes,
                threads_per_worker=self.threads_per_worker,
                dashboard_address=None,
            )
            self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
        else:
            try:
                # Reach the scheduler before building a Client: a Client whose connection
                # fails is left half-made, and its finaliser can deadlock on its event loop.
                _check_reachable(str(self.scheduler), self.timeout)
                self._client = Client(  # type: ignore[no-untyped-call]
                    self.scheduler, timeout=self.timeout
                )
            except (OSError, ValueError, TypeError) as err:
                raise ModelSpecificationError(
                    f"scheduler {self.scheduler!r}: cannot reach a Dask scheduler there ({err}); "
                    "start one with `dask scheduler` and give its address, e.g. "
                    "tcp://127.0.0.1:8786, or use 'local'"
                ) from err
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the client and any local cluster (idempotent)."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def dashboard_link(self) -> str | None:
        """The cluster's dashboard address, where there is one."""
        if self._client is None:
            return None
        link = getattr(self._client, "dashboard_link", None)
        return str(link) if link else None

    def __call__(self, func: Callable[[T], R], items: Sequence[T], /) -> Iterator[R]:
        """Submit ``func`` over ``items``; yield the results in the order of ``items``."""
        if self._client is None:
            raise ModelSpecificationError(
                "DaskMapper: use it inside a `with` block (the cluster is not started)"
            )
        futures = self._client.map(func, list(items), pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.release()


def _check_reachable(address: str, timeout: str | float) -> None:
    """Raise ``ValueError`` for a malformed address, ``OSError`` for one nobody listens on."""
    from dask.utils import parse_timedelta

    scheme, sep, rest = address.partition("://")
    if not sep or scheme not in {"tcp", "tls", "ws", "wss"}:
        raise ValueError("expected tcp://HOST:PORT (or tls://, ws://, wss://)")
    host, colon, port = rest.rstrip("/").rpartition(":")
    if not colon or not port.isdigit() or not host:
        raise ValueError("expected tcp://HOST:PORT (or tls://, ws://, wss://)")
    seconds = parse_timedelta(timeout, default="seconds")
    with socket.create_connection((host.strip("[]"), int(port)), timeout=seconds):
        pass
