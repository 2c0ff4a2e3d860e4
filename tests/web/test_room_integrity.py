"""The room under attack, over HTTP: join and guess limits, passcode, neutral code answers,
NUL in forms, per-session cookies and withdrawing (issue 9, items 4-7)."""

from __future__ import annotations

import re

import pytest
from flask_wtf import FlaskForm
from limits import parse

from facilitator.activities.services import open_activity
from facilitator.contributions.models import Contribution, Participant
from facilitator.processes.models import Process
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import CODE_NOT_OPEN, create_session, set_state
from facilitator.web import forms
from facilitator.web.participate.join import cookie_name
from tests.conftest import Browser

CSRF = re.compile(
    r'name="csrf-token" content="[^"]*"|name="csrf_token" (type="hidden" )?'
    r'value="[^"]*"'
)


def _open(db, session, kind):
    activity = next(a for a in session.activities if a.kind == kind)
    open_activity(db, activity)
    return activity


def _session(db, live_session, state, title):
    session = create_session(db, live_session.process, title=title, kind="workshop")
    return set_state(db, session, state) if state != "draft" else session


def _body(response) -> str:
    return CSRF.sub("", response.get_data(as_text=True))


def test_unknown_draft_and_closed_codes_give_no_qr_image(db, phone, live_session) -> None:
    """A draft's or closed session's QR image is not for visitors; what its code's pages show
    (a waiting page, a closing page) is tested in tests/web/test_venue_limits.py."""
    draft = _session(db, live_session, "draft", "Hemmelig kladde")
    closed = _session(db, live_session, "closed", "Afsluttet møde")
    for path in ("/qr/{}.svg", "/qr/{}.png"):
        answers = [
            phone.get(path.format(code)) for code in ("ZZZZZZ", draft.join_code, closed.join_code)
        ]
        assert {a.status_code for a in answers} == {404}, path
        assert len({_body(a) for a in answers}) == 1, path
        assert "Hemmelig kladde" not in _body(answers[1]) and "Afsluttet" not in _body(answers[2])
    assert phone.get(f"/qr/{live_session.join_code}.svg").status_code == 200


def test_the_facilitator_and_the_projector_link_still_get_a_drafts_qr(
    db, facilitator, visitor, live_session
) -> None:
    draft = _session(db, live_session, "draft", "Kladde")
    assert facilitator.get(f"/qr/{draft.join_code}.svg").status_code == 200
    assert facilitator.get(f"/qr/{draft.join_code}.png").status_code == 200
    # A draft's projector shows "Vi går snart i gang" without its code: phones that scan too
    # early are not sent anywhere (issue 20); the code and QR appear when the session starts.
    page = facilitator.get(f"/screen/{draft.id}?t={draft.screen_token}").get_data(as_text=True)
    assert 'class="qr"' not in page and draft.join_code not in page
    facilitator.client.get("/logout")
    assert visitor.get(f"/qr/{draft.join_code}.svg?t=forkert").status_code == 404


def test_guessing_codes_is_throttled_but_using_a_live_one_is_not(app, phone, live_session) -> None:
    allowed = parse(app.config["CODE_GUESS_RATE"]).amount
    for _ in range(allowed + 10):
        assert phone.get(f"/j/{live_session.join_code}").status_code == 200
    misses = [phone.get(f"/j/ZZZZ{n:02d}").status_code for n in range(allowed)]
    assert misses == [404] * allowed
    for path in ("/j/ZZZZZZ", "/s/ZZZZZZ", "/qr/ZZZZZZ.svg", "/?code=ZZZZZZ"):
        response = phone.get(path)
        assert response.status_code == 429, path
        assert "for mange forsøg" in response.get_data(as_text=True)
    # A wrong code never blocks a right one, nor the projector's QR image.
    assert phone.get(f"/j/{live_session.join_code}").status_code == 200
    assert phone.get(f"/qr/{live_session.join_code}.svg").status_code == 200


def test_the_code_form_answers_neutrally_and_stays(phone, live_session) -> None:
    response = phone.get("/?code=zz zz zz")
    assert response.status_code == 404 and CODE_NOT_OPEN in response.get_data(as_text=True)
    response = phone.get("/?code=" + live_session.join_code.lower())
    assert response.headers["Location"].endswith(f"/j/{live_session.join_code}")


