"""Forms of the participant's pages that only they use: "Ret" and "Enig" without JavaScript."""

from __future__ import annotations

from wtforms import HiddenField, TextAreaField

from facilitator.web.forms import Form


class EditForm(Form):
    """"Ret" on one of the phone's own contributions (JavaScript off)."""

    contribution_id = HiddenField()
    text = TextAreaField()


class EndorseForm(Form):
    """"Enig" on another participant's statement; agree "0" undoes it."""

    contribution_id = HiddenField()
    agree = HiddenField()
