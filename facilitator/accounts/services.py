"""Facilitator accounts: creation, password checks with lockout, and ending sessions.

Sessions are revocable on the server: the id Flask-Login keeps in the session cookie and the
remember cookie is a token "user id:session version:login time". Logout, deactivation and a
password change bump the user's session version, so every cookie issued before stops working
("Log ud" logs the person out on every device), and `user_sessions_revoked` tells open sockets.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from facilitator.accounts import passwords
from facilitator.accounts.models import User
from facilitator.audit import services as audit
from facilitator.core import signals
from facilitator.core.db import DbSession, utcnow
from facilitator.core.errors import DomainError, Forbidden, ValidationError
from facilitator.core.i18n import N_, ngettext
from facilitator.core.i18n import gettext as _

MIN_PASSWORD_LENGTH = 10
LOCK_AFTER = 5  # consecutive wrong passwords before the account is locked
LOCK_FIRST = timedelta(seconds=30)  # the first lock; doubles with every further failure
LOCK_MAX = timedelta(minutes=15)
ACTOR_CHARS = 120  # a typed e-mail in the audit log is cut here (attackers type anything)
WRONG = N_("Forkert e-mail eller adgangskode.")  # translated where shown


def locked_message(seconds: float) -> str:
    """The one answer for a locked account and for a throttled address+e-mail, so the answer
    never tells whether the e-mail exists."""
    # Whole seconds: a rate limit's reset time is a whole second, so "60.4 s" is still the
    # one minute it says, not "2 minutter".
    minutes = max(1, math.ceil(math.floor(seconds) / 60))
    return ngettext(
        "For mange forkerte forsøg. Prøv igen om %(num)s minut.",
        "For mange forkerte forsøg. Prøv igen om %(num)s minutter.",
        minutes,
    )


class AccountLocked(DomainError):
    status = 429

    def __init__(self, seconds: float) -> None:
        super().__init__(locked_message(seconds))


def lock_duration(failures: int) -> timedelta | None:
    """How long `failures` consecutive wrong passwords lock the account (None: not locked)."""
    if failures < LOCK_AFTER:
        return None
    return min(LOCK_FIRST * 2 ** min(failures - LOCK_AFTER, 16), LOCK_MAX)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    db: DbSession,
    email: str,
    password: str,
    *,
    admin: bool = False,
    name: str = "",
    actor: User | str | None = None,
    address: str = "",
) -> User:
    """A new account; `actor` (an admin) is recorded in the audit log when given."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise ValidationError(_("Angiv en gyldig e-mailadresse."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(_("Adgangskoden skal være mindst %(n)s tegn.", n=MIN_PASSWORD_LENGTH))
    if db.scalar(select(User).where(User.email == email)):
        raise ValidationError(
            _("Der findes allerede en bruger med e-mailen %(email)s.", email=email)
        )
    user = User(
        email=email,
        name=name.strip(),
        is_admin=admin,
        password_hash=passwords.hash_password(password),
    )
    db.add(user)
    db.commit()
    if actor is not None:
        audit.record(
            db,
            "user_created",
            **_by(actor),
            address=address,
            detail=f"{user.email}{' (administrator)' if admin else ''}",
        )
    return user


def _by(actor: User | str) -> dict:
    """Who made a change, for the audit log: an admin, or a description such as the CLI's."""
    return {"user": actor} if isinstance(actor, User) else {"actor": actor}


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(_("Adgangskoden skal være mindst %(n)s tegn.", n=MIN_PASSWORD_LENGTH))


def set_password(
    db: DbSession, user: User, password: str, *, actor: User | str | None = None, address: str = ""
) -> None:
    """A new password ends every session and remember cookie of `user` (stolen ones too)."""
    _check_new_password(password)
    user.password_hash = passwords.hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    audit.record(
        db,
        "password_changed",
        **_by(actor or user),
        address=address,
        detail=user.email,
        commit=False,
    )
    end_sessions(db, user)


def change_own_password(
    db: DbSession, user: User, current: str, new: str, *, address: str = ""
) -> None:
    _check_new_password(new)
    db.commit()  # no connection is held while the hash runs (logins wait for one hash at a time)
    if not passwords.verify_password(user.password_hash, current):
        raise ValidationError(_("Den nuværende adgangskode er forkert."))
    set_password(db, user, new, actor=user, address=address)


