"""What a session archive may contain, checked before anything is written (issue 21, part 4).

An archive is a file from outside: it may be edited by hand, truncated or hostile. Each value
is checked for its type, its length (the model's column lengths), its allowed values and its
place in time, and references between rows are resolved, so the import itself cannot fail
half-way or leave a session that breaks the console, the projector or an export. The first
problem is one Danish message that names the field: "Arkivet kan ikke importeres:
activities[2].settings.sides skal være en liste."

A small hand-written checker rather than a schema library: the rules are few, the messages
must be Danish and name the field, and no such library is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NoReturn

from facilitator.activities.models import ACTIVITY_KINDS, ACTIVITY_STATES, Activity
from facilitator.activities.services import MAX_SIDES, MAX_TOPICS
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import STAKEHOLDER_GROUPS, Contribution, Participant
from facilitator.core.db import utcnow
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import has_untypeable
from facilitator.processes.models import FocusArea, Process
from facilitator.sessions.models import SESSION_KINDS, SESSION_STATES, WorkshopSession

FORMAT = "facilitator-session"
VERSION = 1
MAX_DEPTH = 8  # a real archive nests 6 deep (activities[0].contributions[0].choices[0])
TEXT_MAX = 20_000  # a Text column: a long written answer fits, a megabyte does not
MAX_ROWS = 100_000  # per list: far above any day in a room, far below a memory problem
KEY_MAX = 40  # "p12", "c3"
EARLIEST = datetime(2000, 1, 1)
CLOCK_SLACK = timedelta(days=1)  # an archive from a server whose clock runs a little ahead
PLANNED_AHEAD = timedelta(days=3660)  # a session may be planned up to ten years ahead
SETTINGS_KEYS = {
    "sides",
    "reason_required",
    "topics",
    "max_choices",
    "endorsements",
    "results_live",
}


def _length(column: Any) -> int:
    """A String column's length, or TEXT_MAX for Text."""
    return getattr(column.type, "length", None) or TEXT_MAX


@dataclass(frozen=True)
class _Path:
    text: str = ""

    def __truediv__(self, part: str | int) -> _Path:
        if isinstance(part, int):
            return _Path(f"{self.text}[{part}]")
        return _Path(f"{self.text}.{part}" if self.text else part)

    def __str__(self) -> str:
        return self.text


def _refuse(path: _Path, problem: str) -> NoReturn:
    raise ValidationError(
        _(
            "Arkivet kan ikke importeres: %(field)s %(problem)s.",
            field=path.text or _("filen"),
            problem=problem,
        )
    )


def check_depth(data: Any) -> None:
    """Without recursion, so a file nested 100,000 deep is one message, not a RecursionError."""
    stack: list[tuple[Any, int, _Path]] = [(data, 1, _Path())]
    while stack:
        value, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            _refuse(path, _("er indlejret for dybt (højst %(limit)s niveauer)", limit=MAX_DEPTH))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            if isinstance(child, dict | list):
                stack.append(
                    (child, depth + 1, path / (key if isinstance(key, int) else str(key)[:40]))
                )


def _object(value: Any, path: _Path) -> dict:
    if not isinstance(value, dict):
        _refuse(path, _("skal være et objekt med felter"))
    return value


def _list(value: Any, path: _Path, *, limit: int = MAX_ROWS) -> list:
    if not isinstance(value, list):
        _refuse(path, _("skal være en liste"))
    if len(value) > limit:
        _refuse(path, _("må højst have %(limit)s elementer", limit=limit))
    return value


def _text(value: Any, path: _Path, limit: int, *, required: bool = False) -> str:
    if not isinstance(value, str):
        _refuse(path, _("skal være en tekst"))
    if len(value) > limit:
        _refuse(
            path, _("må højst være %(limit)s tegn (er %(length)s)", limit=limit, length=len(value))
        )
    if has_untypeable(value):  # NUL: PostgreSQL refuses it
        _refuse(path, _("indeholder kontroltegn, der ikke kan gemmes (fx NUL)"))
    if required and not value.strip():
        _refuse(path, _("må ikke være tom"))
    return value


def _optional_text(value: Any, path: _Path, limit: int) -> str:
    return "" if value is None else _text(value, path, limit)


def _flag(value: Any, path: _Path) -> bool:
    if not isinstance(value, bool):
        _refuse(path, _("skal være true eller false"))
    return value


