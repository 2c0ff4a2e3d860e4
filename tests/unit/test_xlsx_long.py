"""Issue 23, item 7: the workbook an analyst pivots — one long Excel table across activities
(autofilter, frozen header), a readable summary sheet beside nothing, times to the minute,
"Enige" only where agreeing was possible; the same for a whole process."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import load_workbook

from facilitator.core.i18n import use_locale
from facilitator.export.report import activity_contributions
from facilitator.export.xlsx_long import table_name
from facilitator.export.xlsx_writer import render_process_xlsx, render_session_xlsx
from tests.support.report_factory import make_process_report, make_session_report

HEADERS = [
    "Aktivitet",
    "Type",
    "Fokusområde",
    "Tema",
    "Bidrag",
    "Side",
    "Enige",
    "Interessentgruppe",
    "Organisation",
    "Tidspunkt",
    "Fremhævet",
]


def _book(content: bytes):
    return load_workbook(io.BytesIO(content))


def _records(sheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_session_workbook_is_a_summary_and_one_long_table() -> None:
    report = make_session_report(60)
    book = _book(render_session_xlsx(report))
    assert book.sheetnames == ["Resultater", "Alle bidrag"]
    sheet = book["Alle bidrag"]
    assert [c.value for c in sheet[1]] == HEADERS and all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    expected = [(a, c) for a in report.activities for _, c in activity_contributions(a)]
    assert sheet.max_row == len(expected) + 1 and sheet.max_column == len(HEADERS)
    (table,) = sheet.tables.values()
    assert table.ref == f"A1:K{sheet.max_row}" and table.autoFilter.ref == table.ref
    assert [column.name for column in table.tableColumns] == HEADERS
    records = _records(sheet)
    for record, (activity, contribution) in zip(records, expected, strict=True):
        assert record["Aktivitet"] == activity.title and record["Bidrag"] == contribution.text
        assert record["Type"] == activity.kind_label
        assert (record["Fokusområde"] or None) == activity.focus_area
        stamp = record["Tidspunkt"]
        assert isinstance(stamp, datetime) and stamp.second == 0 and stamp.microsecond == 0
        assert stamp == contribution.created_at.replace(second=0)
        if activity.kind == "dilemma":  # nobody can agree with a reason: blank, not 0
            assert record["Enige"] is None and record["Side"] == contribution.side
        else:
            assert record["Enige"] == contribution.endorsements and not record["Side"]
    assert any(c.created_at.second for _, c in expected)  # the model has seconds; XLSX not
    assert {r["Aktivitet"] for r in records} >= {"Vision: Egenmestring"}


def test_summary_sheet_reads_top_down_with_nothing_beside_it() -> None:
    report = make_session_report(40)
    sheet = _book(render_session_xlsx(report))["Resultater"]
    rows = [row for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == report.title and sheet["A1"].font.bold
    first = [row[0] for row in rows if row and row[0] is not None]
    assert "Deltagere i alt" in first and "Interessentgruppe" in first
    widest = max(2 + len(a.sides) for a in report.activities)
    assert sheet.max_column <= max(widest, 4)  # no side tables in columns J-M
    values = {v for row in rows for v in row if v is not None}
    assert "færre end 3" in values  # the suppressed group, as the privacy rule left it
    dilemma = next(a for a in report.activities if a.kind == "dilemma")
    assert dilemma.title in values and all(s.label in values for s in dilemma.sides)
    stamps = [v for row in rows for v in row if isinstance(v, datetime)]
    assert stamps and all(s.second == 0 for s in stamps)


def test_process_workbook_names_the_meeting_of_every_row() -> None:
    report = make_process_report(30)
    book = _book(render_process_xlsx(report))
    assert book.sheetnames == ["Resultater", "Alle bidrag"]
    records = _records(book["Alle bidrag"])
    assert list(records[0])[:2] == ["Møde", "Aktivitet"]
    expected = sum(
        1 for s in report.sessions for a in s.activities for _ in activity_contributions(a)
    )
    assert len(records) == expected
    assert {r["Møde"] for r in records} == {s.title for s in report.sessions}
    summary = [r[0] for r in book["Resultater"].iter_rows(values_only=True) if r]
    assert all(s.title in summary for s in report.sessions)


def test_english_workbook_and_table_name() -> None:
    with use_locale("en"):
        book = _book(render_session_xlsx(make_session_report(20)))
    assert book.sheetnames == ["Results", "All contributions"]
    assert next(iter(book["All contributions"].tables)) == "All_contributions"
    assert table_name("Alle bidrag") == "Alle_bidrag" and table_name("3 år") == "T_3__r"


def test_an_empty_session_still_has_both_sheets() -> None:
    report = make_session_report(0)
    book = _book(render_session_xlsx(report))
    sheet = book["Alle bidrag"]
    assert [c.value for c in sheet[1]] == HEADERS and sheet.max_row == 1
