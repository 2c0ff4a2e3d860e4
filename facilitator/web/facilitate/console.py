"""The live console: every activity's results, hidden contributions, groups, and the
secretariat's note and summary per activity."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, url_for
from werkzeug.wrappers import Response

from facilitator.activities import services as activities
from facilitator.activities.models import Activity
from facilitator.activities.timer import MAX_MINUTES
from facilitator.contributions import results
from facilitator.contributions.models import Contribution
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.live.payloads import timer_payload
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.notes import NOTE_MAX, SUMMARY_MAX
from facilitator.web.facilitate.access import own_activity, own_session
from facilitator.web.facilitate.blueprint import bp
from facilitator.web.facilitate.forms import ActivityNotesForm, save_with_message
from facilitator.web.facilitate.parking import parking_context
from facilitator.web.links import join_url, screen_url


@bp.get("/sessions/<int:session_id>/console")
def console(session_id: int) -> str:
    workshop = own_session(session_id)
    return render_template(
        "facilitate/console.html",
        **console_context(workshop),
        board=parking_context(workshop)["board"],
        join_url=join_url(workshop),
        screen_url=screen_url(workshop),
    )


def console_context(workshop: WorkshopSession) -> dict[str, Any]:
    """What the console's templates show of `workshop`: the page, and the fragments the live
    bridge renders once per change (facilitator/live/fragments.py) read the same."""
    return {
        "session": workshop,
        "results": {a.id: results.activity_results(db.session, a) for a in workshop.activities},
        **_moderated(workshop),
        "counts": results.contribution_counts(db.session, workshop),
        "groups": results.participants_by_group(db.session, workshop),
        "joined": results.participant_count(db.session, workshop),
        "notes_form": ActivityNotesForm,
        "note_max": NOTE_MAX,
        "summary_max": SUMMARY_MAX,
        "timer": timer_payload(workshop.open_activity),  # the open activity's countdown
        "timer_max": MAX_MINUTES,
    }


def _moderated(workshop: WorkshopSession) -> dict[str, dict[int, list[Contribution]]]:
    """Per activity id, oldest first, in one read for the whole console: `held`, what waits
    for approval (contributions/screening.py), and `hidden`, what the facilitator hid."""
    held: dict[int, list[Contribution]] = {a.id: [] for a in workshop.activities}
    hidden: dict[int, list[Contribution]] = {a.id: [] for a in workshop.activities}
    for row in db.session.scalars(
        db.select(Contribution)
        .join(Activity, Activity.id == Contribution.activity_id)
        .where(
            Activity.session_id == workshop.id,
            Contribution.hidden.is_(True) | Contribution.held.is_(True),
        )
        .order_by(Contribution.created_at, Contribution.id)
    ):
        (held if row.held else hidden).setdefault(row.activity_id, []).append(row)
    return {"held": held, "hidden": hidden}


def to_console(activity: Activity) -> Response:
    """Back to the activity's place on the console."""
    return redirect(
        url_for(".console", session_id=activity.session_id) + f"#aktivitet-{activity.id}"
    )


@bp.post("/activities/<int:activity_id>/notes")
def activity_notes(activity_id: int) -> Response:
    """The secretariat's note and summary for the output document (console)."""
    activity = own_activity(activity_id)
    form = ActivityNotesForm()
    save_with_message(
        form,
        lambda: activities.set_notes(
            db.session, activity, note=form.note.data or "", summary=form.summary.data or ""
        ),
        _("Note og opsummering til »%(title)s« er gemt.", title=activity.title),
    )
    return to_console(activity)
