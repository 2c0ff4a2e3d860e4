"""The facilitator's theme page: "Gruppér", then rename, merge, split, move, pin and undo.

"Gruppér" only submits a job (facilitator/live/background.py): one grouping per activity at a
time, its CPU work in the worker process, the result saved and pushed live (`clusters:updated`),
its state (running, done, failed) pushed as `clusters:job` and shown on this page.

Each curation change is one route that answers a plain form (flash, page) and the page's
script (JSON, theme_answers.py) alike; `_curate` keeps the themes before it for "Fortryd"
(clustering/undo.py), and the change reaches every page by the live push.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from facilitator.activities.models import Activity
from facilitator.clustering import curation, headings, store, theme_view, undo
from facilitator.clustering.models import Cluster
from facilitator.consultations import services as rounds
from facilitator.core.errors import DomainError, NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.extensions import db
from facilitator.live import background
from facilitator.live.protocol import ClusterView
from facilitator.sessions.notes import NOTE_MAX
from facilitator.web.facilitate import theme_answers as answers
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
answers.register(bp)


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
        # notes (for the document) and the heading's alternatives are the facilitator's
        # only: read here, never part of the view the projector's payload is made from
        "heads": {
            c.id: {"note": c.note, "alternatives": c.alternatives or [], "suggestion": c.suggestion}
            for c in db.session.scalars(select(Cluster).where(Cluster.activity_id == activity.id))
        },
        "undo_action": undo.last_action(db.session, activity),
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


def _curate(
    activity_id: int, action: str, change: Callable[[], str], form: FlaskForm | None = None
) -> Response:
    """A curation change: token (and `form`) checked, the themes before it kept for undo;
    `change` commits and pushes, and returns what to tell the facilitator."""
    form = form or ActionForm()
    try:
        if not form.validate_on_submit():
            raise ValidationError(
                answers.form_problem(form, _("Giv temaet en overskrift på højst 200 tegn."))
            )
        activity = db.session.get_one(Activity, activity_id)
        message = undo.record(db.session, activity, action, change)
    except DomainError as error:
        return answers.failed(activity_id, error.message, error.status)
    return answers.done(activity_id, message)


@bp.post("/clusters/<int:cluster_id>/rename")
def rename(cluster_id: int) -> Response:
    """A heading typed in place, or one of its alternatives picked (the same: a rename)."""
    cluster = _cluster(cluster_id)
    form = RenameForm()

    def change() -> str:
        curation.rename_cluster(db.session, cluster, form.label.data)
        return _("Overskriften er nu »%(title)s«.", title=cluster.label)

    return _curate(cluster.activity_id, "rename", change, form)


@bp.post("/clusters/<int:cluster_id>/note")
def note(cluster_id: int) -> Response:
    """The secretariat's note under the theme's heading in the output document (not a
    curation change: undo leaves notes alone)."""
    cluster = _cluster(cluster_id)
    form = ThemeNoteForm()
    if answers.wants_json():
        try:
            if not form.validate_on_submit():
                raise ValidationError(answers.form_problem(form, _("Noten kunne ikke gemmes.")))
            curation.set_cluster_note(db.session, cluster, form.note.data or "")
        except DomainError as error:
            return answers.failed(cluster.activity_id, error.message, error.status)
        return answers.done(
            cluster.activity_id, _("Noten til »%(title)s« er gemt.", title=cluster.label)
        )
    save_with_message(
        form,
        lambda: curation.set_cluster_note(db.session, cluster, form.note.data or ""),
        _("Noten til »%(title)s« er gemt.", title=cluster.label),
    )
    return redirect(url_for(".page", activity_id=cluster.activity_id) + f"#tema-{cluster.id}")


def _pin(cluster: Cluster, pinned: bool) -> str:
    curation.set_pinned(db.session, cluster, pinned)
    if pinned:
        return _("»%(title)s« er fastgjort.", title=cluster.label)
    return _("»%(title)s« er løsnet.", title=cluster.label)


def _split(cluster: Cluster) -> str:
    new = curation.split_cluster(db.session, cluster, runner=_jobs().runner)
    return _(
        "»%(title)s« er delt i to; den nye del hedder »%(new)s«.",
        title=cluster.label,
        new=new.label,
    )


def _delete(cluster: Cluster) -> str:
    title = cluster.label
    curation.delete_cluster(db.session, cluster)
    return _("Temaet »%(title)s« er fjernet; dets bidrag ligger under »Uden tema«.", title=title)


CLUSTER_ACTIONS: dict[str, Callable[[Cluster], str]] = {
    "pin": lambda c: _pin(c, True),
    "unpin": lambda c: _pin(c, False),
    "split": _split,
    "delete": _delete,
}


@bp.post("/clusters/<int:cluster_id>/<any(pin, unpin, split, delete):action>")
def cluster_action(cluster_id: int, action: str) -> Response:
    cluster = _cluster(cluster_id)
    return _curate(cluster.activity_id, action, lambda: CLUSTER_ACTIONS[action](cluster))


@bp.post("/activities/<int:activity_id>/themes/merge")
def merge(activity_id: int) -> Response:
    own_activity(activity_id)
    ids = [int(i) for i in request.form.getlist("cluster_ids") if i.isdigit()]

    def change() -> str:
        chosen = [_cluster(i) for i in ids]
        if len(chosen) < 2:
            raise ValidationError(_("Vælg mindst to temaer at slå sammen."))
        target = curation.merge_clusters(db.session, chosen[0], chosen[1:])
        return _("Temaerne er slået sammen under »%(title)s«.", title=target.label)

    return _curate(activity_id, "merge", change)


def _move(activity_id: int, contribution_ids: list[int]) -> Response:
    """Contributions (each with its near-duplicates) to the theme `cluster_id` names, or
    out of every theme ("" or absent)."""
    target = request.form.get("cluster_id", "")

    def change() -> str:
        rows = [own_contribution(i) for i in contribution_ids]
        if any(row.activity_id != activity_id for row in rows):
            raise NotFound(_("Bidraget findes ikke."))
        cluster = _cluster(int(target)) if target.isdigit() else None
        moved = curation.move_contributions(db.session, rows, cluster)
        if cluster is None:
            return ngettext(
                "%(num)s bidrag flyttet til »Uden tema«.",
                "%(num)s bidrag flyttet til »Uden tema«.",
                moved,
            )
        return ngettext(
            "%(num)s bidrag flyttet til »%(title)s«.",
            "%(num)s bidrag flyttet til »%(title)s«.",
            moved,
            title=cluster.label,
        )

    return _curate(activity_id, "move", change)


@bp.post("/contributions/<int:contribution_id>/move")
def move(contribution_id: int) -> Response:
    contribution = own_contribution(contribution_id)
    return _move(contribution.activity_id, [contribution.id])


@bp.post("/activities/<int:activity_id>/themes/move")
def move_many(activity_id: int) -> Response:
    """The chosen contributions (checkboxes, or dragged together) to one theme at once."""
    own_activity(activity_id)
    ids = [int(i) for i in request.form.getlist("contribution_ids") if i.isdigit()]
    return _move(activity_id, ids)


@bp.post("/activities/<int:activity_id>/themes/undo")
def undo_last(activity_id: int) -> Response:
    """ "Fortryd": the themes as they were before the last change."""
    activity = own_activity(activity_id)
    try:
        if not ActionForm().validate_on_submit():
            raise ValidationError(answers.stale_form())
        undo.undo(db.session, activity)
    except DomainError as error:
        return answers.failed(activity_id, error.message, error.status)
    return answers.done(activity_id, _("Den sidste ændring er fortrudt."))
