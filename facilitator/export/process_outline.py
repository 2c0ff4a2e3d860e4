"""The process document's outline: the plan, the meetings and their focus areas, the written
rounds, as calls on a Sink (export.sink).

Pure outline like export.outline (the session document), whose activity, participant and
annex sections it reuses; the words come from export.phrases.
"""

from __future__ import annotations

from dataclasses import replace

from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_date, da_list, da_long_date

from .outline import blocks, write_activity, write_annex, write_participants, write_voice
from .phrases import document_title, focus_heading, initiatives_intro, session_name
from .process_sections import write_plan, write_written_rounds
from .report import (
    FocusSection,
    ProcessReport,
    SessionReport,
    focus_sections,
    has_input,
    non_focus_activities,
    point_origins,
    sessions_with_input,
)
from .sink import Sink, write_themes
from .text import one_line


def write_process(sink: Sink, report: ProcessReport, annex: bool = True) -> None:
    """Sessions without any input are left out: the document reports what was said."""
    held = sessions_with_input(report.sessions)
    report = replace(report, sessions=held)
    sink.title(document_title(report.title))
    _process_background(sink, report)
    write_plan(sink, report.plan)
    for section in focus_sections(report):
        _focus_section(sink, section, level=1)
    for session in held:
        activities = [a for a in non_focus_activities(session) if has_input(a)]
        if activities:
            sink.heading(session_name(session), 1)
            sink.paragraph(_when_where(session))
            for activity in activities:
                write_activity(sink, activity, level=2)
    write_written_rounds(sink, report.written_rounds)
    if annex and held:
        write_annex(sink, held, with_session=True)


def _when_where(session: SessionReport) -> str:
    when = da_long_date(session.date, session.starts_at, session.ends_at)
    parts = [when[:1].upper() + when[1:] if when else _("Dato ikke fastsat")]
    if one_line(session.venue):
        parts.append(one_line(session.venue))
    return ", ".join(parts) + "."


def _process_background(sink: Sink, report: ProcessReport) -> None:
    sink.heading(_("Baggrund"), 1)
    for block in blocks(report.description):
        sink.paragraph(block)
    if report.focus_areas:
        sink.paragraph(_("Processen har følgende fokusområder:"))
        sink.bullets(report.focus_areas)
    if not report.sessions:
        sink.paragraph(_("Der er endnu ikke kommet input fra processens møder."))
        return
    sink.paragraph(_("Dokumentet samler input fra følgende møder:"), "bold")
    rows = [
        (
            one_line(s.title),
            one_line(s.kind_label),
            da_date(s.date),
            one_line(s.venue),
            str(s.participant_count),
        )
        for s in report.sessions
    ]
    sink.table(
        (_("Møde"), _("Type"), _("Dato"), _("Sted"), _("Deltagere")),
        rows,
        (4.5, 2.5, 3.0, 4.0, 2.0),
        numeric=frozenset({4}),
    )
    for session in report.sessions:
        write_participants(
            sink,
            session,
            level=2,
            heading=_("Deltagere: %(session)s", session=session_name(session)),
        )


def _focus_section(sink: Sink, section: FocusSection, level: int) -> None:
    sink.heading(focus_heading(section.focus_area), level)
    sessions = list(dict.fromkeys(session_name(s) for s, _activity in section.sources))
    sink.labelled(_("Fra") if len(sessions) == 1 else _("Samlet fra"), "; ".join(sessions))
    for _session, activity in section.sources:
        write_voice(sink, activity)
    sink.paragraph(initiatives_intro(section.focus_area))
    if len(sessions) == 1:
        write_themes(sink, section.themes, level + 1)
        return
    origins = point_origins(section.sources)
    write_themes(
        sink,
        section.themes,
        level + 1,
        origin=lambda text: (
            " – "
            + _("fra %(sessions)s", sessions=da_list([one_line(s.title) for s in origins(text)]))
        ),
    )
