"""Excel workbooks for the secretariat's analysts: a readable summary and one long table.

A session's (or a process's) workbook has two sheets:

* "Resultater": what the meeting was, who took part and what its votes showed, small tables
  one under the other (xlsx_summary);
* "Alle bidrag": every contribution across activities in one Excel table with autofilter
  and a frozen header (xlsx_long), the sheet a pivot table reads.

A session's workbook adds "Spørgsmål" (the parking lot) and "Flip-over-fotos" (which photos
the Word document's annex holds) when it has any.

Cell rules (formula neutralising, times to the minute) are in xlsx_cells. What a row may say
about its author's group and organisation was decided by contributions.privacy in the builder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook

from facilitator.core.i18n import gettext as _

from .report import ProcessReport, SessionReport
from .sink import PHOTO_IN_DOCX
from .text import one_line
from .xlsx_cells import MAX_CELL_CHARS, Bold, set_widths, write_rows
from .xlsx_long import write_long_sheet
from .xlsx_summary import process_summary, session_summary, write_summary_sheet

MAX_SHEET_TITLE = 31
_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Block:
    """One table on a sheet of its own: a header row and data rows."""

    headers: Sequence[str]
    widths: Sequence[float]
    rows: list[Sequence[object]] = field(default_factory=list)
    wrap: frozenset[int] = frozenset()  # column indexes with long text


# --- public API ------------------------------------------------------------------------


def render_session_xlsx(report: SessionReport) -> bytes:
    """The session's summary sheet and its long table of contributions."""
    workbook = Workbook(write_only=True)  # streaming: ~3x faster for large sessions
    titles = SheetTitles()
    write_summary_sheet(workbook, titles.make(_("Resultater")), session_summary(report))
    write_long_sheet(workbook, titles.make(_("Alle bidrag")), [report], with_session=False)
    if report.parking:  # the parking lot: one row per item, with its votes
        sheet = workbook.create_sheet(titles.make(_("Spørgsmål")))
        set_widths(sheet, (70.0, 14.0, 10.0))
        sheet.freeze_panes = "A2"
        rows = [
            (row.text, _("Besvaret") if row.answered else _("Åben"), row.votes)
            for row in report.parking
        ]
        write_rows(
            sheet, [Bold((_("Spørgsmål"), _("Status"), _("Stemmer"))), *rows], frozenset({0})
        )
    _write_photos(workbook, titles, report)
    return _saved(workbook)


def _write_photos(workbook: Workbook, titles: SheetTitles, report: SessionReport) -> None:
    """The flip-over photos, one row each: a workbook holds no pictures, so it says which
    exist and where they are (the Word document's annex), for an analyst counting sources."""
    photos = [(activity, photo) for activity in report.activities for photo in activity.photos]
    if not photos:
        return
    sheet = workbook.create_sheet(titles.make(_("Flip-over-fotos")))
    set_widths(sheet, (40.0, 8.0, 26.0, 18.0, 40.0))
    sheet.freeze_panes = "A2"
    headers = (_("Aktivitet"), _("Bord"), _("Fil"), _("Tilføjet"), _("Billedet"))
    rows = [
        (activity.title, photo.table_number, photo.file_name, photo.created_at, _(PHOTO_IN_DOCX))
        for activity, photo in photos
    ]
    write_rows(sheet, [Bold(headers), *rows], frozenset({0}))


def render_process_xlsx(report: ProcessReport) -> bytes:
    """Every meeting of the process: one summary sheet, one long table with a "Møde" column."""
    workbook = Workbook(write_only=True)
    titles = SheetTitles()
    write_summary_sheet(workbook, titles.make(_("Resultater")), process_summary(report))
    write_long_sheet(workbook, titles.make(_("Alle bidrag")), report.sessions, with_session=True)
    return _saved(workbook)


def render_table_xlsx(sheet_title: str, block: Block) -> bytes:
    """A workbook of one sheet holding one table (the status report's), written with the
    same cell rules (formula neutralising, dates, widths) as the session workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SheetTitles().make(sheet_title))
    set_widths(sheet, block.widths[: len(block.headers)])
    sheet.freeze_panes = "A2"  # header row stays visible while scrolling
    write_rows(sheet, [Bold(block.headers), *block.rows], block.wrap)
    return _saved(workbook)


def _saved(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class SheetTitles:
    """Valid, unique (case-insensitively, as Excel compares) sheet titles."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, wanted: str) -> str:
        base = one_line(_BAD_TITLE_CHARS.sub(" ", one_line(wanted))).strip("'") or _("Ark")
        if base.casefold() == "history":  # reserved by Excel
            base = _("History (ark)")
        title, n = base[:MAX_SHEET_TITLE].strip(), 1
        while title.casefold() in self.used:
            n += 1
            suffix = f" ({n})"
            title = base[: MAX_SHEET_TITLE - len(suffix)].strip() + suffix
        self.used.add(title.casefold())
        return title


__all__ = [
    "MAX_CELL_CHARS",
    "Block",
    "SheetTitles",
    "render_process_xlsx",
    "render_session_xlsx",
    "render_table_xlsx",
]
