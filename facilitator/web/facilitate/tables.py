"""The session's tables: the "Borde" form, the printable cards (PDF) and the console's view of
statements by table. The rules live in facilitator/tables."""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from facilitator.activities.models import Activity
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.tables import services as tables
from facilitator.tables.cards import PAGE_SIZES, Card, cards_pdf
from facilitator.tables.grouping import by_table
from facilitator.web.facilitate import sessions as session_pages
from facilitator.web.facilitate.access import own_session
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.exports import document_language
from facilitator.web.facilitate.forms import TablesForm
from facilitator.web.links import scribe_url, table_join_url


@bp.post("/sessions/<int:session_id>/borde")
def save_tables(session_id: int) -> ResponseReturnValue:
    workshop = own_session(session_id)
    form = TablesForm()
    if form.validate_on_submit():
        try:
            saved = tables.set_tables(db.session, workshop, form.tables.data or "")
        except DomainError as error:
            form.tables.errors = [error.message]
        else:
            flash(_("Bordene er gemt (%(count)s).", count=len(saved)))
            return redirect(url_for(".session", session_id=workshop.id) + "#borde")
    return session_pages.session_page(workshop, tables_form=form), 400


@bp.get("/sessions/<int:session_id>/borde/kort.pdf")
def table_cards(session_id: int) -> ResponseReturnValue:
    workshop = own_session(session_id)
    rows = tables.tables_of(db.session, workshop.id)
    if not rows:
        flash(_("Skriv bordene først; så kan kortene udskrives."))
        return redirect(url_for(".session", session_id=workshop.id) + "#borde")
    size = request.args.get("format", "a6")
    cards = [
        Card(t.number, t.name, table_join_url(workshop, t.number), scribe_url(workshop, t))
        for t in rows
    ]
    language = document_language()
    pdf = cards_pdf(workshop.title, cards, size if size in PAGE_SIZES else "a6", language)
    response = make_response(pdf)
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="bordkort-{workshop.id}.pdf"'
    return response


@bp.get("/activities/<int:activity_id>/borde")
def console_by_table(activity_id: int) -> str:
    """The activity's statements by table (small tables' people under "Øvrige borde")."""
    activity = db.session.get(Activity, activity_id)
    workshop = own_session(activity.session_id if activity else 0)
    assert activity is not None
    return render_template(
        "facilitate/by_table.html",
        session=workshop,
        activity=activity,
        groups=by_table(db.session, activity),
    )
