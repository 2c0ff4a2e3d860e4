"""Live results of an activity as plain data, for the console, projector, phones and export."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import func, select, update

from facilitator.activities.models import Activity
from facilitator.contributions.models import (
    STAKEHOLDER_GROUPS,
    UNKNOWN_GROUP_LABEL,
    Contribution,
    Endorsement,
    Participant,
    is_person,
)
from facilitator.contributions.privacy import (
    OTHER_GROUPS_LABEL,
    Breakdown,
    Decision,
    count_rows,
)
from facilitator.contributions.screening import shows_text
from facilitator.core.db import DbSession, rowcount
from facilitator.live.protocol import Results, Statement, TableRef
from facilitator.sessions.models import WorkshopSession
from facilitator.wordcloud.words import MAX_FONT_PX, MIN_FONT_PX, cloud

GROUP_ORDER = [*STAKEHOLDER_GROUPS.values(), UNKNOWN_GROUP_LABEL]  # agenda order of groups


def group_label(group: str | None) -> str:
    return STAKEHOLDER_GROUPS.get(group or "", UNKNOWN_GROUP_LABEL)


def table_ref(participant: Participant) -> TableRef | None:
    """The table a scribe speaks for, or None for a person."""
    table = participant.scribe_table
    return {"number": table.number, "name": table.name} if table else None


def shown_label(participant: Participant, disclosable: Collection[str]) -> str:
    """The author's group on a row, or "" when facilitator.contributions.privacy withholds it."""
    label = group_label(participant.group)
    return label if label in disclosable else ""


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
    # counts per side for the groups contributions.privacy lets through, the rest added up
    groups: Breakdown[str] = field(default_factory=lambda: Breakdown({}, None))
    decision: Decision = field(default_factory=Decision)  # who may be tagged on a reason


def current_rows(
    db: DbSession,
    activity: Activity,
    ids: Collection[int] | None = None,
) -> list[tuple[Contribution, Participant]]:
    """Counted, visible rows of an activity with their authors, oldest first (only `ids`,
    when given: what changed since the last push)."""
    query = (
        select(Contribution, Participant)
        .join(Participant, Contribution.participant_id == Participant.id)
        .where(
            Contribution.activity_id == activity.id,
            Contribution.superseded.is_(False),
            Contribution.hidden.is_(False),
        )
        .order_by(Contribution.created_at, Contribution.id)
    )
    if ids is not None:
        query = query.where(Contribution.id.in_(ids))
    return [(c, p) for c, p in db.execute(query)]


def decision(activity: Activity) -> Decision:
    """What the activity has published by group so far (contributions.privacy.Decision)."""
    return Decision.loads(activity.privacy)


def _publish(db: DbSession, activity: Activity, moved: Decision) -> Decision:
    """Store the activity's decision after a published view. Compare-and-set on the stored
    text: two workers publishing at once keep one decision, and the loser's view is computed
    again from it (a view from a decision that was then dropped could be subtracted)."""
    old = activity.privacy
    if moved.dumps() == (old or Decision().dumps()):
        return moved
    done = db.execute(
        update(Activity)
        .where(Activity.id == activity.id, func.coalesce(Activity.privacy, "") == (old or ""))
        .values(privacy=moved.dumps())
        .execution_options(synchronize_session=False)
    )
    db.commit()
    db.refresh(activity)
    if rowcount(done) != 1:  # another view moved it first: that one holds
        raise _Moved
    return moved


class _Moved(Exception):
    """The stored decision changed under a view being published; compute the view again."""


def _published(
    db: DbSession, activity: Activity, step: Callable[[Decision], Decision], publish: bool
) -> Decision:
    """The decision a view may use: `step` moves it on when the view is published (the room
    sees it, or an export), read-only otherwise (the console before "Vis resultater")."""
    for _ in range(5):
        current = decision(activity)
        if not publish:
            return current
        try:
            return _publish(db, activity, step(current))
        except _Moved:
            continue
    return decision(activity)  # five moves in a row: show what is stored, move nothing


def moved_on(db: DbSession, activity: Activity, step: Callable[[Decision], Decision]) -> Decision:
    """The decision after a published view moved it on by `step` (stored compare-and-set, as
    every published view does): for views kept outside this module (tables.grouping)."""
    return _published(db, activity, step, True)


