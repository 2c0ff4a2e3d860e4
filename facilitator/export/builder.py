"""Builds the report model from the database: the one place export reads SQL.

Counts follow the live results (hidden and superseded contributions left out). What a table
or a row may say about groups and organisations is decided by contributions.privacy, the same
rule the live screens follow, so no single vote or statement can be read off.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from facilitator.activities.models import TEXT_KINDS, Activity
from facilitator.clustering import vectors
from facilitator.clustering.models import Cluster
from facilitator.consultations.models import ConsultationRound
from facilitator.consultations.services import (
    DEFAULT_DEADLINE_TIME,
    answered,
    local_deadline,
    waiting,
)
from facilitator.contributions import results
from facilitator.contributions.models import Contribution, Participant, is_person
from facilitator.contributions.privacy import (
    OTHER_GROUPS_LABEL,
    OTHER_ORGANISATIONS_LABEL,
    count_rows,
    disclosable_labels,
)
from facilitator.contributions.screening import shows_text
from facilitator.core.clock import danish_now, danish_time
from facilitator.core.db import DbSession
from facilitator.export.report import (
    GROUP_LABELS,
    NOT_STATED,
    UNCLUSTERED_LABEL,
    WITHHELD,
    ActivityReport,
    CountRow,
    DilemmaSideResult,
    GroupBreakdown,
    Invitee,
    ParkingRow,
    PhotoReport,
    PlanRow,
    ProcessReport,
    ReportContribution,
    ReportTheme,
    SessionReport,
    TopicResult,
    WrittenQuestion,
    WrittenRound,
    group_label,
)
from facilitator.export.status_builder import build_status_report
from facilitator.export.table_sections import table_sections
from facilitator.parking.board import report_items
from facilitator.processes.models import Process
from facilitator.processes.plan import milestone_label, plan_rows
from facilitator.sessions.models import WorkshopSession
from facilitator.tables.notes import photo_file_name, photos_of
from facilitator.tables.services import table_label
from facilitator.wordcloud.breakdown import group_words
from facilitator.wordcloud.words import count_words, visible_text

GROUP_ORDER = ["politiker", "embedsperson", "brugerorganisation", "andet", None]


def _participants(db: DbSession, session_id: int) -> list[Participant]:
    """The session's people ("N deltagere mødtes"; a table's flip-over voice is none)."""
    # In joining order: privacy ties (two groups of three) are broken by it, so every export
    # and every database decides alike (PostgreSQL returns updated rows in another order).
    query = select(Participant).where(Participant.session_id == session_id, is_person())
    return list(db.scalars(query.order_by(Participant.id)))


def _group_key(group: str | None) -> str | None:
    """An unknown key counts as "not stated", as on the live screens."""
    return group if group in GROUP_LABELS else None


def _by_group(people: list[Participant]) -> tuple[CountRow, ...]:
    counts = Counter(group_label(_group_key(p.group)) for p in people)
    ordered = {group_label(g): counts[group_label(g)] for g in GROUP_ORDER}
    return tuple(CountRow(label, n) for label, n in count_rows(ordered, OTHER_GROUPS_LABEL))


def _by_organisation(people: list[Participant]) -> tuple[CountRow, ...]:
    counts = Counter(p.organisation or NOT_STATED for p in people)
    return tuple(
        CountRow(org, n)
        for org, n in count_rows(dict(sorted(counts.items())), OTHER_ORGANISATIONS_LABEL)
    )


class _Labels:
    """The group and organisation each author may be tagged with on a row (annex, XLSX)."""

    def __init__(self, people: list[Participant]) -> None:
        self.published = disclosable_labels(Counter(self._person(p) for p in people))

    @staticmethod
    def _person(author: Participant) -> tuple[str, str | None]:
        return group_label(_group_key(author.group)), author.organisation or None

    def tags(self, author: Participant, allowed: bool = True) -> tuple[str | None, str | None]:
        """(group key, None for "not stated", or WITHHELD; organisation or None). `allowed`:
        the activity's own privacy decision lets this row carry its author's group (a dilemma
        reason only when its author counts in a row of the breakdown)."""
        if not allowed:
            return WITHHELD, None
        if author.is_table_voice:  # a table's notes: no person's group or organisation
            return None, None
        group, organisation = self.published[self._person(author)]
        return (WITHHELD if group is None else _group_key(author.group)), organisation


class _ActivityData:
    """Visible, counted rows of one activity with their authors, clusters and endorsements."""

    def __init__(self, db: DbSession, activity: Activity, labels: _Labels) -> None:
        self.activity = activity
        self.db = db
        self.labels = labels
        # The activity's privacy decision, as live: may this author's row carry a group?
        tagging = (
            results.statement_labels(db, activity, publish=True)
            if activity.takes_text
            else frozenset()
        )
        self.tagged: Callable[[Participant], bool] = lambda author: (
            results.group_label(author.group) in tagging
        )
        self.rows = results.current_rows(db, activity)
        self.endorsements = results.endorsement_counts(db, activity)
        self.clusters = list(
            db.scalars(
                select(Cluster)
                .where(Cluster.activity_id == activity.id)
                .order_by(Cluster.position, Cluster.id)
            )
        )
        self.centrality = vectors.centrality(db, activity.id)

    def contribution(self, row: Contribution, author: Participant) -> ReportContribution:
        side = None
        if row.side is not None and row.side < len(self.activity.sides):
            side = self.activity.sides[row.side]["label"]
        group, organisation = self.labels.tags(author, self.tagged(author))
        if author.scribe_table is not None:  # a table's voice (scribe, flip-over) names it
            table = author.scribe_table
            group, organisation = table_label(table.number, table.name), None
        return ReportContribution(
            text=row.text,
            author_group=group,
            organisation=organisation,
            created_at=danish_time(row.created_at),
            endorsements=self.endorsements.get(row.id, 0),
            side=side,
            highlighted=row.highlighted,
            key=row.id,
        )

    def themes(self, side: int | None = None) -> tuple[ReportTheme, ...]:
        """Curated clusters in their order; what is in none of them ends as "Øvrige bidrag"."""
        members: dict[int | None, list[ReportContribution]] = defaultdict(list)
        central = self.centrality
        # The most representative statement first (ties in the document keep this order).
        for row, author in sorted(self.rows, key=lambda pair: -central.get(pair[0].id, -2.0)):
            if not shows_text(row) or (side is not None and row.side != side):
                continue
            members[row.cluster_id].append(self.contribution(row, author))
        themes = [
            ReportTheme(c.label, tuple(members.pop(c.id)), c.pinned, c.note, key=c.id)
            for c in self.clusters
            if (c.side == side or side is None) and c.id in members
        ]
        leftovers = [item for items in members.values() for item in items]
        if leftovers:
            themes.append(ReportTheme(UNCLUSTERED_LABEL, tuple(leftovers)))
        return tuple(themes)


def _dilemma(data: _ActivityData, base: dict) -> ActivityReport:
    activity = data.activity
    # The live rule and decision (an export is a published view: it may move the decision on).
    result = results.dilemma_result(data.db, activity, data.rows, publish=True)
    counts = [side.count for side in result.sides]
    total = result.total
    data.tagged = lambda author: result.decision.tagged(
        author.id, results.group_label(author.group)
    )
    plural = {results.group_label(g): group_label(g) for g in GROUP_ORDER}
    groups = result.groups
    sides = tuple(
        DilemmaSideResult(
            side["label"],
            side.get("description", ""),
            counts[i],
            counts[i] / total if total else 0.0,
            data.themes(side=i),
        )
        for i, side in enumerate(activity.sides)
    )
    breakdown = tuple(
        GroupBreakdown(
            plural.get(label, label),
            sum(n),
            tuple(CountRow(s["label"], c) for s, c in zip(activity.sides, n, strict=True)),
        )
        for label, n in groups.rows(OTHER_GROUPS_LABEL)
    )
    return ActivityReport(**base, sides=sides, by_group=breakdown, voters=total)


def _words(data: _ActivityData, base: dict) -> ActivityReport:
    """A check-in: its most written words, by group as contributions.privacy allows (an
    export is a published view: it may move the decision on), and its answers for the annex
    and the spreadsheet, without the words the facilitator hid."""
    activity, hidden = data.activity, data.activity.hidden_words
    answers = {
        author.id: (results.group_label(author.group), row.text) for row, author in data.rows
    }
    voters = {pid: group for pid, (group, _text) in answers.items()}
    decision = results.admitted(data.db, activity, voters, publish=True)
    plural = {results.group_label(g): group_label(g) for g in GROUP_ORDER}
    groups = group_words(answers, decision, results.GROUP_ORDER, hidden)
    counted = count_words([text for _group, text in answers.values()], hidden)
    themes = tuple(
        replace(
            theme,
            contributions=tuple(
                replace(c, text=visible_text(c.text, hidden))
                for c in theme.contributions
                if visible_text(c.text, hidden)
            ),
        )
        for theme in data.themes()
    )
    return ActivityReport(
        **base,
        themes=tuple(theme for theme in themes if theme.contributions),
        words=tuple(counted),  # every word: the spreadsheet lists them, the document a few
        word_groups=tuple(replace(g, group=plural.get(g.group, g.group)) for g in groups),
        voters=len(answers),
    )


def _topics(db: DbSession, activity: Activity, base: dict) -> ActivityReport:
    ranking, voters = results.topic_ranking(db, activity)
    return ActivityReport(**base, topics=ranked_topics(ranking), voters=voters)


def ranked_topics(ranking: list[tuple[str, int]]) -> tuple[TopicResult, ...]:
    """Ties share a rank and the next rank skips (1, 2, 2, 4), as in sports tables."""
    topics: list[TopicResult] = []
    for position, (label, votes) in enumerate(ranking, start=1):
        tied = topics and topics[-1].votes == votes
        topics.append(TopicResult(label, votes, topics[-1].rank if tied else position))
    return tuple(topics)


def build_activity_report(
    db: DbSession, activity: Activity, labels: _Labels | None = None
) -> ActivityReport:
    labels = labels or _Labels(_participants(db, activity.session_id))
    data = _ActivityData(db, activity, labels)
    base: dict[str, Any] = {
        "key": activity.id,
        "kind": activity.kind,
        "kind_label": activity.kind_label,
        "title": activity.title,
        "prompt": activity.prompt,
        "focus_area": activity.focus_area.name if activity.focus_area else None,
        "contribution_count": len(data.rows),
        "note": activity.note,
        "summary": activity.summary,
    }
    if activity.kind == "dilemma":
        return _dilemma(data, base)
    if activity.kind == "topic_vote":
        return _topics(db, activity, base)
    if activity.kind == "wordcloud":
        return _words(data, base)
    assert activity.kind in TEXT_KINDS
    themes = data.themes()
    sections = table_sections(db, activity, themes) if activity.document_by_table else ()
    photos = tuple(
        PhotoReport(p.table_number, p.jpeg, p.width, p.height, photo_file_name(p), p.created_at)
        for p in photos_of(db, activity.id)
    )
    return ActivityReport(**base, themes=themes, by_table=sections, photos=photos)


def build_session_report(
    db: DbSession, session: WorkshopSession, now: datetime | None = None
) -> SessionReport:
    people = _participants(db, session.id)
    labels = _Labels(people)
    return SessionReport(
        process_title=session.process.title,
        title=session.title,
        kind=session.kind,
        kind_label=session.kind_label,
        date=session.date,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        next_steps=session.next_steps,
        parking=tuple(
            ParkingRow(item["text"], item["state"] == "answered", item["votes"])
            for item in report_items(db, session)
        ),
        venue=session.venue,
        description=session.description,
        participant_count=len(people),
        by_group=_by_group(people),
        by_organisation=_by_organisation(people),
        activities=tuple(build_activity_report(db, a, labels) for a in session.activities),
        generated_at=now or danish_now(),
    )


class _WrittenAnswers(_ActivityData):
    """One question of a written consultation round. Its authors are public bodies (a social
    committee, a handicap council) answering on the record, so each point names its body:
    the one deliberate exception to contributions.privacy, which keeps the room's participants
    unnamed (their contributions never get an `author`)."""

    def __init__(
        self, db: DbSession, activity: Activity, labels: _Labels, bodies: Mapping[int, str]
    ) -> None:
        super().__init__(db, activity, labels)
        self.bodies = bodies  # participant id -> "Socialudvalget, Aalborg Kommune"

    def contribution(self, row: Contribution, author: Participant) -> ReportContribution:
        return replace(super().contribution(row, author), author=self.bodies.get(author.id, ""))


def build_written_round(db: DbSession, round_: ConsultationRound) -> WrittenRound | None:
    """The round's submitted answers grouped by the questions' themes; None while nobody
    has answered anything (a round still out, or answered only with drafts)."""
    bodies = {i.participant_id: i.name for i in answered(round_) if i.participant_id}
    if not bodies:
        return None
    labels = _Labels(_participants(db, round_.session_id))
    questions = tuple(
        WrittenQuestion(
            question.text,
            question.focus_area.name if question.focus_area else None,
            _WrittenAnswers(db, question.activity, labels, bodies).themes(),
        )
        for question in round_.questions
    )
    if not any(question.themes for question in questions):
        return None
    deadline = local_deadline(round_)
    return WrittenRound(
        title=round_.title,
        deadline=deadline,
        whole_day=deadline.time() == DEFAULT_DEADLINE_TIME,
        answered=tuple(i.name for i in answered(round_)),
        not_answered=tuple(i.name for i in waiting(round_)),
        questions=questions,
        invitees=tuple(
            Invitee(i.body, i.organisation, i.submitted_at is not None) for i in round_.invitations
        ),
    )


def build_process_report(
    db: DbSession, process: Process, now: datetime | None = None
) -> ProcessReport:
    """The meetings (not the sessions that only store written answers), the plan as entered,
    the written rounds that have answers and the initiatives' status (when any is followed)."""
    now = now or danish_now()
    rounds = (build_written_round(db, round_) for round_ in process.consultation_rounds)
    return ProcessReport(
        title=process.title,
        description=process.description,
        focus_areas=tuple(area.name for area in process.focus_areas),
        sessions=tuple(build_session_report(db, s, now) for s in process.meetings),
        generated_at=now,
        plan=tuple(
            PlanRow(m.when, milestone_label(m), m.forum, m.action) for m in plan_rows(process)
        ),
        written_rounds=tuple(r for r in rounds if r is not None),
        status=build_status_report(process, now=now) if process.tracked_initiatives else None,
    )
