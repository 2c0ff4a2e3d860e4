"""Documents and archives from the command line: export (a session's or process's document,
a status table, a JSON archive) and import (a session back from its archive)."""

from __future__ import annotations

from datetime import datetime

import click
from flask.cli import with_appcontext

from facilitator.cli.common import cli_actor, fail
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db


@click.command("export")
@click.argument("session_id", type=int, required=False)
@click.option("--process", "process_id", type=int, help=_("Eksportér et helt forløb."))
@click.option(
    "--format",
    "fmt",
    default="docx",
    show_default=True,
    type=click.Choice(["docx", "xlsx", "md", "json"]),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help=_("Filen der skrives (standard: dokumentets eget navn, i denne mappe)."),
)
@click.option(
    "--anonymous",
    is_flag=True,
    help=_("JSON uden navne og små grupper, til deling (kan ikke importeres igen)."),
)
@click.option(
    "--toc/--no-toc", default=None, help=_("Word med indholdsfortegnelse (standard: DOCX_TOC).")
)
@click.option(
    "--language",
    type=click.Choice(["da", "en"]),
    default=None,
    help=_("Dokumentets sprog (standard: DEFAULT_LANGUAGE, dansk)."),
)
@click.option(
    "--annex/--no-annex",
    default=True,
    show_default=True,
    help=_(
        "Med bilag over alle bidrag og deltagere (arkivudgaven); --no-annex giver udvalgets "
        "udgave uden bilag (docx og md for en session)."
    ),
)
@click.option(
    "--status",
    is_flag=True,
    help=_("Statusoversigten over forløbets initiativer (docx eller xlsx)."),
)
@click.option(
    "--meeting-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=_("Med --status: mødet oversigten er til (ÅÅÅÅ-MM-DD)."),
)
@with_appcontext
def export(
    session_id: int | None,
    process_id: int | None,
    fmt: str,
    output: str | None,
    anonymous: bool,
    toc: bool | None,
    language: str | None,
    annex: bool,
    status: bool,
    meeting_date: datetime | None,
) -> None:
    """Write a session's (or a process's) output document, or a process's status table."""
    from dataclasses import replace
    from pathlib import Path

    from flask import current_app

    from facilitator.core.errors import NotFound
    from facilitator.export.docx_writer import DocxOptions
    from facilitator.export.services import (
        export_process_file,
        export_session_file,
        export_status_file,
    )
    from facilitator.processes.models import Process
    from facilitator.sessions.models import WorkshopSession

    try:
        if status and process_id is None:
            raise DomainError(_("--status kræver --process PROCESS_ID."))
        if meeting_date is not None and not status:
            raise DomainError(_("--meeting-date gælder kun sammen med --status."))
        if (session_id is None) == (process_id is None):
            raise DomainError(_("Angiv enten SESSION_ID eller --process PROCESS_ID."))
        docx = DocxOptions.from_config(current_app.config, current_app.instance_path)
        if toc is not None:
            docx = replace(docx, toc=toc)
        language = language or current_app.config["DEFAULT_LANGUAGE"]
        if process_id is not None:
            if anonymous:
                raise DomainError(_("--anonymous gælder en sessions JSON, ikke et forløb."))
            process = db.session.get(Process, process_id)
            if process is None:
                raise NotFound(_("Forløb %(id)s findes ikke.", id=process_id))
            if status:
                result = export_status_file(
                    db.session,
                    process,
                    fmt,
                    actor=cli_actor(),
                    docx=docx,
                    language=language,
                    meeting_on=meeting_date.date() if meeting_date else None,
                )
            else:
                result = export_process_file(
                    db.session, process, fmt, actor=cli_actor(), docx=docx, language=language
                )
        else:
            session = db.session.get(WorkshopSession, session_id)
            if session is None:
                raise NotFound(_("Session %(id)s findes ikke.", id=session_id))
            result = export_session_file(
                db.session,
                session,
                fmt,
                actor=cli_actor(),
                docx=docx,
                anonymous=anonymous,
                language=language,
                annex=annex,
            )
    except DomainError as error:
        fail(error)
    output = output or result.filename
    Path(output).write_bytes(result.content)
    click.echo(_("Skrev %(file)s (%(kb)s kB).", file=output, kb=len(result.content) // 1024))


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--owner",
    help=_(
        "E-mail på den facilitator, der skal eje sessionen (standard: den første administrator)."
    ),
)
@with_appcontext
def import_archive(file: str, owner: str | None) -> None:
    """Restore a session from a JSON archive made by `facilitator export --format json`."""
    import json
    from pathlib import Path

    from sqlalchemy import select

    from facilitator.accounts.models import User
    from facilitator.export.archive import import_session

    query = (
        select(User).where(User.email == owner.strip().lower())
        if owner
        else select(User).order_by(User.is_admin.desc(), User.id)
    )
    user = db.session.scalars(query).first()
    if user is None:
        fail(
            DomainError(
                _(
                    "Ingen facilitator at give sessionen til. Opret en med "
                    "`facilitator create-user` eller angiv --owner."
                )
            )
        )
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:  # not JSON, not UTF-8, too deep
        fail(
            DomainError(
                _(
                    "Arkivet kunne ikke læses som JSON: %(error)s",
                    error=" ".join(str(error).split())[:200] or _("indlejret for dybt"),
                )
            )
        )
    try:
        session = import_session(db.session, user, data)  # checks everything, then writes
    except DomainError as error:
        fail(error)
    click.echo(
        _(
            "Importerede »%(title)s« som kladde: session %(id)s (forløb %(process)s, "
            "ejer %(owner)s). Den går i gang, når I starter den.",
            title=session.title,
            id=session.id,
            process=session.process_id,
            owner=user.email,
        )
    )
