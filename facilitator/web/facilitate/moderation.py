"""Moderation from the console: hiding and highlighting a contribution, and approving or
hiding what waits for approval (contributions/screening.py)."""

from __future__ import annotations

from flask import flash, request
from sqlalchemy import select
from werkzeug.wrappers import Response

from facilitator.contributions import screening
from facilitator.contributions.models import Contribution
from facilitator.contributions.moderation import set_hidden, set_highlighted
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.extensions import db
from facilitator.web.facilitate.access import own_activity, own_contribution, require_action
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


@bp.post("/activities/<int:activity_id>/review")
def review(activity_id: int) -> Response:
    """Approve or hide what waits for approval: one (`item` = "approve:ID" / "hide:ID"), the
    ticked ones (`action` with `contribution_ids`), or all of them ("approve_all")."""
    require_action()
    activity = own_activity(activity_id)
    action, ids = _review_request()
    query = select(Contribution).where(
        Contribution.activity_id == activity.id, Contribution.held.is_(True)
    )
    if action != "approve_all":
        query = query.where(Contribution.id.in_(ids))
    rows = list(db.session.scalars(query.order_by(Contribution.id)))
    if action not in ("approve", "approve_all", "hide"):
        flash(_("Ukendt handling."), "error")
    elif not rows:
        flash(_("Vælg mindst ét bidrag, der venter på godkendelse."), "error")
    elif action == "hide":
        n = screening.reject(db.session, rows)
        flash(ngettext("%(num)s bidrag er skjult.", "%(num)s bidrag er skjult.", n), "success")
    else:
        n = screening.approve(db.session, rows)
        flash(ngettext("%(num)s bidrag er godkendt.", "%(num)s bidrag er godkendt.", n), "success")
    return to_console(activity)


def _review_request() -> tuple[str, list[int]]:
    """The button pressed: one item's own button, or an action on the ticked items."""
    action, _sep, one = request.form.get("item", "").partition(":")
    if one.isdigit():
        return action, [int(one)]
    ids = [int(i) for i in request.form.getlist("contribution_ids") if i.isdigit()]
    return request.form.get("action", ""), ids
