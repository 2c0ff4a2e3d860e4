"""The output page: the session document's body as it will read (the same outline as Word and
Markdown, through export.html_writer), where the secretary reorders themes and bullets, merges
two bullets or rewrites one, and downloads the document. Plain POST forms, no JavaScript.

The edits live in export.models.BodyEdit (export.edit_store checks and stores them); every
session document applies them to its body (export.services); the annex, the spreadsheet and
the archive keep the participants' own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers import Response
from wtforms import HiddenField, IntegerField, SelectField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from facilitator.activities.models import Activity
from facilitator.core.clock import danish_now
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import lazy_gettext
from facilitator.export import edit_store
from facilitator.export.body_edits import default_body
from facilitator.export.builder import build_session_report
from facilitator.export.html_writer import render_session_html
from facilitator.export.models import BodyEdit
from facilitator.export.report import ActivityReport, ReportTheme, theme_label, theme_points
from facilitator.export.text import one_line
from facilitator.extensions import db
from facilitator.web.facilitate.access import own_activity, own_session
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.forms import REQUIRED, Form

UNCLUSTERED_KEY = 0  # "Øvrige bidrag" has no theme id; cluster ids start at 1
SHORT = 70  # a bullet's words in a merge list


CHOOSE = lazy_gettext("Vælg en af mulighederne.")


class MoveForm(Form):
    target = HiddenField(validators=[AnyOf(("theme", "bullet"), CHOOSE)])
    key = IntegerField(validators=[InputRequired(REQUIRED), NumberRange(min=0)])
    direction = HiddenField(validators=[AnyOf(("up", "down"), CHOOSE)])


class RewriteForm(Form):
    key = IntegerField(validators=[InputRequired(REQUIRED), NumberRange(min=1)])
    text = TextAreaField(
        lazy_gettext("Ny ordlyd"),
        validators=[
            InputRequired(lazy_gettext("Skriv punktets nye ordlyd.")),
            Length(max=edit_store.TEXT_MAX),
        ],
    )


class MergeForm(Form):
    first = SelectField(lazy_gettext("Behold punktet"), coerce=int)
    second = SelectField(lazy_gettext("og flet dette ind i det"), coerce=int)
    text = TextAreaField(
        lazy_gettext("Samlet ordlyd (valgfri: ellers de to punkter efter hinanden)"),
        validators=[Optional(), Length(max=edit_store.TEXT_MAX)],
    )


@dataclass(frozen=True)
class BulletView:
    key: int
    text: str
    writers: int


@dataclass(frozen=True)
class ThemeView:
    key: int
    label: str
    bullets: tuple[BulletView, ...]


@dataclass(frozen=True)
class ActivityView:
    """What the page offers to edit in one activity: its body's themes and bullets."""

    activity: Activity
    title: str
    themes: tuple[ThemeView, ...]
    edits: tuple[BodyEdit, ...]
    merge: MergeForm
    ordered: bool  # the secretary has set an order (the page offers the document's own back)

    @property
    def bullets(self) -> list[BulletView]:
        return [bullet for theme in self.themes for bullet in theme.bullets]


def _themes(body: tuple[ReportTheme, ...]) -> tuple[ThemeView, ...]:
    return tuple(
        ThemeView(
            theme.key or UNCLUSTERED_KEY,
            one_line(theme_label(theme.label)),
            tuple(
                BulletView(point.keys[0], one_line(point.text), point.writers)
                for point in theme_points(theme)
                if point.keys and point.keys[0] is not None
            ),
        )
        for theme in body
    )


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def _merge_form(themes: tuple[ThemeView, ...], formdata: bool = False) -> MergeForm:
    form = MergeForm() if formdata else MergeForm(formdata=None)
    choices = [(b.key, _short(b.text)) for t in themes for b in t.bullets]
    form.first.choices = choices
    form.second.choices = choices
    return form


def _view(activity: Activity, report: ActivityReport) -> ActivityView | None:
    if not report.themes or report.kind == "wordcloud":
        return None  # a vote, a dilemma or a check-in: its body is a result, nothing to reorder
    body = report.body if report.body is not None else default_body(report)
    themes = _themes(body)
    if not any(theme.bullets for theme in themes):
        return None
    rows = edit_store.activity_rows(db.session, activity)
    return ActivityView(
        activity,
        one_line(report.title),
        themes,
        tuple(row for row in rows if row.kind in (edit_store.REWRITE, edit_store.MERGE)),
        _merge_form(themes),
        any(row.kind in (edit_store.THEME_ORDER, edit_store.POINT_ORDER) for row in rows),
    )


