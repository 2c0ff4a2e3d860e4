"""The `facilitator` console script's group: Flask's group over the app that create_app builds
(with the commands of cli/app_commands.py), plus the commands that need no app."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup

from facilitator import create_app
from facilitator.cli.cluster import cluster


def _create_app() -> Flask:
    return create_app()


@click.group(
    cls=FlaskGroup,
    create_app=_create_app,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
)
def main() -> None:
    """facilitator: workshops og dialogfora med QR-deltagelse."""


# Needs no app: on the console script only.
main.add_command(cluster)
