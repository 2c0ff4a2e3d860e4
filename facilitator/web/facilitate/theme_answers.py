"""How the themes page's actions answer: JSON to the page's script (static/js/themes.js asks
with `Accept: application/json`), a flashed message and the page again to a plain form.

One route per action serves both; the fresh themes reach every page (this one included) by
the live push (`clusters:updated`), not in the answer."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response

from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def done(activity_id: int, message: str, anchor: str = "") -> Response:
    if wants_json():
        return jsonify(ok=True, message=message)
    flash(message)
    return redirect(url_for("themes.page", activity_id=activity_id) + anchor)


def failed(activity_id: int, message: str, status: int = 400) -> Response:
    if wants_json():
        response = jsonify(ok=False, message=message)
        response.status_code = status
        return response
    flash(message, "error")
    return redirect(url_for("themes.page", activity_id=activity_id))


def form_problem(form: FlaskForm, fallback: str) -> str:
    """Why `form` was refused: an old token (the page outlived the server's key), else
    `fallback`, the field's rule in words."""
    if "csrf_token" in form.errors:
        return stale_form()
    return fallback


def stale_form() -> str:
    return _("Siden er for gammel. Genindlæs siden, og prøv igen.")


def register(bp: Blueprint) -> None:
    """A missing theme or contribution (deleted meanwhile), or an old token: words the
    script shows, or the error page as elsewhere."""

    @bp.errorhandler(DomainError)
    def domain_error(error: DomainError):  # noqa: ANN202
        if wants_json():
            return jsonify(ok=False, message=error.message), error.status
        return render_template("error.html", message=error.message), error.status

    @bp.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # noqa: ANN202
        if wants_json():
            return jsonify(ok=False, message=stale_form()), 400
        return render_template("error.html", message=stale_form()), 400
