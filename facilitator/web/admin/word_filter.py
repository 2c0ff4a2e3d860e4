"""Admin page "Ordfilter": the organisation's word filter (contributions/wordfilter.py), edited
as one list; "Gendan standardlisten" goes back to the list shipped with facilitator."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import TextAreaField
from wtforms.validators import Length

from facilitator.audit import services as audit
from facilitator.contributions import wordfilter
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import lazy_gettext, ngettext
from facilitator.extensions import db
from facilitator.web.admin.blueprint import bp
from facilitator.web.auth import client_address
from facilitator.web.forms import Form

MAX_CHARS = wordfilter.MAX_ENTRIES * (wordfilter.MAX_ENTRY_CHARS + 1)


class WordFilterForm(Form):
    words = TextAreaField(
        lazy_gettext("Ord og vendinger (ét pr. linje)"), validators=[Length(max=MAX_CHARS)]
    )


def _page(form: WordFilterForm, status: int = 200) -> tuple[str, int]:
    custom = wordfilter.saved_list(db.session) is not None
    return render_template("admin/word_filter.html", form=form, custom=custom), status


@bp.get("/word-filter")
def word_filter() -> tuple[str, int]:
    form = WordFilterForm(data={"words": wordfilter.list_text(db.session)})
    return _page(form)


@bp.post("/word-filter")
def save_word_filter() -> Response | tuple[str, int]:
    form = WordFilterForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    restore = request.form.get("action") == "default"
    try:
        audit.record(
            db.session,
            "word_filter_changed",
            user=current_user._get_current_object(),
            address=client_address(),
            detail="default" if restore else "",
            commit=False,
        )
        entries = wordfilter.save_list(db.session, None if restore else form.words.data or "")
    except DomainError as error:
        db.session.rollback()
        form.words.errors.append(error.message)
        return _page(form, 400)
    flash(
        ngettext(
            "Ordfilteret er gemt med %(num)s ord. Det gælder nye og rettede bidrag.",
            "Ordfilteret er gemt med %(num)s ord. Det gælder nye og rettede bidrag.",
            len(entries),
        )
        if not restore
        else _("Standardlisten gælder igen.")
    )
    return redirect(url_for("admin.word_filter"))
