"""Report building from the database, the JSON archive round trip and the export CLI."""

from __future__ import annotations

import io
import json
import re

import docx
import openpyxl
import pytest

from facilitator.activities.services import open_activity
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from facilitator.contributions.moderation import set_hidden
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import endorse, submit
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ValidationError
from facilitator.export.archive import export_session, import_session
from facilitator.export.builder import build_process_report, build_session_report
from facilitator.export.services import export_process_file, export_session_file
from facilitator.sessions.models import WorkshopSession

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2",
    "@SUM(1)",
    "<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    "tab\tog\x07klokke",
    "\u202eomvendt",
]


@pytest.fixture
def filled(db, live_session):
    """A session with people in three groups, text, a dilemma, a vote, a hidden row, a theme."""
    people = [
        join(db, live_session, f"tok{i:02d}" * 6, Profile(group=g, organisation=o))
        for i, (g, o) in enumerate(
            [("politiker", "Aalborg Kommune")] * 3
            + [("embedsperson", "Region Nordjylland")] * 3
            + [("brugerorganisation", "LEV")]
        )
    ]
    by_kind = {a.kind: a for a in live_session.activities}
    open_activity(db, by_kind["retningspil"])
    rows = [
        submit(db, people[i % 7], by_kind["retningspil"], Submission(f"ret-{i:04d}", text))[0]
        for i, text in enumerate(
            ["Vi skal turde fejle", "Vi skal stå sammen", "Frokost?", *HOSTILE]
        )
    ]
    set_hidden(db, rows[2], True)
    endorse(db, people[1], rows[0])
    endorse(db, people[2], rows[0])
    theme = Cluster(
        activity_id=by_kind["retningspil"].id, label="Mod og sammenhold", position=0, pinned=True
    )
    db.add(theme)
    db.flush()
    rows[0].cluster_id = rows[1].cluster_id = theme.id
    db.commit()
    open_activity(db, by_kind["dilemma"])
    for i, person in enumerate(people):
        submit(db, person, by_kind["dilemma"], Submission(f"dil-{i:04d}", "fordi", side=i % 2))
    open_activity(db, by_kind["topic_vote"])
    for i, person in enumerate(people):
        submit(db, person, by_kind["topic_vote"], Submission(f"top-{i:04d}", choices=[i % 3]))
    return live_session


def test_report_groups_by_curated_theme_and_leaves_out_hidden(db, filled) -> None:
    report = build_session_report(db, filled)
    assert report.participant_count == 7
    # the lone user representative is added up with the smallest other group (contributions.privacy)
    assert [(r.label, r.count) for r in report.by_group] == [
        ("Embedspersoner", 3),
        ("Øvrige grupper", 4),
    ]
    retningspil = next(a for a in report.activities if a.kind == "retningspil")
    assert [t.label for t in retningspil.themes] == ["Mod og sammenhold", "Øvrige bidrag"]
    # by text: the order within a theme follows the embedding model's centrality
    first = next(c for c in retningspil.themes[0].contributions if c.text == "Vi skal turde fejle")
    # a politician wrote it, but politicians are hidden with the lone user representative
    assert (first.text, first.endorsements, first.author_group) == ("Vi skal turde fejle", 2, "")
    texts = [c.text for t in retningspil.themes for c in t.contributions]
    assert "Frokost?" not in texts and len(texts) == 2 + len(HOSTILE)


def test_dilemma_breakdown_suppresses_small_groups(db, filled) -> None:
    dilemma = [a for a in build_session_report(db, filled).activities if a.kind == "dilemma"][-1]
    assert [s.count for s in dilemma.sides] == [4, 3] and dilemma.voters == 7
    groups = {g.group: g for g in dilemma.by_group}
    assert set(groups) == {"Embedspersoner", "Øvrige grupper"}  # one person: never alone
    assert [c.count for c in groups["Embedspersoner"].counts] == [1, 2]
    assert [c.count for c in groups["Øvrige grupper"].counts] == [3, 1]
    assert dilemma.sides[0].themes[0].contributions[0].side == "Fælles specialtilbud"


def test_docx_has_headings_bullets_tables_annex_and_inert_payloads(db, filled) -> None:
    result = export_session_file(db, filled, "docx")
    assert result.filename == "Output-fra-Visionsdag.docx"
    document = docx.Document(io.BytesIO(result.content))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Output fra visionsdagen om Nordjysk Socialaftale 2023-2024") in styles
    headings = [text for style, text in styles if style.startswith("Heading")]
    assert "Baggrund" in headings and any(h.startswith("Bilag") for h in headings)
    bullets = [text for style, text in styles if style.startswith("List Bullet")]
    assert any(text.startswith("Mod og sammenhold") for text in bullets)  # a theme: a bullet
    assert any(text.startswith("Vi skal turde fejle") for text in bullets)
    assert document.tables, "distribution tables"
    annex = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for payload in ("=cmd|' /C calc'!A0", "<script>alert(1)</script>", "@SUM(1)"):
        assert payload in annex or payload in "\n".join(bullets)
    assert "Frokost?" not in annex


