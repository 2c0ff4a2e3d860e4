"""Flip-over photos beyond the Word annex: the workbook lists them, and the JSON archive carries
them (base64) through an import, byte for byte, with a hostile photo cleaned or refused."""

from __future__ import annotations

import base64
import copy
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from PIL import Image

from facilitator.core.errors import ValidationError
from facilitator.export.archive import export_session, import_session
from facilitator.export.services import export_session_file
from facilitator.tables import notes
from facilitator.tables import services as tables
from facilitator.tables.archive import MAX_PHOTO_BYTES
from facilitator.tables.notes import photos_of
from tests.support.photos import camera_jpeg
from tests.support.tables import text_activity


def _session_with_photo(db, session):  # noqa: ANN001, ANN202
    tables.set_tables(db, session, "3 Sundhed")
    activity = text_activity(db, session)
    notes.add_notes(db, activity, 3, "Mere tid til borgeren")
    photo = notes.add_photo(db, activity, 3, camera_jpeg(900, 600))
    return activity, photo


def test_the_workbook_lists_the_photos(db, live_session) -> None:  # noqa: ANN001
    activity, photo = _session_with_photo(db, live_session)
    data = export_session_file(db, live_session, "xlsx").content
    sheet = load_workbook(io.BytesIO(data))["Flip-over-fotos"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Aktivitet", "Bord", "Fil", "Tilføjet", "Billedet"]
    title, number, name, added, where = rows[1]
    assert (title, number) == (activity.title, 3)
    assert name == f"flipover-bord-3-{photo.id}.jpg" == notes.photo_file_name(photo)
    assert added is not None
    assert where == "billedet er i Word-dokumentets bilag"
    assert len(rows) == 2


def test_a_workbook_without_photos_has_no_photo_sheet(db, live_session) -> None:  # noqa: ANN001
    text_activity(db, live_session)
    data = export_session_file(db, live_session, "xlsx").content
    assert "Flip-over-fotos" not in load_workbook(io.BytesIO(data)).sheetnames


def test_the_archive_carries_the_photos_byte_for_byte(db, live_session, user) -> None:  # noqa: ANN001
    activity, photo = _session_with_photo(db, live_session)
    data = export_session(db, live_session)
    (archived,) = data["activities"][-1]["photos"]
    assert archived["table_number"] == 3
    assert base64.b64decode(archived["jpeg_base64"]) == photo.jpeg
    copy_session = import_session(db, user, json.loads(json.dumps(data, default=str)))
    imported = copy_session.activities[-1]
    (kept,) = photos_of(db, imported.id)
    assert kept.jpeg == photo.jpeg
    assert (kept.width, kept.height, kept.table_number) == (photo.width, photo.height, 3)
    again = export_session(db, copy_session)
    assert again["activities"][-1]["photos"] == data["activities"][-1]["photos"]
    # ... and the copy's Word document has it in the annex too.
    docx = zipfile.ZipFile(io.BytesIO(export_session_file(db, copy_session, "docx").content))
    media = [docx.read(name) for name in docx.namelist() if name.startswith("word/media/")]
    assert photo.jpeg in media


def test_an_archived_photo_with_metadata_is_cleaned(db, live_session, user) -> None:  # noqa: ANN001
    _session_with_photo(db, live_session)
    data = json.loads(json.dumps(export_session(db, live_session), default=str))
    camera = camera_jpeg(400, 300)  # hand-edited in: EXIF with GPS
    data["activities"][-1]["photos"][0]["jpeg_base64"] = base64.b64encode(camera).decode()
    copy_session = import_session(db, user, data)
    (kept,) = photos_of(db, copy_session.activities[-1].id)
    assert b"PhoneMaker" not in kept.jpeg and b"GPS" not in kept.jpeg
    assert (kept.width, kept.height) == (300, 400)  # turned upright as on upload
    assert Image.open(io.BytesIO(kept.jpeg)).format == "JPEG"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"jpeg_base64": "ikke base64!"}, r"photos\[0\]\.jpeg_base64 skal være et JPEG-billede"),
        (
            {"jpeg_base64": base64.b64encode(b"Dette er tekst").decode()},
            r"photos\[0\]\.jpeg_base64 Filen kunne ikke læses som et billede",
        ),
        (
            {"jpeg_base64": "A" * (MAX_PHOTO_BYTES // 3 * 4 + 8)},
            r"photos\[0\]\.jpeg_base64 må højst fylde 5 MB",
        ),
        ({"table_number": 0}, r"photos\[0\]\.table_number"),
        ({"created_at": "2999-01-01T00:00:00"}, r"photos\[0\]\.created_at"),
    ],
)
def test_a_bad_archived_photo_is_refused_by_name(
    db, live_session, user, change: dict, message: str
) -> None:  # noqa: ANN001
    _session_with_photo(db, live_session)
    data = json.loads(json.dumps(export_session(db, live_session), default=str))
    bad = copy.deepcopy(data)
    bad["activities"][-1]["photos"][0].update(change)
    with pytest.raises(ValidationError, match=message):
        import_session(db, user, bad)


def test_photos_belong_to_text_activities_only(db, live_session, user) -> None:  # noqa: ANN001
    _session_with_photo(db, live_session)
    data = json.loads(json.dumps(export_session(db, live_session), default=str))
    data["activities"][-1]["kind"] = "dilemma"
    data["activities"][-1]["settings"]["sides"] = [{"label": "A"}, {"label": "B"}]
    data["activities"][-1]["contributions"] = []
    with pytest.raises(ValidationError, match="photos hører kun til en aktivitet med tekst"):
        import_session(db, user, data)


def test_an_old_archive_without_photos_still_imports(db, live_session, user) -> None:  # noqa: ANN001
    _session_with_photo(db, live_session)
    data = json.loads(json.dumps(export_session(db, live_session), default=str))
    for activity in data["activities"]:
        del activity["photos"]
    copy_session = import_session(db, user, data)
    assert photos_of(db, copy_session.activities[-1].id) == []
