"""The word cloud check-in in the room: the phone's plain form (JavaScript off) and its socket
go through the one parser; a resend is idempotent and a new answer replaces the old; the
projector is pushed counts, never texts; the console hides a word from everyone."""

from __future__ import annotations

import re

import pytest

from facilitator.contributions.models import Contribution
from facilitator.contributions.submission import parse_submission
from facilitator.core.errors import ValidationError
from tests.support.clients import events, joined_phone, screen, wait_for
from tests.web.test_phone_room import _join, _open


def _post_words(phone, session, activity, words, client_id="form-0001"):  # noqa: ANN001, ANN202
    return phone.post(
        f"/s/{session.join_code}",
        {"activity_id": activity.id, "client_id": client_id, "words": words},
    )


def _submit(socket, activity, client_id, **fields):  # noqa: ANN001, ANN202
    payload = {"activity_id": activity.id, "client_id": client_id, **fields}
    return socket.emit("contribution:submit", payload, callback=True)


def _field_values(page: str) -> list[str]:
    return re.findall(r'<input type="text" id="word-\d" name="words"[^>]*value="([^"]*)"', page)


def test_the_phone_without_javascript_has_a_field_per_word(app, db, live_session) -> None:
    _open(db, live_session, "wordcloud")
    page = _join(app, live_session).get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert "<legend>Skriv 1-3 ord</legend>" in page
    assert '<label for="word-1">Ord 1</label>' in page
    assert '<label for="word-3">Ord 3 (valgfrit)</label>' in page
    assert 'name="text"' not in page  # no free text box
    assert "Ordsky" in page  # the kind, named in the reader's language


def test_words_sent_by_the_form_are_saved_and_shown_back(app, db, live_session) -> None:
    activity = _open(db, live_session, "wordcloud")
    phone = _join(app, live_session)
    response = _post_words(phone, live_session, activity, ["Skov", "mod", ""])
    assert response.status_code == 302
    row = db.query(Contribution).filter_by(activity_id=activity.id).one()
    assert row.text == "Skov mod"
    page = phone.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert "Dine ord:" in page and "<strong>Skov · mod</strong>" in page
    assert "Send nye ord" in page and "Træk mine ord tilbage" in page
    # a new answer replaces the old: the last counts
    assert _post_words(phone, live_session, activity, ["tillid"], "form-0002").status_code == 302
    rows = db.query(Contribution).filter_by(activity_id=activity.id).order_by("id").all()
    assert [(r.text, r.superseded) for r in rows] == [("Skov mod", True), ("tillid", False)]


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["a" * 95, "", ""], "Et ord må højst have 30 tegn. »aaaaaaaaaaaa…« har 95."),
        (["skov mod", "tillid", "hav"], "Skriv højst 3 ord."),
        (["🎉", "", ""], "Skriv mindst ét ord med bogstaver eller tal."),
    ],
)
def test_a_refused_answer_keeps_what_was_typed(app, db, live_session, words, message) -> None:
    activity = _open(db, live_session, "wordcloud")
    phone = _join(app, live_session)
    response = _post_words(phone, live_session, activity, words)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<p class="error" role="alert">{message}</p>' in page
    assert _field_values(page) == words  # nothing typed is lost
    assert db.query(Contribution).count() == 0


def test_html_in_a_word_is_stored_as_words_and_shown_escaped(app, db, live_session) -> None:
    activity = _open(db, live_session, "wordcloud")
    phone = _join(app, live_session)
    assert _post_words(phone, live_session, activity, ["<b>mod</b>"]).status_code == 302
    assert db.query(Contribution).one().text == "b mod"
    page = phone.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    assert "<b>mod" not in page


def test_the_socket_and_the_form_share_the_parser() -> None:
    form = parse_submission(
        {"activity_id": "3", "client_id": "abcdefgh", "words": ["skov", "mod"]}, from_form=True
    )
    socket = parse_submission({"activity_id": 3, "client_id": "abcdefgh", "words": ["skov", "mod"]})
    assert form == socket and list(socket.words) == ["skov", "mod"]
    assert list(parse_submission({"activity_id": 3, "words": "skov"}).words) == ["skov"]
    for bad in ([1, 2], {"a": "b"}, ["ord"] * 11, [["skov"]], True):
        with pytest.raises(ValidationError, match="Ugyldigt bidrag"):
            parse_submission({"activity_id": 3, "client_id": "abcdefgh", "words": bad})


