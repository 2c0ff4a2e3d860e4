"""The facilitator's pages: processes, sessions, the agenda editor and the live console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from facilitator.activities import services as activities
from facilitator.activities.models import ACTIVITY_KINDS, Activity
from facilitator.activities.services import MAX_SIDES
from facilitator.contributions import results
from facilitator.contributions.models import Contribution
from facilitator.contributions.services import set_hidden, set_highlighted
from facilitator.core.errors import DomainError, NotFound
from facilitator.core.i18n import gettext as _
from facilitator.export.services import export_process_file, export_session_file
from facilitator.extensions import db
from facilitator.processes import retention
from facilitator.processes import services as processes
from facilitator.processes.models import Process
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.notes import NOTE_MAX, SUMMARY_MAX
from facilitator.web.facilitate.downloads import document_language, docx_options, download, who
from facilitator.web.forms import (
    ActionForm,
    ActivityForm,
    ActivityNotesForm,
    DeleteForm,
    NextStepsForm,
    ProcessForm,
    SessionForm,
    choices,
    save_with_message,
)
from facilitator.web.links import join_url, safe_local_target, screen_url

bp = Blueprint("facilitate", __name__, url_prefix="/facilitate")


@bp.before_request
@login_required
def require_login() -> None:
    """Every page here is for logged-in facilitators only."""


def _lines(text: str | None) -> list[str]:
    return (text or "").splitlines()


def _session(session_id: int) -> WorkshopSession:
    return sessions.get_session_for(db.session, current_user, session_id)


def _activity(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    try:  # access check; another's activity answers as a missing one (no enumeration)
        _session(activity.session_id if activity else 0)
    except NotFound:
        raise NotFound(_("Aktiviteten findes ikke.")) from None
    return activity


def _require_action() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


# --- processes -------------------------------------------------------------------------------

@bp.get("/")
def dashboard() -> str:
    return render_template("facilitate/dashboard.html",
                           processes=processes.processes_for(db.session, current_user))


@bp.route("/processes/new", methods=["GET", "POST"])
def new_process() -> str | Response | tuple[str, int]:
    form = ProcessForm()
    if request.method == "GET":
        form.organisations.data = "\n".join(processes.DEFAULT_ORGANISATIONS)
    return _process_form(form, None)


def _process_form(form: ProcessForm,
                  process: Process | None) -> str | Response | tuple[str, int]:
    """Create (process None) or update a process from the form; one page serves both."""
    if form.validate_on_submit():
        fields = {"description": form.description.data or "",
                  "focus_areas": _lines(form.focus_areas.data),
                  "organisations": _lines(form.organisations.data)}
        try:
            if process is None:
                process = processes.create_process(db.session, current_user, form.title.data,
                                                   **fields)
                flash(_("Forløbet »%(title)s« er oprettet.", title=process.title))
            else:
                processes.update_process(db.session, process, title=form.title.data, **fields)
                flash(_("Forløbet er gemt."))
        except DomainError as error:
            form.title.errors.append(error.message)
        else:
            return redirect(url_for(".process", process_id=process.id))
    return render_template("facilitate/process_form.html", form=form,
                           process=process), 400 if form.errors else 200


@bp.get("/processes/<int:process_id>")
def process(process_id: int) -> str:
    return render_template("facilitate/process.html", process=processes.get_process_for(
        db.session, current_user, process_id), action=ActionForm())


@bp.route("/processes/<int:process_id>/edit", methods=["GET", "POST"])
def edit_process(process_id: int) -> str | Response | tuple[str, int]:
    process = processes.get_process_for(db.session, current_user, process_id)
    form = ProcessForm(obj=None if request.method == "POST" else process)
    if request.method == "GET":
        form.focus_areas.data = "\n".join(area.name for area in process.focus_areas)
        form.organisations.data = "\n".join(process.organisations)
    return _process_form(form, process)


# --- sessions --------------------------------------------------------------------------------

@bp.route("/processes/<int:process_id>/sessions/new", methods=["GET", "POST"])
def new_session(process_id: int) -> str | Response | tuple[str, int]:
    process = processes.get_process_for(db.session, current_user, process_id)
    form = SessionForm()
    if form.validate_on_submit():
        try:
            session = sessions.create_session(
                db.session, process, title=form.title.data, kind=form.kind.data,
                date=form.date.data, starts_at=form.starts_at.data, ends_at=form.ends_at.data,
                venue=form.venue.data or "",
                description=form.description.data or "", template=form.template.data or None,
                passcode=form.passcode.data or "")
        except DomainError as error:
            form.title.errors.append(error.message)
        else:
            flash(_("Sessionen »%(title)s« er oprettet.", title=session.title))
            return redirect(url_for(".session", session_id=session.id))
    return render_template("facilitate/session_form.html", form=form, process=process,
                           session=None), 400 if form.errors else 200


@bp.get("/sessions/<int:session_id>")
def session(session_id: int) -> str:
    workshop = _session(session_id)
    return render_template("facilitate/session.html", session=workshop, action=ActionForm(),
                           kinds=ACTIVITY_KINDS, join_url=join_url(workshop),
                           screen_url=screen_url(workshop),
                           counts=results.contribution_counts(db.session, workshop),
                           next_steps_form=NextStepsForm(data={"next_steps": workshop.next_steps}),
                           summary_max=SUMMARY_MAX)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(session_id: int) -> str | Response | tuple[str, int]:
    workshop = _session(session_id)
    form = SessionForm(obj=None if request.method == "POST" else workshop)
    del form.template  # templates only pre-fill new sessions
    if form.validate_on_submit():
        try:
            sessions.update_session(db.session, workshop, title=form.title.data,
                                    kind=form.kind.data, date=form.date.data,
                                    starts_at=form.starts_at.data, ends_at=form.ends_at.data,
                                    venue=form.venue.data or "",
                                    description=form.description.data or "",
                                    passcode=form.passcode.data or "")
        except DomainError as error:
            form.title.errors.append(error.message)
        else:
            flash(_("Sessionen er gemt."))
            return redirect(url_for(".session", session_id=workshop.id))
    return render_template("facilitate/session_form.html", form=form,
                           process=workshop.process,
                           session=workshop), 400 if form.errors else 200


@bp.post("/sessions/<int:session_id>/state/<state>")
def set_session_state(session_id: int, state: str) -> Response:
    _require_action()
    back = safe_local_target(request.form.get("back"), url_for(".session", session_id=session_id))
    workshop = _session(session_id)
    if state == "closed" and workshop.state != "closed" and request.form.get("confirm") != "1":
        # Ending stops every phone at once: never on one click, with or without JavaScript.
        return redirect(url_for(".confirm_close", session_id=session_id, back=back))
    workshop = sessions.set_state(db.session, workshop, state)
    flash(_("Sessionen er nu: %(state)s.", state=workshop.state_label.lower()))
    return redirect(back)


@bp.get("/sessions/<int:session_id>/afslut")
def confirm_close(session_id: int) -> str:
    """"Afslut session?" as a page: the no-JavaScript form of the console's dialog."""
    workshop = _session(session_id)
    back = safe_local_target(request.args.get("back"),
                             url_for(".console", session_id=session_id))
    return render_template("facilitate/close_session.html", session=workshop, back=back)


