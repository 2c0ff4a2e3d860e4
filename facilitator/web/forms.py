"""WTForms for every form in the UI. Domain services do the business validation."""

from __future__ import annotations

from collections.abc import Iterable

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
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from facilitator.activities.services import MAX_SIDES
from facilitator.contributions.models import STAKEHOLDER_GROUPS
from facilitator.sessions.models import SESSION_KINDS

REQUIRED = "Feltet skal udfyldes."


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(REQUIRED)])
    password = PasswordField("Adgangskode", validators=[DataRequired(REQUIRED)])


class ProcessForm(FlaskForm):
    title = StringField("Titel", validators=[DataRequired(REQUIRED), Length(max=200)])
    description = TextAreaField("Beskrivelse", validators=[Length(max=5000)])
    focus_areas = TextAreaField("Fokusområder (ét pr. linje)", validators=[Length(max=5000)])
    organisations = TextAreaField("Deltagende organisationer (én pr. linje)",
                                  validators=[Length(max=5000)])


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3+ wants them (plain tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


class SessionForm(FlaskForm):
    title = StringField("Titel", validators=[DataRequired(REQUIRED), Length(max=200)])
    kind = SelectField("Type", choices=choices(SESSION_KINDS.items()))
    date = DateField("Dato", validators=[Optional()])
    venue = StringField("Sted", validators=[Length(max=200)])
    description = TextAreaField("Beskrivelse", validators=[Length(max=5000)])
    template = SelectField("Dagsorden", choices=choices([
        ("", "Tom dagsorden"),
        ("visionsdag", "Skabelon: Visionsdag"),
        ("workshop", "Skabelon: Fokusområde-workshop"),
    ]), default="")


class ActivityForm(FlaskForm):
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


class JoinForm(FlaskForm):
    name = StringField("Navn (valgfrit)", validators=[Length(max=120, message="Højst 120 tegn.")])
    group = RadioField("Jeg deltager som", choices=choices([("", "Vil ikke oplyse"),
                                                            *STAKEHOLDER_GROUPS.items()]),
                       default="",
                       validate_choice=False)
    organisation = StringField("Organisation eller kommune (valgfrit)",
                               validators=[Length(max=120, message="Højst 120 tegn.")])
    table_number = StringField("Bordnummer (valgfrit)",
                               validators=[Length(max=10, message="Højst 10 tegn.")])


class ContributionForm(FlaskForm):
    """The phone's submit form; which fields matter depends on the activity kind."""

    activity_id = HiddenField()
    client_id = HiddenField()
    text = TextAreaField("Dit bidrag")


class ClusterForm(FlaskForm):
    themes = IntegerField("Antal temaer (tomt = automatisk)",
                          validators=[Optional(), NumberRange(2, 20, "Vælg 2-20 temaer.")])


class HeadingsForm(FlaskForm):
    headings = TextAreaField("Jeres overskrifter (én pr. linje)",
                             validators=[DataRequired("Skriv mindst én overskrift."),
                                         Length(max=6000)])


class RenameForm(FlaskForm):
    label = StringField("Overskrift", validators=[DataRequired(REQUIRED), Length(max=200)])
