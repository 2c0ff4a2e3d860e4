"""The login page's and a facilitator's own forms: login, new password, settings."""

from __future__ import annotations

from wtforms import EmailField, PasswordField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from facilitator.core.i18n import LANGUAGES, lazy_gettext
from facilitator.web.forms import REQUIRED, Form


class LoginForm(Form):
    email = EmailField(lazy_gettext("E-mail"), validators=[DataRequired(REQUIRED)])
    password = PasswordField(lazy_gettext("Adgangskode"), validators=[DataRequired(REQUIRED)])


class NewPasswordForm(Form):
    """A new password typed twice (an admin setting one, or "Skift adgangskode")."""

    new = PasswordField(
        lazy_gettext("Ny adgangskode"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    repeat = PasswordField(
        lazy_gettext("Gentag den nye adgangskode"),
        validators=[
            DataRequired(REQUIRED),
            EqualTo("new", lazy_gettext("De to adgangskoder er ikke ens.")),
        ],
    )


class OwnPasswordForm(NewPasswordForm):
    current = PasswordField(
        lazy_gettext("Nuværende adgangskode"), validators=[DataRequired(REQUIRED)]
    )


class SettingsForm(Form):
    """A facilitator's own settings ("Indstillinger")."""

    # Each language is named in itself ("Dansk", "English"): a reader who cannot read the
    # current language still finds their own.
    language = SelectField(
        lazy_gettext("Sprog"),
        choices=[
            SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()
        ],
    )
