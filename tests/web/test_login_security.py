"""Login under attack: throttling, lockout, same answer for unknown e-mails, revocable sessions,
session time limits, and the admin pages for users and the audit log."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from flask_login.utils import encode_cookie

from facilitator.accounts.models import User
from facilitator.accounts.services import create_user, session_token
from facilitator.audit.models import AuditEvent
from facilitator.core.db import utcnow
from tests.conftest import PASSWORD, Browser

DASHBOARD = "/facilitate/"
THROTTLED = "For mange forkerte forsøg. Prøv igen om"


def _logged_in(browser: Browser) -> bool:
    return browser.get(DASHBOARD).status_code == 200


def _new_browser(app) -> Browser:  # noqa: ANN001
    return Browser(app.test_client())


@pytest.fixture
def admin(app, db) -> Browser:  # noqa: ANN001
    create_user(db, "admin@kommune.dk", PASSWORD, admin=True, name="Admin")
    browser = _new_browser(app)
    assert browser.login("admin@kommune.dk").status_code == 302
    return browser


def test_thirty_wrong_passwords_throttle_while_another_account_logs_in(
    visitor, user, other_user
) -> None:
    answers = [visitor.login(password=f"forkert-{n:02d}-kodeord") for n in range(30)]
    codes = [a.status_code for a in answers]
    assert codes[:4] == [400] * 4 and set(codes[4:]) == {429}
    assert all(THROTTLED in a.get_data(as_text=True) for a in answers[4:])
    # The right password is refused too, while a colleague at the same address gets in.
    assert visitor.login().status_code == 429
    colleague = Browser(visitor.client.application.test_client())
    assert colleague.login("bo@region.dk").status_code == 302


def test_unknown_e_mails_are_throttled_with_the_same_words(visitor) -> None:
    codes = [visitor.login("ingen@kommune.dk", "forkert-kodeord").status_code for _ in range(5)]
    assert codes[:4] == [400] * 4 and codes[4] == 429  # exactly where a known account locks
    page = visitor.login("ingen@kommune.dk", "forkert-kodeord").get_data(as_text=True)
    assert "For mange forkerte forsøg. Prøv igen om 1 minut." in page


def test_one_address_is_throttled_across_accounts(app, visitor) -> None:
    app.config["LOGIN_ADDRESS_RATE"] = "5/minute"
    try:
        codes = [
            visitor.login(f"person{n}@kommune.dk", "forkert-kodeord").status_code for n in range(6)
        ]
    finally:
        app.config["LOGIN_ADDRESS_RATE"] = "60/minute"
    assert codes == [400] * 5 + [429]


def test_unknown_and_known_e_mails_take_as_long(visitor, user) -> None:
    def median(email: str) -> float:
        times = []
        for _ in range(4):  # below the lockout and the throttle
            start = time.perf_counter()
            assert visitor.login(email, "forkert-kodeord").status_code == 400
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    known, unknown = median(user.email), median("ingen@kommune.dk")
    assert 0.5 < unknown / known < 2, (known, unknown)


def test_logins_are_audited_with_address(db, visitor, user) -> None:
    visitor.login(password="forkert-kodeord")
    visitor.login("ingen@kommune.dk" + "x" * 300, "forkert-kodeord")
    visitor.login()
    events = db.query(AuditEvent).order_by(AuditEvent.id).all()
    assert [e.event for e in events] == ["login_failed", "login_failed", "login"]
    assert all(e.address == "127.0.0.1" for e in events)
    assert len(events[1].actor) == 120 and events[1].user_id is None


def test_logout_kills_the_old_session_and_remember_cookies(app, facilitator) -> None:
    client = facilitator.client
    session_cookie = client.get_cookie("session").value
    remember = client.get_cookie("remember_token").value
    assert facilitator.post("/logout").status_code == 302
    for cookies in (
        {"session": session_cookie},
        {"remember_token": remember},
        {"session": session_cookie, "remember_token": remember},
    ):
        replay = _new_browser(app)
        for name, value in cookies.items():
            replay.client.set_cookie(name, value)
        assert not _logged_in(replay), cookies


def test_remember_cookie_alone_restores_a_live_login(app, facilitator) -> None:
    replay = _new_browser(app)
    cookie = facilitator.client.get_cookie("remember_token")
    replay.client.set_cookie("remember_token", cookie.value)
    assert _logged_in(replay)
    # It expires when an idle session would (the server also checks the absolute limit).
    lifetime = cookie.expires.timestamp() - time.time()
    assert abs(lifetime - app.config["SESSION_IDLE_MINUTES"] * 60) < 120


def test_deactivation_ends_the_users_sessions(app, admin, facilitator, user) -> None:
    assert _logged_in(facilitator)
    page = admin.post(f"/admin/users/{user.id}/deactivate", follow_redirects=True)
    assert "deaktiveret og logget ud overalt" in page.get_data(as_text=True)
    assert not _logged_in(facilitator)
    assert _new_browser(app).login().status_code == 400
    admin.post(f"/admin/users/{user.id}/activate")
    assert _new_browser(app).login().status_code == 302


def test_own_password_change_ends_other_sessions_only(app, facilitator) -> None:
    laptop = _new_browser(app)
    assert laptop.login().status_code == 302
    old_remember = laptop.client.get_cookie("remember_token").value
    response = facilitator.post(
        "/password",
        {"current": PASSWORD, "new": "et-helt-nyt-kodeord", "repeat": "et-helt-nyt-kodeord"},
    )
    assert response.status_code == 302
    assert _logged_in(facilitator)
    assert not _logged_in(laptop)
    replay = _new_browser(app)
    replay.client.set_cookie("remember_token", old_remember)
    assert not _logged_in(replay)
    assert _new_browser(app).login(password="et-helt-nyt-kodeord").status_code == 302


def test_own_password_change_needs_the_current_one(facilitator) -> None:
    response = facilitator.post(
        "/password",
        {"current": "forkert-kodeord", "new": "et-helt-nyt-kodeord", "repeat": "et-andet-kodeord"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "De to adgangskoder er ikke ens." in page
    response = facilitator.post(
        "/password",
        {
            "current": "forkert-kodeord",
            "new": "et-helt-nyt-kodeord",
            "repeat": "et-helt-nyt-kodeord",
        },
    )
    assert "Den nuværende adgangskode er forkert." in response.get_data(as_text=True)


def test_idle_session_ends(app, facilitator) -> None:
    with facilitator.client.session_transaction() as session:
        session["seen_at"] = time.time() - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    response = facilitator.get(DASHBOARD, follow_redirects=True)
    assert "inaktiv længe og er blevet logget ud" in response.get_data(as_text=True)
    assert not _logged_in(facilitator)


def test_absolute_limit_holds_for_session_and_remember_cookie(app, db, facilitator, user) -> None:
    too_old = session_token(
        user, utcnow() - timedelta(hours=app.config["SESSION_MAX_HOURS"], minutes=1)
    )
    with facilitator.client.session_transaction() as session:
        session["_user_id"] = too_old
    facilitator.client.delete_cookie("remember_token")  # else it restores its own fresh token
    assert not _logged_in(facilitator)
    replay = _new_browser(app)
    replay.client.set_cookie("remember_token", encode_cookie(too_old))
    assert not _logged_in(replay)
    fresh = _new_browser(app)
    fresh.client.set_cookie("remember_token", encode_cookie(session_token(user, utcnow())))
    assert _logged_in(fresh)


def test_admin_pages_are_for_admins_only(facilitator) -> None:
    for url in ("/admin/users", "/admin/audit"):
        assert facilitator.get(url).status_code == 403
    assert "Brugere" not in facilitator.get(DASHBOARD).get_data(as_text=True)


def test_admin_creates_users_sets_passwords_and_reads_the_audit_log(
    db, admin, visitor, user
) -> None:
    page = admin.get("/admin/users").get_data(as_text=True)
    assert "anne@kommune.dk" in page and 'href="/admin/audit"' in page
    bad = admin.post("/admin/users", {"email": "anne@kommune.dk", "password": PASSWORD})
    assert bad.status_code == 400 and "findes allerede" in bad.get_data(as_text=True)
    assert (
        admin.post(
            "/admin/users", {"email": "Ny@Kommune.dk", "name": "Ny", "password": PASSWORD}
        ).status_code
        == 302
    )
    assert db.query(User).filter_by(email="ny@kommune.dk").one().is_admin is False
    assert visitor.login().status_code == 302
    assert (
        admin.post(
            f"/admin/users/{user.id}/password",
            {"new": "et-helt-nyt-kodeord", "repeat": "et-helt-nyt-kodeord"},
        ).status_code
        == 302
    )
    assert not _logged_in(visitor)
    audit = admin.get("/admin/audit").get_data(as_text=True)
    for name in ("Bruger oprettet", "Adgangskode skiftet", "Login"):
        assert name in audit
    filtered = admin.get("/admin/audit?event=password_changed").get_data(as_text=True)
    assert "Adgangskode skiftet" in filtered and "Bruger oprettet</td>" not in filtered


def test_cli_sets_passwords_and_deactivates_users(app, db, facilitator, user) -> None:
    runner = app.test_cli_runner()
    done = runner.invoke(
        args=["set-password", user.email, "--password-stdin"], input="et-helt-nyt-kodeord\n"
    )
    assert done.exit_code == 0, done.output
    assert not _logged_in(facilitator)
    assert _new_browser(app).login(password="et-helt-nyt-kodeord").status_code == 302
    done = runner.invoke(args=["deactivate-user", user.email.upper()])
    assert done.exit_code == 0 and "deaktiveret" in done.output
    assert _new_browser(app).login(password="et-helt-nyt-kodeord").status_code == 400
    missing = runner.invoke(args=["deactivate-user", "ingen@kommune.dk"])
    assert missing.exit_code == 1 and "Der findes ingen bruger" in missing.output
    actors = {
        e.actor
        for e in db.query(AuditEvent).filter(
            AuditEvent.event.in_(["password_changed", "user_changed"])
        )
    }
    assert len(actors) == 1 and actors.pop().startswith("kommandolinje")
