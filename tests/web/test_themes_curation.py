"""The themes page's actions answer the page's script in JSON and a plain form with the page
again; undo, several contributions at once, alternatives and clear errors."""

from __future__ import annotations

from facilitator.clustering import theme_view
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from facilitator.live import payloads
from tests.unit.test_undo import themes  # noqa: F401 - the fixture

JSON = {"Accept": "application/json"}


def page_of(facilitator, activity) -> str:
    return facilitator.get(f"/facilitate/activities/{activity.id}/themes").get_data(as_text=True)


def test_rename_answers_json_and_ends_the_suggestion(facilitator, themes, db) -> None:  # noqa: F811
    activity, clusters, rows = themes
    answer = facilitator.post(
        f"/facilitate/clusters/{clusters[0].id}/rename", {"label": "Fejlkultur"}, headers=JSON
    )
    assert answer.status_code == 200 and answer.json["ok"]
    assert "Fejlkultur" in answer.json["message"]
    db.expire_all()
    cluster = db.get(Cluster, clusters[0].id)
    assert cluster.label == "Fejlkultur" and cluster.edited and not cluster.suggestion


def test_errors_are_words_not_pages(facilitator, themes, db) -> None:  # noqa: F811
    activity, clusters, rows = themes
    empty = facilitator.post(
        f"/facilitate/clusters/{clusters[0].id}/rename", {"label": " "}, headers=JSON
    )
    assert empty.status_code == 400 and not empty.json["ok"]
    assert "overskrift" in empty.json["message"]
    gone_id = clusters[2].id
    facilitator.post(f"/facilitate/clusters/{gone_id}/delete", headers=JSON)
    gone = facilitator.post(f"/facilitate/clusters/{gone_id}/pin", headers=JSON)
    assert gone.status_code == 404 and gone.json["message"] == "Temaet findes ikke længere."
    moved = facilitator.post(
        f"/facilitate/activities/{activity.id}/themes/move",
        {"contribution_ids": [str(rows[0].id)], "cluster_id": str(gone_id)},
        headers=JSON,
    )
    assert moved.status_code == 404 and "findes ikke" in moved.json["message"]
    old = facilitator.post(
        f"/facilitate/clusters/{clusters[0].id}/pin", {"csrf_token": "x"}, headers=JSON
    )
    assert old.status_code == 400 and "Genindlæs siden" in old.json["message"]
    nothing = facilitator.post(
        f"/facilitate/activities/{activity.id}/themes/merge",
        {"cluster_ids": [str(clusters[0].id)]},
        headers=JSON,
    )
    assert nothing.status_code == 400 and "mindst to" in nothing.json["message"]
    db.expire_all()
    assert not db.get(Cluster, clusters[0].id).pinned  # nothing half-done


def test_move_many_then_undo(facilitator, themes, db) -> None:  # noqa: F811
    activity, clusters, rows = themes
    ids = [str(rows[4].id), str(rows[9].id)]
    answer = facilitator.post(
        f"/facilitate/activities/{activity.id}/themes/move",
        {"contribution_ids": ids, "cluster_id": str(clusters[0].id)},
        headers=JSON,
    )
    assert answer.json["ok"] and "2 bidrag" in answer.json["message"]
    db.expire_all()
    assert all(db.get(Contribution, int(i)).cluster_id == clusters[0].id for i in ids)
    assert all(db.get(Contribution, int(i)).example for i in ids)
    assert "Sidste ændring: flytning" in page_of(facilitator, activity)
    undone = facilitator.post(f"/facilitate/activities/{activity.id}/themes/undo", headers=JSON)
    assert undone.json["ok"]
    db.expire_all()
    assert db.get(Contribution, rows[4].id).cluster_id == clusters[1].id
    assert not db.get(Contribution, rows[4].id).example
    again = facilitator.post(f"/facilitate/activities/{activity.id}/themes/undo", headers=JSON)
    assert again.status_code == 400 and "ingen ændring" in again.json["message"]


def test_without_script_the_forms_post_and_say_what_happened(facilitator, themes, db) -> None:  # noqa: F811
    activity, clusters, rows = themes
    html = page_of(facilitator, activity)
    assert "Forslag" in html and "Fejlkultur" in html  # the suggestion and its alternatives
    assert 'id="fortryd" aria-describedby="fortryd-hvad" disabled' in html
    done = facilitator.post(
        f"/facilitate/clusters/{clusters[0].id}/split", follow_redirects=True
    ).get_data(as_text=True)
    assert "er delt i to" in done and "Sidste ændring: deling" in done
    undone = facilitator.post(f"/facilitate/activities/{activity.id}/themes/undo")
    assert undone.status_code == 302, undone.get_data(as_text=True)
    flashed = page_of(facilitator, activity)
    assert "Den sidste ændring er fortrudt." in flashed, flashed
    db.expire_all()
    assert db.query(Cluster).filter_by(activity_id=activity.id).count() == 3


def test_another_facilitator_gets_a_missing_theme(visitor, themes, other_user) -> None:  # noqa: F811
    activity, clusters, rows = themes
    visitor.login("bo@region.dk")
    answer = visitor.post(
        f"/facilitate/clusters/{clusters[0].id}/rename", {"label": "Mit"}, headers=JSON
    )
    assert answer.status_code == 404 and not answer.json["ok"]
    undo = visitor.post(f"/facilitate/activities/{activity.id}/themes/undo", headers=JSON)
    assert undo.status_code == 404


def test_alternatives_and_notes_stay_off_the_projector(app, themes, db) -> None:  # noqa: F811
    activity, clusters, rows = themes
    view = theme_view.cluster_view(db, activity)
    wall = payloads.screen_clusters_payload(view, activity)
    text = repr(wall) + repr(view)
    assert "Fejlkultur" not in text and "note 0" not in text
