"""The countdown's controls on the console (issue 25): plain forms with a flashed message, the same
routes answering console.js in JSON, and the countdown as the console, projector and phone
pages render it. Bad input and stale pages get a Danish sentence, never a 500."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from facilitator.activities import timer
from facilitator.activities.services import close_activity, open_activity

JSON = {"Accept": "application/json"}


@pytest.fixture
def activity(db, live_session):  # noqa: ANN001, ANN201
    return open_activity(db, live_session.activities[0])


def _url(activity, action: str) -> str:  # noqa: ANN001
    return f"/facilitate/activities/{activity.id}/timer/{action}"


def _page(browser, url: str) -> str:  # noqa: ANN001
    return unescape(browser.get(url).get_data(as_text=True))


def test_the_console_offers_a_start_form_with_csrf(facilitator, live_session, activity) -> None:  # noqa: ANN001
    page = _page(facilitator, f"/facilitate/sessions/{live_session.id}/console")
    section = re.search(r'<section class="timer-controls".*?</section>', page, re.S).group(0)
    assert f'action="{_url(activity, "start")}"' in section
    assert 'name="csrf_token"' in section and 'name="minutes"' in section
    assert "Luk aktiviteten ved 0" in section and "Start nedtælling" in section


def test_without_javascript_each_button_flashes(db, facilitator, live_session, activity) -> None:  # noqa: ANN001
    console = f"/facilitate/sessions/{live_session.id}/console"
    response = facilitator.post(_url(activity, "start"), {"minutes": "5", "closes_at_zero": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{console}#nedtaelling-{activity.id}")
    db.refresh(activity)
    assert activity.timer_ends_at is not None and activity.timer_closes_at_zero
    page = _page(facilitator, console)
    assert "Nedtællingen er startet: 5 minutter. Aktiviteten lukker, når tiden er gået." in page
    assert re.search(r"data-timer-clock>0[45]:\d\d<", page)
    for action, said in [
        ("pause", "Nedtællingen er sat på pause."),
        ("add", "Der er lagt et minut til."),
        ("resume", "Nedtællingen fortsætter."),
        ("closes", "Aktiviteten forbliver åben, når tiden er gået."),
        ("stop", "Nedtællingen er stoppet."),
    ]:
        assert facilitator.post(_url(activity, action)).status_code == 302
        assert said in _page(facilitator, console), action
    db.refresh(activity)
    assert activity.timer_ends_at is None and activity.timer_paused_left is None


@pytest.mark.parametrize("minutes", ["-5", "0", "100000", "fem", "", "1" * 30])
def test_bad_minutes_get_a_danish_message(db, facilitator, live_session, activity, minutes) -> None:  # noqa: ANN001
    response = facilitator.post(_url(activity, "start"), {"minutes": minutes})
    assert response.status_code == 302
    page = _page(facilitator, response.headers["Location"])
    assert re.search(r'class="flash error" role="alert">[^<]*(minutter|tegn)', page), minutes
    db.refresh(activity)
    assert activity.timer_ends_at is None


def test_json_answers_for_the_script(facilitator, activity) -> None:  # noqa: ANN001
    answer = facilitator.post(_url(activity, "start"), {"minutes": "1,5"}, headers=JSON)
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["ok"] and body["message"] == "Nedtællingen er startet: 90 sekunder."
    assert body["timer"]["state"] == "running" and body["timer"]["remaining"] == 90
    assert body["timer"]["ends_at"] - body["timer"]["now"] == pytest.approx(90_000, abs=1500)
    paused = facilitator.post(_url(activity, "pause"), headers=JSON).get_json()
    assert paused["timer"]["state"] == "paused" and paused["timer"]["ends_at"] is None
    again = facilitator.post(_url(activity, "pause"), headers=JSON)
    assert again.status_code == 400
    assert again.get_json() == {
        "ok": False,
        "message": "Nedtællingen er allerede sat på pause.",
        "timer": paused["timer"] | {"now": again.get_json()["timer"]["now"]},
    }


def test_refusals_in_json_never_a_500(db, facilitator, live_session, activity) -> None:  # noqa: ANN001
    stopped = facilitator.post(_url(activity, "pause"), headers=JSON)
    assert stopped.status_code == 400
    assert stopped.get_json()["message"] == "Der kører ingen nedtælling. Start en først."
    huge = facilitator.post(_url(activity, "start"), {"minutes": "999"}, headers=JSON)
    assert huge.status_code == 400 and "fra 0,1 til 180" in huge.get_json()["message"]
    close_activity(db, activity)
    closed = facilitator.post(_url(activity, "start"), {"minutes": "5"}, headers=JSON)
    assert closed.status_code == 400 and "er lukket" in closed.get_json()["message"]
    gone = facilitator.post("/facilitate/activities/999999/timer/start", headers=JSON)
    assert gone.status_code == 404 and gone.get_json()["message"] == "Aktiviteten findes ikke."
    stale = facilitator.post(_url(activity, "stop"), {"csrf_token": "gammel"}, headers=JSON)
    assert stale.status_code == 400 and "genindlæs siden" in stale.get_json()["message"]


def test_another_facilitators_activity_is_not_found(other_user, visitor, activity) -> None:  # noqa: ANN001
    visitor.login("bo@region.dk")
    assert visitor.post(_url(activity, "start"), {"minutes": "5"}).status_code == 404


def test_a_post_without_csrf_changes_nothing(db, facilitator, activity) -> None:  # noqa: ANN001
    response = facilitator.post(_url(activity, "start"), {"minutes": "5"}, csrf=False)
    assert response.status_code == 400
    db.refresh(activity)
    assert activity.timer_ends_at is None


def _served_timer(page: str) -> dict:
    return json.loads(re.search(r"data-timer-json='([^']*)'", page).group(1))


def test_projector_and_phone_render_it(db, facilitator, phone, live_session, activity) -> None:  # noqa: ANN001
    timer.start(db, activity, 300, closes_at_zero=True)
    screen = _page(facilitator, f"/screen/{live_session.id}")
    served = _served_timer(screen)
    assert served["state"] == "running" and served["closes_at_zero"] is True
    assert 'role="timer"' in screen and "Aktiviteten lukker ved 0" in screen
    assert "data-timer-announce" in screen
    phone.post(f"/j/{live_session.join_code}", {"group": "politiker"})
    page = _page(phone, f"/s/{live_session.join_code}")
    assert _served_timer(page)["ends_at"] == served["ends_at"]
    # without JavaScript the phone says when it ends, in Danish wall-clock time
    assert re.search(r"Slutter kl\. \d\d\.\d\d", page)
    snapshot = json.loads(re.search(r'id="phone-snapshot">(.*?)</script>', page, re.S).group(1))
    assert snapshot["activity"]["timer"]["ends_at"] == served["ends_at"]
    timer.pause(db, activity)
    paused = _page(phone, f"/s/{live_session.join_code}")
    assert re.search(r"data-timer-status>Sat på pause<", paused)


def test_no_countdown_no_box(facilitator, live_session, activity) -> None:  # noqa: ANN001
    screen = _page(facilitator, f"/screen/{live_session.id}")
    assert re.search(r"data-timer-json='null' hidden", screen)


def test_english_console_words(db, facilitator, activity) -> None:  # noqa: ANN001
    facilitator.post("/sprog", {"language": "en"})
    answer = facilitator.post(_url(activity, "start"), {"minutes": "-1"}, headers=JSON)
    assert answer.get_json()["message"].startswith("Enter the minutes as a number")
