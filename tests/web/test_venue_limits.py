"""A venue behind one address is never locked out, a guesser still is (issue 20, point 5).

Every request here comes from one address (the test client's REMOTE_ADDR, 127.0.0.1, as a
venue's NAT) and the limits are the server's defaults unless a test says otherwise."""

from __future__ import annotations

import random
import re

from limits import parse

from facilitator.contributions.models import Participant
from facilitator.sessions.services import JOIN_ALPHABET, create_session, set_state
from tests.conftest import Browser
from tests.web.test_answer_form import consultation  # noqa: F401  (the fixture)

WAITING = "Vi går snart i gang"


def _draft(db, live_session, title="Eftermiddagens workshop"):
    return create_session(db, live_session.process, title=title, kind="workshop")


def _phone(app, address: str = "127.0.0.1") -> Browser:
    browser = Browser(app.test_client())
    browser.client.environ_base["REMOTE_ADDR"] = address
    return browser


def _unknown_codes(known: set[str], n: int, seed: int = 20) -> list[str]:
    rng = random.Random(seed)
    codes: list[str] = []
    while len(codes) < n:
        code = "".join(rng.choice(JOIN_ALPHABET) for _ in range(6))
        if code not in known and code not in codes:
            codes.append(code)
    return codes


def test_150_phones_behind_one_address_all_join(app, db, live_session) -> None:
    statuses = [
        _phone(app).post(f"/j/{live_session.join_code}", {"group": "andet"}).status_code
        for _ in range(150)
    ]
    assert statuses == [302] * 150
    assert db.query(Participant).count() == 150


def test_scanning_a_drafts_code_waits_and_affects_nobody(app, db, phone, live_session) -> None:
    draft = _draft(db, live_session)
    for _ in range(30):
        page = phone.get(f"/j/{draft.join_code}")
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and WAITING in text and draft.title in text
        assert re.search(r'<meta http-equiv="refresh" content="\d+">', text)
        assert 'name="group"' not in text  # no join form before the start
    assert phone.get(f"/s/{draft.join_code}").status_code == 200  # the phone page waits too
    assert WAITING in phone.post(f"/j/{draft.join_code}", {"group": "andet"}).get_data(as_text=True)
    # Nobody else at the address noticed: the live room joins, and the whole guess budget
    # is still there (a draft's code is not a guess).
    assert _phone(app).post(f"/j/{live_session.join_code}", {"group": "andet"}).status_code == 302
    allowed = parse(app.config["CODE_GUESS_RATE"]).amount
    unknown = _unknown_codes({live_session.join_code, draft.join_code}, allowed)
    assert [phone.get(f"/j/{code}").status_code for code in unknown] == [404] * allowed
    # The start turns the same address into the join form.
    set_state(db, draft, "live")
    page = phone.get(f"/j/{draft.join_code}").get_data(as_text=True)
    assert WAITING not in page and 'name="group"' in page


def test_a_closed_sessions_code_says_so_and_is_no_guess(app, db, phone, live_session) -> None:
    code = live_session.join_code
    assert phone.post(f"/j/{code}", {"group": "andet"}).status_code == 302
    set_state(db, live_session, "closed")
    for path in (f"/j/{code}", f"/s/{code}"):
        for _ in range(40 if path.startswith("/j/") else 25):  # reloading after the end
            response = phone.get(path)
        assert response.status_code == 200
        assert "Sessionen er afsluttet" in response.get_data(as_text=True)
    # Text sent after the end without JavaScript comes back to be copied, never lost.
    sent = phone.post(f"/s/{code}", {"text": "Mit sidste ord"})
    assert sent.status_code == 409 and "Mit sidste ord" in sent.get_data(as_text=True)
    assert phone.get("/j/ZZZZZZ").status_code == 404  # the guess budget is untouched
    set_state(db, live_session, "live")  # "Genåbn": the same phone is back in the room
    assert phone.get(f"/s/{code}").status_code == 200


def test_a_guesser_is_stopped_but_no_right_code_is_refused(app, db, live_session) -> None:
    attacker = _phone(app)
    allowed = parse(app.config["CODE_GUESS_RATE"]).amount
    statuses = [
        attacker.get(f"/j/{code}").status_code
        for code in _unknown_codes({live_session.join_code}, 1000)
    ]
    assert statuses == [404] * allowed + [429] * (1000 - allowed)
    # The same address's honest phones: the live code, its phone page and the projector's QR.
    neighbour = _phone(app)
    assert neighbour.post(f"/j/{live_session.join_code}", {"group": "andet"}).status_code == 302
    assert neighbour.get(f"/s/{live_session.join_code}").status_code == 200
    assert neighbour.get(f"/qr/{live_session.join_code}.svg").status_code == 200
    assert _phone(app, "10.9.8.7").get("/j/ZZZZZZ").status_code == 404  # other addresses


def test_rescanning_one_wrong_code_counts_once(app, phone, live_session) -> None:
    allowed = parse(app.config["CODE_GUESS_RATE"]).amount
    assert [phone.get("/j/ZZZZZZ").status_code for _ in range(allowed * 2)] == [404] * allowed * 2


def test_wrong_passcodes_are_limited_per_session_and_address(
    app, db, live_session, monkeypatch
) -> None:
    live_session.passcode = "Rose 7"
    db.commit()
    allowed = parse(app.config["PASSCODE_GUESS_RATE"]).amount
    code = live_session.join_code
    guesses = [
        _phone(app).post(f"/j/{code}", {"group": "andet", "passcode": f"gæt{n}"}).status_code
        for n in range(allowed)
    ]
    assert guesses == [400] * allowed  # each told the passcode is wrong
    refused = _phone(app).post(f"/j/{code}", {"group": "andet", "passcode": "rose7"})
    assert refused.status_code == 429  # the right one waits too: no oracle for a guesser
    assert "forkerte adgangskoder" in refused.get_data(as_text=True)
    other = _phone(app, "10.1.1.1").post(f"/j/{code}", {"group": "andet", "passcode": "rose7"})
    assert other.status_code == 302
    # Typing the same wrong passcode again is a typo, not a new guess.
    monkeypatch.setitem(app.config, "PASSCODE_GUESS_RATE", "3/minute")
    typos = [
        _phone(app, "10.2.2.2")
        .post(f"/j/{code}", {"group": "andet", "passcode": "rose"})
        .status_code
        for _ in range(10)
    ]
    assert typos == [400] * 10


def test_answer_links_count_misses_only_and_saves_per_link(app, visitor, consultation) -> None:  # noqa: F811
    rate = parse(app.config["ANSWER_GUESS_RATE"]).amount
    for i in range(rate):
        assert visitor.get(f"/h/gaet{i:040d}").status_code == 404
    assert visitor.get("/h/gaet-igen").status_code == 429
    first, second = (f"/h/{i.token}" for i in consultation.invitations)
    assert visitor.get(first).status_code == 200  # a valid link from the same address
    saves = parse(app.config["ANSWER_RATE"]).amount
    for _ in range(saves):
        assert visitor.post(first, {"save": "1"}).status_code == 302
    assert visitor.post(first, {"save": "1"}).status_code == 429
    assert visitor.post(second, {"save": "1"}).status_code == 302  # the town hall's next body
