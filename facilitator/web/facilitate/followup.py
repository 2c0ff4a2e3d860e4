"""Initiative follow-up: tracked initiatives, their status history, the status page, its export.

Forms that fail are shown again on the status page with what was typed and a 400; forms that
save redirect back to the initiative (PRG)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from facilitator.core.clock import danish_now, danish_time
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.core.wording import da_date, da_planned
from facilitator.export.services import export_status_file
from facilitator.extensions import db
from facilitator.followup import overview as status_overview
from facilitator.followup import services as followup
from facilitator.followup.models import TrackedInitiative
from facilitator.followup.services import InitiativeFields
from facilitator.processes.models import Process
from facilitator.web.facilitate.access import own_process, require_login
from facilitator.web.facilitate.exports import document_language, docx_options, download, who
from facilitator.web.facilitate.forms import (
    InitiativeForm,
    InitiativeStatusForm,
    NewInitiativeForm,
    StatusExportForm,
    StatusOverviewForm,
    TrackInitiativesForm,
)
from facilitator.web.forms import ActionForm, Form, choices

bp = Blueprint("followup", __name__, url_prefix="/facilitate")
bp.before_request(require_login)


@bp.app_template_global("followup_overview")
def overview(process: Process) -> dict[str, Any]:
    """For the process page's section: initiatives per table and per stage, and when a status
    last changed."""
    changed = followup.last_changed(process)
    return {
        "tables": followup.overview(process),
        "stages": followup.stage_counts(process),
        "changed": da_date(danish_time(changed)) if changed else "",
    }


def _initiative(initiative_id: int) -> TrackedInitiative:
    return followup.get_initiative_for(db.session, current_user, initiative_id)


def _by() -> str:
    return followup.actor_name(current_user)


def _anchor(initiative: TrackedInitiative) -> str:
    return url_for(
        ".status_page", process_id=initiative.process_id, _anchor=f"initiativ-{initiative.id}"
    )


# --- forms ---------------------------------------------------------------------------------------


def _with_areas(form: InitiativeForm, process: Process) -> InitiativeForm:
    form.focus_area.choices = choices(
        [
            (0, _("Tværgående (intet fokusområde)")),
            *((area.id, area.name) for area in process.focus_areas),
        ]
    )
    return form


def _edit_form(initiative: TrackedInitiative, posted: bool = False) -> InitiativeForm:
    """The initiative's edit form: the request's post when `posted`, else its saved fields."""
    prefix = f"i{initiative.id}"
    if posted:
        return _with_areas(InitiativeForm(prefix=prefix), initiative.process)
    return _with_areas(
        InitiativeForm(
            formdata=None,
            prefix=prefix,
            data={
                "title": initiative.title,
                "focus_area": initiative.focus_area_id or 0,
                "carried_by": initiative.carried_by,
                "expected_forum": initiative.expected_forum,
                "expected_on": initiative.expected_on,
                "expected_precision": initiative.expected_precision,
            },
        ),
        initiative.process,
    )


def _status_form(initiative: TrackedInitiative, posted: bool = False) -> InitiativeStatusForm:
    prefix = f"s{initiative.id}"
    if posted:
        return InitiativeStatusForm(prefix=prefix)
    return InitiativeStatusForm(
        formdata=None,
        prefix=prefix,
        data={"status": initiative.status, "stage": initiative.stage},
    )


def _overview_form(process: Process) -> StatusOverviewForm:
    saved = status_overview.overview_of(process)
    return StatusOverviewForm(
        formdata=None,
        prefix="oversigt",
        data={
            "meeting_on": saved.meeting_on if saved else None,
            "overall": saved.overall if saved else "",
        },
    )


def _planned_meeting(process: Process) -> str:
    """The plan's next meeting of the report's forum, as the page's hint names it."""
    meeting = status_overview.planned_meeting(process, followup.DEFAULT_FORUM, danish_now().date())
    return da_planned(meeting.on, meeting.precision) if meeting else ""


def _fields(form: InitiativeForm) -> InitiativeFields:
    return InitiativeFields(
        title=form.title.data or "",
        focus_area_id=form.focus_area.data or None,
        carried_by=form.carried_by.data or "",
        expected_forum=form.expected_forum.data or "",
        expected_on=form.expected_on.data,
        expected_precision=form.expected_precision.data or "month",
    )


def _saved(form: Form, save: object) -> bool:
    """Validate, then save through the service; a refusal becomes the form's own error."""
    if not form.validate_on_submit():
        return False
    try:
        save()  # type: ignore[operator]
    except DomainError as error:
        form.form_errors.append(error.message)
        return False
    return True


# --- the status page -----------------------------------------------------------------------------


def _status_page(
    process: Process,
    *,
    failed: dict[str, Form] | None = None,
    new: NewInitiativeForm | None = None,
    overview_form: StatusOverviewForm | None = None,
) -> tuple[str, int]:
    """`failed`: a posted form by its prefix, shown instead of the saved state."""
    failed = failed or {}
    overview_form = overview_form or _overview_form(process)
    groups = []
    for heading, initiatives in followup.grouped(process):
        rows = []
        for initiative in initiatives:
            rows.append(
                {
                    "initiative": initiative,
                    "handling": followup.initiative_handling(initiative),
                    "stage": followup.stage_label(initiative.stage),
                    "edit": failed.get(f"i{initiative.id}") or _edit_form(initiative),
                    "status": failed.get(f"s{initiative.id}") or _status_form(initiative),
                    "history": [
                        (da_date(danish_time(change.changed_at)), change)
                        for change in reversed(initiative.history)
                    ],  # newest first
                }
            )
        groups.append((heading, rows))
    new = new or _with_areas(NewInitiativeForm(formdata=None, prefix="ny"), process)
    page = render_template(
        "facilitate/followup.html",
        process=process,
        groups=groups,
        new=new,
        action=ActionForm(formdata=None),
        export=StatusExportForm(formdata=None),
        overview=overview_form,
        planned_meeting=_planned_meeting(process),
        candidates=len(followup.candidates(db.session, process)),
    )
    refused = failed or new.errors or new.form_errors or overview_form.errors
    return page, 400 if (refused or overview_form.form_errors) else 200


