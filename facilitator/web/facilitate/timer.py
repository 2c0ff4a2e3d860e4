"""The console's countdown (issue 25): start it with minutes, pause, resume, "+1 minut", stop,
and whether the activity closes at 0. Each action is one route that answers a plain form (a
flashed message, back to the console) and console.js (JSON, asked with `Accept:
application/json`) alike. The change reaches every screen, this console included, by the live
push (`activity:changed`); the answer only says how it went."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, jsonify, redirect, url_for
from werkzeug.wrappers import Response

from facilitator.activities import timer
from facilitator.activities.models import Activity
from facilitator.core.errors import DomainError
from facilitator.core.i18n import N_, ngettext
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.live.payloads import timer_payload
from facilitator.web.facilitate.access import own_activity
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.forms import TimerForm
from facilitator.web.facilitate.theme_answers import form_problem, wants_json


def _start(activity: Activity, form: TimerForm) -> str:
    seconds = timer.minutes_to_seconds(form.minutes.data or "")
    closes = bool(form.closes_at_zero.data)
    timer.start(db.session, activity, seconds, closes_at_zero=closes)
    started = (
        ngettext(
            "Nedtællingen er startet: %(num)s minut.",
            "Nedtællingen er startet: %(num)s minutter.",
            seconds // 60,
        )
        if seconds % 60 == 0
        else _("Nedtællingen er startet: %(n)s sekunder.", n=seconds)
    )
    return f"{started} {_closes_words(closes)}" if closes else started


def _closes_words(closes: bool) -> str:
    if closes:
        return _("Aktiviteten lukker, når tiden er gået.")
    return _("Aktiviteten forbliver åben, når tiden er gået.")


def _closes(activity: Activity, form: TimerForm) -> str:
    closes = bool(form.closes_at_zero.data)
    timer.set_closes_at_zero(db.session, activity, closes)
    return _closes_words(closes)


# The changes that need nothing from the form, and what each says when done (N_: translated
# when said, in the reader's language).
PLAIN: dict[str, tuple[Callable[..., object], str]] = {
    "pause": (timer.pause, N_("Nedtællingen er sat på pause.")),
    "resume": (timer.resume, N_("Nedtællingen fortsætter.")),
    "add": (timer.add_minute, N_("Der er lagt et minut til.")),
    "stop": (timer.stop, N_("Nedtællingen er stoppet.")),
}


def _change(action: str, activity: Activity, form: TimerForm) -> str:
    if action == "start":
        return _start(activity, form)
    if action == "closes":
        return _closes(activity, form)
    change, done = PLAIN[action]
    change(db.session, activity)
    return _(done)


ACTIONS = "any(start, pause, resume, add, stop, closes)"


@bp.post(f"/activities/<int:activity_id>/timer/<{ACTIONS}:action>")
def timer_action(activity_id: int, action: str) -> Response:
    try:
        activity = own_activity(activity_id)
    except DomainError as error:
        if not wants_json():
            raise
        return _answer(None, error.message, ok=False, status=error.status)
    form = TimerForm()
    if not form.validate_on_submit():
        said = " ".join(str(e) for errors in form.errors.values() for e in errors)
        refused = form_problem(form, said)
        return _answer(activity, refused, ok=False)
    try:
        message = _change(action, activity, form)
    except DomainError as error:
        db.session.rollback()
        return _answer(activity, error.message, ok=False, status=error.status)
    return _answer(activity, message, ok=True)


def _answer(activity: Activity | None, message: str, *, ok: bool, status: int = 400) -> Response:
    """JSON to console.js; a flashed message and the console again to a plain form."""
    if wants_json():
        response = jsonify(
            ok=ok, message=message, timer=timer_payload(activity) if activity else None
        )
        response.status_code = 200 if ok else status
        return response
    flash(message, "message" if ok else "error")
    assert activity is not None  # a missing activity raised above: the error page says so
    console = url_for(".console", session_id=activity.session_id)
    return redirect(f"{console}#nedtaelling-{activity.id}")
