"""Processes: the dashboard, creating and editing a process, its page."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.processes import services as processes
from facilitator.processes.models import Process
from facilitator.web.facilitate.access import own_process
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.forms import ProcessForm, lines
from facilitator.web.forms import ActionForm


@bp.get("/")
def dashboard() -> str:
    return render_template(
        "facilitate/dashboard.html", processes=processes.processes_for(db.session, current_user)
    )


@bp.route("/processes/new", methods=["GET", "POST"])
def new_process() -> str | Response | tuple[str, int]:
    form = ProcessForm()
    if request.method == "GET":
        form.organisations.data = "\n".join(processes.DEFAULT_ORGANISATIONS)
    return _process_form(form, None)


def _process_form(form: ProcessForm, process: Process | None) -> str | Response | tuple[str, int]:
    """Create (process None) or update a process from the form; one page serves both."""
    if form.validate_on_submit():
        fields: dict[str, Any] = {
            "description": form.description.data or "",
            "focus_areas": lines(form.focus_areas.data),
            "organisations": lines(form.organisations.data),
        }
        try:
            if process is None:
                process = processes.create_process(
                    db.session, current_user, form.title.data, **fields
                )
                flash(_("Forløbet »%(title)s« er oprettet.", title=process.title))
            else:
                processes.update_process(db.session, process, title=form.title.data, **fields)
                flash(_("Forløbet er gemt."))
        except DomainError as error:
            form.title.errors.append(error.message)
        else:
            return redirect(url_for(".process", process_id=process.id))
    return render_template(
        "facilitate/process_form.html", form=form, process=process
    ), 400 if form.errors else 200


@bp.get("/processes/<int:process_id>")
def process(process_id: int) -> str:
    return render_template(
        "facilitate/process.html", process=own_process(process_id), action=ActionForm()
    )


@bp.route("/processes/<int:process_id>/edit", methods=["GET", "POST"])
def edit_process(process_id: int) -> str | Response | tuple[str, int]:
    process = own_process(process_id)
    form = ProcessForm(obj=None if request.method == "POST" else process)
    if request.method == "GET":
        form.focus_areas.data = "\n".join(area.name for area in process.focus_areas)
        form.organisations.data = "\n".join(process.organisations)
    return _process_form(form, process)
