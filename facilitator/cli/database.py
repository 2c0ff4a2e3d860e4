"""The database from the command line: init-db (migrations) and purge (the retention period)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from facilitator.cli.common import cli_actor, fail
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema (Alembic migrations; data is kept)."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    click.echo(
        _("Databasen er klar: %(url)s", url=db.engine.url.render_as_string(hide_password=True))
    )


@click.command("purge")
@click.option(
    "--older-than",
    "older_than",
    default=None,
    metavar="ALDER",
    help=_(
        "Slet sessioner afsluttet for mere end så mange dage siden, fx 180d "
        "(standard: FACILITATOR_RETENTION_DAYS)."
    ),
)
@click.option("--dry-run", is_flag=True, help=_("Vis kun, hvad der ville blive slettet."))
@click.option("--yes", is_flag=True, help=_("Spørg ikke om bekræftelse (til cron)."))
@with_appcontext
def purge(older_than: str | None, dry_run: bool, yes: bool) -> None:
    """Delete sessions closed longer ago than the retention period, with all participant data."""
    from datetime import timedelta

    from facilitator.audit import services as audit
    from facilitator.core.db import utcnow
    from facilitator.processes.retention import parse_age_days, purge_older_than

    try:
        days = (
            parse_age_days(older_than)
            if older_than is not None
            else int(current_app.config["RETENTION_DAYS"])
        )
    except DomainError as error:
        fail(error)
    cutoff = utcnow() - timedelta(days=days)
    audit_days = int(current_app.config["AUDIT_RETENTION_DAYS"])
    audit_cutoff = utcnow() - timedelta(days=audit_days)
    planned = purge_older_than(db.session, cutoff, dry_run=True)
    old_events = audit.purge_before(db.session, audit_cutoff, dry_run=True)
    closed_before = f"{cutoff:%d.%m.%Y}"
    click.echo(
        _(
            "Afsluttet før %(date)s (%(days)s dage): %(what)s.",
            date=closed_before,
            days=days,
            what=planned.describe(),
        )
    )
    click.echo(
        _("Revisionslog ældre end %(days)s dage: %(n)s hændelser.", days=audit_days, n=old_events)
    )
    if dry_run:
        click.echo(_("Prøvekørsel: intet er slettet."))
        return
    if planned.empty and not old_events:
        click.echo(_("Intet at slette."))
        return
    if not yes and not click.confirm(_("Slet det nu? Det kan ikke fortrydes"), default=False):
        click.echo(_("Intet er slettet."))
        return
    done = purge_older_than(db.session, cutoff, actor=cli_actor())
    removed = audit.purge_before(db.session, audit_cutoff)
    click.echo(
        _(
            "Slettet: %(what)s; %(n)s hændelser fra revisionsloggen.",
            what=done.describe(),
            n=removed,
        )
    )
