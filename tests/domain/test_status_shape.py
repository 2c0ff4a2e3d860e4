"""The status table in seed 003's shape (issue 23, item 6), read back from the DOCX and XLSX:
Initiativ | Status | Forventet DAS behandling with the forum only in the header, "Ansvarlig" a
line of its own where it is set, the stage turning "Forventet" into "Behandlet", the
"Overordnet samarbejde" text, and the meeting line from the meeting's date."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from facilitator.core.errors import ValidationError
from facilitator.core.i18n import use_locale
from facilitator.export.services import export_status_file
from facilitator.export.status_report import (
    StatusGroup,
    StatusReport,
    StatusRow,
    handling_cell,
    overall_blocks,
    write_status,
)
from facilitator.followup import services as followup
from facilitator.followup.overview import planned_meeting, save_overview
from facilitator.followup.services import InitiativeFields, add_initiative
from facilitator.processes.plan import import_plan_rows
from tests.support.followup_factory import AREAS, workshop_with_proposals

OVERALL = """FU vurderer, at samarbejdet har givet:
- Bedre temadage.
- En anden dialog."""


def _process(db, user):  # noqa: ANN001, ANN202
    """Three initiatives under AREAS[0]: done, ongoing with someone named, and one that
    another forum handles; one across focus areas without anybody named."""
    process = workshop_with_proposals(db, user).process
    area = process.focus_areas[0].id

    def add(title: str, stage: str, **fields: object) -> None:
        add_initiative(
            db,
            process,
            InitiativeFields(title=title, focus_area_id=area, **fields),  # type: ignore[arg-type]
            status=f"Status for {title}",
            stage=stage,
            by="Anne",
        )

    add("Temadag", "done", expected_on=date(2020, 3, 1))
    add("Pjece", "ongoing", carried_by="Arbejdsgruppen", expected_on=date(2020, 10, 1))
    add(
        "Beskæftigelse",
        "waiting",
        expected_forum="Tværsektorielt FU",
        expected_on=date(2020, 5, 28),
        expected_precision="day",
    )
    add_initiative(db, process, InitiativeFields(title="Nyhedsbrev"), status="Pauset")
    return process


def _cells(document) -> list[list[list[str]]]:  # noqa: ANN001
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_docx_has_seed_003s_columns_and_cells(db, user) -> None:
    process = _process(db, user)
    result = export_status_file(db, process, "docx", actor="test", meeting_on=date(2020, 5, 25))
    document = Document(BytesIO(result.content))
    tables = _cells(document)
    for table in tables:
        assert table[0] == ["Initiativ", "Status", "Forventet DAS behandling"]
    area = tables[1]  # the initiatives across focus areas come first
    assert area[1:] == [
        ["Temadag", "Status for Temadag", "Behandlet i marts 2020"],
        ["Pjece", "Status for Pjece\nAnsvarlig: Arbejdsgruppen", "Oktober 2020"],
        ["Beskæftigelse", "Status for Beskæftigelse", "Tværsektorielt FU d. 28. maj 2020"],
    ]
    assert tables[0][1] == ["Nyhedsbrev", "Pauset", ""]
    every_cell = [cell for table in tables for row in table[1:] for cell in row]
    assert not any(cell.startswith("DAS") for cell in every_cell)  # the forum is the header's
    assert not any("(Ansvarlig" in cell for cell in every_cell)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Tværgående initiativer", f"Fokusområde 1: {AREAS[0]}"]
    assert "DAS møde d. 25. maj 2020" in [p.text for p in document.paragraphs]
    assert "Overordnet samarbejde" not in headings  # nothing written: no section


def test_overall_text_and_saved_meeting(db, user) -> None:
    process = _process(db, user)
    save_overview(db, process, overall=OVERALL, meeting_on=date(2020, 8, 20))
    document = Document(BytesIO(export_status_file(db, process, "docx", actor="t").content))
    paragraphs = [(p.text, p.style.name) for p in document.paragraphs if p.text]
    texts = [text for text, _style in paragraphs]
    assert texts[1] == "DAS møde d. 20. august 2020"  # the saved meeting, not today
    start = texts.index("Overordnet samarbejde")
    assert paragraphs[start][1] == "Heading 1"
    assert texts[start + 1 : start + 4] == [
        "FU vurderer, at samarbejdet har givet:",
        "Bedre temadage.",
        "En anden dialog.",
    ]
    assert paragraphs[start + 2][1] == paragraphs[1][1] != paragraphs[start + 1][1]  # bullets
    assert start < texts.index("Tværgående initiativer")  # before the tables, as in seed 003
    given = export_status_file(db, process, "docx", actor="t", meeting_on=date(2020, 10, 1))
    assert "DAS møde d. 1. oktober 2020" in [
        p.text for p in Document(BytesIO(given.content)).paragraphs
    ]
    with pytest.raises(ValidationError, match="Overordnet samarbejde må højst være 5000 tegn"):
        save_overview(db, process, overall="x" * 5001, meeting_on=None)


def test_meeting_from_the_plan_when_none_is_given_or_saved(db, user) -> None:
    process = _process(db, user)
    import_plan_rows(
        db,
        process,
        "Marts 2020\tDAS\tDAS drøfter\n"
        "20. maj 2020\tSocialpolitisk Dialogforum\tDrøftelse\n"
        "25. maj 2020\tDAS\tStatus\n"
        "August 2020\tDAS\tGodkendelse",
    )
    assert planned_meeting(process, "DAS", date(2020, 4, 2)).on == date(2020, 5, 25)
    august = planned_meeting(process, "das", date(2020, 8, 30))
    assert august is not None and (august.on, august.precision) == (date(2020, 8, 1), "month")
    assert planned_meeting(process, "DAS", date(2020, 9, 1)) is None
    with use_locale("da"):
        from facilitator.export.status_builder import build_status_report

        report = build_status_report(process, now=datetime(2020, 5, 1, 9))
        assert (report.meeting_on, report.meeting_precision) == (date(2020, 5, 25), "day")
        later = build_status_report(process, now=datetime(2020, 8, 3, 9))
        assert (later.meeting_on, later.meeting_precision) == (date(2020, 8, 1), "month")
        from facilitator.export.status_report import meeting_line

        assert meeting_line(later) == "DAS møde i august 2020"


def test_stage_is_validated_and_changes_without_a_new_history_row(db, user) -> None:
    process = _process(db, user)
    pjece = next(i for i in process.tracked_initiatives if i.title == "Pjece")
    with pytest.raises(ValidationError, match="Vælg et stade"):
        followup.change_status(db, pjece, "Ny status", by="Bo", stage="færdig")
    db.refresh(pjece)
    assert (pjece.status, pjece.stage) == ("Status for Pjece", "ongoing")
    assert followup.change_status(db, pjece, pjece.status, by="Bo", stage="done")
    assert pjece.stage == "done" and len(pjece.history) == 1
    assert not followup.change_status(db, pjece, pjece.status, by="Bo", stage="done")
    with pytest.raises(ValidationError, match="Vælg et stade"):
        add_initiative(db, process, InitiativeFields(title="X"), stage="")


def test_xlsx_has_ansvarlig_stade_forum_in_columns_of_their_own(db, user) -> None:
    process = _process(db, user)
    pjece = next(i for i in process.tracked_initiatives if i.title == "Pjece")
    followup.change_status(db, pjece, "Trykt", by="Bo", at=datetime(2020, 5, 20, 9, 14, 37))
    sheet = load_workbook(BytesIO(export_status_file(db, process, "xlsx", actor="t").content))
    rows = list(sheet.active.iter_rows(values_only=True))
    assert rows[0] == (
        "Fokusområde",
        "Initiativ",
        "Status",
        "Stade",
        "Ansvarlig",
        "Forum",
        "Tidspunkt",
        "Senest ændret",
    )
    by_title = {row[1]: row for row in rows[1:]}
    assert by_title["Pjece"][:7] == (
        AREAS[0],  # the focus area's name, not the document's numbered heading
        "Pjece",
        "Trykt",
        "I gang",
        "Arbejdsgruppen",
        "DAS",
        "oktober 2020",
    )
    assert by_title["Pjece"][7] == datetime(2020, 5, 20, 11, 14)  # to the minute, Danish time
    assert by_title["Temadag"][3] == "Afsluttet"
    assert by_title["Beskæftigelse"][5:7] == ("Tværsektorielt FU", "28. maj 2020")


def _row(**fields: object) -> StatusRow:
    values: dict[str, object] = {
        "initiative": "Pjece",
        "status": "Skrives",
        "carried_by": "",
        "forum": "DAS",
        "expected_on": date(2022, 10, 1),
        "expected_precision": "month",
        "changed_at": None,
        "stage": "ongoing",
    }
    values.update(fields)
    return StatusRow(**values)  # type: ignore[arg-type]


def test_handling_cell_in_danish_and_english() -> None:
    cases = [
        ({}, "Oktober 2022", "October 2022"),
        ({"stage": "done"}, "Behandlet i oktober 2022", "Considered in October 2022"),
        (
            {"stage": "done", "expected_on": date(2022, 12, 14), "expected_precision": "day"},
            "Behandlet d. 14. december 2022",
            "Considered on 14 December 2022",
        ),
        ({"forum": "FU"}, "FU i oktober 2022", "FU in October 2022"),
        ({"forum": "FU", "stage": "done"}, "Behandlet i FU i oktober 2022", None),
        ({"expected_on": None}, "", ""),
        ({"expected_on": None, "stage": "done"}, "Behandlet", "Considered"),
        ({"expected_on": None, "forum": "FU"}, "FU", "FU"),
        ({"forum": ""}, "Oktober 2022", "October 2022"),
    ]
    for fields, danish, english in cases:
        with use_locale("da"):
            assert handling_cell(_row(**fields), "DAS") == danish, fields
        if english is not None:
            with use_locale("en"):
                assert handling_cell(_row(**fields), "DAS") == english, fields


def test_overall_blocks() -> None:
    assert overall_blocks(OVERALL) == [
        ("FU vurderer, at samarbejdet har givet:", ["Bedre temadage.", "En anden dialog."])
    ]
    assert overall_blocks("- Først et punkt\n\nSå   et afsnit\n• og\n-uden mellemrum") == [
        ("", ["Først et punkt"]),
        ("Så et afsnit", ["og"]),
        ("-uden mellemrum", []),
    ]
    assert overall_blocks("  \n") == []


class _Recorder:
    """A Sink that records its calls (write_status calls nothing else)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def __getattr__(self, name: str):  # noqa: ANN204
        return lambda *args, **kwargs: self.calls.append((name, args))


def test_write_status_as_a_section_of_another_document() -> None:
    report = StatusReport(
        process_title="Nordjysk Socialaftale",
        groups=(StatusGroup("Fokusområde 1: Psykiatri", (_row(carried_by="FU"),)),),
        generated_at=datetime(2022, 11, 1),
        forum="DAS",
        meeting_on=date(2022, 11, 3),
        overall="Samarbejdet er godt.",
    )
    sink = _Recorder()
    with use_locale("en"):
        write_status(sink, report, level=2)  # type: ignore[arg-type]
    names = [name for name, _args in sink.calls]
    assert "title" not in names
    assert sink.calls[0] == ("heading", ("Status of Nordjysk Socialaftale", 2))
    assert ("bullets", (["DAS meeting on 3 November 2022"],)) in sink.calls
    assert ("heading", ("Overall collaboration", 3)) in sink.calls
    assert ("heading", ("Fokusområde 1: Psykiatri", 3)) in sink.calls
    headers, rows, _widths = next(args for name, args in sink.calls if name == "table")
    assert list(headers) == ["Initiative", "Status", "Expected at DAS"]
    assert rows == [("Pjece", "Skrives\nResponsible: FU", "October 2022")]
