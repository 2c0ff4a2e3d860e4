"""What a phone posts without JavaScript: a contribution (submit), and withdraw, restore
("Fortryd"), edit ("Ret") and agree ("Enig") on contributions. A refused post keeps what was
typed on the page it answers with."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from facilitator.contributions import services as contributions
from facilitator.contributions import withdrawals
from facilitator.contributions.models import Participant
from facilitator.contributions.submission import (
    parse_edit,
    parse_endorsement,
    parse_submission,
    record_id,
)
from facilitator.core.errors import ActivityClosed, DomainError, NotFound
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.sessions.models import WorkshopSession
from facilitator.web.participate.forms import ContributionForm, EditForm, EndorseForm, WithdrawForm
from facilitator.web.participate.join import bp, joined
from facilitator.web.participate.phone import render_phone, too_fast
from facilitator.web.ratelimit import TOO_FAST, participant_may_send


@bp.post("/s/<code>")
def submit(code: str) -> ResponseReturnValue:
    session, participant = joined(code)
    if not participant_may_send(participant.id):  # before the form is read or a page drawn
        return too_fast(session.join_code or code, "SUBMIT_RATE")
    form = ContributionForm()
    typed = {
        "text": form.text.data or "",
        "side": request.form.get("side"),
        "choices": request.form.getlist("choices"),
        "words": request.form.getlist("words"),
    }

    def refused(message: str, status: int) -> tuple[str, int]:
        lost = _typed_elsewhere(session, participant, form.activity_id.data, typed)
        if lost is not None:  # the open activity's form stays clean: it was not typed there
            return render_phone(
                session, participant, ContributionForm(formdata=None), 409, lost=lost
            )
        form.text.errors.append(message)
        return render_phone(session, participant, form, status, typed)

    if not form.validate_on_submit():
        return refused(
            _("Siden var for gammel. Tryk send igen.")
            if form.csrf_token.errors
            else _first_error(form),
            400,
        )
    try:
        submission = parse_submission(
            {**typed, "activity_id": form.activity_id.data, "client_id": form.client_id.data},
            from_form=True,
        )
        activity = contributions.find_activity(db.session, participant, submission.activity_id)
        row, _new = contributions.submit(
            db.session,
            participant,
            activity,
            submission,
            max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"],
        )
    except (ActivityClosed, NotFound) as error:  # moved on, or gone: the text is not lost
        return refused(error.message, error.status)
    except DomainError as error:
        form.text.errors.append(error.message)
        return render_phone(session, participant, form, error.status, typed)
    if row.held:
        flash(_("Tak! Dit bidrag er gemt og vises, når facilitator har godkendt det."))
    else:
        flash(_("Tak! Dit bidrag er gemt."))
    return redirect(url_for(".phone", code=session.join_code) + "#bidrag")


def _typed_elsewhere(
    session: WorkshopSession, participant: Participant, activity_id: str | None, typed: dict
) -> dict | None:
    """Text posted for an activity that is no longer the open one (JavaScript off, and the
    facilitator moved on before Send): what to show back, under ITS activity's title."""
    current = session.open_activity
    try:
        wanted = record_id(activity_id, from_form=True)
    except DomainError:  # no activity could have that id: a broken form, answered as such
        return None
    try:
        activity = contributions.find_activity(db.session, participant, wanted)
    except DomainError:  # deleted meanwhile: still not the open activity's text
        activity = None
    if activity is not None and activity is current and activity.state == "open":
        return None
    text = typed.get("text") or " ".join(w.strip() for w in typed.get("words") or [] if w.strip())
    if activity is None:
        return {
            "title": "",
            "text": text,
            "message": _(
                "Aktiviteten findes ikke længere, så din tekst er ikke gemt. Her "
                "er den, så du kan kopiere den."
            )
            if text
            else _("Aktiviteten findes ikke længere, så dit valg er ikke gemt."),
        }
    message = (
        _(
            "Aktiviteten »%(title)s« blev lukket, før din tekst kom frem, så den er ikke "
            "gemt. Her er den, så du kan kopiere den.",
            title=activity.title,
        )
        if text
        else _(
            "Aktiviteten »%(title)s« blev lukket, før dit valg kom frem, så det er ikke gemt.",
            title=activity.title,
        )
    )
    return {"title": activity.title, "text": text, "message": message}


def _first_error(form: ContributionForm) -> str:
    return next(iter(error for errors in form.errors.values() for error in errors))


