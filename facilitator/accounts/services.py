"""Facilitator accounts: creation and password checks."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from facilitator.accounts.models import User
from facilitator.errors import ValidationError

MIN_PASSWORD_LENGTH = 10


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(db: Session, email: str, password: str, *, admin: bool = False,
                name: str = "") -> User:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise ValidationError("Angiv en gyldig e-mailadresse.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"Adgangskoden skal være mindst {MIN_PASSWORD_LENGTH} tegn.")
    if db.scalar(select(User).where(User.email == email)):
        raise ValidationError(f"Der findes allerede en bruger med e-mailen {email}.")
    user = User(email=email, name=name.strip(), is_admin=admin,
                password_hash=generate_password_hash(password))
    db.add(user)
    db.commit()
    return user


def set_password(db: Session, user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"Adgangskoden skal være mindst {MIN_PASSWORD_LENGTH} tegn.")
    user.password_hash = generate_password_hash(password)
    db.commit()


def authenticate(db: Session, email: str, password: str) -> User | None:
    user = db.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.active or not check_password_hash(user.password_hash, password):
        return None
    return user


def user_count(db: Session) -> int:
    return db.scalar(select(func.count(User.id))) or 0
