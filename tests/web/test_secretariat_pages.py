"""Console, themes and session pages: the secretariat writes notes, a summary and next steps
and highlights contributions, without JavaScript; bad input gets a message, never a 500."""

from __future__ import annotations

import pytest

from facilitator.activities.services import open_activity
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.notes import NOTE_MAX


@pytest.fixture
def written(db, live_session, phone):
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    phone.post(f"/j/{live_session.join_code}", {"group": "politiker"})
    phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "w" * 32, "text": "Vi skal turde fejle"},
    )
    return db.query(Contribution).one()


def test_console_toggles_highlight(facilitator, written, db) -> None:
    console = f"/facilitate/sessions/{written.activity.session_id}/console"
    assert "Fremhæv" in facilitator.get(console).get_data(as_text=True)
    response = facilitator.post(f"/facilitate/contributions/{written.id}/highlight")
    assert response.status_code == 302 and response.location.endswith(
        f"#aktivitet-{written.activity_id}"
    )
    db.expire_all()
    assert db.get(Contribution, written.id).highlighted
    page = facilitator.get(console).get_data(as_text=True)
    assert "★ Fremhævet" in page and "Fjern fremhævning" in page
    facilitator.post(f"/facilitate/contributions/{written.id}/unhighlight")
    db.expire_all()
    assert not db.get(Contribution, written.id).highlighted


def test_console_saves_note_and_summary(facilitator, written, db) -> None:
    activity_id = written.activity_id
    page = facilitator.get(f"/facilitate/sessions/{written.activity.session_id}/console")
    assert f'for="note-{activity_id}"' in page.get_data(as_text=True)  # labelled fields
    response = facilitator.post(
        f"/facilitate/activities/{activity_id}/notes",
        {"note": "Stor medvind", "summary": "Et afsnit.\r\n\r\nEt til."},
        follow_redirects=True,
    )
    assert response.status_code == 200 and "er gemt" in response.get_data(as_text=True)
    db.expire_all()
    activity = written.activity
    assert (activity.note, activity.summary) == ("Stor medvind", "Et afsnit.\n\nEt til.")


@pytest.mark.parametrize(
    "data",
    [
        {"note": "x" * (NOTE_MAX + 1), "summary": ""},
        {"note": "nul\x00tegn", "summary": ""},
        {"note": "", "summary": "\u202eomvendt"},
    ],
)
def test_bad_notes_get_a_danish_message(facilitator, written, db, data) -> None:
    response = facilitator.post(
        f"/facilitate/activities/{written.activity_id}/notes", data, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ugyldige tegn" in page or f"højst være {NOTE_MAX} tegn" in page
    db.expire_all()
    assert written.activity.note == ""


def test_themes_page_saves_a_note_per_theme(facilitator, written, db) -> None:
    theme = Cluster(activity_id=written.activity_id, label="Mod", position=0)
    db.add(theme)
    db.commit()
    page = facilitator.get(f"/facilitate/activities/{written.activity_id}/themes")
    assert f'for="note-{theme.id}"' in page.get_data(as_text=True)
    response = facilitator.post(
        f"/facilitate/clusters/{theme.id}/note",
        {"note": "Der var stor politisk medvind"},
        follow_redirects=True,
    )
    assert "Noten til »Mod« er gemt" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Cluster, theme.id).note == "Der var stor politisk medvind"
    page = facilitator.get(f"/facilitate/activities/{written.activity_id}/themes")
    assert "Der var stor politisk medvind</textarea>" in page.get_data(as_text=True)


def test_session_page_saves_next_steps(facilitator, live_session, db) -> None:
    url = f"/facilitate/sessions/{live_session.id}"
    assert "Næste skridt" in facilitator.get(url).get_data(as_text=True)
    response = facilitator.post(
        f"{url}/next-steps", {"next_steps": "Styregruppen beslutter."}, follow_redirects=True
    )
    assert "Næste skridt er gemt" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(WorkshopSession, live_session.id).next_steps == "Styregruppen beslutter."
    assert "Styregruppen beslutter.</textarea>" in facilitator.get(url).get_data(as_text=True)


def test_without_csrf_nothing_changes(facilitator, written, db) -> None:
    response = facilitator.post(f"/facilitate/contributions/{written.id}/highlight", csrf=False)
    assert response.status_code == 400
    response = facilitator.post(
        f"/facilitate/activities/{written.activity_id}/notes", {"note": "x"}, csrf=False
    )
    assert response.status_code == 400
    db.expire_all()
    assert not db.get(Contribution, written.id).highlighted and written.activity.note == ""


def test_another_facilitator_is_refused(visitor, other_user, written, db) -> None:
    assert visitor.login("bo@region.dk").status_code == 302
    theme = Cluster(activity_id=written.activity_id, label="Mod", position=0)
    db.add(theme)
    db.commit()
    session_id = written.activity.session_id
    for url, data in [
        (f"/facilitate/contributions/{written.id}/highlight", {}),
        (f"/facilitate/activities/{written.activity_id}/notes", {"note": "x"}),
        (f"/facilitate/clusters/{theme.id}/note", {"note": "x"}),
        (f"/facilitate/sessions/{session_id}/next-steps", {"next_steps": "x"}),
    ]:
        assert visitor.post(url, data).status_code == 404, url
    db.expire_all()
    assert not db.get(Contribution, written.id).highlighted
    assert written.activity.note == db.get(Cluster, theme.id).note == ""
    assert db.get(WorkshopSession, session_id).next_steps == ""
