"""The app's own commands and `register_cli`, which create_app calls to give the app its
commands (so `flask --app facilitator` and the `facilitator` script have the same ones).
Kept apart from the console script's group (cli/main.py), which builds the app and so
imports the package: create_app imports this module, never that one."""

from __future__ import annotations

from flask import Flask

from facilitator.cli.database import init_db, purge
from facilitator.cli.demo_command import demo
from facilitator.cli.exports import export, import_archive
from facilitator.cli.serve import serve
from facilitator.cli.users import create_user, deactivate_user, set_password

APP_COMMANDS = (
    init_db,
    create_user,
    set_password,
    deactivate_user,
    demo,
    serve,
    export,
    import_archive,
    purge,
)


def register_cli(app: Flask) -> None:
    """The app's commands (Flask's `app.cli`), from create_app."""
    for command in APP_COMMANDS:
        app.cli.add_command(command)
