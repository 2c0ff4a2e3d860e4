"""The process document's outline, in the order things happened: Baggrund, the plan (as
entered), the written answers (due before the meetings), each meeting, each focus area once
(its written answers and the meetings' proposals, each source named), the initiatives' status;
then the optional annex (participants and every contribution, meeting by meeting).

Pure outline like export.outline (the session document), whose activity, participant and
annex sections it reuses; the words come from export.phrases and the process phrases below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_date, da_list

from .outline import (
    attach_note,
    blocks,
    shows_agreement,
    write_activity,
    write_annex_body,
    write_participants,
    write_unlisted,
)
from .phrases import AGREEMENT_NOTE, background_sentence
from .process_sections import (
    deadline_text,
    write_initiatives_status,
    write_plan,
    write_written_rounds,
)
from .report import (
    ActivityReport,
    FocusSection,
    ProcessReport,
    SessionReport,
    WrittenQuestion,
    WrittenRound,
    body_themes,
    focus_sections,
    has_input,
    is_curated,
    is_focus_initiative,
    non_focus_activities,
    sessions_with_input,
    unlisted_count,
)
from .sink import Sink, theme_bullets, write_themes
from .text import one_line

# How running text names a meeting of a known kind ("på visionsdagen den 10. juni 2022").
_THE_MEETING = {
    "visionsdag": N_("visionsdagen"),
    "workshop": N_("workshoppen"),
    "dialogforum": N_("dialogforummet"),
}


def write_process(sink: Sink, report: ProcessReport, annex: bool = True) -> None:
    """Sessions without any input are left out: the document reports what was said."""
    held = sessions_with_input(report.sessions)
    report = replace(report, sessions=held)
    sections = focus_sections(report)
    annex = annex and bool(held)
    agreement = shows_agreement(a for s in held for a in s.activities)
    sink.title(process_title(report.title))
    _background(sink, report, annex, agreement)
    write_plan(sink, report.plan)
    written_areas = frozenset(s.focus_area for s in sections if s.written)
    write_written_rounds(sink, report.written_rounds, written_areas)
    for session in held:
        _meeting(sink, session, agreement, annex)
    if sections:
        _focus_areas(sink, sections, len(report.written_rounds) > 1, agreement, annex)
    write_initiatives_status(sink, report.status, level=1)
    if annex:
        _annex(sink, held)


def process_title(title: str) -> str:
    """ "Samlet input til Nordjysk Socialaftale 2023-2024"."""
    return _("Samlet input til %(title)s", title=one_line(title))


def meeting_heading(session: SessionReport) -> str:
    """ "Visionsdag 10. juni 2022" when the title only names its kind and the process (it is
    in the document's title already); otherwise the meeting's own title, which says more."""
    title = one_line(session.title)
    process = one_line(session.process_title or "")
    rest = title.casefold().replace(process.casefold(), "") if process else title.casefold()
    for name in (one_line(session.kind_label), session.kind):
        rest = rest.replace(name.casefold(), "")
    if process and set(rest.split()) <= {"for", "om", "-"} and session.date:
        return f"{one_line(session.kind_label)} {da_date(session.date)}"
    return title


def meeting_in_text(session: SessionReport) -> str:
    """ "visionsdagen den 10. juni 2022", "mødet »Temamøde om økonomi«"."""
    name = (
        _(_THE_MEETING[session.kind])
        if session.kind in _THE_MEETING
        else _("mødet »%(title)s«", title=one_line(session.title))
    )
    if session.date is None:
        return name
    return _("%(meeting)s den %(date)s", meeting=name, date=da_date(session.date))


def _sources(report: ProcessReport) -> list[str]:
    """What the document gathers, in the order it came in."""
    dated: list[tuple[date, str]] = []
    for round_ in report.written_rounds:
        dated.append(
            (
                round_.deadline.date(),
                _(
                    "de skriftlige tilbagemeldinger (svarfrist %(deadline)s)",
                    deadline=deadline_text(round_),
                ),
            )
        )
    for session in report.sessions:
        dated.append((session.date or date.max, meeting_in_text(session)))
    return [text for _when, text in sorted(dated, key=lambda pair: pair[0])]


def _background(sink: Sink, report: ProcessReport, annex: bool, agreement: bool) -> None:
    sink.heading(_("Baggrund"), 1)
    for block in blocks(report.description):
        sink.paragraph(block)
    if report.focus_areas:
        sink.paragraph(_("Processen har følgende fokusområder:"))
        sink.bullets([one_line(area) for area in report.focus_areas])
    sources = _sources(report)
    if not sources:
        sink.paragraph(_("Der er endnu ikke kommet input fra processens møder."))
        return
    said = [_("Dokumentet samler input fra %(sources)s.", sources=da_list(sources))]
    if report.status is not None and any(g.rows for g in report.status.groups):
        said.append(_("Til sidst følger status på de initiativer, der arbejdes videre med."))
    if annex:
        said.append(_("Deltagerne og alle bidrag fra møderne står i bilaget."))
    if agreement:
        said.append(_(AGREEMENT_NOTE))
    sink.paragraph(" ".join(said))


def _meeting(sink: Sink, session: SessionReport, agreement: bool, annex: bool) -> None:
    sink.heading(meeting_heading(session), 1)
    sink.paragraph(background_sentence(session))
    for block in blocks(session.description):
        sink.paragraph(block)
    for activity in non_focus_activities(session):
        if has_input(activity):
            write_activity(sink, activity, level=2, agreement=agreement, annex=annex)
    if any(has_input(a) and is_focus_initiative(a) for a in session.activities):
        sink.paragraph(_("Deltagernes forslag til initiativer står under fokusområderne nedenfor."))


def _focus_areas(
    sink: Sink, sections: Sequence[FocusSection], many_rounds: bool, agreement: bool, annex: bool
) -> None:
    sink.heading(_("Fokusområder"), 1)
    for section in sections:
        sink.heading(one_line(section.focus_area), 2)
        # the written answers (due before) and the meetings, in the order they came in
        written = [(r.deadline.date(), r, q) for r, q in section.written]
        meetings = [(s.date or date.max, s, a) for s, a in section.meetings]
        for when, session, activity in meetings:
            while written and written[0][0] <= when:
                _due, round_, question = written.pop(0)
                _written_source(sink, round_, question, section.focus_area, many_rounds)
            _meeting_source(sink, session, activity, agreement, annex)
        for _when, round_, question in written:
            _written_source(sink, round_, question, section.focus_area, many_rounds)


def _question_text(question: WrittenQuestion, focus_area: str) -> str:
    """The question without a leading "Fokus på psykiatrien:" (the heading says it)."""
    text = one_line(question.text)
    prefix = one_line(focus_area).casefold() + ":"
    if text.casefold().startswith(prefix):
        text = text[len(prefix) :].strip()
        text = text[:1].upper() + text[1:]
    return text


def _written_source(
    sink: Sink, round_: WrittenRound, question: WrittenQuestion, area: str, many_rounds: bool
) -> None:
    """The written answers about the area under a heading naming the round."""
    if many_rounds:
        sink.heading(_("Høringen »%(title)s«", title=one_line(round_.title)), 3)
    else:
        sink.heading(_("Skriftlige tilbagemeldinger"), 3)
    sink.paragraph(
        _("Svar på spørgsmålet »%(question)s«:", question=_question_text(question, area))
    )
    write_themes(sink, question.themes, 4)


def _meeting_source(
    sink: Sink, session: SessionReport, activity: ActivityReport, agreement: bool, annex: bool
) -> None:
    """A meeting's initiatives for the area under a heading naming the meeting: the
    secretariat's summary, the bullets (the activity's note after the bullet it concerns)."""
    meeting = meeting_in_text(session)
    sink.heading(meeting[:1].upper() + meeting[1:], 3)
    for block in blocks(activity.summary):
        sink.paragraph(block)
    curated = is_curated(activity)
    bullets = theme_bullets(body_themes(activity.themes, curated), agreement and not curated)
    bullets, note = attach_note(activity.note, bullets)
    if one_line(note):
        sink.paragraph(one_line(note), "italic")
    if bullets:
        sink.paragraph(_("Deltagerne foreslog disse initiativer:"))
        sink.bullet_list(bullets)
    write_unlisted(sink, unlisted_count(activity.themes, curated), annex)


def _annex(sink: Sink, sessions: Sequence[SessionReport]) -> None:
    """Participants, then every contribution: meeting by meeting, activity by activity."""
    sink.page_break()
    sink.heading(_("Bilag"), 1)
    sink.heading(_("Deltagere"), 2)
    for session in sessions:
        write_participants(sink, session, level=3, heading=meeting_heading(session))
    sink.heading(_("Alle bidrag"), 2)
    write_annex_body(sink, sessions, with_session=True, level=3)
