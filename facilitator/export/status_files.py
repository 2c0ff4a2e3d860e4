"""The status table (export.status_report) as files: Word through the DocxSink, Excel as one
sheet. Apart from status_report because docx_writer imports the process document, whose
status section imports status_report."""

from __future__ import annotations

from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_planned

from .docx_writer import DocxOptions, DocxSink
from .status_report import XLSX_HEADERS, XLSX_WIDTHS, StatusReport, write_status
from .xlsx_writer import Block, render_table_xlsx


def render_status_docx(report: StatusReport, options: DocxOptions | None = None) -> bytes:
    sink = DocxSink(report.title, report, options)  # type: ignore[arg-type]  # duck-typed
    write_status(sink, report)
    return sink.to_bytes()


def render_status_xlsx(report: StatusReport) -> bytes:
    """One sheet, one row per initiative, for the secretariat's own sorting: who carries it,
    the stage, the forum and the time each in a column of their own."""
    block = Block(tuple(_(header) for header in XLSX_HEADERS), XLSX_WIDTHS, wrap=frozenset({1, 2}))
    block.rows = [
        (
            group.label or group.heading,
            row.initiative,
            row.status,
            row.stage_label,
            row.carried_by,
            row.forum,
            "" if row.expected_on is None else da_planned(row.expected_on, row.expected_precision),
            row.changed_at,
        )
        for group in report.groups
        for row in group.rows
    ]
    return render_table_xlsx(_("Status"), block)
