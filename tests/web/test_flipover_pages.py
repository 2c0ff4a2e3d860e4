"""The "Noter fra flip-over" page: notes with and without a photo, refusals keep the typed
text, a bad or too large file never loses the points, another facilitator's 404, deletion;
and the Word annex carries the photo."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from sqlalchemy import select

from facilitator.export.builder import build_session_report
from facilitator.export.docx_writer import render_session_docx
from facilitator.tables import services as tables
from facilitator.tables.models import FlipoverPhoto
from tests.support.photos import camera_jpeg
from tests.support.tables import text_activity


def _send(facilitator, activity, notes: str, photo: tuple | None = None, table: str = "3"):  # noqa: ANN001, ANN202
    data: dict = {"table": table, "notes": notes}
    if photo is not None:
        data["photo"] = (io.BytesIO(photo[0]), photo[1])
    return facilitator.post(
        f"/facilitate/activities/{activity.id}/flipover", data, content_type="multipart/form-data"
    )


def test_notes_and_photo_are_saved_and_shown(facilitator, live_session, db) -> None:  # noqa: ANN001
    activity = text_activity(db, live_session)
    tables.set_tables(db, live_session, "3 Sundhed")
    page = facilitator.get(f"/facilitate/activities/{activity.id}/flipover").get_data(as_text=True)
    assert "Noter fra flip-over" in page and "Bord 3 (Sundhed)" in page
    response = _send(facilitator, activity, "- Tidlig indsats\n- Færre skift")
    assert response.status_code == 302
    response = _send(facilitator, activity, "Tidlig indsats", (camera_jpeg(), "flip.jpg"))
    assert response.status_code == 302
    page = facilitator.get(response.headers["Location"]).get_data(as_text=True)
    assert "Punkterne stod der allerede (1)" in page
    assert 'alt="Flip-over fra Bord 3"' in page
    console = facilitator.get(f"/facilitate/sessions/{live_session.id}/console").get_data(
        as_text=True
    )
    assert "Tidlig indsats" in console and 'alt="Flip-over fra Bord 3"' in console
    photo = db.scalar(select(FlipoverPhoto))
    image = facilitator.get(f"/facilitate/activities/{activity.id}/flipover/{photo.id}.jpg")
    assert image.mimetype == "image/jpeg" and image.data.startswith(b"\xff\xd8")

    report = build_session_report(db, live_session)
    document = Document(io.BytesIO(render_session_docx(report)))
    assert len(document.inline_shapes) == 1
    texts = [p.text for p in document.paragraphs]
    assert "Foto af flip-over, Bord 3" in texts
    with zipfile.ZipFile(io.BytesIO(render_session_docx(report))) as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())

    deleted = facilitator.post(f"/facilitate/activities/{activity.id}/flipover/{photo.id}/delete")
    assert deleted.status_code == 302 and db.scalar(select(FlipoverPhoto.id)) is None


def test_bad_file_keeps_the_points_and_bad_points_keep_the_text(
    facilitator,
    live_session,
    db,  # noqa: ANN001
) -> None:
    activity = text_activity(db, live_session)
    response = _send(facilitator, activity, "Et godt punkt", (b"ikke et billede", "flip.jpg"))
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kunne ikke læses som et billede" in body and "1 nye punkter er gemt" in body
    typed = "Første punkt\n" + "y" * 300
    response = _send(facilitator, activity, typed, (camera_jpeg(), "flip.jpg"))
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "Punkt 2" in body and "y" * 300 in body
    assert "vælg det igen" in body
    too_big = _send(facilitator, activity, "Punkt", (b"\xff" * (30 * 1024 * 1024), "stor.jpg"))
    assert too_big.status_code == 413
    assert "Filen er for stor" in too_big.get_data(as_text=True)


def test_another_facilitator_gets_404(facilitator, live_session, other_user, db) -> None:  # noqa: ANN001
    activity = text_activity(db, live_session)
    _send(facilitator, activity, "Punkt", (camera_jpeg(400, 300), "flip.jpg"))
    photo = db.scalar(select(FlipoverPhoto))
    facilitator.post("/logout")
    facilitator.login(other_user.email)
    base = f"/facilitate/activities/{activity.id}/flipover"
    assert facilitator.get(base).status_code == 404
    assert _send(facilitator, activity, "Fremmed punkt").status_code == 404
    assert facilitator.get(f"{base}/{photo.id}.jpg").status_code == 404
    assert facilitator.post(f"{base}/{photo.id}/delete").status_code == 404
