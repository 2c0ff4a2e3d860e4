"""Initiative follow-up (seed 003): the secretariat picks initiatives from a session's output
(or types them), then keeps their status and stage, who carries them and when DAS expects to
handle them.

Every status change is kept as history with its date and author; saving the same status again
adds nothing, so the history shows real changes only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from facilitator.accounts.models import User
from facilitator.activities.models import Activity
from facilitator.contributions.models import Contribution
from facilitator.core.db import DbSession, utcnow
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text
from facilitator.core.wording import da_planned
from facilitator.followup.models import StatusChange, TrackedInitiative
from facilitator.processes import services as processes
from facilitator.processes.models import DATE_PRECISIONS, Process, planned_day
from facilitator.sessions.models import WorkshopSession

TITLE_MAX = 1000  # seed 003's longest "Initiativ" is about 150 characters
STATUS_MAX = 3000  # a status is a few sentences in a table cell, not a report
CARRIED_BY_MAX = 200  # the column's length: "Arbejdsgruppen", "FU", "Handicapchefkredsen"
FORUM_MAX = 200
DEFAULT_FORUM = "DAS"  # the forum seed 003 reports to
TITLE_TOO_LONG = N_("Initiativet må højst være %(max)s tegn (nu %(count)s).")
STATUS_TOO_LONG = N_("Status må højst være %(max)s tegn (nu %(count)s).")
CARRIED_BY_TOO_LONG = N_("Ansvarlig må højst være %(max)s tegn (nu %(count)s).")
FORUM_TOO_LONG = N_("Forum må højst være %(max)s tegn (nu %(count)s).")
# Where an initiative stands; "done" is what the report calls "Behandlet" instead of "Forventet".
STAGES = {
    "planned": N_("Planlagt"),
    "ongoing": N_("I gang"),
    "done": N_("Afsluttet"),
    "waiting": N_("Afventer"),
}
DEFAULT_STAGE = "planned"


@dataclass(frozen=True)
class InitiativeFields:
    """What the secretariat types about an initiative (the status has its own history)."""

    title: str
    focus_area_id: int | None = None
    carried_by: str = ""
    expected_forum: str = DEFAULT_FORUM
    expected_on: date | None = None
    expected_precision: str = "month"


@dataclass(frozen=True)
class Candidate:
    """A contribution to an initiative activity that could become a tracked initiative."""

    contribution: Contribution
    activity: Activity
    session: WorkshopSession
    tracked: bool


# --- wording -----------------------------------------------------------------------------------


def expected_handling(forum: str, on: date | None, precision: str) -> str:
    """Seed 003's "Forventet DAS behandling": "DAS, oktober 2022", "DAS, 12. oktober 2022",
    only the forum, only the date, or "" when nothing is planned yet."""
    when = "" if on is None else da_planned(on, precision)
    return ", ".join(part for part in (forum, when) if part)


def initiative_handling(initiative: TrackedInitiative) -> str:
    return expected_handling(
        initiative.expected_forum, initiative.expected_on, initiative.expected_precision
    )


def stage_label(stage: str) -> str:
    """ "I gang": the stage in the reader's language."""
    return _(STAGES.get(stage, STAGES[DEFAULT_STAGE]))


def title_from(text: str) -> str:
    """An initiative's title from a proposal's sentence: one line, without the sentence's
    closing full stop (seed 003 names initiatives, it does not quote sentences)."""
    title = " ".join(text.split())
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title


def latest_change(initiative: TrackedInitiative) -> StatusChange | None:
    return initiative.history[-1] if initiative.history else None


def actor_name(user: User) -> str:
    """Who changed a status, as the history shows it."""
    return user.name or user.email


# --- reading -----------------------------------------------------------------------------------


def get_initiative_for(db: DbSession, user: User, initiative_id: int) -> TrackedInitiative:
    """The initiative, if `user` may see its process (owner or administrator)."""
    initiative = db.get(TrackedInitiative, initiative_id)
    try:  # another's initiative answers as a missing one (no enumeration)
        processes.get_process_for(db, user, initiative.process_id if initiative else 0)
    except NotFound:
        raise NotFound(_("Initiativet findes ikke.")) from None
    assert initiative is not None  # get_process_for(0) raised NotFound above
    return initiative


