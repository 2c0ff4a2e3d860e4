"""Data life cycle: purge by age, delete a process, a session or one session's participant data.

Rows go through the database's ON DELETE CASCADE (SQLite runs with foreign_keys=ON, see db.py):
a session takes its activities, participants, contributions, endorsements and themes with it.
The audit trail gets ids and counts, never titles or contributions. No Flask here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time

from sqlalchemy import delete, exists, func, select
from sqlalchemy.sql import Executable

from facilitator.accounts.models import User
from facilitator.activities.models import Activity
from facilitator.audit import services as audit
from facilitator.clustering.models import Cluster
from facilitator.consultations.models import ConsultationRound
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.withdrawals import forget_withdrawals
from facilitator.core.db import DbSession
from facilitator.core.errors import SessionNotLive, ValidationError
from facilitator.core.i18n import N_, ngettext, use_locale
from facilitator.core.i18n import gettext as _
from facilitator.processes.models import Process
from facilitator.sessions.models import WorkshopSession
from facilitator.tables.models import FlipoverPhoto

MAX_AGE_DAYS = 36500


@dataclass(frozen=True)
class DeletionReport:
    """What a deletion removes (or would remove): row counts only."""

    processes: int = 0
    sessions: int = 0
    participants: int = 0
    contributions: int = 0

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def describe(self) -> str:
        """E.g. "2 sessioner, 40 deltagere, 118 bidrag" (zeros left out), in the current
        language."""
        # Literal ngettext calls (not a table), so extraction sees each singular/plural pair.
        parts = [
            ngettext("%(num)s forløb", "%(num)s forløb", self.processes) if self.processes else "",
            ngettext("%(num)s session", "%(num)s sessioner", self.sessions)
            if self.sessions
            else "",
            ngettext("%(num)s deltager", "%(num)s deltagere", self.participants)
            if self.participants
            else "",
            ngettext("%(num)s bidrag", "%(num)s bidrag", self.contributions)
            if self.contributions
            else "",
        ]
        return ", ".join(part for part in parts if part) or _("intet")


def parse_age_days(text: str) -> int:
    """ "180d" (or "180") -> 180. The CLI's --older-than."""
    match = re.fullmatch(r"\s*(\d{1,9})\s*d?\s*", text or "", flags=re.IGNORECASE)
    if match is None:
        raise ValidationError(
            _("»%(text)s« er ikke en alder. Skriv antal dage, fx 180d.", text=text)
        )
    if int(match.group(1)) > MAX_AGE_DAYS:  # further back than the calendar goes
        raise ValidationError(_("Højst %(n)s dage (100 år).", n=MAX_AGE_DAYS))
    return int(match.group(1))


def _count(db: DbSession, session_ids: Sequence[int], processes: int = 0) -> DeletionReport:
    if not session_ids:
        return DeletionReport(processes=processes)
    participants = db.scalar(
        select(func.count(Participant.id)).where(Participant.session_id.in_(session_ids))
    )
    contributions = db.scalar(
        select(func.count(Contribution.id))
        .join(Activity)
        .where(Activity.session_id.in_(session_ids))
    )
    return DeletionReport(
        processes=processes,
        sessions=len(session_ids),
        participants=participants or 0,
        contributions=contributions or 0,
    )


def refuse_live(sessions: Sequence[WorkshopSession]) -> None:
    """Nothing is deleted under a running session: phones would lose their work mid-sentence."""
    live = [s for s in sessions if s.state == "live"]
    if live:
        raise SessionNotLive(
            _("»%(title)s« er live. Afslut sessionen, før du sletter.", title=live[0].title)
        )


def _audit_detail(message: str, report: DeletionReport, **variables: object) -> str:
    """The audit trail is a record written once, so it is always in the default language
    (Danish), whoever deleted and in whatever language they read the app."""
    with use_locale(None):
        return _(message, report=report.describe(), **variables)


def _delete(
    db: DbSession,
    statements: Sequence[Executable],
    *,
    event: str,
    detail: str,
    user: User | None,
    actor: str,
    address: str,
) -> None:
    """Run the deletes and write their audit event in one transaction."""
    for statement in statements:
        db.execute(statement)
    audit.record(db, event, user=user, actor=actor, address=address, detail=detail, commit=False)
    db.commit()
    db.expire_all()  # loaded objects may point at rows the database cascaded away


# --- one process, one session, one session's participant data ------------------------------


def process_report(db: DbSession, process: Process) -> DeletionReport:
    return _count(db, [s.id for s in process.sessions], processes=1)


def session_report(db: DbSession, session: WorkshopSession) -> DeletionReport:
    return _count(db, [session.id])


