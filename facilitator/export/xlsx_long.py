"""The analyst's sheet: every contribution of a session (or a whole process) in one long table.

One row per contribution across activities, as an Excel table (autofilter, banded rows,
frozen header) that a pivot table or a filter reads directly. Group and organisation are the
ones contributions.privacy lets a row carry (the builder decided them; blank when withheld),
the time is to the minute (xlsx_cells), and "Enige" is blank where nobody could agree (a
dilemma's reasons), never a misleading 0.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from facilitator.core.i18n import N_, pgettext
from facilitator.core.i18n import gettext as _

from .report import (
    SessionReport,
    activity_contributions,
    author_group_label,
    group_text,
    theme_label,
)
from .text import one_line
from .xlsx_cells import BOLD, cell, set_widths

# (header msgid, width, wraps); the dilemma's side is added by long_headers (pgettext)
COLUMNS = (
    (N_("Aktivitet"), 30, True),
    (N_("Type"), 14, False),
    (N_("Fokusområde"), 20, False),
    (N_("Tema"), 24, True),
    (N_("Bidrag"), 70, True),
    ("side", 18, False),
    (N_("Enige"), 8, False),
    (N_("Interessentgruppe"), 20, False),
    (N_("Organisation"), 26, False),
    (N_("Tidspunkt"), 17, False),
    (N_("Fremhævet"), 11, False),
)
SESSION_COLUMN = (N_("Møde"), 30, True)
# Only the agreement a phone could give: statements in a text activity ("Enig"), never a
# dilemma's reason or a check-in's words.
NO_AGREEMENT = frozenset({"dilemma", "wordcloud"})


def _columns(with_session: bool) -> tuple[tuple[str, float, bool], ...]:
    return (SESSION_COLUMN, *COLUMNS) if with_session else COLUMNS


def long_headers(with_session: bool) -> list[str]:
    return [
        pgettext("dilemma", "Side") if key == "side" else _(key)
        for key, _width, _wrap in _columns(with_session)
    ]


def long_rows(sessions: Sequence[SessionReport], with_session: bool) -> Iterator[list[object]]:
    """One row per contribution, in the order the activities were held."""
    for session in sessions:
        for activity in session.activities:
            agreement = activity.kind not in NO_AGREEMENT
            for theme, contribution in activity_contributions(activity):
                row: list[object] = [
                    one_line(activity.title),
                    activity.kind_label,
                    activity.focus_area or "",
                    theme_label(theme),
                    contribution.text,
                    contribution.side or "",
                    contribution.endorsements if agreement else None,
                    group_text(author_group_label(contribution.author_group)),
                    contribution.organisation or "",
                    contribution.created_at,
                    _("Ja") if contribution.highlighted else "",
                ]
                yield [one_line(session.title), *row] if with_session else row


def table_name(title: str) -> str:
    """An Excel table's name: letters, digits and underscores, starting with a letter."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", title).strip("_") or "Table"
    return name if name[0].isalpha() else f"T_{name}"


def write_long_sheet(
    workbook: Workbook, title: str, sessions: Sequence[SessionReport], with_session: bool
) -> int:
    """The long table on its own sheet; returns the number of contribution rows."""
    sheet = workbook.create_sheet(title)
    columns = _columns(with_session)
    set_widths(sheet, [width for _key, width, _wrap in columns])
    sheet.freeze_panes = "A2"  # the header stays while scrolling
    headers = long_headers(with_session)
    wraps = frozenset(i for i, (_key, _width, wraps) in enumerate(columns) if wraps)
    sheet.append([cell(sheet, header, BOLD) for header in headers])
    count = 0
    for row in long_rows(sessions, with_session):
        sheet.append([cell(sheet, value, None, i in wraps) for i, value in enumerate(row)])
        count += 1
    last = get_column_letter(len(headers))
    if count:  # an Excel table needs a data row; an empty sheet keeps its header only
        ref = f"A1:{last}{count + 1}"
        table = Table(
            displayName=table_name(title),
            ref=ref,
            tableColumns=[TableColumn(id=i, name=h) for i, h in enumerate(headers, 1)],
            autoFilter=AutoFilter(ref=ref),
            tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True),
        )
        with warnings.catch_warnings():  # openpyxl warns in write-only mode, whose table
            warnings.simplefilter("ignore", UserWarning)  # columns we set above
            sheet.add_table(table)
    else:
        sheet.auto_filter.ref = f"A1:{last}1"
    return count


__all__ = ["long_headers", "long_rows", "table_name", "write_long_sheet"]