def candidates(db: DbSession, process: Process) -> list[Candidate]:
    """The input to the process's initiative activities, highlighted first (the secretariat's
    choice for the document), then in the order of sessions, agenda and arrival."""
    rows = db.execute(
        select(Contribution, Activity, WorkshopSession)
        .join(Activity, Contribution.activity_id == Activity.id)
        .join(WorkshopSession, Activity.session_id == WorkshopSession.id)
        .where(
            WorkshopSession.process_id == process.id,
            Activity.kind == "initiative",
            Contribution.hidden.is_(False),
            Contribution.superseded.is_(False),
            Contribution.text != "",
        )
    ).all()
    tracked = {i.source_contribution_id for i in process.tracked_initiatives}
    found = [Candidate(c, a, s, c.id in tracked) for c, a, s in rows]
    found.sort(
        key=lambda x: (
            not x.contribution.highlighted,
            x.session.date or date.max,
            x.session.id,
            x.activity.position,
            x.contribution.created_at,
            x.contribution.id,
        )
    )
    return found


# --- changes -----------------------------------------------------------------------------------


def _text(value: str, limit: int, too_long: str) -> str:
    value = clean_text(value or "")
    if len(value) > limit:
        raise ValidationError(_(too_long, max=limit, count=len(value)))
    return value


def _line(value: str, limit: int, too_long: str) -> str:
    return " ".join(_text(value, limit, too_long).split())


def _checked(process: Process, fields: InitiativeFields) -> dict[str, object]:
    """The fields, cleaned, or a ValidationError in the reader's language."""
    title = _line(fields.title, TITLE_MAX, TITLE_TOO_LONG)
    if not title:
        raise ValidationError(_("Skriv initiativet, fx »Pjece om beskæftigelse«."))
    if fields.focus_area_id is not None and fields.focus_area_id not in {
        area.id for area in process.focus_areas
    }:
        raise ValidationError(_("Fokusområdet hører ikke til dette forløb."))
    if fields.expected_precision not in DATE_PRECISIONS:
        raise ValidationError(
            _("Vælg, om den forventede behandling er en dato eller kun en måned.")
        )
    on = fields.expected_on
    if on is not None:
        on = planned_day(on, fields.expected_precision)
    return {
        "title": title,
        "focus_area_id": fields.focus_area_id,
        "carried_by": _line(fields.carried_by, CARRIED_BY_MAX, CARRIED_BY_TOO_LONG),
        "expected_forum": _line(fields.expected_forum, FORUM_MAX, FORUM_TOO_LONG),
        "expected_on": on,
        "expected_precision": fields.expected_precision,
    }


def _status(status: str) -> str:
    return _text(status, STATUS_MAX, STATUS_TOO_LONG)


def _stage(stage: str) -> str:
    if stage not in STAGES:
        raise ValidationError(_("Vælg et stade: planlagt, i gang, afsluttet eller afventer."))
    return stage


def _next_position(process: Process) -> int:
    return 1 + max((i.position for i in process.tracked_initiatives), default=-1)


def add_initiative(
    db: DbSession,
    process: Process,
    fields: InitiativeFields,
    *,
    status: str = "",
    stage: str = DEFAULT_STAGE,
    by: str = "",
    source: Contribution | None = None,
) -> TrackedInitiative:
    """A new tracked initiative (typed, or from `source`), last in the list."""
    checked = _checked(process, fields)
    status = _status(status)
    initiative = TrackedInitiative(**checked, stage=_stage(stage), position=_next_position(process))
    if source is not None:
        initiative.source_contribution_id = source.id
        initiative.source_session_id = source.activity.session_id
    process.tracked_initiatives.append(initiative)
    _record_status(initiative, status, by)
    db.commit()
    return initiative


def track_contributions(
    db: DbSession, process: Process, contribution_ids: Iterable[int], *, by: str = ""
) -> list[TrackedInitiative]:
    """Each chosen contribution becomes an initiative under its activity's focus area. All or
    nothing: one wrong id (another process, tracked already) saves none of them."""
    ids = list(dict.fromkeys(contribution_ids))
    if not ids:
        raise ValidationError(_("Vælg mindst ét initiativ."))
    offered = {c.contribution.id: c for c in candidates(db, process)}
    chosen: list[tuple[Candidate, str]] = []
    for contribution_id in ids:  # everything is checked before anything is added
        candidate = offered.get(contribution_id)
        if candidate is None:
            raise ValidationError(_("Bidraget er ikke et initiativforslag fra dette forløb."))
        if candidate.tracked:
            raise ValidationError(
                _("»%(title)s« følges allerede.", title=_short(candidate.contribution.text))
            )
        title = title_from(_line(candidate.contribution.text, TITLE_MAX, TITLE_TOO_LONG))
        chosen.append((candidate, title))
    position = _next_position(process)
    created = []
    for offset, (candidate, title) in enumerate(chosen):
        initiative = TrackedInitiative(
            title=title,
            focus_area_id=candidate.activity.focus_area_id,
            expected_forum=DEFAULT_FORUM,
            stage=DEFAULT_STAGE,
            source_contribution_id=candidate.contribution.id,
            source_session_id=candidate.session.id,
            position=position + offset,
        )
        process.tracked_initiatives.append(initiative)
        created.append(initiative)
    db.commit()
    return created


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def update_initiative(
    db: DbSession, initiative: TrackedInitiative, fields: InitiativeFields
) -> TrackedInitiative:
    for name, value in _checked(initiative.process, fields).items():
        setattr(initiative, name, value)
    db.commit()
    return initiative