def participant_data_report(db: DbSession, session: WorkshopSession) -> DeletionReport:
    return replace(_count(db, [session.id]), sessions=0)  # the session itself stays


def delete_process(
    db: DbSession, process: Process, *, user: User | None = None, actor: str = "", address: str = ""
) -> DeletionReport:
    refuse_live(process.sessions)
    report = process_report(db, process)
    _delete(
        db,
        [delete(Process).where(Process.id == process.id)],
        event="delete",
        detail=_audit_detail(N_("Forløb %(id)s: %(report)s"), report, id=process.id),
        user=user,
        actor=actor,
        address=address,
    )
    return report


def delete_session(
    db: DbSession,
    session: WorkshopSession,
    *,
    user: User | None = None,
    actor: str = "",
    address: str = "",
) -> DeletionReport:
    refuse_live([session])
    report = session_report(db, session)
    _delete(
        db,
        [delete(WorkshopSession).where(WorkshopSession.id == session.id)],
        event="delete",
        detail=_audit_detail(N_("Session %(id)s: %(report)s"), report, id=session.id),
        user=user,
        actor=actor,
        address=address,
    )
    return report


def delete_participant_data(
    db: DbSession,
    session: WorkshopSession,
    *,
    user: User | None = None,
    actor: str = "",
    address: str = "",
) -> DeletionReport:
    """Participants, their contributions, the themes made of them and the flip-over photos go;
    the agenda stays."""
    refuse_live([session])
    report = participant_data_report(db, session)
    activity_ids = select(Activity.id).where(Activity.session_id == session.id)
    _delete(
        db,
        [
            delete(Participant).where(Participant.session_id == session.id),
            delete(Cluster).where(Cluster.activity_id.in_(activity_ids)),
            # flip-over photos may show the participants' handwriting or faces
            delete(FlipoverPhoto).where(FlipoverPhoto.activity_id.in_(activity_ids)),
        ],
        event="delete",
        detail=_audit_detail(
            N_("Deltagerdata i session %(id)s: %(report)s"), report, id=session.id
        ),
        user=user,
        actor=actor,
        address=address,
    )
    return report


# --- purge by age --------------------------------------------------------------------------


def _closed_before(
    closed_at: datetime | None, created_at: datetime, held: date | None, cutoff: datetime
) -> bool:
    """Sessions closed before closed_at existed count from their date or creation, whichever
    is later: a session cannot have closed before it was held."""
    if closed_at is not None:
        return closed_at < cutoff
    fallback = max(created_at, datetime.combine(held, time.min)) if held else created_at
    return fallback < cutoff


def _expired(db: DbSession, cutoff: datetime) -> tuple[list[int], list[int]]:
    rows = db.execute(
        select(
            WorkshopSession.id,
            WorkshopSession.closed_at,
            WorkshopSession.created_at,
            WorkshopSession.date,
        ).where(WorkshopSession.state == "closed")
    )
    session_ids = [
        row.id for row in rows if _closed_before(row.closed_at, row.created_at, row.date, cutoff)
    ]
    # A written consultation round is over at its deadline: the session storing its answers
    # (and with it the round, its bodies' links and e-mail addresses) expires from then.
    session_ids += db.scalars(
        select(ConsultationRound.session_id).where(ConsultationRound.deadline < cutoff)
    )
    others = select(WorkshopSession.id).where(
        WorkshopSession.process_id == Process.id, WorkshopSession.id.not_in(session_ids)
    )
    process_ids = list(
        db.scalars(select(Process.id).where(Process.created_at < cutoff, ~exists(others)))
    )
    return session_ids, process_ids


def purge_older_than(
    db: DbSession,
    cutoff: datetime,
    *,
    dry_run: bool = False,
    user: User | None = None,
    actor: str = "",
    address: str = "",
) -> DeletionReport:
    """Delete sessions closed before `cutoff` (naive UTC) and processes older than it that
    are left without sessions. `dry_run` only counts."""
    session_ids, process_ids = _expired(db, cutoff)
    report = _count(db, session_ids, processes=len(process_ids))
    if dry_run:
        return report
    forget_withdrawals(db)  # a withdrawn text outlives its "Fortryd" window nowhere
    _delete(
        db,
        [
            delete(WorkshopSession).where(WorkshopSession.id.in_(session_ids)),
            delete(Process).where(Process.id.in_(process_ids)),
        ],
        event="purge",
        detail=_audit_detail(
            N_("Afsluttet før %(date)s: %(report)s"), report, date=f"{cutoff:%Y-%m-%d}"
        ),
        user=user,
        actor=actor,
        address=address,
    )
    return report
