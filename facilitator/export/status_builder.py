"""Builds the status report (seed 003) from a process's tracked initiatives, its saved overview
("Overordnet samarbejde", the meeting) and its plan (the next meeting when none is given)."""

from __future__ import annotations

from datetime import date, datetime

from facilitator.core.clock import danish_time
from facilitator.core.i18n import gettext as _
from facilitator.export.status_report import StatusGroup, StatusReport, StatusRow
from facilitator.followup.models import TrackedInitiative
from facilitator.followup.overview import overview_of, report_meeting
from facilitator.followup.services import DEFAULT_FORUM, grouped, latest_change, stage_label
from facilitator.processes.models import Process


def _row(initiative: TrackedInitiative) -> StatusRow:
    change = latest_change(initiative)
    return StatusRow(
        initiative=initiative.title,
        status=initiative.status,
        carried_by=initiative.carried_by,
        forum=initiative.expected_forum,
        expected_on=initiative.expected_on,
        expected_precision=initiative.expected_precision,
        # Shared documents say the minute at most (issue 23).
        changed_at=(
            danish_time(change.changed_at).replace(second=0, microsecond=0) if change else None
        ),
        stage=initiative.stage,
        stage_label=stage_label(initiative.stage),
    )


def _heading(process: Process, label: str, rows: list[TrackedInitiative]) -> str:
    """Seed 003's "Fokusområde 1: Socialfagligt fokus på beskæftigelse" (numbered in the
    process's order); the initiatives across focus areas keep their own label."""
    area = rows[0].focus_area
    if area is None or area not in process.focus_areas:
        return label
    if area.name.casefold().startswith(_("Fokusområde").casefold()):
        return area.name  # already says what it is
    number = process.focus_areas.index(area) + 1
    return _("Fokusområde %(number)s: %(name)s", number=number, name=area.name)


def build_status_report(
    process: Process, *, now: datetime, meeting_on: date | None = None
) -> StatusReport:
    """Headings are written in the current language (the document's): call inside
    use_locale. The meeting is `meeting_on`, else the saved one, else the plan's next."""
    groups = tuple(
        StatusGroup(_heading(process, label, rows), tuple(_row(i) for i in rows), label)
        for label, rows in grouped(process)
    )
    meeting = report_meeting(process, DEFAULT_FORUM, given=meeting_on, today=now.date())
    saved = overview_of(process)
    return StatusReport(
        process_title=process.title,
        groups=groups,
        generated_at=now,
        forum=DEFAULT_FORUM,
        meeting_on=meeting.on if meeting else None,
        meeting_precision=meeting.precision if meeting else "day",
        overall=saved.overall if saved else "",
    )