def _index(value: Any, path: _Path, count: int) -> int | None:
    """None, or a position in a list of `count` (a dilemma's side, a vote's topic)."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < count:
        _refuse(
            path,
            _("skal være tom eller et tal fra 0 til %(last)s", last=count - 1)
            if count
            else _("skal være tom (aktiviteten har ingen sider)"),
        )
    return value


def _one_of(value: Any, path: _Path, allowed: dict[str, str] | set[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        _refuse(path, _("skal være en af: %(allowed)s", allowed=", ".join(sorted(allowed))))
    return value


def _moment(value: Any, path: _Path, now: datetime, *, required: bool = True) -> datetime | None:
    """An ISO moment as the naive UTC the database keeps; never in the future."""
    if value is None and not required:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        _refuse(path, _("skal være et tidspunkt som 2024-01-20T09:30:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    if not EARLIEST <= moment <= now + CLOCK_SLACK:
        _refuse(path, _("ligger i fremtiden eller før år 2000 (%(value)s)", value=value))
    return moment


def _day(value: Any, path: _Path, now: datetime, *, held: bool) -> date | None:
    """The day a session is held: may be planned ahead, unless the archive says it is over."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        _refuse(path, _("skal være en dato som 2024-01-20"))
    latest = (now + CLOCK_SLACK if held else now + PLANNED_AHEAD).date()
    if not EARLIEST.date() <= day <= latest:
        _refuse(
            path,
            _(
                "ligger efter %(latest)s: en afsluttet session kan ikke være holdt i fremtiden",
                latest=latest.isoformat(),
            )
            if held
            else _("skal ligge mellem år 2000 og %(latest)s", latest=latest.isoformat()),
        )
    return day


def _clock(value: Any, path: _Path) -> time | None:
    if value is None:
        return None
    try:
        moment = time.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        _refuse(path, _("skal være et klokkeslæt som 09:30:00"))
    return moment


def _key(value: Any, path: _Path, seen: set[str]) -> str:
    key = _text(value, path, KEY_MAX, required=True)
    if key in seen:
        _refuse(path, _("»%(key)s« findes to gange", key=key))
    seen.add(key)
    return key


# --- the archive, part by part -----------------------------------------------------------------


def validate_archive(data: Any, now: datetime | None = None) -> dict[str, Any]:
    """The archive as the import writes it (values parsed, optional keys filled in), or a
    ValidationError naming the first bad field. Nothing is written here."""
    now = now or utcnow()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(_("Filen er ikke et facilitator-arkiv (JSON fra »Eksportér«)."))
    if data.get("version") != VERSION:
        raise ValidationError(
            _(
                "Arkivet har version %(found)s; denne udgave læser version %(version)s.",
                found=data.get("version"),
                version=VERSION,
            )
        )
    check_depth(data)
    root = _Path()
    process = _process(_object(data.get("process"), root / "process"), root / "process")
    session = _session(_object(data.get("session"), root / "session"), root / "session", now)
    people_path = root / "participants"
    keys: set[str] = set()
    participants = [
        _participant(_object(p, people_path / i), people_path / i, keys, now)
        for i, p in enumerate(_list(data.get("participants"), people_path))
    ]
    activities_path = root / "activities"
    activities = [
        _activity(
            _object(a, activities_path / i),
            activities_path / i,
            keys,
            set(process["focus_areas"]),
            now,
        )
        for i, a in enumerate(_list(data.get("activities"), activities_path, limit=500))
    ]
    return {
        "process": process,
        "session": session,
        "participants": participants,
        "activities": activities,
    }


def _process(data: dict, path: _Path) -> dict[str, Any]:
    areas_path, organisations_path = path / "focus_areas", path / "organisations"
    areas = [
        _text(name, areas_path / i, _length(FocusArea.name), required=True)
        for i, name in enumerate(_list(data.get("focus_areas", []), areas_path, limit=100))
    ]
    return {
        "title": _text(data.get("title"), path / "title", _length(Process.title), required=True),
        "description": _optional_text(data.get("description"), path / "description", TEXT_MAX),
        "focus_areas": list(dict.fromkeys(areas)),
        "organisations": [
            _text(name, organisations_path / i, 200, required=True)
            for i, name in enumerate(
                _list(data.get("organisations", []), organisations_path, limit=200)
            )
        ],
    }


