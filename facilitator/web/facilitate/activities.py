"""The agenda editor: adding and editing activities, and their buttons (move, delete, open,
close, reveal results)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from facilitator.activities import services as activities
from facilitator.activities.models import ACTIVITY_KINDS, Activity
from facilitator.activities.services import MAX_SIDES
from facilitator.core.errors import DomainError, NotFound
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.sessions.models import WorkshopSession
from facilitator.web.facilitate.access import own_activity, own_session, require_action
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.forms import ActivityForm, lines
from facilitator.web.forms import choices
from facilitator.web.links import safe_local_target
from facilitator.wordcloud.words import MAX_WORDS


def _settings_from_form(kind: str, form: ActivityForm) -> dict[str, Any]:
    if kind == "dilemma":
        sides = [
            (form[f"side{n}_label"].data or "", form[f"side{n}_description"].data or "")
            for n in range(1, MAX_SIDES + 1)
        ]
        settings = activities.dilemma_settings(sides, form.reason_required.data)
    elif kind == "topic_vote":
        settings = activities.topic_vote_settings(
            lines(form.topics.data), form.max_choices.data or 1
        )
    else:
        settings = {}
    return {
        **settings,
        **activities.shared_settings(
            results_live=form.results_live.data,
            endorsements=form.endorsements.data,
            premoderated=form.premoderated.data,
            by_table=form.document_order.data == "bord",
        ),
    }


def _fill_form(form: ActivityForm, activity: Activity) -> None:
    form.title.data = activity.title
    form.prompt.data = activity.prompt
    form.focus_area.data = activity.focus_area_id or 0
    form.reason_required.data = activity.reason_required
    form.topics.data = "\n".join(activity.topics)
    form.max_choices.data = activity.max_choices
    form.results_live.data = activity.results_live
    form.endorsements.data = activity.endorsements_enabled
    form.premoderated.data = activity.premoderated
    form.document_order.data = "bord" if activity.document_by_table else "tema"
    for n, side in enumerate(activity.sides, start=1):
        form[f"side{n}_label"].data = side["label"]
        form[f"side{n}_description"].data = side.get("description", "")


def _activity_form(workshop: WorkshopSession) -> ActivityForm:
    form = ActivityForm()
    form.focus_area.choices = choices(
        [(0, _("Intet fokusområde"))]
        + [(area.id, area.name) for area in workshop.process.focus_areas]
    )
    return form


@bp.route("/sessions/<int:session_id>/activities/new/<kind>", methods=["GET", "POST"])
def new_activity(session_id: int, kind: str) -> ResponseReturnValue:
    workshop = own_session(session_id)
    if kind not in ACTIVITY_KINDS:
        raise NotFound(_("Ukendt aktivitetstype."))
    form = _activity_form(workshop)
    if request.method == "GET":  # a new dilemma or vote waits for "Vis resultater"
        form.results_live.data = activities.results_live_default(kind)
    if form.validate_on_submit():
        try:
            activities.add_activity(
                db.session,
                workshop,
                kind=kind,
                title=form.title.data,
                prompt=form.prompt.data or "",
                settings=_settings_from_form(kind, form),
                focus_area_id=form.focus_area.data or None,
            )
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            flash(_("Aktiviteten er tilføjet."))
            return redirect(url_for(".session", session_id=workshop.id) + "#dagsorden")
    return render_template(
        "facilitate/activity_form.html",
        form=form,
        session=workshop,
        kind=kind,
        kind_label=_(ACTIVITY_KINDS[kind]),
        activity=None,
        max_sides=MAX_SIDES,
        max_words=MAX_WORDS,
    ), 400 if form.errors or form.form_errors else 200


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
def edit_activity(activity_id: int) -> ResponseReturnValue:
    activity = own_activity(activity_id)
    form = _activity_form(activity.session)
    if request.method == "GET":
        _fill_form(form, activity)
    if form.validate_on_submit():
        try:
            activities.update_activity(
                db.session,
                activity,
                title=form.title.data,
                prompt=form.prompt.data or "",
                settings=_settings_from_form(activity.kind, form),
                focus_area_id=form.focus_area.data or None,
            )
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            flash(_("Aktiviteten er gemt."))
            return redirect(url_for(".session", session_id=activity.session_id) + "#dagsorden")
    return render_template(
        "facilitate/activity_form.html",
        form=form,
        session=activity.session,
        kind=activity.kind,
        kind_label=activity.kind_label,
        activity=activity,
        max_sides=MAX_SIDES,
        max_words=MAX_WORDS,
    ), (400 if form.errors or form.form_errors else 200)


ACTIVITY_ACTIONS = {
    "up": lambda a: activities.move_activity(db.session, a, -1),
    "down": lambda a: activities.move_activity(db.session, a, +1),
    "delete": lambda a: activities.delete_activity(db.session, a),
    "open": lambda a: activities.open_activity(db.session, a),
    "close": lambda a: activities.close_activity(db.session, a),
    "reveal": lambda a: activities.reveal_results(db.session, a, True),
    "conceal": lambda a: activities.reveal_results(db.session, a, False),
}


@bp.post("/activities/<int:activity_id>/<action>")
def activity_action(activity_id: int, action: str) -> Response:
    if action not in ACTIVITY_ACTIONS:
        abort(404)
    require_action()
    activity = own_activity(activity_id)
    session_id = activity.session_id
    try:
        ACTIVITY_ACTIONS[action](activity)
    except DomainError as error:
        flash(error.message, "error")
    return redirect(
        safe_local_target(request.form.get("back"), url_for(".session", session_id=session_id))
    )


@bp.post("/activities/<int:activity_id>/words")
def word_visibility(activity_id: int) -> Response:
    """A word cloud's "Skjul" on one word, or "Vis igen" (the console's buttons, a plain form
    with or without JavaScript): the cloud, the phones and the documents follow."""
    require_action()
    activity = own_activity(activity_id)
    try:
        activities.set_word_hidden(
            db.session,
            activity,
            request.form.get("word", ""),
            hidden=request.form.get("hidden") == "1",
        )
    except DomainError as error:
        flash(error.message, "error")
    return redirect(
        safe_local_target(
            request.form.get("back"), url_for(".console", session_id=activity.session_id)
        )
    )
