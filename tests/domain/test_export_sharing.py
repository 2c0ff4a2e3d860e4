"""What leaves the app: the complete archive says it holds personal data, the anonymous JSON
export names no one, and the Word output takes the house's template from instance/."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from facilitator.audit.models import AuditEvent
from facilitator.contributions.participants import Profile, join
from facilitator.core.errors import ValidationError
from facilitator.export.services import export_session_file
from tests.support.privacy_scenario import (
    GIVEAWAYS,
    POLITICIAN_ORGANISATION,
    POLITICIAN_REASON,
    POLITICIAN_STATEMENT,
    lone_politician,
)

NAME = "Birthe Borgmester"


@pytest.fixture
def scenario(db, live_session):
    politician = join(
        db,
        live_session,
        "borgmester" * 4,
        Profile(name=NAME, group="politiker", organisation=POLITICIAN_ORGANISATION),
    )
    return lone_politician(db, live_session, politician)


def test_the_archive_is_marked_as_personal_data(db, scenario) -> None:
    result = export_session_file(db, scenario.session, "json")
    data = json.loads(result.content)
    assert data["personoplysninger"] is True and "personoplysninger" in data["advarsel"]
    assert result.filename.startswith("Arkiv-med-personoplysninger-")
    assert NAME in result.content.decode()  # complete, so it can be imported again


def test_the_anonymous_export_names_no_one(db, scenario) -> None:
    result = export_session_file(db, scenario.session, "json", anonymous=True)
    text = result.content.decode()
    data = json.loads(text)
    assert data["personoplysninger"] is False and "kan ikke importeres" in data["note"]
    assert result.filename.startswith("Anonymt-udtræk-")
    assert POLITICIAN_REASON in text and POLITICIAN_STATEMENT in text  # the texts stay
    assert NAME not in text and not GIVEAWAYS.search(text)
    assert "borgmester" not in text.casefold().replace(POLITICIAN_REASON.casefold(), "").replace(
        POLITICIAN_STATEMENT.casefold(), ""
    )  # no token, no client id
    assert not {"participant", "key", "client_id", "endorsed_by"} & set(_keys(data))
    assert "LEV" in text  # a group of three may be shown
    assert data["participants"]["count"] == 7
    events = db.query(AuditEvent).filter(AuditEvent.event == "export").order_by(AuditEvent.id).all()
    assert events[-1].detail.endswith("(json, anonymt)")


def _keys(value: object) -> list[str]:
    if isinstance(value, dict):
        return [k for k, v in value.items() for k in (k, *_keys(v))]
    if isinstance(value, list):
        return [k for item in value for k in _keys(item)]
    return []


def test_anonymous_is_only_json(db, scenario) -> None:
    with pytest.raises(ValidationError, match="kun som JSON"):
        export_session_file(db, scenario.session, "docx", anonymous=True)


def _house_template(path: Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(12)
    document.add_paragraph("Skabelonens egen tekst")
    document.save(path)


def test_the_session_page_downloads_use_the_instance_template(
    app, facilitator, live_session
) -> None:
    template = Path(app.instance_path) / "skabelon.docx"
    _house_template(template)
    try:
        page = facilitator.get(f"/facilitate/sessions/{live_session.id}").get_data(as_text=True)
        # the console's shared export links ("Hent anonymt udtræk (JSON)")
        assert "anonymt udtræk (json)" in page.casefold() and "personoplysninger" in page
        response = facilitator.get(f"/facilitate/sessions/{live_session.id}/export.docx")
        document = docx.Document(io.BytesIO(response.data))
        assert document.styles["Normal"].font.name == "Georgia"
        assert "Skabelonens egen tekst" not in [p.text for p in document.paragraphs]
        anonymous = facilitator.get(f"/facilitate/sessions/{live_session.id}/export-anonymt.json")
        assert (
            anonymous.status_code == 200
            and "Anonymt-udtr" in anonymous.headers["Content-Disposition"]
        )
    finally:
        template.unlink()
    response = facilitator.get(f"/facilitate/sessions/{live_session.id}/export.docx")
    assert docx.Document(io.BytesIO(response.data)).styles["Normal"].font.name == "Calibri"


def test_cli_anonymous_and_toc(app, scenario, tmp_path) -> None:
    runner = app.test_cli_runner()
    target = tmp_path / "udtraek.json"
    result = runner.invoke(
        args=[
            "export",
            str(scenario.session.id),
            "--format",
            "json",
            "--anonymous",
            "-o",
            str(target),
        ]
    )
    assert result.exit_code == 0, result.output
    assert NAME not in target.read_text() and json.loads(target.read_text())["activities"]
    refused = runner.invoke(
        args=["export", str(scenario.session.id), "--anonymous", "-o", str(tmp_path / "x.docx")]
    )
    assert refused.exit_code == 1 and "kun som JSON" in refused.output
    toc = tmp_path / "toc.docx"
    result = runner.invoke(args=["export", str(scenario.session.id), "--toc", "-o", str(toc)])
    assert result.exit_code == 0, result.output
    assert docx.Document(str(toc)).paragraphs[1].text == "Indhold"
