"""The primitive readers an archive check is built from: each takes one value from the file
and the FieldPath that names it ("activities[2].settings.sides"), and returns it parsed (a text
within its length, a flag, a list within its size, a moment in the past, a day, a clock time, a
position, a key not seen before) or refuses it with one Danish message naming the field. Kept
apart from export.archive_schema, which says what an archive holds part by part, so that module
reads as the shape of an archive and these as the rules every single field is held to; nothing
here knows what a session or an activity is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NoReturn

from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import has_untypeable

MAX_DEPTH = 8  # a real archive nests 6 deep (activities[0].contributions[0].choices[0])
TEXT_MAX = 20_000  # a Text column: a long written answer fits, a megabyte does not
MAX_ROWS = 100_000  # per list: far above any day in a room, far below a memory problem
KEY_MAX = 40  # "p12", "c3"
EARLIEST = datetime(2000, 1, 1)
CLOCK_SLACK = timedelta(days=1)  # an archive from a server whose clock runs a little ahead
PLANNED_AHEAD = timedelta(days=3660)  # a session may be planned up to ten years ahead


def column_length(column: Any) -> int:
    """A String column's length, or TEXT_MAX for Text."""
    return getattr(column.type, "length", None) or TEXT_MAX


@dataclass(frozen=True)
class FieldPath:
    text: str = ""

    def __truediv__(self, part: str | int) -> FieldPath:
        if isinstance(part, int):
            return FieldPath(f"{self.text}[{part}]")
        return FieldPath(f"{self.text}.{part}" if self.text else part)

    def __str__(self) -> str:
        return self.text


def refuse(path: FieldPath, problem: str) -> NoReturn:
    raise ValidationError(
        _(
            "Arkivet kan ikke importeres: %(field)s %(problem)s.",
            field=path.text or _("filen"),
            problem=problem,
        )
    )


def check_depth(data: Any) -> None:
    """Without recursion, so a file nested 100,000 deep is one message, not a RecursionError."""
    stack: list[tuple[Any, int, FieldPath]] = [(data, 1, FieldPath())]
    while stack:
        value, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            refuse(path, _("er indlejret for dybt (højst %(limit)s niveauer)", limit=MAX_DEPTH))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            if isinstance(child, dict | list):
                stack.append(
                    (child, depth + 1, path / (key if isinstance(key, int) else str(key)[:40]))
                )


def read_object(value: Any, path: FieldPath) -> dict:
    if not isinstance(value, dict):
        refuse(path, _("skal være et objekt med felter"))
    return value


def read_list(value: Any, path: FieldPath, *, limit: int = MAX_ROWS) -> list:
    if not isinstance(value, list):
        refuse(path, _("skal være en liste"))
    if len(value) > limit:
        refuse(path, _("må højst have %(limit)s elementer", limit=limit))
    return value


def read_text(value: Any, path: FieldPath, limit: int, *, required: bool = False) -> str:
    if not isinstance(value, str):
        refuse(path, _("skal være en tekst"))
    if len(value) > limit:
        refuse(
            path, _("må højst være %(limit)s tegn (er %(length)s)", limit=limit, length=len(value))
        )
    if has_untypeable(value):  # NUL: PostgreSQL refuses it
        refuse(path, _("indeholder kontroltegn, der ikke kan gemmes (fx NUL)"))
    if required and not value.strip():
        refuse(path, _("må ikke være tom"))
    return value


def read_optional_text(value: Any, path: FieldPath, limit: int) -> str:
    return "" if value is None else read_text(value, path, limit)


def read_flag(value: Any, path: FieldPath) -> bool:
    if not isinstance(value, bool):
        refuse(path, _("skal være true eller false"))
    return value


def read_index(value: Any, path: FieldPath, count: int) -> int | None:
    """None, or a position in a list of `count` (a dilemma's side, a vote's topic)."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < count:
        refuse(
            path,
            _("skal være tom eller et tal fra 0 til %(last)s", last=count - 1)
            if count
            else _("skal være tom (aktiviteten har ingen sider)"),
        )
    return value


def read_one_of(value: Any, path: FieldPath, allowed: dict[str, str] | set[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        refuse(path, _("skal være en af: %(allowed)s", allowed=", ".join(sorted(allowed))))
    return value


def read_moment(
    value: Any, path: FieldPath, now: datetime, *, required: bool = True
) -> datetime | None:
    """An ISO moment as the naive UTC the database keeps; never in the future."""
    if value is None and not required:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        refuse(path, _("skal være et tidspunkt som 2024-01-20T09:30:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    if not EARLIEST <= moment <= now + CLOCK_SLACK:
        refuse(path, _("ligger i fremtiden eller før år 2000 (%(value)s)", value=value))
    return moment


def read_day(value: Any, path: FieldPath, now: datetime, *, held: bool) -> date | None:
    """The day a session is held: may be planned ahead, unless the archive says it is over."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        refuse(path, _("skal være en dato som 2024-01-20"))
    latest = (now + CLOCK_SLACK if held else now + PLANNED_AHEAD).date()
    if not EARLIEST.date() <= day <= latest:
        refuse(
            path,
            _(
                "ligger efter %(latest)s: en afsluttet session kan ikke være holdt i fremtiden",
                latest=latest.isoformat(),
            )
            if held
            else _("skal ligge mellem år 2000 og %(latest)s", latest=latest.isoformat()),
        )
    return day


def read_clock(value: Any, path: FieldPath) -> time | None:
    if value is None:
        return None
    try:
        moment = time.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        refuse(path, _("skal være et klokkeslæt som 09:30:00"))
    return moment


def read_key(value: Any, path: FieldPath, seen: set[str]) -> str:
    key = read_text(value, path, KEY_MAX, required=True)
    if key in seen:
        refuse(path, _("»%(key)s« findes to gange", key=key))
    seen.add(key)
    return key
