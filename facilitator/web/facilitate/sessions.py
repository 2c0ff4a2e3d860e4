"""Sessions: creating and editing one, its page (agenda, links, next steps), its state."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from facilitator.activities.models import ACTIVITY_KINDS
from facilitator.contributions import results
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.notes import SUMMARY_MAX
from facilitator.tables import services as tables
from facilitator.web.facilitate.access import own_process, own_session, require_action
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.forms import (
    NextStepsForm,
    SessionForm,
    TablesForm,
    save_with_message,
)
from facilitator.web.forms import ActionForm
from facilitator.web.links import (
    join_url,
    safe_local_target,
    screen_url,
    scribe_url,
    table_join_url,
)


@bp.route("/processes/<int:process_id>/sessions/new", methods=["GET", "POST"])
def new_session(process_id: int) -> str | Response | tuple[str, int]:
    process = own_process(process_id)
    form = SessionForm()
    if form.validate_on_submit():
        try:
            session = sessions.create_session(
                db.session,
                process,
                title=form.title.data,
                kind=form.kind.data,
                date=form.date.data,
                starts_at=form.starts_at.data,
                ends_at=form.ends_at.data,
                venue=form.venue.data or "",
                description=form.description.data or "",
                template=form.template.data or None,
                passcode=form.passcode.data or "",
            )
        except DomainError as error:
            form.title.errors.append(error.message)
        else:
            flash(_("Sessionen »%(title)s« er oprettet.", title=session.title))
            return redirect(url_for(".session", session_id=session.id))
    return render_template(
        "facilitate/session_form.html", form=form, process=process, session=None
    ), 400 if form.errors else 200


@bp.get("/sessions/<int:session_id>")
def session(session_id: int) -> str:
    return session_page(own_session(session_id))


def session_page(workshop: WorkshopSession, tables_form: TablesForm | None = None) -> str:
    """The session page; `tables_form` brings back a refused "Borde" form as it was typed."""
    rows = tables.tables_of(db.session, workshop.id)
    if tables_form is None:
        tables_form = TablesForm(data={"tables": tables.tables_text(rows)})
    return render_template(
        "facilitate/session.html",
        session=workshop,
        action=ActionForm(),
        kinds=ACTIVITY_KINDS,
        join_url=join_url(workshop),
        screen_url=screen_url(workshop),
        counts=results.contribution_counts(db.session, workshop),
        next_steps_form=NextStepsForm(data={"next_steps": workshop.next_steps}),
        summary_max=SUMMARY_MAX,
        tables=rows,
        table_links={
            t.number: (table_join_url(workshop, t.number), scribe_url(workshop, t)) for t in rows
        },
        tables_form=tables_form,
    )


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(session_id: int) -> str | Response | tuple[str, int]:
    workshop = own_session(session_id)
    form = SessionForm(obj=None if request.method == "POST" else workshop)
    del form.template  # templates only pre-fill new sessions
    if form.validate_on_submit():
        try:
            sessions.update_session(
                db.session,
                workshop,
                title=form.title.data,
                kind=form.kind.data,
                date=form.date.data,
                starts_at=form.starts_at.data,
                ends_at=form.ends_at.data,
                venue=form.venue.data or "",
                description=form.description.data or "",
                passcode=form.passcode.data or "",
            )
        except DomainError as error:
            form.title.errors.append(error.message)
        else:
            flash(_("Sessionen er gemt."))
            return redirect(url_for(".session", session_id=workshop.id))
    return render_template(
        "facilitate/session_form.html", form=form, process=workshop.process, session=workshop
    ), 400 if form.errors else 200


@bp.post("/sessions/<int:session_id>/state/<state>")
def set_session_state(session_id: int, state: str) -> Response:
    require_action()
    back = safe_local_target(request.form.get("back"), url_for(".session", session_id=session_id))
    workshop = own_session(session_id)
    if state == "closed" and workshop.state != "closed" and request.form.get("confirm") != "1":
        # Ending stops every phone at once: never on one click, with or without JavaScript.
        return redirect(url_for(".confirm_close", session_id=session_id, back=back))
    workshop = sessions.set_state(db.session, workshop, state)
    flash(_("Sessionen er nu: %(state)s.", state=workshop.state_label.lower()))
    return redirect(back)


@bp.get("/sessions/<int:session_id>/afslut")
def confirm_close(session_id: int) -> str:
    """ "Afslut session?" as a page: the no-JavaScript form of the console's dialog."""
    workshop = own_session(session_id)
    back = safe_local_target(request.args.get("back"), url_for(".console", session_id=session_id))
    return render_template("facilitate/close_session.html", session=workshop, back=back)


@bp.post("/sessions/<int:session_id>/next-steps")
def next_steps(session_id: int) -> Response:
    workshop = own_session(session_id)
    form = NextStepsForm()
    save_with_message(
        form,
        lambda: sessions.set_next_steps(db.session, workshop, form.next_steps.data or ""),
        _("Næste skridt er gemt."),
    )
    return redirect(url_for(".session", session_id=workshop.id) + "#naeste-skridt")
