"""Facilitator login, logout, session limits and "Skift adgangskode".

Login is throttled before any password is hashed: LOGIN_RATE per client address and typed
e-mail and LOGIN_ADDRESS_RATE per address (Flask-Limiter; every attempt counts), and the
domain locks an account after repeated wrong passwords (accounts.services). Both answer with
the same words, so the answer never tells whether an e-mail has an account.

Sessions are checked on the server on every request: the cookie token carries the user's
session version and login time (accounts.services.session_token). "Log ud" bumps the version,
which logs the person out on every device. A session also ends SESSION_IDLE_MINUTES after the
last request and SESSION_MAX_HOURS after logging in, remember cookie or not.
"""

from __future__ import annotations

import time
from datetime import timedelta

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_limiter import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from facilitator.accounts import passwords
from facilitator.accounts import services as accounts
from facilitator.accounts.models import User
from facilitator.core import i18n
from facilitator.core.db import utcnow
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db, limiter, login_manager
from facilitator.web.auth.forms import LoginForm, OwnPasswordForm, SettingsForm
from facilitator.web.forms import ActionForm
from facilitator.web.language import remember_language
from facilitator.web.links import safe_local_target

bp = Blueprint("auth", __name__)
SEEN = "seen_at"  # flask.session: last request of a logged-in user (idle limit)
SEEN_GRANULARITY = 60  # seconds; the session cookie is not rewritten on every request


@bp.record_once
def _configure(state) -> None:  # noqa: ANN001
    passwords.use_async_mode(state.app.config["ASYNC_MODE"])


def max_session_age(app: Flask) -> timedelta:
    return timedelta(hours=app.config["SESSION_MAX_HOURS"])


@login_manager.user_loader
def load_user(token: str) -> User | None:
    return accounts.user_for_token(db.session, token, max_age=max_session_age(current_app))


def client_address() -> str:
    return get_remote_address() or ""


def _address_and_email() -> str:
    """The throttling key of one account from one address (the e-mail as typed, normalised)."""
    return f"{client_address()}|{accounts.normalise_email(request.form.get('email', ''))[:254]}"


def start_session(user: User) -> None:
    """Log `user` in on this browser; the token adds the login time to Flask-Login's id."""
    login_user(user, remember=True)
    session["_user_id"] = accounts.session_token(user, utcnow())
    session[SEEN] = time.time()


@bp.before_app_request
def enforce_session_limits() -> None:
    """End a session idle for longer than SESSION_IDLE_MINUTES (the absolute limit is checked
    when the user is loaded from the token)."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = time.time()
    seen = session.get(SEEN)
    if seen is not None and now - seen > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        logout_user()
        session.pop(SEEN, None)
        flash(_("Du har været inaktiv længe og er blevet logget ud. Log ind igen."))
        return
    if seen is None or now - seen > SEEN_GRANULARITY:
        session[SEEN] = now
        session["_remember"] = "set"  # Flask-Login renews the remember cookie's expiry


@bp.errorhandler(RateLimitExceeded)
def login_throttled(error: RateLimitExceeded):  # noqa: ANN201
    """The login page with the lockout wording, not the generic 429 page."""
    limit = limiter.current_limit
    seconds = limit.reset_at - time.time() if limit is not None else 60
    form = LoginForm()
    form.password.errors = [accounts.locked_message(seconds)]
    return render_template("auth/login.html", form=form), 429


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ADDRESS_RATE"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_RATE"], methods=["POST"], key_func=_address_and_email
)
def login():  # noqa: ANN201
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(
                db.session, form.email.data, form.password.data, address=client_address()
            )
        except accounts.AccountLocked as error:
            form.password.errors.append(error.message)
            return render_template("auth/login.html", form=form), 429
        if user is not None:
            start_session(user)
            return redirect(
                safe_local_target(request.args.get("next"), url_for("facilitate.dashboard"))
            )
        form.password.errors.append(_(accounts.WRONG))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@bp.post("/logout")
@login_required
def logout():  # noqa: ANN201
    """Logs out everywhere: every session, remember cookie and socket of this user ends."""
    if ActionForm().validate_on_submit():
        accounts.logout(
            db.session,
            current_user._get_current_object(),
            address=client_address(),
        )
        logout_user()
        flash(_("Du er logget ud på alle enheder."))
    return redirect(url_for("auth.login"))


@bp.route("/indstillinger", methods=["GET", "POST"])
@login_required
def settings():  # noqa: ANN201
    """Indstillinger: the facilitator's language (saved on the account, so it follows them to
    every device, and in the cookie, so this browser keeps it after logging out), and the way
    to "Skift adgangskode"."""
    user = current_user._get_current_object()
    form = SettingsForm(language=user.language)
    if form.validate_on_submit():
        language = i18n.supported(form.language.data) or i18n.DEFAULT_LOCALE
        user.language = language
        db.session.commit()
        i18n.set_locale(language)  # the message below is already in the new language
        flash(_("Indstillingerne er gemt."))
        return remember_language(redirect(url_for("auth.settings")), language)
    return render_template("auth/settings.html", form=form), 200 if not form.errors else 400


@bp.route("/password", methods=["GET", "POST"])
@login_required
def own_password():  # noqa: ANN201
    """Skift adgangskode: other devices are logged out, this browser stays logged in."""
    form = OwnPasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_own_password(
                db.session, user, form.current.data, form.new.data, address=client_address()
            )
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            start_session(user)
            flash(_("Din adgangskode er skiftet. Du er logget ud på dine andre enheder."))
            return redirect(url_for("facilitate.dashboard"))
    return render_template("auth/password.html", form=form), 200 if not form.errors else 400
