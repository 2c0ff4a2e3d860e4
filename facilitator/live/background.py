"""Wiring of the job runner (facilitator/core/jobs.py) to the app: how background work starts and
which signals start it. The jobs themselves call domain services; the pages only submit them
and show their state.

- `Runtime`: Socket.IO's background tasks (greenlets under gevent, threads otherwise); inline
  when CLUSTER_SYNC is set (tests), so no task from one test touches the next.
- Theme work: embedding new contributions (worker process), placing late arrivals in themes,
  and one grouping ("Gruppér") per activity at a time, all serialised on the database.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import time
from collections.abc import Hashable, Iterator
from typing import Any

from flask import Flask, current_app, has_app_context

from facilitator.activities.models import Activity
from facilitator.clustering import grouping, store, vectors
from facilitator.clustering.warm import warm_up
from facilitator.clustering.worker import WorkerProcess
from facilitator.contributions.models import Contribution
from facilitator.core import jobs, signals
from facilitator.core.db import checkpoint, manual_checkpoints
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db, socketio
from facilitator.live.protocol import ClusterJob

log = logging.getLogger(__name__)

ASSIGN_INTERVAL = 0.5  # seconds between batches of late arrivals
EMBED_INTERVAL = 0.5  # seconds between batches of new contributions to embed


def socket_runtime(app: Flask) -> jobs.Runtime:
    """Background tasks of the app's Socket.IO server (greenlets under gevent)."""
    return jobs.Runtime(spawn=socketio.start_background_task, sleep=socketio.sleep)


def theme_runtime(app: Flask) -> jobs.Runtime:
    return jobs.INLINE if app.config.get("CLUSTER_SYNC") else socket_runtime(app)


def app_context(app: Flask):  # noqa: ANN201
    """A context factory for jobs: an app context whose database session is removed after."""

    @contextlib.contextmanager
    def context() -> Iterator[None]:
        with app.app_context():
            try:
                yield
            finally:
                db.session.remove()

    return context


def explain(error: BaseException) -> str:
    """Why a job failed, for the facilitator: a domain error's message, or "" for an unexpected
    error (each reader's page says that in its own language); the log has the technical line."""
    if isinstance(error, DomainError):
        return error.message
    return ""


