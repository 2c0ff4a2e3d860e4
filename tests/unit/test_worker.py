"""The worker process: calls really cross into another process, errors come back, it restarts."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from facilitator.clustering import backends, warm, worker


@pytest.fixture(scope="module")
def process():
    handle = worker.WorkerProcess()
    yield handle
    handle.close()


def test_calls_run_in_another_process(process) -> None:
    assert process.call(worker.ping) == "pong"
    assert process.call(worker.pid) != os.getpid()


def test_errors_come_back_as_exceptions(process) -> None:
    with pytest.raises(ValueError, match="Ukendt backend"):
        process.call(backends.get_backend, "ingen-sådan")
    assert process.call(worker.ping) == "pong"  # still serving


def test_a_dead_worker_is_restarted(process) -> None:
    first = process.call(worker.pid)
    os.kill(first, 9)
    assert process.call(worker.pid) != first
    assert process.starts >= 2


def test_e5_embeds_in_the_worker(process) -> None:
    """The real bundled model, in the subprocess: normalised vectors (content words joined
    to the full text), similar meaning closer than different meaning."""
    texts = ["Vi skal turde fejle", "Mod til at fejle og prøve nyt", "Bedre busforbindelser"]
    space, vectors = process.call(backends.stored_vectors, texts, "semantic", None)
    assert space == backends.E5_NAME and vectors.shape == (3, backends.E5Backend.dimensions)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_warm_up_loads_the_model_before_the_first_grouping() -> None:
    """What `serve` starts with, in the background: the model and the background mean are
    loaded in a fresh worker, so the first "Gruppér" does not pay for them."""
    fresh = worker.WorkerProcess()
    try:
        assert not fresh.call(backends.model_loaded)
        assert fresh.call(warm.warm_up, "semantic", None) == backends.E5_NAME
        assert fresh.call(backends.model_loaded)
    finally:
        fresh.close()


def test_the_server_warms_its_worker_without_waiting(app) -> None:
    from facilitator.live.background import theme_jobs_for

    jobs = theme_jobs_for(app)
    app.config["CLUSTER_PROCESS"] = True
    try:
        jobs.warm_up()  # returns at once: the loading runs in a background task
        for _ in range(600):
            if jobs.worker is not None and jobs.worker.alive:
                break
            time.sleep(0.05)
        assert jobs.runner(backends.model_loaded)  # queued behind the warm-up, then True
    finally:
        jobs.close()
