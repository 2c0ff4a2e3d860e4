"""What a session archive may contain, checked before anything is written (issue 21, part 4).

An archive is a file from outside: it may be edited by hand, truncated or hostile. Each value
is checked for its type, its length (the model's column lengths), its allowed values and its
place in time, and references between rows are resolved, so the import itself cannot fail
half-way or leave a session that breaks the console, the projector or an export. The first
problem is one Danish message that names the field: "Arkivet kan ikke importeres:
activities[2].settings.sides skal være en liste."

A small hand-written checker rather than a schema library: the rules are few, the messages
must be Danish and name the field, and no such library is installed. The readers for single
fields are export.archive_fields; this module puts them together part by part.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from facilitator.activities.models import ACTIVITY_KINDS, ACTIVITY_STATES, TEXT_KINDS, Activity
from facilitator.activities.services import MAX_SIDES, MAX_TOPICS
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import STAKEHOLDER_GROUPS, Contribution, Participant
from facilitator.core.db import utcnow
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.export.archive_fields import (
    TEXT_MAX,
    FieldPath,
    check_depth,
    column_length,
    read_clock,
    read_day,
    read_flag,
    read_index,
    read_key,
    read_list,
    read_moment,
    read_object,
    read_one_of,
    read_optional_text,
    read_text,
    refuse,
)
from facilitator.parking.archive import read_items
from facilitator.processes.models import FocusArea, Process
from facilitator.sessions.models import SESSION_KINDS, SESSION_STATES, WorkshopSession
from facilitator.tables.archive import read_number, read_photos, read_tables
from facilitator.wordcloud.words import MAX_WORD_CHARS, MAX_WORDS, split_words

FORMAT = "facilitator-session"
VERSION = 1
SETTINGS_KEYS = {
    "by_table",
    "sides",
    "reason_required",
    "topics",
    "max_choices",
    "endorsements",
    "results_live",
    "premoderated",
    "hidden_words",
}


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
    root = FieldPath()
    process = _process(read_object(data.get("process"), root / "process"), root / "process")
    session = _session(read_object(data.get("session"), root / "session"), root / "session", now)
    tables = read_tables(data.get("tables", []), root / "tables")
    numbers = {t["number"] for t in tables}
    people_path = root / "participants"
    keys: set[str] = set()
    participants = [
        _participant(read_object(p, people_path / i), people_path / i, keys, now, numbers)
        for i, p in enumerate(read_list(data.get("participants"), people_path))
    ]
    activities_path = root / "activities"
    activities = [
        _activity(
            read_object(a, activities_path / i),
            activities_path / i,
            keys,
            set(process["focus_areas"]),
            now,
        )
        for i, a in enumerate(read_list(data.get("activities"), activities_path, limit=500))
    ]
    people = {p["key"] for p in participants}
    parking = read_items(data.get("parking", []), root / "parking", people, now)
    return {
        "process": process,
        "session": session,
        "participants": participants,
        "tables": tables,
        "activities": activities,
        "parking": parking,
    }


def _process(data: dict, path: FieldPath) -> dict[str, Any]:
    areas_path, organisations_path = path / "focus_areas", path / "organisations"
    areas = [
        read_text(name, areas_path / i, column_length(FocusArea.name), required=True)
        for i, name in enumerate(read_list(data.get("focus_areas", []), areas_path, limit=100))
    ]
    return {
        "title": read_text(
            data.get("title"), path / "title", column_length(Process.title), required=True
        ),
        "description": read_optional_text(data.get("description"), path / "description", TEXT_MAX),
        "focus_areas": list(dict.fromkeys(areas)),
        "organisations": [
            read_text(name, organisations_path / i, 200, required=True)
            for i, name in enumerate(
                read_list(data.get("organisations", []), organisations_path, limit=200)
            )
        ],
    }


def _session(data: dict, path: FieldPath, now: datetime) -> dict[str, Any]:
    state = read_one_of(data.get("state"), path / "state", SESSION_STATES)
    return {
        "title": read_text(
            data.get("title"), path / "title", column_length(WorkshopSession.title), required=True
        ),
        "kind": read_one_of(data.get("kind"), path / "kind", SESSION_KINDS),
        "date": read_day(data.get("date"), path / "date", now, held=state == "closed"),
        "starts_at": read_clock(data.get("starts_at"), path / "starts_at"),
        "ends_at": read_clock(data.get("ends_at"), path / "ends_at"),
        "venue": read_optional_text(
            data.get("venue"), path / "venue", column_length(WorkshopSession.venue)
        ),
        "description": read_optional_text(data.get("description"), path / "description", TEXT_MAX),
        "next_steps": read_optional_text(data.get("next_steps"), path / "next_steps", TEXT_MAX),
        "state": state,
        "created_at": read_moment(data.get("created_at"), path / "created_at", now),
    }


def _participant(
    data: dict, path: FieldPath, keys: set[str], now: datetime, tables: set[int]
) -> dict[str, Any]:
    group = data.get("group")
    scribe = data.get("scribe_table")
    return {
        "key": read_key(data.get("key"), path / "key", keys),
        "name": read_optional_text(
            data.get("name"), path / "name", column_length(Participant.name)
        ),
        "group": None if group is None else read_one_of(group, path / "group", STAKEHOLDER_GROUPS),
        "organisation": read_optional_text(
            data.get("organisation"), path / "organisation", column_length(Participant.organisation)
        ),
        "table_number": read_optional_text(
            data.get("table_number"), path / "table_number", column_length(Participant.table_number)
        ),
        "joined_at": read_moment(data.get("joined_at"), path / "joined_at", now),
        "scribe_table": None
        if scribe is None
        else read_number(scribe, path / "scribe_table", tables),
    }


def _settings(kind: str, data: dict, path: FieldPath) -> dict[str, Any]:
    """Only the keys the code reads, each of the type it expects (Activity's docstring)."""
    settings: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS_KEYS:
            refuse(path / str(key)[:40], _("er ikke en kendt indstilling"))
        if key in ("reason_required", "endorsements", "results_live", "premoderated", "by_table"):
            settings[key] = read_flag(value, path / key)
    if "hidden_words" in data:
        settings["hidden_words"] = _hidden_words(kind, data["hidden_words"], path / "hidden_words")
    sides_path, topics_path = path / "sides", path / "topics"
    if kind == "dilemma" or "sides" in data:
        sides = read_list(data.get("sides"), sides_path, limit=MAX_SIDES)
        if kind != "dilemma" or len(sides) < 2:
            refuse(
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
                "label": read_text(
                    read_object(side, sides_path / i).get("label"),
                    sides_path / i / "label",
                    200,
                    required=True,
                ),
                "description": read_optional_text(
                    side.get("description"), sides_path / i / "description", TEXT_MAX
                ),
            }
            for i, side in enumerate(sides)
        ]
    if kind == "topic_vote" or "topics" in data or "max_choices" in data:
        topics = read_list(data.get("topics"), topics_path, limit=MAX_TOPICS)
        if kind != "topic_vote" or len(topics) < 2:
            refuse(
                topics_path,
                _("skal være en liste af 2-%(max)s emner", max=MAX_TOPICS)
                if kind == "topic_vote"
                else _("hører kun til en prioritering"),
            )
        settings["topics"] = [
            read_text(topic, topics_path / i, 200, required=True) for i, topic in enumerate(topics)
        ]
        most = data.get("max_choices", 3)
        if not isinstance(most, int) or isinstance(most, bool) or not 1 <= most <= len(topics):
            refuse(path / "max_choices", _("skal være et tal fra 1 til %(max)s", max=len(topics)))
        settings["max_choices"] = most
    return settings


