"""facilitator: live workshops and dialogue forums for public-sector collaboration."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator import config as config_module

if TYPE_CHECKING:  # Flask is imported lazily so `facilitator serve` can patch for gevent first
    from flask import Flask

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
# A wheel carries templates/ and static/ inside the package (setup.py copies them in at build
# time); a checkout serves the repository's top-level folders.
ASSETS_DIR = PACKAGE_DIR if (PACKAGE_DIR / "templates").is_dir() else PROJECT_ROOT


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults < instance/config.py < FACILITATOR_* env < test_config."""
    from flask import Flask

    instance_path = (
        (test_config or {}).get("INSTANCE_PATH")
        or os.environ.get("FACILITATOR_INSTANCE_PATH")
        or str(PROJECT_ROOT / "instance")
    )
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(ASSETS_DIR / "templates"),
        static_folder=str(ASSETS_DIR / "static"),
    )
    config_module.make_private_dir(Path(app.instance_path))

    app.config.from_mapping(config_module.DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_mapping(config_module.from_environment(os.environ))
    else:
        app.config.from_mapping(test_config)
    _finish_config(app)

    from facilitator.cli.app_commands import register_cli
    from facilitator.web import init_web

    init_web(app)
    register_cli(app)  # `flask --app facilitator` and the `facilitator` script: the same commands
    return app


def _finish_config(app: Flask) -> None:
    instance = Path(app.instance_path)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = config_module.load_or_create_secret_key(instance)
    url = app.config["DATABASE_URL"] or config_module.sqlite_url(instance)
    app.config["SQLALCHEMY_DATABASE_URI"] = config_module.normalise_database_url(url)
    config_module.protect_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_SECURE"] = app.config["SECURE_COOKIES"]
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SECURE_COOKIES"]
    # The remember cookie lasts as long as an idle session may and is renewed while the user is
    # active (web/auth/); the absolute limit is checked on the server from the login time in
    # its token.
    app.config["REMEMBER_COOKIE_DURATION"] = timedelta(
        minutes=min(app.config["SESSION_IDLE_MINUTES"], app.config["SESSION_MAX_HOURS"] * 60)
    )
    app.config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    app.config["WTF_CSRF_TIME_LIMIT"] = None  # a workshop day outlasts the default hour
    app.config.setdefault(
        "RATELIMIT_STORAGE_URI",
        app.config["RATELIMIT_URL"] or app.config["MESSAGE_QUEUE"] or "memory://",
    )
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
