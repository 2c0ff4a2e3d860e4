"""Moderation from the console: hiding and highlighting a contribution."""

from __future__ import annotations

from werkzeug.wrappers import Response

from facilitator.contributions.models import Contribution
from facilitator.contributions.moderation import set_hidden, set_highlighted
from facilitator.core.errors import NotFound
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.web.facilitate.access import own_session, require_action
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.console import to_console


@bp.post("/contributions/<int:contribution_id>/<any(hide, unhide, highlight, unhighlight):action>")
def moderate(contribution_id: int, action: str) -> Response:
    require_action()
    contribution = db.session.get(Contribution, contribution_id)
    try:  # another's contribution answers as a missing one (no enumeration)
        own_session(contribution.activity.session_id if contribution else 0)
    except NotFound:
        raise NotFound(_("Bidraget findes ikke.")) from None
    if action in ("hide", "unhide"):
        set_hidden(db.session, contribution, action == "hide")
    else:
        set_highlighted(db.session, contribution, action == "highlight")
    return to_console(contribution.activity)
