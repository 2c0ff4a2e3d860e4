"""Withdraw and restore: "Træk tilbage" deletes a phone's own contribution at once and keeps
it as a tombstone (a Withdrawal) for RESTORE_SECONDS, so "Fortryd" can put back the very same
rows (same id, text, side, theme and "Enig"); tombstones older than that are forgotten. Kept
apart from contributions.services (submit, agree, correct), which it builds on for the
open-activity check and the vote kinds, so that module stays about sending and this one about
taking back; the tombstone's own shape is contributions.tombstones."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from facilitator.activities.models import Activity
from facilitator.contributions.models import Contribution, Participant, Withdrawal
from facilitator.contributions.services import VOTES, require_open
from facilitator.contributions.tombstones import revived, tombstone
from facilitator.core import signals
from facilitator.core.db import DbSession, rowcount, utcnow
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _

# "Fortryd" after "Træk tilbage": how long the server keeps what was withdrawn. The phone offers
# the button for less (phone.js UNDO_MS), so a slow answer still arrives in time.
RESTORE_SECONDS = 30
TOO_LATE_TO_RESTORE = N_(
    "Det er for sent at fortryde. Send bidraget igen, hvis du vil have det med."
)


def withdraw(
    db: DbSession, participant: Participant, contribution_id: int, *, now: datetime | None = None
) -> bool:
    """The author takes their contribution back while the activity is open: the row is deleted
    (for a dilemma or topic vote: their choice, earlier replaced ones included) with its "Enig",
    and kept as a Withdrawal for RESTORE_SECONDS so "Fortryd" can put it back. True if
    something was deleted; withdrawing again, even at the same moment, is a no-op (False):
    the DELETE's row count decides, not a row read before."""
    row = db.get(Contribution, contribution_id)
    if row is None:
        return False
    if row.participant_id != participant.id:
        raise NotFound(_("Bidraget findes ikke længere."))
    activity = row.activity
    require_open(activity, _("Aktiviteten er lukket, så bidraget kan ikke trækkes tilbage."))
    which = (
        (Contribution.activity_id == activity.id, Contribution.participant_id == participant.id)
        if activity.kind in VOTES
        else (Contribution.id == row.id,)
    )
    rows = list(
        db.scalars(
            select(Contribution).options(selectinload(Contribution.endorsements)).where(*which)
        )
    )
    kept = [tombstone(r) for r in rows]
    for each in rows:  # with their endorsements: deleted below, not to be flushed again
        db.expunge(each)
    # ON DELETE CASCADE takes the endorsements (and any theme membership is the row's own).
    removed = rowcount(
        db.execute(delete(Contribution).where(*which).execution_options(synchronize_session=False))
    )
    if not removed:  # another request withdrew it first
        db.rollback()
        return False
    now = now or utcnow()
    forget_withdrawals(db, now)
    db.add(
        Withdrawal(
            contribution_id=row.id,
            participant_id=participant.id,
            activity_id=activity.id,
            rows=kept,
            withdrawn_at=now,
        )
    )
    try:
        db.commit()
    except IntegrityError:  # the same withdrawal committed a tombstone meanwhile
        db.rollback()
        return False
    signals.contribution_withdrawn.send(
        row, session_id=activity.session_id, activity_id=activity.id
    )
    return True


def forget_withdrawals(db: DbSession, now: datetime | None = None) -> int:
    """Drop the tombstones whose "Fortryd" window has passed (their texts must not linger).
    Not committed: part of the caller's transaction. Returns how many."""
    limit = (now or utcnow()) - timedelta(seconds=RESTORE_SECONDS)
    return rowcount(
        db.execute(
            delete(Withdrawal)
            .where(Withdrawal.withdrawn_at < limit)
            .execution_options(synchronize_session=False)
        )
    )


def restore(
    db: DbSession, participant: Participant, contribution_id: int, *, now: datetime | None = None
) -> tuple[Contribution, bool]:
    """ "Fortryd" after "Træk tilbage": the same rows come back (same id, text, side, theme and
    "Enig"), if asked within RESTORE_SECONDS while the activity is still open. Returns (row,
    restored); asking again once it is back is a no-op (False)."""
    withdrawal = db.scalar(
        select(Withdrawal).where(
            Withdrawal.contribution_id == contribution_id,
            Withdrawal.participant_id == participant.id,
        )
    )
    if withdrawal is None:
        return _restored_already(db, participant, contribution_id), False
    now = now or utcnow()
    if now - withdrawal.withdrawn_at > timedelta(seconds=RESTORE_SECONDS):
        raise ValidationError(_(TOO_LATE_TO_RESTORE))
    activity = db.get(Activity, withdrawal.activity_id)
    assert activity is not None  # the tombstone goes with its activity (ON DELETE CASCADE)
    require_open(activity, _("Aktiviteten er lukket, så bidraget kan ikke hentes tilbage."))
    if (
        activity.kind in VOTES
        and db.scalar(
            select(Contribution.id)
            .where(
                Contribution.activity_id == activity.id,
                Contribution.participant_id == participant.id,
            )
            .limit(1)
        )
        is not None
    ):
        raise ValidationError(
            _("Du har valgt igen, efter du trak dit valg tilbage. Dit nye valg gælder.")
        )
    if not rowcount(
        db.execute(
            delete(Withdrawal)
            .where(Withdrawal.id == withdrawal.id)
            .execution_options(synchronize_session=False)
        )
    ):
        db.rollback()  # another request restored it first
        return _restored_already(db, participant, contribution_id), False
    rows = revived(db, withdrawal)
    db.add_all(rows)
    try:
        db.commit()
    except IntegrityError:  # sent again under the same id meanwhile: that one stands
        db.rollback()
        raise ValidationError(_(TOO_LATE_TO_RESTORE)) from None
    row = next(r for r in rows if r.id == contribution_id)
    signals.contribution_added.send(
        row, session_id=activity.session_id, activity_id=activity.id, restored=True
    )
    return row, True


def restorable(
    db: DbSession, participant: Participant, contribution_id: int, *, now: datetime | None = None
) -> bool:
    """Whether "Fortryd" can still bring this withdrawn contribution back (the window only:
    restore() checks the rest)."""
    since = (now or utcnow()) - timedelta(seconds=RESTORE_SECONDS)
    return (
        db.scalar(
            select(Withdrawal.id).where(
                Withdrawal.contribution_id == contribution_id,
                Withdrawal.participant_id == participant.id,
                Withdrawal.withdrawn_at >= since,
            )
        )
        is not None
    )


def _restored_already(
    db: DbSession, participant: Participant, contribution_id: int
) -> Contribution:
    row = db.get(Contribution, contribution_id)
    if row is None or row.participant_id != participant.id:
        raise ValidationError(_(TOO_LATE_TO_RESTORE))
    return row