@bp.get("/processes/<int:process_id>/opfoelgning")
def status_page(process_id: int) -> tuple[str, int]:
    return _status_page(own_process(process_id))


@bp.post("/processes/<int:process_id>/opfoelgning/ny")
def add_initiative(process_id: int) -> Response | tuple[str, int]:
    process = own_process(process_id)
    form = _with_areas(NewInitiativeForm(prefix="ny"), process)
    made: list[TrackedInitiative] = []
    if _saved(
        form,
        lambda: made.append(
            followup.add_initiative(
                db.session,
                process,
                _fields(form),
                status=form.status.data or "",
                stage=form.stage.data or followup.DEFAULT_STAGE,
                by=_by(),
            )
        ),
    ):
        flash(_("Initiativet er tilføjet."))
        return redirect(_anchor(made[0]))
    return _status_page(process, new=form)


@bp.post("/initiativer/<int:initiative_id>")
def edit_initiative(initiative_id: int) -> Response | tuple[str, int]:
    initiative = _initiative(initiative_id)
    form = _edit_form(initiative, posted=True)
    if _saved(form, lambda: followup.update_initiative(db.session, initiative, _fields(form))):
        flash(_("Initiativet er gemt."))
        return redirect(_anchor(initiative))
    return _status_page(initiative.process, failed={f"i{initiative.id}": form})


@bp.post("/initiativer/<int:initiative_id>/status")
def change_status(initiative_id: int) -> Response | tuple[str, int]:
    initiative = _initiative(initiative_id)
    form = _status_form(initiative, posted=True)
    changed: list[bool] = []
    if _saved(
        form,
        lambda: changed.append(
            followup.change_status(
                db.session,
                initiative,
                form.status.data or "",
                stage=form.stage.data or initiative.stage,
                by=_by(),
            )
        ),
    ):
        flash(_("Status er opdateret.") if changed[0] else _("Status er uændret."))
        return redirect(_anchor(initiative))
    return _status_page(initiative.process, failed={f"s{initiative.id}": form})


@bp.post("/processes/<int:process_id>/opfoelgning/oversigt")
def save_overview(process_id: int) -> Response | tuple[str, int]:
    """The status report's meeting and "Overordnet samarbejde"."""
    process = own_process(process_id)
    form = StatusOverviewForm(prefix="oversigt")
    if _saved(
        form,
        lambda: status_overview.save_overview(
            db.session,
            process,
            overall=form.overall.data or "",
            meeting_on=form.meeting_on.data,
        ),
    ):
        flash(_("Statusoversigten er gemt."))
        return redirect(url_for(".status_page", process_id=process.id, _anchor="statusoversigt"))
    return _status_page(process, overview_form=form)


@bp.post("/initiativer/<int:initiative_id>/flyt/<direction>")
def move_initiative(initiative_id: int, direction: str) -> Response:
    initiative = _initiative(initiative_id)
    if ActionForm().validate_on_submit() and direction in ("op", "ned"):
        followup.move_initiative(db.session, initiative, -1 if direction == "op" else 1)
    return redirect(_anchor(initiative))


@bp.post("/initiativer/<int:initiative_id>/delete")
def delete_initiative(initiative_id: int) -> Response:
    initiative = _initiative(initiative_id)
    process_id = initiative.process_id
    if ActionForm().validate_on_submit():
        title = initiative.title
        followup.delete_initiative(db.session, initiative)
        flash(_("»%(title)s« følges ikke længere.", title=title[:80]))
    return redirect(url_for(".status_page", process_id=process_id))


# --- choosing from a session's output ------------------------------------------------------------


@bp.route("/processes/<int:process_id>/opfoelgning/vaelg", methods=["GET", "POST"])
def choose(process_id: int) -> Response | tuple[str, int]:
    process = own_process(process_id)
    form = TrackInitiativesForm()
    found = followup.candidates(db.session, process)
    if request.method == "POST":
        made: list[TrackedInitiative] = []
        if _saved(
            form,
            lambda: made.extend(
                followup.track_contributions(
                    db.session, process, form.contributions.data or [], by=_by()
                )
            ),
        ):
            flash(
                ngettext(
                    "%(num)s initiativ følges nu.", "%(num)s initiativer følges nu.", len(made)
                )
            )
            return redirect(url_for(".status_page", process_id=process.id))
    chosen = set(form.contributions.data or []) if request.method == "POST" else set()
    page = render_template(
        "facilitate/followup_choose.html",
        process=process,
        form=form,
        candidates=found,
        chosen=chosen,
    )
    return page, 400 if form.errors or form.form_errors else 200


# --- export --------------------------------------------------------------------------------------


@bp.get("/processes/<int:process_id>/status.<fmt>")
def export_status(process_id: int, fmt: str) -> Response | tuple[str, int]:
    process = own_process(process_id)
    form = StatusExportForm(request.args)
    if not form.validate():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return redirect(url_for(".status_page", process_id=process.id))
    docx = docx_options() if fmt == "docx" else None
    return download(
        export_status_file(
            db.session,
            process,
            fmt,
            docx=docx,
            language=document_language(),
            meeting_on=form.moede.data,
            **who(),
        )
    )