class ThemeJobs:
    """Embedding, late placement and grouping for one app."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.worker: WorkerProcess | None = None
        self.embedding_off = False  # the model could not load: nothing is stored
        runtime = lambda: theme_runtime(app)  # noqa: E731 - CLUSTER_SYNC may change at run time
        context = app_context(app)
        self.embeddings = jobs.Batcher(
            "embedding",
            self._embed,
            interval=EMBED_INTERVAL,
            runtime=runtime,
            context=context,
            serial=jobs.db_writes,
        )
        self.late = jobs.Batcher(
            "late placement",
            self._place,
            interval=ASSIGN_INTERVAL,
            runtime=runtime,
            context=context,
            serial=jobs.db_writes,
        )
        self.grouping = jobs.KeyedJobs(
            "grouping of activity",
            runtime=runtime,
            context=context,
            serial=jobs.db_writes,
            on_status=self._status_changed,
            explain=explain,
        )
        signals.contribution_added.connect(self.on_added, weak=False)

    # settings -----------------------------------------------------------------------------------
    @property
    def backend(self) -> str:
        return self.app.config["CLUSTER_BACKEND"]

    def settings(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "model_path": self.app.config["EMBEDDING_MODEL"],
            "runner": self.runner,
        }

    def runner(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """The CPU work of themes: in the worker process (CLUSTER_PROCESS, the default)."""
        if not self.app.config.get("CLUSTER_PROCESS", True):
            return fn(*args, **kwargs)
        if self.worker is None:
            self.worker = WorkerProcess()
            atexit.register(self.worker.close)
        return self.worker.call(fn, *args, **kwargs)

    @property
    def busy(self) -> bool:
        return self.embeddings.busy or self.late.busy or self.grouping.busy

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no theme work runs (a shutdown, or a test wiping the tables after
        switching CLUSTER_SYNC off); False when it still runs after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while self.busy and time.monotonic() < deadline:
            socketio.sleep(0.05)
        return not self.busy

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()

    def warm_up(self) -> None:
        """Start the worker and load the model now, in the background (never delaying a
        page), so the first "Gruppér" after a start costs what later ones do. Only with the
        worker process: loading the model in the server itself would stall the room."""
        if not self.app.config.get("CLUSTER_PROCESS", True):
            return

        def warm() -> None:
            try:
                with self.app.app_context():
                    self.runner(warm_up, self.backend, self.app.config["EMBEDDING_MODEL"])
            except Exception as error:  # the first grouping loads it instead, as before
                log.warning("Warming the clustering model failed: %s", jobs.describe(error))

        socketio.start_background_task(warm)

    # signals ------------------------------------------------------------------------------------
    def on_added(self, row: Contribution, *, activity_id: int, **_: Any) -> None:
        if not row.text or not ours(self.app):
            return
        if vectors.stores_vectors(self.backend) and not self.embedding_off:
            self.embeddings.mark(activity_id, row.id)
        self.late.mark(activity_id, row.id)

    # jobs ---------------------------------------------------------------------------------------
    def _embed(self, batch: dict[Hashable, set[int]]) -> None:
        ids = sorted({i for items in batch.values() for i in items})
        stored = vectors.embed_contributions(db.session, ids, **self.settings())
        if stored is None and not self.embedding_off:
            self.embedding_off = True
            log.warning(
                "embedding off: backend %r stores no vectors (its model did not load)", self.backend
            )

    def _place(self, batch: dict[Hashable, set[int]]) -> None:
        for activity_id, ids in batch.items():
            activity = db.session.get(Activity, activity_id)
            if activity is not None and store.has_clusters(db.session, activity):
                grouping.assign_new(db.session, activity, sorted(ids), **self.settings())

    def group(self, activity_id: int, k: int | None, *, headings_added: bool = False) -> bool:
        """Start a grouping; False when one runs already (this one follows it).
        `headings_added`: only sort into the new headings, keeping the other themes."""
        return self.grouping.submit(
            activity_id, lambda: self._group(activity_id, k, headings_added)
        )

    def _group(self, activity_id: int, k: int | None, headings_added: bool = False) -> None:
        activity = db.session.get(Activity, activity_id)
        if activity is None:
            return
        if headings_added:
            grouping.sort_under_headings(db.session, activity, **self.settings())
        else:
            grouping.cluster_activity(db.session, activity, k=k, **self.settings())

    def status(self, activity_id: int) -> dict[str, Any] | None:
        """The job's state for a page: the payload plus its message in the reader's language."""
        status = self.grouping.status(activity_id)
        if status is None:
            return None
        payload = job_payload(activity_id, status)
        return {**payload, "message": job_message(status.state, status.error)}

    def _status_changed(self, activity_id: Hashable, status: jobs.JobStatus) -> None:
        """The bridge tells the consoles (signals.cluster_job_changed -> `clusters:job`)."""
        with self.app.app_context():
            try:
                activity = db.session.get(Activity, activity_id)
                if activity is not None:
                    signals.cluster_job_changed.send(
                        activity,
                        session_id=activity.session_id,
                        activity_id=activity.id,
                        status=status,
                    )
            finally:
                db.session.remove()


def ours(app: Flask) -> bool:
    """Signals are process-wide; a receiver only acts for its own app (tests build several)."""
    return not has_app_context() or current_app._get_current_object() is app  # type: ignore[attr-defined]


def job_payload(activity_id: int, status: jobs.JobStatus) -> ClusterJob:
    """The `clusters:job` event: a state code (and a failure's reason) and no words, because
    it goes to every facilitator's page, each in its own language (console.js words it)."""
    return {"activity_id": activity_id, "state": status.state, "reason": status.error}


def job_message(state: str, reason: str = "") -> str:
    """What the themes page says about a grouping job, in the current language."""
    if state == "running":
        return _("Grupperingen kører. Temaerne vises her og på storskærmen om et øjeblik.")
    if state == "done":
        return _("Temaerne er opdateret.")
    return _(
        "Grupperingen mislykkedes: %(reason)s",
        reason=reason or _("en uventet fejl (se serverens log). Prøv igen om lidt."),
    )


CHECKPOINT_INTERVAL = 2.0  # seconds between WAL checkpoints of a served SQLite database


def start_checkpoints(app: Flask) -> bool:
    """Under `serve` (gevent) on SQLite: WAL checkpoints run every CHECKPOINT_INTERVAL in a
    real thread (gevent's pool), never inside a phone's commit on the event loop."""
    if app.config["ASYNC_MODE"] != "gevent":
        return False
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return False
    from gevent import get_hub

    manual_checkpoints(engine)
    path = engine.url.database

    def loop() -> None:
        while True:
            socketio.sleep(CHECKPOINT_INTERVAL)
            try:
                get_hub().threadpool.apply(checkpoint, (path,))
            except Exception as error:  # the next round tries again; SQLite keeps the WAL
                log.warning("WAL checkpoint failed: %s", jobs.describe(error))

    socketio.start_background_task(loop)
    return True


def init_background(app: Flask) -> ThemeJobs:
    theme_jobs = ThemeJobs(app)
    app.extensions["facilitator.theme_jobs"] = theme_jobs
    return theme_jobs


def theme_jobs_for(app: Flask) -> ThemeJobs:
    return app.extensions["facilitator.theme_jobs"]