def dilemma_result(
    db: DbSession,
    activity: Activity,
    rows: list[tuple[Contribution, Participant]] | None = None,
    publish: bool | None = None,
) -> DilemmaResult:
    """Counts per side, and per group as the activity's privacy decision allows; `rows`
    (current_rows) when the caller has them already. `publish` (default: the room sees the
    results) lets this view move the decision on."""
    sides = [SideCount(s["label"], s.get("description", "")) for s in activity.sides]
    votes: dict[int, tuple[str, int]] = {}
    for contribution, participant in rows if rows is not None else current_rows(db, activity):
        if contribution.side is not None and contribution.side < len(sides):
            sides[contribution.side].count += 1
            votes[participant.id] = (group_label(participant.group), contribution.side)
    voters = {pid: group for pid, (group, _) in votes.items()}
    fixed = admitted(db, activity, voters, publish)
    view = fixed.breakdown(votes, len(sides), GROUP_ORDER)
    # Reasons are tagged only with the groups this view shows (privacy: homogeneity).
    return DilemmaResult(sides, sum(s.count for s in sides), view, fixed.as_shown(view))


def admitted(
    db: DbSession, activity: Activity, voters: Mapping[int, str], publish: bool | None = None
) -> Decision:
    """The activity's privacy decision after a view of `voters` (person -> group label):
    moved on when the view is published (`publish`, default: the room sees the results)."""
    publish = activity.results_visible if publish is None else publish
    return _published(db, activity, lambda d: d.admit(voters), publish)


def statement_labels(
    db: DbSession,
    activity: Activity,
    publish: bool | None = None,
) -> frozenset[str]:
    """The groups the activity's statements may carry, fixed at the first published view that
    has a statement (the room's sizes then decide; later joiners never add a group)."""
    publish = activity.results_visible if publish is None else publish
    if decision(activity).labels is None and publish and response_count(db, activity):
        sizes = group_sizes(db, activity.session_id)
        return _published(db, activity, lambda d: d.with_labels(sizes), True).labels or frozenset()
    return decision(activity).labels or frozenset()


def topic_ranking(db: DbSession, activity: Activity) -> tuple[list[tuple[str, int]], int]:
    """Topics with vote counts, most votes first (ties keep agenda order), and voter count."""
    votes: Counter[int] = Counter()
    voters = 0
    for contribution, _ in current_rows(db, activity):
        voters += 1
        votes.update(contribution.choices or [])
    ranked = sorted(enumerate(activity.topics), key=lambda item: (-votes[item[0]], item[0]))
    return [(topic, votes[index]) for index, topic in ranked], voters


def endorsement_counts(
    db: DbSession,
    activity: Activity,
    ids: Collection[int] | None = None,
) -> dict[int, int]:
    query = (
        select(Endorsement.contribution_id, func.count(Endorsement.id))
        .join(Contribution, Contribution.id == Endorsement.contribution_id)
        .where(Contribution.activity_id == activity.id)
        .group_by(Endorsement.contribution_id)
    )
    if ids is not None:
        query = query.where(Endorsement.contribution_id.in_(ids))
    return {cid: n for cid, n in db.execute(query)}


def contribution_counts(db: DbSession, session: WorkshopSession) -> dict[int, int]:
    """Counted contributions per activity id (dilemma/topic votes: one per participant)."""
    query = (
        select(Contribution.activity_id, func.count(Contribution.id))
        .join(Activity, Activity.id == Contribution.activity_id)
        .where(Activity.session_id == session.id, Contribution.superseded.is_(False))
        .group_by(Contribution.activity_id)
    )
    return {aid: n for aid, n in db.execute(query)}


def group_sizes(db: DbSession, session_id: int) -> dict[str, int]:
    """Participants per group label in agenda order (one grouped COUNT): what the privacy
    rule decides labels against. Never shown as such."""
    query = (
        select(Participant.group, func.count(Participant.id))
        .where(Participant.session_id == session_id, is_person())
        .group_by(Participant.group)
    )
    counts: Counter[str] = Counter()
    for group, n in db.execute(query):
        counts[group_label(group)] += n
    return {label: counts[label] for label in GROUP_ORDER if counts[label]}


def response_count(db: DbSession, activity: Activity) -> int:
    """How many have answered (one per participant for dilemmas and votes): shown while the
    results themselves are hidden. A count, not a breakdown."""
    if activity.is_vote:
        query = select(func.count(func.distinct(Contribution.participant_id)))
    else:
        query = select(func.count(Contribution.id))
    return (
        db.scalar(
            query.where(
                Contribution.activity_id == activity.id,
                Contribution.superseded.is_(False),
                Contribution.hidden.is_(False),
            )
        )
        or 0
    )