def _hidden_words(kind: str, value: Any, path: FieldPath) -> list[str]:
    """A word cloud's words taken off it: single words, as the console hides them."""
    if kind != "wordcloud":
        refuse(path, _("hører kun til en ordsky"))
    words = read_list(value, path, limit=500)
    return [
        read_text(word, path / i, MAX_WORD_CHARS, required=True) for i, word in enumerate(words)
    ]


def _activity(
    data: dict, path: FieldPath, people: set[str], areas: set[str], now: datetime
) -> dict[str, Any]:
    kind = read_one_of(data.get("kind"), path / "kind", ACTIVITY_KINDS)
    settings = _settings(
        kind, read_object(data.get("settings", {}), path / "settings"), path / "settings"
    )
    area = data.get("focus_area")
    if area is not None and read_text(area, path / "focus_area", 200) not in areas:
        refuse(path / "focus_area", _("er ikke et af forløbets fokusområder (process.focus_areas)"))
    sides, topics = len(settings.get("sides", [])), len(settings.get("topics", []))
    clusters_path = path / "clusters"
    cluster_keys: set[str] = set()
    clusters = [
        _cluster(read_object(c, clusters_path / i), clusters_path / i, cluster_keys, sides, now)
        for i, c in enumerate(read_list(data.get("clusters", []), clusters_path))
    ]
    rows_path = path / "contributions"
    client_ids: set[tuple[str, str]] = set()
    rows = [
        _contribution(
            read_object(c, rows_path / i),
            rows_path / i,
            people,
            cluster_keys,
            client_ids,
            kind,
            sides,
            topics,
            now,
        )
        for i, c in enumerate(read_list(data.get("contributions", []), rows_path))
    ]
    photos = data.get("photos", [])
    if photos and kind not in TEXT_KINDS:  # notes and photos belong to a text activity
        refuse(path / "photos", _("hører kun til en aktivitet med tekst"))
    return {
        "kind": kind,
        "title": read_text(
            data.get("title"), path / "title", column_length(Activity.title), required=True
        ),
        "prompt": read_optional_text(data.get("prompt"), path / "prompt", TEXT_MAX),
        "state": read_one_of(data.get("state"), path / "state", ACTIVITY_STATES),
        "results_revealed": read_flag(
            data.get("results_revealed", False), path / "results_revealed"
        ),
        "focus_area": area,
        "settings": settings,
        "note": read_optional_text(data.get("note"), path / "note", TEXT_MAX),
        "summary": read_optional_text(data.get("summary"), path / "summary", TEXT_MAX),
        "clusters": clusters,
        "contributions": rows,
        "photos": read_photos(photos, path / "photos", now),
    }


