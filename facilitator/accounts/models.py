from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.db import Base, utcnow


class User(Base):
    """A facilitator or secretariat member who logs in. Participants never have accounts."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped by logout, deactivation and a password change: every cookie and socket that was
    # issued under an older version stops working (server-side revocation).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Consecutive wrong passwords and the lockout they caused (back-off grows with the count).
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    # The language the facilitator reads the app in ("da" or "en", facilitator/core/i18n.py).
    language: Mapped[str] = mapped_column(String(5), default="da", server_default="da")

    # The four attributes Flask-Login reads, without importing Flask into the domain.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """Flask-Login's "alternative token": the session version is part of the id, so a
        bumped version makes every session and remember cookie that carries the old one fail."""
        return f"{self.id}:{self.session_version or 0}"
