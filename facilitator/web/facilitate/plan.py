"""The process plan: add, edit, delete and paste milestones; the timeline on the process page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from facilitator.core.clock import danish_today
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.extensions import db
from facilitator.processes import plan
from facilitator.processes.models import Milestone, Process
from facilitator.web.facilitate.access import own_process, require_login
from facilitator.web.facilitate.forms import MilestoneForm, PlanPasteForm
from facilitator.web.forms import ActionForm, choices

bp = Blueprint("plan", __name__, url_prefix="/facilitate")
bp.before_request(require_login)

Page = str | Response | tuple[str, int]


@bp.app_template_global()
def plan_timeline(process: Process) -> list[plan.TimelineEntry]:
    """The process page's timeline, as of today in Denmark (where the meetings are)."""
    return plan.timeline(process, danish_today())


def _back(process: Process) -> Response:
    return redirect(url_for("facilitate.process", process_id=process.id, _anchor="procesplan"))


def _milestone_form(process: Process, milestone: Milestone | None) -> MilestoneForm:
    form = MilestoneForm()
    if request.method == "GET" and milestone is not None:
        form.when.data = milestone.when
        form.month_only.data = milestone.precision == "month"
        form.forum.data = milestone.forum
        form.action.data = milestone.action
        form.session_id.data = milestone.session_id or 0
    form.session_id.choices = choices(
        [(0, _("Ingen session")), *((s.id, s.title) for s in process.meetings)]
    )
    return form


def _save_milestone(process: Process, milestone: Milestone | None) -> Page:
    """Add (milestone None) or update a milestone; one page serves both."""
    form = _milestone_form(process, milestone)
    if form.validate_on_submit():
        fields = {
            "when": form.when.data,
            "precision": "month" if form.month_only.data else "day",
            "forum": form.forum.data or "",
            "action": form.action.data or "",
            "session_id": form.session_id.data or None,
        }
        try:
            if milestone is None:
                plan.add_milestone(db.session, process, **fields)
                flash(_("Punktet er tilføjet procesplanen."))
            else:
                plan.update_milestone(db.session, milestone, **fields)
                flash(_("Punktet i procesplanen er gemt."))
        except DomainError as error:
            db.session.rollback()
            form.form_errors.append(error.message)
        else:
            return _back(process)
    page = render_template(
        "facilitate/milestone_form.html", form=form, process=process, milestone=milestone
    )
    return (page, 400) if form.errors else page


@bp.route("/processes/<int:process_id>/plan/new", methods=["GET", "POST"])
def new_milestone(process_id: int) -> Page:
    return _save_milestone(own_process(process_id), None)


@bp.route("/processes/<int:process_id>/plan/<int:milestone_id>/edit", methods=["GET", "POST"])
def edit_milestone(process_id: int, milestone_id: int) -> Page:
    process = own_process(process_id)
    return _save_milestone(process, plan.milestone_of(process, milestone_id))


@bp.post("/processes/<int:process_id>/plan/<int:milestone_id>/delete")
def delete_milestone(process_id: int, milestone_id: int) -> Response:
    process = own_process(process_id)
    milestone = plan.milestone_of(process, milestone_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    plan.delete_milestone(db.session, milestone)
    flash(_("Punktet er slettet fra procesplanen."))
    return _back(process)


@bp.route("/processes/<int:process_id>/plan/paste", methods=["GET", "POST"])
def paste_plan(process_id: int) -> Page:
    process = own_process(process_id)
    form = PlanPasteForm()
    if form.validate_on_submit():
        try:
            parsed = plan.import_plan_rows(db.session, process, form.table.data)
        except DomainError as error:
            db.session.rollback()
            form.table.errors.append(error.message)
        else:
            flash(
                ngettext(
                    "%(num)s punkt er tilføjet procesplanen.",
                    "%(num)s punkter er tilføjet procesplanen.",
                    len(parsed.rows),
                )
            )
            for note in parsed.notes:
                flash(note)
            return _back(process)
    page = render_template("facilitate/plan_paste.html", form=form, process=process)
    return (page, 400) if form.errors else page
