"""Agreement belongs to words: an edit clears the "Enig" given to the old text; "Træk tilbage"
can be undone ("Fortryd") within RESTORE_SECONDS, idempotently, and says so in Danish after."""

from __future__ import annotations

import io
from datetime import timedelta

import docx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from facilitator.activities.services import close_activity, open_activity, update_activity
from facilitator.contributions.models import Contribution, Endorsement, Withdrawal
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import (
    edit,
    endorsement_count,
    set_endorsement,
    submit,
)
from facilitator.contributions.validation import Submission
from facilitator.contributions.withdrawals import (
    RESTORE_SECONDS,
    restorable,
    restore,
    withdraw,
)
from facilitator.core.db import utcnow
from facilitator.core.errors import ActivityClosed, ValidationError
from facilitator.core.signals import contribution_added, contribution_changed
from facilitator.export.services import export_session_file


@pytest.fixture
def room(db, live_session):
    """An open wall with "Enig" on, an author and three others who agree with their statement."""
    wall = next(a for a in live_session.activities if a.kind == "retningspil")
    update_activity(
        db,
        wall,
        title=wall.title,
        prompt=wall.prompt,
        settings={**wall.settings, "endorsements": True},
    )
    open_activity(db, wall)
    people = [
        join(db, live_session, f"telefon{i}" * 5, Profile(group="embedsperson")) for i in range(4)
    ]
    row, _ = submit(db, people[0], wall, Submission("forfatter-01", "Vi skal have flere pladser"))
    for person in people[1:]:
        assert set_endorsement(db, person, row.id, True)
    return wall, people, row


def _endorsements(db, row_id: int) -> int:
    return db.scalar(
        select(func.count()).select_from(Endorsement).where(Endorsement.contribution_id == row_id)
    )


def test_an_edit_clears_the_agreement_given_to_the_old_text(db, room) -> None:
    wall, people, row = room
    changed = []
    with contribution_changed.connected_to(
        lambda r, **kw: changed.append((len(r.endorsements), kw.get("edited")))
    ):
        edited = edit(db, people[0], row.id, "Vi skal have færre pladser")
    assert edited.changed and edited.cleared == 3
    assert _endorsements(db, row.id) == 0 and endorsement_count(db, row.id) == 0
    assert changed == [(0, True)]  # the bridge's contribution:changed says endorsements 0
    # the agreeing phones may agree with the new words, from nothing
    assert set_endorsement(db, people[1], row.id, True)
    assert endorsement_count(db, row.id) == 1


def test_the_same_text_again_clears_nothing(db, room) -> None:
    _wall, people, row = room
    changed = []
    with contribution_changed.connected_to(lambda r, **kw: changed.append(r.id)):
        # clean_text's policy: trimmed, no control characters, so this is the stored text
        edited = edit(db, people[0], row.id, "  Vi skal have flere\x07 pladser \n")
    assert (edited.changed, edited.cleared) == (False, 0)
    assert _endorsements(db, row.id) == 3 and changed == []


def test_the_word_output_shows_no_agreement_after_an_edit(db, live_session, room) -> None:
    _wall, people, row = room

    def bullets() -> list[str]:
        document = docx.Document(io.BytesIO(export_session_file(db, live_session, "docx").content))
        return [p.text for p in document.paragraphs if p.style.name == "List Bullet"]

    assert "Vi skal have flere pladser (3 enige)" in bullets()
    edit(db, people[0], row.id, "Vi skal have færre pladser")
    after = bullets()
    assert "Vi skal have færre pladser" in after
    assert not any("enig" in text for text in after)


def test_withdraw_then_restore_brings_back_the_same_row_and_its_agreement(db, room) -> None:
    wall, people, row = room
    row_id, created_at = row.id, row.created_at
    assert withdraw(db, people[0], row_id)
    assert db.get(Contribution, row_id) is None and _endorsements(db, row_id) == 0
    assert restorable(db, people[0], row_id)
    added = []
    with contribution_added.connected_to(
        lambda r, **kw: added.append((r.id, kw.get("restored"), len(r.endorsements)))
    ):
        back, restored = restore(db, people[0], row_id)
    assert restored and added == [(row_id, True, 3)]
    assert (back.id, back.text, back.activity_id, back.client_id, back.created_at) == (
        row_id,
        "Vi skal have flere pladser",
        wall.id,
        "forfatter-01",
        created_at,
    )
    assert _endorsements(db, row_id) == 3
    assert db.scalar(select(func.count()).select_from(Withdrawal)) == 0
    # asking again (a double tap, a resend) is a no-op, not an error
    again, restored_again = restore(db, people[0], row_id)
    assert again.id == row_id and not restored_again
    assert db.scalar(select(func.count()).select_from(Contribution)) == 1


