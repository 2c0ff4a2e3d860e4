"""The document outline shared by DOCX and Markdown: a session's or a process's document,
section by section, as calls on a Sink (export.sink).

Pure outline: a report model in, Sink calls out; the words come from export.phrases, the
process-only sections from export.process_sections.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from facilitator.contributions import privacy
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import pgettext
from facilitator.core.wording import (
    da_percent,
    da_timestamp,
    participants,
)

from .phrases import (
    activity_facts,
    activity_heading,
    activity_intro,
    agenda,
    background_sentence,
    da_count,
    document_title,
    share_fraction,
    suppressed_label,
)
from .report import (
    ActivityReport,
    AnnexRow,
    CountRow,
    SessionReport,
    annex_rows,
    author_group_label,
    body_themes,
    group_label,
    group_text,
    has_input,
    has_votes,
    is_curated,
    is_only_unclustered,
    organisation_text,
)
from .sink import TEXT_WIDTH_CM, Sink, write_themes
from .text import clean, one_line


def write_session(sink: Sink, report: SessionReport, annex: bool = True) -> None:
    sink.title(document_title(report.title))
    _session_background(sink, report)
    for activity in report.activities:
        write_activity(sink, activity, level=1)
    _next_steps(sink, report)
    if annex and any(has_input(a) for a in report.activities):
        write_annex(sink, [report], with_session=False)


def blocks(text: str) -> list[str]:
    """Paragraphs of a free-text description (blank-line separated)."""
    return [block.strip() for block in clean(text).split("\n\n") if block.strip()]


def _session_background(sink: Sink, report: SessionReport) -> None:
    sink.heading(_("Baggrund"), 1)
    sink.paragraph(background_sentence(report))
    for block in blocks(report.description):
        sink.paragraph(block)
    if report.activities:
        sink.paragraph(_("På dagen drøftede man:"))
        sink.bullets(agenda(report.activities))
    if any(has_input(a) for a in report.activities):
        grouped = any(not is_only_unclustered(a.themes) and a.themes for a in report.activities)
        sink.paragraph(
            _(
                "Nedenfor er de samlede input fra dagen, grupperet i temaer. Alle bidrag findes "
                "i bilaget sidst i dokumentet."
            )
            if grouped
            else _(
                "Nedenfor er de samlede input fra dagen. Alle bidrag findes i bilaget sidst "
                "i dokumentet."
            )
        )
    write_participants(sink, report, level=2, heading=_("Deltagere"))


def write_participants(sink: Sink, report: SessionReport, level: int, heading: str) -> None:
    sink.heading(heading, level)
    if not report.participant_count:
        sink.paragraph(_("Der er ikke registreret deltagere."))
        return
    total = participants(report.participant_count)
    sink.paragraph(_("I alt %(total)s. %(note)s", total=total, note=privacy.privacy_note()))
    _count_table(
        sink,
        _("Fordelt på interessentgruppe"),
        _("Interessentgruppe"),
        [CountRow(group_text(group_label(row.label)), row.count) for row in report.by_group],
    )
    if report.by_organisation:
        _count_table(
            sink,
            _("Fordelt på organisation"),
            _("Organisation"),
            [CountRow(organisation_text(row.label), row.count) for row in report.by_organisation],
        )


def _count_table(sink: Sink, caption: str, first_header: str, rows: Iterable[CountRow]) -> None:
    sink.paragraph(caption, "bold")
    data = [(one_line(row.label), da_count(row.count)) for row in rows]
    sink.table((first_header, _("Antal")), data, (11.0, 3.0), numeric=frozenset({1}))


def write_activity(sink: Sink, activity: ActivityReport, level: int) -> None:
    sink.heading(activity_heading(activity), level)
    if activity.prompt:
        sink.labelled(activity.kind_label, activity.prompt)
    write_voice(sink, activity)
    sink.paragraph(activity_facts(activity))
    if not has_input(activity):
        return
    sink.paragraph(activity_intro(activity))
    if activity.kind == "dilemma":
        _dilemma(sink, activity, level + 1)
    elif activity.kind == "topic_vote":
        _topics(sink, activity)
    else:
        write_themes(sink, body_themes(activity.themes, is_curated(activity)), level + 1)


def write_voice(sink: Sink, activity: ActivityReport) -> None:
    """The secretariat's note (a remark, in italics) and summary paragraphs, seed 004's
    prose under a heading, before the list they sum up."""
    if activity.note:
        sink.paragraph(one_line(activity.note), "italic")
    for block in blocks(activity.summary):
        sink.paragraph(block)


def _next_steps(sink: Sink, report: SessionReport) -> None:
    """The closing section, before the annex, when the secretariat has written it."""
    paragraphs = blocks(report.next_steps)
    if paragraphs:
        sink.heading(_("Næste skridt"), 1)
        for block in paragraphs:
            sink.paragraph(block)


def _topics(sink: Sink, activity: ActivityReport) -> None:
    if not has_votes(activity):
        return
    rows = [(f"{t.rank}.", one_line(t.label), str(t.votes)) for t in activity.topics]
    sink.table((_("Placering"), _("Emne"), _("Stemmer")), rows, (2.5, 10.5, 3.0), frozenset({0, 2}))


def _dilemma(sink: Sink, activity: ActivityReport, level: int) -> None:
    if not has_votes(activity):
        return
    sink.heading(_("Fordeling"), level)
    rows = [
        (one_line(s.label), str(s.count), da_percent(share_fraction(s.share)))
        for s in activity.sides
    ]
    sink.table(
        (pgettext("dilemma", "Side"), _("Antal"), _("Andel")),
        rows,
        (10.0, 3.0, 3.0),
        frozenset({1, 2}),
    )
    if activity.sides:
        sink.chart(activity)
    if activity.by_group:
        sink.heading(_("Fordeling på interessentgrupper"), level)
        sink.paragraph(privacy.group_table_note())
        _group_table(sink, activity)
    for side in activity.sides:
        if not side.themes:
            continue  # no heading above nothing
        sink.heading(_("Begrundelser for: %(side)s", side=side.label), level)
        if side.description:
            sink.paragraph(side.description, "italic")
        write_themes(sink, body_themes(side.themes, is_curated(activity)), level + 1)


def _group_table(sink: Sink, activity: ActivityReport) -> None:
    sides = [one_line(s.label) for s in activity.sides]
    rows = []
    for breakdown in activity.by_group:
        counts = {one_line(r.label): r.count for r in breakdown.counts or ()}
        cells = [
            da_count(counts.get(side, 0)) if breakdown.counts is not None else suppressed_label()
            for side in sides
        ]
        shown = None if breakdown.counts is None else breakdown.participants
        rows.append((group_text(group_label(breakdown.group)), da_count(shown), *cells))
    side_width = (TEXT_WIDTH_CM - 6.5) / max(len(sides), 1)
    widths = (4.0, 2.5, *([side_width] * len(sides)))
    numeric = frozenset(range(1, len(sides) + 2))
    sink.table((_("Interessentgruppe"), _("Deltagere"), *sides), rows, widths, numeric)


def write_annex(sink: Sink, sessions: Sequence[SessionReport], with_session: bool) -> None:
    sink.page_break()
    sink.heading(_("Bilag: Alle bidrag"), 1)
    sink.paragraph(_("Alle bidrag i den rækkefølge, aktiviteterne blev gennemført."))
    headers = [_("Aktivitet"), _("Bidrag"), _("Interessentgruppe"), _("Tidspunkt")]
    widths = [3.2, 7.8, 3.2, 1.8]
    if with_session:
        headers.insert(0, _("Møde"))
        widths = [2.4, 2.6, 6.2, 3.0, 1.8]
    rows = (_annex_row(row, with_session) for row in annex_rows(sessions))
    sink.table(headers, rows, widths)


def _annex_row(row: AnnexRow, with_session: bool) -> list[str]:
    cells = [
        one_line(row.activity.title),
        row.contribution.text,
        group_text(author_group_label(row.contribution.author_group)),
        da_timestamp(row.contribution.created_at, row.session.date),
    ]
    return [one_line(row.session.title), *cells] if with_session else cells
