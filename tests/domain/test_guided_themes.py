"""Guided theming: the facilitator's headings, live sorting, "Nye temaer", teaching by moves."""

from __future__ import annotations

import pytest

from facilitator.activities.services import open_activity
from facilitator.clustering import curation, grouping, headings, store, theme_view
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ValidationError
from facilitator.sessions.services import create_session

DEMENTIA = [
    "Demens skal opdages tidligt hos ældre",
    "Pårørende til mennesker med demens aflastes",
    "Plejehjem der kan rumme glemsomme beboere",
]
STAFF = [
    "Efteruddannelse af personalet",
    "Kurser for pædagoger i nye metoder",
    "Medarbejderne skal lære af hinanden på tværs",
]
HEADINGS = ["Ældre og demens", "Fælles kompetenceudvikling"]


@pytest.fixture
def activity(db, live_session):
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    return activity


@pytest.fixture
def person(db, live_session):
    return join(db, live_session, "guidet" * 6, Profile(group="embedsperson"))


def _send(db, person, activity, texts, prefix):
    return [
        submit(db, person, activity, Submission(f"{prefix}-guided-{i:06d}", text))[0]
        for i, text in enumerate(texts)
    ]


def _theme_of(db, row) -> str | None:
    db.expire_all()
    cluster_id = db.get(Contribution, row.id).cluster_id
    return db.get(Cluster, cluster_id).label if cluster_id else None


def test_given_headings_are_kept_themes_before_any_contribution(db, activity) -> None:
    added = headings.add_headings(
        db, activity, [" Ældre og demens ", "", "ældre og demens", "Fælles kompetenceudvikling"]
    )
    assert [c.label for c in added] == HEADINGS
    assert all(c.pinned and c.edited for c in added)
    assert headings.add_headings(db, activity, ["Ældre og demens"]) == []  # already there
    with pytest.raises(ValidationError):
        headings.add_headings(db, activity, ["  ", ""])


def test_arrivals_are_sorted_under_the_headings_live(db, activity, person) -> None:
    headings.add_headings(db, activity, HEADINGS)
    rows = _send(db, person, activity, DEMENTIA + STAFF, "live")
    grouping.assign_new(db, activity, [r.id for r in rows])
    placed = [_theme_of(db, r) for r in rows]
    assert placed[:3].count("Ældre og demens") >= 2
    assert placed[3:].count("Fælles kompetenceudvikling") >= 2


def test_grouping_with_headings_sorts_and_makes_new_themes_for_the_rest(
    db, activity, person
) -> None:
    headings.add_headings(db, activity, HEADINGS)
    other = [
        "Bedre wifi på rådhuset",
        "Hurtigere internet i mødelokalerne",
        "Trådløst netværk der virker i byrådssalen",
        "Internetforbindelsen falder ud",
    ]
    rows = _send(db, person, activity, DEMENTIA + STAFF + other, "grp")
    grouping.cluster_activity(db, activity)
    labels = [c.label for c in db.query(Cluster).order_by(Cluster.position)]
    assert labels[:2] == HEADINGS and len(labels) > 2
    assert sum(_theme_of(db, r) == "Ældre og demens" for r in rows[:3]) >= 2
    assert sum(_theme_of(db, r) not in HEADINGS for r in rows[6:]) >= 3
    view = theme_view.cluster_view(db, activity)
    assert [c["given"] for c in view["clusters"][:2]] == [True, True]
    assert any(c["new"] for c in view["clusters"])


def test_unsorted_arrivals_become_new_themes(db, activity, person) -> None:
    headings.add_headings(db, activity, HEADINGS)
    other = [
        "Bedre wifi på rådhuset",
        "Hurtigere internet i mødelokalerne",
        "Trådløst netværk der virker i byrådssalen",
        "Internetforbindelsen falder ud",
        "Wifi-koden skal hænge på væggen",
    ]
    rows = _send(db, person, activity, other, "wifi")
    grouping.assign_new(db, activity, [r.id for r in rows])
    new = [c for c in db.query(Cluster) if c.label not in HEADINGS]
    assert new and not new[0].pinned
    assert sum(_theme_of(db, r) is not None for r in rows) >= 3


