"""Flip-over notes afterwards: the page where the secretariat types or pastes a table's notes
into a text activity and attaches a photo of the flip-over. A plain multipart form (works
without JavaScript); the rules live in facilitator/tables/notes.py and photos.py."""

from __future__ import annotations

from flask import current_app, flash, make_response, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_wtf.file import FileField
from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange

from facilitator.activities.models import Activity
from facilitator.core.errors import DomainError, NotFound
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import lazy_gettext
from facilitator.extensions import db
from facilitator.tables import notes
from facilitator.tables.services import MAX_NUMBER, MIN_NUMBER, tables_of
from facilitator.web.facilitate.access import own_session, require_action
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.forms import Form

NOTES_MAX = 20_000


class FlipoverForm(Form):
    table = IntegerField(
        lazy_gettext("Bord"),
        validators=[
            InputRequired(lazy_gettext("Vælg bordet.")),
            NumberRange(MIN_NUMBER, MAX_NUMBER, lazy_gettext("Bordnummeret skal være 1-99.")),
        ],
    )
    notes = TextAreaField(
        lazy_gettext("Punkter (ét pr. linje)"),
        validators=[Length(max=NOTES_MAX, message=lazy_gettext("Højst 20000 tegn."))],
    )
    photo = FileField(lazy_gettext("Foto af flip-over (valgfrit: JPEG, PNG eller HEIC)"))


def own_activity(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    own_session(activity.session_id if activity else 0)  # another facilitator's: 404
    assert activity is not None
    if not activity.takes_text:
        raise NotFound(_("Siden findes ikke."))
    return activity


def page(activity: Activity, form: FlipoverForm | None = None, status: int = 200):  # noqa: ANN201
    return render_template(
        "facilitate/flipover.html",
        session=activity.session,
        activity=activity,
        tables=tables_of(db.session, activity.session_id),
        form=form or FlipoverForm(),
        notes_max=NOTES_MAX,
    ), status


@bp.get("/activities/<int:activity_id>/flipover")
def flipover(activity_id: int) -> ResponseReturnValue:
    return page(own_activity(activity_id))


@bp.post("/activities/<int:activity_id>/flipover")
def save_flipover(activity_id: int) -> ResponseReturnValue:
    """Points first, then the photo: a bad file never loses the points (they are saved and the
    file's problem is shown), and refused points keep the typed text in the form."""
    activity = own_activity(activity_id)
    form = FlipoverForm()
    upload = form.photo.data
    data = upload.read() if upload and upload.filename else b""
    if not form.validate_on_submit():
        return page(activity, form, 400)
    if not (form.notes.data or "").strip() and not data:
        form.notes.errors = [_("Skriv punkterne, vælg et foto, eller begge dele.")]
        return page(activity, form, 400)
    number = form.table.data or 0
    if (form.notes.data or "").strip():
        try:
            saved = notes.add_notes(
                db.session,
                activity,
                number,
                form.notes.data or "",
                max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"],
            )
        except DomainError as error:
            form.notes.errors = [error.message]
            if data:
                form.photo.errors = [_("Fotoet er ikke gemt endnu: vælg det igen.")]
            return page(activity, form, 400)
        flash(_saved_message(saved))
        form.notes.data = ""
    if data:
        try:
            notes.add_photo(db.session, activity, number, data)
        except DomainError as error:
            db.session.rollback()
            form.photo.errors = [error.message]
            return page(activity, form, 400)
        flash(_("Fotoet af flip-over fra Bord %(number)s er gemt.", number=number))
    return redirect(url_for(".flipover", activity_id=activity.id))


def _saved_message(saved: notes.NotesSaved) -> str:
    if not saved.added:
        return _(
            "Punkterne stod der allerede (%(again)s); intet er gemt to gange.", again=saved.again
        )
    message = _("%(added)s nye punkter er gemt.", added=saved.added)
    if saved.again:
        message += " " + _("%(again)s stod der allerede.", again=saved.again)
    if saved.held:
        message += " " + _("%(held)s venter på godkendelse.", held=saved.held)
    return message


@bp.get("/activities/<int:activity_id>/flipover/<int:photo_id>.jpg")
def flipover_photo(activity_id: int, photo_id: int) -> ResponseReturnValue:
    photo = notes.photo_of(db.session, own_activity(activity_id), photo_id)
    response = make_response(photo.jpeg)
    response.mimetype = "image/jpeg"
    # The name the workbook's "Flip-over-fotos" sheet lists it under.
    name = notes.photo_file_name(photo)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@bp.post("/activities/<int:activity_id>/flipover/<int:photo_id>/delete")
def delete_flipover_photo(activity_id: int, photo_id: int) -> ResponseReturnValue:
    require_action()
    activity = own_activity(activity_id)
    notes.delete_photo(db.session, activity, photo_id)
    flash(_("Fotoet er slettet."))
    return redirect(url_for(".flipover", activity_id=activity.id))