@bp.get("/sessions/<int:session_id>/output")
def output(session_id: int) -> str:
    session = own_session(session_id)
    report = edit_store.apply_session_edits(
        db.session, session, build_session_report(db.session, session, now=danish_now())
    )
    by_key = {a.key: a for a in report.activities}
    views = [
        view
        for activity in session.activities
        if activity.id in by_key and (view := _view(activity, by_key[activity.id])) is not None
    ]
    return render_template(
        "facilitate/output.html",
        session=session,
        preview=render_session_html(report, annex=False, top=3),
        views=views,
        rewrite=RewriteForm(formdata=None),
        text_max=edit_store.TEXT_MAX,
    )


def _back(activity: Activity, anchor: str = "") -> Response:
    return redirect(
        url_for(".output", session_id=activity.session_id)
        + (f"#{anchor}" if anchor else f"#aktivitet-{activity.id}")
    )


def _errors(form: Form) -> None:
    """The form's first problem, as a message on the page it came from."""
    messages = [str(e) for errors in form.errors.values() for e in errors]
    flash(messages[0] if messages else _("Formularen kunne ikke læses. Prøv igen."), "error")


@bp.post("/activities/<int:activity_id>/output/move")
def output_move(activity_id: int) -> Response:
    activity = own_activity(activity_id)
    form = MoveForm()
    if not form.validate_on_submit():
        _errors(form)
        return _back(activity)
    step = edit_store.UP if form.direction.data == "up" else edit_store.DOWN
    try:
        if form.target.data == "theme":
            key = form.key.data or None  # 0: the unclustered rest
            edit_store.move_theme(db.session, activity, key, step)
            anchor = f"tema-{activity.id}-{form.key.data}"
        else:
            edit_store.move_bullet(db.session, activity, form.key.data, step)
            anchor = f"punkt-{form.key.data}"
    except DomainError as error:
        flash(error.message, "error")
        return _back(activity)
    return _back(activity, anchor)


@bp.post("/activities/<int:activity_id>/output/rewrite")
def output_rewrite(activity_id: int) -> Response:
    activity = own_activity(activity_id)
    form = RewriteForm()
    if not form.validate_on_submit():
        _errors(form)
        return _back(activity)
    try:
        edit_store.rewrite(db.session, activity, form.key.data, form.text.data)
    except DomainError as error:
        flash(error.message, "error")
        return _back(activity)
    flash(_("Punktet er omformuleret i dokumentet. Bidraget står uændret i bilaget."), "success")
    return _back(activity, f"punkt-{form.key.data}")


@bp.post("/activities/<int:activity_id>/output/merge")
def output_merge(activity_id: int) -> Response:
    activity = own_activity(activity_id)
    form = _merge_form(_themes(edit_store.current_body(db.session, activity)), formdata=True)
    if not form.validate_on_submit():
        _errors(form)
        return _back(activity)
    try:
        edit_store.merge(db.session, activity, form.first.data, form.second.data, form.text.data)
    except DomainError as error:
        flash(error.message, "error")
        return _back(activity)
    flash(_("Punkterne er slået sammen i dokumentet. Bilaget har begge bidrag."), "success")
    return _back(activity, f"punkt-{form.first.data}")


@bp.post("/activities/<int:activity_id>/output/undo/<int:edit_id>")
def output_undo(activity_id: int, edit_id: int) -> Response:
    activity = own_activity(activity_id)
    if not Form().validate_on_submit():
        flash(_("Formularen kunne ikke læses. Prøv igen."), "error")
        return _back(activity)
    try:
        edit_store.undo(db.session, activity, edit_id)
    except DomainError as error:
        flash(error.message, "error")
        return _back(activity)
    flash(_("Ændringen er fortrudt."), "success")
    return _back(activity)


@bp.post("/activities/<int:activity_id>/output/reset")
def output_reset(activity_id: int) -> Response:
    activity = own_activity(activity_id)
    if not Form().validate_on_submit():
        flash(_("Formularen kunne ikke læses. Prøv igen."), "error")
        return _back(activity)
    edit_store.reset_order(db.session, activity)
    flash(_("Dokumentets egen rækkefølge er tilbage."), "success")
    return _back(activity)
