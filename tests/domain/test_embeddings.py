"""Statement vectors: computed once in the worker process, stored with the contribution, reused
by every grouping (and never recomputed when they are there)."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from facilitator.activities.services import open_activity
from facilitator.clustering import backends, grouping, store, vectors
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.live.background import theme_jobs_for
from tests.domain.test_clustering_service import STATEMENTS


@pytest.fixture
def activity(db, live_session):
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    return activity


def _submit_all(db, live_session, activity, texts, prefix="v"):
    person = join(db, live_session, prefix * 40, Profile(group="politiker"))
    return [
        submit(db, person, activity, Submission(f"{prefix}-bidrag-{i:04d}", text))[0]
        for i, text in enumerate(texts)
    ]


def _rows(db):
    db.expire_all()
    return db.query(Contribution).order_by(Contribution.id).all()


@pytest.fixture
def background_semantic(app):
    """The server's real path: background tasks, the semantic backend, the worker process."""
    saved = {key: app.config[key] for key in ("CLUSTER_SYNC", "CLUSTER_BACKEND")}
    app.config.update(CLUSTER_SYNC=False, CLUSTER_BACKEND="semantic")
    jobs = theme_jobs_for(app)
    yield jobs
    jobs.wait_idle(60)  # let the background work end before the tables are wiped
    app.config.update(saved)


def test_new_contributions_are_embedded_in_the_worker_process(
    db, live_session, activity, background_semantic
) -> None:
    _submit_all(db, live_session, activity, STATEMENTS)
    deadline = time.time() + 60
    while time.time() < deadline and any(r.embedding is None for r in _rows(db)):
        time.sleep(0.1)
    rows = _rows(db)
    assert all(r.embedding_model == backends.E5_NAME for r in rows)
    assert all(vectors.decode(r.embedding).shape == (backends.E5Backend.dimensions,) for r in rows)
    worker = background_semantic.worker
    assert worker is not None and worker.pid not in (None, os.getpid())
    # the same vectors as embedding the texts directly: nothing mixed up between rows
    direct = backends.stored_vectors([r.text for r in rows], "semantic")[1]
    stored = np.vstack([vectors.decode(r.embedding) for r in rows])
    assert np.allclose(direct, stored, atol=1e-4)


def test_grouping_reuses_stored_vectors(db, live_session, activity, monkeypatch) -> None:
    rows = _submit_all(db, live_session, activity, STATEMENTS)  # (the app embeds them inline)
    vectors.embed_contributions(
        db, [r.id for r in rows], backend="semantic", model_path=None, runner=store.run_inline
    )
    assert all(r.embedding_model == backends.E5_NAME for r in _rows(db))
    embedded: list[list[str]] = []
    real = backends.E5Backend.fit_transform

    def spy(self, texts):  # noqa: ANN001, ANN202
        embedded.append(list(texts))
        return real(self, texts)

    def refuse(*_args, **_kwargs):  # noqa: ANN202
        raise AssertionError("stored vectors must be reused, not recomputed")

    monkeypatch.setattr(backends.E5Backend, "fit_transform", spy)
    monkeypatch.setattr(backends, "stored_vectors", refuse)
    clusters = grouping.cluster_activity(db, activity, k=3, backend="semantic")
    assert len(clusters) == 3
    statements = set(STATEMENTS)
    assert not any(statements & set(batch) for batch in embedded)  # labels may embed phrases
    assert all(r.cluster_id is not None for r in _rows(db))


def test_grouping_computes_and_stores_missing_vectors(
    app, db, live_session, activity, monkeypatch
) -> None:
    monkeypatch.setitem(app.config, "CLUSTER_BACKEND", "lexical")  # nothing stored at submit
    rows = _submit_all(db, live_session, activity, STATEMENTS)
    assert all(r.embedding is None for r in _rows(db))
    vectors.embed_contributions(
        db, [rows[0].id], backend="semantic", model_path=None, runner=store.run_inline
    )
    first = _rows(db)[0].embedding
    rows[1].embedding_model = "another-model"  # a vector from another space is not reused
    rows[1].embedding = b"\0" * 8
    db.commit()
    grouping.cluster_activity(db, activity, k=3, backend="semantic")
    stored = _rows(db)
    assert all(r.embedding_model == backends.E5_NAME for r in stored)
    assert (
        stored[0].embedding == first
        and len(stored[1].embedding) == backends.E5Backend.dimensions * 4
    )


def test_the_lexical_backend_stores_nothing(app, db, live_session, activity, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "CLUSTER_BACKEND", "lexical")
    rows = _submit_all(db, live_session, activity, STATEMENTS)
    assert (
        vectors.embed_contributions(
            db, [r.id for r in rows], backend="lexical", model_path=None, runner=store.run_inline
        )
        is None
    )
    grouping.cluster_activity(db, activity, k=3, backend="lexical")
    assert all(r.embedding is None and r.embedding_model is None for r in _rows(db))


def test_contributions_arriving_while_the_cpu_works_join_a_theme(
    db, live_session, activity
) -> None:
    _submit_all(db, live_session, activity, STATEMENTS)
    late_person = join(db, live_session, "late" * 10, Profile(group="embedsperson"))

    def runner(fn, *args, **kwargs):  # noqa: ANN001, ANN202
        if fn.__name__ == "cluster_texts":  # a phone sends while the grouping computes
            submit(
                db,
                late_person,
                activity,
                Submission("sent-bidrag-0001", "Vi skal turde fejle mere"),
            )
        return fn(*args, **kwargs)

    grouping.cluster_activity(db, activity, k=3, backend="lexical", runner=runner)
    late = db.query(Contribution).filter_by(client_id="sent-bidrag-0001").one()
    db.refresh(late)
    assert late.cluster_id is not None and db.get(Cluster, late.cluster_id) is not None