def participant_count(db: DbSession, session: WorkshopSession) -> int:
    """People who joined ("N deltagere"): a table's flip-over voice is none."""
    query = select(func.count(Participant.id)).where(
        Participant.session_id == session.id, is_person()
    )
    return db.scalar(query) or 0


def participants_by_group(db: DbSession, session: WorkshopSession) -> list[tuple[str, int]]:
    """ "Deltagere pr. gruppe" as contributions.privacy allows it: small groups only added up."""
    return count_rows(group_sizes(db, session.id), OTHER_GROUPS_LABEL)


# A stable key per group label: payloads go to readers in several languages, so clients name
# a row from their own string table by key; `group` (the Danish label) stays for the exports.
GROUP_KEYS = {
    **{label: key for key, label in STAKEHOLDER_GROUPS.items()},
    UNKNOWN_GROUP_LABEL: "_unknown",
    OTHER_GROUPS_LABEL: "_other",
}


def by_group_rows(groups: Breakdown[str]) -> list[dict[str, Any]]:
    """The dilemma table as JSON; the added-up rest is marked "others"."""
    return [
        {
            "group": g,
            "group_key": GROUP_KEYS.get(g, g),
            "counts": counts,
            "size": sum(counts),
            **({"others": True} if g not in groups.shown else {}),
        }
        for g, counts in groups.rows(OTHER_GROUPS_LABEL)
    ]


def activity_results(db: DbSession, activity: Activity) -> Results:
    """Everything a results view shows for one activity, JSON-ready (facilitator.live.protocol)."""
    data: dict[str, Any] = {"activity_id": activity.id, "kind": activity.kind}
    if activity.kind == "dilemma":
        rows = current_rows(db, activity)  # one read for the counts and the reasons
        result = dilemma_result(db, activity, rows)
        data["total"] = result.total
        data["sides"] = [
            {
                "label": s.label,
                "description": s.description,
                "count": s.count,
                "share": round(s.share(result.total), 4),
            }
            for s in result.sides
        ]
        data["by_group"] = by_group_rows(result.groups)
        labels = [side.label for side in result.sides]
        # A reason is a vote: tagged only when its author is counted in a row of the breakdown.
        data["reasons"] = [
            {
                "id": c.id,
                "side": c.side,
                "side_label": labels[c.side],
                "text": c.text,
                "group": group_label(p.group)
                if result.decision.tagged(p.id, group_label(p.group))
                else "",
                "highlighted": c.highlighted,
            }
            for c, p in rows
            if shows_text(c) and c.side is not None and c.side < len(labels)
        ]
    elif activity.kind == "topic_vote":
        ranking, voters = topic_ranking(db, activity)
        data["voters"] = voters
        data["topics"] = [{"label": label, "votes": votes} for label, votes in ranking]
    elif activity.kind == "wordcloud":
        data.update(word_results(db, activity))
    else:
        data["contributions"] = statements(db, activity)
    return cast(Results, data)  # built key by key: tests/unit/test_wire.py checks the type


def word_results(db: DbSession, activity: Activity) -> dict[str, Any]:
    """A check-in's cloud: how many answered, their most written words with counts (never by
    group: that is the documents', through contributions.privacy) and the sizes to draw."""
    counted = cloud([c.text for c, _ in current_rows(db, activity)], activity.hidden_words)
    return {
        "voters": counted.respondents,
        "words": [{"text": w.text, "count": w.count} for w in counted.words],
        "more": counted.distinct - len(counted.words),
        "font_px": [MIN_FONT_PX, MAX_FONT_PX],
    }


def statements(
    db: DbSession,
    activity: Activity,
    ids: Collection[int] | None = None,
) -> list[Statement]:
    """A text activity's visible statements (only `ids`, when given), oldest first, each with
    its endorsement count and its author's group where contributions.privacy allows it."""
    endorsements = endorsement_counts(db, activity, ids)
    labelled = statement_labels(db, activity)
    return [
        {
            "id": c.id,
            "text": c.text,
            "group": "" if p.scribe_table_id else shown_label(p, labelled),
            "table": table_ref(p),
            "endorsements": endorsements.get(c.id, 0),
            "highlighted": c.highlighted,
        }
        for c, p in current_rows(db, activity, ids)
    ]
