"""The base of every form (control characters refused, WTForms' messages in the reader's
language), the bare action form and the choice helpers. Each area's forms live with its
pages: web/auth/forms.py, web/admin/forms.py, web/participate/forms.py and
web/facilitate/forms.py. Domain services do the business validation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice

from facilitator.core.i18n import N_, lazy_gettext
from facilitator.core.i18n import gettext as _
from facilitator.core.text import INVALID_CHARS, has_untypeable

REQUIRED = lazy_gettext("Feltet skal udfyldes.")

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
            # Control characters (core.text): PostgreSQL refuses NUL (a 500, not a message).
            if any(
                isinstance(value, str) and has_untypeable(value) for value in field.raw_data or ()
            ):
                field.errors = [*field.errors, lazy_gettext(INVALID_CHARS)]
                valid = False
        return valid


class ActionForm(Form):
    """A button that changes something: only the CSRF token."""


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3+ wants them (plain tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


def lazy_choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """Like `choices`, for labels marked with N_: each is translated when the form is shown
    (the class is built once at import, in no reader's language)."""
    return [SelectChoice(value, lazy_gettext(label)) for value, label in pairs]
