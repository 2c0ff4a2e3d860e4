"""The administrator's forms: a new user (a new password for one is auth's NewPasswordForm)."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from facilitator.core.i18n import lazy_gettext
from facilitator.web.forms import REQUIRED, Form


class NewUserForm(Form):
    email = EmailField(lazy_gettext("E-mail"), validators=[DataRequired(REQUIRED), Length(max=254)])
    name = StringField(lazy_gettext("Navn"), validators=[Length(max=120)])
    password = PasswordField(
        lazy_gettext("Adgangskode"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    admin = BooleanField(lazy_gettext("Administrator (ser alle forløb og administrerer brugere)"))
