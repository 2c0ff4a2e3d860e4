"""The report model: plain frozen dataclasses that every export writer renders.

The model is built elsewhere (from the database); writers never touch Flask or SQL.
Besides the dataclasses this module holds a few pure queries on the model that all
writers share (theme ordering, grouping initiatives by focus area, annex rows), so
DOCX, XLSX and Markdown cannot drift apart on *what* they show.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from facilitator.contributions import privacy
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.text import same_words
from facilitator.wordcloud.breakdown import GroupWords
from facilitator.wordcloud.words import WordCount

if TYPE_CHECKING:  # the status table's model (export.status_report renders it itself)
    from .status_report import StatusReport

SUPPRESSED = None  # count None = SUPPRESSED_LABEL: facilitator.contributions.privacy withheld it
WITHHELD = ""  # author_group when facilitator.contributions.privacy withholds the author's group
# The model keeps the app's own labels as their Danish msgids (they are keys too: privacy
# counts by them, archives compare them); writers translate them where shown (theme_label,
# group_text, organisation_text).
UNCLUSTERED_LABEL = N_("Øvrige bidrag")


@dataclass(frozen=True)
class ReportContribution:
    text: str
    author_group: str | None  # group key; None = not stated; WITHHELD = may not be shown
    organisation: str | None  # None = not stated or may not be shown
    created_at: datetime
    endorsements: int = 0
    side: str | None = None  # side label for dilemma reasons
    highlighted: bool = False  # "fremhævet" by the secretariat: see body_themes
    # Who said it, named: only a body's written answer (a committee on the record, see
    # builder._WrittenAnswers); empty for everything said in a room, whose people stay unnamed.
    author: str = ""
    key: int | None = None  # its database id: export.body_edits names bullets by it


@dataclass(frozen=True)
class ReportTheme:
    label: str
    contributions: tuple[ReportContribution, ...]
    pinned: bool = False
    note: str = ""  # the secretariat's note under the theme's heading
    key: int | None = None  # its database id; None for "Øvrige bidrag" (export.body_edits)
    ordered: bool = False  # its points are in the secretary's order (theme_points keeps it)


@dataclass(frozen=True)
class CountRow:  # one row of a distribution table
    label: str
    count: int | None  # None = suppressed ("færre end 3")


@dataclass(frozen=True)
class DilemmaSideResult:
    label: str
    description: str
    count: int
    share: float
    themes: tuple[ReportTheme, ...]  # reasons grouped by theme


@dataclass(frozen=True)
class GroupBreakdown:  # dilemma distribution for one stakeholder group (or the rest added up)
    group: str
    participants: int  # not shown when counts is None
    counts: tuple[CountRow, ...] | None  # None = suppressed (facilitator.contributions.privacy)


@dataclass(frozen=True)
class TopicResult:
    label: str
    votes: int
    rank: int


@dataclass(frozen=True)
class PhotoReport:
    """A table's flip-over photo (tables.notes): a JPEG without metadata, for the annex."""

    table_number: int
    jpeg: bytes = field(repr=False)
    width: int
    height: int
    file_name: str = ""  # as the console saves it (tables.notes.photo_file_name)
    created_at: datetime | None = None  # when it was attached


@dataclass(frozen=True)
class ActivityReport:
    kind: str  # an activities.models.ACTIVITY_KINDS key
    kind_label: str  # "Retningspile", "Dilemma", "Åbent spørgsmål", ...
    title: str
    prompt: str
    focus_area: str | None
    themes: tuple[ReportTheme, ...] = ()  # unclustered contributions: one theme "Øvrige bidrag"
    sides: tuple[DilemmaSideResult, ...] = ()  # dilemma
    by_group: tuple[GroupBreakdown, ...] = ()  # dilemma
    topics: tuple[TopicResult, ...] = ()  # topic_vote, ranked
    words: tuple[WordCount, ...] = ()  # wordcloud: every counted word (answers: `themes`)
    word_groups: tuple[GroupWords, ...] = ()  # wordcloud, as contributions.privacy allows
    voters: int = 0
    contribution_count: int = 0
    note: str = ""  # the secretariat's voice: a remark under the heading ...
    summary: str = ""  # ... and a summary paragraph of what came out of it
    key: int | None = None  # its database id (export.body_edits)
    # The body as the secretary edited it (export.body_edits: reordered, merged, rewritten);
    # None: body_themes decides. `themes` keeps the original for the annex and the XLSX.
    body: tuple[ReportTheme, ...] | None = None
    by_table: tuple[TableSection, ...] = ()  # set: the body is grouped by table, not by theme
    photos: tuple[PhotoReport, ...] = ()  # flip-over photos, for the Word annex


