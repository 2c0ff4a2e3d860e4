"""Live results of an activity as plain data, for the console, projector, phones and export."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.activities.models import Activity
from facilitator.contributions.models import (
    STAKEHOLDER_GROUPS,
    UNKNOWN_GROUP_LABEL,
    Contribution,
    Endorsement,
    Participant,
)
from facilitator.sessions.models import WorkshopSession

# Breakdowns of fewer people than this are not shown: a lone mayor's vote stays private.
MIN_GROUP_SIZE = 3
SUPPRESSED_LABEL = "færre end 3"


def group_label(group: str | None) -> str:
    return STAKEHOLDER_GROUPS.get(group or "", UNKNOWN_GROUP_LABEL)


@dataclass
class SideCount:
    label: str
    description: str
    count: int = 0

    def share(self, total: int) -> float:
        return self.count / total if total else 0.0


@dataclass
class DilemmaResult:
    sides: list[SideCount]
    total: int
    # group label -> counts per side, or None when the group is too small to show
    by_group: dict[str, list[int] | None] = field(default_factory=dict)
    group_sizes: dict[str, int] = field(default_factory=dict)


def current_rows(db: Session, activity: Activity) -> list[tuple[Contribution, Participant]]:
    """Counted, visible rows of an activity with their authors, oldest first."""
    query = (select(Contribution, Participant)
             .join(Participant, Contribution.participant_id == Participant.id)
             .where(Contribution.activity_id == activity.id,
                    Contribution.superseded.is_(False), Contribution.hidden.is_(False))
             .order_by(Contribution.created_at, Contribution.id))
    return [(c, p) for c, p in db.execute(query)]


def dilemma_result(db: Session, activity: Activity) -> DilemmaResult:
    sides = [SideCount(s["label"], s.get("description", "")) for s in activity.sides]
    per_group: dict[str, list[int]] = defaultdict(lambda: [0] * len(sides))
    for contribution, participant in current_rows(db, activity):
        if contribution.side is not None and contribution.side < len(sides):
            sides[contribution.side].count += 1
            per_group[group_label(participant.group)][contribution.side] += 1
    sizes = {group: sum(counts) for group, counts in per_group.items()}
    by_group = {group: (counts if sizes[group] >= MIN_GROUP_SIZE else None)
                for group, counts in sorted(per_group.items())}
    return DilemmaResult(sides, sum(s.count for s in sides), by_group, sizes)


def topic_ranking(db: Session, activity: Activity) -> tuple[list[tuple[str, int]], int]:
    """Topics with vote counts, most votes first (ties keep agenda order), and voter count."""
    votes: Counter[int] = Counter()
    voters = 0
    for contribution, _ in current_rows(db, activity):
        voters += 1
        votes.update(contribution.choices or [])
    ranked = sorted(enumerate(activity.topics), key=lambda item: (-votes[item[0]], item[0]))
    return [(topic, votes[index]) for index, topic in ranked], voters


def endorsement_counts(db: Session, activity: Activity) -> dict[int, int]:
    query = (select(Endorsement.contribution_id, func.count(Endorsement.id))
             .join(Contribution, Contribution.id == Endorsement.contribution_id)
             .where(Contribution.activity_id == activity.id)
             .group_by(Endorsement.contribution_id))
    return {cid: n for cid, n in db.execute(query)}


def contribution_counts(db: Session, session: WorkshopSession) -> dict[int, int]:
    """Counted contributions per activity id (dilemma/topic votes: one per participant)."""
    query = (select(Contribution.activity_id, func.count(Contribution.id))
             .join(Activity, Activity.id == Contribution.activity_id)
             .where(Activity.session_id == session.id, Contribution.superseded.is_(False))
             .group_by(Contribution.activity_id))
    return {aid: n for aid, n in db.execute(query)}


def participants_by_group(db: Session, session: WorkshopSession) -> list[tuple[str, int]]:
    query = (select(Participant.group, func.count(Participant.id))
             .where(Participant.session_id == session.id).group_by(Participant.group))
    counts = Counter({group_label(g): n for g, n in db.execute(query)})
    order = [*STAKEHOLDER_GROUPS.values(), UNKNOWN_GROUP_LABEL]
    return [(label, counts[label]) for label in order if counts[label]]


def activity_results(db: Session, activity: Activity) -> dict[str, Any]:
    """Everything a results view shows for one activity, JSON-ready."""
    data: dict[str, Any] = {"activity_id": activity.id, "kind": activity.kind}
    if activity.kind == "dilemma":
        result = dilemma_result(db, activity)
        data["total"] = result.total
        data["sides"] = [{"label": s.label, "description": s.description, "count": s.count,
                          "share": round(s.share(result.total), 4)} for s in result.sides]
        data["by_group"] = [{"group": g, "counts": counts, "size": result.group_sizes[g]}
                            for g, counts in result.by_group.items()]
        labels = [side.label for side in result.sides]
        data["reasons"] = [{"id": c.id, "side": c.side, "side_label": labels[c.side],
                            "text": c.text, "group": group_label(p.group)}
                           for c, p in current_rows(db, activity)
                           if c.text and c.side is not None and c.side < len(labels)]
    elif activity.kind == "topic_vote":
        ranking, voters = topic_ranking(db, activity)
        data["voters"] = voters
        data["topics"] = [{"label": label, "votes": votes} for label, votes in ranking]
    else:
        endorsements = endorsement_counts(db, activity)
        data["contributions"] = [
            {"id": c.id, "text": c.text, "group": group_label(p.group),
             "endorsements": endorsements.get(c.id, 0)}
            for c, p in current_rows(db, activity)]
    return data
