"""The facilitator's pages: processes, sessions, activities, the console, themes, plan, written
rounds, follow-up and exports. Every page here needs a logged-in facilitator (access.py).

The "facilitate" blueprint is defined here; its route modules add their routes to it as they
are imported below. themes, plan, rounds and followup are blueprints of their own under the
same /facilitate prefix (their endpoint names are theirs)."""

from __future__ import annotations

from flask import Blueprint

from facilitator.web.facilitate.access import require_login

bp = Blueprint("facilitate", __name__, url_prefix="/facilitate")
bp.before_request(require_login)

# Imported for their routes on `bp` (Flask's pattern for a blueprint over several modules).
from facilitator.web.facilitate import (  # noqa: E402, F401
    activities,
    console,
    deletion,
    exports,
    moderation,
    processes,
    sessions,
)
