"""Builds the report model from the database: the one place export reads SQL.

Counts follow the live results (hidden and superseded contributions left out); breakdowns of
groups with fewer than MIN_GROUP_SIZE people are suppressed so no single vote can be read off.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.activities.models import TEXT_KINDS, Activity
from facilitator.clustering import vectors
from facilitator.clustering.models import Cluster
from facilitator.contributions import results
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.results import MIN_GROUP_SIZE
from facilitator.export.report import (
    NOT_STATED,
    UNCLUSTERED_LABEL,
    ActivityReport,
    CountRow,
    DilemmaSideResult,
    GroupBreakdown,
    ProcessReport,
    ReportContribution,
    ReportTheme,
    SessionReport,
    TopicResult,
    group_label,
)
from facilitator.processes.models import Process
from facilitator.sessions.models import WorkshopSession

GROUP_ORDER = ["politiker", "embedsperson", "brugerorganisation", "andet", None]


DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def danish_time(moment: datetime) -> datetime:
    """Stored times are naive UTC; documents show Danish local time, as the reader lives it."""
    return moment.replace(tzinfo=UTC).astimezone(DANISH_TIME).replace(tzinfo=None)


def danish_now() -> datetime:
    return danish_time(datetime.now(UTC).replace(tzinfo=None))


def _suppressed(count: int) -> int | None:
    return count if count >= MIN_GROUP_SIZE else None


def _participants(db: Session, session: WorkshopSession) -> list[Participant]:
    return list(db.scalars(select(Participant).where(Participant.session_id == session.id)))


def _by_group(people: list[Participant]) -> tuple[CountRow, ...]:
    counts = Counter(p.group or None for p in people)
    return tuple(CountRow(group_label(g), _suppressed(counts[g])) for g in GROUP_ORDER if counts[g])


def _by_organisation(people: list[Participant]) -> tuple[CountRow, ...]:
    counts = Counter(p.organisation or NOT_STATED for p in people)
    return tuple(CountRow(org, _suppressed(n)) for org, n in sorted(counts.items()))


class _ActivityData:
    """Visible, counted rows of one activity with their authors, clusters and endorsements."""

    def __init__(self, db: Session, activity: Activity) -> None:
        self.activity = activity
        self.rows = results.current_rows(db, activity)
        self.endorsements = results.endorsement_counts(db, activity)
        self.clusters = list(db.scalars(select(Cluster).where(Cluster.activity_id == activity.id)
                                        .order_by(Cluster.position, Cluster.id)))
        self.centrality = vectors.centrality(db, activity.id)

    def contribution(self, row: Contribution, author: Participant) -> ReportContribution:
        side = None
        if row.side is not None and row.side < len(self.activity.sides):
            side = self.activity.sides[row.side]["label"]
        return ReportContribution(text=row.text, author_group=author.group,
                                  organisation=author.organisation or None,
                                  created_at=danish_time(row.created_at),
                                  endorsements=self.endorsements.get(row.id, 0), side=side)

    def themes(self, side: int | None = None) -> tuple[ReportTheme, ...]:
        """Curated clusters in their order; what is in none of them ends as "Øvrige bidrag"."""
        members: dict[int | None, list[ReportContribution]] = defaultdict(list)
        central = self.centrality
        # The most representative statement first (ties in the document keep this order).
        for row, author in sorted(self.rows, key=lambda pair: -central.get(pair[0].id, -2.0)):
            if not row.text or (side is not None and row.side != side):
                continue
            members[row.cluster_id].append(self.contribution(row, author))
        themes = [ReportTheme(c.label, tuple(members.pop(c.id)), c.pinned)
                  for c in self.clusters if (c.side == side or side is None) and c.id in members]
        leftovers = [item for items in members.values() for item in items]
        if leftovers:
            themes.append(ReportTheme(UNCLUSTERED_LABEL, tuple(leftovers)))
        return tuple(themes)


def _dilemma(data: _ActivityData, base: dict) -> ActivityReport:
    activity = data.activity
    counts = [0] * len(activity.sides)
    per_group: dict[str | None, list[int]] = defaultdict(lambda: [0] * len(activity.sides))
    for row, author in data.rows:
        if row.side is not None and row.side < len(counts):
            counts[row.side] += 1
            per_group[author.group or None][row.side] += 1
    total = sum(counts)
    sides = tuple(DilemmaSideResult(side["label"], side.get("description", ""), counts[i],
                                    counts[i] / total if total else 0.0, data.themes(side=i))
                  for i, side in enumerate(activity.sides))
    breakdown = []
    for group in GROUP_ORDER:
        if group not in per_group:
            continue
        size = sum(per_group[group])
        rows = tuple(CountRow(s["label"], n) for s, n in zip(activity.sides, per_group[group],
                                                             strict=True))
        breakdown.append(GroupBreakdown(group_label(group), size,
                                        rows if size >= MIN_GROUP_SIZE else None))
    return ActivityReport(**base, sides=sides, by_group=tuple(breakdown), voters=total)


def _topics(db: Session, activity: Activity, base: dict) -> ActivityReport:
    ranking, voters = results.topic_ranking(db, activity)
    topics = tuple(TopicResult(label, votes, rank) for rank, (label, votes)
                   in enumerate(ranking, start=1))
    return ActivityReport(**base, topics=topics, voters=voters)


def build_activity_report(db: Session, activity: Activity) -> ActivityReport:
    data = _ActivityData(db, activity)
    base = {"kind": activity.kind, "kind_label": activity.kind_label, "title": activity.title,
            "prompt": activity.prompt,
            "focus_area": activity.focus_area.name if activity.focus_area else None,
            "contribution_count": len(data.rows)}
    if activity.kind == "dilemma":
        return _dilemma(data, base)
    if activity.kind == "topic_vote":
        return _topics(db, activity, base)
    assert activity.kind in TEXT_KINDS
    return ActivityReport(**base, themes=data.themes())


def build_session_report(db: Session, session: WorkshopSession,
                         now: datetime | None = None) -> SessionReport:
    people = _participants(db, session)
    return SessionReport(
        process_title=session.process.title, title=session.title, kind=session.kind,
        kind_label=session.kind_label, date=session.date, venue=session.venue,
        description=session.description, participant_count=len(people),
        by_group=_by_group(people), by_organisation=_by_organisation(people),
        activities=tuple(build_activity_report(db, a) for a in session.activities),
        generated_at=now or danish_now())


def build_process_report(db: Session, process: Process,
                         now: datetime | None = None) -> ProcessReport:
    now = now or danish_now()
    return ProcessReport(title=process.title, description=process.description,
                         focus_areas=tuple(area.name for area in process.focus_areas),
                         sessions=tuple(build_session_report(db, s, now)
                                        for s in process.sessions),
                         generated_at=now)