def _record_status(
    initiative: TrackedInitiative, status: str, by: str, at: datetime | None = None
) -> bool:
    if status == (initiative.status or ""):
        return False
    initiative.status = status
    initiative.history.append(
        StatusChange(status=status, changed_at=at or utcnow(), changed_by=by[:200])
    )
    return True


def change_status(
    db: DbSession,
    initiative: TrackedInitiative,
    status: str,
    *,
    by: str,
    stage: str | None = None,
    at: datetime | None = None,
) -> bool:
    """The new status (kept in the history with when and who) and, if given, the new stage.
    False: neither changed."""
    status = _status(status)
    stage = initiative.stage if stage is None else _stage(stage)
    changed = _record_status(initiative, status, by, at)
    if stage != initiative.stage:
        initiative.stage = stage
        changed = True
    if changed:
        db.commit()
    return changed


def group_of(initiative: TrackedInitiative) -> list[TrackedInitiative]:
    """The initiatives shown in the same table (same focus area), in order."""
    return [
        i
        for i in initiative.process.tracked_initiatives
        if i.focus_area_id == initiative.focus_area_id
    ]


def move_initiative(db: DbSession, initiative: TrackedInitiative, step: int) -> None:
    """One place up (-1) or down (+1) within its focus area's table; at an end, nothing."""
    group = sorted(group_of(initiative), key=lambda i: (i.position, i.id))
    index = group.index(initiative)
    other = index + step
    if step not in (-1, 1) or not 0 <= other < len(group):
        return
    neighbour = group[other]
    # Positions may repeat (older rows); renumber the whole process before swapping.
    for number, row in enumerate(
        sorted(initiative.process.tracked_initiatives, key=lambda i: (i.position, i.id))
    ):
        row.position = number
    initiative.position, neighbour.position = neighbour.position, initiative.position
    db.commit()


def delete_initiative(db: DbSession, initiative: TrackedInitiative) -> None:
    initiative.process.tracked_initiatives.remove(initiative)  # delete-orphan: the row goes
    db.commit()


def grouped(process: Process) -> list[tuple[str, list[TrackedInitiative]]]:
    """Seed 003's tables: the initiatives without a focus area first (the vision's), then one
    table per focus area in the process's order; empty tables are left out."""
    groups: list[tuple[str, list[TrackedInitiative]]] = []
    rows = sorted(process.tracked_initiatives, key=lambda i: (i.position, i.id))
    common = [i for i in rows if i.focus_area_id is None]
    if common:
        groups.append((_("Tværgående initiativer"), common))
    for area in process.focus_areas:
        mine = [i for i in rows if i.focus_area_id == area.id]
        if mine:
            groups.append((area.name, mine))
    return groups


def overview(process: Process) -> list[tuple[str, int]]:
    """How many initiatives each of the status tables holds."""
    return [(label, len(rows)) for label, rows in grouped(process)]


def stage_counts(process: Process) -> list[tuple[str, int]]:
    """How many initiatives stand at each stage, in STAGES' order, stages nobody is at left
    out (the statuses themselves are free text: counting them would say nothing)."""
    counts = {stage: 0 for stage in STAGES}
    for initiative in process.tracked_initiatives:
        counts[initiative.stage if initiative.stage in counts else DEFAULT_STAGE] += 1
    return [(stage_label(stage), n) for stage, n in counts.items() if n]


def last_changed(process: Process) -> datetime | None:
    """When any status was last written (naive UTC), or None."""
    return max(
        (
            change.changed_at
            for initiative in process.tracked_initiatives
            for change in initiative.history
        ),
        default=None,
    )
