"""WTForms for every form in the UI. Domain services do the business validation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import flash
from flask_babel import format_decimal
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from facilitator.activities.services import MAX_SIDES
from facilitator.consultations.services import ANSWER_MAX_CHARS, answer_text
from facilitator.contributions.models import STAKEHOLDER_GROUPS
from facilitator.core.errors import DomainError
from facilitator.core.i18n import LANGUAGES, N_, lazy_gettext
from facilitator.core.i18n import gettext as _
from facilitator.followup.services import DEFAULT_FORUM
from facilitator.sessions.models import SESSION_KINDS
from facilitator.sessions.services import ENDS_BEFORE_START
from facilitator.sessions.templates import AGENDA_TEMPLATE_NAMES

REQUIRED = lazy_gettext("Feltet skal udfyldes.")
# Control characters other than tab and line breaks: nobody types them, and PostgreSQL refuses
# NUL outright (a 500 instead of a message).
UNTYPEABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INVALID_CHARS = lazy_gettext("Feltet indeholder ugyldige tegn.")


# WTForms ships no Danish: a validator without a message of ours, or letters in a number field,
# would answer "Number must be between 1 and 20." on a Danish page. Its own messages are
# replaced by these, in the reader's language; the placeholders are the ones WTForms fills.
WTFORMS_MESSAGES = {
    "This field is required.": N_("Feltet skal udfyldes."),
    "Not a valid integer value.": N_("Skriv et helt tal."),
    "Not a valid choice.": N_("Vælg en af mulighederne."),
    "Number must be between %(min)s and %(max)s.": N_("Skriv et tal fra %(min)s til %(max)s."),
    "Number must be at least %(min)s.": N_("Skriv et tal på mindst %(min)s."),
    "Number must be at most %(max)s.": N_("Skriv et tal på højst %(max)s."),
    "Field cannot be longer than %(max)d character.": N_("Højst %(max)d tegn."),
    "Field cannot be longer than %(max)d characters.": N_("Højst %(max)d tegn."),
    "Field must be equal to %(other_name)s.": N_("Felterne skal være ens."),
    "Invalid email address.": N_("Skriv en gyldig e-mailadresse."),
}


class WTFormsMessages:
    """The translations object WTForms asks for its own messages (Form.Meta)."""

    def gettext(self, string: str) -> str:
        return _(WTFORMS_MESSAGES[string]) if string in WTFORMS_MESSAGES else string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class Form(FlaskForm):
    """The base of every form here: refuses control characters in any field, and speaks the
    reader's language in WTForms' own messages too."""

    class Meta:
        def get_translations(self, form: Any) -> WTFormsMessages:  # noqa: ARG002 - WTForms' API
            return WTFormsMessages()

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if any(isinstance(value, str) and UNTYPEABLE.search(value)
                   for value in field.raw_data or ()):
                field.errors = [*field.errors, INVALID_CHARS]
                valid = False
        return valid


class ActionForm(Form):
    """A button that changes something: only the CSRF token."""


class DeleteForm(Form):
    """The confirmation step before anything is deleted for good."""

    confirm = BooleanField(lazy_gettext("Ja, slet det. Jeg ved, at det ikke kan fortrydes."),
                           validators=[DataRequired(
                               lazy_gettext("Sæt kryds for at bekræfte sletningen."))])


class LoginForm(Form):
    email = EmailField(lazy_gettext("E-mail"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(lazy_gettext("Adgangskode"), validators=[DataRequired(REQUIRED)])


class NewPasswordForm(Form):
    """A new password typed twice (an admin setting one, or "Skift adgangskode")."""

    new = PasswordField(lazy_gettext("Ny adgangskode"),
                        validators=[DataRequired(REQUIRED), Length(max=200)])
    repeat = PasswordField(lazy_gettext("Gentag den nye adgangskode"),
                           validators=[DataRequired(REQUIRED), EqualTo(
                               "new", lazy_gettext("De to adgangskoder er ikke ens."))])


class OwnPasswordForm(NewPasswordForm):
    current = PasswordField(lazy_gettext("Nuværende adgangskode"),
                            validators=[DataRequired(REQUIRED)])


class SettingsForm(Form):
    """A facilitator's own settings ("Indstillinger")."""

    # Each language is named in itself ("Dansk", "English"): a reader who cannot read the
    # current language still finds their own.
    language = SelectField(lazy_gettext("Sprog"),
                           choices=[SelectChoice(code, name, render_kw={"lang": code})
                                    for code, name in LANGUAGES.items()])


