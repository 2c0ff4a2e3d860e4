"""Login, processes, sessions and the agenda editor through the real forms."""

from __future__ import annotations

import re

from facilitator.activities.models import Activity
from facilitator.contributions.models import Contribution
from facilitator.processes.models import Process
from facilitator.sessions.models import WorkshopSession


def test_login_required_and_wrong_password_is_refused(visitor, user) -> None:
    assert visitor.get("/facilitate/").status_code == 302
    response = visitor.login(password="forkert-forkert")
    assert response.status_code == 400
    assert "Forkert e-mail eller adgangskode" in response.get_data(as_text=True)
    assert visitor.login().status_code == 302
    assert visitor.get("/facilitate/").status_code == 200


def test_forms_without_csrf_token_are_refused(visitor, user) -> None:
    response = visitor.post(
        "/login", {"email": "anne@kommune.dk", "password": "korrekt-hest-batteri"}, csrf=False
    )
    assert response.status_code == 400


def test_login_never_redirects_off_site(visitor, user) -> None:
    response = visitor.post(
        "/login?next=//evil.example/x",
        {"email": "anne@kommune.dk", "password": "korrekt-hest-batteri"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"] == "/facilitate/"


def test_create_process_and_session_from_template(facilitator, db) -> None:
    page = facilitator.get("/facilitate/processes/new").get_data(as_text=True)
    assert "Region Nordjylland" in page  # organisations pre-filled, editable
    response = facilitator.post(
        "/facilitate/processes/new",
        {
            "title": "Nordjysk Socialaftale 2023-2024",
            "focus_areas": "Fokus på psykiatrien\r\nFokus på borgere der bliver ældre",
            "organisations": "Aalborg Kommune\r\nRegion Nordjylland",
        },
    )
    assert response.status_code == 302
    process = db.query(Process).one()
    assert process.organisations == ["Aalborg Kommune", "Region Nordjylland"]
    response = facilitator.post(
        f"/facilitate/processes/{process.id}/sessions/new",
        {
            "title": "Faglig workshop",
            "kind": "workshop",
            "date": "2022-09-15",
            "venue": "Hjørring",
            "template": "workshop",
        },
    )
    assert response.status_code == 302
    session = db.query(WorkshopSession).one()
    assert str(session.date) == "2022-09-15"
    page = facilitator.get(f"/facilitate/sessions/{session.id}").get_data(as_text=True)
    assert "Forslag til fælleskommunale initiativer: Fokus på psykiatrien" in page
    assert session.join_code in page


def test_empty_title_gets_a_danish_error_and_keeps_input(facilitator) -> None:
    response = facilitator.post(
        "/facilitate/processes/new", {"title": " ", "description": "Min tekst"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and ("Feltet skal udfyldes" in page or "titel" in page)
    assert "Min tekst" in page


def test_agenda_editor_add_edit_reorder_delete(facilitator, live_session, db) -> None:
    sid = live_session.id
    response = facilitator.post(
        f"/facilitate/sessions/{sid}/activities/new/dilemma",
        {
            "title": "Hjemme eller plejebolig?",
            "prompt": "Hvad vælger du?",
            "side1_label": "Hjemme",
            "side1_description": "Mere støtte i eget hjem",
            "side2_label": "Plejebolig",
            "side3_label": "Et tredje sted",
            "reason_required": "y",
            "focus_area": "0",
        },
    )
    assert response.status_code == 302
    dilemma = db.query(Activity).filter_by(title="Hjemme eller plejebolig?").one()
    assert [s["label"] for s in dilemma.sides] == ["Hjemme", "Plejebolig", "Et tredje sted"]
    assert dilemma.reason_required

    bad = facilitator.post(
        f"/facilitate/sessions/{sid}/activities/new/dilemma",
        {"title": "Halvt dilemma", "side1_label": "Kun én", "focus_area": "0"},
    )
    assert bad.status_code == 400 and "2-4 sider" in bad.get_data(as_text=True)
    assert "Halvt dilemma" in bad.get_data(as_text=True)

    response = facilitator.post(
        f"/facilitate/activities/{dilemma.id}/edit",
        {
            "title": "Hjemme eller plejebolig?",
            "side1_label": "Hjemme",
            "side2_label": "Plejehjem",
            "focus_area": "0",
        },
    )
    assert response.status_code == 302
    db.refresh(dilemma)
    assert [s["label"] for s in dilemma.sides] == ["Hjemme", "Plejehjem"]

    last = dilemma.position
    facilitator.post(f"/facilitate/activities/{dilemma.id}/up")
    db.refresh(dilemma)
    assert dilemma.position == last - 1
    facilitator.post(f"/facilitate/activities/{dilemma.id}/delete")
    assert db.query(Activity).filter_by(title="Hjemme eller plejebolig?").count() == 0


def test_topic_vote_activity_from_form(facilitator, live_session, db) -> None:
    response = facilitator.post(
        f"/facilitate/sessions/{live_session.id}/activities/new/topic_vote",
        {"title": "Prioritér", "topics": "A\nB\nC", "max_choices": "2", "focus_area": "0"},
    )
    assert response.status_code == 302
    activity = db.query(Activity).filter_by(title="Prioritér").one()
    assert activity.topics == ["A", "B", "C"] and activity.max_choices == 2


def test_another_facilitators_session_is_refused(visitor, live_session, other_user) -> None:
    visitor.login("bo@region.dk")
    for url in (
        f"/facilitate/sessions/{live_session.id}",
        f"/facilitate/sessions/{live_session.id}/console",
        f"/facilitate/processes/{live_session.process_id}",
        f"/screen/{live_session.id}",
    ):
        assert visitor.get(url).status_code == 404, url
    activity = live_session.activities[0]
    assert visitor.post(f"/facilitate/activities/{activity.id}/open").status_code == 404
    assert activity.state == "pending"


def test_console_opens_activities_and_moderates(facilitator, phone, live_session, db) -> None:
    retningspil = next(a for a in live_session.activities if a.kind == "retningspil")
    facilitator.post(f"/facilitate/activities/{retningspil.id}/open")
    db.refresh(retningspil)
    assert retningspil.state == "open"
    code = live_session.join_code
    phone.post(f"/j/{code}", {"group": "politiker"})
    phone.post(
        f"/s/{code}",
        {"activity_id": retningspil.id, "client_id": "a" * 32, "text": "Vi skal tale om mad"},
    )
    console = facilitator.get(f"/facilitate/sessions/{live_session.id}/console")
    page = console.get_data(as_text=True)
    assert "Vi skal tale om mad" in page and 'id="joined-count">1<' in page
    # one politician: never listed or tagged (privacy.py); the page's string tables (JSON for
    # its scripts) name every group, which says nothing about who is in the room
    shown = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    assert "Politiker" not in shown
    contribution = db.query(Contribution).one()
    facilitator.post(f"/facilitate/contributions/{contribution.id}/hide")
    db.refresh(contribution)
    assert contribution.hidden
    screen = facilitator.get(f"/screen/{live_session.id}").get_data(as_text=True)
    assert "Vi skal tale om mad" not in screen


def test_activity_with_contributions_cannot_be_deleted(
    facilitator, phone, live_session, db
) -> None:
    retningspil = next(a for a in live_session.activities if a.kind == "retningspil")
    facilitator.post(f"/facilitate/activities/{retningspil.id}/open")
    phone.post(f"/j/{live_session.join_code}", {"group": "politiker"})
    phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": retningspil.id, "client_id": "z" * 32, "text": "Gem mig"},
    )
    response = facilitator.post(
        f"/facilitate/activities/{retningspil.id}/delete", follow_redirects=True
    )
    assert "har 1 bidrag og kan ikke slettes" in response.get_data(as_text=True)
    assert db.get(Activity, retningspil.id) is not None
    assert db.query(Contribution).count() == 1