def _cluster(
    data: dict, path: FieldPath, keys: set[str], sides: int, now: datetime
) -> dict[str, Any]:
    return {
        "key": read_key(data.get("key"), path / "key", keys),
        "label": read_text(data.get("label"), path / "label", column_length(Cluster.label)),
        "side": read_index(data.get("side"), path / "side", sides),
        "pinned": read_flag(data.get("pinned", False), path / "pinned"),
        "edited": read_flag(data.get("edited", False), path / "edited"),
        "note": read_optional_text(data.get("note"), path / "note", TEXT_MAX),
        "created_at": read_moment(data.get("created_at"), path / "created_at", now),
    }


def _contribution(
    data: dict,
    path: FieldPath,
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
        refuse(path / "participant", _("skal være nøglen på en af arkivets deltagere"))
    client_id = read_text(
        data.get("client_id"),
        path / "client_id",
        column_length(Contribution.client_id),
        required=True,
    )
    if (person, client_id) in client_ids:
        refuse(path / "client_id", _("»%(id)s« findes to gange for samme deltager", id=client_id))
    client_ids.add((person, client_id))
    cluster = data.get("cluster")
    if cluster is not None and cluster not in clusters:
        refuse(path / "cluster", _("skal være tom eller nøglen på en af aktivitetens temaer"))
    choices = data.get("choices")
    if choices is not None:
        choices_path = path / "choices"
        if kind != "topic_vote":
            refuse(choices_path, _("hører kun til en prioritering"))
        choices = [
            read_index(choice, choices_path / i, topics)
            for i, choice in enumerate(read_list(choices, choices_path, limit=topics))
        ]
        if None in choices or len(set(choices)) != len(choices):
            refuse(
                choices_path,
                _("skal være forskellige emnenumre fra 0 til %(last)s", last=topics - 1),
            )
    endorsers_path = path / "endorsed_by"
    endorsers: set[str] = set()
    for i, key in enumerate(read_list(data.get("endorsed_by", []), endorsers_path)):
        if not isinstance(key, str) or key not in people:
            refuse(endorsers_path / i, _("skal være nøglen på en af arkivets deltagere"))
        if key in endorsers:
            refuse(endorsers_path / i, _("»%(key)s« er enig i samme bidrag to gange", key=key))
        endorsers.add(key)
    text = read_optional_text(data.get("text"), path / "text", TEXT_MAX)
    if kind == "wordcloud":  # a check-in's answer reads as its words, as the phone sent them
        try:
            split_words([text])
        except ValidationError:
            refuse(
                path / "text",
                _(
                    "skal være 1-%(max)s ord på højst %(chars)s tegn",
                    max=MAX_WORDS,
                    chars=MAX_WORD_CHARS,
                ),
            )
    return {
        "participant": person,
        "client_id": client_id,
        "text": text,
        "side": read_index(data.get("side"), path / "side", sides),
        "choices": choices,
        "hidden": read_flag(data.get("hidden", False), path / "hidden"),
        "held": read_flag(data.get("held", False), path / "held"),
        "held_word": read_optional_text(
            data.get("held_word"), path / "held_word", column_length(Contribution.held_word)
        ),
        "superseded": read_flag(data.get("superseded", False), path / "superseded"),
        "highlighted": read_flag(data.get("highlighted", False), path / "highlighted"),
        "cluster": cluster,
        "created_at": read_moment(data.get("created_at"), path / "created_at", now),
        "endorsed_by": list(data.get("endorsed_by", [])),
    }
