"""Builds the status report (seed 003) from a process's tracked initiatives."""

from __future__ import annotations

from datetime import date, datetime

from facilitator.core.clock import danish_time
from facilitator.export.status_report import StatusGroup, StatusReport, StatusRow
from facilitator.followup.models import TrackedInitiative
from facilitator.followup.services import (
    DEFAULT_FORUM,
    grouped,
    initiative_handling,
    latest_change,
)
from facilitator.processes.models import Process


def _row(initiative: TrackedInitiative) -> StatusRow:
    change = latest_change(initiative)
    return StatusRow(
        initiative=initiative.title,
        status=initiative.status,
        carried_by=initiative.carried_by,
        expected=initiative_handling(initiative),
        changed_at=danish_time(change.changed_at).replace(microsecond=0) if change else None,
    )


def build_status_report(
    process: Process, *, now: datetime, meeting_on: date | None = None
) -> StatusReport:
    """Headings are written in the current language (the document's): call inside
    use_locale."""
    groups = tuple(
        StatusGroup(heading, tuple(_row(i) for i in rows)) for heading, rows in grouped(process)
    )
    return StatusReport(
        process_title=process.title,
        groups=groups,
        generated_at=now,
        forum=DEFAULT_FORUM,
        meeting_on=meeting_on,
    )
