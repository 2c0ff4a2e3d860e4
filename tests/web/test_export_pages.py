from __future__ import annotations

import io

import docx


def test_export_buttons_download_documents(facilitator, live_session) -> None:
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}").get_data(as_text=True)
    assert "Hent Word-dokument (.docx)" in page
    response = facilitator.get(f"/facilitate/sessions/{live_session.id}/export.docx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert docx.Document(io.BytesIO(response.data)).paragraphs[0].text.startswith("Output fra")
    for fmt in ("xlsx", "md", "json"):
        assert (
            facilitator.get(f"/facilitate/sessions/{live_session.id}/export.{fmt}").status_code
            == 200
        )
    assert facilitator.get(f"/facilitate/sessions/{live_session.id}/export.pdf").status_code == 400
    process = facilitator.get(f"/facilitate/processes/{live_session.process_id}/export.docx")
    assert process.status_code == 200


def test_export_of_another_facilitators_session_is_refused(
    visitor, live_session, other_user
) -> None:
    visitor.login("bo@region.dk")
    assert visitor.get(f"/facilitate/sessions/{live_session.id}/export.docx").status_code == 404
    assert (
        visitor.get(f"/facilitate/processes/{live_session.process_id}/export.docx").status_code
        == 404
    )
