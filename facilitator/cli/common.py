"""What every command shares: how a refusal ends a command, and who the audit trail names."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _


def fail(error: DomainError, code: int = 1) -> NoReturn:
    click.echo(_("Fejl: %(error)s", error=error.message), err=True)
    sys.exit(code)


def cli_actor() -> str:
    """The audit trail's "who" for commands: no web login, so the operating-system user."""
    import getpass

    try:
        return _("kommandolinje (%(user)s)", user=getpass.getuser())
    except (KeyError, OSError):  # a container user without a passwd entry
        return _("kommandolinje")
