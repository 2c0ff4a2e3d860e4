"""A table card's scribe link: the phone that scans it joins as the table's scribe, and what it
sends is the table's ("Bord 3"). One page with one button, so it works without JavaScript and a
link preview cannot join anyone."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from facilitator.contributions import participants
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.tables import services as tables
from facilitator.web.links import scribe_key
from facilitator.web.participate.join import (
    COOKIE_MAX_AGE,
    _live_session,
    bp,
    cookie_name,
)
from facilitator.web.ratelimit import client_address, code_guesses


@bp.route("/j/<code>/bord/<int:number>/skriver", methods=["GET", "POST"])
def scribe(code: str, number: int) -> ResponseReturnValue:
    session = _live_session(code)
    secret = request.values.get("k", "")
    label = tables.table_label(number)
    if request.method == "GET":
        return render_template(
            "participate/join/scribe.html", session=session, label=label, secret=secret
        )
    address = client_address()
    if code_guesses.blocked(address):  # a wrong secret is a guess, as a wrong code is
        return render_template(
            "participate/join/unavailable.html",
            message=_("Der kom for mange forsøg på kort tid. Vent et øjeblik, og prøv igen."),
        ), 429
    token = request.cookies.get(cookie_name(session)) or participants.new_participant_token()
    try:
        tables.join_as_scribe(db.session, session, token, number, secret, scribe_key())
    except DomainError as error:
        code_guesses.miss(address, f"bord:{session.id}:{number}:{secret[:40]}")
        return render_template(
            "participate/join/scribe.html",
            session=session,
            label=label,
            secret=secret,
            error=error.message,
        ), 400
    response = redirect(url_for(".phone", code=session.join_code))
    response.set_cookie(
        cookie_name(session),
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SECURE_COOKIES"],
    )
    return response
