"""Flip-over notes afterwards: lines to points, a second paste adds nothing, the points are the
table's voice; the photo: metadata stripped, upright, resized, HEIC read, bad files refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from facilitator.activities import services as activities
from facilitator.contributions import results
from facilitator.contributions.models import Contribution, Participant
from facilitator.core.errors import NotFound, ValidationError
from facilitator.export.builder import build_activity_report, build_session_report
from facilitator.processes import retention
from facilitator.tables import notes, photos
from facilitator.tables import services as tables
from facilitator.tables.models import FlipoverPhoto
from tests.support.photos import camera_jpeg
from tests.support.tables import text_activity

NOTES = "- Mere samarbejde på tværs\n\n• Tidlig indsats\n* Borgeren for bordenden\n  3. Færre skift"


def test_lines_become_points_without_bullets() -> None:
    assert notes.points(NOTES) == [
        "Mere samarbejde på tværs",
        "Tidlig indsats",
        "Borgeren for bordenden",
        "Færre skift",
    ]
    assert notes.points("\n \n-\n") == []


def test_points_are_the_tables_voice_and_a_second_paste_adds_nothing(db, live_session) -> None:  # noqa: ANN001
    activity = text_activity(db, live_session)
    tables.set_tables(db, live_session, "3 Sundhed")
    first = notes.add_notes(db, activity, 3, NOTES)
    assert (first.added, first.again) == (4, 0)
    again = notes.add_notes(db, activity, 3, "Tidlig indsats.\n- mere samarbejde på  tværs\nNyt")
    assert (again.added, again.again) == (1, 2)
    rows = db.scalars(select(Contribution).where(Contribution.activity_id == activity.id)).all()
    assert len(rows) == 5 and len({r.participant_id for r in rows}) == 1
    voice = db.get(Participant, rows[0].participant_id)
    assert voice.scribe_table is not None and voice.scribe_table.number == 3
    statements = results.statements(db, activity)
    assert {s["table"]["number"] for s in statements} == {3}


def test_closed_activity_takes_notes_and_a_session_without_tables_gets_one(
    db, live_session
) -> None:  # noqa: ANN001
    activity = text_activity(db, live_session)
    activities.close_activity(db, activity)
    assert notes.add_notes(db, activity, 7, "Et punkt").added == 1
    assert [t.number for t in tables.tables_of(db, live_session.id)] == [7]
    with pytest.raises(NotFound):  # now the session has tables: only those
        notes.add_notes(db, activity, 8, "Et andet punkt")


def test_a_bad_line_saves_nothing_and_names_the_line(db, live_session) -> None:  # noqa: ANN001
    activity = text_activity(db, live_session)
    with pytest.raises(ValidationError, match="Punkt 2"):
        notes.add_notes(db, activity, 1, "Godt punkt\n" + "x" * 400)
    assert db.scalar(select(Contribution.id).where(Contribution.activity_id == activity.id)) is None


def test_photo_is_upright_resized_and_without_metadata() -> None:
    source = camera_jpeg()
    assert b"PhoneMaker" in source
    photo = photos.prepare_photo(source)
    image = Image.open(io.BytesIO(photo.jpeg))
    assert image.format == "JPEG"
    assert (image.width, image.height) == (800, 1600)  # turned by EXIF orientation 6, then fitted
    assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
    assert b"PhoneMaker" not in photo.jpeg and b"GPS" not in photo.jpeg


def test_png_and_heic_are_read() -> None:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(out, format="PNG")
    assert photos.prepare_photo(out.getvalue()).width == 300
    heif = pytest.importorskip("pillow_heif")
    heic = io.BytesIO()
    heif.from_pillow(Image.new("RGB", (640, 480), "blue")).save(heic, quality=60)
    assert (photos.prepare_photo(heic.getvalue()).height) == 480


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Dette er ikke et billede\n", "kunne ikke læses som et billede"),
        (b"", "kunne ikke læses"),
        (camera_jpeg()[:2000], "kunne ikke læses"),
        (b"\xff" * (photos.MAX_BYTES + 1), "for stort"),
    ],
)
def test_bad_files_are_refused_in_danish(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        photos.prepare_photo(data)


def test_photos_go_with_participant_data_and_the_activity(db, live_session) -> None:  # noqa: ANN001
    activity = text_activity(db, live_session)
    notes.add_photo(db, activity, 2, camera_jpeg(400, 300))
    assert db.scalar(select(FlipoverPhoto.table_number)) == 2
    live_session.state = "closed"
    db.commit()
    retention.delete_participant_data(db, live_session)
    assert db.scalar(select(FlipoverPhoto.id)) is None
    notes.add_photo(db, activity, 2, camera_jpeg(400, 300))
    db.delete(activity)
    db.commit()
    assert db.scalar(select(FlipoverPhoto.id)) is None


def test_a_tables_notes_count_as_no_participant(db, live_session) -> None:  # noqa: ANN001
    """The notes' voice is no person: "N deltagere" on the console, the projector and in the
    document, and the group sizes the privacy rule decides by, stay as the room was (a
    visionsdag of 16 phones said "17 deltagere mødtes" once a table's notes were typed in)."""
    activity = text_activity(db, live_session, by_table=True)
    tables.set_tables(db, live_session, "2 Ældre")
    db.add_all(
        Participant(session_id=live_session.id, token_hash=f"{i:064d}", group="politiker")
        for i in range(3)
    )
    db.commit()
    notes.add_notes(db, activity, 2, "Tryghed om natten\nPårørende med i planlægningen")
    assert results.participant_count(db, live_session) == 3
    assert results.group_sizes(db, live_session.id) == {"Politiker": 3}
    report = build_session_report(db, live_session)
    assert report.participant_count == 3
    assert [(row.label, row.count) for row in report.by_organisation] == [("Ikke oplyst", 3)]
    assert [(row.label, row.count) for row in report.by_group] == [("Politikere", 3)]
    # ... while its points stay the table's, in the document too
    [section] = build_activity_report(db, activity).by_table
    assert (section.label, len(section.texts)) == ("Bord 2 (Ældre)", 2)
