"""The projector view: QR code and join code, the open activity and its results."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from facilitator.activities.models import Activity
from facilitator.contributions import results
from facilitator.core.errors import Forbidden, NotFound, SessionNotLive
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.live.payloads import screen_clusters, timer_payload
from facilitator.parking.board import screen_board
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.tables.grouping import by_table as tables_by_table
from facilitator.web.links import join_url
from facilitator.web.loopback import is_loopback_url, loopback_hint

bp = Blueprint("screen", __name__, url_prefix="/screen")


def screen_session(session_id: int) -> WorkshopSession:
    """A logged-in owner, or anyone holding the secret screen link (the beamer laptop). A
    closed session's link still opens its closing screen (screen() shows nothing else)."""
    token = request.args.get("t") if current_app.config["SCREEN_LINKS"] else None
    if token:
        try:
            return sessions.find_by_screen_token(db.session, session_id, token)
        except SessionNotLive:  # the right link of a closed session (a wrong one is NotFound)
            closed = db.session.get(WorkshopSession, session_id)
            if closed is not None and not current_user.is_authenticated:
                return closed
    if current_user.is_authenticated:
        return sessions.get_session_for(db.session, current_user, session_id)
    raise Forbidden(_("Log ind, eller brug linket til storskærmen fra konsollen."))


@bp.get("/<int:session_id>")
def screen(session_id: int) -> str:
    session = screen_session(session_id)
    closed = session.state == "closed"
    # Closed: "Tak for i dag", the title and the next steps, nothing of the contributions
    # (the link must not reveal them once the day is over); a draft: no code to scan yet.
    activity = None if closed else session.open_activity
    link = join_url(session)
    # The room sees tallies only when they are visible (live results, or "Vis resultater").
    visible = activity is not None and activity.results_visible
    return render_template(
        "participate/screen/screen.html",
        session=session,
        activity=activity,
        results=results.activity_results(db.session, activity) if activity and visible else None,
        responses=results.response_count(db.session, activity) if activity else 0,
        clusters=screen_clusters(db.session, activity) if visible else None,
        join_url=link,
        loopback=is_loopback_url(link),
        loopback_hint=loopback_hint(),
        # A closed session's link is dead: its owner's socket goes by login, a link holder's
        # page stays on the closing screen.
        token=request.args.get("t") if not closed else None,
        link_holder=not current_user.is_authenticated,
        joined=results.participant_count(db.session, session),
        timer=timer_payload(activity),
        parking=screen_board(db.session, session),
    )


@bp.get("/<int:session_id>/borde/<int:activity_id>")
def by_table(session_id: int, activity_id: int) -> str:
    """The activity's statements by table on the wall (facilitator/tables/grouping.py)."""
    session = screen_session(session_id)
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.session_id != session.id or session.state == "closed":
        raise NotFound(_("Aktiviteten findes ikke."))
    groups = tables_by_table(db.session, activity, publish=True)  # the wall shows it
    if request.args.get("del") == "grupper":  # the part by_table.js draws again after a push
        return render_template("_by_table_groups.html", groups=groups)
    return render_template(
        "participate/screen/by_table.html", session=session, activity=activity, groups=groups
    )
