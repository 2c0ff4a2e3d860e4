"""The "facilitate" blueprint, on its own so that its route modules can import it without
importing the package that imports them (web/facilitate/__init__.py loads them)."""

from __future__ import annotations

from flask import Blueprint

from facilitator.web.facilitate.access import require_login

bp = Blueprint("facilitate", __name__, url_prefix="/facilitate")
bp.before_request(require_login)