def _session(data: dict, path: _Path, now: datetime) -> dict[str, Any]:
    state = _one_of(data.get("state"), path / "state", SESSION_STATES)
    return {
        "title": _text(
            data.get("title"), path / "title", _length(WorkshopSession.title), required=True
        ),
        "kind": _one_of(data.get("kind"), path / "kind", SESSION_KINDS),
        "date": _day(data.get("date"), path / "date", now, held=state == "closed"),
        "starts_at": _clock(data.get("starts_at"), path / "starts_at"),
        "ends_at": _clock(data.get("ends_at"), path / "ends_at"),
        "venue": _optional_text(data.get("venue"), path / "venue", _length(WorkshopSession.venue)),
        "description": _optional_text(data.get("description"), path / "description", TEXT_MAX),
        "next_steps": _optional_text(data.get("next_steps"), path / "next_steps", TEXT_MAX),
        "state": state,
        "created_at": _moment(data.get("created_at"), path / "created_at", now),
    }


def _participant(data: dict, path: _Path, keys: set[str], now: datetime) -> dict[str, Any]:
    group = data.get("group")
    return {
        "key": _key(data.get("key"), path / "key", keys),
        "name": _optional_text(data.get("name"), path / "name", _length(Participant.name)),
        "group": None if group is None else _one_of(group, path / "group", STAKEHOLDER_GROUPS),
        "organisation": _optional_text(
            data.get("organisation"), path / "organisation", _length(Participant.organisation)
        ),
        "table_number": _optional_text(
            data.get("table_number"), path / "table_number", _length(Participant.table_number)
        ),
        "joined_at": _moment(data.get("joined_at"), path / "joined_at", now),
    }


def _settings(kind: str, data: dict, path: _Path) -> dict[str, Any]:
    """Only the keys the code reads, each of the type it expects (Activity's docstring)."""
    settings: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS_KEYS:
            _refuse(path / str(key)[:40], _("er ikke en kendt indstilling"))
        if key in ("reason_required", "endorsements", "results_live"):
            settings[key] = _flag(value, path / key)
    sides_path, topics_path = path / "sides", path / "topics"
    if kind == "dilemma" or "sides" in data:
        sides = _list(data.get("sides"), sides_path, limit=MAX_SIDES)
        if kind != "dilemma" or len(sides) < 2:
            _refuse(
                sides_path,
                _(
                    "skal være en liste af 2-%(max)s sider med »label« og »description«",
                    max=MAX_SIDES,
                )
                if kind == "dilemma"
                else _("hører kun til et dilemma"),
            )
        settings["sides"] = [
            {
                "label": _text(
                    _object(side, sides_path / i).get("label"),
                    sides_path / i / "label",
                    200,
                    required=True,
                ),
                "description": _optional_text(
                    side.get("description"), sides_path / i / "description", TEXT_MAX
                ),
            }
            for i, side in enumerate(sides)
        ]
    if kind == "topic_vote" or "topics" in data or "max_choices" in data:
        topics = _list(data.get("topics"), topics_path, limit=MAX_TOPICS)
        if kind != "topic_vote" or len(topics) < 2:
            _refuse(
                topics_path,
                _("skal være en liste af 2-%(max)s emner", max=MAX_TOPICS)
                if kind == "topic_vote"
                else _("hører kun til en prioritering"),
            )
        settings["topics"] = [
            _text(topic, topics_path / i, 200, required=True) for i, topic in enumerate(topics)
        ]
        most = data.get("max_choices", 3)
        if not isinstance(most, int) or isinstance(most, bool) or not 1 <= most <= len(topics):
            _refuse(path / "max_choices", _("skal være et tal fra 1 til %(max)s", max=len(topics)))
        settings["max_choices"] = most
    return settings


