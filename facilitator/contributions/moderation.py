"""The facilitator's moderation of contributions: hidden ones vanish from the projector and the
export, highlighted ones ("fremhævet") lead the output document."""

from __future__ import annotations

from facilitator.contributions.models import Contribution
from facilitator.core import signals
from facilitator.core.db import DbSession


def set_hidden(db: DbSession, contribution: Contribution, hidden: bool) -> Contribution:
    """Moderation: hidden contributions vanish from the projector and the export. Either way
    the facilitator has decided: one that waited for approval waits no more."""
    contribution.hidden, contribution.held = hidden, False
    db.commit()
    signals.contribution_changed.send(
        contribution,
        session_id=contribution.activity.session_id,
        activity_id=contribution.activity_id,
    )
    return contribution


def set_highlighted(db: DbSession, contribution: Contribution, highlighted: bool) -> Contribution:
    """ "Fremhævet": the output document's body lists only the highlighted contributions of an
    activity that has any (the annex and the spreadsheet keep them all)."""
    contribution.highlighted = highlighted
    db.commit()
    signals.contribution_changed.send(
        contribution,
        session_id=contribution.activity.session_id,
        activity_id=contribution.activity_id,
    )
    return contribution
