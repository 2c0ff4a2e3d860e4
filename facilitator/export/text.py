"""Text hygiene, Danish wording and the document outline shared by every export writer.

Participant text is hostile by default. One policy for all formats:

* XML-illegal characters (C0 controls except TAB/LF, DEL, C1 controls, lone surrogates,
  U+FFFE/U+FFFF) become U+FFFD. Both openpyxl (IllegalCharacterError) and python-docx/lxml
  (ValueError) refuse them; replacing rather than dropping keeps it visible that something
  was there. CR and CRLF are normalised to LF.
* Unterminated bidi embeddings/overrides/isolates (e.g. U+202E) are closed at the end of
  the text, so they cannot visually reverse text *after* the contribution.
* Spreadsheet formula triggers are detected here; the XLSX writer decides how to neutralise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from facilitator.privacy import PRIVACY_NOTE, SUPPRESSED_LABEL

from .report import (
    ActivityReport,
    AnnexRow,
    CountRow,
    FocusSection,
    ProcessReport,
    ReportTheme,
    SessionReport,
    annex_rows,
    author_group_label,
    focus_sections,
    group_label,
    is_only_unclustered,
    non_focus_activities,
    ordered_themes,
    theme_points,
)

REPLACEMENT = "\ufffd"
LOCAL_TZ = ZoneInfo("Europe/Copenhagen")

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_EMBED_OPEN = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF U+202C
_ISOLATE_OPEN = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI U+2069
_FORMULA_TRIGGERS = ("=", "+", "-", "@")


def clean(text: object) -> str:
    """Make any value safe to place in an XML document as text (see module docstring)."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    value = _ILLEGAL.sub(REPLACEMENT, value)
    return _close_bidi(value)


def _close_bidi(value: str) -> str:
    # Cheap pre-check: almost no text contains bidi controls.
    if not any(ch in value for ch in _EMBED_OPEN + _ISOLATE_OPEN):
        return value
    embeds = sum(value.count(ch) for ch in _EMBED_OPEN) - value.count("\u202c")
    isolates = sum(value.count(ch) for ch in _ISOLATE_OPEN) - value.count("\u2069")
    return value + "\u202c" * max(embeds, 0) + "\u2069" * max(isolates, 0)


