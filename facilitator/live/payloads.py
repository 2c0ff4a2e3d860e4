"""JSON shapes sent to browsers over Socket.IO (documented in docs/realtime.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

from sqlalchemy import func, select

from facilitator.activities import timer as timers
from facilitator.activities.models import Activity
from facilitator.contributions import results
from facilitator.contributions import services as contributions
from facilitator.contributions.models import Contribution, Endorsement, Participant
from facilitator.core.db import DbSession, utcnow
from facilitator.core.text import same_words
from facilitator.live.protocol import (
    ActivityPayload,
    ClusterMember,
    ClusterView,
    ContributionPayload,
    OwnContribution,
    PhoneSnapshot,
    ScreenResults,
    ScreenSnapshot,
    ScreenWall,
    SideSetting,
    Statement,
    TextResults,
    TimerPayload,
    WallCluster,
    WallDensity,
    WallMember,
    WallStatement,
    WallTextResults,
    WallView,
)
from facilitator.parking.board import screen_board
from facilitator.sessions.models import WorkshopSession
from facilitator.wordcloud.words import MAX_WORD_CHARS, MAX_WORDS


def activity_payload(
    db: DbSession, activity: Activity | None, max_chars: int, phones: bool = False
) -> ActivityPayload | None:
    """What a phone (`phones`) or projector needs to render an activity; results only while
    visible to that audience (Activity.results_visible / results_on_phones): before that only
    how many have answered. Words are the client's: `kind` is a key, each reader names it in
    their own language."""
    if activity is None:
        return None
    visible = activity.results_on_phones if phones else activity.results_visible
    payload: ActivityPayload = {
        "id": activity.id,
        "kind": activity.kind,
        "vote": activity.is_vote,
        "title": activity.title,
        "prompt": activity.prompt,
        "state": activity.state,
        "focus_area": activity.focus_area.name if activity.focus_area else None,
        "sides": [side_setting(side) for side in activity.sides],
        "topics": activity.topics,
        "max_choices": activity.max_choices,
        "reason_required": activity.reason_required,
        "max_chars": max_chars,
        "max_words": MAX_WORDS,
        "max_word_chars": MAX_WORD_CHARS,
        "results_revealed": activity.results_revealed,
        "results_live": activity.results_live,
        "results_visible": visible,
        "endorsements": activity.endorsements_enabled,
        "results": results.activity_results(db, activity) if visible else None,
        "responses": None if visible else results.response_count(db, activity),
        "timer": timer_payload(activity),
    }
    return payload


def epoch_ms(moment: datetime) -> int:
    """A stored moment (naive UTC) as JavaScript counts time: milliseconds since the epoch."""
    return round(moment.replace(tzinfo=UTC).timestamp() * 1000)


def timer_payload(activity: Activity | None, now: datetime | None = None) -> TimerPayload | None:
    """The activity's countdown for every client: its end time (or the seconds left while
    paused) and the server's clock, so a phone whose clock is off still shows the room's time."""
    now = now or utcnow()
    timer = timers.timer_of(activity, now) if activity is not None else None
    if timer is None:
        return None
    return {
        "state": timer.status,
        "ends_at": epoch_ms(timer.ends_at) if timer.ends_at is not None else None,
        "remaining": timer.seconds_left,
        "closes_at_zero": timer.closes_at_zero,
        "now": epoch_ms(now),
    }


def side_setting(side: dict[str, str]) -> SideSetting:
    """A dilemma side as stored (a label, perhaps a description) as the clients read it."""
    return {"label": side.get("label", ""), "description": side.get("description", "")}


def contribution_payload(contribution: Contribution) -> ContributionPayload:
    """One contribution as it goes live and back to its phone. No group: a lone politician's
    statement must not arrive tagged "Politiker"; labelled lists come from
    results.activity_results, where facilitator.contributions.privacy decides."""
    return {
        "id": contribution.id,
        "activity_id": contribution.activity_id,
        "client_id": contribution.client_id,
        "text": contribution.text,
        "side": contribution.side,
        "choices": contribution.choices,
        "hidden": contribution.hidden,
        "highlighted": contribution.highlighted,
        "held": contribution.held,
        "table": results.table_ref(contribution.participant),
    }


def own_contribution_payload(
    contribution: Contribution, endorsements: int | None = None
) -> OwnContribution:
    """One of the phone's own contributions, with its "Enig" count: "Ret" warns that a new
    text clears them. `endorsements`: counted already (own_contributions), else counted here."""
    count = len(contribution.endorsements) if endorsements is None else endorsements
    return {**contribution_payload(contribution), "endorsements": count}


def own_contributions(
    db: DbSession, participant: Participant, activity: Activity
) -> list[OwnContribution]:
    rows = list(
        db.scalars(
            select(Contribution)
            .where(
                Contribution.participant_id == participant.id,
                Contribution.activity_id == activity.id,
                Contribution.superseded.is_(False),
            )
            .order_by(Contribution.id)
        )
    )
    counts: dict[int, int] = (
        {
            contribution_id: count
            for contribution_id, count in db.execute(
                select(Endorsement.contribution_id, func.count(Endorsement.id))
                .where(Endorsement.contribution_id.in_([row.id for row in rows]))
                .group_by(Endorsement.contribution_id)
            )
        }
        if rows
        else {}
    )
    return [own_contribution_payload(row, counts.get(row.id, 0)) for row in rows]


def endorsed(db: DbSession, participant: Participant, activity: Activity | None) -> list[int]:
    """The statements this phone said "Enig" to: its own state, never in a room broadcast."""
    if activity is None or not activity.endorsements_enabled:
        return []
    return sorted(contributions.endorsed_ids(db, participant, activity))


def phone_snapshot(
    db: DbSession, session: WorkshopSession, participant: Participant, max_chars: int
) -> PhoneSnapshot:
    activity = session.open_activity
    return {
        "session": {
            "id": session.id,
            "title": session.title,
            "state": session.state,
            "next_steps": session.next_steps or "",
        },  # shown once closed
        "activity": activity_payload(db, activity, max_chars, phones=True),
        "own": own_contributions(db, participant, activity) if activity else [],
        "endorsed": endorsed(db, participant, activity),
    }


def screen_clusters(db: DbSession, activity: Activity | None) -> WallView | None:
    """The themes of the open activity, once the facilitator has grouped it."""
    from facilitator.clustering.store import has_clusters
    from facilitator.clustering.theme_view import cluster_view

    if activity is None or not has_clusters(db, activity):
        return None
    return screen_clusters_payload(cluster_view(db, activity), activity)


def screen_clusters_payload(view: ClusterView, activity: Activity) -> WallView:
    """What the projector renders of a ClusterView: the snapshot's `clusters` and the
    `clusters:updated` event to the screen room are this one shape (the console gets the whole
    view). A dilemma's wall is its bars and groups; the themes of its reasons go beneath, as
    headings."""
    return wall_view(view, compact=activity.kind == "dilemma")


# The wall pages through every theme by itself (static/js/screen.js measures the pages), so
# the server sends every theme, each with its most representative statements (cluster_view
# orders them so) and its total count: a bounded payload even at 2,000 contributions.
WALL_EXAMPLES = 5  # statements under a theme's heading; the badge counts them all
WALL_NEW = 40  # "Nye bidrag": the newest that arrived after grouping, paged like the rest


def wall_view(view: ClusterView, *, compact: bool = False) -> WallView:
    """`cluster_view` as the projector pages through it, with the counts of what it leaves out.
    `compact`: headings only (beneath a dilemma's bars)."""
    examples = 0 if compact else WALL_EXAMPLES
    themes: list[WallCluster] = []
    for cluster in view["clusters"]:
        shown = cluster["members"][:examples]
        themes.append(
            {
                **cluster,
                "members": wall_members(shown),
                "more": max(cluster["count"] - sum(m["count"] for m in shown), 0)
                if examples
                else 0,
            }
        )
    loose = sorted(view.get("unclustered", []), key=lambda m: -max(m["ids"]))
    loose_total = sum(m["count"] for m in loose)
    fresh = loose[:WALL_NEW]
    return {
        "activity_id": view["activity_id"],
        "density": "headings" if compact else wall_density(len(themes)),
        "clusters": themes,
        "more_themes": 0,
        "unclustered": wall_members(fresh),
        "more_unclustered": loose_total - sum(m["count"] for m in fresh),
    }


def wall_density(themes: int) -> WallDensity:
    """How wide the theme cards are on a page: two columns for a few, three beyond."""
    if themes <= 4:
        return "few"
    return "many" if themes <= 6 else "crowded"


def wall_statements(rows: list[Statement]) -> list[WallStatement]:
    """A text wall's statements with the key that makes near-duplicates one item ("×2"): the
    export's rule (report.same_words), so wall and document count the same sentences alike."""
    return [{**row, "same": same_words(row["text"])} for row in rows]


def wall_members(members: list[ClusterMember]) -> list[WallMember]:
    """Theme members and "Nye bidrag" with the same key as wall_statements: a duplicate
    arriving later joins its item ("×2") on the wall without a round trip."""
    return [{**m, "same": same_words(m["text"])} for m in members]


def screen_results(db: DbSession, activity: Activity) -> ScreenResults:
    """The tallies as the projector gets them: a text wall's statements carry their `same`."""
    data = results.activity_results(db, activity)
    if "contributions" in data:
        text = cast(TextResults, data)  # mypy does not narrow a TypedDict union by its keys
        wall: WallTextResults = {
            "activity_id": text["activity_id"],
            "kind": text["kind"],
            "contributions": wall_statements(text["contributions"]),
        }
        return wall
    return data


def screen_wall(db: DbSession, activity: Activity | None) -> ScreenWall:
    """What the projector's wall draws for `activity`: its tallies or statements and its
    themes, only once the room may see them (results_live or revealed). The snapshot and the
    screen's `activity:changed` carry it alike, so the projector needs no `state:get` after a
    change."""
    visible = activity is not None and activity.results_visible
    return {
        "results": screen_results(db, activity) if activity and visible else None,
        "clusters": screen_clusters(db, activity) if activity and visible else None,
    }


def screen_snapshot(db: DbSession, session: WorkshopSession) -> ScreenSnapshot:
    """The projector's state. A closed session's is its closing screen only (title, next
    steps): a secret link must not show the contributions once the day is over. A draft's
    has no join code: nobody should scan a session that has not started."""
    closed = session.state == "closed"
    activity = None if closed else session.open_activity
    return {
        "session": {
            "id": session.id,
            "title": session.title,
            "state": session.state,
            "kind": session.kind,
            "kind_label": session.kind_label,
            "join_code": (session.join_code or "") if session.state == "live" else "",
            "next_steps": session.next_steps or "",
        },
        "activity": activity_payload(db, activity, 0),
        **screen_wall(db, activity),
        "joined": results.participant_count(db, session),
        "parking": screen_board(db, session),
    }
