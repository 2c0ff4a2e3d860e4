"""Forms of the participant's pages: joining, a contribution, withdrawing, "Ret" and "Enig"
without JavaScript, and a written round's answer form."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import format_decimal
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from facilitator.consultations.answers import ANSWER_MAX_CHARS, answer_text
from facilitator.contributions.models import STAKEHOLDER_GROUPS
from facilitator.core.errors import DomainError
from facilitator.core.i18n import N_, lazy_gettext
from facilitator.core.i18n import gettext as _
from facilitator.web.forms import Form, lazy_choices


class JoinForm(Form):
    name = StringField(
        lazy_gettext("Navn (valgfrit)"),
        validators=[Length(max=120, message=lazy_gettext("Højst 120 tegn."))],
    )
    # One compact select, not a list of radios: it stays above "Deltag" on a small phone's
    # first screen, so the group the secretariat's breakdowns rest on is never folded away.
    # contributions.Profile refuses an unknown group, in words.
    group = SelectField(
        lazy_gettext("Jeg deltager som"),
        choices=lazy_choices([("", N_("Vil ikke oplyse")), *STAKEHOLDER_GROUPS.items()]),
        default="",
        validate_choice=False,
    )
    organisation = StringField(
        lazy_gettext("Organisation eller kommune (valgfrit)"),
        validators=[Length(max=120, message=lazy_gettext("Højst 120 tegn."))],
    )
    table_number = StringField(
        lazy_gettext("Bordnummer (valgfrit)"),
        validators=[Length(max=10, message=lazy_gettext("Højst 10 tegn."))],
    )
    passcode = StringField(
        lazy_gettext("Adgangskode (står på storskærmen)"),
        validators=[Length(max=100, message=lazy_gettext("Højst 100 tegn."))],
    )


class ContributionForm(Form):
    """The phone's submit form; which fields matter depends on the activity kind."""

    activity_id = HiddenField()
    client_id = HiddenField()
    text = TextAreaField(lazy_gettext("Dit bidrag"))


class WithdrawForm(Form):
    """ "Træk tilbage" on one of the phone's own contributions."""

    contribution_id = HiddenField()


ANSWER_PREFIX = "answer_"


def _answer_length(form: Form, field: TextAreaField) -> None:
    """Counted as the domain keeps it (a browser sends each line break as two characters)."""
    try:
        length = len(answer_text(field.data or ""))
    except DomainError as error:
        raise ValidationError(error.message) from None
    if length > ANSWER_MAX_CHARS:
        raise ValidationError(
            _(
                "Svaret er %(length)s tegn; der er plads til %(limit)s. Forkort det, og gem igen.",
                length=format_decimal(length),
                limit=format_decimal(ANSWER_MAX_CHARS),
            )
        )


class AnswerForm(Form):
    """A consulted body's answers: one `answer_<question id>` textarea per question, added by
    answer_form(). No CSRF token: the link's 256-bit token in the address is the secret a
    forged cross-site post would need anyway, and a draft written over days must not be
    refused because the browser's session cookie (holding the CSRF secret) has gone."""

    class Meta:
        csrf = False

    ready = BooleanField(
        lazy_gettext("Vi er klar til at indsende. Vi ved, at svarene ikke kan ændres bagefter.")
    )
    send = BooleanField()  # "Indsend svar" was pressed; otherwise the draft is saved

    def answer_fields(self) -> dict[int, TextAreaField]:
        """The textareas by question id."""
        return {
            int(field.name.removeprefix(ANSWER_PREFIX)): field
            for field in self
            if field.name.startswith(ANSWER_PREFIX)
        }

    def answers(self) -> dict[int, str]:
        """The typed text per question id."""
        return {qid: field.data or "" for qid, field in self.answer_fields().items()}


def answer_form(question_ids: Iterable[int], drafts: dict[int, str]) -> AnswerForm:
    """The form for these questions: the request's post if there is one, else the drafts."""
    fields = {
        f"{ANSWER_PREFIX}{qid}": TextAreaField(validators=[_answer_length]) for qid in question_ids
    }
    form_class = type("QuestionsAnswerForm", (AnswerForm,), fields)
    return form_class(data={f"{ANSWER_PREFIX}{qid}": text for qid, text in drafts.items()})


class EditForm(Form):
    """ "Ret" on one of the phone's own contributions (JavaScript off)."""

    contribution_id = HiddenField()
    text = TextAreaField()


class EndorseForm(Form):
    """ "Enig" on another participant's statement; agree "0" undoes it."""

    contribution_id = HiddenField()
    agree = HiddenField()


class ParkingForm(Form):
    """A question or »husk« for the session's board (JavaScript off)."""

    client_id = HiddenField()
    text = TextAreaField(lazy_gettext("Dit spørgsmål eller husk"))


class VoteForm(Form):
    """ "+1" on an item of the board; vote "0" takes it back."""

    item_id = HiddenField()
    vote = HiddenField()