def set_active(
    db: DbSession, user: User, active: bool, *, actor: User | str, address: str = ""
) -> None:
    """Deactivating ends the user's sessions at once; their processes stay."""
    if isinstance(actor, User) and user.id == actor.id and not active:
        raise Forbidden(_("Du kan ikke deaktivere din egen konto."))
    if user.active == active:
        return
    user.active = active
    audit.record(
        db,
        "user_changed",
        **_by(actor),
        address=address,
        detail=f"{user.email} {'aktiveret' if active else 'deaktiveret'}",
        commit=False,
    )
    if active:
        user.failed_logins, user.locked_until = 0, None
        db.commit()
    else:
        end_sessions(db, user)


def end_sessions(db: DbSession, user: User) -> None:
    """Every cookie and socket issued to `user` so far stops working (commits)."""
    user.session_version = (user.session_version or 0) + 1
    db.commit()
    signals.user_sessions_revoked.send(user, user_id=user.id)


def logout(db: DbSession, user: User, *, address: str = "") -> None:
    audit.record(db, "logout", user=user, address=address, commit=False)
    end_sessions(db, user)


def session_token(user: User, login_at: datetime) -> str:
    """What the session and remember cookies carry: id, session version and login time, so a
    cookie dies with a version bump and cannot outlive the absolute session limit."""
    return f"{user.get_id()}:{int(login_at.replace(tzinfo=UTC).timestamp())}"


def user_for_token(
    db: DbSession, token: str | None, *, max_age: timedelta, now: datetime | None = None
) -> User | None:
    """The active user a cookie token belongs to; None for an old version, an inactive user,
    a login older than `max_age` or anything malformed."""
    try:
        user_id, version, login_at = (int(part) for part in str(token).split(":"))
    except ValueError:
        return None
    now = now or utcnow()
    login = datetime.fromtimestamp(login_at, UTC).replace(tzinfo=None)
    if not timedelta(minutes=-1) <= now - login <= max_age:
        return None
    user = db.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user


def authenticate(
    db: DbSession, email: str, password: str, *, address: str = "", now: datetime | None = None
) -> User | None:
    """The active user with this e-mail and password, or None. Raises AccountLocked while the
    account is locked (even for the right password). Unknown and inactive e-mails are checked
    against a dummy hash, so every answer takes as long as a real check."""
    now = now or utcnow()
    email = normalise_email(email)
    user = db.scalar(select(User).where(User.email == email))
    if user is not None and user.locked_until is not None and user.locked_until > now:
        audit.record(db, "login_locked", user=user, address=address, detail=N_("konto spærret"))
        raise AccountLocked((user.locked_until - now).total_seconds())
    known = user is not None and user.active
    password_hash = user.password_hash if user is not None and known else passwords.dummy_hash()
    db.commit()  # no connection is held while waiting for the hash
    if passwords.verify_password(password_hash, password) and user is not None and known:
        _logged_in(db, user, password, address)
        return user
    if user is None or not known:
        audit.record(
            db,
            "login_failed",
            user=user,
            actor=email[:ACTOR_CHARS],
            address=address,
            detail=N_("ukendt e-mail") if user is None else N_("konto deaktiveret"),
        )
        return None
    failures = _count_failure(db, user, now)
    audit.record(
        db,
        "login_failed",
        user=user,
        address=address,
        detail=f"forkert adgangskode ({failures}. i træk)",
    )
    lock = lock_duration(failures)
    if lock is not None:
        audit.record(
            db,
            "login_locked",
            user=user,
            address=address,
            detail=f"spærret i {int(lock.total_seconds())} s",
        )
        raise AccountLocked(lock.total_seconds())
    return None


def _count_failure(db: DbSession, user: User, now: datetime) -> int:
    """One more consecutive failure, counted in the database (parallel attempts all count)."""
    db.execute(update(User).where(User.id == user.id).values(failed_logins=User.failed_logins + 1))
    failures = db.scalar(select(User.failed_logins).where(User.id == user.id)) or 0
    lock = lock_duration(failures)
    user.failed_logins = failures
    user.locked_until = now + lock if lock is not None else None
    db.commit()
    return failures


def _logged_in(db: DbSession, user: User, password: str, address: str) -> None:
    user.failed_logins, user.locked_until = 0, None
    if passwords.needs_rehash(user.password_hash):  # e.g. scrypt from before: see passwords.py
        user.password_hash = passwords.hash_password(password)
    audit.record(db, "login", user=user, address=address)


def user_count(db: DbSession) -> int:
    return db.scalar(select(func.count(User.id))) or 0
