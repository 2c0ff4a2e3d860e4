"""Facilitator login and logout."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required, login_user, logout_user

from facilitator.accounts.models import User
from facilitator.accounts.services import authenticate
from facilitator.extensions import db, login_manager
from facilitator.web.forms import ActionForm, LoginForm
from facilitator.web.links import safe_local_target

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


@bp.route("/login", methods=["GET", "POST"])
def login():  # noqa: ANN201
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=True)
            return redirect(safe_local_target(request.args.get("next"),
                                              url_for("facilitate.dashboard")))
        form.password.errors.append("Forkert e-mail eller adgangskode.")
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@bp.post("/logout")
@login_required
def logout():  # noqa: ANN201
    if ActionForm().validate_on_submit():
        logout_user()
        flash("Du er logget ud.")
    return redirect(url_for("auth.login"))
