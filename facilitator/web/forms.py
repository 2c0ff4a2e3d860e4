"""WTForms for every form in the UI. Domain services do the business validation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import flash
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from facilitator.activities.services import MAX_SIDES
from facilitator.contributions.models import STAKEHOLDER_GROUPS
from facilitator.errors import DomainError
from facilitator.sessions.models import SESSION_KINDS
from facilitator.sessions.services import ENDS_BEFORE_START

REQUIRED = "Feltet skal udfyldes."
# Control characters other than tab and line breaks: nobody types them, and PostgreSQL refuses
# NUL outright (a 500 instead of a message).
UNTYPEABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INVALID_CHARS = "Feltet indeholder ugyldige tegn."


class Form(FlaskForm):
    """The base of every form here: refuses control characters in any field."""

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

    confirm = BooleanField("Ja, slet det. Jeg ved, at det ikke kan fortrydes.",
                           validators=[DataRequired("Sæt kryds for at bekræfte sletningen.")])


class LoginForm(Form):
    email = EmailField("E-mail", validators=[DataRequired(REQUIRED)])
    password = PasswordField("Adgangskode", validators=[DataRequired(REQUIRED)])


class NewPasswordForm(Form):
    """A new password typed twice (an admin setting one, or "Skift adgangskode")."""

    new = PasswordField("Ny adgangskode", validators=[DataRequired(REQUIRED), Length(max=200)])
    repeat = PasswordField("Gentag den nye adgangskode",
                           validators=[DataRequired(REQUIRED),
                                       EqualTo("new", "De to adgangskoder er ikke ens.")])


class OwnPasswordForm(NewPasswordForm):
    current = PasswordField("Nuværende adgangskode", validators=[DataRequired(REQUIRED)])


class NewUserForm(Form):
    email = EmailField("E-mail", validators=[DataRequired(REQUIRED), Length(max=254)])
    name = StringField("Navn", validators=[Length(max=120)])
    password = PasswordField("Adgangskode", validators=[DataRequired(REQUIRED),
                                                         Length(max=200)])
    admin = BooleanField("Administrator (ser alle forløb og administrerer brugere)")


class ProcessForm(Form):
    title = StringField("Titel", validators=[DataRequired(REQUIRED), Length(max=200)])
    description = TextAreaField("Beskrivelse", validators=[Length(max=5000)])
    focus_areas = TextAreaField("Fokusområder (ét pr. linje)", validators=[Length(max=5000)])
    organisations = TextAreaField("Deltagende organisationer (én pr. linje)",
                                  validators=[Length(max=5000)])


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3+ wants them (plain tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


class DanishTimeField(TimeField):
    """WTForms ships no Danish messages: its "Not a valid time value." would reach the user."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError("Skriv et klokkeslæt som tt:mm, fx 09:00.") from error


class SessionForm(Form):
    title = StringField("Titel", validators=[DataRequired(REQUIRED), Length(max=200)])
    kind = SelectField("Type", choices=choices(SESSION_KINDS.items()))
    date = DateField("Dato", validators=[Optional()])
    starts_at = DanishTimeField("Starttidspunkt (valgfrit)", validators=[Optional()])
    ends_at = DanishTimeField("Sluttidspunkt (valgfrit)", validators=[Optional()])
    venue = StringField("Sted", validators=[Length(max=200)])
    description = TextAreaField("Beskrivelse", validators=[Length(max=5000)])
    passcode = StringField("Adgangskode for deltagere (valgfri)",
                           validators=[Length(max=20, message="Højst 20 tegn.")])
    template = SelectField("Dagsorden", choices=choices([
        ("", "Tom dagsorden"),
        ("visionsdag", "Skabelon: Visionsdag"),
        ("workshop", "Skabelon: Fokusområde-workshop"),
    ]), default="")

    def validate_ends_at(self, field: DanishTimeField) -> None:
        # The document prints "kl. 9.00-12.00"; a reversed range would read as nonsense.
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(ENDS_BEFORE_START)