def test_restore_is_refused_after_the_window_in_danish(db, room) -> None:
    _wall, people, row = room
    assert withdraw(db, people[0], row.id)
    later = utcnow() + timedelta(seconds=RESTORE_SECONDS + 1)
    assert not restorable(db, people[0], row.id, now=later)
    with pytest.raises(ValidationError, match="for sent at fortryde"):
        restore(db, people[0], row.id, now=later)
    assert db.get(Contribution, row.id) is None


def test_only_the_author_restores_and_only_while_the_activity_is_open(db, room) -> None:
    wall, people, row = room
    assert withdraw(db, people[0], row.id)
    with pytest.raises(ValidationError, match="for sent at fortryde"):
        restore(db, people[1], row.id)  # someone else's withdrawal reads as nothing to undo
    close_activity(db, wall)
    with pytest.raises(ActivityClosed, match="kan ikke hentes tilbage"):
        restore(db, people[0], row.id)


def test_expired_withdrawals_are_forgotten(db, room) -> None:
    """The tombstone keeps a text: gone once its window has passed (at the next withdrawal)."""
    wall, people, row = room
    assert withdraw(db, people[0], row.id, now=utcnow() - timedelta(seconds=RESTORE_SECONDS + 5))
    other, _ = submit(db, people[1], wall, Submission("anden-0001", "Mere tid til borgerne"))
    assert withdraw(db, people[1], other.id)
    assert db.scalars(select(Withdrawal.contribution_id)).all() == [other.id]


def test_a_withdrawal_races_itself_once(app, db, room) -> None:
    """Two requests that both read the row before either deletes it: one removes it, the
    other answers False instead of failing on a row that is gone (issue 21)."""
    _wall, people, row = room
    with OrmSession(db.get_bind(), expire_on_commit=False) as other:
        stale = other.get(Contribution, row.id)  # loaded, as a concurrent request would have
        assert stale is not None
        assert withdraw(db, people[0], row.id)
        author = other.merge(people[0])
        assert withdraw(other, author, row.id) is False
    assert withdraw(db, people[0], row.id) is False
    assert db.scalar(select(func.count()).select_from(Withdrawal)) == 1


def test_a_dilemma_choice_comes_back_unless_chosen_again(db, live_session) -> None:
    dilemma = next(a for a in live_session.activities if a.kind == "dilemma")
    open_activity(db, dilemma)
    person = join(db, live_session, "dilemma-1" * 4, Profile())
    submit(db, person, dilemma, Submission("valg-00001", "først", side=0))
    row, _ = submit(db, person, dilemma, Submission("valg-00002", "sidst", side=1))
    assert withdraw(db, person, row.id)
    back, restored = restore(db, person, row.id)
    assert restored and (back.side, back.text, back.superseded) == (1, "sidst", False)
    rows = db.scalars(
        select(Contribution).where(Contribution.activity_id == dilemma.id).order_by(Contribution.id)
    ).all()
    assert [(r.side, r.superseded) for r in rows] == [(0, True), (1, False)]
    assert withdraw(db, person, row.id)
    submit(db, person, dilemma, Submission("valg-00003", side=0))
    with pytest.raises(ValidationError, match="valgt igen"):
        restore(db, person, row.id)


def test_the_nightly_purge_drops_a_withdrawn_text_whose_undo_window_has_passed(db, room) -> None:
    from facilitator.processes.retention import purge_older_than

    wall, people, row = room
    assert withdraw(db, people[0], row.id)
    tombstone = db.scalar(select(Withdrawal))
    tombstone.withdrawn_at = utcnow() - timedelta(seconds=RESTORE_SECONDS + 1)
    db.commit()
    purge_older_than(db, utcnow() - timedelta(days=180), actor="test")
    assert db.scalar(select(func.count()).select_from(Withdrawal)) == 0
