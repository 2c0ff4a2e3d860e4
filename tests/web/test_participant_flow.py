"""The phone: QR target, join form, every submission kind with JavaScript off."""

from __future__ import annotations

import io

import cv2
import numpy
from PIL import Image

from facilitator.activities.services import open_activity, reveal_results
from facilitator.contributions.models import Contribution, Participant
from facilitator.web.participate.join import cookie_name


def _open(db, session, kind):
    activity = next(a for a in session.activities if a.kind == kind)
    open_activity(db, activity)
    return activity


def _joined(phone, session, **profile):
    response = phone.post(f"/j/{session.join_code}", {"group": "embedsperson", **profile})
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/s/{session.join_code}"
    )
    return phone


def test_join_page_explains_storage_and_sets_a_long_random_cookie(phone, live_session, db) -> None:
    page = phone.get(f"/j/{live_session.join_code}").get_data(as_text=True)
    assert "Vi gemmer kun" in page and "Region Nordjylland" in page
    response = phone.post(
        f"/j/{live_session.join_code}",
        {
            "name": "Mette",
            "group": "politiker",
            "organisation": "Thisted Kommune",
            "table_number": "4",
        },
    )
    cookie = response.headers["Set-Cookie"]
    token = cookie.split(f"{cookie_name(live_session)}=")[1].split(";")[0]
    assert len(token) >= 43 and "HttpOnly" in cookie  # 256 bits, urlsafe base64
    person = db.query(Participant).one()
    assert (person.name, person.group, person.table_number) == ("Mette", "politiker", "4")
    # scanning again keeps the same participant and goes straight to the session
    again = phone.get(f"/j/{live_session.join_code}")
    assert again.status_code == 302 and db.query(Participant).count() == 1


def test_join_page_keeps_the_group_in_sight_above_join(phone, live_session, db) -> None:
    """The stakeholder group is one labelled select before "Deltag" (the secretariat's
    breakdowns are made of it); name, organisation and table fold away after the button."""
    page = phone.get(f"/j/{live_session.join_code}").get_data(as_text=True)
    group = page.index('<select id="group" name="group">')
    assert page.index('<label for="group">Jeg deltager som</label>') < group
    assert '<option selected value="">Vil ikke oplyse</option>' in page
    assert 'type="radio"' not in page
    assert group < page.index(">Deltag</button>") < page.index('<details class="optional">')
    folded = [
        page.index(part)
        for part in (
            "<summary>Valgfrit: navn, organisation og bord",
            'id="name"',
            'id="organisation"',
            'id="table_number"',
        )
    ]
    assert folded == sorted(folded)

    # an unknown group is refused in words, and the details stay shut: the select is outside
    refused = phone.post(f"/j/{live_session.join_code}", {"group": "konge"})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Vælg en af de viste grupper." in text
    assert '<details class="optional">' in text and db.query(Participant).count() == 0
    # a folded field with an error opens the details, and the chosen group stays chosen
    refused = phone.post(f"/j/{live_session.join_code}", {"group": "politiker", "name": "x" * 121})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400 and '<details class="optional" open>' in text
    assert '<option selected value="politiker">Politiker</option>' in text

    _joined(phone, live_session)  # the same value is stored as before: the group's key
    assert db.query(Participant).one().group == "embedsperson"
    # a returning phone changing its details sees its group chosen in the same select
    again = phone.get(f"/j/{live_session.join_code}?ret=1").get_data(as_text=True)
    assert '<option selected value="embedsperson">Embedsperson</option>' in again
    assert ">Gem og fortsæt</button>" in again


def test_unknown_and_closed_codes_get_danish_pages(phone, live_session, db) -> None:
    response = phone.get("/j/ZZZZZZ")
    assert response.status_code == 404 and "Koden virker ikke" in response.get_data(as_text=True)
    live_session.state = "closed"
    db.commit()
    response = phone.get(f"/j/{live_session.join_code}")  # not a guess: it says what happened
    assert response.status_code == 200
    assert "Sessionen er afsluttet" in response.get_data(as_text=True)


def test_code_typed_by_hand_is_forgiven(phone, live_session) -> None:
    response = phone.get("/?code=" + live_session.join_code.lower())
    assert response.headers["Location"].endswith(f"/j/{live_session.join_code}")
    assert phone.get(f"/j/{live_session.join_code.lower()}").status_code == 302


def test_phone_without_join_is_sent_to_the_join_form(phone, live_session) -> None:
    response = phone.get(f"/s/{live_session.join_code}")
    assert response.headers["Location"].endswith(f"/j/{live_session.join_code}")


def test_waiting_page_when_nothing_is_open(phone, live_session) -> None:
    _joined(phone, live_session)
    assert "Vent et øjeblik" in phone.get(f"/s/{live_session.join_code}").get_data(as_text=True)


def test_retningspile_several_per_person_and_idempotent_resubmit(phone, live_session, db) -> None:
    activity = _open(db, live_session, "retningspil")
    _joined(phone, live_session)
    code = live_session.join_code
    page = phone.get(f"/s/{code}").get_data(as_text=True)
    assert "Retningspile for visionen" in page and 'name="client_id"' in page
    for client_id, text in (("c" * 32, "Vi skal have mod"), ("d" * 32, "Vi skal stå sammen")):
        response = phone.post(
            f"/s/{code}", {"activity_id": activity.id, "client_id": client_id, "text": text}
        )
        assert response.status_code == 302
    phone.post(
        f"/s/{code}",
        {"activity_id": activity.id, "client_id": "c" * 32, "text": "Vi skal have mod"},
    )  # double tap / resend
    assert db.query(Contribution).count() == 2
    page = phone.get(f"/s/{code}").get_data(as_text=True)
    assert "Tak! Dit bidrag er gemt." in page and "Vi skal stå sammen" in page


