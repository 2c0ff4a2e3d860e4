"""Who may use the facilitator's pages and what each may reach: the one `require_login` every
blueprint under /facilitate runs first, and the lookups that answer another's process, session
or activity as a missing one (no enumeration)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user, login_required

from facilitator.activities.models import Activity
from facilitator.contributions.models import Contribution
from facilitator.core.errors import NotFound
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.processes import services as processes
from facilitator.processes.models import Process
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.web.forms import ActionForm


@login_required
def require_login() -> None:
    """Every page under /facilitate is for logged-in facilitators and the secretariat only."""


def own_process(process_id: int) -> Process:
    return processes.get_process_for(db.session, current_user, process_id)


def own_session(session_id: int) -> WorkshopSession:
    return sessions.get_session_for(db.session, current_user, session_id)


def own_activity(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    try:  # access check; another's activity answers as a missing one (no enumeration)
        own_session(activity.session_id if activity else 0)
    except NotFound:
        raise NotFound(_("Aktiviteten findes ikke.")) from None
    assert activity is not None  # own_session(0) raised NotFound above
    return activity


def require_action() -> None:
    """A bare POST button (ActionForm) must carry its CSRF token."""
    if not ActionForm().validate_on_submit():
        abort(400)


def own_contribution(contribution_id: int) -> Contribution:
    """A contribution in one of the user's sessions (moderation, moving it between themes)."""
    contribution = db.session.get(Contribution, contribution_id)
    try:  # another's contribution answers as a missing one (no enumeration)
        own_session(contribution.activity.session_id if contribution else 0)
    except NotFound:
        raise NotFound(_("Bidraget findes ikke.")) from None
    assert contribution is not None  # own_session(0) raised NotFound above
    return contribution
