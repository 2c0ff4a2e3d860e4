"""The session's tables in the JSON archive: number and name; a scribe participant names its
table by number. The scribe links' salts are not archived: an imported session gets new ones,
so cards printed for the original do not speak for the copy."""

from __future__ import annotations

import secrets
from typing import Any

from facilitator.core.db import DbSession
from facilitator.core.i18n import gettext as _
from facilitator.export.archive_fields import (
    FieldPath,
    read_list,
    read_object,
    read_optional_text,
    refuse,
)
from facilitator.tables.models import SessionTable
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
