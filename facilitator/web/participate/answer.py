"""A body's answer form for a written consultation round: reached only through its own link
(no account; the 256-bit token in the address is the key)."""

from __future__ import annotations

from datetime import datetime

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from facilitator.consultations import invitations
from facilitator.consultations import services as consultations
from facilitator.consultations.models import Invitation
from facilitator.core.clock import danish_time
from facilitator.core.db import utcnow
from facilitator.core.errors import DomainError, NotFound, ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_long_date, da_time
from facilitator.extensions import csrf, db, limiter
from facilitator.web.participate.forms import AnswerForm, answer_form
from facilitator.web.ratelimit import client_address, token_guesses

bp = Blueprint("answer", __name__, url_prefix="/h")

# Saves count per link, not per address: a town hall's bodies share one address.
saves = limiter.limit(
    lambda: current_app.config["ANSWER_RATE"],
    methods=["POST"],
    key_func=lambda: "answer-link:" + (request.view_args or {}).get("token", ""),
)


def _invitation(token: str) -> Invitation:
    """The body behind the link. Guessing a 256-bit token is hopeless anyway; the limit keeps
    a scanner from trying at all: distinct unknown tokens per address count (ANSWER_GUESS_RATE),
    and a valid link is never refused because of them (web/ratelimit.py)."""
    try:
        return invitations.invitation_for_token(db.session, token)
    except NotFound:
        address = client_address()
        if token_guesses.blocked(address):
            abort(429)
        token_guesses.miss(address, token)
        raise


@bp.after_request
def keep_the_link_private(response: Response) -> Response:
    """The address is the body's key: never sent on as a Referer, never indexed."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def moment_in_words(moment: datetime) -> str:
    """A stored UTC moment as "fredag den 20. januar 2023 kl. 23.59" (Danish time)."""
    local = danish_time(moment)
    return _("%(date)s kl. %(time)s", date=da_long_date(local.date()), time=da_time(local))


def _state(invitation: Invitation) -> str:
    if invitation.submitted_at is not None:
        return "submitted"
    return "open" if consultations.is_open(invitation.round) else "closed"


def _last_saved(invitation: Invitation) -> datetime | None:
    return max((answer.updated_at for answer in invitation.answers), default=None)


def _render(
    invitation: Invitation, form: AnswerForm, *, error: str = "", status: int = 200
) -> tuple[str, int]:
    """The page for the link's state; a refused post's text is shown again, never lost."""
    state = _state(invitation)
    saved = consultations.drafts(invitation)
    typed = form.answers() if request.method == "POST" else {}
    unsaved = {
        qid: text
        for qid, text in typed.items()
        if text.strip() and text.replace("\r\n", "\n").strip() != saved.get(qid, "")
    }
    last_saved = _last_saved(invitation)
    template = {
        "open": "participate/answer/form.html",
        "submitted": "participate/answer/receipt.html",
        "closed": "participate/answer/closed.html",
    }[state]
    return render_template(
        template,
        invitation=invitation,
        round=invitation.round,
        form=form,
        error=error,
        saved=saved,
        unsaved=unsaved,
        language_next=request.path,
        deadline=moment_in_words(invitation.round.deadline),
        # A receipt may be read before or after the deadline: its tense follows the clock.
        deadline_passed=not consultations.is_open(invitation.round),
        submitted=moment_in_words(invitation.submitted_at) if invitation.submitted_at else "",
        last_saved=moment_in_words(last_saved) if last_saved else "",
    ), status


def _form_problems(form: AnswerForm, invitation: Invitation) -> str:
    """One message naming each question whose text was refused."""
    numbers = {q.id: q.position + 1 for q in invitation.round.questions}
    problems = [
        _(
            "Spørgsmål %(number)s: %(problem)s",
            number=numbers.get(qid, "?"),
            problem=" ".join(str(e) for e in field.errors),
        )
        for qid, field in form.answer_fields().items()
        if field.errors
    ]
    return " ".join(
        [_("Intet er gemt af denne ændring; den tidligere gemte kladde er uændret."), *problems]
    )


@bp.route("/<token>", methods=["GET", "POST"])
@saves
def form(token: str) -> ResponseReturnValue:
    invitation = _invitation(token)
    form = answer_form((q.id for q in invitation.round.questions), consultations.drafts(invitation))
    if request.method == "GET":
        return _render(invitation, form)
    autosave = bool(request.form.get("autosave"))
    try:
        if not form.validate():
            raise ValidationError(_form_problems(form, invitation))
        if form.send.data and not autosave:
            _submit(invitation, form)
            return redirect(url_for(".form", token=token))
        consultations.save_draft(db.session, invitation, form.answers())
    except DomainError as error:
        db.session.rollback()
        if autosave:
            return jsonify(error=error.message), error.status
        return _render(invitation, form, error=error.message, status=error.status)
    saved_at = da_time(danish_time(_last_saved(invitation) or utcnow()))
    if autosave:
        return jsonify(message=_("Kladde gemt kl. %(time)s", time=saved_at))
    flash(
        _(
            "Kladden er gemt kl. %(time)s. I kan skrive videre nu eller senere via samme "
            "link indtil fristen.",
            time=saved_at,
        )
    )
    return redirect(url_for(".form", token=token))


# The form must work without JavaScript, so the confirmation is a checkbox, not a dialog.
NOT_CONFIRMED = N_(
    "Sæt kryds ved »Vi er klar til at indsende«, før I indsender. Jeres kladde er gemt."
)


def _submit(invitation: Invitation, form: AnswerForm) -> None:
    """Submit, or keep the draft and ask for the confirmation that was not given."""
    if invitation.submitted_at is None and not form.ready.data:
        consultations.save_draft(db.session, invitation, form.answers())
        form.ready.errors = [_(NOT_CONFIRMED)]
        raise ValidationError(_(NOT_CONFIRMED))
    if consultations.submit_answers(db.session, invitation, form.answers()):
        flash(_("Tak. Jeres svar er indsendt."))


csrf.exempt(form)  # see AnswerForm: the token in the address does a CSRF token's work
