"""The parking lot through the real pages and sockets: the phone's board with and without
JavaScript, the console's actions, the projector's "Vis spørgsmål", live pushes and a
reconnecting phone."""

from __future__ import annotations

from facilitator.parking.models import ParkingItem
from tests.support.clients import console, events, joined_phone, screen, wait_for


def _joined(phone, session):  # noqa: ANN001, ANN202
    phone.post(f"/j/{session.join_code}", {"group": "embedsperson"})
    return phone


def test_without_javascript_a_phone_adds_and_votes(app, phone, live_session, db) -> None:
    member = _joined(phone, live_session)
    code = live_session.join_code
    page = member.get(f"/s/{code}").get_data(as_text=True)
    assert f"/s/{code}/sporgsmaal" in page  # reachable while no activity is open
    board = member.get(f"/s/{code}/sporgsmaal").get_data(as_text=True)
    assert "Spørgsmål og husk" in board and "Ingen åbne punkter endnu" in board
    for text, status, message in [
        ("", 400, "Skriv noget, før du sender."),
        ("x" * 2000, 400, "Dit bidrag er på 2000 tegn"),
    ]:
        answer = member.post(f"/s/{code}/sporgsmaal", {"client_id": "c" * 32, "text": text})
        assert answer.status_code == status and message in answer.get_data(as_text=True)
    sent = {"client_id": "d" * 32, "text": "<b>Hvem</b> betaler?"}
    done = member.post(f"/s/{code}/sporgsmaal", sent, follow_redirects=True)
    html = done.get_data(as_text=True)
    assert "Tak! Dit punkt er på tavlen." in html and "&lt;b&gt;Hvem&lt;/b&gt; betaler?" in html
    member.post(f"/s/{code}/sporgsmaal", sent)  # the same form again: still one item
    assert db.query(ParkingItem).count() == 1
    other = _joined(type(phone)(app.test_client()), live_session)
    item = db.query(ParkingItem).one()
    voted = other.post(
        f"/s/{code}/sporgsmaal/stem", {"item_id": str(item.id), "vote": "1"}, follow_redirects=True
    )
    assert "1 stemme" in voted.get_data(as_text=True)
    missing = other.post(f"/s/{code}/sporgsmaal/stem", {"item_id": "999999", "vote": "1"})
    assert missing.status_code == 404 and "Punktet findes ikke" in missing.get_data(as_text=True)


def test_the_console_answers_parks_merges_and_moves_to_next_steps(
    facilitator, phone, live_session, db
) -> None:
    member = _joined(phone, live_session)
    code = live_session.join_code
    for n, text in enumerate(["Økonomien?", "Hvem betaler?"]):
        member.post(f"/s/{code}/sporgsmaal", {"client_id": f"{n}" * 32, "text": text})
    first, second = db.query(ParkingItem).order_by(ParkingItem.id).all()
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}/console").get_data(as_text=True)
    assert "Spørgsmål og husk" in page and "Økonomien?" in page and "Til næste skridt" in page
    steps = facilitator.post(f"/facilitate/parking/{first.id}/next_steps", follow_redirects=True)
    assert "Punktet er føjet til næste skridt." in steps.get_data(as_text=True)
    merged = facilitator.post(
        f"/facilitate/parking/{second.id}/merge", {"target": str(first.id)}, follow_redirects=True
    )
    assert "Punkterne er flettet" in merged.get_data(as_text=True)
    facilitator.post(f"/facilitate/parking/{first.id}/answered")
    bad = facilitator.post(
        f"/facilitate/parking/{first.id}/merge", {"target": "x"}, follow_redirects=True
    )
    assert bad.status_code == 200 and "Ugyldigt bidrag" in bad.get_data(as_text=True)
    db.expire_all()
    assert (first.state, second.state) == ("answered", "merged")
    assert live_session.next_steps == "– Økonomien?"


def test_another_facilitator_gets_404(visitor, other_user, phone, live_session, db) -> None:
    member = _joined(phone, live_session)
    member.post(f"/s/{live_session.join_code}/sporgsmaal", {"client_id": "e" * 32, "text": "Hej"})
    item = db.query(ParkingItem).one()
    visitor.login("bo@region.dk")
    assert visitor.post(f"/facilitate/parking/{item.id}/answered").status_code == 404
    assert visitor.post(f"/facilitate/sessions/{live_session.id}/parking/screen").status_code == 404


def test_live_phone_adds_and_the_room_and_projector_see_it(
    app, facilitator, phone, live_session, db
) -> None:
    socket = joined_phone(app, phone, live_session)
    other = joined_phone(app, type(phone)(app.test_client()), live_session)
    wall, desk = screen(app, live_session), console(app, facilitator, live_session)
    facilitator.post(f"/facilitate/sessions/{live_session.id}/parking/screen", {"shown": "1"})
    assert wait_for(wall, "parking:updated", lambda b: b["shown"])
    item = {"client_id": "f" * 32, "text": "Hvornår ses vi igen?"}
    ack = socket.emit("parking:add", item, callback=True)
    assert ack["ok"] and not ack["duplicate"] and ack["item"]["text"] == item["text"]
    again = socket.emit("parking:add", item, callback=True)
    assert again["duplicate"] and again["item"]["id"] == ack["item"]["id"]
    seen = wait_for(other, "parking:updated", lambda b: b["items"])
    assert seen[-1]["items"][0]["text"] == "Hvornår ses vi igen?"
    assert "author" not in seen[-1]["items"][0] and "group" not in seen[-1]["items"][0]
    vote = other.emit("parking:vote", {"id": ack["item"]["id"], "vote": True}, callback=True)
    assert vote == {"ok": True, "id": ack["item"]["id"], "vote": True, "changed": True, "votes": 1}
    assert wait_for(wall, "parking:updated", lambda b: b["items"] and b["items"][0]["votes"] == 1)
    pushed = wait_for(
        desk, "parking:updated", lambda b: "Hvornår ses vi igen?" in b.get("parking_html", "")
    )
    assert "Til næste skridt" in pushed[-1]["parking_html"]
    bad = other.emit("parking:vote", {"id": 999999, "vote": True}, callback=True)
    assert bad["code"] == "not_found" and "findes ikke" in bad["message"]
    empty = socket.emit("parking:add", {"client_id": "g" * 32, "text": "   "}, callback=True)
    assert empty["code"] == "validation" and empty["message"] == "Skriv noget, før du sender."
    # a phone that reconnects fetches the board again
    other.disconnect()
    back = joined_phone(app, type(phone)(app.test_client()), live_session)
    board = back.emit("parking:get", callback=True)
    assert board["ok"] and board["board"]["items"][0]["votes"] == 1 and board["voted"] == []
    state = wall.emit("state:get", callback=True)
    assert state["parking"]["shown"] and state["parking"]["items"][0]["id"] == ack["item"]["id"]


def test_a_held_item_reaches_only_its_phone_and_the_console(
    app, facilitator, phone, live_session, db
) -> None:
    socket = joined_phone(app, phone, live_session)
    wall = screen(app, live_session)
    ack = socket.emit("parking:add", {"client_id": "h" * 32, "text": "Hold kæft"}, callback=True)
    assert ack["ok"] and ack["item"]["held"]
    assert socket.emit("parking:get", callback=True)["own"][0]["held"]
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}/console").get_data(as_text=True)
    assert "Venter på godkendelse" in page and "Ordfilter: »hold kæft«" in page
    assert all(not b["items"] for b in events(wall, "parking:updated"))
    facilitator.post(f"/facilitate/parking/{ack['item']['id']}/approve")
    assert wait_for(wall, "parking:updated", lambda b: b["items"])
