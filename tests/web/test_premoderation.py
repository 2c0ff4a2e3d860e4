"""Pre-moderation and the word filter through the real pages and sockets: the phone hears
"venter på godkendelse", the projector nothing until the facilitator approves in the console
(one, several or all, with or without JavaScript); the administrator edits the word list."""

from __future__ import annotations

import pytest

from facilitator.accounts.services import create_user
from facilitator.contributions.models import Contribution
from tests.conftest import PASSWORD, Browser
from tests.support.clients import console, events, joined_phone, open_kind, screen, wait_for


@pytest.fixture
def premoderated(db, live_session):  # noqa: ANN001, ANN201
    return open_kind(db, live_session, "retningspil", premoderated=True)


@pytest.fixture
def member(phone, live_session):  # noqa: ANN001, ANN201
    """A phone that joined the session through the form."""
    phone.post(f"/j/{live_session.join_code}", {"group": "embedsperson"})
    return phone


def _send(phone, session, activity, client_id: str, text: str):  # noqa: ANN001, ANN202
    return phone.post(
        f"/s/{session.join_code}",
        {"activity_id": activity.id, "client_id": client_id, "text": text},
        follow_redirects=True,
    )


def test_the_facilitator_turns_premoderation_on_in_the_activity_form(
    facilitator, live_session, db
) -> None:
    activity = next(a for a in live_session.activities if a.kind == "open_question")
    url = f"/facilitate/activities/{activity.id}/edit"
    assert "Godkend bidrag, før de vises" in facilitator.get(url).get_data(as_text=True)
    facilitator.post(url, {"title": activity.title, "prompt": "", "premoderated": "y"})
    db.refresh(activity)
    assert activity.premoderated


def test_without_javascript_the_phone_waits_and_the_console_approves(
    facilitator, member, live_session, premoderated, db
) -> None:
    page = _send(member, live_session, premoderated, "p" * 32, "Mere mod til at fejle")
    html = page.get_data(as_text=True)
    assert "vises, når facilitator har godkendt det" in html
    assert "sendt · venter på godkendelse" in html
    wall = facilitator.get(f"/screen/{live_session.id}").get_data(as_text=True)
    assert "Mere mod til at fejle" not in wall
    url = f"/facilitate/sessions/{live_session.id}/console"
    console_page = facilitator.get(url).get_data(as_text=True)
    assert "Venter på godkendelse" in console_page and "Mere mod til at fejle" in console_page
    row = db.query(Contribution).one()
    nothing = facilitator.post(
        f"/facilitate/activities/{premoderated.id}/review",
        {"action": "approve"},
        follow_redirects=True,
    )
    assert "Vælg mindst ét bidrag" in nothing.get_data(as_text=True)
    done = facilitator.post(
        f"/facilitate/activities/{premoderated.id}/review",
        {"item": f"approve:{row.id}"},
        follow_redirects=True,
    )
    assert "1 bidrag er godkendt." in done.get_data(as_text=True)
    db.refresh(row)
    assert not row.held and not row.hidden
    assert "sendt · venter" not in member.get(f"/s/{live_session.join_code}").get_data(as_text=True)


def test_several_at_once_and_all(facilitator, member, live_session, premoderated, db) -> None:
    for i, text in enumerate(["Et", "To", "Tre", "Fire"]):
        _send(member, live_session, premoderated, f"{i:032d}", f"{text} forslag")
    rows = db.query(Contribution).order_by(Contribution.id).all()
    url = f"/facilitate/activities/{premoderated.id}/review"
    facilitator.post(url, {"action": "hide", "contribution_ids": [str(rows[0].id), "x"]})
    facilitator.post(url, {"action": "approve", "contribution_ids": [str(rows[1].id)]})
    facilitator.post(url, {"action": "approve_all"})
    db.expire_all()
    assert [(r.held, r.hidden) for r in rows] == [(False, True)] + [(False, False)] * 3


def test_another_facilitator_cannot_review(visitor, other_user, premoderated) -> None:
    visitor.login("bo@region.dk")
    answer = visitor.post(
        f"/facilitate/activities/{premoderated.id}/review", {"action": "approve_all"}
    )
    assert answer.status_code == 404


def test_live_the_projector_hears_only_what_is_approved(
    app, facilitator, phone, live_session, premoderated, db
) -> None:
    socket = joined_phone(app, phone, live_session)
    wall, desk = screen(app, live_session), console(app, facilitator, live_session)
    ack = socket.emit(
        "contribution:submit",
        {"activity_id": premoderated.id, "client_id": "s" * 32, "text": "Hold kæft med det"},
        callback=True,
    )
    assert ack["ok"] and ack["contribution"]["held"] and ack["contribution"]["hidden"]
    held = wait_for(desk, "contribution:added")
    assert held[0]["held_word"] == "hold kæft"
    assert events(wall, "contribution:added") == []
    facilitator.post(
        f"/facilitate/activities/{premoderated.id}/review",
        {"item": f"approve:{ack['contribution']['id']}"},
    )
    shown = wait_for(wall, "contribution:added")
    assert shown[0]["text"] == "Hold kæft med det" and not shown[0]["held"]
    own = wait_for(socket, "own:changed")
    assert own[-1] == {
        "activity_id": premoderated.id,
        "id": ack["contribution"]["id"],
        "held": False,
        "hidden": False,
    }


@pytest.fixture
def admin(app, db) -> Browser:  # noqa: ANN001
    create_user(db, "admin@kommune.dk", PASSWORD, admin=True, name="Admin")
    browser = Browser(app.test_client())
    assert browser.login("admin@kommune.dk").status_code == 302
    return browser


def test_the_administrator_edits_the_word_list(admin, facilitator, db) -> None:
    page = admin.get("/admin/word-filter").get_data(as_text=True)
    assert "Standardlisten, som følger med facilitator, gælder." in page and "idiot*" in page
    bad = admin.post("/admin/word-filter", {"words": "ok\n" + "x" * 70})
    assert bad.status_code == 400 and "Linje 2 er længere end 60 tegn." in bad.get_data(
        as_text=True
    )
    saved = admin.post("/admin/word-filter", {"words": "busser*\nmadpakke"}, follow_redirects=True)
    html = saved.get_data(as_text=True)
    assert "Ordfilteret er gemt med 2 ord." in html and "Organisationens egen liste" in html
    back = admin.post("/admin/word-filter", {"action": "default"}, follow_redirects=True)
    assert "Standardlisten gælder igen." in back.get_data(as_text=True)
    assert "Ordfilter ændret" in admin.get("/admin/audit").get_data(as_text=True)
    assert facilitator.get("/admin/word-filter").status_code == 403
