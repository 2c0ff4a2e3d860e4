"""The phone's parking lot (/s/<CODE>/sporgsmaal): open all session long, whatever activity is
open or none. The page works without JavaScript (a form to add, a form per "+1"); parking.js
makes it live over the socket, with the same parser and services (facilitator/parking)."""

from __future__ import annotations

import uuid

from flask import current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from facilitator.contributions.models import Participant
from facilitator.contributions.wordfilter import active_filter
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.extensions import db
from facilitator.parking import services as parking
from facilitator.parking.board import phone_view
from facilitator.parking.parsing import parse_item, parse_vote
from facilitator.sessions.models import WorkshopSession
from facilitator.web.participate.forms import ParkingForm, VoteForm
from facilitator.web.participate.join import bp, joined
from facilitator.web.participate.phone import too_fast
from facilitator.web.ratelimit import participant_may_send


def render_board(
    session: WorkshopSession,
    participant: Participant,
    form: ParkingForm | None = None,
    status: int = 200,
    notice: str = "",
) -> tuple[str, int]:
    form = form or ParkingForm(formdata=None)
    form.client_id.data = uuid.uuid4().hex  # a fresh id per rendered form: a resubmit dedupes
    view = phone_view(db.session, session, participant.id)
    return render_template(
        "participate/join/board.html",
        session=session,
        form=form,
        vote_form=VoteForm(formdata=None),
        view=view,
        own_ids={item["id"] for item in view["own"]},
        voted=set(view["voted"]),
        notice=notice,
        max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"],
        board_strings=board_strings(),
    ), status


def board_strings() -> dict[str, str]:
    """Every word static/js/parking.js shows (live.t keys), in the reader's language."""
    return {
        "vote": _("+1"),
        "voted": _("Stemt"),
        "vote_for": _("Stem på: %(text)s", text="{text}"),
        "votes_one": ngettext("%(num)s stemme", "%(num)s stemmer", 1, num="{n}"),
        "votes_many": ngettext("%(num)s stemme", "%(num)s stemmer", 2, num="{n}"),
        "yours": _("Dit punkt"),
        "held": _("sendt · venter på godkendelse"),
        "sending": _("sender …"),
        "waiting_for_connection": _("venter på forbindelse"),
        "added": _("Tak! Dit punkt er på tavlen."),
        "added_held": _("Tak! Dit punkt vises, når facilitator har godkendt det."),
        "none_open": _("Ingen åbne punkter endnu. Skriv det første."),
        "offline": _(
            "Ingen forbindelse. Dit punkt gemmes på telefonen og sendes, når "
            "forbindelsen er tilbage."
        ),
        "error": _("Der skete en fejl. Prøv igen."),
        "need_text": _("Skriv noget, før du sender."),
        "too_long": _(
            "Dit bidrag er på %(length)s tegn. Der er plads til højst %(max)s.",
            length="{length}",
            max="{max}",
        ),
        "counter": _("%(n)s / %(max)s tegn", n="{n}", max="{max}"),
    }


@bp.get("/s/<code>/sporgsmaal")
def board(code: str) -> tuple[str, int]:
    return render_board(*joined(code))


def _refusal(form: FlaskForm, participant: Participant) -> tuple[str, int] | None:
    if not form.validate_on_submit():
        return (
            _("Siden var for gammel. Tryk send igen.")
            if form.csrf_token.errors
            else _("Ugyldigt bidrag. Genindlæs siden og prøv igen.")
        ), 400
    return None


@bp.post("/s/<code>/sporgsmaal")
def board_add(code: str) -> ResponseReturnValue:
    """A new item without JavaScript; a refused text stays in the form with the reason."""
    session, participant = joined(code)
    if not participant_may_send(participant.id):
        return too_fast(session.join_code or code, "SUBMIT_RATE")
    form = ParkingForm()
    refusal = _refusal(form, participant)
    try:
        if refusal:
            raise DomainError(refusal[0])
        draft = parse_item({"client_id": form.client_id.data, "text": form.text.data or ""})
        item, _new = parking.add_item(
            db.session,
            session,
            participant,
            draft,
            max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"],
            words=active_filter(db.session),
        )
    except DomainError as error:
        form.text.errors = [error.message]
        return render_board(session, participant, form, refusal[1] if refusal else error.status)
    if item.held:
        flash(_("Tak! Dit punkt vises, når facilitator har godkendt det."))
    else:
        flash(_("Tak! Dit punkt er på tavlen."))
    return redirect(url_for(".board", code=session.join_code) + f"#punkt-{item.id}")


@bp.post("/s/<code>/sporgsmaal/stem")
def board_vote(code: str) -> ResponseReturnValue:
    """ "+1" (vote "1") or take it back (vote "0") without JavaScript."""
    session, participant = joined(code)
    if not participant_may_send(participant.id):
        return too_fast(session.join_code or code, "SUBMIT_RATE")
    form = VoteForm()
    refusal = _refusal(form, participant)
    if refusal:
        return render_board(session, participant, status=refusal[1], notice=refusal[0])
    try:
        item_id, vote = parse_vote(
            {"item_id": form.item_id.data, "vote": form.vote.data}, from_form=True
        )
        parking.set_vote(db.session, session, participant, item_id, vote)
    except DomainError as error:
        return render_board(session, participant, status=error.status, notice=error.message)
    return redirect(url_for(".board", code=session.join_code) + f"#punkt-{item_id}")
