"""The projector view: QR code and join code, the open activity and its results."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from facilitator.contributions import results
from facilitator.errors import Forbidden, SessionNotLive
from facilitator.extensions import db
from facilitator.i18n import gettext as _
from facilitator.loopback import is_loopback_url, loopback_hint
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.web.links import join_url
from facilitator.web.payloads import screen_clusters

bp = Blueprint("screen", __name__, url_prefix="/screen")


def screen_session(session_id: int) -> WorkshopSession:
    """A logged-in owner, or anyone holding the secret screen link (the beamer laptop)."""
    token = request.args.get("t") if current_app.config["SCREEN_LINKS"] else None
    if token:
        try:
            return sessions.find_by_screen_token(db.session, session_id, token)
        except SessionNotLive:  # a closed session's link is dead; its owner may still look
            if not current_user.is_authenticated:
                raise
    if current_user.is_authenticated:
        return sessions.get_session_for(db.session, current_user, session_id)
    raise Forbidden(_("Log ind, eller brug linket til storskærmen fra konsollen."))


@bp.get("/<int:session_id>")
def screen(session_id: int) -> str:
    session = screen_session(session_id)
    activity = session.open_activity
    link = join_url(session)
    # The room sees tallies only when they are visible (live results, or "Vis resultater").
    visible = activity is not None and activity.results_visible
    return render_template(
        "screen/screen.html", session=session, activity=activity,
        results=results.activity_results(db.session, activity) if visible else None,
        responses=results.response_count(db.session, activity) if activity else 0,
        clusters=screen_clusters(db.session, activity) if visible else None,
        join_url=link, loopback=is_loopback_url(link), loopback_hint=loopback_hint(),
        # A closed session's link is dead: its owner's socket goes by login instead.
        token=request.args.get("t") if session.state != "closed" else None,
        joined=results.participant_count(db.session, session))
