"""Table groups on the web: the "Borde" form (bad lines refused in Danish, text kept), the
card PDF (one page per table), another facilitator's 404, ?bord=N and the scribe link."""

from __future__ import annotations

import re

import pytest

from facilitator.core.errors import NotFound
from facilitator.tables import services as tables
from tests.support.tables import text_activity


def _save(facilitator, session, text: str):  # noqa: ANN001, ANN202
    return facilitator.post(f"/facilitate/sessions/{session.id}/borde", {"tables": text})


def test_tables_form_saves_and_refuses_bad_lines(facilitator, live_session, db) -> None:  # noqa: ANN001
    assert _save(facilitator, live_session, "1 Sundhed\n3 Job").status_code == 302
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}").get_data(as_text=True)
    assert "Bord 1 (Sundhed)" in page and "Bord 3 (Job)" in page
    for bad, message in (
        ("0", "mellem 1 og 99"),
        ("1000 Stort", "mellem 1 og 99"),
        ("4 " + "n" * 95, "højst være 60 tegn"),
    ):
        response = _save(facilitator, live_session, bad)
        assert response.status_code == 400
        body = response.get_data(as_text=True)
        assert message in body and bad[:20] in body  # the typed text is kept
    assert [t.number for t in tables.tables_of(db, live_session.id)] == [1, 3]


def test_card_pdf_has_one_page_per_table(facilitator, live_session) -> None:  # noqa: ANN001
    _save(facilitator, live_session, "1 Sundhed\n2\n3 Unge og job")
    for size in ("a6", "a5"):
        response = facilitator.get(
            f"/facilitate/sessions/{live_session.id}/borde/kort.pdf?format={size}&sprog=en"
        )
        assert response.status_code == 200
        data = response.data
        assert data.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b", data)) == 3


def test_another_facilitator_gets_404(facilitator, live_session, other_user, app) -> None:  # noqa: ANN001
    _save(facilitator, live_session, "1")
    facilitator.get("/logout")
    facilitator.post("/logout")
    facilitator.login(other_user.email)
    cards = f"/facilitate/sessions/{live_session.id}/borde/kort.pdf"
    assert facilitator.get(cards).status_code == 404
    assert _save(facilitator, live_session, "2").status_code == 404


def test_card_qr_prefills_the_table(phone, live_session) -> None:  # noqa: ANN001
    page = phone.get(f"/j/{live_session.join_code}?bord=3").get_data(as_text=True)
    assert 'value="3"' in page and "Du sidder ved bord 3" in page
    page = phone.get(f"/j/{live_session.join_code}?bord=1000").get_data(as_text=True)
    assert "Du sidder ved bord" not in page


def test_scribe_link_joins_as_the_table(phone, live_session, db, app) -> None:  # noqa: ANN001
    table = tables.set_tables(db, live_session, "3 Sundhed")[0]
    secret = tables.scribe_secret(table, str(app.config["SECRET_KEY"]).encode())
    url = f"/j/{live_session.join_code}/bord/3/skriver"
    assert "Skriver for Bord 3" in phone.get(f"{url}?k={secret}").get_data(as_text=True)
    wrong = phone.post(url, {"k": "forkert"})
    assert wrong.status_code == 400
    assert "Skriverlinket passer ikke" in wrong.get_data(as_text=True)
    other_table = f"/j/{live_session.join_code}/bord/7/skriver"
    assert phone.post(other_table, {"k": secret}).status_code == 400
    joined = phone.post(url, {"k": secret})
    assert joined.status_code == 302
    page = phone.get(joined.headers["Location"]).get_data(as_text=True)
    assert "Du skriver for Bord 3 (Sundhed)" in page


def test_by_table_pages(facilitator, live_session, db) -> None:  # noqa: ANN001
    tables.set_tables(db, live_session, "1 Sundhed")
    activity = text_activity(db, live_session)
    assert facilitator.get(f"/facilitate/activities/{activity.id}/borde").status_code == 200
    wall = facilitator.get(f"/screen/{live_session.id}/borde/{activity.id}")
    html = wall.get_data(as_text=True)
    assert wall.status_code == 200 and 'http-equiv="refresh"' not in html  # pushed, not timed
    assert "js/by_table.js" in html
    part = facilitator.get(f"/screen/{live_session.id}/borde/{activity.id}?del=grupper")
    assert part.status_code == 200 and "<html" not in part.get_data(as_text=True)
    with pytest.raises(NotFound):
        tables.find_table(db, live_session.id, 9)