@dataclass(frozen=True)
class TableSection:
    """ "Dokumentet: efter bord": one table's statements and what it stressed (its themes'
    labels, most frequent first). Small tables' people come together as "Øvrige borde"."""

    label: str  # "Bord 3 (Sundhed)" or "Øvrige borde"
    themes: tuple[str, ...]
    texts: tuple[str, ...]
    others: bool = False


@dataclass(frozen=True)
class ParkingRow:
    """An item of the session's parking lot (spørgsmål og husk): no author, no group."""

    text: str
    answered: bool
    votes: int


@dataclass(frozen=True)
class SessionReport:
    process_title: str | None
    title: str
    kind: str  # e.g. "visionsdag"
    kind_label: str  # e.g. "Visionsdag"
    date: date | None
    venue: str
    description: str
    participant_count: int
    by_group: tuple[CountRow, ...]  # participants per group, as contributions.privacy allows
    by_organisation: tuple[CountRow, ...]  # participants per organisation, likewise
    activities: tuple[ActivityReport, ...]
    generated_at: datetime
    starts_at: time | None = None  # the document's date line: "kl. 9.00-12.00"
    ends_at: time | None = None
    next_steps: str = ""  # "Næste skridt", the document's closing section
    parking: tuple[ParkingRow, ...] = ()  # the parking lot, most votes first


@dataclass(frozen=True)
class PlanRow:
    """One row of the process plan (seed 000: Tidspunkt / Forum / Handling)."""

    when: date
    label: str  # "28. januar 2022" or "November 2021", in the document's language
    forum: str
    action: str


@dataclass(frozen=True)
class WrittenQuestion:
    text: str
    focus_area: str | None
    themes: tuple[ReportTheme, ...]  # the bodies' points, each with its `author`


@dataclass(frozen=True)
class Invitee:
    """A body invited to answer a written round: "Socialudvalget" of "Aalborg Kommune"."""

    body: str
    organisation: str  # may be empty
    answered: bool


@dataclass(frozen=True)
class WrittenRound:
    """A written consultation round (skriftlig høring) with the answers submitted to it."""

    title: str
    deadline: datetime  # local (Danish) time
    whole_day: bool  # the deadline is the end of its day: the document names only the date
    answered: tuple[str, ...]  # the bodies, "Socialudvalget, Aalborg Kommune"
    not_answered: tuple[str, ...]
    questions: tuple[WrittenQuestion, ...]
    # The same bodies as body and organisation, in invitation order, so the document can say
    # "Handicaprådet: Aalborg Kommune, Brønderslev Kommune, ..." instead of a run-on list.
    # Empty in a hand-made report: the names above are then listed as they are.
    invitees: tuple[Invitee, ...] = ()


@dataclass(frozen=True)
class ProcessReport:
    title: str
    description: str
    focus_areas: tuple[str, ...]
    sessions: tuple[SessionReport, ...]  # the meetings (written rounds are in written_rounds)
    generated_at: datetime
    plan: tuple[PlanRow, ...] = ()  # in the order entered (processes.plan.plan_rows)
    written_rounds: tuple[WrittenRound, ...] = ()  # only rounds with submitted answers
    status: StatusReport | None = None  # the initiatives the process follows up (seed 003)


# --- shared vocabulary -------------------------------------------------------------