def one_line(text: object) -> str:
    """clean() and collapse all whitespace runs (incl. newlines) to single spaces."""
    return " ".join(clean(text).split())


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet could read the text as a formula (OWASP CSV-injection list).

    Leading whitespace (space, TAB, CR, LF) is ignored because Excel and LibreOffice trim
    it on edit/import, which would turn "  =1+1" into a live formula.
    """
    return text.lstrip().startswith(_FORMULA_TRIGGERS) or text.startswith(("\t", "\r"))


# --- Danish formatting -------------------------------------------------------------

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


def local(dt: datetime) -> datetime:
    """Naive local (Copenhagen) time; naive input is assumed to be local already."""
    if dt.tzinfo is None:
        return dt
    return dt.astimezone(LOCAL_TZ).replace(tzinfo=None)


def da_date(value: date | None) -> str:
    """3. februar 2020"""
    if value is None:
        return "dato ikke fastsat"
    if isinstance(value, datetime):
        value = local(value).date()
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def da_time(dt: datetime) -> str:
    """14.05 is Danish style, but "kl. 14:05" is what Word users type; keep the colon."""
    return local(dt).strftime("%H:%M")


def da_datetime(dt: datetime) -> str:
    return f"{da_date(dt)} kl. {da_time(dt)}"


def da_timestamp(dt: datetime, session_day: date | None) -> str:
    """Short time when the contribution is from the session day, else date and time."""
    if session_day is not None and local(dt).date() == session_day:
        return da_time(dt)
    return local(dt).strftime("%d-%m-%Y %H:%M")


def da_percent(share: float) -> str:
    """0.333 -> "33,3 %" (Danish decimal comma and spaced percent sign)."""
    return f"{share * 100:.1f}".replace(".", ",") + " %"


def da_count(count: int | None) -> str:
    return SUPPRESSED_LABEL if count is None else str(count)


def support_note(writers: int, endorsements: int) -> str:
    """ " (3 skrev det samme, 2 enige)" – empty when one person wrote it and nobody agreed."""
    parts = [f"{writers} skrev det samme"] if writers > 1 else []
    if endorsements > 0:
        parts.append(f"{endorsements} {'enig' if endorsements == 1 else 'enige'}")
    return f" ({', '.join(parts)})" if parts else ""


def plural(n: int, singular: str, plural_form: str) -> str:
    return f"{n} {singular if n == 1 else plural_form}"


# --- Danish wording shared by DOCX and Markdown ----------------------------------------

_INTROS = {
    "retningspil": "Følgende retningspile blev pointeret:",
    "open_question": "Deltagernes svar, samlet i temaer:",
    "dilemma": "Fordelingen af deltagernes valg og deres begrundelser:",
    "topic_vote": "Emnerne er listet efter antal stemmer:",
}


def activity_heading(activity: ActivityReport) -> str:
    """Initiatives are headed by their focus area, like seed 004 ("Den gode alderdom")."""
    if activity.kind == "initiative" and activity.focus_area:
        return f"Fokusområde: {activity.focus_area}"
    return activity.title


def activity_intro(activity: ActivityReport) -> str:
    if activity.kind == "initiative":
        subject = activity.focus_area or activity.title
        return f"Deltagerne foreslog følgende initiativer ift. {subject}:"
    return _INTROS.get(activity.kind, "Deltagernes bidrag:")


def activity_facts(activity: ActivityReport) -> str:
    """One line of numbers under the prompt: how many took part / contributed."""
    parts = []
    if activity.voters:
        parts.append(plural(activity.voters, "deltager stemte", "deltagere stemte"))
    if activity.contribution_count:
        parts.append(plural(activity.contribution_count, "bidrag", "bidrag"))
    return ", ".join(parts) + "." if parts else ""


def share_fraction(share: float) -> float:
    """Shares are fractions (0-1); tolerate a builder that passes percentages."""
    return share / 100 if share > 1 else share


# --- document outline shared by DOCX and Markdown ---------------------------------------
# The writers implement a small Sink; the outline below decides *what* is said and in
# which order, once. Sinks clean/escape every string they receive.


class Sink(Protocol):
    def title(self, text: str, note: str) -> None: ...
    def heading(self, text: str, level: int) -> None: ...
    def paragraph(self, text: str, style: str = "plain") -> None: ...  # plain|bold|italic
    def labelled(self, label: str, text: str) -> None: ...
    def bullets(self, items: Iterable[str]) -> None: ...
    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]],
              widths_cm: Sequence[float], numeric: frozenset[int] = frozenset()) -> None: ...
    def chart(self, activity: ActivityReport) -> None: ...
    def page_break(self) -> None: ...


TEXT_WIDTH_CM = 16.0  # A4 with 2.5 cm margins


def write_session(sink: Sink, report: SessionReport, annex: bool = True) -> None:
    sink.title(f"Output fra {one_line(report.title)}", _made(report.generated_at))
    _session_background(sink, report)
    for activity in report.activities:
        _activity(sink, activity, level=1)
    if annex:
        _annex(sink, [report], with_session=False)


def write_process(sink: Sink, report: ProcessReport, annex: bool = True) -> None:
    sink.title(f"Output fra {one_line(report.title)}", _made(report.generated_at))
    _process_background(sink, report)
    for section in focus_sections(report):
        _focus_section(sink, section, level=1)
    for session in report.sessions:
        activities = non_focus_activities(session)
        if activities:
            sink.heading(f"{session.kind_label}: {session.title}", 1)
            sink.paragraph(_when_where(session))
            for activity in activities:
                _activity(sink, activity, level=2)
    if annex:
        _annex(sink, report.sessions, with_session=True)


def _made(generated_at: datetime) -> str:
    return f"Dannet af facilitator {da_datetime(generated_at)}."


def _blocks(text: str) -> list[str]:
    """Paragraphs of a free-text description (blank-line separated)."""
    return [block.strip() for block in clean(text).split("\n\n") if block.strip()]


def _when_where(session: SessionReport) -> str:
    venue = one_line(session.venue) or "sted ikke oplyst"
    return f"{one_line(session.kind_label)} d. {da_date(session.date)}, {venue}."


def _session_background(sink: Sink, report: SessionReport) -> None:
    sink.heading("Baggrund", 1)
    sink.paragraph(
        f"D. {da_date(report.date)} mødtes {report.participant_count} deltagere til "
        f"{one_line(report.kind_label).lower()} «{one_line(report.title)}» "
        f"({one_line(report.venue) or 'sted ikke oplyst'})."
    )
    for block in _blocks(report.description):
        sink.paragraph(block)
    if report.activities:
        sink.paragraph("På dagen drøftede man:")
        sink.bullets(f"{a.kind_label}: {activity_heading(a)}" for a in report.activities)
        sink.paragraph(
            "Nedenfor er de samlede input fra dagen, grupperet i temaer. "
            "Alle bidrag findes i bilaget sidst i dokumentet."
        )
    _participants(sink, report, level=2, heading="Deltagere")


def _participants(sink: Sink, report: SessionReport, level: int, heading: str) -> None:
    sink.heading(heading, level)
    sink.paragraph(f"I alt {report.participant_count} deltagere. {PRIVACY_NOTE}")
    _count_table(sink, "Fordelt på interessentgruppe", "Interessentgruppe",
                 [CountRow(group_label(row.label), row.count) for row in report.by_group])
    if report.by_organisation:
        _count_table(sink, "Fordelt på organisation", "Organisation", report.by_organisation)


def _count_table(sink: Sink, caption: str, first_header: str, rows: Iterable[CountRow]) -> None:
    sink.paragraph(caption, "bold")
    data = [(one_line(row.label), da_count(row.count)) for row in rows]
    sink.table((first_header, "Antal"), data, (11.0, 3.0), numeric=frozenset({1}))


def _process_background(sink: Sink, report: ProcessReport) -> None:
    sink.heading("Baggrund", 1)
    for block in _blocks(report.description):
        sink.paragraph(block)
    if report.focus_areas:
        sink.paragraph("Processen har følgende fokusområder:")
        sink.bullets(report.focus_areas)
    sink.paragraph("Processen bestod af følgende møder:", "bold")
    rows = [
        (one_line(s.title), one_line(s.kind_label), da_date(s.date), one_line(s.venue),
         str(s.participant_count))
        for s in report.sessions
    ]
    sink.table(("Møde", "Type", "Dato", "Sted", "Deltagere"), rows,
               (4.5, 2.5, 3.0, 4.0, 2.0), numeric=frozenset({4}))
    for session in report.sessions:
        _participants(sink, session, level=2, heading=f"Deltagere: {session.title}")


def _activity(sink: Sink, activity: ActivityReport, level: int) -> None:
    heading = activity_heading(activity)
    sink.heading(heading, level)
    if heading != activity.title:
        sink.labelled("Aktivitet", activity.title)
    if activity.prompt:
        sink.labelled(activity.kind_label, activity.prompt)
    facts = activity_facts(activity)
    if facts:
        sink.paragraph(facts)
    sink.paragraph(activity_intro(activity))
    if activity.kind == "dilemma":
        _dilemma(sink, activity, level + 1)
    elif activity.kind == "topic_vote":
        _topics(sink, activity)
    else:
        _themes(sink, activity.themes, level + 1)


def _themes(sink: Sink, themes: tuple[ReportTheme, ...], level: int) -> None:
    if not themes:
        sink.paragraph("Ingen bidrag.")
        return
    bare = is_only_unclustered(themes)
    for theme in ordered_themes(themes):
        if not bare:
            sink.heading(theme.label, level)
        sink.bullets(
            clean(p.text) + support_note(p.writers, p.endorsements) for p in theme_points(theme)
        )


def _focus_section(sink: Sink, section: FocusSection, level: int) -> None:
    sink.heading(f"Fokusområde: {section.focus_area}", level)
    sources = "; ".join(
        f"{one_line(s.title)} ({da_date(s.date)}): {one_line(a.title)}" for s, a in section.sources
    )
    sink.labelled("Kilder", sources)
    sink.paragraph(f"Deltagerne foreslog følgende initiativer ift. {section.focus_area}:")
    _themes(sink, section.themes, level + 1)


def _topics(sink: Sink, activity: ActivityReport) -> None:
    rows = [(f"{t.rank}.", one_line(t.label), str(t.votes)) for t in activity.topics]
    sink.table(("Placering", "Emne", "Stemmer"), rows, (2.5, 10.5, 3.0), frozenset({0, 2}))


def _dilemma(sink: Sink, activity: ActivityReport, level: int) -> None:
    sink.heading("Fordeling", level)
    rows = [
        (one_line(s.label), str(s.count), da_percent(share_fraction(s.share)))
        for s in activity.sides
    ]
    sink.table(("Side", "Antal", "Andel"), rows, (10.0, 3.0, 3.0), frozenset({1, 2}))
    if activity.sides:
        sink.chart(activity)
    if activity.by_group:
        sink.heading("Fordeling på interessentgrupper", level)
        sink.paragraph(PRIVACY_NOTE)
        _group_table(sink, activity)
    for side in activity.sides:
        sink.heading(f"Begrundelser for: {side.label}", level)
        if side.description:
            sink.paragraph(side.description, "italic")
        _themes(sink, side.themes, level + 1)


def _group_table(sink: Sink, activity: ActivityReport) -> None:
    sides = [one_line(s.label) for s in activity.sides]
    rows = []
    for breakdown in activity.by_group:
        counts = {one_line(r.label): r.count for r in breakdown.counts or ()}
        cells = [
            da_count(counts.get(side, 0)) if breakdown.counts is not None else SUPPRESSED_LABEL
            for side in sides
        ]
        participants = None if breakdown.counts is None else breakdown.participants
        rows.append((group_label(breakdown.group), da_count(participants), *cells))
    side_width = (TEXT_WIDTH_CM - 6.5) / max(len(sides), 1)
    widths = (4.0, 2.5, *([side_width] * len(sides)))
    numeric = frozenset(range(1, len(sides) + 2))
    sink.table(("Interessentgruppe", "Deltagere", *sides), rows, widths, numeric)


def chart_alt_text(activity: ActivityReport) -> str:
    """Alt text carries the same numbers as the chart, for screen-reader users."""
    parts = "; ".join(
        f"{one_line(s.label)}: {s.count} ({da_percent(share_fraction(s.share))})"
        for s in activity.sides
    )
    return clean(f"Søjlediagram over fordelingen på dilemmaet «{one_line(activity.title)}». "
                 f"{parts}.")


def _annex(sink: Sink, sessions: Sequence[SessionReport], with_session: bool) -> None:
    sink.page_break()
    sink.heading("Bilag: Alle bidrag", 1)
    sink.paragraph("Alle bidrag i den rækkefølge, aktiviteterne blev gennemført.")
    headers = ["Aktivitet", "Bidrag", "Interessentgruppe", "Tidspunkt"]
    widths = [3.2, 7.8, 3.2, 1.8]
    if with_session:
        headers.insert(0, "Møde")
        widths = [2.4, 2.6, 6.2, 3.0, 1.8]
    rows = (_annex_row(row, with_session) for row in annex_rows(sessions))
    sink.table(headers, rows, widths)


def _annex_row(row: AnnexRow, with_session: bool) -> list[str]:
    cells = [
        one_line(row.activity.title),
        row.contribution.text,
        author_group_label(row.contribution.author_group),
        da_timestamp(row.contribution.created_at, row.session.date),
    ]
    return [one_line(row.session.title), *cells] if with_session else cells
