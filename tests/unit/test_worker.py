"""The worker process: calls really cross into another process, errors come back, it restarts."""

from __future__ import annotations

import os

import numpy as np
import pytest

from facilitator.clustering import backends, worker


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
    """The real bundled model, in the subprocess: normalised 384-d vectors, similar meaning
    closer than different meaning."""
    texts = ["Vi skal turde fejle", "Mod til at fejle og prøve nyt", "Bedre busforbindelser"]
    space, vectors = process.call(backends.stored_vectors, texts, "semantic", None)
    assert space == backends.E5_NAME and vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
