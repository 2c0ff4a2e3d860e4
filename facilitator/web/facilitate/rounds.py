"""Written consultation rounds, the secretariat's side: questions, bodies, answers, reminders.

E-mail is sent synchronously within the POST: the page must say, per body, who was written to
and why a message failed, which a job's status (one state, one message) cannot carry; the
work is socket I/O (it yields under gevent) bounded by facilitator.core.mail's timeout, and a round
has tens of bodies, not thousands.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import DataRequired, Length, StopValidation

from facilitator.consultations import invitations, mailing, pasted
from facilitator.consultations import services as rounds
from facilitator.consultations.models import ConsultationRound, Invitation
from facilitator.core import mail
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import lazy_gettext, ngettext
from facilitator.extensions import db
from facilitator.processes.models import Process
from facilitator.web.facilitate.access import own_process, require_login
from facilitator.web.facilitate.forms import BodiesForm, NewRoundForm, RoundForm
from facilitator.web.forms import REQUIRED, ActionForm, Form
from facilitator.web.links import answer_url

bp = Blueprint("consultations", __name__, url_prefix="/facilitate")
bp.before_request(require_login)

PageResult = str | Response | tuple[str, int]


def _round(process_id: int, round_id: int) -> ConsultationRound:
    return rounds.get_round(db.session, own_process(process_id), round_id)


def _round_url(round_: ConsultationRound, endpoint: str = ".round_page") -> str:
    return url_for(endpoint, process_id=round_.process_id, round_id=round_.id)


def _deadline(form: RoundForm):  # noqa: ANN202 - a naive UTC datetime
    return rounds.deadline_from_local(
        form.deadline_date.data, form.deadline_time.data or rounds.DEFAULT_DEADLINE_TIME
    )


def _smtp() -> mail.SmtpSettings | None:
    return mail.smtp_settings(current_app.config)


# --- create and edit ---------------------------------------------------------------------------


@bp.app_template_global()
def round_deadline(round_: ConsultationRound) -> datetime:
    """A round's deadline in Danish time, for the process page's list."""
    return rounds.local_deadline(round_)


@bp.route("/processes/<int:process_id>/rounds/new", methods=["GET", "POST"])
def new_round(process_id: int) -> PageResult:
    process = own_process(process_id)
    form = NewRoundForm()
    if request.method == "GET":
        form.questions.data = pasted.questions_text(
            rounds.template_questions(), process.focus_areas
        )
        form.bodies.data = pasted.bodies_text(rounds.suggested_bodies(process))
    elif form.validate_on_submit() and (round_ := _create(process, form)) is not None:
        flash(_("Høringen »%(title)s« er oprettet.", title=round_.title))
        return redirect(_round_url(round_))
    return render_template(
        "facilitate/round_form.html", form=form, process=process, round=None
    ), 400 if form.errors or form.form_errors else 200


def _create(process: Process, form: NewRoundForm) -> ConsultationRound | None:
    """Everything is checked before anything is saved, so a bad line never leaves half a round;
    each problem is shown at its field, with what was typed."""
    try:
        questions = pasted.parse_questions(form.questions.data or "", process.focus_areas)
    except DomainError as error:
        form.questions.errors = [*form.questions.errors, error.message]
        return None
    try:
        bodies = invitations.clean_bodies(pasted.parse_bodies(form.bodies.data or ""))
    except DomainError as error:
        form.bodies.errors = [*form.bodies.errors, error.message]
        return None
    try:
        round_ = rounds.create_round(
            db.session,
            process,
            title=form.title.data,
            deadline=_deadline(form),
            questions=questions,
            intro=form.intro.data or "",
        )
    except DomainError as error:
        form.form_errors.append(error.message)
        return None
    invitations.invite(db.session, round_, bodies)
    return round_


@bp.route("/processes/<int:process_id>/rounds/<int:round_id>/edit", methods=["GET", "POST"])
def edit_round(process_id: int, round_id: int) -> PageResult:
    round_ = _round(process_id, round_id)
    form = RoundForm()
    if request.method == "GET":
        local = rounds.local_deadline(round_)
        form.title.data, form.intro.data = round_.title, round_.intro
        form.deadline_date.data, form.deadline_time.data = local.date(), local.time()
    elif form.validate_on_submit():
        try:
            rounds.update_round(
                db.session,
                round_,
                title=form.title.data,
                intro=form.intro.data or "",
                deadline=_deadline(form),
            )
        except DomainError as error:
            db.session.rollback()
            form.form_errors.append(error.message)
        else:
            flash(_("Høringen er gemt."))
            return redirect(_round_url(round_))
    return render_template(
        "facilitate/round_form.html", form=form, process=round_.process, round=round_
    ), 400 if form.errors or form.form_errors else 200


# --- the round page and its bodies -------------------------------------------------------------


def _render_round(
    round_: ConsultationRound, bodies_form: BodiesForm | None = None, status: int = 200
) -> tuple[str, int]:
    return render_template(
        "facilitate/round.html",
        round=round_,
        process=round_.process,
        bodies_form=bodies_form or BodiesForm(),
        action=ActionForm(),
        link=answer_url,
        when=rounds.local_text,
        deadline=mailing.deadline_text(round_),
        is_open=rounds.is_open(round_),
        answered=rounds.answered(round_),
        waiting=rounds.waiting(round_),
        smtp=_smtp(),
        to_invite=mailing.not_yet_mailed(round_),
    ), status


@bp.get("/processes/<int:process_id>/rounds/<int:round_id>")
def round_page(process_id: int, round_id: int) -> tuple[str, int]:
    return _render_round(_round(process_id, round_id))


@bp.post("/processes/<int:process_id>/rounds/<int:round_id>/bodies")
def add_bodies(process_id: int, round_id: int) -> PageResult:
    round_ = _round(process_id, round_id)
    form = BodiesForm()
    if form.validate_on_submit():
        try:
            added = invitations.invite(db.session, round_, pasted.parse_bodies(form.bodies.data))
        except DomainError as error:
            db.session.rollback()
            form.bodies.errors = [*form.bodies.errors, error.message]
        else:
            flash(
                ngettext(
                    "%(num)s udvalg eller råd er inviteret.",
                    "%(num)s udvalg eller råd er inviteret.",
                    len(added),
                )
            )
            return redirect(_round_url(round_) + "#inviterede")
    return _render_round(round_, form, 400)


class BodyForm(Form):
    """One invited body, corrected by hand (the model's column lengths)."""

    body = StringField(
        lazy_gettext("Udvalg eller råd"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    organisation = StringField(lazy_gettext("Organisation"), validators=[Length(max=120)])
    email = StringField(lazy_gettext("E-mail"), validators=[Length(max=254)])

    def validate_email(self, field: StringField) -> None:
        """One mailbox, said at the field (the domain service checks it again when saving)."""
        if (field.data or "").strip():
            try:
                mail.mailbox(field.data)
            except DomainError as error:
                raise StopValidation(error.message) from None


def _invitation(round_: ConsultationRound, invitation_id: int) -> Invitation:
    return invitations.get_invitation(db.session, round_, invitation_id)


@bp.route(
    "/processes/<int:process_id>/rounds/<int:round_id>/bodies/<int:invitation_id>",
    methods=["GET", "POST"],
)
def edit_body(process_id: int, round_id: int, invitation_id: int) -> PageResult:
    """Correct a body's name or address, until it has answered."""
    round_ = _round(process_id, round_id)
    invitation = _invitation(round_, invitation_id)
    form = BodyForm(obj=invitation if request.method == "GET" else None)
    if request.method == "POST" and form.validate_on_submit():
        spec = rounds.BodySpec(form.body.data, form.organisation.data or "", form.email.data or "")
        try:
            new_link = invitations.update_invitation(db.session, invitation, spec)
        except DomainError as error:  # e.g. the same body twice, or it answered meanwhile
            db.session.rollback()
            form.form_errors.append(error.message)
        else:
            flash(
                _(
                    "%(name)s er gemt. Det gamle link virker ikke længere: send invitationen "
                    "til den nye adresse.",
                    name=invitation.name,
                )
                if new_link
                else _("%(name)s er gemt.", name=invitation.name)
            )
            return redirect(_round_url(round_) + "#inviterede")
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "facilitate/round_body.html",
        form=form,
        round=round_,
        process=round_.process,
        invitation=invitation,
        action=ActionForm(),
    ), status


@bp.post("/processes/<int:process_id>/rounds/<int:round_id>/bodies/<int:invitation_id>/remove")
def remove_body(process_id: int, round_id: int, invitation_id: int) -> Response:
    round_ = _round(process_id, round_id)
    invitation = _invitation(round_, invitation_id)
    name = invitation.name
    if not ActionForm().validate_on_submit():
        flash(_("Formularen er udløbet. Genindlæs siden og prøv igen."), "error")
        return redirect(
            url_for(
                ".edit_body", process_id=process_id, round_id=round_id, invitation_id=invitation_id
            )
        )
    try:
        invitations.remove_invitation(db.session, invitation)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("%(name)s er fjernet fra høringen; linket virker ikke længere.", name=name))
    return redirect(_round_url(round_) + "#inviterede")


# --- invitations and reminders -----------------------------------------------------------------


@bp.get("/processes/<int:process_id>/rounds/<int:round_id>/remind")
def remind(process_id: int, round_id: int) -> str:
    round_ = _round(process_id, round_id)
    waiting = rounds.waiting(round_)
    return render_template(
        "facilitate/round_remind.html",
        round=round_,
        process=round_.process,
        waiting=waiting,
        links=mailing.links_text(waiting, answer_url),
        recipients=mailing.to_remind(round_),
        smtp=_smtp(),
        deadline=mailing.deadline_text(round_),
        action=ActionForm(),
    )


@bp.post("/processes/<int:process_id>/rounds/<int:round_id>/remind")
def send_reminders(process_id: int, round_id: int) -> Response:
    round_ = _round(process_id, round_id)
    return _send(round_, mailing.to_remind(round_), reminder=True)


@bp.post("/processes/<int:process_id>/rounds/<int:round_id>/invite")
def send_invitations(process_id: int, round_id: int) -> Response:
    round_ = _round(process_id, round_id)
    return _send(round_, mailing.not_yet_mailed(round_), reminder=False)


def _send(round_: ConsultationRound, recipients: list[Invitation], *, reminder: bool) -> Response:
    """E-mail `recipients` and say how it went: how many were sent, each failure and why."""
    back = redirect(_round_url(round_, ".remind" if reminder else ".round_page"))
    smtp = _smtp()
    if not ActionForm().validate_on_submit():
        flash(_("Formularen er udløbet. Genindlæs siden og prøv igen."), "error")
        return back
    if not rounds.is_open(round_):  # a reminder would send bodies to a form they can't use
        flash(
            _("Fristen er udløbet. Ryk fristen under »Rediger«, før I skriver til nogen."), "error"
        )
        return back
    if smtp is None:
        flash(
            _(
                "E-mail er ikke sat op på denne server (FACILITATOR_SMTP_HOST). Kopiér "
                "linkene i stedet."
            ),
            "error",
        )
        return back
    if not recipients:
        flash(
            _(
                "Der er ingen at skrive til: alle har svaret, har fået en e-mail eller "
                "mangler en e-mailadresse."
            ),
            "error",
        )
        return back
    result = mailing.send_letters(
        db.session, round_, recipients, answer_url, smtp, reminder=reminder
    )
    if result.sent:
        flash(ngettext("%(num)s e-mail er sendt.", "%(num)s e-mails er sendt.", len(result.sent)))
    for invitation, reason in result.failed:
        flash(
            _(
                "Ikke sendt til %(name)s (%(email)s): %(reason)s",
                name=invitation.name,
                email=invitation.email,
                reason=reason,
            ),
            "error",
        )
    if result.without_email:
        flash(
            ngettext(
                "%(num)s har ingen e-mailadresse og skal have linket på anden vis.",
                "%(num)s har ingen e-mailadresse og skal have linket på anden vis.",
                len(result.without_email),
            )
        )
    return back
