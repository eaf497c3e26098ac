"""Dask: a local cluster gives the same numbers as in-process for the same seed."""

from __future__ import annotations

import numpy as np
import pytest

from accords.exceptions import ModelSpecificationError
from accords.forecasting.base import Actors
from accords.forecasting.montecarlo import ActorRanges, monte_carlo
from accords.forecasting.parallel import DaskMapper
from accords.forecasting.registry import available_models, make_model

RANGES = ActorRanges.from_confidence(
    Actors.from_columns(["a", "b", "c", "d"], [4, 3, 2, 1], [10, 40, 60, 95], [0.9, 0.5, 0.6, 0.8]),
    [0.6, 0.4, 0.5, 0.7],
)


@pytest.fixture(scope="module")
def mapper():
    with DaskMapper("local", n_workers=1, processes=False) as m:
        yield m


@pytest.mark.parametrize(
    ("name", "n_draws", "chunk_size"),
    [("compromise", 3000, 500), ("median", 1000, 128), ("nash", 1000, 250), ("smp", 12, 5)],
    ids=["compromise", "median", "nash", "smp"],
)
def test_cluster_equals_in_process(mapper, name: str, n_draws: int, chunk_size: int) -> None:
    if name not in available_models():
        pytest.skip(f"model {name} not available")
    model = make_model(name)
    local = monte_carlo(model, RANGES, n_draws=n_draws, seed=21, chunk_size=chunk_size)
    remote = monte_carlo(
        model, RANGES, n_draws=n_draws, seed=21, chunk_size=chunk_size, mapper=mapper
    )
    np.testing.assert_array_equal(local.outcomes, remote.outcomes)
    assert local.summary() == remote.summary()


def test_mapper_yields_results_in_order(mapper) -> None:
    assert list(mapper(abs, [-3, 2, -1, 0])) == [3, 2, 1, 0]


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: DaskMapper("not an address"), "cannot reach a Dask scheduler"),
        (lambda: DaskMapper("tcp://127.0.0.1:1", timeout="0.5s"), "cannot reach a Dask scheduler"),
    ],
    ids=["malformed", "unreachable"],
)
def test_bad_scheduler_is_a_clear_error(make, match: str) -> None:
    with pytest.raises(ModelSpecificationError, match=match), make():
        pass


def test_mapper_outside_with_block_is_an_error() -> None:
    with pytest.raises(ModelSpecificationError, match="inside a `with` block"):
        list(DaskMapper()(abs, [1]))


def test_a_real_tcp_scheduler_passes_the_greeting_check() -> None:
    from distributed import LocalCluster

    with (
        LocalCluster(
            n_workers=1, processes=False, dashboard_address=":0", protocol="tcp://"
        ) as cluster,
        DaskMapper(cluster.scheduler_address, timeout="10s") as mapper,
    ):
        assert list(mapper(abs, [-2, 3])) == [2, 3]


@pytest.mark.parametrize(
    ("greeting", "match"),
    [
        (b"HTTP/1.1 400 Bad Request\r\n\r\n", "not a Dask frame"),
        (b"", "nothing was said within 0.5 s"),
        (b"\x20\x00\x00\x00\x00\x00\x00\x00" + b"\xff" * 8, "stopped after its length"),
    ],
    ids=["http-400", "silent", "truncated"],
)
def test_a_server_that_does_not_greet_like_dask_is_refused(greeting: bytes, match: str) -> None:
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(greeting)
            done.wait(5)

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    try:
        with (
            pytest.raises(ModelSpecificationError, match=match),
            DaskMapper(address, timeout="0.5s"),
        ):
            pass
    finally:
        done.set()
        thread.join(5)
        server.close()
