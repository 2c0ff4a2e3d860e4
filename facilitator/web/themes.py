"""The facilitator's theme page: "Gruppér", then rename, merge, split, move and pin.

Clustering runs off the request and socket handlers: a background task reads the texts, the
CPU work runs in a native thread (gevent's threadpool under `serve`), and the result is saved
and pushed live. Late contributions are batched and placed in the nearest theme the same way.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from facilitator import signals
from facilitator.activities.models import Activity
from facilitator.clustering import services as themes
from facilitator.contributions.models import Contribution
from facilitator.errors import DomainError, NotFound
from facilitator.extensions import db, socketio
from facilitator.sessions import services as sessions
from facilitator.web.forms import ActionForm, ClusterForm, RenameForm

bp = Blueprint("themes", __name__, url_prefix="/facilitate")
ASSIGN_INTERVAL = 0.5  # seconds between batches of late arrivals


@bp.before_request
@login_required
def require_login() -> None:
    """Facilitators only."""


def _activity(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    if activity is None:
        raise NotFound("Aktiviteten findes ikke.")
    sessions.get_session_for(db.session, current_user, activity.session_id)
    return activity


def _cluster(cluster_id: int):  # noqa: ANN202
    cluster = themes.get_cluster(db.session, cluster_id)
    _activity(cluster.activity_id)
    return cluster


def _back(activity_id: int) -> Response:
    return redirect(url_for(".page", activity_id=activity_id))


# --- running the CPU work off the event loop ---------------------------------------------------

def offload(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Pure computation in a native thread when gevent serves, so greenlets keep running."""
    if socketio.server is not None and socketio.server.async_mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(fn, args, kwargs)
    return fn(*args, **kwargs)


def _settings(app: Flask) -> dict[str, Any]:
    return {"backend": app.config["CLUSTER_BACKEND"], "model_path": app.config["EMBEDDING_MODEL"]}


def run_clustering(app: Flask, activity_id: int, k: int | None) -> None:
    with app.app_context():
        try:
            activity = db.session.get(Activity, activity_id)
            if activity is not None:
                themes.cluster_activity(db.session, activity, k=k, runner=offload,
                                        **_settings(app))
        except Exception:
            app.logger.exception("clustering of activity %s failed", activity_id)
            db.session.rollback()
        finally:
            db.session.remove()


def start(app: Flask, job: Any, *args: Any) -> None:
    """Inline when CLUSTER_SYNC is set (tests), otherwise as a background task."""
    if app.config.get("CLUSTER_SYNC"):
        job(app, *args)
    else:
        socketio.start_background_task(job, app, *args)


class LateArrivals:
    """Collects new contributions and places them in themes in batches, off the hot path."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[int, set[int]] = {}
        self._running = False
        self.app: Flask | None = None

    def init_app(self, app: Flask) -> None:
        self.app = app
        signals.contribution_added.connect(self.on_added, weak=False)

    def on_added(self, row: Contribution, *, activity_id: int, **_: Any) -> None:
        if not row.text or self.app is None:
            return
        with self._lock:
            self._pending.setdefault(activity_id, set()).add(row.id)
            if self._running:
                return
            self._running = True
        start(self.app, self._drain)

    def _drain(self, app: Flask) -> None:
        while True:
            if not app.config.get("CLUSTER_SYNC"):
                socketio.sleep(ASSIGN_INTERVAL)
            with self._lock:
                batch, self._pending = self._pending, {}
                if not batch:
                    self._running = False
                    return
            with app.app_context():
                try:
                    for activity_id, ids in batch.items():
                        activity = db.session.get(Activity, activity_id)
                        if activity is not None and themes.has_clusters(db.session, activity):
                            themes.assign_new(db.session, activity, sorted(ids), runner=offload,
                                              **_settings(app))
                except Exception:
                    app.logger.exception("placing late contributions failed")
                    db.session.rollback()
                finally:
                    db.session.remove()


late_arrivals = LateArrivals()


def init_themes(app: Flask) -> None:
    late_arrivals.init_app(app)


# --- pages -------------------------------------------------------------------------------------

@bp.get("/activities/<int:activity_id>/themes")
def page(activity_id: int) -> str:
    activity = _activity(activity_id)
    return render_template("facilitate/themes.html", activity=activity, session=activity.session,
                           view=themes.cluster_view(db.session, activity),
                           cluster_form=ClusterForm(), rename=RenameForm(), action=ActionForm())


@bp.post("/activities/<int:activity_id>/themes/cluster")
def cluster(activity_id: int) -> Response:
    activity = _activity(activity_id)
    form = ClusterForm()
    if not form.validate_on_submit():
        flash("Antal temaer skal være et tal mellem 2 og 20 (eller tomt for automatisk).",
              "error")
        return _back(activity_id)
    if activity.kind not in themes.CLUSTERABLE:
        flash("Kun tekster og begrundelser kan grupperes i temaer.", "error")
        return _back(activity_id)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    start(app, run_clustering, activity.id, form.themes.data or None)
    flash("Grupperingen kører. Temaerne vises her og på storskærmen om et øjeblik.")
    return _back(activity_id)


@bp.post("/clusters/<int:cluster_id>/rename")
def rename(cluster_id: int) -> Response:
    cluster = _cluster(cluster_id)
    form = RenameForm()
    try:
        if not form.validate_on_submit():
            raise DomainError("Giv temaet en overskrift på højst 200 tegn.")
        themes.rename_cluster(db.session, cluster, form.label.data)
    except DomainError as error:
        flash(error.message, "error")
    return _back(cluster.activity_id)


CLUSTER_ACTIONS = {
    "pin": lambda c: themes.set_pinned(db.session, c, True),
    "unpin": lambda c: themes.set_pinned(db.session, c, False),
    "split": lambda c: themes.split_cluster(db.session, c, runner=offload),
    "delete": lambda c: themes.delete_cluster(db.session, c),
}


@bp.post("/clusters/<int:cluster_id>/<any(pin, unpin, split, delete):action>")
def cluster_action(cluster_id: int, action: str) -> Response:
    cluster = _cluster(cluster_id)
    activity_id = cluster.activity_id
    if ActionForm().validate_on_submit():
        try:
            CLUSTER_ACTIONS[action](cluster)
        except DomainError as error:
            flash(error.message, "error")
    return _back(activity_id)


@bp.post("/activities/<int:activity_id>/themes/merge")
def merge(activity_id: int) -> Response:
    _activity(activity_id)
    ids = [int(i) for i in request.form.getlist("cluster_ids") if i.isdigit()]
    if ActionForm().validate_on_submit():
        try:
            chosen = [_cluster(i) for i in ids]
            if len(chosen) < 2:
                raise DomainError("Vælg mindst to temaer at slå sammen.")
            themes.merge_clusters(db.session, chosen[0], chosen[1:])
        except DomainError as error:
            flash(error.message, "error")
    return _back(activity_id)


@bp.post("/contributions/<int:contribution_id>/move")
def move(contribution_id: int) -> Response:
    contribution = db.session.get(Contribution, contribution_id)
    if contribution is None:
        raise NotFound("Bidraget findes ikke.")
    _activity(contribution.activity_id)
    target = request.form.get("cluster_id", "")
    if ActionForm().validate_on_submit():
        try:
            themes.move_contribution(db.session, contribution,
                                     _cluster(int(target)) if target.isdigit() else None)
        except DomainError as error:
            flash(error.message, "error")
    return _back(contribution.activity_id)