def test_the_same_sentence_is_one_bullet_with_its_count_and_all_rows_in_the_annex(
    db, filled
) -> None:
    document = docx.Document(io.BytesIO(export_session_file(db, filled, "docx").content))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    # seven people gave the reason "fordi", four on the first side and three on the second
    assert bullets.count("fordi (4 skrev det samme)") == 1
    assert bullets.count("fordi (3 skrev det samme)") == 1
    annex = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert annex.count("fordi") == 7
    markdown = export_session_file(db, filled, "md").content.decode()
    assert "- fordi (4 skrev det samme)" in markdown


def test_xlsx_neutralises_formulas(db, filled) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export_session_file(db, filled, "xlsx").content))
    assert book.sheetnames == ["Resultater", "Alle bidrag"]
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [str(c.value) for c in cells if c.value is not None]
    assert any("cmd|' /C calc'!A0" in v for v in values)


def test_json_archive_round_trip_is_stable(db, filled, user) -> None:
    first = export_session(db, filled)
    assert json.loads(export_session_file(db, filled, "json").content) == first
    copy = import_session(db, user, json.loads(json.dumps(first)))
    assert copy.id != filled.id and copy.join_code != filled.join_code
    # Everything comes back, as a draft: nothing goes live until the facilitator starts it.
    assert export_session(db, copy) == {**first, "session": {**first["session"], "state": "draft"}}
    assert db.query(Contribution).filter(Contribution.hidden.is_(True)).count() == 2


def test_import_refuses_foreign_files(db, user) -> None:
    with pytest.raises(ValidationError, match="ikke et facilitator-arkiv"):
        import_session(db, user, {"format": "andet"})
    assert db.query(WorkshopSession).count() == 0


def test_process_document_combines_sessions(db, filled) -> None:
    report = build_process_report(db, filled.process)
    assert [s.title for s in report.sessions] == ["Visionsdag"]
    document = docx.Document(io.BytesIO(export_process_file(db, filled.process, "docx").content))
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["Samlet input til Nordjysk Socialaftale 2023-2024"]
    with pytest.raises(ValidationError):
        export_process_file(db, filled.process, "json")


def test_markdown_is_inert(db, filled) -> None:
    markdown = export_session_file(db, filled, "md").content.decode()
    # CommonMark shows backslash-escaped characters literally: no tag and no link survive
    assert not re.search(r"(?<!\\)<script", markdown)
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown)
    assert "\\<script\\>alert(1)" in markdown


def test_markdown_has_the_annex_its_background_promises(db, filled) -> None:
    markdown = export_session_file(db, filled, "md").content.decode()
    assert "Alle bidrag står i bilaget sidst i dokumentet." in markdown
    annex = markdown.split("## Bilag", 1)[1]  # as in the Word document
    assert "| Bidrag | Valg |" in annex and "| Tidspunkt |" in annex  # a reason has its side
    # every single shown contribution is a row: seven reasons "fordi", each statement once
    assert annex.count("| fordi |") == 7
    for statement in ("Vi skal turde fejle", "Vi skal stå sammen", "\\<script\\>alert(1)"):
        assert annex.count(statement) == 1, statement
    assert "Frokost?" not in markdown  # hidden stays out, as in the Word document
    process = export_process_file(db, filled.process, "md").content.decode()
    assert "| Bidrag | Valg |" in process
    assert process.split("### Alle bidrag", 1)[1].count("| fordi |") == 7


def test_export_cli_writes_files(app, filled, tmp_path) -> None:
    runner = app.test_cli_runner()
    target = tmp_path / "out.docx"
    result = runner.invoke(args=["export", str(filled.id), "--format", "docx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert docx.Document(str(target)).paragraphs[0].text == (
        "Output fra visionsdagen om Nordjysk Socialaftale 2023-2024"
    )
    archive = tmp_path / "arkiv.json"
    runner.invoke(args=["export", str(filled.id), "--format", "json", "-o", str(archive)])
    result = runner.invoke(args=["import", str(archive)])
    assert result.exit_code == 0 and "Importerede »Visionsdag«" in result.output
    result = runner.invoke(
        args=[
            "export",
            "--process",
            str(filled.process_id),
            "--format",
            "docx",
            "-o",
            str(tmp_path / "forloeb.docx"),
        ]
    )
    assert result.exit_code == 0
    missing = runner.invoke(args=["export", "9999", "-o", str(tmp_path / "x.docx")])
    assert missing.exit_code == 1 and "findes ikke" in missing.output
