"""One phone cannot take the room's server for itself (issue 21, point 2).

Refusals come before any expensive work, keyed on the participant cookie (never the address,
which a venue's phones share), and they are small: no room, no list of contributions."""

from __future__ import annotations

import re

from limits import parse

from facilitator.activities.services import open_activity
from facilitator.contributions.models import Contribution
from tests.conftest import Browser

ROOM_MARKER = "js/phone.js"  # the live phone page (the room) was drawn


def _joined(app, live_session, address: str = "127.0.0.1") -> Browser:
    phone = Browser(app.test_client())
    phone.client.environ_base["REMOTE_ADDR"] = address
    assert phone.post(f"/j/{live_session.join_code}", {"group": "andet"}).status_code == 302
    return phone


def _open_retningspil(db, live_session):
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    return activity


def _page_rate(app) -> int:
    return parse(app.config["PAGE_RATE"]).amount


def test_reloads_past_the_page_rate_get_a_small_danish_429(app, db, live_session) -> None:
    phone = _joined(app, live_session)
    allowed = _page_rate(app)
    pages = [phone.get(f"/s/{live_session.join_code}") for _ in range(allowed)]
    assert {page.status_code for page in pages} == {200}
    assert ROOM_MARKER in pages[-1].get_data(as_text=True)
    refused = phone.get(f"/s/{live_session.join_code}")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == str(int(parse(app.config["PAGE_RATE"]).get_expiry()))
    assert "Siden blev hentet mange gange på kort tid" in text
    assert ROOM_MARKER not in text and live_session.title not in text  # nothing of the room
    assert re.search(r'<meta http-equiv="refresh" content="\d+">', text)  # back by itself
    assert len(text) < 2000


def test_the_limit_follows_the_cookie_not_the_address(app, db, live_session) -> None:
    flooder = _joined(app, live_session)
    neighbour = _joined(app, live_session)  # same venue address
    for _ in range(_page_rate(app) + 5):
        flooder.get(f"/s/{live_session.join_code}")
    assert flooder.get(f"/s/{live_session.join_code}").status_code == 429
    assert neighbour.get(f"/s/{live_session.join_code}").status_code == 200
    # A phone that drops its cookie is no longer anyone: it is sent to the join form.
    stranger = Browser(app.test_client())
    assert stranger.get(f"/s/{live_session.join_code}").status_code == 302


def test_a_flooded_form_post_keeps_the_text_and_resends_it(
    app, db, live_session, monkeypatch
) -> None:
    monkeypatch.setitem(app.config, "PAGE_RATE", "3/10second")
    activity = _open_retningspil(db, live_session)
    phone = _joined(app, live_session)
    for n in range(3):
        assert (
            phone.post(
                f"/s/{live_session.join_code}",
                {"activity_id": activity.id, "client_id": f"flood-{n:04d}", "text": f"Tekst {n}"},
            ).status_code
            == 302
        )
    typed = "Vi skal <have> flere bænke"
    refused = phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "keep-0001", "text": typed},
    )
    text = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert "Du sender meget hurtigt" in text
    assert "Vi skal &lt;have&gt; flere bænke" in text  # shown back, escaped
    assert ROOM_MARKER not in text and "Tekst 0" not in text  # not the room
    assert db.query(Contribution).count() == 3
    # "Send igen" posts exactly what was refused, once the window has room again.
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text))
    assert fields["client_id"] == "keep-0001" and fields["activity_id"] == str(activity.id)
    from facilitator.web.ratelimit import participant_limits

    participant_limits.reset()  # the window has passed
    again = phone.post(f"/s/{live_session.join_code}", {**fields, "text": typed}, csrf=False)
    assert again.status_code == 302
    assert db.query(Contribution).filter_by(text=typed).count() == 1


def test_the_submit_rate_refusal_is_small_too(app, db, live_session, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "SUBMIT_RATE", "1/10second")
    activity = _open_retningspil(db, live_session)
    phone = _joined(app, live_session)
    statuses = []
    for n in range(2):
        response = phone.post(
            f"/s/{live_session.join_code}",
            {"activity_id": activity.id, "client_id": f"rate-{n:04d}", "text": f"Forslag {n}"},
        )
        statuses.append(response.status_code)
    text = response.get_data(as_text=True)
    assert statuses == [302, 429]
    assert "Du sender meget hurtigt" in text and "Forslag 1" in text
    assert ROOM_MARKER not in text and "Retry-After" in response.headers
