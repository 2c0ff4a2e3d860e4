"""Without JavaScript: "Ret" says how many "Enig" a new text clears, and "Træk tilbage" leads to
a page with "Fortryd" (a POST) for as long as the server keeps the withdrawn row."""

from __future__ import annotations

from datetime import timedelta

from facilitator.contributions.models import Contribution, Endorsement, Withdrawal
from facilitator.contributions.withdrawals import RESTORE_SECONDS
from tests.web.test_phone_room import _join, _open, _row, _send

WARNING_3 = "Hvis du ændrer teksten, forsvinder de 3 »Enig«, den har fået."
WARNING_1 = "Hvis du ændrer teksten, forsvinder det ene »Enig«, den har fået."


def _agree(app, db, session, activity, row, fans) -> None:
    for _ in range(fans):
        fan = _join(app, session)
        assert (
            fan.post(
                f"/s/{session.join_code}/enig", {"contribution_id": row.id, "agree": "1"}
            ).status_code
            == 302
        )


def test_the_edit_form_says_how_many_agreements_it_clears(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil", endorsements=True)
    author = _join(app, live_session)
    _send(author, live_session, activity, "Flere pladser", "nojs-u001")
    row = _row(db, "Flere pladser")
    _agree(app, db, live_session, activity, row, 1)
    page = author.get(f"/s/{live_session.join_code}?ret={row.id}").get_data(as_text=True)
    assert WARNING_1 in page and 'aria-describedby="edit-clears"' in page
    _agree(app, db, live_session, activity, row, 2)
    page = author.get(f"/s/{live_session.join_code}?ret={row.id}").get_data(as_text=True)
    assert WARNING_3 in page
    assert (
        author.post(
            f"/s/{live_session.join_code}/ret", {"contribution_id": row.id, "text": "Færre pladser"}
        ).status_code
        == 302
    )
    assert db.query(Endorsement).count() == 0
    page = author.get(f"/s/{live_session.join_code}?ret={row.id}").get_data(as_text=True)
    assert 'id="edit-clears"' not in page  # nothing left to clear


def test_withdraw_offers_fortryd_which_brings_the_row_back(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    author = _join(app, live_session)
    _send(author, live_session, activity, "Mere tid", "nojs-u002")
    row_id = _row(db, "Mere tid").id
    gone = author.post(f"/s/{live_session.join_code}/withdraw", {"contribution_id": row_id})
    assert gone.status_code == 302 and f"fortryd={row_id}" in gone.headers["Location"]
    page = author.get(gone.headers["Location"]).get_data(as_text=True)
    assert 'class="undo-bar"' in page and f'value="{row_id}"' in page and "/fortryd" in page
    assert db.get(Contribution, row_id) is None
    back = author.post(f"/s/{live_session.join_code}/fortryd", {"contribution_id": row_id})
    assert back.status_code == 302
    assert db.get(Contribution, row_id).text == "Mere tid"
    page = author.get(back.headers["Location"]).get_data(as_text=True)
    assert "Dit bidrag er tilbage." in page and "Mere tid" in page
    # the same page later offers nothing, and a late "Fortryd" is refused in Danish
    assert (
        author.post(
            f"/s/{live_session.join_code}/withdraw", {"contribution_id": row_id}
        ).status_code
        == 302
    )
    tombstone = db.query(Withdrawal).one()
    tombstone.withdrawn_at -= timedelta(seconds=RESTORE_SECONDS + 1)
    db.commit()
    page = author.get(f"/s/{live_session.join_code}?fortryd={row_id}").get_data(as_text=True)
    assert 'class="undo-bar"' not in page
    late = author.post(f"/s/{live_session.join_code}/fortryd", {"contribution_id": row_id})
    assert late.status_code == 400
    assert "Det er for sent at fortryde." in late.get_data(as_text=True)
    assert db.get(Contribution, row_id) is None
