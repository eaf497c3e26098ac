"""Large sweeps on a Dask cluster: a mapper that hands chunks of work to Dask workers.

:func:`accords.forecasting.montecarlo.monte_carlo` cuts its draws into chunks and evaluates
them with a *mapper*: the built-in :func:`map` in-process, or a :class:`DaskMapper` on a
cluster. The draws are made before the chunks are handed out and each chunk is a pure function
of its inputs, so a run gives the same numbers in-process and on any cluster.

``scheduler`` names the cluster: ``"local"`` (or None) starts a
:class:`distributed.LocalCluster` on this machine for the lifetime of the mapper; an address
such as ``"tcp://10.0.0.5:8786"`` connects to a running scheduler (``dask scheduler`` and
``dask worker`` on the machines; the workers need accords installed).

Before a :class:`distributed.Client` is built, the address is checked: it must be well formed,
something must listen there, and for ``tcp://`` it must greet like a Dask scheduler: a Dask
server writes its handshake as soon as a connection opens, a small length-prefixed frame
(:func:`_check_dask_greeting`). Anything else (an HTTP server, which waits for a request and
answers 400 to Dask's bytes, a server that stays silent) is refused with
:class:`~accords.exceptions.ModelSpecificationError` before Dask reads a length from it (a
Client reading ``HTTP/1.1`` as a frame length once asked for 3 EiB). The wait is ``timeout``
(default: Dask's ``distributed.comm.timeouts.connect``, e.g. from
``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s``).

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
import struct
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

from accords.exceptions import ModelSpecificationError

__all__ = ["DaskMapper"]

T = TypeVar("T")
R = TypeVar("R")

#: Largest greeting accepted from a scheduler (a Dask handshake is a few hundred bytes).
_MAX_GREETING = 1 << 16
_MAX_FRAMES = 64


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
    timeout : str or float, optional
        How long to wait for a remote scheduler to answer (default: Dask's
        ``distributed.comm.timeouts.connect``).

    Raises
    ------
    ModelSpecificationError
        On entering, if the address is malformed, nothing listens there, or what listens does
        not greet like a Dask scheduler.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        n_workers: int | None = None,
        processes: bool = True,
        threads_per_worker: int = 1,
        timeout: str | float | None = None,
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
                dashboard_address=":0",  # a free port: never a clash with another cluster
            )
            self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
        else:
            try:
                # Reach the scheduler before building a Client: a Client whose connection
                # fails is left half-made, and its finaliser can deadlock on its event loop.
                timeout = _timeout_seconds(self.timeout)
                _check_reachable(str(self.scheduler), timeout)
                self._client = Client(  # type: ignore[no-untyped-call]
                    self.scheduler, timeout=timeout
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


def _timeout_seconds(timeout: str | float | None) -> float:
    import dask.config
    from dask.utils import parse_timedelta

    if timeout is None:
        timeout = dask.config.get("distributed.comm.timeouts.connect", "30s")
    seconds = parse_timedelta(timeout, default="seconds")
    return float(seconds) if seconds is not None else 30.0


def _check_reachable(address: str, timeout: float) -> None:
    """Raise ``ValueError`` for a malformed address or a server that is not a Dask scheduler,
    ``OSError`` for one nobody listens on."""
    scheme, sep, rest = address.partition("://")
    if not sep or scheme not in {"tcp", "tls", "ws", "wss"}:
        raise ValueError("expected tcp://HOST:PORT (or tls://, ws://, wss://)")
    host, colon, port = rest.rstrip("/").rpartition(":")
    if not colon or not port.isdigit() or not host:
        raise ValueError("expected tcp://HOST:PORT (or tls://, ws://, wss://)")
    with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout) as sock:
        if scheme == "tcp":  # tls and ws wrap the frames: only reachability is checked
            _check_dask_greeting(sock, timeout)


def _read_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ValueError(
                f"the server closed the connection after {len(data)} byte(s) of its greeting"
            )
        data += chunk
    return data


def _check_dask_greeting(sock: socket.socket, timeout: float) -> None:
    """Read the handshake a Dask server sends on connection, and check its framing.

    Dask's TCP comm writes each message as an 8-byte little-endian length, then the frames'
    prelude (8-byte frame count, one 8-byte length per frame) and the frames; a server sends
    its handshake first, unasked. Nothing is sent to the server.

    Raises
    ------
    ValueError
        If nothing comes within ``timeout`` or what comes is not such a frame.
    """
    sock.settimeout(timeout)
    try:
        head = _read_exactly(sock, 8)
    except TimeoutError as err:
        raise ValueError(
            f"nothing was said within {timeout:g} s of connecting (a Dask scheduler greets "
            "first): not a Dask scheduler, or one too busy to answer"
        ) from err
    (size,) = struct.unpack("<Q", head)
    if not 16 <= size <= _MAX_GREETING:
        raise ValueError(
            f"the server's first bytes {head!r} are not a Dask frame (length {size:,}); "
            "is it an HTTP or other server?"
        )
    try:
        body = _read_exactly(sock, size)
    except TimeoutError as err:
        raise ValueError(f"the greeting stopped after its length ({size} bytes expected)") from err
    (n_frames,) = struct.unpack_from("<Q", body)
    if not 1 <= n_frames <= _MAX_FRAMES or 8 * (n_frames + 1) > size:
        raise ValueError(f"the server's greeting is not a Dask frame ({n_frames:,} frames)")
    lengths = struct.unpack_from(f"<{n_frames}Q", body, 8)
    if 8 * (n_frames + 1) + sum(lengths) != size:
        raise ValueError("the server's greeting is not a Dask frame (lengths do not add up)")
