"""Headings the facilitator gives before or during a session (guided theming).

A given heading is a Cluster row that is pinned and edited from the start: regrouping never
removes or renames it, contributions are sorted into it, and its wording pulls later arrivals
toward it. Suggestions come from the process's focus areas and from the themes of the
process's other sessions, so a workshop can start from what the visionsdag found.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from facilitator.activities.models import Activity
from facilitator.clustering.models import Cluster
from facilitator.core import signals
from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.sessions.models import WorkshopSession

MAX_LABEL = 200
MAX_HEADINGS = 30


def parse_headings(text: str) -> list[str]:
    """One heading per line; blank lines and repeats (ignoring case) are dropped."""
    seen: set[str] = set()
    headings = []
    for line in text.splitlines():
        heading = " ".join(line.replace("\x00", "").split()).strip("•-* ")
        if heading and heading.lower() not in seen:
            seen.add(heading.lower())
            headings.append(heading)
    return headings


def add_headings(db: DbSession, activity: Activity, headings: Iterable[str]) -> list[Cluster]:
    """Add the facilitator's headings to an activity (each side of a dilemma); headings the
    activity already has are skipped. Returns the new rows."""
    wanted = parse_headings("\n".join(headings))
    if not wanted:
        raise ValidationError(_("Skriv mindst én overskrift (én pr. linje)."))
    if too_long := [h for h in wanted if len(h) > MAX_LABEL]:
        raise ValidationError(
            _(
                "En overskrift må højst være %(n)s tegn: »%(heading)s…«",
                n=MAX_LABEL,
                heading=too_long[0][:40],
            )
        )
    existing = list(db.scalars(select(Cluster).where(Cluster.activity_id == activity.id)))
    if len({c.label.lower() for c in existing} | {h.lower() for h in wanted}) > MAX_HEADINGS:
        raise ValidationError(_("En aktivitet kan højst have %(n)s temaer.", n=MAX_HEADINGS))
    sides: list[int | None] = (
        list(range(len(activity.sides))) if activity.kind == "dilemma" else [None]
    )
    added = []
    for side in sides:
        taken = {c.label.lower() for c in existing if c.side == side}
        given = sum(1 for c in existing if c.side == side and c.pinned)
        for heading in wanted:
            if heading.lower() in taken:
                continue
            for later in existing:
                if later.side == side and later.position >= given:
                    later.position += 1
            cluster = Cluster(
                activity_id=activity.id,
                side=side,
                label=heading,
                position=given,
                pinned=True,
                edited=True,
            )
            db.add(cluster)
            added.append(cluster)
            given += 1
    db.commit()
    signals.clusters_updated.send(activity, session_id=activity.session_id, activity_id=activity.id)
    return added


def heading_suggestions(db: DbSession, activity: Activity) -> dict[str, list[str]]:
    """Ready-made heading lists: {source name: headings}. The process's focus areas first,
    then each other session of the process with themes (newest first)."""
    session = db.get_one(WorkshopSession, activity.session_id)
    suggestions: dict[str, list[str]] = {}
    areas = [area.name for area in session.process.focus_areas]
    if areas:
        suggestions[_("Forløbets fokusområder")] = areas
    others = [s for s in session.process.sessions if s.id != session.id]
    for other in sorted(others, key=lambda s: (s.date is None, s.date), reverse=True):
        labels = db.scalars(
            select(Cluster.label)
            .join(Activity, Activity.id == Cluster.activity_id)
            .where(Activity.session_id == other.id)
            .order_by(Activity.position, Cluster.position, Cluster.id)
        )
        unique = parse_headings("\n".join(labels))
        if unique:
            suggestions[f"Temaer fra »{other.title}«"] = unique
    return suggestions
