"""The reader's language (a cookie, and a facilitator's own setting) and the accessibility page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, redirect, render_template, request
from flask_babel import Babel
from flask_login import current_user
from werkzeug.wrappers import Response

from facilitator.core import i18n
from facilitator.extensions import db
from facilitator.web.links import safe_local_target

bp = Blueprint("language", __name__)

LANGUAGE_COOKIE = "facilitator_sprog"
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600


def request_language() -> str:
    """A facilitator's own setting, else the browser's choice (cookie), else the default."""
    user = current_user if current_user and current_user.is_authenticated else None
    chosen = getattr(user, "language", None) or request.cookies.get(LANGUAGE_COOKIE)
    return (
        i18n.supported(chosen)
        or i18n.supported(current_app.config["DEFAULT_LANGUAGE"])
        or i18n.DEFAULT_LOCALE
    )


def init_language(app: Flask) -> None:
    """Flask-Babel (templates' `_`, `ngettext`, dates) reads the same locale as domain code."""
    Babel(
        app,
        locale_selector=i18n.current_locale,
        default_translation_directories=str(i18n.TRANSLATIONS_DIR),
        default_locale=i18n.DEFAULT_LOCALE,
        default_timezone="Europe/Copenhagen",
    )

    @app.before_request
    def choose_language() -> None:
        i18n.set_locale(request_language())

    @app.teardown_request
    def forget_language(_error: BaseException | None) -> None:
        # A thread that serves requests one after another (the dev server's, the test
        # client's) must not carry one reader's language into the next piece of work.
        i18n.set_locale(None)

    @app.context_processor
    def language_context() -> dict:
        return {
            "current_language": i18n.current_locale(),
            "languages": i18n.LANGUAGES,
            "accessibility_url": current_app.config["ACCESSIBILITY_STATEMENT_URL"],
        }


@bp.post("/sprog")
def choose() -> Response:
    """The footer's (and the phone's) language buttons: a cookie, and a facilitator's setting."""
    language = i18n.supported(request.form.get("language")) or i18n.DEFAULT_LOCALE
    if current_user.is_authenticated:
        current_user.language = language
        db.session.commit()
    # Back to the page the reader was on (the Referer: same-origin by our Referrer-Policy; no
    # hidden field, so every page's markup stays the same whatever its address).
    back = urlsplit(request.form.get("next") or request.referrer or "")
    same_site = not back.netloc or back.netloc == request.host
    target = back.path + (f"?{back.query}" if back.query else "") if same_site else ""
    return remember_language(redirect(safe_local_target(target, "/")), language)


def remember_language(response: Response, language: str) -> Response:
    """The language cookie on `response`: this browser keeps the choice after logging out."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SECURE_COOKIES"],
    )
    return response


@bp.get("/tilgaengelighed")
def accessibility() -> str:
    return render_template(
        "accessibility.html", contact=current_app.config["ACCESSIBILITY_CONTACT"]
    )
