"""The readable sheet of a workbook: what the meeting (or each meeting of a process) was and
what its votes showed, one small table under the other in the first columns (nothing beside
the data: the long table on its own sheet is for filtering and pivoting)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from openpyxl import Workbook

from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import pgettext
from facilitator.core.wording import da_date, da_hours

from .phrases import share_fraction, suppressed_label
from .report import (
    ActivityReport,
    GroupBreakdown,
    ProcessReport,
    SessionReport,
    group_label,
    group_text,
    organisation_text,
)
from .text import one_line
from .xlsx_cells import Bold, Percent, Title, set_widths, write_rows

WIDTHS = (30, 60, 14, 14, 14, 14, 14)
Row = Sequence[object]


def write_summary_sheet(workbook: Workbook, title: str, rows: Iterator[Row]) -> None:
    sheet = workbook.create_sheet(title)
    set_widths(sheet, WIDTHS)
    write_rows(sheet, rows, frozenset({1}))


def session_summary(report: SessionReport, heading: bool = True) -> Iterator[Row]:
    """The meeting's facts, who took part (as contributions.privacy allows), its activities
    and, per activity, the secretariat's words and the votes' results."""
    if heading:
        yield Title((report.title,))
    facts: list[tuple[str, object]] = [
        (_("Møde"), report.title),
        (_("Type"), report.kind_label),
        (_("Proces"), report.process_title or ""),
        (_("Dato"), da_date(report.date)),
        (_("Tid"), da_hours(report.starts_at, report.ends_at)),
        (_("Sted"), report.venue),
        (_("Deltagere i alt"), report.participant_count),
    ]
    yield from (fact for fact in facts if fact[1] not in ("", None))
    if heading:
        yield (_("Dannet"), report.generated_at)
    if report.by_group:
        yield ()
        yield Bold((_("Interessentgruppe"), _("Deltagere")))
        yield from ((group_text(group_label(r.label)), _count(r.count)) for r in report.by_group)
    if report.by_organisation:
        yield ()
        yield Bold((_("Organisation"), _("Deltagere")))
        yield from ((organisation_text(r.label), _count(r.count)) for r in report.by_organisation)
    if report.activities:
        yield ()
        yield Bold((_("Aktivitet"), _("Type"), _("Bidrag"), _("Stemmeafgivere")))
        for activity in report.activities:
            yield (
                one_line(activity.title),
                activity.kind_label,
                activity.contribution_count,
                activity.voters if activity.kind in ("dilemma", "topic_vote") else None,
            )
    for activity in report.activities:
        yield from _activity(activity)


def process_summary(report: ProcessReport) -> Iterator[Row]:
    """The process, then each meeting's summary under its own title."""
    yield Title((report.title,))
    if report.description:
        yield (_("Beskrivelse"), report.description)
    yield (_("Dannet"), report.generated_at)
    for session in report.sessions:
        yield ()
        yield Title((session.title,))
        yield from session_summary(session, heading=False)


def _count(count: int | None) -> object:
    return suppressed_label() if count is None else count


def _activity(activity: ActivityReport) -> Iterator[Row]:
    lines = [
        (_("Fokusområde"), activity.focus_area or ""),
        (_("Sekretariatets note"), activity.note),
        (_("Opsummering"), activity.summary),
    ]
    results = activity.kind in ("dilemma", "topic_vote", "wordcloud") and activity.voters
    if not results and not any(value for _label, value in lines):
        return
    yield ()
    yield Bold((one_line(activity.title), activity.kind_label))
    yield from (line for line in lines if line[1])
    if activity.kind == "dilemma" and activity.voters:
        yield from _dilemma(activity)
    if activity.kind == "topic_vote" and activity.voters:
        yield Bold((_("Emne"), _("Stemmer"), _("Placering")))
        yield from ((t.label, t.votes, t.rank) for t in activity.topics)
        yield (_("Stemmeafgivere"), activity.voters)
    if activity.kind == "wordcloud" and activity.voters:
        yield from _words(activity)


def _words(activity: ActivityReport) -> Iterator[Row]:
    """Every counted word of a check-in, then its words by group (contributions.privacy)."""
    yield Bold((_("Ord"), _("Antal")))
    yield from ((w.text, w.count) for w in activity.words)
    yield (_("Har svaret"), activity.voters)
    if activity.word_groups:
        yield Bold((_("Interessentgruppe"), _("Har svaret"), _("Hyppigste ord")))
        for row in activity.word_groups:
            words = ", ".join(f"{w.text} ({w.count})" for w in row.words)
            yield (group_text(group_label(row.group)), row.people, words)


def _dilemma(activity: ActivityReport) -> Iterator[Row]:
    yield Bold((pgettext("dilemma", "Side"), _("Antal"), _("Andel")))
    for side in activity.sides:
        yield (side.label, side.count, Percent(share_fraction(side.share)))
    if activity.by_group:
        sides = [side.label for side in activity.sides]
        yield Bold((_("Interessentgruppe"), _("Deltagere"), *sides))
        yield from (_group_row(breakdown, sides) for breakdown in activity.by_group)


def _group_row(breakdown: GroupBreakdown, sides: list[str]) -> Row:
    label = group_text(group_label(breakdown.group))
    if breakdown.counts is None:  # suppressed: neither counts nor the group's size
        return (label, *[suppressed_label()] * (len(sides) + 1))
    counts = {row.label: row.count for row in breakdown.counts}
    return (label, breakdown.participants, *[_count(counts.get(side, 0)) for side in sides])
