"""Issue 23: no shared export states a time to the second (anonymous JSON, annex text, XLSX)."""

from __future__ import annotations

import re
from datetime import date, datetime

from facilitator.core.wording import da_time, da_timestamp
from facilitator.export.anonymous import anonymous_session
from tests.support.report_factory import make_session_report

MINUTE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d$")


def test_anonymous_json_times_are_to_the_minute() -> None:
    report = make_session_report(30)
    data = anonymous_session(report)
    stamps = [
        c["created_at"]
        for a in data["activities"]
        for t in [*a.get("themes", []), *[t for s in a.get("sides", []) for t in s["themes"]]]
        for c in t["contributions"]
    ]
    assert len(stamps) == 30 and all(MINUTE.match(s) for s in stamps), stamps[:3]
    assert MINUTE.match(data["generated_at"])


def test_annex_time_formatters_have_no_seconds() -> None:
    moment = datetime(2022, 6, 10, 9, 41, 37, 123456)
    assert da_time(moment) == "09.41" or da_time(moment) == "9.41"
    assert "37" not in da_timestamp(moment, date(2022, 6, 10))
    assert "37" not in da_timestamp(moment, None) and "41" in da_timestamp(moment, None)