class ActivityForm(Form):
    title = StringField("Titel", validators=[DataRequired(REQUIRED), Length(max=200)])
    prompt = TextAreaField("Spørgsmål eller instruktion til deltagerne",
                           validators=[Length(max=2000)])
    focus_area = SelectField("Fokusområde", coerce=int, default=0)
    reason_required = BooleanField("Begrundelse er påkrævet")
    topics = TextAreaField("Emner (ét pr. linje)", validators=[Length(max=5000)])
    max_choices = IntegerField("Hvor mange emner må hver deltager vælge?", default=3,
                               validators=[Optional(), NumberRange(1, 20)])


# Dilemma sides as numbered field pairs: a plain form that works without JavaScript.
for _n in range(1, MAX_SIDES + 1):
    setattr(ActivityForm, f"side{_n}_label", StringField(f"Side {_n}: titel",
                                                         validators=[Length(max=80)]))
    setattr(ActivityForm, f"side{_n}_description", StringField(
        f"Side {_n}: kort beskrivelse", validators=[Length(max=300)]))


class JoinForm(Form):
    name = StringField("Navn (valgfrit)", validators=[Length(max=120, message="Højst 120 tegn.")])
    group = RadioField("Jeg deltager som", choices=choices([("", "Vil ikke oplyse"),
                                                            *STAKEHOLDER_GROUPS.items()]),
                       default="",
                       validate_choice=False)
    organisation = StringField("Organisation eller kommune (valgfrit)",
                               validators=[Length(max=120, message="Højst 120 tegn.")])
    table_number = StringField("Bordnummer (valgfrit)",
                               validators=[Length(max=10, message="Højst 10 tegn.")])
    passcode = StringField("Adgangskode (står på storskærmen)",
                           validators=[Length(max=100, message="Højst 100 tegn.")])


class ContributionForm(Form):
    """The phone's submit form; which fields matter depends on the activity kind."""

    activity_id = HiddenField()
    client_id = HiddenField()
    text = TextAreaField("Dit bidrag")


class WithdrawForm(Form):
    """"Træk tilbage" on one of the phone's own contributions."""

    contribution_id = HiddenField()


class ClusterForm(Form):
    themes = IntegerField("Antal temaer (tomt = automatisk)",
                          validators=[Optional(), NumberRange(2, 20, "Vælg 2-20 temaer.")])


class HeadingsForm(Form):
    headings = TextAreaField("Jeres overskrifter (én pr. linje)",
                             validators=[DataRequired("Skriv mindst én overskrift."),
                                         Length(max=6000)])


class RenameForm(Form):
    label = StringField("Overskrift", validators=[DataRequired(REQUIRED), Length(max=200)])


# The secretariat's text for the output document. Lengths are checked by facilitator.notes,
# which says in Danish how long the text is; the form only refuses control characters.
class ActivityNotesForm(Form):
    note = TextAreaField("Sekretariatets note (står under overskriften i dokumentet)")
    summary = TextAreaField("Opsummering (et afsnit i dokumentet)")


class ThemeNoteForm(Form):
    note = TextAreaField("Note til temaet (står under temaets overskrift i dokumentet)")


class NextStepsForm(Form):
    next_steps = TextAreaField("Næste skridt (afslutter dokumentet)")


def save_with_message(form: Form, save: Callable[[], object], done: str) -> bool:
    """Validate `form`, then `save()` through a domain service; the outcome is flashed in
    Danish either way (the pages redirect back to themselves). True when saved."""
    try:
        if not form.validate_on_submit():
            raise DomainError(" ".join(e for errors in form.errors.values() for e in errors)
                              or "Formularen er udløbet. Genindlæs siden og prøv igen.")
        save()
    except DomainError as error:
        flash(error.message, "error")
        return False
    flash(done)
    return True
