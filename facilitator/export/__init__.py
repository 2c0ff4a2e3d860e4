"""Pure document renderers for session output (no Flask, no database).

Build a `SessionReport`/`ProcessReport` elsewhere, then render it to DOCX, XLSX or Markdown.
"""

from .docx_writer import render_process_docx, render_session_docx
from .markdown_writer import escape_markdown, render_process_markdown, render_session_markdown
from .report import (
    SUPPRESSED,
    ActivityReport,
    CountRow,
    DilemmaSideResult,
    GroupBreakdown,
    ProcessReport,
    ReportContribution,
    ReportTheme,
    SessionReport,
    TopicResult,
)
from .text import clean
from .xlsx_writer import render_session_xlsx

__all__ = [
    "SUPPRESSED",
    "ActivityReport",
    "CountRow",
    "DilemmaSideResult",
    "GroupBreakdown",
    "ProcessReport",
    "ReportContribution",
    "ReportTheme",
    "SessionReport",
    "TopicResult",
    "clean",
    "escape_markdown",
    "render_process_docx",
    "render_process_markdown",
    "render_session_docx",
    "render_session_markdown",
    "render_session_xlsx",
]
