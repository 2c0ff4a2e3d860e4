"""The console's parking lot: answered, park, merge, restore, approve or hide a held item, "Til
næste skridt" and "Vis spørgsmål" on the projector. Plain forms (no JavaScript needed); the
live console swaps in the part the bridge pushes (live/parking.py)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response

from facilitator.core.errors import DomainError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.parking import services as parking
from facilitator.parking.board import console_board
from facilitator.parking.models import ParkingItem
from facilitator.parking.parsing import parse_item_id
from facilitator.sessions.models import WorkshopSession
from facilitator.web.facilitate.access import own_session, require_action
from facilitator.web.facilitate.blueprint import bp

DONE = {
    "answered": N_("Punktet er markeret som besvaret."),
    "parked": N_("Punktet er parkeret."),
    "open": N_("Punktet er gendannet."),
}


def parking_context(session: WorkshopSession) -> dict[str, Any]:
    """What facilitate/_parking.html shows: the page and the pushed part read the same."""
    return {"session": session, "board": console_board(db.session, session)}


def _back(session_id: int) -> Response:
    return redirect(url_for(".console", session_id=session_id) + "#parkering")


def _own_item(item_id: int) -> tuple[WorkshopSession, ParkingItem]:
    """An item of one of the user's sessions; another's answers as a missing one."""
    item = db.session.get(ParkingItem, item_id)
    session = own_session(item.session_id if item else 0)
    assert item is not None  # own_session(0) raised NotFound above
    return session, item


@bp.post("/sessions/<int:session_id>/parking/screen")
def parking_screen(session_id: int) -> Response:
    """ "Vis spørgsmål" (shown=1) or back to the activity (shown=0) on the projector."""
    require_action()
    session = own_session(session_id)
    shown = request.form.get("shown") == "1"
    parking.set_shown(db.session, session, shown)
    flash(_("Storskærmen viser spørgsmålene.") if shown else _("Storskærmen viser aktiviteten."))
    return _back(session.id)


@bp.post(
    "/parking/<int:item_id>/<any(answered, parked, open, approve, hide, next_steps, merge):action>"
)
def parking_action(item_id: int, action: str) -> Response:
    require_action()
    session, item = _own_item(item_id)
    try:
        if action in DONE:
            parking.set_state(db.session, item, action)
            flash(_(DONE[action]))
        elif action in ("approve", "hide"):
            parking.review(db.session, item, approve=action == "approve")
            flash(_("Punktet er godkendt.") if action == "approve" else _("Punktet er skjult."))
        elif action == "next_steps":
            added = parking.to_next_steps(db.session, session, item)
            flash(
                _("Punktet er føjet til næste skridt.")
                if added
                else _("Punktet står allerede i næste skridt.")
            )
        else:
            target = parking.find_item(
                db.session,
                session.id,
                parse_item_id({"id": request.form.get("target", "")}, from_form=True),
            )
            votes = parking.merge(db.session, item, target)
            flash(_("Punkterne er flettet. Det samlede punkt har %(n)s stemmer.", n=votes))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    return _back(session.id)
