"""`facilitator export --process ID --status`: the status table from the command line."""

from __future__ import annotations

import os
from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from facilitator.followup.services import InitiativeFields, add_initiative, change_status
from tests.support.followup_factory import AREAS, workshop_with_proposals


def test_status_export_writes_docx_and_xlsx(app, db, user, tmp_path) -> None:
    process = workshop_with_proposals(db, user).process
    initiative = add_initiative(
        db,
        process,
        InitiativeFields(title="Pjece", focus_area_id=process.focus_areas[1].id),
        status="Skrives",
        by="Anne",
    )
    change_status(db, initiative, "Sendt til tryk", by="Anne")
    runner = app.test_cli_runner()
    target = tmp_path / "status.docx"
    result = runner.invoke(
        args=[
            "export",
            "--process",
            str(process.id),
            "--status",
            "--format",
            "docx",
            "--meeting-date",
            "2020-05-25",
            "-o",
            str(target),
        ]
    )
    assert result.exit_code == 0, result.output
    document = Document(BytesIO(target.read_bytes()))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        f"Fokusområde 2: {AREAS[1]}"
    ]
    assert [c.text for c in document.tables[0].rows[1].cells][:2] == ["Pjece", "Sendt til tryk"]
    assert "DAS møde d. 25. maj 2020" in [p.text for p in document.paragraphs]
    cwd = os.getcwd()
    os.chdir(tmp_path)  # without --output: the document's own name, here
    try:
        result = runner.invoke(
            args=["export", "--process", str(process.id), "--status", "--format", "xlsx"]
        )
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "Status-på-Nordjysk-Socialaftale-2018-2020.xlsx").active
    assert [c.value for c in sheet[2]][:5] == [
        AREAS[1],
        "Pjece",
        "Sendt til tryk",
        "Planlagt",
        None,
    ]


def test_status_export_refuses_wrong_requests(app, db, user, tmp_path) -> None:
    process = workshop_with_proposals(db, user).process
    runner = app.test_cli_runner()
    target = str(tmp_path / "x")
    no_process = runner.invoke(args=["export", "--status", "-o", target])
    assert no_process.exit_code == 1 and "--status kræver --process" in no_process.output
    markdown = runner.invoke(
        args=["export", "--process", str(process.id), "--status", "--format", "md", "-o", target]
    )
    assert markdown.exit_code == 1 and "docx eller xlsx" in markdown.output
    stray = runner.invoke(
        args=["export", "--process", str(process.id), "--meeting-date", "2020-05-25", "-o", target]
    )
    assert stray.exit_code == 1 and "kun sammen med --status" in stray.output
    assert not (tmp_path / "x").exists()
