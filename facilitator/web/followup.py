"""Initiative follow-up: tracked initiatives, their status history, the status page, its export."""

from __future__ import annotations

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("followup", __name__, url_prefix="/facilitate")


@bp.before_request
@login_required
def require_login() -> None:
    """Facilitators and the secretariat only."""
