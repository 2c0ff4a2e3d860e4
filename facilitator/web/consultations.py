"""Written consultation rounds, the secretariat's side: questions, bodies, answers, reminders."""

from __future__ import annotations

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("consultations", __name__, url_prefix="/facilitate")


@bp.before_request
@login_required
def require_login() -> None:
    """Facilitators and the secretariat only."""
