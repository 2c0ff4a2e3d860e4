"""The admin pages "Brugere" and "Revisionslog" (routes on the admin blueprint)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from facilitator.accounts import services as accounts
from facilitator.accounts.models import User
from facilitator.audit import services as audit
from facilitator.core.db import utcnow
from facilitator.core.errors import DomainError, NotFound
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.web.admin.blueprint import bp
from facilitator.web.admin.forms import NewUserForm
from facilitator.web.auth import client_address, start_session
from facilitator.web.auth.forms import NewPasswordForm
from facilitator.web.forms import ActionForm


def _admin() -> User:
    return current_user._get_current_object()


def _user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("Brugeren findes ikke."))
    return user


def _users_page(form: NewUserForm, status: int = 200):  # noqa: ANN202
    users = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("admin/users.html", users=users, form=form, now=utcnow()), status


@bp.get("/users")
def users():  # noqa: ANN201
    return _users_page(NewUserForm())


@bp.post("/users")
def create():  # noqa: ANN201
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                db.session,
                form.email.data,
                form.password.data,
                admin=form.admin.data,
                name=form.name.data or "",
                actor=_admin(),
                address=client_address(),
            )
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            flash(_("Brugeren %(email)s er oprettet.", email=user.email))
            return redirect(url_for("admin.users"))
    return _users_page(form, 400)


def _set_active(user_id: int, active: bool):  # noqa: ANN202
    user = _user(user_id)
    if ActionForm().validate_on_submit():
        accounts.set_active(db.session, user, active, actor=_admin(), address=client_address())
        flash(
            _("%(email)s er aktiveret.", email=user.email)
            if active
            else _("%(email)s er deaktiveret og logget ud overalt.", email=user.email)
        )
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/deactivate")
def deactivate(user_id: int):  # noqa: ANN201
    return _set_active(user_id, False)


@bp.post("/users/<int:user_id>/activate")
def activate(user_id: int):  # noqa: ANN201
    return _set_active(user_id, True)


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
def user_password(user_id: int):  # noqa: ANN201
    user = _user(user_id)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(
                db.session, user, form.new.data, actor=_admin(), address=client_address()
            )
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            if user.id == _admin().id:  # this browser stays logged in, other devices do not
                start_session(user)
            flash(
                _("%(email)s har fået en ny adgangskode og er logget ud overalt.", email=user.email)
            )
            return redirect(url_for("admin.users"))
    return render_template(
        "admin/password.html", form=form, target=user
    ), 200 if not form.errors else 400


@bp.get("/audit")
def audit_log():  # noqa: ANN201
    selected = request.args.get("event", "")
    selected = selected if selected in audit.EVENTS else ""
    rows = audit.recent(db.session, event=selected or None)
    return render_template("admin/audit.html", rows=rows, events=audit.EVENTS, selected=selected)