def _refused(form: FlaskForm, participant: Participant, stale: str) -> tuple[str, int] | None:
    """Why a phone's small form (withdraw, edit, agree) is turned away before anything is
    done, with its status: a page too old (CSRF), a bad field, or sending too fast."""
    if not form.validate_on_submit():
        return (stale if form.csrf_token.errors else _first_error(form)), 400
    if not participant_may_send(participant.id):
        return _(TOO_FAST), 429
    return None


@bp.post("/s/<code>/withdraw")
def withdraw(code: str) -> ResponseReturnValue:
    """ "Træk tilbage" without JavaScript."""
    session, participant = joined(code)
    form = WithdrawForm()
    page = ContributionForm(formdata=None)
    refusal = _refused(form, participant, _("Siden var for gammel. Tryk igen."))
    if refusal:
        page.text.errors = [refusal[0]]
        return render_phone(session, participant, page, refusal[1])
    try:
        contribution_id = record_id(form.contribution_id.data, from_form=True)
        withdrawals.withdraw(db.session, participant, contribution_id)
    except DomainError as error:
        page.text.errors = [error.message]
        return render_phone(session, participant, page, error.status)
    # The page says so, with "Fortryd" while withdrawals.RESTORE_SECONDS last (render_phone).
    return redirect(url_for(".phone", code=session.join_code, fortryd=contribution_id) + "#fortryd")


def _notice_action(
    code: str, form_class: type[FlaskForm], act: Callable[[Participant, FlaskForm], str]
) -> ResponseReturnValue:
    """A small no-JS action whose refusal is a notice on the phone page ("Fortryd", "Enig"):
    `act` does it and names the anchor the phone comes back to."""
    session, participant = joined(code)
    form = form_class()
    page = ContributionForm(formdata=None)
    refusal = _refused(form, participant, _("Siden var for gammel. Tryk igen."))
    if refusal:
        return render_phone(session, participant, page, refusal[1], notice=refusal[0])
    try:
        anchor = act(participant, form)
    except DomainError as error:
        return render_phone(session, participant, page, error.status, notice=error.message)
    return redirect(url_for(".phone", code=session.join_code) + anchor)


@bp.post("/s/<code>/fortryd")
def restore(code: str) -> ResponseReturnValue:
    """ "Fortryd" after "Træk tilbage" without JavaScript: the same contribution is back."""

    def act(participant: Participant, form: FlaskForm) -> str:
        contribution_id = record_id(form.contribution_id.data, from_form=True)
        withdrawals.restore(db.session, participant, contribution_id)
        flash(_("Dit bidrag er tilbage."))
        return f"#c-{contribution_id}"

    return _notice_action(code, WithdrawForm, act)


@bp.post("/s/<code>/ret")
def edit(code: str) -> ResponseReturnValue:
    """ "Ret" without JavaScript: a refused text stays in the edit form with the reason."""
    session, participant = joined(code)
    form = EditForm()
    page = ContributionForm(formdata=None)
    refusal = _refused(form, participant, _("Siden var for gammel. Tryk gem igen."))
    if refusal:
        form.text.errors = [refusal[0]]
        return render_phone(session, participant, page, refusal[1], edit=form)
    title = ""
    try:
        contribution_id, text = parse_edit(request.form, from_form=True)
        title = contributions.own_contribution(
            db.session, participant, contribution_id
        ).activity.title
        contributions.edit(
            db.session,
            participant,
            contribution_id,
            text,
            max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"],
        )
    except ActivityClosed as error:  # the form is gone with the activity: keep the text
        lost = {"title": title, "text": form.text.data or "", "message": error.message}
        return render_phone(session, participant, page, error.status, lost=lost)
    except DomainError as error:
        form.text.errors = [error.message]
        return render_phone(session, participant, page, error.status, edit=form)
    flash(_("Dit bidrag er rettet."))
    return redirect(url_for(".phone", code=session.join_code) + "#bidrag")


@bp.post("/s/<code>/enig")
def endorse(code: str) -> ResponseReturnValue:
    """ "Enig" (agree "1") or undo it (agree "0") without JavaScript."""

    def act(participant: Participant, _form: FlaskForm) -> str:
        contribution_id, agree = parse_endorsement(request.form, from_form=True)
        contributions.set_endorsement(db.session, participant, contribution_id, agree)
        return f"#c-{contribution_id}"

    return _notice_action(code, EndorseForm, act)