def test_the_socket_path_is_idempotent_and_refuses_in_words(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "wordcloud")
    socket = joined_phone(app, phone, live_session)
    first = _submit(socket, activity, "cloud-0001", words=["skov", "skoven", "mod"])
    assert first["ok"] and not first["duplicate"]
    assert first["contribution"]["text"] == "skov skoven mod"
    # the answer was lost on the way back: the phone resends the same id, nothing doubles
    again = _submit(socket, activity, "cloud-0001", words=["skov", "skoven", "mod"])
    assert again["ok"] and again["duplicate"]
    assert again["contribution"]["id"] == first["contribution"]["id"]
    assert db.query(Contribution).filter_by(activity_id=activity.id).count() == 1
    refused = _submit(socket, activity, "cloud-0002", words=["x" * 95])
    assert refused == {
        "ok": False,
        "code": "validation",
        "message": "Et ord må højst have 30 tegn. »xxxxxxxxxxxx…« har 95.",
        "error": "Et ord må højst have 30 tegn. »xxxxxxxxxxxx…« har 95.",
    }
    # words are changed by sending new ones, never by "Ret"
    edit = socket.emit(
        "contribution:edit", {"id": first["contribution"]["id"], "text": "x"}, callback=True
    )
    assert (edit["ok"], edit["message"]) == (False, "Dine ord ændres ved at sende nye.")
    # a text of words is read the same way (a client that sends no `words`), and replaces
    later = _submit(socket, activity, "cloud-0003", text="tillid, håb")
    assert later["ok"] and later["contribution"]["text"] == "tillid håb"
    assert db.get(Contribution, first["contribution"]["id"]).superseded


def test_the_projector_is_pushed_counts_and_draws_them_itself(app, db, live_session) -> None:
    activity = _open(db, live_session, "wordcloud")
    wall = screen(app, live_session)
    snapshot = wall.emit("state:get", callback=True)
    assert snapshot["activity"]["results_visible"]  # a check-in grows live by default
    assert snapshot["activity"]["max_words"] == 3 and snapshot["activity"]["max_word_chars"] == 30
    wall.get_received()
    for n, words in enumerate([["skov"], ["Skoven", "mod"], ["skove"]]):
        socket = joined_phone(app, _join(app, live_session), live_session)
        assert _submit(socket, activity, f"cloud-1{n:03d}", words=words)["ok"]
    pushed = wait_for(wall, "results:updated", lambda r: r["voters"] == 3)[-1]
    assert pushed["words"] == [{"text": "skov", "count": 3}, {"text": "mod", "count": 1}]
    assert pushed["font_px"] == [36, 128] and pushed["more"] == 0
    assert "cloud-list" in pushed["results_html"] and "Skjul" not in pushed["results_html"]
    assert events(wall, "contribution:added") == []  # no texts, no authors: counts only


def test_the_console_hides_a_word_from_the_cloud_and_shows_it_again(
    app, db, live_session, facilitator
) -> None:
    activity = _open(db, live_session, "wordcloud")
    phone = _join(app, live_session)
    assert _post_words(phone, live_session, activity, ["kedeligt", "mod"]).status_code == 302
    console = facilitator.get(f"/facilitate/sessions/{live_session.id}/console")
    page = console.get_data(as_text=True)
    assert 'class="link hide-word">Skjul<span class="sr-only"> »kedeligt«</span>' in page
    wall = screen(app, live_session)
    wall.get_received()
    response = facilitator.post(
        f"/facilitate/activities/{activity.id}/words", {"word": "kedeligt", "hidden": "1"}
    )
    assert response.status_code == 302
    assert activity.hidden_words == ["kedeligt"]
    changed = wait_for(wall, "activity:changed")[-1]
    assert [w["text"] for w in changed["results"]["words"]] == ["mod"]
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}/console").get_data(as_text=True)
    assert "1 skjult ord" in page and "Vis igen" in page
    facilitator.post(
        f"/facilitate/activities/{activity.id}/words", {"word": "kedeligt", "hidden": "0"}
    )
    assert activity.hidden_words == []


def test_a_word_cloud_is_added_like_any_activity(app, db, live_session, facilitator) -> None:
    url = f"/facilitate/sessions/{live_session.id}/activities/new/wordcloud"
    page = facilitator.get(url).get_data(as_text=True)
    assert "Ny aktivitet: ordsky" in page
    assert 'name="endorsements"' not in page  # nobody says "Enig" to a word
    live = re.search(r'<input[^>]*name="results_live"[^>]*>', page).group(0)
    assert "checked" in live  # a check-in's cloud grows live by default
    response = facilitator.post(
        url, {"title": "Hvordan har du det?", "results_live": "y", "focus_area": "0"}
    )
    assert response.status_code == 302
    added = live_session.activities[-1]
    assert (added.kind, added.title, added.results_live) == (
        "wordcloud",
        "Hvordan har du det?",
        True,
    )