GROUP_LABELS = {
    "politiker": N_("Politikere"),
    "embedsperson": N_("Embedspersoner"),
    "brugerorganisation": N_("Brugerorganisationer"),
    "andet": N_("Andre"),
}
NOT_STATED = N_("Ikke oplyst")


def group_label(group: str | None) -> str:
    """Label (a Danish msgid) for a stakeholder-group key; unknown keys pass through unchanged."""
    if not group:
        return NOT_STATED
    return GROUP_LABELS.get(group, group)


def author_group_label(group: str | None) -> str:
    """The group column of an annex row: blank when contributions.privacy withheld it."""
    return "" if group == WITHHELD else group_label(group)


def _translated_if(label: str, own: Iterable[str]) -> str:
    """Only the app's own labels are translated: a group or organisation a facilitator typed
    (or one that happens to read like a msgid) is content and stays as it is."""
    return _(label) if label and label in own else label


def group_text(label: str) -> str:
    """A group label from group_label() or contributions.privacy, in the document's language."""
    return _translated_if(label, {*GROUP_LABELS.values(), NOT_STATED, privacy.OTHER_GROUPS_LABEL})


def organisation_text(label: str) -> str:
    """An organisation row's label: the typed name, or the app's "not stated"/"others"."""
    return _translated_if(label, {NOT_STATED, privacy.OTHER_ORGANISATIONS_LABEL})


def theme_label(label: str) -> str:
    """A theme's heading: the facilitator's label, or "Øvrige bidrag" translated."""
    return _translated_if(label, {UNCLUSTERED_LABEL})


# --- pure queries shared by the writers ----------------------------------------------


def ordered_themes(themes: Iterable[ReportTheme]) -> list[ReportTheme]:
    """Pinned (facilitator-highlighted) themes first, otherwise the curated order."""
    return sorted(themes, key=lambda t: not t.pinned)


@dataclass(frozen=True)
class Point:
    """One bullet in the document: a text, how many wrote it, how many agreed with it."""

    text: str
    writers: int
    endorsements: int
    authors: tuple[str, ...] = ()  # the named bodies who wrote it (written answers only)
    keys: tuple[int | None, ...] = ()  # its contributions' keys (export.body_edits)


def theme_points(theme: ReportTheme) -> list[Point]:
    """The theme's contributions as bullets: the same sentence written by several people is
    one bullet with its count (a committee reads ideas, not a tally of identical lines); the
    most supported first, ties in submission order. The annex still lists every row."""
    grouped: dict[str, list[ReportContribution]] = {}
    for contribution in theme.contributions:
        grouped.setdefault(same_words(contribution.text), []).append(contribution)
    points = [
        Point(
            rows[0].text,
            len(rows),
            sum(r.endorsements for r in rows),
            tuple(dict.fromkeys(r.author for r in rows if r.author)),
            tuple(r.key for r in rows),
        )
        for rows in grouped.values()
    ]
    if theme.ordered:  # the secretary's order (export.body_edits)
        return points
    return sorted(points, key=lambda p: -(p.writers + p.endorsements))


def is_only_unclustered(themes: tuple[ReportTheme, ...]) -> bool:
    """A lone "Øvrige bidrag" theme needs no heading: it is just a list."""
    return len(themes) == 1 and themes[0].label == UNCLUSTERED_LABEL


@dataclass(frozen=True)
class AnnexRow:
    session: SessionReport
    activity: ActivityReport
    theme: str
    contribution: ReportContribution


def activity_contributions(activity: ActivityReport) -> Iterator[tuple[str, ReportContribution]]:
    """(theme label, contribution) for every contribution, dilemma reasons included."""
    for theme in activity.themes:
        for contribution in theme.contributions:
            yield theme.label, contribution
    for side in activity.sides:
        for theme in side.themes:
            for contribution in theme.contributions:
                yield theme.label, contribution


def annex_rows(sessions: Iterable[SessionReport]) -> Iterator[AnnexRow]:
    """Every contribution in document order, for the "Bilag: Alle bidrag" annex."""
    for session in sessions:
        for activity in session.activities:
            for theme, contribution in activity_contributions(activity):
                yield AnnexRow(session, activity, theme, contribution)


