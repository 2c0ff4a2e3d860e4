"""Excel workbook for the secretariat's own sorting and counting.

Formula injection policy (participant text such as "=cmd|' /C calc'!A0", "-1", "@SUM(1)"):
every text cell is written as an inline *string* (data_type "s"), never as a formula, so
Excel and LibreOffice show it verbatim and do not evaluate it on open. Cells whose text
could be read as a formula are additionally given Excel's own "quotePrefix" cell style:
that is exactly what Excel stores when a user types '=1+1, i.e. "this is text", so the text
also stays inert when a user edits the cell (F2, Enter). We deliberately do NOT prepend a
visible apostrophe or U+2019: contributions such as "- Vi skal ..." or "+45 ..." are common
and committees must read them unchanged. (If someone saves the sheet as CSV, the CSV is no
longer ours; that consumer must guard its own import.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from facilitator.core.i18n import N_, current_locale, pgettext
from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_date, local

from .phrases import share_fraction, suppressed_label
from .report import (
    ActivityReport,
    GroupBreakdown,
    ReportContribution,
    SessionReport,
    activity_contributions,
    author_group_label,
    group_label,
    group_text,
    organisation_text,
    theme_label,
)
from .text import clean, looks_like_formula, one_line

MAX_CELL_CHARS = 32_767  # Excel's hard limit; longer cells make Excel "repair" the file
MAX_SHEET_TITLE = 31
_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
DATETIME_FORMATS = {"da": "dd-mm-yyyy hh:mm", "en": "dd/mm/yyyy hh:mm"}  # as each reader writes
PERCENT_FORMAT = "0.0%"


@dataclass
class Block:
    """A small table: header row + data rows, placed side by side with other blocks."""

    headers: Sequence[str]
    widths: Sequence[float]
    rows: list[Sequence[object]] = field(default_factory=list)
    wrap: frozenset[int] = frozenset()  # column indexes with long text

    def stacked(self, other: Block) -> Block:
        """`other` below this block, its header rendered as a (bold) data row."""
        n = max(len(self.headers), len(other.headers))
        widths = [max(_at(self.widths, i), _at(other.widths, i)) for i in range(n)]
        headers = [*self.headers, *[""] * (n - len(self.headers))]
        rows = [*self.rows, (), _Header(other.headers), *other.rows]
        return Block(headers, widths, rows, self.wrap | other.wrap)


def _at(values: Sequence[float], index: int) -> float:
    return values[index] if index < len(values) else 0


class _Header(tuple):
    """A row inside a block that should look like a header."""


# --- public API ------------------------------------------------------------------------


def render_session_xlsx(report: SessionReport) -> bytes:
    """Workbook with a "Deltagere" sheet and one sheet per activity."""
    workbook = Workbook(write_only=True)  # streaming: ~3x faster for large sessions
    titles = SheetTitles()
    _write_sheet(workbook, titles.make(_("Deltagere")), _participant_blocks(report))
    for number, activity in enumerate(report.activities, 1):
        _write_sheet(
            workbook, titles.make(sheet_name(number, activity)), _activity_blocks(activity)
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_table_xlsx(sheet_title: str, block: Block) -> bytes:
    """A workbook of one sheet holding one table (the status report's), written with the
    same cell rules (formula neutralising, dates, widths) as the session workbook."""
    workbook = Workbook(write_only=True)
    _write_sheet(workbook, SheetTitles().make(sheet_title), [block])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_name(number: int, activity: ActivityReport) -> str:
    """ "3 Fokus på psykiatrien": an initiative's sheet is named by its focus area, which
    its title ("Initiativforslag: ...") would push past Excel's 31 characters."""
    if activity.kind == "initiative" and activity.focus_area:
        return f"{number} {activity.focus_area}"
    return f"{number} {activity.title}"


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


# --- blocks ----------------------------------------------------------------------------


def _participant_blocks(report: SessionReport) -> list[Block]:
    facts = Block(
        (_("Oplysning"), _("Værdi")),
        (22, 40),
        [
            (_("Møde"), report.title),
            (_("Type"), report.kind_label),
            (_("Proces"), report.process_title or ""),
            (_("Dato"), da_date(report.date)),
            (_("Sted"), report.venue),
            (_("Deltagere i alt"), report.participant_count),
            (_("Dannet"), local(report.generated_at)),
        ],
    )
    groups = Block(
        (_("Interessentgruppe"), _("Antal")),
        (24, 12),
        [(group_text(group_label(r.label)), _count(r.count)) for r in report.by_group],
    )
    organisations = Block(
        (_("Organisation"), _("Antal")),
        (32, 12),
        [(organisation_text(r.label), _count(r.count)) for r in report.by_organisation],
    )
    return [facts, groups, organisations]


def _count(count: int | None) -> object:
    return suppressed_label() if count is None else count


CONTRIBUTION_HEADERS = (
    N_("Bidrag"),
    N_("Enige"),
    N_("Interessentgruppe"),
    N_("Organisation"),
    N_("Tidspunkt"),
    N_("Fremhævet"),
)
CONTRIBUTION_WIDTHS = (70, 8, 20, 28, 17, 11)


def _contribution_headers() -> tuple[str, ...]:
    return tuple(_(header) for header in CONTRIBUTION_HEADERS)


def _contribution_cells(contribution: ReportContribution) -> tuple[object, ...]:
    return (
        contribution.text,
        contribution.endorsements,
        group_text(author_group_label(contribution.author_group)),
        contribution.organisation or "",
        local(contribution.created_at),
        _("Ja") if contribution.highlighted else "",
    )


def _activity_blocks(activity: ActivityReport) -> list[Block]:
    if activity.kind == "topic_vote":
        return _topic_blocks(activity)
    if activity.kind == "dilemma":
        return _dilemma_blocks(activity)
    block = Block(
        (_("Tema"), *_contribution_headers()), (26, *CONTRIBUTION_WIDTHS), wrap=frozenset({1})
    )
    block.rows = [
        (theme_label(theme), *_contribution_cells(c))
        for theme, c in activity_contributions(activity)
    ]
    return [block, _about(activity)]


def _about(activity: ActivityReport) -> Block:
    return Block(
        (_("Aktivitet"), ""),
        (18, 50),
        [
            (_("Titel"), activity.title),
            (_("Type"), activity.kind_label),
            (_("Oplæg"), activity.prompt),
            (_("Fokusområde"), activity.focus_area or ""),
            (_("Bidrag"), activity.contribution_count),
            (_("Sekretariatets note"), activity.note),
            (_("Opsummering"), activity.summary),
        ],
        wrap=frozenset({1}),
    )


def _dilemma_blocks(activity: ActivityReport) -> list[Block]:
    side_header = pgettext("dilemma", "Side")
    reasons = Block(
        (side_header, _("Tema"), *_contribution_headers()),
        (22, 24, *CONTRIBUTION_WIDTHS),
        wrap=frozenset({2}),
    )
    reasons.rows = [
        (side.label, theme_label(theme.label), *_contribution_cells(c))
        for side in activity.sides
        for theme in side.themes
        for c in theme.contributions
    ]
    distribution = Block(
        (side_header, _("Antal"), _("Andel")),
        (24, 10, 10),
        [(s.label, s.count, _Percent(share_fraction(s.share))) for s in activity.sides],
    )
    sides = [s.label for s in activity.sides]
    by_group = Block(
        (_("Interessentgruppe"), _("Deltagere"), *sides),
        (24, 10, 10),
        [_group_row(g, sides) for g in activity.by_group],
    )
    summary = _about(activity).stacked(distribution).stacked(by_group)
    return [reasons, summary]


def _group_row(breakdown: GroupBreakdown, sides: list[str]) -> tuple[object, ...]:
    if breakdown.counts is None:  # suppressed: neither counts nor the group's size
        return (group_text(group_label(breakdown.group)), *[suppressed_label()] * (len(sides) + 1))
    counts = {row.label: row.count for row in breakdown.counts}
    return (
        group_text(group_label(breakdown.group)),
        breakdown.participants,
        *[_count(counts.get(side, 0)) for side in sides],
    )


def _topic_blocks(activity: ActivityReport) -> list[Block]:
    topics = Block(
        (_("Placering"), _("Emne"), _("Stemmer")),
        (10, 50, 10),
        [(t.rank, t.label, t.votes) for t in activity.topics],
        wrap=frozenset({1}),
    )
    about = _about(activity)
    about.rows.append((_("Stemmeafgivere"), activity.voters))
    return [topics, about]


class _Percent(float):
    """Marks a fraction to be shown with a percent number format."""


# --- sheet writing -----------------------------------------------------------------------


def _write_sheet(workbook: Workbook, title: str, blocks: list[Block]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"  # header row stays visible while scrolling
    offsets = _set_widths(sheet, blocks)
    wraps = {offset + i for block, offset in zip(blocks, offsets, strict=True) for i in block.wrap}
    header_row = [""] * (offsets[-1] + len(blocks[-1].headers))
    for block, offset in zip(blocks, offsets, strict=True):
        header_row[offset : offset + len(block.headers)] = block.headers
    sheet.append([_cell(sheet, v, bold=True) for v in header_row])
    for row in _side_by_side(blocks, offsets, len(header_row)):
        bold = isinstance(row, _Header)
        sheet.append([_cell(sheet, v, bold=bold, wrap=i in wraps) for i, v in enumerate(row)])


def _set_widths(sheet, blocks: list[Block]) -> list[int]:
    """Column widths per block; returns each block's first column (one gap column)."""
    offsets, column = [], 0
    for block in blocks:
        offsets.append(column)
        for i, width in enumerate(block.widths[: len(block.headers)]):
            sheet.column_dimensions[get_column_letter(column + i + 1)].width = width
        column += len(block.headers) + 1
        sheet.column_dimensions[get_column_letter(column)].width = 3
    return offsets


def _side_by_side(blocks: list[Block], offsets: list[int], width: int) -> Iterable[Sequence]:
    height = max(len(b.rows) for b in blocks)
    for index in range(height):
        row: list[object] = [None] * width
        is_header = False
        for block, offset in zip(blocks, offsets, strict=True):
            if index < len(block.rows):
                cells = block.rows[index]
                row[offset : offset + len(cells)] = cells
                is_header = is_header or isinstance(cells, _Header)
        yield _Header(row) if is_header else row


def _cell(sheet, value: object, bold: bool = False, wrap: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        return _text_cell(sheet, value, bold, wrap)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, datetime):
        cell.number_format = DATETIME_FORMATS.get(current_locale(), DATETIME_FORMATS["da"])
    elif isinstance(value, _Percent):
        cell.value = float(value)
        cell.number_format = PERCENT_FORMAT
    if bold:
        cell.font = _BOLD
    cell.alignment = _TOP
    return cell


def _text_cell(sheet, text: str, bold: bool, wrap: bool) -> WriteOnlyCell:
    value = clean(text)
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - 1] + "…"
    cell = WriteOnlyCell(sheet, value)
    if looks_like_formula(value):
        cell.data_type = "s"  # openpyxl made "=..." a formula; force a plain string
        cell.quotePrefix = True  # see module docstring
    if bold:
        cell.font = _BOLD
    cell.alignment = _WRAP if wrap else _TOP
    return cell


__all__ = ["render_session_xlsx", "render_table_xlsx", "Block", "SheetTitles", "MAX_CELL_CHARS"]