def _activity(
    data: dict, path: _Path, people: set[str], areas: set[str], now: datetime
) -> dict[str, Any]:
    kind = _one_of(data.get("kind"), path / "kind", ACTIVITY_KINDS)
    settings = _settings(
        kind, _object(data.get("settings", {}), path / "settings"), path / "settings"
    )
    area = data.get("focus_area")
    if area is not None and _text(area, path / "focus_area", 200) not in areas:
        _refuse(
            path / "focus_area", _("er ikke et af forløbets fokusområder (process.focus_areas)")
        )
    sides, topics = len(settings.get("sides", [])), len(settings.get("topics", []))
    clusters_path = path / "clusters"
    cluster_keys: set[str] = set()
    clusters = [
        _cluster(_object(c, clusters_path / i), clusters_path / i, cluster_keys, sides, now)
        for i, c in enumerate(_list(data.get("clusters", []), clusters_path))
    ]
    rows_path = path / "contributions"
    client_ids: set[tuple[str, str]] = set()
    rows = [
        _contribution(
            _object(c, rows_path / i),
            rows_path / i,
            people,
            cluster_keys,
            client_ids,
            kind,
            sides,
            topics,
            now,
        )
        for i, c in enumerate(_list(data.get("contributions", []), rows_path))
    ]
    return {
        "kind": kind,
        "title": _text(data.get("title"), path / "title", _length(Activity.title), required=True),
        "prompt": _optional_text(data.get("prompt"), path / "prompt", TEXT_MAX),
        "state": _one_of(data.get("state"), path / "state", ACTIVITY_STATES),
        "results_revealed": _flag(data.get("results_revealed", False), path / "results_revealed"),
        "focus_area": area,
        "settings": settings,
        "note": _optional_text(data.get("note"), path / "note", TEXT_MAX),
        "summary": _optional_text(data.get("summary"), path / "summary", TEXT_MAX),
        "clusters": clusters,
        "contributions": rows,
    }


def _cluster(data: dict, path: _Path, keys: set[str], sides: int, now: datetime) -> dict[str, Any]:
    return {
        "key": _key(data.get("key"), path / "key", keys),
        "label": _text(data.get("label"), path / "label", _length(Cluster.label)),
        "side": _index(data.get("side"), path / "side", sides),
        "pinned": _flag(data.get("pinned", False), path / "pinned"),
        "edited": _flag(data.get("edited", False), path / "edited"),
        "note": _optional_text(data.get("note"), path / "note", TEXT_MAX),
        "created_at": _moment(data.get("created_at"), path / "created_at", now),
    }


def _contribution(
    data: dict,
    path: _Path,
    people: set[str],
    clusters: set[str],
    client_ids: set[tuple[str, str]],
    kind: str,
    sides: int,
    topics: int,
    now: datetime,
) -> dict[str, Any]:
    person = data.get("participant")
    if not isinstance(person, str) or person not in people:
        _refuse(path / "participant", _("skal være nøglen på en af arkivets deltagere"))
    client_id = _text(
        data.get("client_id"), path / "client_id", _length(Contribution.client_id), required=True
    )
    if (person, client_id) in client_ids:
        _refuse(path / "client_id", _("»%(id)s« findes to gange for samme deltager", id=client_id))
    client_ids.add((person, client_id))
    cluster = data.get("cluster")
    if cluster is not None and cluster not in clusters:
        _refuse(path / "cluster", _("skal være tom eller nøglen på en af aktivitetens temaer"))
    choices = data.get("choices")
    if choices is not None:
        choices_path = path / "choices"
        if kind != "topic_vote":
            _refuse(choices_path, _("hører kun til en prioritering"))
        choices = [
            _index(choice, choices_path / i, topics)
            for i, choice in enumerate(_list(choices, choices_path, limit=topics))
        ]
        if None in choices or len(set(choices)) != len(choices):
            _refuse(
                choices_path,
                _("skal være forskellige emnenumre fra 0 til %(last)s", last=topics - 1),
            )
    endorsers_path = path / "endorsed_by"
    endorsers: set[str] = set()
    for i, key in enumerate(_list(data.get("endorsed_by", []), endorsers_path)):
        if not isinstance(key, str) or key not in people:
            _refuse(endorsers_path / i, _("skal være nøglen på en af arkivets deltagere"))
        if key in endorsers:
            _refuse(endorsers_path / i, _("»%(key)s« er enig i samme bidrag to gange", key=key))
        endorsers.add(key)
    return {
        "participant": person,
        "client_id": client_id,
        "text": _optional_text(data.get("text"), path / "text", TEXT_MAX),
        "side": _index(data.get("side"), path / "side", sides),
        "choices": choices,
        "hidden": _flag(data.get("hidden", False), path / "hidden"),
        "superseded": _flag(data.get("superseded", False), path / "superseded"),
        "highlighted": _flag(data.get("highlighted", False), path / "highlighted"),
        "cluster": cluster,
        "created_at": _moment(data.get("created_at"), path / "created_at", now),
        "endorsed_by": list(data.get("endorsed_by", [])),
    }