def test_refused_submit_keeps_the_typed_text(phone, live_session, db) -> None:
    activity = _open(db, live_session, "retningspil")
    _joined(phone, live_session)
    code = live_session.join_code
    phone.post(f"/s/{code}", {"activity_id": activity.id, "client_id": "e" * 32, "text": "Gemt"})
    too_long = "Vi skal " + "meget " * 60
    response = phone.post(
        f"/s/{code}", {"activity_id": activity.id, "client_id": "f" * 32, "text": too_long}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Der er plads til højst 280" in page and too_long.strip() in page
    assert "Gemt" in page  # what was saved is still listed
    response = phone.post(
        f"/s/{code}", {"activity_id": activity.id, "client_id": "g" * 32, "text": "   "}
    )
    assert response.status_code == 400 and "Skriv noget" in response.get_data(as_text=True)
    assert db.query(Contribution).count() == 1


def test_dilemma_side_and_reason_changeable(phone, live_session, db) -> None:
    activity = _open(db, live_session, "dilemma")
    _joined(phone, live_session)
    code = live_session.join_code
    phone.post(
        f"/s/{code}",
        {"activity_id": activity.id, "client_id": "h" * 32, "side": "0", "text": "Tryghed først"},
    )
    phone.post(
        f"/s/{code}",
        {"activity_id": activity.id, "client_id": "i" * 32, "side": "1", "text": "Hendes valg"},
    )
    page = phone.get(f"/s/{code}").get_data(as_text=True)
    assert "Dit valg: <strong>Selvbestemmelse</strong>" in page
    current = db.query(Contribution).filter_by(superseded=False).one()
    assert (current.side, current.text) == (1, "Hendes valg")
    response = phone.post(f"/s/{code}", {"activity_id": activity.id, "client_id": "j" * 32})
    assert response.status_code == 400 and "Vælg en af siderne" in response.get_data(as_text=True)


def test_topic_vote_open_answer_and_initiative(phone, live_session, db) -> None:
    _joined(phone, live_session)
    code = live_session.join_code
    vote = _open(db, live_session, "topic_vote")
    response = phone.post(
        f"/s/{code}", {"activity_id": vote.id, "client_id": "k" * 32, "choices": ["0", "2"]}
    )
    assert response.status_code == 302
    assert db.query(Contribution).filter_by(activity_id=vote.id).one().choices == [0, 2]
    too_many = phone.post(
        f"/s/{code}", {"activity_id": vote.id, "client_id": "l" * 32, "choices": ["0", "1", "2"]}
    )
    assert too_many.status_code == 400 and "højst vælge 2" in too_many.get_data(as_text=True)
    for kind in ("open_question", "initiative"):
        activity = _open(db, live_session, kind)
        response = phone.post(
            f"/s/{code}",
            {
                "activity_id": activity.id,
                "client_id": kind.ljust(32, "x"),
                "text": f"Forslag til {kind}",
            },
        )
        assert response.status_code == 302
        assert db.query(Contribution).filter_by(activity_id=activity.id).count() == 1


def test_submitting_to_a_closed_activity_is_explained(phone, live_session, db) -> None:
    activity = _open(db, live_session, "retningspil")
    _joined(phone, live_session)
    activity.state = "closed"
    db.commit()
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "m" * 32, "text": "Sent"},
    )
    assert response.status_code == 409 and "lukket" in response.get_data(as_text=True)
    assert "Sent" in response.get_data(as_text=True)


def test_participant_text_is_escaped(phone, facilitator, live_session, db) -> None:
    activity = _open(db, live_session, "retningspil")
    _joined(phone, live_session)
    phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "n" * 32, "text": "<script>alert(1)</script>"},
    )
    screen = facilitator.get(f"/screen/{live_session.id}")
    html = screen.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "script-src 'self'" in screen.headers["Content-Security-Policy"]


def test_qr_code_encodes_the_public_join_url(phone, live_session) -> None:
    svg = phone.get(f"/qr/{live_session.join_code}.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    png = phone.get(f"/qr/{live_session.join_code}.png")
    assert png.mimetype == "image/png"
    image = Image.open(io.BytesIO(png.data))
    assert image.size[0] > 200
    pixels = numpy.array(image.convert("RGB"))
    # Two of OpenCV's decoders: the classic one misreads about 1 code in 200 that phones read.
    decoded = {
        detector.detectAndDecode(pixels)[0]
        for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco())
    }
    assert f"https://deltag.example.dk/j/{live_session.join_code}" in decoded


def test_projector_shows_qr_code_activity_and_results(phone, live_session, db) -> None:
    activity = _open(db, live_session, "dilemma")
    _joined(phone, live_session)
    phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "o" * 32, "side": "1"},
    )
    page = phone.get(f"/screen/{live_session.id}?t={live_session.screen_token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert live_session.join_code in html and "Tryghed eller selvbestemmelse?" in html
    # a dilemma's tallies wait for "Vis resultater": until then only how many have answered
    assert "1 har svaret" in html and "<progress" not in html
    reveal_results(db, activity, True)
    html = phone.get(f"/screen/{live_session.id}?t={live_session.screen_token}").get_data(
        as_text=True
    )
    assert 'value="1"' in html and "1 har valgt side" in html
    assert phone.get(f"/screen/{live_session.id}?t=forkert").status_code == 404


def test_secret_screen_links_can_be_switched_off(app, phone, live_session) -> None:
    app.config["SCREEN_LINKS"] = False
    try:
        response = phone.get(f"/screen/{live_session.id}?t={live_session.screen_token}")
        assert response.status_code == 403
    finally:
        app.config["SCREEN_LINKS"] = True
