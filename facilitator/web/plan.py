"""The process plan: milestones per process and the timeline on the process page."""

from __future__ import annotations

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("plan", __name__, url_prefix="/facilitate")


@bp.before_request
@login_required
def require_login() -> None:
    """Facilitators and the secretariat only."""