@bp.get("/sessions/<int:session_id>/console")
def console(session_id: int) -> str:
    workshop = _session(session_id)
    contributions = {a.id: results.activity_results(db.session, a) for a in workshop.activities}
    hidden = _hidden_contributions(workshop)
    return render_template("facilitate/console.html", session=workshop, action=ActionForm(),
                           results=contributions, hidden=hidden,
                           counts=results.contribution_counts(db.session, workshop),
                           groups=results.participants_by_group(db.session, workshop),
                           joined=results.participant_count(db.session, workshop),
                           join_url=join_url(workshop), screen_url=screen_url(workshop),
                           notes_form=ActivityNotesForm, note_max=NOTE_MAX,
                           summary_max=SUMMARY_MAX)


def _hidden_contributions(workshop: WorkshopSession) -> dict[int, list[Contribution]]:
    """Hidden contributions per activity id, oldest first: one read for the whole console."""
    hidden: dict[int, list[Contribution]] = {a.id: [] for a in workshop.activities}
    for row in db.session.scalars(
            db.select(Contribution).join(Activity, Activity.id == Contribution.activity_id)
            .where(Activity.session_id == workshop.id, Contribution.hidden.is_(True))
            .order_by(Contribution.created_at, Contribution.id)):
        hidden.setdefault(row.activity_id, []).append(row)
    return hidden


# --- agenda ----------------------------------------------------------------------------------

def _settings_from_form(kind: str, form: ActivityForm) -> dict[str, Any]:
    if kind == "dilemma":
        sides = [(form[f"side{n}_label"].data or "", form[f"side{n}_description"].data or "")
                 for n in range(1, MAX_SIDES + 1)]
        settings = activities.dilemma_settings(sides, form.reason_required.data)
    elif kind == "topic_vote":
        settings = activities.topic_vote_settings(_lines(form.topics.data),
                                                  form.max_choices.data or 1)
    else:
        settings = {}
    return {**settings, **activities.shared_settings(
        results_live=form.results_live.data, endorsements=form.endorsements.data)}