def test_a_sessions_join_budget_holds_from_any_address(db, app, live_session, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "SESSION_JOIN_RATE", "20/minute")
    statuses = []
    for n in range(25):  # a fresh phone (no cookie) each time, from ever new addresses
        client = Browser(app.test_client())
        client.client.environ_base["REMOTE_ADDR"] = f"10.0.{n}.1"
        statuses.append(
            client.post(f"/j/{live_session.join_code}", {"group": "politiker"}).status_code
        )
    assert statuses == [302] * 20 + [429] * 5
    assert db.query(Participant).count() == 20


def test_join_flood_page_is_danish(app, phone, live_session, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "PARTICIPANT_JOIN_RATE", "3/minute")
    for _ in range(5):  # one phone joins, then posts its join form again and again
        response = phone.post(f"/j/{live_session.join_code}", {"group": "andet"})
    assert response.status_code == 429
    assert "Vent et øjeblik" in response.get_data(as_text=True)


def test_passcode_is_required_checked_and_shown(
    db, facilitator, phone, visitor, live_session
) -> None:
    response = facilitator.post(
        f"/facilitate/sessions/{live_session.id}/edit",
        {"title": live_session.title, "kind": live_session.kind, "passcode": " Lukket Møde "},
    )
    assert response.status_code == 302 and live_session.passcode == "Lukket Møde"
    code = live_session.join_code
    page = phone.get(f"/j/{code}").get_data(as_text=True)
    assert 'name="passcode"' in page
    missing = phone.post(f"/j/{code}", {"group": "politiker"})
    assert missing.status_code == 400 and "Skriv adgangskoden" in missing.get_data(as_text=True)
    wrong = phone.post(f"/j/{code}", {"group": "politiker", "passcode": "åbent møde"})
    assert wrong.status_code == 400 and "passer ikke" in wrong.get_data(as_text=True)
    assert db.query(Participant).count() == 0
    right = phone.post(f"/j/{code}", {"group": "politiker", "passcode": "lukketMØDE"})
    assert right.status_code == 302 and db.query(Participant).count() == 1
    # a phone that has joined is not asked again when it edits its details
    page = phone.get(f"/j/{code}?ret=1").get_data(as_text=True)
    assert 'name="passcode"' not in page
    assert phone.post(f"/j/{code}?ret=1", {"group": "andet"}).status_code == 302
    screen = facilitator.get(f"/screen/{live_session.id}").get_data(as_text=True)
    assert "Lukket Møde" in screen and code in screen
    facilitator.post(
        f"/facilitate/sessions/{live_session.id}/edit",
        {"title": live_session.title, "kind": live_session.kind, "passcode": ""},
    )
    assert visitor.post(f"/j/{code}", {"group": "andet"}).status_code == 302


def test_a_new_session_can_have_a_passcode(db, facilitator, live_session) -> None:
    response = facilitator.post(
        f"/facilitate/processes/{live_session.process_id}/sessions/new",
        {"title": "Lukket møde", "kind": "workshop", "passcode": "KL"},
    )
    assert response.status_code == 302
    assert db.query(WorkshopSession).filter_by(title="Lukket møde").one().passcode == "KL"


def test_nul_in_any_form_field_gets_a_danish_400(db, facilitator, phone, live_session) -> None:
    response = facilitator.post("/facilitate/processes/new", {"title": "Forløb\x00 nul"})
    assert response.status_code == 400
    assert "Feltet indeholder ugyldige tegn." in response.get_data(as_text=True)
    assert db.query(Process).filter(Process.title.like("Forløb%")).count() == 0
    response = phone.post(f"/j/{live_session.join_code}", {"name": "Bo\x00", "group": "andet"})
    assert response.status_code == 400 and "ugyldige tegn" in response.get_data(as_text=True)
    activity = _open(db, live_session, "retningspil")
    phone.post(f"/j/{live_session.join_code}", {"group": "andet"})
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "n" * 32, "text": "nul\x00tegn"},
    )
    assert response.status_code == 400 and "ugyldige tegn" in response.get_data(as_text=True)
    assert db.query(Contribution).count() == 0


