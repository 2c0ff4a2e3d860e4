"""The status table DAS reads at its meetings (seed 003): "Status på <forløb>", the meeting it is
for, the optional "Overordnet samarbejde", then one table per focus area with Initiativ | Status |
Forventet DAS behandling. Plain data in, Sink calls out; facilitator/export/status_builder.py
reads the database and facilitator/export/status_files.py renders the files. write_status only
calls a Sink, so the process document writes the same section (docx_writer imports the process
document's sections, which import this module: the renderers live apart).

The forum is named once, in the column's header; a cell says only when ("Marts 2023"), or that
it was handled ("Behandlet i oktober 2022"), or which other forum handles it. Who carries an
initiative is a line of its own in the status cell, only where it is known (the XLSX has a
column for it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_date, da_month, da_planned

from .docx_tables import CellLines
from .sink import TEXT_WIDTH_CM, Sink

NO_STATUS = N_("Ingen status endnu.")
DONE = "done"  # followup.services.STAGES: the stage whose handling lies behind it
# Seed 003's three columns share the page: the initiative and its status get the most room.
DOCX_WIDTHS_CM = (0.34 * TEXT_WIDTH_CM, 0.40 * TEXT_WIDTH_CM, 0.26 * TEXT_WIDTH_CM)
XLSX_HEADERS = (
    N_("Fokusområde"),
    N_("Initiativ"),
    N_("Status"),
    N_("Stade"),
    N_("Ansvarlig"),
    N_("Forum"),
    N_("Tidspunkt"),
    N_("Senest ændret"),
)
XLSX_WIDTHS = (28, 50, 60, 12, 20, 20, 18, 17)


@dataclass(frozen=True)
class StatusRow:
    initiative: str
    status: str
    carried_by: str
    forum: str  # where it is handled: the report's forum, or another ("Tværsektorielt FU")
    expected_on: date | None  # the first of the month when only the month is known
    expected_precision: str  # "day" | "month"
    changed_at: datetime | None  # the latest status change, Danish local time, to the minute
    stage: str = "planned"  # followup.services.STAGES
    stage_label: str = ""  # the stage in the document's language ("I gang")


@dataclass(frozen=True)
class StatusGroup:
    heading: str  # "Fokusområde 1: …", or the initiatives across them
    rows: tuple[StatusRow, ...]
    label: str = ""  # the focus area's own name, for the XLSX column ("" = the heading)


@dataclass(frozen=True)
class StatusReport:
    process_title: str
    groups: tuple[StatusGroup, ...]
    generated_at: datetime
    forum: str  # who reads it: seed 003's "Forventet DAS behandling"
    meeting_on: date | None = None  # the meeting the status is for, if known
    meeting_precision: str = "day"  # "month" where only the plan's month is known
    overall: str = ""  # seed 003's "Overordnet samarbejde" (lines; "- " starts a bullet)

    @property
    def title(self) -> str:  # the document's title (docx_writer reads `title`)
        return _("Status på %(title)s", title=self.process_title)


def meeting_line(report: StatusReport) -> str:
    """Seed 003's "DAS møde d. 25. maj 2020" ("DAS møde i august 2022" for a month)."""
    if report.meeting_on is None:
        return ""
    if report.meeting_precision == "month":
        return _(
            "%(forum)s møde i %(month)s", forum=report.forum, month=da_month(report.meeting_on)
        )
    return _("%(forum)s møde d. %(date)s", forum=report.forum, date=da_date(report.meeting_on))


def _when(row: StatusRow) -> str:
    """ "i oktober 2022" / "d. 12. oktober 2022" ("in October 2022" / "on 12 October 2022")."""
    assert row.expected_on is not None
    if row.expected_precision == "month":
        return _("i %(month)s", month=da_month(row.expected_on))
    return _("d. %(date)s", date=da_date(row.expected_on))


def handling_cell(row: StatusRow, forum: str) -> str:
    """The third column: when (the header names the forum), "Behandlet …" once done, and the
    forum only where it is another than the header's."""
    own = row.forum.casefold().strip() in ("", forum.casefold().strip())
    done = row.stage == DONE
    if row.expected_on is None:
        if done:
            return _("Behandlet") if own else _("Behandlet i %(forum)s", forum=row.forum)
        return "" if own else row.forum
    if done:
        if own:
            return _("Behandlet %(when)s", when=_when(row))
        return _("Behandlet i %(forum)s %(when)s", forum=row.forum, when=_when(row))
    when = da_planned(row.expected_on, row.expected_precision)
    if own:
        return when[:1].upper() + when[1:]
    return _("%(forum)s %(when)s", forum=row.forum, when=_when(row))


def status_cell(row: StatusRow) -> str:
    """The status, then who carries it on a line of its own, only where that is known."""
    status = row.status or _(NO_STATUS)
    if row.carried_by:
        return CellLines(status + "\n" + _("Ansvarlig: %(who)s", who=row.carried_by))
    return status


def overall_blocks(text: str) -> list[tuple[str, list[str]]]:
    """The text as seed 003 shows it: paragraphs, each with the bullets below it. A line that
    starts with "-", "•" or "*" and a space is a bullet; other lines are paragraphs (the first
    is "" when the text starts with bullets)."""
    blocks: list[tuple[str, list[str]]] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if line[0] in "-•*" and line[1:2] == " ":
            if not blocks:
                blocks.append(("", []))
            blocks[-1][1].append(line[2:])
        else:
            blocks.append((line, []))
    return blocks


def write_status(sink: Sink, report: StatusReport, level: int = 0) -> None:
    """The status report through any Sink. `level` 0: a document of its own (the title is the
    document's); 1 or more: a section of another document (the process document), its title a
    heading at `level` and its tables' headings one below."""
    if level <= 0:
        sink.title(report.title)
    else:
        sink.heading(report.title, level)
    below = max(level, 0) + 1
    line = meeting_line(report)
    if line:
        sink.bullets([line])
    blocks = overall_blocks(report.overall)
    if blocks:
        sink.heading(_("Overordnet samarbejde"), below)
        for paragraph, bullets in blocks:
            if paragraph:
                sink.paragraph(paragraph)
            if bullets:
                sink.bullets(bullets)
    if not report.groups:
        sink.paragraph(_("Der følges endnu ingen initiativer i dette forløb."), "italic")
    headers = (_("Initiativ"), _("Status"), _("Forventet %(forum)s behandling", forum=report.forum))
    for group in report.groups:
        sink.heading(group.heading, below)
        sink.table(
            headers,
            [
                (row.initiative, status_cell(row), handling_cell(row, report.forum))
                for row in group.rows
            ],
            DOCX_WIDTHS_CM,
        )
