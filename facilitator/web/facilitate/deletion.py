"""Deleting a process, a session or a session's participant data: one confirmation page that
says what goes (counts), refuses while a session is live, and deletes on a ticked box. Owners
and administrators only (the access lookups check that)."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.processes import retention
from facilitator.processes.models import Process
from facilitator.sessions.models import WorkshopSession
from facilitator.web.facilitate.access import own_process, own_session
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.exports import who
from facilitator.web.facilitate.forms import DeleteForm


def _confirm_delete(
    target: Process | WorkshopSession,
    *,
    heading: str,
    explanation: str,
    report: retention.DeletionReport,
    live: list[WorkshopSession],
    delete: Callable[..., retention.DeletionReport],
    done: str,
    back: str,
    then: str,
) -> str | Response | tuple[str, int]:
    """One page for every deletion: what goes (counts), a tick box, then the deletion."""
    form = DeleteForm()
    blocked: str | None
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
    page = render_template(
        "facilitate/confirm_delete.html",
        form=form,
        heading=heading,
        explanation=explanation,
        report=report,
        blocked=blocked,
        back=back,
    )
    return (page, 409) if blocked else (page, 400) if form.errors else page


@bp.route("/processes/<int:process_id>/delete", methods=["GET", "POST"])
def delete_process(process_id: int) -> str | Response | tuple[str, int]:
    process = own_process(process_id)
    return _confirm_delete(
        process,
        heading=_("Slet forløbet »%(title)s«", title=process.title),
        explanation=_(
            "Forløbet slettes med alle sine sessioner, dagsordener, deltagere og bidrag."
        ),
        report=retention.process_report(db.session, process),
        live=list(process.sessions),
        delete=retention.delete_process,
        done=_("Forløbet »%(title)s« er slettet.", title=process.title),
        back=url_for(".process", process_id=process.id),
        then=url_for(".dashboard"),
    )


@bp.route("/sessions/<int:session_id>/delete", methods=["GET", "POST"])
def delete_session(session_id: int) -> str | Response | tuple[str, int]:
    workshop = own_session(session_id)
    return _confirm_delete(
        workshop,
        heading=_("Slet sessionen »%(title)s«", title=workshop.title),
        explanation=_("Sessionen slettes med dagsorden, deltagere og bidrag."),
        report=retention.session_report(db.session, workshop),
        live=[workshop],
        delete=retention.delete_session,
        done=_("Sessionen »%(title)s« er slettet.", title=workshop.title),
        back=url_for(".session", session_id=workshop.id),
        then=url_for(".process", process_id=workshop.process_id),
    )


@bp.route("/sessions/<int:session_id>/participants/delete", methods=["GET", "POST"])
def delete_participant_data(session_id: int) -> str | Response | tuple[str, int]:
    workshop = own_session(session_id)
    return _confirm_delete(
        workshop,
        heading=_("Slet deltagerdata i »%(title)s«", title=workshop.title),
        explanation=_(
            "Deltagerne, deres bidrag, tilslutninger og temaerne lavet af bidragene "
            "slettes. Sessionen og dagsordenen bevares."
        ),
        report=retention.participant_data_report(db.session, workshop),
        live=[workshop],
        delete=retention.delete_participant_data,
        done=_("Deltagerdata er slettet."),
        back=url_for(".session", session_id=workshop.id),
        then=url_for(".session", session_id=workshop.id),
    )
