"""The follow-up pages as the secretariat uses them without JavaScript: choose initiatives from
the output, type one, change its status twice, edit, move, remove and download the status
table. Bad input gets a Danish message and keeps what was typed, never a 500."""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from facilitator.followup.models import TrackedInitiative
from facilitator.followup.services import InitiativeFields, add_initiative
from tests.support.followup_factory import AREAS, workshop_with_proposals

DATE_ERROR = re.compile(r'role="alert">[^<]*dato')  # forms.DanishDateField's message


def _page(facilitator, process_id: int) -> str:  # noqa: ANN001
    response = facilitator.get(f"/facilitate/processes/{process_id}/opfoelgning")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_choose_from_output_then_see_them_by_focus_area(facilitator, db, user) -> None:
    workshop = workshop_with_proposals(db, user)
    process_id = workshop.process.id
    choose = f"/facilitate/processes/{process_id}/opfoelgning/vaelg"
    page = facilitator.get(choose).get_data(as_text=True)
    first, later, also = workshop.proposals
    assert page.index(first.text) < page.index(later.text)  # highlighted first
    assert "★ Fremhævet" in page and workshop.other.text not in page
    response = facilitator.post(choose, {"contributions": [first.id, later.id]})
    assert response.status_code == 302
    page = _page(facilitator, process_id)
    assert page.index(AREAS[0]) < page.index(first.text) < page.index(AREAS[1])
    assert "Følges allerede" in facilitator.get(choose).get_data(as_text=True)
    again = facilitator.post(choose, {"contributions": [later.id, also.id]})
    assert again.status_code == 400 and "følges allerede" in again.get_data(as_text=True)
    assert db.query(TrackedInitiative).count() == 2
    process_page = facilitator.get(f"/facilitate/processes/{process_id}").get_data(as_text=True)
    assert "2 initiativer følges." in process_page
    assert f"{AREAS[0]}: <strong>1</strong>" in process_page  # one table per focus area
    assert "Stade: Planlagt <strong>2</strong>" in process_page


def test_status_changes_build_the_history(facilitator, db, user) -> None:
    process = workshop_with_proposals(db, user).process
    initiative = add_initiative(db, process, InitiativeFields(title="Brugerpanelet"))
    url = f"/facilitate/initiativer/{initiative.id}/status"
    prefix = f"s{initiative.id}-status"
    assert facilitator.post(url, {prefix: "Under etablering"}).status_code == 302
    assert facilitator.post(url, {prefix: "Etableret"}).status_code == 302
    facilitator.post(url, {prefix: "Etableret"})  # unchanged: no new history row
    page = _page(facilitator, process.id)
    assert "Historik (2 ændringer)" in page
    assert page.index("Etableret") < page.index("Under etablering")  # newest first
    assert "Anne" in page
    too_long = facilitator.post(url, {prefix: "x" * 3001})
    text = too_long.get_data(as_text=True)
    assert too_long.status_code == 400 and "Status må højst være 3000 tegn" in text
    assert "x" * 3001 in text  # what was typed is still there


def test_type_edit_move_and_remove(facilitator, db, user) -> None:
    process = workshop_with_proposals(db, user).process
    area = process.focus_areas[0]
    add = f"/facilitate/processes/{process.id}/opfoelgning/ny"
    empty = facilitator.post(
        add,
        {
            "ny-title": "",
            "ny-carried_by": "FU",
            "ny-focus_area": 0,
            "ny-expected_precision": "month",
        },
    )
    assert empty.status_code == 400 and 'value="FU"' in empty.get_data(as_text=True)
    for title in ("Pjece", "Temadag"):
        assert (
            facilitator.post(
                add,
                {
                    "ny-title": title,
                    "ny-focus_area": area.id,
                    "ny-expected_forum": "DAS",
                    "ny-expected_on": "2022-10-12",
                    "ny-expected_precision": "month",
                },
            ).status_code
            == 302
        )
    pjece, temadag = db.query(TrackedInitiative).order_by(TrackedInitiative.position).all()
    assert pjece.focus_area_id == area.id and "DAS, oktober 2022" in _page(facilitator, process.id)
    edit = f"/facilitate/initiativer/{pjece.id}"
    bad_date = facilitator.post(
        edit,
        {
            f"i{pjece.id}-title": "Pjece om job",
            f"i{pjece.id}-focus_area": area.id,
            f"i{pjece.id}-expected_on": "12/10",
            f"i{pjece.id}-expected_precision": "day",
        },
    )
    body = bad_date.get_data(as_text=True)
    assert bad_date.status_code == 400 and DATE_ERROR.search(body)
    assert "Pjece om job" in body
    assert (
        facilitator.post(
            edit,
            {
                f"i{pjece.id}-title": "Pjece om job",
                f"i{pjece.id}-focus_area": area.id,
                f"i{pjece.id}-expected_forum": "DAS",
                f"i{pjece.id}-expected_on": "2022-10-12",
                f"i{pjece.id}-expected_precision": "day",
            },
        ).status_code
        == 302
    )
    assert "DAS, 12. oktober 2022" in _page(facilitator, process.id)
    facilitator.post(f"/facilitate/initiativer/{temadag.id}/flyt/op")
    page = _page(facilitator, process.id)
    assert page.index("Temadag") < page.index("Pjece om job")
    facilitator.post(f"/facilitate/initiativer/{temadag.id}/delete")
    db.expire_all()
    assert [i.title for i in db.query(TrackedInitiative)] == ["Pjece om job"]


