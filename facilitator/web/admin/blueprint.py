"""The "admin" blueprint, on its own so that its route modules can import it without importing
the package that imports them (web/admin/__init__.py loads them). Administrators only."""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user, login_required

from facilitator.core.errors import Forbidden
from facilitator.core.i18n import gettext as _

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def admins_only() -> None:
    if not current_user.is_admin:
        raise Forbidden(_("Kun administratorer har adgang til denne side."))
