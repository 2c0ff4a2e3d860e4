"""Forms of the facilitator's pages (processes, sessions, plan, activities, themes, notes,
written rounds, follow-up, deletion) and what reads or saves their fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from facilitator.activities.services import MAX_SIDES
from facilitator.core.errors import DomainError
from facilitator.core.i18n import N_, lazy_gettext
from facilitator.core.i18n import gettext as _
from facilitator.followup.services import DEFAULT_FORUM, DEFAULT_STAGE, STAGES
from facilitator.sessions.models import SESSION_KINDS
from facilitator.sessions.services import ENDS_BEFORE_START
from facilitator.sessions.templates import AGENDA_TEMPLATE_NAMES
from facilitator.web.forms import REQUIRED, Form, lazy_choices


class DeleteForm(Form):
    """The confirmation step before anything is deleted for good."""

    confirm = BooleanField(
        lazy_gettext("Ja, slet det. Jeg ved, at det ikke kan fortrydes."),
        validators=[DataRequired(lazy_gettext("Sæt kryds for at bekræfte sletningen."))],
    )


class ProcessForm(Form):
    title = StringField(lazy_gettext("Titel"), validators=[DataRequired(REQUIRED), Length(max=200)])
    description = TextAreaField(lazy_gettext("Beskrivelse"), validators=[Length(max=5000)])
    focus_areas = TextAreaField(
        lazy_gettext("Fokusområder (ét pr. linje)"), validators=[Length(max=5000)]
    )
    organisations = TextAreaField(
        lazy_gettext("Deltagende organisationer (én pr. linje)"), validators=[Length(max=5000)]
    )


class DanishTimeField(TimeField):
    """WTForms ships no Danish messages: its "Not a valid time value." would reach the user."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Skriv et klokkeslæt som tt:mm, fx 09:00.")) from error


class SessionForm(Form):
    title = StringField(lazy_gettext("Titel"), validators=[DataRequired(REQUIRED), Length(max=200)])
    kind = SelectField(lazy_gettext("Type"), choices=lazy_choices(SESSION_KINDS.items()))
    date = DateField(lazy_gettext("Dato"), validators=[Optional()])
    starts_at = DanishTimeField(lazy_gettext("Starttidspunkt (valgfrit)"), validators=[Optional()])
    ends_at = DanishTimeField(lazy_gettext("Sluttidspunkt (valgfrit)"), validators=[Optional()])
    venue = StringField(lazy_gettext("Sted"), validators=[Length(max=200)])
    description = TextAreaField(lazy_gettext("Beskrivelse"), validators=[Length(max=5000)])
    passcode = StringField(
        lazy_gettext("Adgangskode for deltagere (valgfri)"),
        validators=[Length(max=20, message=lazy_gettext("Højst 20 tegn."))],
    )
    template = SelectField(
        lazy_gettext("Dagsorden"),
        choices=[
            SelectChoice("", lazy_gettext("Tom dagsorden")),
            *(
                SelectChoice(key, lazy_gettext("Skabelon: %(name)s", name=lazy_gettext(name)))
                for key, name in AGENDA_TEMPLATE_NAMES.items()
            ),
        ],
        default="",
    )

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
    session_id = SelectField(
        lazy_gettext("Session (valgfri)"), coerce=_id, default=0, validate_choice=False
    )


class PlanPasteForm(Form):
    table = TextAreaField(
        lazy_gettext("Tabellen (Tidspunkt, Forum, Handling)"),
        validators=[
            DataRequired(REQUIRED),
            Length(max=100_000, message=(lazy_gettext("Højst %(max)d tegn (nu %(length)d)."))),
        ],
    )


class ActivityForm(Form):
    title = StringField(lazy_gettext("Titel"), validators=[DataRequired(REQUIRED), Length(max=200)])
    prompt = TextAreaField(
        lazy_gettext("Spørgsmål eller instruktion til deltagerne"), validators=[Length(max=2000)]
    )
    focus_area = SelectField(lazy_gettext("Fokusområde"), coerce=int, default=0)
    reason_required = BooleanField(lazy_gettext("Begrundelse er påkrævet"))
    topics = TextAreaField(lazy_gettext("Emner (ét pr. linje)"), validators=[Length(max=5000)])
    max_choices = IntegerField(
        lazy_gettext("Hvor mange emner må hver deltager vælge?"),
        default=3,
        validators=[Optional(), NumberRange(1, 20)],
    )
    # Settings of any kind (Activity.results_live / endorsements_enabled). The view sets
    # results_live's default per kind: off for dilemmas and votes (first answers steer the
    # rest), on for statements.
    results_live = BooleanField(lazy_gettext("Vis resultater live, mens der svares"))
    endorsements = BooleanField(lazy_gettext("Deltagerne kan give hinanden 'Enig'"))
    premoderated = BooleanField(lazy_gettext("Godkend bidrag, før de vises"))
    # How the output document orders the activity's statements (facilitator/tables).
    document_order = RadioField(
        lazy_gettext("Dokumentet"),
        choices=lazy_choices([("tema", N_("efter tema")), ("bord", N_("efter bord"))]),
        default="tema",
        validators=[Optional()],
    )


# Dilemma sides as numbered field pairs: a plain form that works without JavaScript.
for _n in range(1, MAX_SIDES + 1):
    setattr(
        ActivityForm,
        f"side{_n}_label",
        StringField(lazy_gettext("Side %(n)s: titel", n=_n), validators=[Length(max=80)]),
    )
    setattr(
        ActivityForm,
        f"side{_n}_description",
        StringField(
            lazy_gettext("Side %(n)s: kort beskrivelse", n=_n), validators=[Length(max=300)]
        ),
    )


