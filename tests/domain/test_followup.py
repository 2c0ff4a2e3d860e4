"""Initiative follow-up: tracking initiatives from a session's output, their status history,
and the status report in seed 003's shape (DOCX and XLSX read back)."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from facilitator.core.errors import ValidationError
from facilitator.core.i18n import use_locale
from facilitator.export.services import export_status_file
from facilitator.followup import services as followup
from facilitator.followup.services import InitiativeFields
from tests.support.followup_factory import AREAS, workshop_with_proposals


def test_candidates_put_highlighted_first_and_leave_other_activities_out(db, user) -> None:
    workshop = workshop_with_proposals(db, user)
    found = followup.candidates(db, workshop.process)
    assert [c.contribution.id for c in found] == [p.id for p in workshop.proposals]
    assert found[0].contribution.highlighted and not any(c.tracked for c in found)


def test_tracking_takes_the_focus_area_and_refuses_a_second_time(db, user) -> None:
    workshop = workshop_with_proposals(db, user)
    first, later, _ = workshop.proposals
    tracked = followup.track_contributions(db, workshop.process, [first.id, later.id], by="Anne")
    assert [i.title for i in tracked] == [first.text, later.text]
    assert [i.focus_area.name for i in tracked] == AREAS
    assert tracked[0].source_session_id == first.activity.session_id
    assert tracked[0].expected_forum == "DAS" and tracked[0].history == []
    with pytest.raises(ValidationError, match="følges allerede"):
        followup.track_contributions(db, workshop.process, [first.id], by="Anne")
    assert [c.tracked for c in followup.candidates(db, workshop.process)] == [True, True, False]


def test_contributions_from_elsewhere_are_refused_and_nothing_is_saved(db, user) -> None:
    workshop = workshop_with_proposals(db, user)
    elsewhere = workshop_with_proposals(db, user, title="Et andet forløb")
    for wrong in (elsewhere.proposals[0].id, workshop.other.id, 999_999):
        with pytest.raises(ValidationError, match="ikke et initiativforslag"):
            followup.track_contributions(
                db, workshop.process, [workshop.proposals[1].id, wrong], by="Anne"
            )
    assert workshop.process.tracked_initiatives == []
    with pytest.raises(ValidationError, match="Vælg mindst ét"):
        followup.track_contributions(db, workshop.process, [], by="Anne")


def test_typed_initiative_is_validated(db, user) -> None:
    workshop = workshop_with_proposals(db, user)
    process = workshop.process
    with pytest.raises(ValidationError, match="Skriv initiativet"):
        followup.add_initiative(db, process, InitiativeFields(title="  \u200b "))
    with pytest.raises(ValidationError, match="højst være 1000 tegn \\(nu 1001\\)"):
        followup.add_initiative(db, process, InitiativeFields(title="x" * 1001))
    with pytest.raises(ValidationError, match="Status må højst"):
        followup.add_initiative(db, process, InitiativeFields(title="Pjece"), status="x" * 3001)
    with pytest.raises(ValidationError, match="Fokusområdet hører ikke"):
        followup.add_initiative(db, process, InitiativeFields(title="Pjece", focus_area_id=-1))
    made = followup.add_initiative(
        db,
        process,
        InitiativeFields(
            title="Kursuskatalog  om egenmestring", carried_by="FU", expected_on=date(2022, 10, 17)
        ),
        status="Dialog med UCN",
        by="Anne",
    )
    assert made.title == "Kursuskatalog om egenmestring" and made.focus_area is None
    assert made.expected_on == date(2022, 10, 1)  # a month is kept as its first day
    assert [h.status for h in made.history] == ["Dialog med UCN"]
    assert followup.initiative_handling(made) == "DAS, oktober 2022"


def test_expected_handling_wording() -> None:
    with use_locale("da"):
        assert (
            followup.expected_handling("DAS", date(2022, 10, 12), "day") == "DAS, 12. oktober 2022"
        )
        assert followup.expected_handling("", date(2022, 10, 1), "month") == "oktober 2022"
        assert followup.expected_handling("DAS", None, "month") == "DAS"
        assert followup.expected_handling("", None, "day") == ""
    with use_locale("en"):
        assert followup.expected_handling("DAS", date(2022, 10, 1), "month") == "DAS, October 2022"


def test_two_status_changes_make_two_history_rows_and_a_repeat_none(db, user) -> None:
    workshop = workshop_with_proposals(db, user)
    [initiative] = followup.track_contributions(
        db, workshop.process, [workshop.proposals[0].id], by="Anne"
    )
    assert followup.change_status(
        db, initiative, "Pjecen er under udarbejdelse", by="Anne", at=datetime(2020, 3, 1, 9, 0)
    )
    assert followup.change_status(
        db, initiative, " Pjecen er sendt til tryk ", by="Bo", at=datetime(2020, 5, 20, 9, 0)
    )
    assert not followup.change_status(db, initiative, "Pjecen er sendt til tryk", by="Bo")
    db.expire_all()
    assert initiative.status == "Pjecen er sendt til tryk"
    assert [(h.status, h.changed_by, h.changed_at.date()) for h in initiative.history] == [
        ("Pjecen er under udarbejdelse", "Anne", date(2020, 3, 1)),
        ("Pjecen er sendt til tryk", "Bo", date(2020, 5, 20)),
    ]


def test_update_move_and_delete(db, user) -> None:
    workshop = workshop_with_proposals(db, user)
    process = workshop.process
    first, later, also = followup.track_contributions(
        db, process, [p.id for p in workshop.proposals], by="Anne"
    )
    followup.update_initiative(
        db,
        first,
        InitiativeFields(
            title="Pjece",
            focus_area_id=later.focus_area_id,
            carried_by="Arbejdsgruppen",
            expected_forum="DAS",
            expected_on=date(2022, 10, 12),
            expected_precision="day",
        ),
    )
    assert first.focus_area_id == later.focus_area_id and first.carried_by == "Arbejdsgruppen"
    followup.move_initiative(db, also, -1)
    order = [i.title for _, rows in followup.grouped(process) for i in rows]
    assert order == ["Pjece", also.title, later.title]
    followup.move_initiative(db, first, -1)  # first already: nothing changes
    assert [i.title for _, rows in followup.grouped(process) for i in rows] == order
    followup.delete_initiative(db, also)
    assert [i.title for i in process.tracked_initiatives] == ["Pjece", later.title]
    assert followup.overview(process) == [(later.focus_area.name, 2)]


def _tracked_with_history(db, user):  # noqa: ANN001, ANN202
    workshop = workshop_with_proposals(db, user)
    process = workshop.process
    tracked = followup.track_contributions(
        db, process, [p.id for p in workshop.proposals], by="Anne"
    )
    followup.change_status(
        db, tracked[0], "Pjecen er under udarbejdelse", by="Anne", at=datetime(2020, 3, 1, 9)
    )
    followup.change_status(
        db, tracked[0], "=Pjecen er sendt til tryk", by="Anne", at=datetime(2020, 5, 20, 9)
    )
    followup.update_initiative(
        db,
        tracked[0],
        InitiativeFields(
            title=tracked[0].title,
            focus_area_id=tracked[0].focus_area_id,
            carried_by="FU",
            expected_on=date(2020, 10, 1),
        ),
    )
    followup.add_initiative(
        db,
        process,
        InitiativeFields(title="Inspiration på tværs"),
        status="Nyhedsbrevene genoptages efter sommerferien",
        by="Anne",
    )
    return process


def test_status_docx_has_one_table_per_focus_area(db, user) -> None:
    process = _tracked_with_history(db, user)
    result = export_status_file(db, process, "docx", actor="test", meeting_on=date(2020, 5, 25))
    assert result.filename == "Status-på-Nordjysk-Socialaftale-2018-2020.docx"
    document = Document(BytesIO(result.content))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == "Status på Nordjysk Socialaftale 2018-2020"
    assert "DAS møde d. 25. maj 2020" in texts
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Tværgående initiativer",
        f"Fokusområde 1: {AREAS[0]}",
        f"Fokusområde 2: {AREAS[1]}",
    ]
    assert len(document.tables) == 3
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == ["Initiativ", "Status", "Forventet DAS behandling"]
    row = [c.text for c in document.tables[1].rows[1].cells]
    assert row == [
        "Pjece om beskæftigelse for førtidspensionister",
        "=Pjecen er sendt til tryk\nAnsvarlig: FU",
        "Oktober 2020",
    ]
    assert [c.text for c in document.tables[2].rows[1].cells][1] == "Ingen status endnu."


def test_status_xlsx_is_one_sheet_with_neutralised_cells(db, user) -> None:
    process = _tracked_with_history(db, user)
    result = export_status_file(db, process, "xlsx", actor="test")
    sheet = load_workbook(BytesIO(result.content)).active
    rows = list(sheet.iter_rows(values_only=True))
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
    assert len(rows) == 5
    pjece = rows[2]
    assert pjece[:7] == (
        AREAS[0],
        "Pjece om beskæftigelse for førtidspensionister",
        "=Pjecen er sendt til tryk",
        "Planlagt",
        "FU",
        "DAS",
        "oktober 2020",
    )
    assert pjece[7] == datetime(2020, 5, 20, 11, 0)  # Danish summer time
    assert sheet["C3"].data_type == "s" and sheet["C3"].quotePrefix
    assert rows[3][7] is None  # no status yet: no change date


def test_status_export_refuses_other_formats(db, user) -> None:
    process = workshop_with_proposals(db, user).process
    with pytest.raises(ValidationError, match="docx eller xlsx"):
        export_status_file(db, process, "md", actor="test")
    docx = export_status_file(db, process, "docx", actor="test")
    paragraphs = [p.text for p in Document(BytesIO(docx.content)).paragraphs]
    assert "Der følges endnu ingen initiativer i dette forløb." in paragraphs
