"""The phone with JavaScript off (issue 11): no typed text is lost when the facilitator moves
on, "Enig" on others' statements, "Ret" on one's own, and English for the participant."""

from __future__ import annotations

import re

import pytest

from facilitator.activities.services import close_activity, open_activity
from facilitator.contributions import results
from facilitator.contributions.models import Contribution, Endorsement
from facilitator.export.services import export_session_file
from tests.conftest import Browser


def _open(db, session, kind, **settings):
    activity = next(a for a in session.activities if a.kind == kind)
    if settings:
        activity.settings = {**activity.settings, **settings}
        db.commit()
    open_activity(db, activity)
    return activity


def _join(app, session, group="embedsperson") -> Browser:
    phone = Browser(app.test_client())
    assert phone.post(f"/j/{session.join_code}", {"group": group}).status_code == 302
    return phone


def _send(phone, session, activity, text, client_id) -> None:
    response = phone.post(
        f"/s/{session.join_code}",
        {"activity_id": activity.id, "client_id": client_id, "text": text},
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def _row(db, text) -> Contribution:
    return db.query(Contribution).filter_by(text=text).one()


def _textarea(page: str, element_id: str) -> str:
    match = re.search(rf'<textarea id="{element_id}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no #{element_id} on the page"
    return match.group(1)


# --- 1. no-JS never loses typed text ---------------------------------------------------------


def test_text_typed_for_an_activity_that_closed_comes_back_under_its_own_title(
    app, db, live_session
) -> None:
    first = _open(db, live_session, "retningspil")
    phone = _join(app, live_session)
    assert f'name="activity_id" type="hidden" value="{first.id}"' in phone.get(
        f"/s/{live_session.join_code}"
    ).get_data(as_text=True)
    second = _open(db, live_session, "open_question")  # the facilitator moves on
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": first.id, "client_id": "t" * 32, "text": "Vi skal huske de unge"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    lost = page.split('<section class="card lost"')[1].split("</section>")[0]
    assert first.title in lost and "blev lukket, før din tekst kom frem" in lost
    assert _textarea(page, "lost-text") == "Vi skal huske de unge"
    # the open activity's own form is clean: no text and no message that is not its own
    current = page.split('<section class="card activity-card">')[1].split("</section>")[0]
    assert second.title in current and _textarea(current, "text") == ""
    assert 'class="error"' not in current
    assert db.query(Contribution).count() == 0


def test_text_for_a_closed_activity_is_kept_when_nothing_is_open(app, db, live_session) -> None:
    first = _open(db, live_session, "retningspil")
    phone = _join(app, live_session)
    close_activity(db, first)
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": first.id, "client_id": "u" * 32, "text": "Min tekst"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and first.title in page
    assert _textarea(page, "lost-text") == "Min tekst" and "Vent et øjeblik" in page


def test_text_for_a_deleted_activity_is_kept_too(app, db, live_session) -> None:
    first = _open(db, live_session, "retningspil")
    phone = _join(app, live_session)
    _open(db, live_session, "open_question")
    db.delete(first)
    db.commit()
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": first.id, "client_id": "x" * 32, "text": "Forsvundet"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "findes ikke længere" in page
    assert _textarea(page, "lost-text") == "Forsvundet" and _textarea(page, "text") == ""


def test_an_expired_form_shows_the_text_back(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    phone = _join(app, live_session)
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "w" * 32, "text": "Min lange tekst"},
        csrf=False,
    )  # the session cookie is gone
    assert response.status_code == 400
    assert _textarea(response.get_data(as_text=True), "typed-text") == "Min lange tekst"


def test_a_vote_for_a_closed_activity_says_so_without_a_text(app, db, live_session) -> None:
    vote = _open(db, live_session, "topic_vote")
    phone = _join(app, live_session)
    _open(db, live_session, "retningspil")
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": vote.id, "client_id": "v" * 32, "choices": ["0"]},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "før dit valg kom frem" in page and vote.title in page


# --- 2. endorsements ("Enig") ----------------------------------------------------------------


def _endorse(phone, session, contribution, agree="1"):
    return phone.post(
        f"/s/{session.join_code}/enig", {"contribution_id": contribution.id, "agree": agree}
    )


def test_endorse_and_undo_without_javascript(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil", endorsements=True)
    author, fan = _join(app, live_session), _join(app, live_session, "politiker")
    _send(author, live_session, activity, "Vi skal dele viden", "a" * 32)
    statement = _row(db, "Vi skal dele viden")
    page = fan.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert 'class="endorse-form"' in page and 'aria-pressed="false"' in page
    for _ in range(2):  # idempotent: a double tap is one endorsement
        response = _endorse(fan, live_session, statement)
        assert response.status_code == 302 and response.headers["Location"].endswith(
            f"#c-{statement.id}"
        )
    assert db.query(Endorsement).count() == 1
    page = fan.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert 'aria-pressed="true"' in page and "1 enig" in page and 'value="0"' in page
    counted = results.activity_results(db, activity)["contributions"]
    assert [c["endorsements"] for c in counted] == [1]
    # the secretariat's document says so
    assert "1 enig" in export_session_file(db, live_session, "md").content.decode()
    # the author sees the count, but no button on their own statement
    own_page = author.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert "endorse-form" not in own_page and "Dit bidrag" in own_page
    refused = _endorse(author, live_session, statement)
    assert refused.status_code == 400 and "dit eget bidrag" in refused.get_data(as_text=True)
    for _ in range(2):  # undo, twice
        assert _endorse(fan, live_session, statement, agree="0").status_code == 302
    assert db.query(Endorsement).count() == 0


def test_endorsing_needs_the_facilitators_yes_and_an_open_activity(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    author, fan = _join(app, live_session), _join(app, live_session)
    _send(author, live_session, activity, "Vi skal lytte", "b" * 32)
    statement = _row(db, "Vi skal lytte")
    assert "endorse-form" not in fan.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert _endorse(fan, live_session, statement).status_code == 400
    activity.settings = {**activity.settings, "endorsements": True}
    db.commit()
    close_activity(db, activity)
    closed = _endorse(fan, live_session, statement)
    assert closed.status_code == 409 and "lukket" in closed.get_data(as_text=True)
    statement.hidden = True  # moderated away: as if it were gone
    db.commit()
    assert _endorse(fan, live_session, statement).status_code == 404
    assert _endorse(fan, live_session, statement, agree="ja").status_code == 400
    assert db.query(Endorsement).count() == 0


def test_another_sessions_phone_cannot_endorse(app, db, live_session, user) -> None:
    from facilitator.sessions.services import create_session, set_state

    activity = _open(db, live_session, "retningspil", endorsements=True)
    author = _join(app, live_session)
    _send(author, live_session, activity, "Vi skal samarbejde", "c" * 32)
    other = set_state(
        db,
        create_session(
            db, live_session.process, title="Anden dag", kind="visionsdag", template="visionsdag"
        ),
        "live",
    )
    stranger = _join(app, other)
    response = _endorse(stranger, other, _row(db, "Vi skal samarbejde"))
    assert response.status_code == 404 and db.query(Endorsement).count() == 0


# --- 3. "Ret" --------------------------------------------------------------------------------


def test_edit_own_statement_without_javascript(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    author, other = _join(app, live_session), _join(app, live_session)
    _send(author, live_session, activity, "Vi skal have mod", "d" * 32)
    row = _row(db, "Vi skal have mod")
    page = author.get(f"/s/{live_session.join_code}?ret={row.id}").get_data(as_text=True)
    assert _textarea(page, "edit-text") == "Vi skal have mod" and "Gem rettelsen" in page
    url = f"/s/{live_session.join_code}/ret"
    too_long = "x" * 281
    response = author.post(url, {"contribution_id": row.id, "text": too_long})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Der er plads til højst 280" in page
    assert _textarea(page, "edit-text") == too_long  # the typed text stays to fix
    empty = author.post(url, {"contribution_id": row.id, "text": "  "})
    assert empty.status_code == 400 and "Skriv noget" in empty.get_data(as_text=True)
    db.refresh(row)
    assert row.text == "Vi skal have mod"
    for _ in range(2):  # saving the same correction again is harmless
        assert (
            author.post(
                url, {"contribution_id": row.id, "text": "Vi skal have mere mod"}
            ).status_code
            == 302
        )
    db.refresh(row)
    assert row.text == "Vi skal have mere mod" and db.query(Contribution).count() == 1
    assert "Vi skal have mere mod" in author.get(f"/s/{live_session.join_code}").get_data(
        as_text=True
    )
    # someone else's contribution reads as missing; a closed activity keeps the text
    assert other.post(url, {"contribution_id": row.id, "text": "Hacket"}).status_code == 404
    close_activity(db, activity)
    closed = author.post(url, {"contribution_id": row.id, "text": "For sent"})
    page = closed.get_data(as_text=True)
    assert closed.status_code == 409 and "kan ikke længere rettes" in page
    assert _textarea(page, "lost-text") == "For sent"
    db.refresh(row)
    assert row.text == "Vi skal have mere mod"


def test_edit_keeps_the_theme_and_a_dilemma_reason_can_be_corrected(app, db, live_session) -> None:
    from facilitator.clustering.models import Cluster

    activity = _open(db, live_session, "retningspil")
    author = _join(app, live_session)
    _send(author, live_session, activity, "Vi skal bo godt", "e" * 32)
    row = _row(db, "Vi skal bo godt")
    cluster = Cluster(activity_id=activity.id, label="Bolig")
    db.add(cluster)
    db.flush()
    row.cluster_id = cluster.id
    db.commit()
    author.post(
        f"/s/{live_session.join_code}/ret", {"contribution_id": row.id, "text": "Vi skal bo trygt"}
    )
    db.refresh(row)
    assert (row.text, row.cluster_id) == ("Vi skal bo trygt", cluster.id)

    dilemma = _open(db, live_session, "dilemma", reason_required=True)
    author.post(
        f"/s/{live_session.join_code}",
        {"activity_id": dilemma.id, "client_id": "f" * 32, "side": "1", "text": "Fordi"},
    )
    vote = db.query(Contribution).filter_by(activity_id=dilemma.id).one()
    page = author.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert "Din begrundelse:" in page and f"ret={vote.id}" in page
    url = f"/s/{live_session.join_code}/ret"
    blank = author.post(url, {"contribution_id": vote.id, "text": ""})
    assert blank.status_code == 400 and "begrundelse" in blank.get_data(as_text=True)
    assert (
        author.post(
            url, {"contribution_id": vote.id, "text": "Fordi det er hendes liv"}
        ).status_code
        == 302
    )
    db.refresh(vote)
    assert (vote.side, vote.text) == (1, "Fordi det er hendes liv")


# --- 5. the participant's language -----------------------------------------------------------


@pytest.mark.parametrize("language", ["en"])
def test_phone_in_english(app, db, live_session, language) -> None:
    activity = _open(db, live_session, "retningspil", endorsements=True)
    phone = _join(app, live_session)
    phone.client.set_cookie("facilitator_sprog", language)
    page = phone.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert '<html lang="en">' in page and "Your contributions" in page
    assert "Dine bidrag" not in page
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "g" * 32, "text": ""},
    )
    assert response.status_code == 400 and "Skriv noget" not in response.get_data(as_text=True)
