"""Accounts: lockout with back-off, session tokens and revocation, audit of user changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from werkzeug.security import generate_password_hash

from facilitator.accounts import passwords
from facilitator.accounts import services as accounts
from facilitator.accounts.services import AccountLocked, authenticate, lock_duration
from facilitator.audit.models import AuditEvent
from facilitator.core.db import utcnow
from facilitator.core.errors import Forbidden, ValidationError
from facilitator.core.signals import user_sessions_revoked
from tests.conftest import PASSWORD

DAY = timedelta(hours=12)


def _events(db, event: str) -> list[AuditEvent]:
    return db.query(AuditEvent).filter_by(event=event).order_by(AuditEvent.id).all()


def test_back_off_doubles_from_the_fifth_failure_up_to_fifteen_minutes() -> None:
    assert lock_duration(4) is None
    assert lock_duration(5) == timedelta(seconds=30)
    assert lock_duration(6) == timedelta(seconds=60)
    assert lock_duration(7) == timedelta(seconds=120)
    assert lock_duration(50) == timedelta(minutes=15)


def test_five_wrong_passwords_lock_even_the_right_one(db, user) -> None:
    now = utcnow()
    for _ in range(4):
        assert authenticate(db, user.email, "forkert-forkert", address="10.0.0.9", now=now) is None
    with pytest.raises(AccountLocked, match="For mange forkerte forsøg. Prøv igen om 1 minut."):
        authenticate(db, user.email, "forkert-forkert", now=now)
    with pytest.raises(AccountLocked):
        authenticate(db, user.email, PASSWORD, now=now + timedelta(seconds=20))
    # After the lock: the right password works and the count starts over.
    assert authenticate(db, user.email, PASSWORD, now=now + timedelta(seconds=31)) == user
    assert user.failed_logins == 0 and user.locked_until is None
    failed = _events(db, "login_failed")
    assert len(failed) == 5 and failed[0].address == "10.0.0.9" and failed[0].user_id == user.id
    assert [e.detail for e in _events(db, "login_locked")] == ["spærret i 30 s", "konto spærret"]
    assert len(_events(db, "login")) == 1


def test_each_further_failure_locks_longer(db, user) -> None:
    now = utcnow()
    for _ in range(4):
        authenticate(db, user.email, "forkert-forkert", now=now)
    with pytest.raises(AccountLocked):
        authenticate(db, user.email, "forkert-forkert", now=now)
    later = now + timedelta(seconds=31)
    with pytest.raises(AccountLocked, match="om 1 minut"):
        authenticate(db, user.email, "forkert-forkert", now=later)
    assert user.locked_until == later + timedelta(seconds=60)
    assert user.failed_logins == 6


def test_unknown_and_deactivated_e_mails_fail_without_a_lock(db, user, other_user) -> None:
    assert authenticate(db, "ingen@kommune.dk", PASSWORD, address="10.0.0.7") is None
    accounts.set_active(db, other_user, False, actor=user)
    assert authenticate(db, other_user.email, PASSWORD) is None
    details = [(e.actor, e.detail) for e in _events(db, "login_failed")]
    assert details == [("ingen@kommune.dk", "ukendt e-mail"), ("bo@region.dk", "konto deaktiveret")]
    assert other_user.failed_logins == 0


def test_login_upgrades_an_old_scrypt_hash(db, user) -> None:
    user.password_hash = generate_password_hash(PASSWORD, method="scrypt")
    db.commit()
    assert authenticate(db, user.email, PASSWORD) == user
    assert user.password_hash.startswith(passwords.METHOD + "$")
    assert authenticate(db, user.email, PASSWORD) == user


def test_session_token_carries_version_and_login_time(db, user) -> None:
    now = utcnow()
    token = accounts.session_token(user, now)
    assert token.startswith(f"{user.id}:0:")
    assert accounts.user_for_token(db, token, max_age=DAY, now=now) == user
    assert accounts.user_for_token(db, token, max_age=DAY, now=now + DAY + timedelta(1)) is None
    for broken in (None, "", "1", f"{user.id}:0", "a:b:c", f"{user.id}:0:1:2"):
        assert accounts.user_for_token(db, broken, max_age=DAY) is None


@pytest.mark.parametrize("change", ["logout", "deactivate", "password"])
def test_logout_deactivation_and_password_change_end_every_session(
    db, user, other_user, change
) -> None:
    token = accounts.session_token(other_user, utcnow())
    revoked: list[int] = []

    def receiver(sender, *, user_id, **_):  # noqa: ANN001, ANN202
        revoked.append(user_id)

    user_sessions_revoked.connect(receiver)
    try:
        if change == "logout":
            accounts.logout(db, other_user, address="10.0.0.5")
        elif change == "deactivate":
            accounts.set_active(db, other_user, False, actor=user)
        else:
            accounts.set_password(db, other_user, "et-helt-nyt-kodeord", actor=user)
    finally:
        user_sessions_revoked.disconnect(receiver)
    assert revoked == [other_user.id]
    assert accounts.user_for_token(db, token, max_age=DAY) is None
    event = {"logout": "logout", "deactivate": "user_changed", "password": "password_changed"}[
        change
    ]
    assert len(_events(db, event)) == 1


def test_new_password_rules_and_own_change(db, user) -> None:
    with pytest.raises(ValidationError, match="mindst 10 tegn"):
        accounts.set_password(db, user, "kort")
    with pytest.raises(ValidationError, match="nuværende adgangskode er forkert"):
        accounts.change_own_password(db, user, "forkert-forkert", "et-helt-nyt-kodeord")
    accounts.change_own_password(db, user, PASSWORD, "et-helt-nyt-kodeord")
    assert authenticate(db, user.email, "et-helt-nyt-kodeord") == user
    assert _events(db, "password_changed")[0].actor == user.email


def test_admins_cannot_deactivate_themselves_and_creation_is_audited(db, user) -> None:
    with pytest.raises(Forbidden):
        accounts.set_active(db, user, False, actor=user)
    created = accounts.create_user(
        db, "ny@kommune.dk", PASSWORD, admin=True, actor=user, address="10.0.0.1"
    )
    event = _events(db, "user_created")[0]
    assert (event.actor, event.detail, event.address) == (
        user.email,
        "ny@kommune.dk (administrator)",
        "10.0.0.1",
    )
    assert created.is_admin
