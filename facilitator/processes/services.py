"""Processes (forløb), their focus areas and the organisations taking part."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from facilitator.accounts.models import User
from facilitator.core.db import DbSession
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.processes.models import FocusArea, Process

# The parties to Nordjysk Socialaftale: the 11 North Jutland municipalities and the region.
DEFAULT_ORGANISATIONS: tuple[str, ...] = (
    "Brønderslev Kommune",
    "Frederikshavn Kommune",
    "Hjørring Kommune",
    "Jammerbugt Kommune",
    "Læsø Kommune",
    "Mariagerfjord Kommune",
    "Morsø Kommune",
    "Rebild Kommune",
    "Thisted Kommune",
    "Vesthimmerlands Kommune",
    "Aalborg Kommune",
    "Region Nordjylland",
)


def clean_lines(lines: Sequence[str]) -> list[str]:
    """Trimmed, non-empty, de-duplicated lines in their original order."""
    seen: dict[str, None] = {}
    for line in lines:
        line = " ".join(line.split())
        if line:
            seen.setdefault(line, None)
    return list(seen)


def _require_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError(_("Giv forløbet en titel."))
    return title


def create_process(
    db: DbSession,
    owner: User,
    title: str,
    *,
    description: str = "",
    focus_areas: Sequence[str] = (),
    organisations: Sequence[str] | None = None,
) -> Process:
    process = Process(
        owner_id=owner.id,
        title=_require_title(title),
        description=description.strip(),
        organisations=clean_lines(
            organisations if organisations is not None else DEFAULT_ORGANISATIONS
        ),
    )
    process.focus_areas = [
        FocusArea(name=name, position=i) for i, name in enumerate(clean_lines(focus_areas))
    ]
    db.add(process)
    db.commit()
    return process


def update_process(
    db: DbSession,
    process: Process,
    *,
    title: str,
    description: str,
    focus_areas: Sequence[str],
    organisations: Sequence[str],
) -> Process:
    process.title = _require_title(title)
    process.description = description.strip()
    process.organisations = clean_lines(organisations)
    wanted = clean_lines(focus_areas)
    existing = {area.name: area for area in process.focus_areas}
    # Keep rows of unchanged names so activities stay linked to their focus area.
    process.focus_areas = [existing.get(name) or FocusArea(name=name) for name in wanted]
    for position, area in enumerate(process.focus_areas):
        area.position = position
    db.commit()
    return process


def processes_for(db: DbSession, user: User) -> list[Process]:
    query = select(Process).order_by(Process.created_at.desc())
    if not user.is_admin:
        query = query.where(Process.owner_id == user.id)
    return list(db.scalars(query))


def get_process_for(db: DbSession, user: User, process_id: int) -> Process:
    process = db.get(Process, process_id)
    # Someone else's process answers as a missing one: ids cannot be told apart (enumerated).
    if process is None or not (user.is_admin or process.owner_id == user.id):
        raise NotFound(_("Forløbet findes ikke."))
    return process