@dataclass(frozen=True)
class FocusSection:
    """Everything said about one focus area, source by source: the written answers to its
    question(s) and the initiative activities of the meetings, in the order they came."""

    focus_area: str
    written: tuple[tuple[WrittenRound, WrittenQuestion], ...]
    meetings: tuple[tuple[SessionReport, ActivityReport], ...]


def is_curated(activity: ActivityReport) -> bool:
    """The secretariat highlighted some of the activity's contributions."""
    return any(c.highlighted for _, c in activity_contributions(activity))


def body_themes(themes: tuple[ReportTheme, ...], curated: bool) -> tuple[ReportTheme, ...]:
    """What the document's body lists: in a curated activity the highlighted contributions
    (seed 004's hand-picked list), otherwise all. Nothing vanishes silently: a theme the
    secretariat highlighted nothing in keeps its most representative statement (the builder
    puts it first). Only the unclustered rest may go without a highlight (unlisted_count
    says how many; the outline mentions them). The annex and the spreadsheet always keep
    every contribution."""
    if not curated:
        return themes
    kept = []
    for theme in themes:
        chosen = tuple(c for c in theme.contributions if c.highlighted)
        if not chosen and theme.label != UNCLUSTERED_LABEL:
            chosen = theme.contributions[:1]
        if chosen or theme.note:
            kept.append(ReportTheme(theme.label, chosen, theme.pinned, theme.note, key=theme.key))
    return tuple(kept)


def unlisted_count(themes: tuple[ReportTheme, ...], curated: bool) -> int:
    """Contributions of the unclustered rest a curated body leaves out (nothing highlighted)."""
    if not curated:
        return 0
    return sum(
        len(t.contributions)
        for t in themes
        if t.label == UNCLUSTERED_LABEL and not any(c.highlighted for c in t.contributions)
    )


def is_focus_initiative(activity: ActivityReport) -> bool:
    return activity.kind == "initiative" and bool(activity.focus_area)


def focus_sections(report: ProcessReport) -> tuple[FocusSection, ...]:
    """Per focus area (declared areas first, then any others) its written answers and its
    meetings' initiative activities; an area nobody said anything about is left out."""
    areas = list(report.focus_areas)
    written: dict[str, list[tuple[WrittenRound, WrittenQuestion]]] = {}
    meetings: dict[str, list[tuple[SessionReport, ActivityReport]]] = {}
    for round_ in report.written_rounds:
        for question in round_.questions:
            if question.focus_area and question.themes:
                written.setdefault(question.focus_area, []).append((round_, question))
                areas.append(question.focus_area)
    for session in report.sessions:
        for activity in session.activities:
            if activity.focus_area and is_focus_initiative(activity) and has_input(activity):
                meetings.setdefault(activity.focus_area, []).append((session, activity))
                areas.append(activity.focus_area)
    return tuple(
        FocusSection(area, tuple(written.get(area, ())), tuple(meetings.get(area, ())))
        for area in dict.fromkeys(areas)
        if area in written or area in meetings
    )


def non_focus_activities(session: SessionReport) -> tuple[ActivityReport, ...]:
    """Activities a process document shows per session (not folded into a focus area)."""
    return tuple(a for a in session.activities if not is_focus_initiative(a))


def has_votes(activity: ActivityReport) -> bool:
    """A dilemma or topic vote someone answered: only then a result table or chart says
    anything (a ranking of zeros or an empty bar chart would not)."""
    return any(s.count for s in activity.sides) or any(t.votes for t in activity.topics)


def has_input(activity: ActivityReport) -> bool:
    """Anything to report for the activity: votes or at least one written contribution."""
    return bool(
        has_votes(activity)
        or activity.contribution_count
        or next(activity_contributions(activity), None)
    )


def sessions_with_input(sessions: Iterable[SessionReport]) -> tuple[SessionReport, ...]:
    """What a process document shows: a planned or unused session adds nothing to it."""
    return tuple(s for s in sessions if any(has_input(a) for a in s.activities))
