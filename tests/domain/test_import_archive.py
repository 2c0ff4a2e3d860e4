"""Importing a session archive checks everything before it writes (issue 21, part 4): each bad
archive the probe used is refused with one Danish message naming the field, and nothing of it
is left; a good archive arrives as a draft and still round-trips."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pytest

from facilitator.contributions.models import Contribution, Endorsement
from facilitator.core.errors import ValidationError
from facilitator.export.archive import export_session, import_session
from facilitator.export.services import export_session_file
from tests.support.data_factory import row_counts


def good() -> dict:
    """A complete archive of a live session: statements with a theme and "Enig", a dilemma,
    a topic vote."""
    people = [
        {
            "key": f"p{i}",
            "name": f"Person {i}",
            "group": group,
            "organisation": "LEV",
            "table_number": "3",
            "joined_at": f"2024-01-20T09:0{i}:00",
        }
        for i, group in enumerate(["politiker", "embedsperson", "andet"], start=1)
    ]
    return {
        "format": "facilitator-session",
        "version": 1,
        "personoplysninger": True,
        "advarsel": "Indeholder personoplysninger",
        "process": {
            "title": "Nordjysk Socialaftale",
            "description": "",
            "focus_areas": ["Psykiatri"],
            "organisations": ["Aalborg Kommune"],
        },
        "session": {
            "title": "Visionsdag",
            "kind": "visionsdag",
            "date": "2024-01-20",
            "starts_at": "09:00:00",
            "ends_at": "12:00:00",
            "venue": "Aalborg",
            "description": "",
            "next_steps": "Styregruppen samler op.",
            "state": "live",
            "created_at": "2024-01-02T10:00:00",
        },
        "participants": people,
        "activities": [
            {
                "kind": "retningspil",
                "title": "Retningspile",
                "prompt": "Hvad skal vi?",
                "state": "closed",
                "results_revealed": True,
                "focus_area": "Psykiatri",
                "settings": {"endorsements": True, "results_live": True},
                "note": "",
                "summary": "",
                "clusters": [
                    {
                        "key": "c1",
                        "label": "Mod",
                        "side": None,
                        "pinned": True,
                        "edited": False,
                        "note": "",
                        "created_at": "2024-01-20T10:00:00",
                    }
                ],
                "contributions": [
                    {
                        "participant": "p1",
                        "client_id": "ret-0001",
                        "text": "Vi skal turde fejle",
                        "side": None,
                        "choices": None,
                        "hidden": False,
                        "held": False,
                        "held_word": "",
                        "superseded": False,
                        "highlighted": True,
                        "cluster": "c1",
                        "created_at": "2024-01-20T09:30:00",
                        "endorsed_by": ["p2", "p3"],
                    },
                    {
                        "participant": "p2",
                        "client_id": "ret-0001",
                        "text": "Sammen",
                        "side": None,
                        "choices": None,
                        "hidden": False,
                        "held": False,
                        "held_word": "",
                        "superseded": False,
                        "highlighted": False,
                        "cluster": None,
                        "created_at": "2024-01-20T09:31:00",
                        "endorsed_by": [],
                    },
                ],
            },
            {
                "kind": "dilemma",
                "title": "Dilemma",
                "prompt": "",
                "state": "open",
                "results_revealed": False,
                "focus_area": None,
                "settings": {
                    "sides": [
                        {"label": "Fælles", "description": ""},
                        {"label": "Lokalt", "description": "Hver for sig"},
                    ],
                    "reason_required": False,
                    "endorsements": False,
                    "results_live": False,
                },
                "note": "",
                "summary": "",
                "clusters": [],
                "contributions": [
                    {
                        "participant": p["key"],
                        "client_id": f"dil-{i}",
                        "text": "fordi",
                        "side": i % 2,
                        "choices": None,
                        "hidden": False,
                        "held": False,
                        "held_word": "",
                        "superseded": False,
                        "highlighted": False,
                        "cluster": None,
                        "created_at": "2024-01-20T10:00:00",
                        "endorsed_by": [],
                    }
                    for i, p in enumerate(people)
                ],
            },
            {
                "kind": "topic_vote",
                "title": "Prioritering",
                "prompt": "",
                "state": "pending",
                "results_revealed": False,
                "focus_area": None,
                "settings": {"topics": ["Bolig", "Job", "Fritid"], "max_choices": 2},
                "note": "",
                "summary": "",
                "clusters": [],
                "contributions": [
                    {
                        "participant": p["key"],
                        "client_id": f"top-{i}",
                        "text": "",
                        "side": None,
                        "choices": [i % 3],
                        "hidden": False,
                        "held": False,
                        "held_word": "",
                        "superseded": False,
                        "highlighted": False,
                        "cluster": None,
                        "created_at": "2024-01-20T11:00:00",
                        "endorsed_by": [],
                    }
                    for i, p in enumerate(people)
                ],
            },
        ],
    }


def test_a_good_archive_arrives_as_a_draft_with_everything(db, user) -> None:
    session = import_session(db, user, good())
    assert session.state == "draft" and session.closed_at is None  # a live archive waits
    assert session.join_code  # a new code, answering a waiting page until it is started
    assert [a.kind for a in session.activities] == ["retningspil", "dilemma", "topic_vote"]
    assert db.query(Contribution).count() == 8 and db.query(Endorsement).count() == 2
    exported = export_session(db, session)
    expected = good()
    expected["session"]["state"] = "draft"
    expected["parking"] = []  # an archive from before the parking lot has none
    expected["tables"] = []  # nor tables (facilitator/tables), nor scribes
    for person in expected["participants"]:
        person["scribe_table"] = None
    for activity in expected["activities"]:
        activity["photos"] = []  # nor flip-over photos
    assert {k: v for k, v in exported.items() if k != "advarsel"} == {
        k: v for k, v in expected.items() if k != "advarsel"
    }
    for kind in ("docx", "xlsx", "md", "json"):  # every export of it works
        assert export_session_file(db, session, kind).content


def test_an_export_imports_again_and_exports_the_same(db, user) -> None:
    first = export_session(db, import_session(db, user, good()))
    second = export_session(db, import_session(db, user, json.loads(json.dumps(first))))
    assert second == first


def _set(path: str, value: object) -> Callable[[dict], None]:
    """A change at a dotted path ("activities.1.settings.sides")."""

    def change(data: dict) -> None:
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[int(last) if isinstance(target, list) else last] = value

    return change


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


BAD = [
    (_set("session.state", "pause"), "session.state skal være en af: closed, draft, live"),
    (
        _set("activities.1.settings.sides", "Fælles,Lokalt"),
        "activities[1].settings.sides skal være en liste",
    ),
    (
        _set("activities.1.settings.sides", ["Fælles", "Lokalt"]),
        "activities[1].settings.sides[0] skal være et objekt med felter",
    ),
    (
        _set("activities.2.contributions.0.choices", ["Bolig"]),
        "activities[2].contributions[0].choices[0] skal være tom eller et tal fra 0 til 2",
    ),
    (
        _set("activities.2.contributions.0.choices", [7]),
        "activities[2].contributions[0].choices[0] skal være tom eller et tal fra 0 til 2",
    ),
    (
        _set("activities.2.contributions.0.choices", [1, 1]),
        "activities[2].contributions[0].choices skal være forskellige emnenumre",
    ),
    (
        _set("activities.1.contributions.0.side", 5),
        "activities[1].contributions[0].side skal være tom eller et tal fra 0 til 1",
    ),
    (_set("activities.0.title", "x" * 5000), "activities[0].title må højst være 200 tegn"),
    (_set("session.title", "x" * 201), "session.title må højst være 200 tegn"),
    (_set("participants.0.name", "x" * 121), "participants[0].name må højst være 120 tegn"),
    (_set("activities.0.settings.sides", _nested(10_000)), "er indlejret for dybt"),
    (
        _set("activities.0.contributions.1.participant", "p1"),
        "activities[0].contributions[1].client_id »ret-0001« findes to gange for samme deltager",
    ),
    (
        _set("activities.0.contributions.0.endorsed_by", ["p2", "p2"]),
        "activities[0].contributions[0].endorsed_by[1] »p2« er enig i samme bidrag to gange",
    ),
    (
        _set("activities.0.contributions.0.endorsed_by", ["p9"]),
        "activities[0].contributions[0].endorsed_by[0] skal være nøglen på en af arkivets",
    ),
    (
        _set("activities.0.contributions.0.text", "før\x00efter"),
        "activities[0].contributions[0].text indeholder kontroltegn",
    ),
    (_set("participants.0.group", "konge"), "participants[0].group skal være en af"),
    (_set("participants.1.key", "p1"), "participants[1].key »p1« findes to gange"),
    (_set("activities.0.kind", "quiz"), "activities[0].kind skal være en af"),
    (
        _set("activities.0.focus_area", "Ukendt"),
        "activities[0].focus_area er ikke et af forløbets fokusområder",
    ),
    (
        _set("activities.0.settings.sides", [{"label": "a"}, {"label": "b"}]),
        "activities[0].settings.sides hører kun til et dilemma",
    ),
    (
        _set("activities.0.settings.kommando", "rm"),
        "activities[0].settings.kommando er ikke en kendt indstilling",
    ),
    (
        _set("activities.0.results_revealed", "ja"),
        "activities[0].results_revealed skal være true eller false",
    ),
    (
        _set("activities.0.contributions.0.cluster", "c9"),
        "activities[0].contributions[0].cluster skal være tom eller nøglen",
    ),
    (_set("session.created_at", "2999-01-01T00:00:00"), "session.created_at ligger i fremtiden"),
    (_set("participants.0.joined_at", "i går"), "participants[0].joined_at skal være et tidspunkt"),
    (
        lambda data: (
            _set("session.state", "closed")(data),
            _set("session.date", "2999-12-31")(data),
        ),
        "session.date ligger efter",
    ),
    (_set("session.date", "2999-12-31"), "session.date skal ligge mellem år 2000 og"),
    (_set("activities", {"0": {}}), "activities skal være en liste"),
    (_set("session.starts_at", "kl. 9"), "session.starts_at skal være et klokkeslæt"),
]


@pytest.mark.parametrize(("change", "message"), BAD, ids=[m[:40] for _, m in BAD])
def test_a_bad_archive_is_refused_before_anything_is_written(db, user, change, message) -> None:
    data = copy.deepcopy(good())
    change(data)
    before = row_counts(db)
    with pytest.raises(ValidationError) as refused:
        import_session(db, user, data)
    assert refused.value.message.startswith("Arkivet kan ikke importeres: ")
    assert message in refused.value.message
    db.rollback()
    assert row_counts(db) == before


def test_a_failure_while_writing_leaves_nothing(db, user, monkeypatch) -> None:
    from facilitator.export import archive

    def broken(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        raise RuntimeError("disk full")

    before = row_counts(db)
    monkeypatch.setattr(archive, "_commit_with_new_code", broken)
    with pytest.raises(RuntimeError):
        import_session(db, user, good())
    assert row_counts(db) == before
