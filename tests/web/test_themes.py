from __future__ import annotations

import pytest

from facilitator.activities.services import open_activity
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from tests.domain.test_clustering_service import STATEMENTS


@pytest.fixture
def themed(app, db, live_session, phone, monkeypatch):
    # one phone sends the whole sample at once, faster than SUBMIT_RATE lets a person
    monkeypatch.setitem(app.config, "SUBMIT_RATE", "1000/10second")
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    phone.post(f"/j/{live_session.join_code}", {"group": "embedsperson"})
    for i, text in enumerate(STATEMENTS):
        phone.post(
            f"/s/{live_session.join_code}",
            {"activity_id": activity.id, "client_id": f"w{i:031d}", "text": text},
        )
    yield activity
    app.config["CLUSTER_SYNC"] = True  # the suite's default, whatever a test switched to


def test_grupper_then_curate_through_the_forms(facilitator, themed, db) -> None:
    page = facilitator.get(f"/facilitate/activities/{themed.id}/themes")
    assert page.status_code == 200 and "Gruppér" in page.get_data(as_text=True)
    response = facilitator.post(
        f"/facilitate/activities/{themed.id}/themes/cluster", {"themes": "3"}, follow_redirects=True
    )
    # CLUSTER_SYNC: the job ran inline, so the page already shows its result and its state
    assert "Temaerne er opdateret" in response.get_data(as_text=True)
    clusters = db.query(Cluster).order_by(Cluster.position).all()
    assert len(clusters) == 3
    facilitator.post(f"/facilitate/clusters/{clusters[0].id}/rename", {"label": "Mod at fejle"})
    facilitator.post(f"/facilitate/clusters/{clusters[0].id}/pin")
    facilitator.post(
        f"/facilitate/activities/{themed.id}/themes/merge",
        {"cluster_ids": [str(clusters[1].id), str(clusters[2].id)]},
    )
    db.expire_all()
    assert db.get(Cluster, clusters[0].id).label == "Mod at fejle"
    assert db.get(Cluster, clusters[0].id).pinned and db.get(Cluster, clusters[2].id) is None
    row = db.query(Contribution).filter_by(cluster_id=clusters[1].id).first()
    facilitator.post(
        f"/facilitate/contributions/{row.id}/move", {"cluster_id": str(clusters[0].id)}
    )
    db.expire_all()
    assert db.get(Contribution, row.id).cluster_id == clusters[0].id
    bad = facilitator.post(
        f"/facilitate/clusters/{clusters[0].id}/rename", {"label": " "}, follow_redirects=True
    )
    assert "overskrift" in bad.get_data(as_text=True)


def test_projector_shows_themes(facilitator, themed, live_session, db) -> None:
    facilitator.post(f"/facilitate/activities/{themed.id}/themes/cluster", {"themes": "3"})
    label = db.query(Cluster).first().label
    screen = facilitator.get(f"/screen/{live_session.id}?t={live_session.screen_token}")
    html = screen.get_data(as_text=True)
    assert "data-clusters" in html and label in html
    assert 'data-density="few"' in html  # three themes: room for examples under each


def test_late_arrival_is_placed_by_the_background_path(
    app, facilitator, themed, phone, live_session, db
) -> None:
    facilitator.post(f"/facilitate/activities/{themed.id}/themes/cluster", {"themes": "3"})
    app.config["CLUSTER_SYNC"] = False  # the real path: a background task, batched
    phone.post(
        f"/s/{live_session.join_code}",
        {
            "activity_id": themed.id,
            "client_id": "late" * 8,
            "text": "Forebyggelse og tidlig opsporing",
        },
    )
    from facilitator.extensions import socketio

    for _ in range(40):
        socketio.sleep(0.1)
        db.expire_all()
        if db.query(Contribution).filter_by(client_id="late" * 8).one().cluster_id:
            break
    assert db.query(Contribution).filter_by(client_id="late" * 8).one().cluster_id is not None


def test_another_facilitator_cannot_touch_themes(visitor, themed, other_user, db) -> None:
    visitor.login("bo@region.dk")
    assert visitor.get(f"/facilitate/activities/{themed.id}/themes").status_code == 404
    assert visitor.post(f"/facilitate/activities/{themed.id}/themes/cluster").status_code == 404
    assert db.query(Cluster).count() == 0


def test_facilitator_gives_headings_and_contributions_are_sorted_into_them(
    facilitator, themed, db
) -> None:
    page = facilitator.get(f"/facilitate/activities/{themed.id}/themes").get_data(as_text=True)
    assert "Jeres egne overskrifter" in page and "Forløbets fokusområder" in page
    response = facilitator.post(
        f"/facilitate/activities/{themed.id}/themes/headings",
        {"headings": "Mod til at fejle\nKompetenceudvikling\n\n"},
        follow_redirects=True,
    )
    assert "2 overskrifter tilføjet" in response.get_data(as_text=True)
    given = {c.label: c for c in db.query(Cluster).filter(Cluster.pinned.is_(True))}
    assert set(given) == {"Mod til at fejle", "Kompetenceudvikling"}
    # CLUSTER_SYNC: the grouping job sorted what was already there into the new headings
    db.expire_all()
    sorted_in = (
        db.query(Contribution)
        .filter(Contribution.cluster_id.in_([c.id for c in given.values()]))
        .count()
    )
    assert sorted_in >= 4
    empty = facilitator.post(
        f"/facilitate/activities/{themed.id}/themes/headings",
        {"headings": "   "},
        follow_redirects=True,
    )
    assert empty.status_code == 200 and "mindst én overskrift" in empty.get_data(as_text=True)
