"""Accounts from the command line: create-user, set-password, deactivate-user."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from facilitator.cli.common import cli_actor, fail
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db


@click.command("create-user")
@click.argument("email")
@click.option("--admin", is_flag=True, help=_("Administrator: ser alle forløb."))
@click.option("--password-stdin", is_flag=True, help=_("Læs adgangskoden fra standard input."))
@click.option("--name", default="", help=_("Visningsnavn."))
@with_appcontext
def create_user(email: str, admin: bool, password_stdin: bool, name: str) -> None:
    """Create a facilitator account."""
    from facilitator.accounts.services import create_user as create

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt(_("Adgangskode"), hide_input=True, confirmation_prompt=True)
    try:
        user = create(db.session, email, password, admin=admin, name=name)
    except DomainError as error:
        fail(error)
    click.echo(
        _("Brugeren %(email)s er oprettet (administrator).", email=user.email)
        if admin
        else _("Brugeren %(email)s er oprettet.", email=user.email)
    )


def _user_by_email(email: str):  # noqa: ANN202
    from sqlalchemy import select

    from facilitator.accounts.models import User
    from facilitator.accounts.services import normalise_email

    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        fail(DomainError(_("Der findes ingen bruger med e-mailen %(email)s.", email=email)))
    return user


@click.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help=_("Læs adgangskoden fra standard input."))
@with_appcontext
def set_password(email: str, password_stdin: bool) -> None:
    """Give a user a new password; all their sessions end."""
    from facilitator.accounts.services import set_password as change

    user = _user_by_email(email)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt(_("Ny adgangskode"), hide_input=True, confirmation_prompt=True)
    try:
        change(db.session, user, password, actor=cli_actor())
    except DomainError as error:
        fail(error)
    click.echo(_("%(email)s har fået en ny adgangskode og er logget ud overalt.", email=user.email))


@click.command("deactivate-user")
@click.argument("email")
@with_appcontext
def deactivate_user(email: str) -> None:
    """Deactivate a user: they can no longer log in, and all their sessions end."""
    from facilitator.accounts.services import set_active

    user = _user_by_email(email)
    set_active(db.session, user, False, actor=cli_actor())
    click.echo(_("%(email)s er deaktiveret og logget ud overalt.", email=user.email))