def _fill_form(form: ActivityForm, activity: Activity) -> None:
    form.title.data = activity.title
    form.prompt.data = activity.prompt
    form.focus_area.data = activity.focus_area_id or 0
    form.reason_required.data = activity.reason_required
    form.topics.data = "\n".join(activity.topics)
    form.max_choices.data = activity.max_choices
    form.results_live.data = activity.results_live
    form.endorsements.data = activity.endorsements_enabled
    for n, side in enumerate(activity.sides, start=1):
        form[f"side{n}_label"].data = side["label"]
        form[f"side{n}_description"].data = side.get("description", "")


def _activity_form(workshop: WorkshopSession) -> ActivityForm:
    form = ActivityForm()
    form.focus_area.choices = choices([(0, _("Intet fokusområde"))] + [
        (area.id, area.name) for area in workshop.process.focus_areas])
    return form


@bp.route("/sessions/<int:session_id>/activities/new/<kind>", methods=["GET", "POST"])
def new_activity(session_id: int, kind: str) -> str | Response:
    workshop = _session(session_id)
    if kind not in ACTIVITY_KINDS:
        raise NotFound(_("Ukendt aktivitetstype."))
    form = _activity_form(workshop)
    if request.method == "GET":  # a new dilemma or vote waits for "Vis resultater"
        form.results_live.data = activities.results_live_default(kind)
    if form.validate_on_submit():
        try:
            activities.add_activity(db.session, workshop, kind=kind, title=form.title.data,
                                    prompt=form.prompt.data or "",
                                    settings=_settings_from_form(kind, form),
                                    focus_area_id=form.focus_area.data or None)
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            flash(_("Aktiviteten er tilføjet."))
            return redirect(url_for(".session", session_id=workshop.id) + "#dagsorden")
    return render_template("facilitate/activity_form.html", form=form, session=workshop,
                           kind=kind, kind_label=_(ACTIVITY_KINDS[kind]), activity=None,
                           max_sides=MAX_SIDES), 400 if form.errors or form.form_errors else 200


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
def edit_activity(activity_id: int) -> str | Response:
    activity = _activity(activity_id)
    form = _activity_form(activity.session)
    if request.method == "GET":
        _fill_form(form, activity)
    if form.validate_on_submit():
        try:
            activities.update_activity(db.session, activity, title=form.title.data,
                                       prompt=form.prompt.data or "",
                                       settings=_settings_from_form(activity.kind, form),
                                       focus_area_id=form.focus_area.data or None)
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            flash(_("Aktiviteten er gemt."))
            return redirect(url_for(".session", session_id=activity.session_id) + "#dagsorden")
    return render_template("facilitate/activity_form.html", form=form, session=activity.session,
                           kind=activity.kind, kind_label=activity.kind_label,
                           activity=activity, max_sides=MAX_SIDES), (
        400 if form.errors or form.form_errors else 200)


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
    _require_action()
    activity = _activity(activity_id)
    session_id = activity.session_id
    try:
        ACTIVITY_ACTIONS[action](activity)
    except DomainError as error:
        flash(error.message, "error")
    return redirect(safe_local_target(request.form.get("back"),
                                      url_for(".session", session_id=session_id)))


@bp.post("/contributions/<int:contribution_id>/<any(hide, unhide, highlight, unhighlight):action>")
def moderate(contribution_id: int, action: str) -> Response:
    _require_action()
    contribution = db.session.get(Contribution, contribution_id)
    try:  # another's contribution answers as a missing one (no enumeration)
        _session(contribution.activity.session_id if contribution else 0)
    except NotFound:
        raise NotFound(_("Bidraget findes ikke.")) from None
    if action in ("hide", "unhide"):
        set_hidden(db.session, contribution, action == "hide")
    else:
        set_highlighted(db.session, contribution, action == "highlight")
    return _to_console(contribution.activity)


def _to_console(activity: Activity) -> Response:
    return redirect(url_for(".console", session_id=activity.session_id)
                    + f"#aktivitet-{activity.id}")


@bp.post("/activities/<int:activity_id>/notes")
def activity_notes(activity_id: int) -> Response:
    """The secretariat's note and summary for the output document (console)."""
    activity = _activity(activity_id)
    form = ActivityNotesForm()
    save_with_message(form, lambda: activities.set_notes(
        db.session, activity, note=form.note.data or "", summary=form.summary.data or ""),
        _("Note og opsummering til »%(title)s« er gemt.", title=activity.title))
    return _to_console(activity)


