"""The status table DAS reads at its meetings (seed 003): "Status på <forløb>", then one table
per focus area with Initiativ | Status | Forventet DAS behandling. Plain data in, bytes out;
facilitator/export/status_builder.py reads the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_date

from .docx_writer import DocxOptions, DocxSink
from .sink import TEXT_WIDTH_CM, Sink
from .xlsx_writer import Block, render_table_xlsx

NO_STATUS = N_("Ingen status endnu.")
# Seed 003's three columns share the page: the initiative and its status get the most room.
DOCX_WIDTHS_CM = (0.34 * TEXT_WIDTH_CM, 0.40 * TEXT_WIDTH_CM, 0.26 * TEXT_WIDTH_CM)
XLSX_HEADERS = (
    N_("Fokusområde"),
    N_("Initiativ"),
    N_("Status"),
    N_("Ansvarlig"),
    N_("Forventet behandling"),
    N_("Senest ændret"),
)
XLSX_WIDTHS = (28, 50, 60, 20, 26, 17)


@dataclass(frozen=True)
class StatusRow:
    initiative: str
    status: str
    carried_by: str
    expected: str  # "DAS, oktober 2022" (followup.services.expected_handling)
    changed_at: datetime | None  # the latest status change, Danish local time


@dataclass(frozen=True)
class StatusGroup:
    heading: str  # a focus area, or the initiatives across them
    rows: tuple[StatusRow, ...]


@dataclass(frozen=True)
class StatusReport:
    process_title: str
    groups: tuple[StatusGroup, ...]
    generated_at: datetime
    forum: str  # who reads it: seed 003's "Forventet DAS behandling"
    meeting_on: date | None = None  # the meeting the status is for, if given

    @property
    def title(self) -> str:  # the document's title (docx_writer reads `title`)
        return _("Status på %(title)s", title=self.process_title)


def meeting_line(report: StatusReport) -> str:
    """Seed 003's "DAS møde d. 25. maj 2020"."""
    return _("%(forum)s møde d. %(date)s", forum=report.forum, date=da_date(report.meeting_on))


def status_cell(row: StatusRow) -> str:
    """The status, then who carries it: seed 003 has no column of its own for that."""
    status = row.status or _(NO_STATUS)
    if row.carried_by:
        return _("%(status)s (Ansvarlig: %(who)s)", status=status, who=row.carried_by)
    return status


def write_status(sink: Sink, report: StatusReport) -> None:
    sink.title(report.title)
    if report.meeting_on is not None:
        sink.bullets([meeting_line(report)])
    if not report.groups:
        sink.paragraph(_("Der følges endnu ingen initiativer i dette forløb."), "italic")
    headers = (_("Initiativ"), _("Status"), _("Forventet %(forum)s behandling", forum=report.forum))
    for group in report.groups:
        sink.heading(group.heading, level=1)
        sink.table(
            headers,
            [(row.initiative, status_cell(row), row.expected) for row in group.rows],
            DOCX_WIDTHS_CM,
        )


def render_status_docx(report: StatusReport, options: DocxOptions | None = None) -> bytes:
    sink = DocxSink(report.title, report, options)  # type: ignore[arg-type]  # duck-typed
    write_status(sink, report)
    return sink.to_bytes()


def render_status_xlsx(report: StatusReport) -> bytes:
    """One sheet, one row per initiative, for the secretariat's own sorting."""
    block = Block(
        tuple(_(header) for header in XLSX_HEADERS), XLSX_WIDTHS, wrap=frozenset({1, 2, 4})
    )
    block.rows = [
        (group.heading, row.initiative, row.status, row.carried_by, row.expected, row.changed_at)
        for group in report.groups
        for row in group.rows
    ]
    return render_table_xlsx(_("Status"), block)
