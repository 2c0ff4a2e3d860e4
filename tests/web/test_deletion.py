"""Deleting a process, a session or a session's participant data from the facilitator pages."""

from __future__ import annotations

from facilitator.accounts.services import create_user
from facilitator.contributions.models import Participant
from facilitator.processes.models import Process
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import set_state
from tests.conftest import PASSWORD, Browser
from tests.support.data_factory import audit_events, closed_session, fill_session, row_counts


def _closed(db, user) -> WorkshopSession:
    return closed_session(db, user, title="Dialogforum marts", closed_at=None, people=3)


def test_session_deletion_shows_what_goes_and_needs_the_tick(facilitator, db, user) -> None:
    session = _closed(db, user)
    url = f"/facilitate/sessions/{session.id}/delete"
    page = facilitator.get(url).get_data(as_text=True)
    assert "Slet sessionen »Dialogforum marts«" in page
    assert "1 session, 3 deltagere, 3 bidrag" in page and 'name="confirm"' in page

    unticked = facilitator.post(url, {})
    assert unticked.status_code == 400
    assert "Sæt kryds for at bekræfte sletningen." in unticked.get_data(as_text=True)
    assert db.query(WorkshopSession).count() == 1

    done = facilitator.post(url, {"confirm": "y"})
    assert done.status_code == 302
    assert done.headers["Location"] == f"/facilitate/processes/{session.process_id}"
    assert db.query(WorkshopSession).count() == 0 and row_counts(db)["contributions"] == 0
    shown = facilitator.get(done.headers["Location"]).get_data(as_text=True)
    assert "Sessionen »Dialogforum marts« er slettet. Slettet: 1 session, 3 deltagere" in shown
    [event] = audit_events(db)
    assert (event.event, event.user_id, event.actor) == ("delete", user.id, user.email)
    assert event.address == "127.0.0.1" and "Dialogforum" not in event.detail


def test_participant_data_goes_and_the_agenda_stays(facilitator, db, user) -> None:
    session = _closed(db, user)
    agenda = len(session.activities)
    url = f"/facilitate/sessions/{session.id}/participants/delete"
    assert "3 deltagere, 3 bidrag" in facilitator.get(url).get_data(as_text=True)
    response = facilitator.post(url, {"confirm": "y"})
    assert response.headers["Location"] == f"/facilitate/sessions/{session.id}"
    assert db.query(Participant).count() == 0
    assert len(db.get(WorkshopSession, session.id).activities) == agenda


def test_process_deletion_goes_back_to_the_dashboard(facilitator, db, user) -> None:
    session = _closed(db, user)
    process_id = session.process_id
    url = f"/facilitate/processes/{process_id}/delete"
    assert "1 forløb, 1 session" in facilitator.get(url).get_data(as_text=True)
    response = facilitator.post(url, {"confirm": "y"})
    assert response.headers["Location"] == "/facilitate/"
    assert db.get(Process, process_id) is None and row_counts(db)["participants"] == 0


def test_a_live_session_must_be_closed_first(facilitator, db, live_session) -> None:
    fill_session(db, live_session)
    for url in (
        f"/facilitate/sessions/{live_session.id}/delete",
        f"/facilitate/sessions/{live_session.id}/participants/delete",
        f"/facilitate/processes/{live_session.process_id}/delete",
    ):
        page = facilitator.get(url)
        assert page.status_code == 409
        assert "er live. Afslut sessionen, før du sletter." in page.get_data(as_text=True)
        assert facilitator.post(url, {"confirm": "y"}).status_code == 409
    assert db.query(Participant).count() == 3 and not audit_events(db)
    set_state(db, live_session, "closed")
    url = f"/facilitate/sessions/{live_session.id}/delete"
    assert facilitator.post(url, {"confirm": "y"}).status_code == 302


def test_other_facilitators_cannot_delete_but_an_admin_can(
    app, visitor, db, user, other_user
) -> None:
    session = _closed(db, user)
    urls = [
        f"/facilitate/sessions/{session.id}/delete",
        f"/facilitate/sessions/{session.id}/participants/delete",
        f"/facilitate/processes/{session.process_id}/delete",
    ]
    assert visitor.login("bo@region.dk").status_code == 302
    for url in urls:
        assert visitor.get(url).status_code == 404
        assert visitor.post(url, {"confirm": "y"}).status_code == 404
    assert db.query(Participant).count() == 3 and not audit_events(db)

    admin = create_user(db, "admin@region.dk", PASSWORD, admin=True)
    admin_browser = Browser(app.test_client())
    assert admin_browser.login("admin@region.dk").status_code == 302
    assert admin_browser.post(urls[2], {"confirm": "y"}).status_code == 302
    assert db.query(Process).count() == 0
    [event] = audit_events(db)
    assert event.user_id == admin.id


def test_the_delete_pages_are_linked(facilitator, db, user) -> None:
    session = _closed(db, user)
    page = facilitator.get(f"/facilitate/sessions/{session.id}").get_data(as_text=True)
    assert f"/facilitate/sessions/{session.id}/participants/delete" in page
    assert f"/facilitate/sessions/{session.id}/delete" in page
    page = facilitator.get(f"/facilitate/processes/{session.process_id}").get_data(as_text=True)
    assert f"/facilitate/processes/{session.process_id}/delete" in page


def test_every_download_is_audited(facilitator, db, user) -> None:
    session = _closed(db, user)
    assert facilitator.get(f"/facilitate/sessions/{session.id}/export.md").status_code == 200
    assert (
        facilitator.get(f"/facilitate/processes/{session.process_id}/export.md").status_code == 200
    )
    events = audit_events(db)
    assert [(e.event, e.detail, e.user_id) for e in events] == [
        ("export", f"Session {session.id} (md)", user.id),
        ("export", f"Forløb {session.process_id} (md)", user.id),
    ]