class NewUserForm(Form):
    email = EmailField(lazy_gettext("E-mail"),
                       validators=[DataRequired(REQUIRED), Length(max=254)])
    name = StringField(lazy_gettext("Navn"), validators=[Length(max=120)])
    password = PasswordField(lazy_gettext("Adgangskode"), validators=[DataRequired(REQUIRED),
                                                                       Length(max=200)])
    admin = BooleanField(lazy_gettext("Administrator (ser alle forløb og administrerer brugere)"))


class ProcessForm(Form):
    title = StringField(lazy_gettext("Titel"),
                        validators=[DataRequired(REQUIRED), Length(max=200)])
    description = TextAreaField(lazy_gettext("Beskrivelse"), validators=[Length(max=5000)])
    focus_areas = TextAreaField(lazy_gettext("Fokusområder (ét pr. linje)"),
                                validators=[Length(max=5000)])
    organisations = TextAreaField(lazy_gettext("Deltagende organisationer (én pr. linje)"),
                                  validators=[Length(max=5000)])


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3+ wants them (plain tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


def lazy_choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """Like `choices`, for labels marked with N_: each is translated when the form is shown
    (the class is built once at import, in no reader's language)."""
    return [SelectChoice(value, lazy_gettext(label)) for value, label in pairs]


class DanishTimeField(TimeField):
    """WTForms ships no Danish messages: its "Not a valid time value." would reach the user."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Skriv et klokkeslæt som tt:mm, fx 09:00.")) from error


class SessionForm(Form):
    title = StringField(lazy_gettext("Titel"),
                        validators=[DataRequired(REQUIRED), Length(max=200)])
    kind = SelectField(lazy_gettext("Type"), choices=lazy_choices(SESSION_KINDS.items()))
    date = DateField(lazy_gettext("Dato"), validators=[Optional()])
    starts_at = DanishTimeField(lazy_gettext("Starttidspunkt (valgfrit)"),
                                validators=[Optional()])
    ends_at = DanishTimeField(lazy_gettext("Sluttidspunkt (valgfrit)"), validators=[Optional()])
    venue = StringField(lazy_gettext("Sted"), validators=[Length(max=200)])
    description = TextAreaField(lazy_gettext("Beskrivelse"), validators=[Length(max=5000)])
    passcode = StringField(lazy_gettext("Adgangskode for deltagere (valgfri)"),
                           validators=[Length(max=20, message=lazy_gettext("Højst 20 tegn."))])
    template = SelectField(lazy_gettext("Dagsorden"), choices=[
        SelectChoice("", lazy_gettext("Tom dagsorden")),
        *(SelectChoice(key, lazy_gettext("Skabelon: %(name)s", name=lazy_gettext(name)))
          for key, name in AGENDA_TEMPLATE_NAMES.items()),
    ], default="")

    def validate_ends_at(self, field: DanishTimeField) -> None:
        # The document prints "kl. 9.00-12.00"; a reversed range would read as nonsense.
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_(ENDS_BEFORE_START))


class DanishDateField(DateField):
    """WTForms' "Not a valid date value." would reach the user: say it in the reader's language."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Skriv en gyldig dato, fx 28-01-2022.")) from error


def _id(value: object) -> int:
    """A posted row id; -1 (no row has it) for anything that is not a number."""
    try:
        return int(value or 0)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return -1


class MilestoneForm(Form):
    """One row of the process plan (facilitator.processes.plan checks the rules)."""

    when = DanishDateField(lazy_gettext("Dato"), validators=[InputRequired(REQUIRED)])
    month_only = BooleanField(lazy_gettext("Kun måned (vises som fx »Juni 2022«)"))
    forum = StringField(lazy_gettext("Forum (valgfrit)"))
    action = TextAreaField(lazy_gettext("Handling"), validators=[DataRequired(REQUIRED)])
    # Choices are the process's meetings, set by the view; 0 = none. The service checks the
    # choice and says so in Danish (WTForms' own "Not a valid choice." is English).
    session_id = SelectField(lazy_gettext("Session (valgfri)"), coerce=_id,
                             default=0, validate_choice=False)


class PlanPasteForm(Form):
    table = TextAreaField(lazy_gettext("Tabellen (Tidspunkt, Forum, Handling)"),
                          validators=[DataRequired(REQUIRED), Length(max=100_000, message=(
                              lazy_gettext("Højst %(max)d tegn (nu %(length)d).")))])


class ActivityForm(Form):
    title = StringField(lazy_gettext("Titel"), validators=[DataRequired(REQUIRED), Length(max=200)])
    prompt = TextAreaField(lazy_gettext("Spørgsmål eller instruktion til deltagerne"),
                           validators=[Length(max=2000)])
    focus_area = SelectField(lazy_gettext("Fokusområde"), coerce=int, default=0)
    reason_required = BooleanField(lazy_gettext("Begrundelse er påkrævet"))
    topics = TextAreaField(lazy_gettext("Emner (ét pr. linje)"), validators=[Length(max=5000)])
    max_choices = IntegerField(lazy_gettext("Hvor mange emner må hver deltager vælge?"),
                               default=3, validators=[Optional(), NumberRange(1, 20)])
    # Settings of any kind (Activity.results_live / endorsements_enabled). The view sets
    # results_live's default per kind: off for dilemmas and votes (first answers steer the
    # rest), on for statements.
    results_live = BooleanField(lazy_gettext("Vis resultater live, mens der svares"))
    endorsements = BooleanField(lazy_gettext("Deltagerne kan give hinanden 'Enig'"))


