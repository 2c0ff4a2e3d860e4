"""Undo of the facilitator's last change to the themes (clustering/undo.py): every kind of
change comes back exactly; examples are set by moving by hand."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from facilitator.activities.services import open_activity
from facilitator.clustering import curation, undo
from facilitator.clustering.models import Cluster, ThemeUndo
from facilitator.contributions.models import Contribution
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ValidationError
from tests.domain.test_clustering_service import STATEMENTS


@pytest.fixture
def themes(db, live_session):
    """Three themes of four statements each, the first with alternatives and a suggestion."""
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    person = join(db, live_session, "undo" * 10, Profile(group="politiker"))
    rows = [
        submit(db, person, activity, Submission(f"undo-{i:04d}", text))[0]
        for i, text in enumerate(STATEMENTS)
    ]
    labels = ["Mod til at fejle", "Kompetencer", "Forebyggelse"]
    clusters = [
        Cluster(activity_id=activity.id, label=label, position=i, note=f"note {i}")
        for i, label in enumerate(labels)
    ]
    clusters[0].alternatives = ["Fejlkultur", "Eksperimenter"]
    clusters[0].suggestion = True
    db.add_all(clusters)
    db.flush()
    for i, row in enumerate(rows):
        row.cluster_id = clusters[i // 4].id
    rows[0].example = True
    db.commit()
    return activity, clusters, rows


def state(db, activity) -> tuple:
    db.expire_all()
    clusters = db.scalars(select(Cluster).where(Cluster.activity_id == activity.id))
    rows = db.scalars(select(Contribution).where(Contribution.activity_id == activity.id))
    return (
        sorted(tuple(getattr(c, f) or None for f in undo.FIELDS) for c in clusters),
        {r.id: (r.cluster_id, r.example) for r in rows},
    )


def changes(db, clusters, rows) -> dict[str, Callable[[], object]]:
    return {
        "move": lambda: curation.move_contribution(db, rows[1], clusters[2]),
        "move-many": lambda: curation.move_contributions(db, [rows[1], rows[5]], None),
        "merge": lambda: curation.merge_clusters(db, clusters[0], [clusters[1], clusters[2]]),
        "split": lambda: curation.split_cluster(db, clusters[1]),
        "rename": lambda: curation.rename_cluster(db, clusters[0], "Eksperimenter"),
        "pin": lambda: curation.set_pinned(db, clusters[2], True),
        "delete": lambda: curation.delete_cluster(db, clusters[0]),
    }


@pytest.mark.parametrize("kind", ["move", "move-many", "merge", "split", "rename", "pin", "delete"])
def test_every_kind_of_change_is_undone_exactly(db, themes, kind) -> None:
    activity, clusters, rows = themes
    before = state(db, activity)
    action = kind.split("-")[0]
    undo.record(db, activity, action, changes(db, clusters, rows)[kind])
    assert state(db, activity) != before
    assert undo.last_action(db, activity) == action
    assert undo.undo(db, activity) == action
    assert state(db, activity) == before
    assert undo.last_action(db, activity) is None  # one step: nothing more to undo
    with pytest.raises(ValidationError):
        undo.undo(db, activity)


def test_only_the_last_change_is_kept(db, themes) -> None:
    activity, clusters, rows = themes
    undo.record(db, activity, "rename", lambda: curation.rename_cluster(db, clusters[1], "A"))
    middle = state(db, activity)
    undo.record(db, activity, "pin", lambda: curation.set_pinned(db, clusters[1], True))
    undo.undo(db, activity)
    assert state(db, activity) == middle
    assert db.scalar(select(ThemeUndo)) is None


def test_a_refused_change_keeps_the_earlier_undo(db, themes) -> None:
    activity, clusters, rows = themes
    undo.record(db, activity, "pin", lambda: curation.set_pinned(db, clusters[1], True))
    with pytest.raises(ValidationError):
        undo.record(db, activity, "rename", lambda: curation.rename_cluster(db, clusters[0], " "))
    assert undo.last_action(db, activity) == "pin"
    undo.undo(db, activity)
    assert not db.get(Cluster, clusters[1].id).pinned


def test_a_note_written_after_the_change_stays(db, themes) -> None:
    activity, clusters, rows = themes
    undo.record(db, activity, "rename", lambda: curation.rename_cluster(db, clusters[0], "Ny"))
    curation.set_cluster_note(db, clusters[0], "skrevet bagefter")
    undo.undo(db, activity)
    db.expire_all()
    kept = db.get(Cluster, clusters[0].id)
    assert kept.label == "Mod til at fejle" and kept.note == "skrevet bagefter"


def test_a_deleted_theme_comes_back_with_its_note_and_alternatives(db, themes) -> None:
    activity, clusters, rows = themes
    first = clusters[0].id
    undo.record(db, activity, "delete", lambda: curation.delete_cluster(db, clusters[0]))
    undo.undo(db, activity)
    db.expire_all()
    back = db.get(Cluster, first)
    assert back.note == "note 0" and back.alternatives == ["Fejlkultur", "Eksperimenter"]
    assert back.suggestion and db.get(Contribution, rows[0].id).example


def test_undo_after_a_regrouping_is_refused(db, themes) -> None:
    activity, clusters, rows = themes
    undo.record(db, activity, "pin", lambda: curation.set_pinned(db, clusters[1], True))
    db.delete(clusters[2])  # as a regrouping replaces the themes it does not keep
    db.commit()
    with pytest.raises(ValidationError, match="grupperet igen"):
        undo.undo(db, activity)
    assert undo.last_action(db, activity) is None


def test_a_later_arrival_keeps_its_place(db, themes, live_session) -> None:
    activity, clusters, rows = themes
    undo.record(db, activity, "rename", lambda: curation.rename_cluster(db, clusters[0], "Ny"))
    person = join(db, live_session, "late" * 10, Profile(group="politiker"))
    late = submit(db, person, activity, Submission("late-0001", "Mere forebyggelse"))[0]
    late.cluster_id = clusters[2].id
    db.commit()
    undo.undo(db, activity)
    assert db.get(Contribution, late.id).cluster_id == clusters[2].id


def test_moved_by_hand_is_an_example_and_out_of_every_theme_is_not(db, themes) -> None:
    activity, clusters, rows = themes
    curation.move_contributions(db, [rows[4], rows[8]], clusters[0])
    db.expire_all()
    assert db.get(Contribution, rows[4].id).example and db.get(Contribution, rows[8].id).example
    assert db.get(Cluster, clusters[0].id).edited
    assert not db.get(Contribution, rows[5].id).example  # not moved: as it was
    curation.move_contribution(db, db.get(Contribution, rows[4].id), None)
    db.expire_all()
    moved_out = db.get(Contribution, rows[4].id)
    assert moved_out.cluster_id is None and not moved_out.example


def test_merge_keeps_examples_and_rename_ends_the_suggestion(db, themes) -> None:
    activity, clusters, rows = themes
    curation.move_contribution(db, rows[5], clusters[1])
    curation.merge_clusters(db, clusters[0], [clusters[1]])
    db.expire_all()
    assert db.get(Contribution, rows[0].id).example and db.get(Contribution, rows[5].id).example
    curation.rename_cluster(db, db.get(Cluster, clusters[0].id), "Eksperimenter")
    db.expire_all()
    picked = db.get(Cluster, clusters[0].id)
    assert picked.edited and not picked.suggestion


def test_moving_into_another_activity_is_refused(db, themes, live_session) -> None:
    activity, clusters, rows = themes
    other = next(a for a in live_session.activities if a.id != activity.id)
    stranger = Cluster(activity_id=other.id, label="Andet", position=0)
    db.add(stranger)
    db.commit()
    with pytest.raises(ValidationError):
        curation.move_contributions(db, [rows[0]], stranger)
    with pytest.raises(ValidationError):
        curation.move_contributions(db, [], clusters[0])