def test_a_move_teaches_later_arrivals_and_moves_duplicates(db, activity, person) -> None:
    headings.add_headings(db, activity, ["Ældre og demens", "Digitale løsninger"])
    first = _send(db, person, activity, ["Skærme og robotter i plejen"] * 2, "dup")
    grouping.assign_new(db, activity, [r.id for r in first])
    target = db.query(Cluster).filter_by(label="Ældre og demens").one()
    curation.move_contribution(db, db.get(Contribution, first[0].id), target)
    assert _theme_of(db, first[0]) == _theme_of(db, first[1]) == "Ældre og demens"


def test_regrouping_never_undoes_renamed_themes(db, activity, person) -> None:
    _send(db, person, activity, DEMENTIA + STAFF, "re")
    first = grouping.cluster_activity(db, activity, k=2)[0]
    curation.rename_cluster(db, first, "Vores eget tema")
    members = {r.id for r in db.query(Contribution).filter_by(cluster_id=first.id)}
    grouping.cluster_activity(db, activity, k=2)
    db.expire_all()
    assert db.get(Cluster, first.id).label == "Vores eget tema"
    assert members <= {r.id for r in db.query(Contribution).filter_by(cluster_id=first.id)}


def test_suggestions_from_focus_areas_and_an_earlier_session(
    db, activity, person, live_session
) -> None:
    _send(db, person, activity, DEMENTIA + STAFF, "sug")
    grouping.cluster_activity(db, activity, k=2)
    later = create_session(
        db, live_session.process, title="Workshop", kind="workshop", template="workshop"
    )
    target = next(a for a in later.activities if a.kind in store.CLUSTERABLE)
    suggestions = headings.heading_suggestions(db, target)
    assert suggestions["Forløbets fokusområder"] == [
        "Fokus på psykiatrien",
        "Fokus på borgere der bliver ældre",
    ]
    earlier = suggestions["Temaer fra »Visionsdag«"]
    assert len(earlier) == 2 and all(earlier)


BUSES = [
    "Flere busser til landsbyerne om aftenen",
    "Billigere buskort for unge i landområder",
    "Busserne skal køre oftere i weekenden",
    "Bedre busforbindelse til sygehuset",
]
HOMES = [
    "Flere billige boliger til unge",
    "Boliger til hjemløse med støtte",
    "Almene boliger i alle kommuner",
    "Hurtigere boligtildeling til udsatte",
]
CARE = [
    "Demens skal opdages tidligt hos ældre",
    "Pårørende til mennesker med demens aflastes",
    "Demensvenlige plejehjem med rolige rammer",
    "Ældre med demens skal have faste kontaktpersoner",
]


@pytest.mark.parametrize("backend", ["lexical", "semantic"])
def test_one_own_heading_keeps_the_automatic_themes_around_it(
    db, activity, person, backend
) -> None:
    rows = _send(db, person, activity, BUSES + HOMES + CARE, f"own-{backend}")
    grouping.cluster_activity(db, activity, backend=backend)
    db.expire_all()
    before = {
        c.id: (c.label, {r.id for r in db.query(Contribution).filter_by(cluster_id=c.id)})
        for c in db.query(Cluster)
    }
    assert len(before) >= 2

    headings.add_headings(db, activity, ["Ældre og demens"])
    grouping.sort_under_headings(db, activity, backend=backend)
    db.expire_all()
    heading = db.query(Cluster).filter_by(label="Ældre og demens").one()
    moved = {r.id for r in db.query(Contribution).filter_by(cluster_id=heading.id)}
    care = {r.id for r in rows[8:]}
    assert len(moved & care) >= 3  # what the heading names moved under it
    after = {
        c.id: (c.label, {r.id for r in db.query(Contribution).filter_by(cluster_id=c.id)})
        for c in db.query(Cluster)
        if c.id != heading.id
    }
    assert set(after) <= set(before)  # nothing regrouped from scratch, no new themes
    for cluster_id, (label, members) in before.items():
        if cluster_id in after:  # the same theme, the same heading, minus what moved
            assert after[cluster_id] == (label, members - moved)
        else:  # only a theme that emptied into the heading goes
            assert members <= moved
    kept = [members for _, members in after.values()]
    assert sum(len(m & {r.id for r in rows[:8]}) for m in kept) >= 6  # buses, homes stay
    assert db.query(Contribution).filter(Contribution.cluster_id.is_(None)).count() == 0
