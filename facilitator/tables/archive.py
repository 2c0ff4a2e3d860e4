"""The session's tables in the JSON archive: number and name; a scribe participant names its
table by number. The scribe links' salts are not archived: an imported session gets new ones,
so cards printed for the original do not speak for the copy. A text activity's flip-over
photos travel with it as base64 JPEGs (tables.photos.stored_photo checks them on the way in)."""

from __future__ import annotations

import base64
import binascii
import secrets
from datetime import datetime
from typing import Any

from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.export.archive_fields import (
    FieldPath,
    read_list,
    read_moment,
    read_object,
    read_optional_text,
    refuse,
)
from facilitator.tables.models import FlipoverPhoto, SessionTable
from facilitator.tables.notes import photos_of
from facilitator.tables.photos import stored_photo
from facilitator.tables.services import MAX_NAME, MAX_NUMBER, MAX_TABLES, MIN_NUMBER, tables_of


def export_tables(db: DbSession, session_id: int) -> list[dict]:
    return [{"number": t.number, "name": t.name} for t in tables_of(db, session_id)]


def read_number(value: Any, path: FieldPath, known: set[int] | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        refuse(path, _("skal være et bordnummer"))
    if not MIN_NUMBER <= value <= MAX_NUMBER or (known is not None and value not in known):
        refuse(path, _("er ikke et af sessionens borde"))
    return value


def read_tables(value: Any, path: FieldPath) -> list[dict[str, Any]]:
    rows = []
    seen: set[int] = set()
    for i, row in enumerate(read_list(value, path, limit=MAX_TABLES)):
        row = read_object(row, path / i)
        number = read_number(row.get("number"), path / i / "number")
        if number in seen:
            refuse(path / i / "number", _("står der to gange"))
        seen.add(number)
        name = read_optional_text(row.get("name"), path / i / "name", MAX_NAME)
        rows.append({"number": number, "name": name})
    return rows


def import_tables(db: DbSession, session_id: int, rows: list[dict]) -> dict[int, SessionTable]:
    tables = {
        row["number"]: SessionTable(
            session_id=session_id,
            number=row["number"],
            name=row["name"],
            scribe_salt=secrets.token_hex(16),
        )
        for row in rows
    }
    db.add_all(tables.values())
    db.flush()
    return tables


MAX_PHOTOS = 100  # per activity: a day of flip-overs, far below a memory problem
MAX_PHOTO_BYTES = 5 * 1024 * 1024  # a kept photo is at most 1600 px, well under 1 MB
_MAX_BASE64 = (MAX_PHOTO_BYTES + 2) // 3 * 4


def export_photos(db: DbSession, activity_id: int) -> list[dict]:
    return [
        {
            "table_number": p.table_number,
            "created_at": p.created_at.isoformat(),
            "jpeg_base64": base64.b64encode(p.jpeg).decode("ascii"),
        }
        for p in photos_of(db, activity_id)
    ]


def read_photos(value: Any, path: FieldPath, now: datetime) -> list[dict[str, Any]]:
    """The photos as they will be stored (bytes, size), or a refusal naming the field."""
    rows = []
    for i, row in enumerate(read_list(value, path, limit=MAX_PHOTOS)):
        row = read_object(row, path / i)
        encoded = row.get("jpeg_base64")
        if not isinstance(encoded, str) or not encoded:
            refuse(path / i / "jpeg_base64", _("skal være et JPEG-billede skrevet i base64"))
        if len(encoded) > _MAX_BASE64:
            refuse(
                path / i / "jpeg_base64",
                _("må højst fylde %(mb)s MB", mb=MAX_PHOTO_BYTES // (1024 * 1024)),
            )
        try:
            photo = stored_photo(base64.b64decode(encoded, validate=True))
        except binascii.Error:
            refuse(path / i / "jpeg_base64", _("skal være et JPEG-billede skrevet i base64"))
        except ValidationError as error:  # not a picture: prepare_photo's message
            refuse(path / i / "jpeg_base64", error.message.rstrip("."))
        rows.append(
            {
                # The photo keeps its table's number even if the tables were retyped since.
                "table_number": read_number(row.get("table_number"), path / i / "table_number"),
                "created_at": read_moment(row.get("created_at"), path / i / "created_at", now),
                "jpeg": photo.jpeg,
                "width": photo.width,
                "height": photo.height,
            }
        )
    return rows


def import_photos(db: DbSession, activity_id: int, rows: list[dict]) -> None:
    db.add_all(
        FlipoverPhoto(
            activity_id=activity_id,
            table_number=row["table_number"],
            jpeg=row["jpeg"],
            width=row["width"],
            height=row["height"],
            created_at=row["created_at"],
        )
        for row in rows
    )
