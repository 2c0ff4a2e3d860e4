"""Moderation from the console: hiding and highlighting a contribution."""

from __future__ import annotations

from werkzeug.wrappers import Response

from facilitator.contributions.moderation import set_hidden, set_highlighted
from facilitator.extensions import db
from facilitator.web.facilitate.access import own_contribution, require_action
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.console import to_console


@bp.post("/contributions/<int:contribution_id>/<any(hide, unhide, highlight, unhighlight):action>")
def moderate(contribution_id: int, action: str) -> Response:
    require_action()
    contribution = own_contribution(contribution_id)
    if action in ("hide", "unhide"):
        set_hidden(db.session, contribution, action == "hide")
    else:
        set_highlighted(db.session, contribution, action == "highlight")
    return to_console(contribution.activity)