def test_every_form_refuses_control_characters(app) -> None:  # app: every form imported
    def subclasses(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]

    ours = [c for c in subclasses(FlaskForm) if c.__module__.startswith("facilitator")]
    assert ours and all(issubclass(c, forms.Form) for c in ours), [
        c.__name__ for c in ours if not issubclass(c, forms.Form)
    ]


@pytest.mark.parametrize("text", ["\u200b\u200c", "\ufeff \u2060", "\u00ad"])
def test_invisible_text_is_refused_on_the_form(db, phone, live_session, text) -> None:
    activity = _open(db, live_session, "retningspil")
    phone.post(f"/j/{live_session.join_code}", {"group": "andet"})
    response = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "z" * 32, "text": text},
    )
    assert response.status_code == 400
    assert "Skriv noget, før du sender." in response.get_data(as_text=True)


def test_form_ids_are_checked_strictly(db, phone, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    phone.post(f"/j/{live_session.join_code}", {"group": "andet"})
    for activity_id in (str(2**70), "1e3", "true", ""):
        response = phone.post(
            f"/s/{live_session.join_code}",
            {"activity_id": activity_id, "client_id": "i" * 32, "text": "Hej"},
        )
        assert response.status_code in (400, 404), activity_id
    assert (
        phone.post(
            f"/s/{live_session.join_code}",
            {"activity_id": str(activity.id), "client_id": "i" * 32, "text": "Hej"},
        ).status_code
        == 302
    )


def test_the_participant_cookie_is_per_session(db, phone, live_session) -> None:
    other = _session(db, live_session, "live", "Anden dag")
    first = phone.post(f"/j/{live_session.join_code}", {"group": "andet"}).headers["Set-Cookie"]
    second = phone.post(f"/j/{other.join_code}", {"group": "andet"}).headers["Set-Cookie"]
    assert first.startswith(cookie_name(live_session) + "=")
    assert second.startswith(cookie_name(other) + "=")
    assert first.split(";")[0].split("=")[1] != second.split(";")[0].split("=")[1]
    assert "Max-Age=86400" in first and "HttpOnly" in first
    tokens = {p.token_hash for p in db.query(Participant)}
    assert len(tokens) == 2
    assert phone.get(f"/s/{other.join_code}").status_code == 200


def test_withdrawing_on_the_phone_without_javascript(db, phone, visitor, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    code = live_session.join_code
    phone.post(f"/j/{code}", {"group": "andet"})
    phone.post(
        f"/s/{code}", {"activity_id": activity.id, "client_id": "w" * 32, "text": "Trækkes tilbage"}
    )
    row = db.query(Contribution).one()
    page = phone.get(f"/s/{code}").get_data(as_text=True)
    assert "Træk tilbage" in page and f'name="contribution_id" value="{row.id}"' in page
    visitor.post(f"/j/{code}", {"group": "andet"})
    assert visitor.post(f"/s/{code}/withdraw", {"contribution_id": row.id}).status_code == 404
    response = phone.post(f"/s/{code}/withdraw", {"contribution_id": row.id})
    assert response.status_code == 302 and db.query(Contribution).count() == 0
    assert phone.post(f"/s/{code}/withdraw", {"contribution_id": row.id}).status_code == 302
    assert phone.post(f"/s/{code}/withdraw", {"contribution_id": "x"}).status_code == 400


def test_withdrawing_a_dilemma_choice_without_javascript(db, phone, live_session) -> None:
    from facilitator.contributions.results import activity_results

    activity = _open(db, live_session, "dilemma")
    code = live_session.join_code
    phone.post(f"/j/{code}", {"group": "andet"})
    phone.post(
        f"/s/{code}", {"activity_id": activity.id, "client_id": "d" * 32, "side": "0", "text": ""}
    )
    assert activity_results(db, activity)["total"] == 1
    page = phone.get(f"/s/{code}").get_data(as_text=True)
    assert "Træk mit valg tilbage" in page
    row = db.query(Contribution).one()
    assert phone.post(f"/s/{code}/withdraw", {"contribution_id": row.id}).status_code == 302
    assert activity_results(db, activity)["total"] == 0
    assert "Træk mit valg tilbage" not in phone.get(f"/s/{code}").get_data(as_text=True)