# Dilemma sides as numbered field pairs: a plain form that works without JavaScript.
for _n in range(1, MAX_SIDES + 1):
    setattr(ActivityForm, f"side{_n}_label", StringField(
        lazy_gettext("Side %(n)s: titel", n=_n), validators=[Length(max=80)]))
    setattr(ActivityForm, f"side{_n}_description", StringField(
        lazy_gettext("Side %(n)s: kort beskrivelse", n=_n), validators=[Length(max=300)]))


class JoinForm(Form):
    name = StringField(lazy_gettext("Navn (valgfrit)"),
                       validators=[Length(max=120, message=lazy_gettext("Højst 120 tegn."))])
    # One compact select, not a list of radios: it stays above "Deltag" on a small phone's
    # first screen, so the group the secretariat's breakdowns rest on is never folded away.
    # contributions.Profile refuses an unknown group, in words.
    group = SelectField(lazy_gettext("Jeg deltager som"),
                        choices=lazy_choices([("", N_("Vil ikke oplyse")),
                                              *STAKEHOLDER_GROUPS.items()]),
                        default="",
                        validate_choice=False)
    organisation = StringField(lazy_gettext("Organisation eller kommune (valgfrit)"),
                               validators=[Length(max=120,
                                                  message=lazy_gettext("Højst 120 tegn."))])
    table_number = StringField(lazy_gettext("Bordnummer (valgfrit)"),
                               validators=[Length(max=10, message=lazy_gettext("Højst 10 tegn."))])
    passcode = StringField(lazy_gettext("Adgangskode (står på storskærmen)"),
                           validators=[Length(max=100,
                                              message=lazy_gettext("Højst 100 tegn."))])


class ContributionForm(Form):
    """The phone's submit form; which fields matter depends on the activity kind."""

    activity_id = HiddenField()
    client_id = HiddenField()
    text = TextAreaField(lazy_gettext("Dit bidrag"))


class WithdrawForm(Form):
    """"Træk tilbage" on one of the phone's own contributions."""

    contribution_id = HiddenField()


class ClusterForm(Form):
    themes = IntegerField(lazy_gettext("Antal temaer (tomt = automatisk)"),
                          validators=[Optional(),
                                      NumberRange(2, 20, lazy_gettext("Vælg 2-20 temaer."))])


class HeadingsForm(Form):
    headings = TextAreaField(lazy_gettext("Jeres overskrifter (én pr. linje)"),
                             validators=[DataRequired(lazy_gettext("Skriv mindst én overskrift.")),
                                         Length(max=6000)])


class RenameForm(Form):
    label = StringField(lazy_gettext("Overskrift"),
                        validators=[DataRequired(REQUIRED), Length(max=200)])


# The secretariat's text for the output document. Lengths are checked by facilitator.sessions.notes,
# which says how long the text is; the form only refuses control characters.
class ActivityNotesForm(Form):
    note = TextAreaField(lazy_gettext("Sekretariatets note (står under overskriften i dokumentet)"))
    summary = TextAreaField(lazy_gettext("Opsummering (et afsnit i dokumentet)"))


class ThemeNoteForm(Form):
    note = TextAreaField(
        lazy_gettext("Note til temaet (står under temaets overskrift i dokumentet)"))


class NextStepsForm(Form):
    next_steps = TextAreaField(lazy_gettext("Næste skridt (afslutter dokumentet)"))


ANSWER_PREFIX = "answer_"


def _answer_length(form: Form, field: TextAreaField) -> None:
    """Counted as the domain keeps it (a browser sends each line break as two characters)."""
    try:
        length = len(answer_text(field.data or ""))
    except DomainError as error:
        raise ValidationError(error.message) from None
    if length > ANSWER_MAX_CHARS:
        raise ValidationError(_("Svaret er %(length)s tegn; der er plads til %(limit)s. "
                                "Forkort det, og gem igen.", length=format_decimal(length),
                                limit=format_decimal(ANSWER_MAX_CHARS)))


