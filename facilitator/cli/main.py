"""The `facilitator` console script's group, and `register_cli`, which create_app calls to give
the app its commands (so `flask --app facilitator` has them too)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup

from facilitator.cli.cluster import cluster
from facilitator.cli.database import init_db, purge
from facilitator.cli.demo_command import demo
from facilitator.cli.exports import export, import_archive
from facilitator.cli.serve import serve
from facilitator.cli.users import create_user, deactivate_user, set_password

APP_COMMANDS = (init_db, create_user, set_password, deactivate_user, demo, serve, export,
                import_archive, purge)


def _create_app() -> Flask:
    from facilitator import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False,
             load_dotenv=False, set_debug_flag=False)
def main() -> None:
    """facilitator: workshops og dialogfora med QR-deltagelse."""


# Needs no app: on the console script only.
main.add_command(cluster)


def register_cli(app: Flask) -> None:
    """The app's commands (Flask's `app.cli`), from create_app."""
    for command in APP_COMMANDS:
        app.cli.add_command(command)
