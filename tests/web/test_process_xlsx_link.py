"""Issue 23: the process page offers the process workbook, and it downloads."""

from __future__ import annotations

import io

import openpyxl


def test_process_page_links_the_workbook(facilitator, live_session) -> None:
    base = f"/facilitate/processes/{live_session.process_id}"
    page = facilitator.get(base).get_data(as_text=True)
    assert f'href="{base}/export.xlsx"' in page and "Hent Excel-ark (.xlsx)" in page
    response = facilitator.get(f"{base}/export.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Resultater", "Alle bidrag"]
    assert facilitator.get(f"{base}/export.json").status_code == 400