class AnswerForm(Form):
    """A consulted body's answers: one `answer_<question id>` textarea per question, added by
    answer_form(). No CSRF token: the link's 256-bit token in the address is the secret a
    forged cross-site post would need anyway, and a draft written over days must not be
    refused because the browser's session cookie (holding the CSRF secret) has gone."""

    class Meta:
        csrf = False

    ready = BooleanField(lazy_gettext("Vi er klar til at indsende. Vi ved, at svarene ikke "
                                      "kan ændres bagefter."))
    send = BooleanField()  # "Indsend svar" was pressed; otherwise the draft is saved

    def answer_fields(self) -> dict[int, TextAreaField]:
        """The textareas by question id."""
        return {int(field.name.removeprefix(ANSWER_PREFIX)): field for field in self
                if field.name.startswith(ANSWER_PREFIX)}

    def answers(self) -> dict[int, str]:
        """The typed text per question id."""
        return {qid: field.data or "" for qid, field in self.answer_fields().items()}


def answer_form(question_ids: Iterable[int], drafts: dict[int, str]) -> AnswerForm:
    """The form for these questions: the request's post if there is one, else the drafts."""
    fields = {f"{ANSWER_PREFIX}{qid}": TextAreaField(validators=[_answer_length])
              for qid in question_ids}
    form_class = type("QuestionsAnswerForm", (AnswerForm,), fields)
    return form_class(data={f"{ANSWER_PREFIX}{qid}": text for qid, text in drafts.items()})


# Written consultation rounds (web/consultations.py); the lists are parsed and checked by
# facilitator.consultations.pasted and the round services.
class RoundForm(Form):
    title = StringField(lazy_gettext("Titel"),
                        validators=[DataRequired(REQUIRED), Length(max=200)])
    intro = TextAreaField(lazy_gettext("Brev til de inviterede (står over spørgsmålene)"),
                          validators=[Length(max=10_000)])
    # InputRequired, not DataRequired: that would replace "Skriv en dato som ..." for a
    # mistyped date with "Feltet skal udfyldes.".
    deadline_date = DanishDateField(lazy_gettext("Svarfrist, dato"),
                                    validators=[InputRequired(REQUIRED)])
    deadline_time = DanishTimeField(lazy_gettext("Klokkeslæt (valgfrit, dansk tid)"),
                                    validators=[Optional()])


class NewRoundForm(RoundForm):
    questions = TextAreaField(lazy_gettext("Spørgsmål (ét pr. linje)"),
                              validators=[Length(max=20_000)])
    bodies = TextAreaField(lazy_gettext("Inviterede udvalg og råd (ét pr. linje)"),
                           validators=[Length(max=50_000)])


class BodiesForm(Form):
    bodies = TextAreaField(lazy_gettext("Invitér flere (ét pr. linje)"),
                           validators=[DataRequired(REQUIRED), Length(max=50_000)])


def save_with_message(form: Form, save: Callable[[], object], done: str) -> bool:
    """Validate `form`, then `save()` through a domain service; the outcome is flashed in
    reader's language either way (the pages redirect back to themselves). True when saved."""
    try:
        if not form.validate_on_submit():
            # str(): a lazily translated message becomes text before it is joined and flashed
            raise DomainError(" ".join(str(e) for errors in form.errors.values() for e in errors)
                              or _("Formularen er udløbet. Genindlæs siden og prøv igen."))
        save()
    except DomainError as error:
        flash(error.message, "error")
        return False
    flash(done)
    return True


# Initiative follow-up (web/followup.py); lengths and the rest are checked by
# facilitator.followup.services, which says how long a text is.
class InitiativeForm(Form):
    title = TextAreaField(lazy_gettext("Initiativ"), validators=[DataRequired(REQUIRED)])
    focus_area = SelectField(lazy_gettext("Fokusområde"), coerce=int, default=0)
    carried_by = StringField(lazy_gettext("Ansvarlig (fx Arbejdsgruppen, FU)"))
    expected_forum = StringField(lazy_gettext("Forventes behandlet i (forum)"),
                                 default=DEFAULT_FORUM)
    expected_on = DanishDateField(lazy_gettext("Forventet dato"), validators=[Optional()])
    expected_precision = SelectField(
        lazy_gettext("Datoen er"), default="month",
        choices=lazy_choices([("month", N_("kun måneden (fx oktober 2022)")),
                              ("day", N_("en bestemt mødedag"))]))


class NewInitiativeForm(InitiativeForm):
    status = TextAreaField(lazy_gettext("Status (valgfri)"))


class InitiativeStatusForm(Form):
    status = TextAreaField(lazy_gettext("Status"))


class TrackInitiativesForm(Form):
    """The candidates' tick boxes; their ids are checked by the service."""

    contributions = SelectMultipleField(coerce=int, validate_choice=False)


class StatusExportForm(Form):
    """The download buttons' optional meeting date (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    moede = DanishDateField(lazy_gettext("Til mødet den (valgfrit)"), validators=[Optional()])