def test_downloads_and_other_peoples_processes(facilitator, db, user, other_user) -> None:
    process = workshop_with_proposals(db, user).process
    add_initiative(
        db,
        process,
        InitiativeFields(title="Pjece", focus_area_id=process.focus_areas[0].id),
        status="I gang",
    )
    base = f"/facilitate/processes/{process.id}/status"
    word = facilitator.get(f"{base}.docx?moede=2020-05-25")
    assert word.status_code == 200 and "attachment" in word.headers["Content-Disposition"]
    texts = [p.text for p in Document(BytesIO(word.data)).paragraphs]
    assert "DAS møde d. 25. maj 2020" in texts
    sheet = load_workbook(BytesIO(facilitator.get(f"{base}.xlsx").data)).active
    assert sheet["B2"].value == "Pjece" and sheet["C2"].value == "I gang"
    assert facilitator.get(f"{base}.md").status_code == 400
    bad = facilitator.get(f"{base}.docx?moede=i-morgen", follow_redirects=True)
    assert DATE_ERROR.search(bad.get_data(as_text=True))
    theirs = workshop_with_proposals(db, other_user, title="Bos forløb").process
    assert facilitator.get(f"/facilitate/processes/{theirs.id}/opfoelgning").status_code == 404
    mine = add_initiative(db, theirs, InitiativeFields(title="Hemmeligt"))
    assert facilitator.post(f"/facilitate/initiativer/{mine.id}/delete").status_code == 404
    assert facilitator.get("/facilitate/processes/999999/opfoelgning").status_code == 404


def test_stage_and_status_overview_from_the_page(facilitator, db, user) -> None:
    process = workshop_with_proposals(db, user).process
    initiative = add_initiative(
        db,
        process,
        InitiativeFields(title="Pjece", focus_area_id=process.focus_areas[0].id),
        status="Skrives",
    )
    url = f"/facilitate/initiativer/{initiative.id}/status"
    prefix = f"s{initiative.id}"
    wrong = facilitator.post(url, {f"{prefix}-status": "Trykt", f"{prefix}-stage": "færdig"})
    assert wrong.status_code == 400 and "Vælg en af mulighederne." in wrong.get_data(as_text=True)
    done = {f"{prefix}-status": "Trykt", f"{prefix}-stage": "done"}
    assert facilitator.post(url, done).status_code == 302
    db.refresh(initiative)
    assert (initiative.status, initiative.stage) == ("Trykt", "done")
    page = _page(facilitator, process.id)
    assert "<dt>Stade</dt><dd>Afsluttet</dd>" in page
    assert '<option selected value="done">Afsluttet</option>' in page
    overview = f"/facilitate/processes/{process.id}/opfoelgning/oversigt"
    too_long = facilitator.post(overview, {"oversigt-overall": "x" * 5001})
    body = too_long.get_data(as_text=True)
    assert too_long.status_code == 400 and "højst være 5000 tegn" in body
    bad_date = facilitator.post(overview, {"oversigt-meeting_on": "i morgen"})
    assert bad_date.status_code == 400 and DATE_ERROR.search(bad_date.get_data(as_text=True))
    saved = facilitator.post(
        overview,
        {"oversigt-meeting_on": "2020-05-25", "oversigt-overall": "FU vurderer:\n- Godt"},
    )
    assert saved.status_code == 302
    assert "FU vurderer:\n- Godt" in _page(facilitator, process.id)
    word = facilitator.get(f"/facilitate/processes/{process.id}/status.docx")
    paragraphs = [p.text for p in Document(BytesIO(word.data)).paragraphs]
    assert paragraphs[1:5] == [
        "DAS møde d. 25. maj 2020",
        "Overordnet samarbejde",
        "FU vurderer:",
        "Godt",
    ]
    table = Document(BytesIO(word.data)).tables[0]
    assert [c.text for c in table.rows[1].cells] == ["Pjece", "Trykt", "Behandlet"]
