"""The facilitator's theme page: "Gruppér", then rename, merge, split, move and pin.

"Gruppér" only submits a job (facilitator/live/background.py): one grouping per activity at a
time, its CPU work in the worker process, the result saved and pushed live (`clusters:updated`),
its state (running, done, failed) pushed as `clusters:job` and shown on this page.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from facilitator.activities.models import Activity
from facilitator.clustering import curation, headings, store, theme_view
from facilitator.clustering.models import Cluster
from facilitator.consultations import services as rounds
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.extensions import db
from facilitator.live import background
from facilitator.live.protocol import ClusterView
from facilitator.sessions.notes import NOTE_MAX
from facilitator.web.facilitate.access import own_activity, own_contribution, require_login
from facilitator.web.facilitate.forms import (
    ClusterForm,
    HeadingsForm,
    RenameForm,
    ThemeNoteForm,
    save_with_message,
)
from facilitator.web.forms import ActionForm

bp = Blueprint("themes", __name__, url_prefix="/facilitate")
bp.before_request(require_login)


def _cluster(cluster_id: int):  # noqa: ANN202
    cluster = curation.get_cluster(db.session, cluster_id)
    own_activity(cluster.activity_id)
    return cluster


def _back(activity_id: int) -> Response:
    return redirect(url_for(".page", activity_id=activity_id))


def _jobs():  # noqa: ANN202
    return background.theme_jobs_for(current_app)


def init_themes(app: Flask) -> None:
    background.init_background(app)


# --- pages -------------------------------------------------------------------------------------


@bp.get("/activities/<int:activity_id>/themes")
def page(activity_id: int) -> str:
    activity = own_activity(activity_id)
    view = theme_view.cluster_view(db.session, activity, runner=_jobs().runner)
    return render_template(
        "facilitate/themes.html",
        **themes_context(activity, view),
        written_round=rounds.round_for_session(db.session, activity.session_id),
        suggestions=headings.heading_suggestions(db.session, activity),
        headings_form=HeadingsForm(),
        cluster_form=ClusterForm(),
        rename=RenameForm(),
        action=ActionForm(),
    )


def themes_context(activity: Activity, view: ClusterView) -> dict[str, Any]:
    """What the live part of the themes page shows (facilitate/_themes_live.html): the page
    and the fragment the live bridge renders once per change (live/fragments.py) read the
    same, from a cluster view computed once."""
    job = _jobs().status(activity.id)
    return {
        "activity": activity,
        "session": activity.session,
        "view": view,
        "job": job,
        "running": bool(job and job["state"] == "running"),
        # its label only: built without a token, so outside a request too (the bridge)
        "note_form": ThemeNoteForm(formdata=None, meta={"csrf": False}),
        "note_max": NOTE_MAX,
        # notes are for the document only: not in the projector's payload
        "notes": {
            c.id: c.note
            for c in db.session.scalars(select(Cluster).where(Cluster.activity_id == activity.id))
        },
    }


@bp.post("/activities/<int:activity_id>/themes/headings")
def add_headings(activity_id: int) -> Response:
    """The facilitator's own headings (typed, focus areas or an earlier session's themes);
    contributions already there are sorted into them by a grouping job."""
    activity = own_activity(activity_id)
    form = HeadingsForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return _back(activity_id)
    try:
        added = headings.add_headings(db.session, activity, form.headings.data.splitlines())
    except DomainError as error:
        flash(error.message, "error")
        return _back(activity_id)
    if activity.kind in store.CLUSTERABLE and store.has_contributions(db.session, activity):
        _jobs().group(activity.id, None, headings_added=True)
    flash(
        ngettext(
            "%(num)s overskrift tilføjet. Nye bidrag sorteres ind under den.",
            "%(num)s overskrifter tilføjet. Nye bidrag sorteres ind under dem.",
            len(added),
        )
        if added
        else _("Overskrifterne fandtes allerede.")
    )
    return _back(activity_id)


@bp.post("/activities/<int:activity_id>/themes/cluster")
def cluster(activity_id: int) -> Response:
    activity = own_activity(activity_id)
    form = ClusterForm()
    if not form.validate_on_submit():
        flash(
            _("Antal temaer skal være et tal mellem 2 og 20 (eller tomt for automatisk)."), "error"
        )
        return _back(activity_id)
    if activity.kind not in store.CLUSTERABLE:
        flash(_("Kun tekster og begrundelser kan grupperes i temaer."), "error")
        return _back(activity_id)
    _jobs().group(activity.id, form.themes.data or None)
    return _back(activity_id)


@bp.post("/clusters/<int:cluster_id>/rename")
def rename(cluster_id: int) -> Response:
    cluster = _cluster(cluster_id)
    form = RenameForm()
    try:
        if not form.validate_on_submit():
            raise DomainError(_("Giv temaet en overskrift på højst 200 tegn."))
        curation.rename_cluster(db.session, cluster, form.label.data)
    except DomainError as error:
        flash(error.message, "error")
    return _back(cluster.activity_id)


@bp.post("/clusters/<int:cluster_id>/note")
def note(cluster_id: int) -> Response:
    """The secretariat's note under the theme's heading in the output document."""
    cluster = _cluster(cluster_id)
    form = ThemeNoteForm()
    save_with_message(
        form,
        lambda: curation.set_cluster_note(db.session, cluster, form.note.data or ""),
        _("Noten til »%(title)s« er gemt.", title=cluster.label),
    )
    return redirect(url_for(".page", activity_id=cluster.activity_id) + f"#tema-{cluster.id}")


CLUSTER_ACTIONS = {
    "pin": lambda c: curation.set_pinned(db.session, c, True),
    "unpin": lambda c: curation.set_pinned(db.session, c, False),
    "split": lambda c: curation.split_cluster(db.session, c, runner=_jobs().runner),
    "delete": lambda c: curation.delete_cluster(db.session, c),
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
    own_activity(activity_id)
    ids = [int(i) for i in request.form.getlist("cluster_ids") if i.isdigit()]
    if ActionForm().validate_on_submit():
        try:
            chosen = [_cluster(i) for i in ids]
            if len(chosen) < 2:
                raise DomainError(_("Vælg mindst to temaer at slå sammen."))
            curation.merge_clusters(db.session, chosen[0], chosen[1:])
        except DomainError as error:
            flash(error.message, "error")
    return _back(activity_id)


@bp.post("/contributions/<int:contribution_id>/move")
def move(contribution_id: int) -> Response:
    contribution = own_contribution(contribution_id)
    target = request.form.get("cluster_id", "")
    if ActionForm().validate_on_submit():
        try:
            curation.move_contribution(
                db.session, contribution, _cluster(int(target)) if target.isdigit() else None
            )
        except DomainError as error:
            flash(error.message, "error")
    return _back(contribution.activity_id)