class ClusterForm(Form):
    themes = IntegerField(
        lazy_gettext("Antal temaer (tomt = automatisk)"),
        validators=[Optional(), NumberRange(2, 20, lazy_gettext("Vælg 2-20 temaer."))],
    )


class HeadingsForm(Form):
    headings = TextAreaField(
        lazy_gettext("Jeres overskrifter (én pr. linje)"),
        validators=[DataRequired(lazy_gettext("Skriv mindst én overskrift.")), Length(max=6000)],
    )


class RenameForm(Form):
    label = StringField(
        lazy_gettext("Overskrift"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )


# The secretariat's text for the output document. Lengths are checked by facilitator.sessions.notes,
# which says how long the text is; the form only refuses control characters.
class ActivityNotesForm(Form):
    note = TextAreaField(lazy_gettext("Sekretariatets note (står under overskriften i dokumentet)"))
    summary = TextAreaField(lazy_gettext("Opsummering (et afsnit i dokumentet)"))


class ThemeNoteForm(Form):
    note = TextAreaField(
        lazy_gettext("Note til temaet (står under temaets overskrift i dokumentet)")
    )


# The console's countdown. The minutes are read by facilitator.activities.timer (one reader for
# every path, one Danish message for "-5", "1000" or "fem"); the form only carries them.
class TimerForm(Form):
    minutes = StringField(lazy_gettext("Minutter"), validators=[Length(max=20)])
    closes_at_zero = BooleanField(lazy_gettext("Luk aktiviteten ved 0"))


class NextStepsForm(Form):
    next_steps = TextAreaField(lazy_gettext("Næste skridt (afslutter dokumentet)"))


# Written consultation rounds (web/consultations.py); the lists are parsed and checked by
# facilitator.consultations.pasted and the round services.
class RoundForm(Form):
    title = StringField(lazy_gettext("Titel"), validators=[DataRequired(REQUIRED), Length(max=200)])
    intro = TextAreaField(
        lazy_gettext("Brev til de inviterede (står over spørgsmålene)"),
        validators=[Length(max=10_000)],
    )
    # InputRequired, not DataRequired: that would replace "Skriv en dato som ..." for a
    # mistyped date with "Feltet skal udfyldes.".
    deadline_date = DanishDateField(
        lazy_gettext("Svarfrist, dato"), validators=[InputRequired(REQUIRED)]
    )
    deadline_time = DanishTimeField(
        lazy_gettext("Klokkeslæt (valgfrit, dansk tid)"), validators=[Optional()]
    )


class NewRoundForm(RoundForm):
    questions = TextAreaField(
        lazy_gettext("Spørgsmål (ét pr. linje)"), validators=[Length(max=20_000)]
    )
    bodies = TextAreaField(
        lazy_gettext("Inviterede udvalg og råd (ét pr. linje)"), validators=[Length(max=50_000)]
    )


class BodiesForm(Form):
    bodies = TextAreaField(
        lazy_gettext("Invitér flere (ét pr. linje)"),
        validators=[DataRequired(REQUIRED), Length(max=50_000)],
    )


def save_with_message(form: Form, save: Callable[[], object], done: str) -> bool:
    """Validate `form`, then `save()` through a domain service; the outcome is flashed in
    reader's language either way (the pages redirect back to themselves). True when saved."""
    try:
        if not form.validate_on_submit():
            # str(): a lazily translated message becomes text before it is joined and flashed
            raise DomainError(
                " ".join(str(e) for errors in form.errors.values() for e in errors)
                or _("Formularen er udløbet. Genindlæs siden og prøv igen.")
            )
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
    expected_forum = StringField(
        lazy_gettext("Forventes behandlet i (forum)"), default=DEFAULT_FORUM
    )
    expected_on = DanishDateField(lazy_gettext("Forventet dato"), validators=[Optional()])
    expected_precision = SelectField(
        lazy_gettext("Datoen er"),
        default="month",
        choices=lazy_choices(
            [("month", N_("kun måneden (fx oktober 2022)")), ("day", N_("en bestemt mødedag"))]
        ),
    )


def _stage_field() -> SelectField:
    """Where an initiative stands; "Afsluttet" makes the report say "Behandlet …"."""
    return SelectField(
        lazy_gettext("Stade"), default=DEFAULT_STAGE, choices=lazy_choices(STAGES.items())
    )


class NewInitiativeForm(InitiativeForm):
    status = TextAreaField(lazy_gettext("Status (valgfri)"))
    stage = _stage_field()


class InitiativeStatusForm(Form):
    status = TextAreaField(lazy_gettext("Status"))
    stage = _stage_field()


class StatusOverviewForm(Form):
    """The status report's own parts: the meeting it is for and seed 003's "Overordnet
    samarbejde" (lines; "- " starts a bullet)."""

    meeting_on = DanishDateField(lazy_gettext("Til mødet den"), validators=[Optional()])
    overall = TextAreaField(lazy_gettext("Overordnet samarbejde (valgfrit)"))


class TrackInitiativesForm(Form):
    """The candidates' tick boxes; their ids are checked by the service."""

    contributions = SelectMultipleField(coerce=int, validate_choice=False)


class StatusExportForm(Form):
    """The download buttons' optional meeting date (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    moede = DanishDateField(lazy_gettext("Til mødet den (valgfrit)"), validators=[Optional()])


def lines(text: str | None) -> list[str]:
    """A textarea's lines (one focus area, organisation or topic per line)."""
    return (text or "").splitlines()


class TablesForm(Form):
    """The session's tables, one a line ("3 Sundhed"): facilitator.tables.parse_tables."""

    tables = TextAreaField(
        lazy_gettext("Borde (ét pr. linje: nummer og evt. navn, fx »3 Sundhed«)"),
        validators=[Length(max=5000, message=lazy_gettext("Højst 5000 tegn."))],
    )