@bp.post("/sessions/<int:session_id>/next-steps")
def next_steps(session_id: int) -> Response:
    workshop = _session(session_id)
    form = NextStepsForm()
    save_with_message(form, lambda: sessions.set_next_steps(
        db.session, workshop, form.next_steps.data or ""), _("Næste skridt er gemt."))
    return redirect(url_for(".session", session_id=workshop.id) + "#naeste-skridt")


# --- export ----------------------------------------------------------------------------------

@bp.get("/sessions/<int:session_id>/export.<fmt>")
def export_session(session_id: int, fmt: str) -> Response:
    session = _session(session_id)
    docx = docx_options() if fmt == "docx" else None
    return download(export_session_file(db.session, session, fmt, docx=docx,
                                        language=document_language(), **who()))


@bp.get("/sessions/<int:session_id>/export-anonymt.json")
def export_session_anonymous(session_id: int) -> Response:
    session = _session(session_id)
    return download(export_session_file(db.session, session, "json", anonymous=True,
                                        language=document_language(), **who()))


@bp.get("/processes/<int:process_id>/export.<fmt>")
def export_process(process_id: int, fmt: str) -> Response:
    process = processes.get_process_for(db.session, current_user, process_id)
    docx = docx_options() if fmt == "docx" else None
    return download(export_process_file(db.session, process, fmt, docx=docx,
                                        language=document_language(), **who()))


# --- deletion (owners and administrators; get_*_for checks that) -----------------------------

def _confirm_delete(target: Process | WorkshopSession, *, heading: str, explanation: str,
                    report: retention.DeletionReport, live: list[WorkshopSession],
                    delete: Callable[..., retention.DeletionReport], done: str, back: str,
                    then: str) -> str | Response | tuple[str, int]:
    """One page for every deletion: what goes (counts), a tick box, then the deletion."""
    form = DeleteForm()
    try:
        retention.refuse_live(live)
    except DomainError as error:
        blocked = error.message
    else:
        blocked = None
    if blocked is None and form.validate_on_submit():
        deleted = delete(db.session, target, **who())
        flash(_("%(done)s Slettet: %(what)s.", done=done, what=deleted.describe()))
        return redirect(then)
    page = render_template("facilitate/confirm_delete.html", form=form, heading=heading,
                           explanation=explanation, report=report, blocked=blocked, back=back)
    return (page, 409) if blocked else (page, 400) if form.errors else page


@bp.route("/processes/<int:process_id>/delete", methods=["GET", "POST"])
def delete_process(process_id: int) -> str | Response | tuple[str, int]:
    process = processes.get_process_for(db.session, current_user, process_id)
    return _confirm_delete(
        process, heading=_("Slet forløbet »%(title)s«", title=process.title),
        explanation=_("Forløbet slettes med alle sine sessioner, dagsordener, deltagere og "
                      "bidrag."),
        report=retention.process_report(db.session, process), live=list(process.sessions),
        delete=retention.delete_process,
        done=_("Forløbet »%(title)s« er slettet.", title=process.title),
        back=url_for(".process", process_id=process.id), then=url_for(".dashboard"))


@bp.route("/sessions/<int:session_id>/delete", methods=["GET", "POST"])
def delete_session(session_id: int) -> str | Response | tuple[str, int]:
    workshop = _session(session_id)
    return _confirm_delete(
        workshop, heading=_("Slet sessionen »%(title)s«", title=workshop.title),
        explanation=_("Sessionen slettes med dagsorden, deltagere og bidrag."),
        report=retention.session_report(db.session, workshop), live=[workshop],
        delete=retention.delete_session,
        done=_("Sessionen »%(title)s« er slettet.", title=workshop.title),
        back=url_for(".session", session_id=workshop.id),
        then=url_for(".process", process_id=workshop.process_id))


@bp.route("/sessions/<int:session_id>/participants/delete", methods=["GET", "POST"])
def delete_participant_data(session_id: int) -> str | Response | tuple[str, int]:
    workshop = _session(session_id)
    return _confirm_delete(
        workshop, heading=_("Slet deltagerdata i »%(title)s«", title=workshop.title),
        explanation=_("Deltagerne, deres bidrag, tilslutninger og temaerne lavet af bidragene "
                      "slettes. Sessionen og dagsordenen bevares."),
        report=retention.participant_data_report(db.session, workshop), live=[workshop],
        delete=retention.delete_participant_data,
        done=_("Deltagerdata er slettet."), back=url_for(".session", session_id=workshop.id),
        then=url_for(".session", session_id=workshop.id))
