"""Cell rules shared by every workbook the app writes (session, process, status table).

Formula injection policy (participant text such as "=cmd|' /C calc'!A0", "-1", "@SUM(1)"):
every text cell is written as an inline *string* (data_type "s"), never as a formula, so
Excel and LibreOffice show it verbatim and do not evaluate it on open. Cells whose text
could be read as a formula are additionally given Excel's own "quotePrefix" cell style:
that is exactly what Excel stores when a user types '=1+1, i.e. "this is text", so the text
also stays inert when a user edits the cell (F2, Enter). We deliberately do NOT prepend a
visible apostrophe or U+2019: contributions such as "- Vi skal ..." or "+45 ..." are common
and committees must read them unchanged. (If someone saves the sheet as CSV, the CSV is no
longer ours; that consumer must guard its own import.)

Times are written to the minute (issue 23): a shared file never says when someone pressed
"Send" to the second, which would link a row to a person watching the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from facilitator.core.i18n import current_locale
from facilitator.core.wording import local

from .text import clean, looks_like_formula

MAX_CELL_CHARS = 32_767  # Excel's hard limit; longer cells make Excel "repair" the file
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
DATETIME_FORMATS = {"da": "dd-mm-yyyy hh:mm", "en": "dd/mm/yyyy hh:mm"}  # as each reader writes
PERCENT_FORMAT = "0.0%"


class Bold(tuple):
    """A row written in bold (a header inside a sheet)."""


class Title(tuple):
    """A row written as the sheet's title."""


class Percent(float):
    """Marks a fraction to be shown with a percent number format."""


def to_the_minute(moment: datetime) -> datetime:
    """Local (Copenhagen) time without seconds: what a shared export may say."""
    return local(moment).replace(second=0, microsecond=0)


def set_widths(sheet: WriteOnlyWorksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def write_rows(
    sheet: WriteOnlyWorksheet, rows: Iterable[Sequence[object]], wrap: frozenset[int]
) -> None:
    """Rows as they come; a Bold or Title row is written so, `wrap` columns wrap their text."""
    for row in rows:
        font = TITLE if isinstance(row, Title) else BOLD if isinstance(row, Bold) else None
        sheet.append([cell(sheet, v, font, i in wrap) for i, v in enumerate(row)])


def cell(
    sheet: WriteOnlyWorksheet, value: object, font: Font | None = None, wrap: bool = False
) -> WriteOnlyCell:
    if isinstance(value, str):
        return _text_cell(sheet, value, font, wrap)
    if isinstance(value, datetime):
        value = to_the_minute(value)
    result = WriteOnlyCell(sheet, value)
    if isinstance(value, datetime):
        result.number_format = DATETIME_FORMATS.get(current_locale(), DATETIME_FORMATS["da"])
    elif isinstance(value, Percent):
        result.value = float(value)
        result.number_format = PERCENT_FORMAT
    if font is not None:
        result.font = font
    result.alignment = TOP
    return result


def _text_cell(
    sheet: WriteOnlyWorksheet, text: str, font: Font | None, wrap: bool
) -> WriteOnlyCell:
    value = clean(text)
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - 1] + "…"
    result = WriteOnlyCell(sheet, value)
    if looks_like_formula(value):
        result.data_type = "s"  # openpyxl made "=..." a formula; force a plain string
        result.quotePrefix = True  # see module docstring
    if font is not None:
        result.font = font
    result.alignment = WRAP if wrap else TOP
    return result
