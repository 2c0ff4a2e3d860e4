"""The `facilitator` command: init-db, create-user, demo, serve (and Flask-Migrate's `db`)."""

from __future__ import annotations

import gc
import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING, NoReturn

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db

if TYPE_CHECKING:
    from facilitator.sessions.models import WorkshopSession


def _create_app() -> Flask:
    from facilitator import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False,
             load_dotenv=False, set_debug_flag=False)
def main() -> None:
    """facilitator: workshops og dialogfora med QR-deltagelse."""


def register_cli(app: Flask) -> None:
    for command in (init_db, create_user, set_password, deactivate_user, demo, serve, export,
                    import_archive, purge):
        app.cli.add_command(command)


def _fail(error: DomainError, code: int = 1) -> None:
    click.echo(_("Fejl: %(error)s", error=error.message), err=True)
    sys.exit(code)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database schema (Alembic migrations; data is kept)."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    click.echo(_("Databasen er klar: %(url)s",
                 url=db.engine.url.render_as_string(hide_password=True)))


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
        _fail(error)
    click.echo(_("Brugeren %(email)s er oprettet (administrator).", email=user.email) if admin
               else _("Brugeren %(email)s er oprettet.", email=user.email))


def _user_by_email(email: str):  # noqa: ANN202
    from sqlalchemy import select

    from facilitator.accounts.models import User
    from facilitator.accounts.services import normalise_email

    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        _fail(DomainError(_("Der findes ingen bruger med e-mailen %(email)s.", email=email)))
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
        change(db.session, user, password, actor=_cli_actor())
    except DomainError as error:
        _fail(error)
    click.echo(_("%(email)s har fået en ny adgangskode og er logget ud overalt.",
                 email=user.email))


@click.command("deactivate-user")
@click.argument("email")
@with_appcontext
def deactivate_user(email: str) -> None:
    """Deactivate a user: they can no longer log in, and all their sessions end."""
    from facilitator.accounts.services import set_active

    user = _user_by_email(email)
    set_active(db.session, user, False, actor=_cli_actor())
    click.echo(_("%(email)s er deaktiveret og logget ud overalt.", email=user.email))


@click.command("demo")
@click.option("--base-url", default=None,
              help=_("Adressen telefonerne bruger (standard: FACILITATOR_PUBLIC_URL eller "
                     "http://127.0.0.1:5000)."))
@click.option("--seed", default=2024, show_default=True, help=_("Tilfældighedsfrø."))
@click.option("--grouping", type=click.Choice(["lexical", "configured"]), default="lexical",
              show_default=True,
              help=_("Temagruppering ved indlæsning: »lexical« (hurtig) eller serverens "
                     "CLUSTER_BACKEND (semantisk: 3-4 gange langsommere)."))
@click.option("--if-empty", is_flag=True,
              help=_("Indlæs kun demoen, hvis databasen ikke har nogen brugere endnu; ellers "
                     "røres intet (bruges af ./scripts/start ved hver start)."))
@with_appcontext
def demo(base_url: str | None, seed: int, grouping: str, if_empty: bool) -> None:
    """Load the demo process "Nordjysk Socialaftale 2023-2024" and print its links."""
    from facilitator.cli.demo import DEMO_EMAIL, build_demo

    base = (base_url or current_app.config["PUBLIC_URL"] or "http://127.0.0.1:5000").rstrip("/")
    if if_empty and _has_users():
        # A restart during an event: the demo, its password and every login stay as they are.
        click.echo(_("Databasen har allerede data: intet er indlæst eller nulstillet, og alle "
                     "forbliver logget ind."))
        session = _demo_session()
        if session is not None:
            _echo_links(base, session, _("Demoen er uændret: %(title)s",
                                         title=session.process.title),
                        [(_("Facilitator-login:"), f"{base}/login"),
                         ("    " + _("e-mail:"), DEMO_EMAIL),
                         ("    " + _("adgangskode:"),
                          _("uændret (den blev vist ved første start)"))])
        return
    # Grouped as "Gruppér" would, in this process. Lexical by default: the semantic backend
    # took 31-50 s for the demo's ~200 statements on a 2-core machine, lexical 8-14 s.
    backend = current_app.config["CLUSTER_BACKEND"] if grouping == "configured" else "lexical"
    result = build_demo(db.session, seed=seed, backend=backend,
                        model_path=current_app.config["EMBEDDING_MODEL"])
    _echo_links(base, result.session,
                _("Demo indlæst: %(title)s", title=result.session.process.title),
                [(_("Facilitator-login:"), f"{base}/login"),
                 ("    " + _("e-mail:"), result.email),
                 ("    " + _("adgangskode:"), result.password)])


def _has_users() -> bool:
    from sqlalchemy import select

    from facilitator.accounts.models import User

    return db.session.scalar(select(User.id).limit(1)) is not None


def _demo_session() -> WorkshopSession | None:
    """The demo's live day, when it was loaded into this database."""
    from sqlalchemy import select

    from facilitator.accounts.models import User
    from facilitator.cli.demo import DEMO_EMAIL, DEMO_PROCESS
    from facilitator.processes.models import Process
    from facilitator.sessions.models import WorkshopSession

    return db.session.scalar(
        select(WorkshopSession).join(Process).join(User, Process.owner_id == User.id)
        .where(User.email == DEMO_EMAIL, Process.title == DEMO_PROCESS,
               WorkshopSession.kind == "visionsdag").order_by(WorkshopSession.id.desc()).limit(1))


def _echo_links(base: str, session: WorkshopSession, heading: str,
                login: list[tuple[str, str]]) -> None:
    # The CLI runs in the default language (Danish): the e2e tests read these labels.
    click.echo(heading)
    for label, value in (*login,
                         (_("Konsol:"), f"{base}/facilitate/sessions/{session.id}/console"),
                         (_("Storskærm:"), f"{base}/screen/{session.id}?t={session.screen_token}"),
                         (_("Deltag (QR-mål):"), f"{base}/j/{session.join_code}")):
        click.echo(f"  {label:<19} {value}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help=_("Antal serverprocesser, på portene PORT, PORT+1, … (flere end 1 kræver "
                     "Redis og PostgreSQL; se deploy/)."))
@with_appcontext
def serve(host: str, port: int, workers: int) -> None:
    """Run the web server with Socket.IO support."""
    from facilitator.extensions import socketio
    from facilitator.live.background import start_checkpoints

    if workers > 1:
        _supervise(host, port, workers)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # Flask refuses app.run() under its own CLI; this command is meant to serve.
    os.environ.pop("FLASK_RUN_FROM_CLI", None)
    address = f"http://{host}:{port}"
    click.echo(_("facilitator kører på %(url)s (async_mode=%(mode)s)", url=address,
                 mode=socketio.server.async_mode))
    for line in serve_hints(host, port, app.config.get("PUBLIC_URL")):
        click.echo(line, err=True)
    start_checkpoints(app)
    tune_garbage_collector()
    options = {}
    if socketio.server.async_mode == "gevent":  # slow and idle connections are closed
        from facilitator.web.server import timed_handler

        options["handler_class"] = timed_handler(app.config["REQUEST_TIMEOUT"],
                                                 app.config["SOCKET_TIMEOUT"])
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, use_reloader=False,
                 log_output=False, **options)


def _supervise(host: str, port: int, workers: int) -> NoReturn:
    """Run `workers` single-worker servers on PORT.. under facilitator/cli/supervisor.py; the
    configuration is checked before any of them starts."""
    from facilitator.cli.supervisor import Supervisor, scale_out_problems

    problems = scale_out_problems(workers, current_app.config["MESSAGE_QUEUE"],
                                  current_app.config["SQLALCHEMY_DATABASE_URI"])
    if problems:
        _fail(DomainError(" ".join(problems)), code=2)  # 2: the command was set up wrongly
    sys.exit(Supervisor(host, port, workers, echo=click.echo).run())


def serve_hints(host: str, port: int, public_url: str | None) -> list[str]:
    """Warnings for the terminal when the QR code would point where no phone reaches: the
    server listens on loopback only, or the public URL is a loopback address."""
    from facilitator.web.loopback import is_loopback_host, is_loopback_url, loopback_hint

    target = public_url or f"http://{host}:{port}"
    if not (is_loopback_host(host) or is_loopback_url(target)):
        return []
    return [_("Bemærk: QR-koden peger på %(url)s.", url=target), loopback_hint()]


def tune_garbage_collector() -> None:
    """Keep full garbage collections, which stop the event loop, short and rare.

    Everything imported so far (numpy, scikit-learn, matplotlib, ...) lives as long as the
    process; frozen, it is no longer rescanned. A full collection is then considered after
    1,000 rather than 10 middle-generation ones (still only when the old generation grew by
    a quarter, so cyclic garbage is collected, later). With 2,000 phones at 200 submissions/s
    (benchmarks/live_load.py) this took submit->projector p99 from 330-410 ms to 36-115 ms.
    """
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1000)


def _cli_actor() -> str:
    """The audit trail's "who" for commands: no web login, so the operating-system user."""
    import getpass

    try:
        return _("kommandolinje (%(user)s)", user=getpass.getuser())
    except (KeyError, OSError):  # a container user without a passwd entry
        return _("kommandolinje")


@click.command("purge")
@click.option("--older-than", "older_than", default=None, metavar="ALDER",
              help=_("Slet sessioner afsluttet for mere end så mange dage siden, fx 180d "
                     "(standard: FACILITATOR_RETENTION_DAYS)."))
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
        days = (parse_age_days(older_than) if older_than is not None
                else int(current_app.config["RETENTION_DAYS"]))
    except DomainError as error:
        _fail(error)
    cutoff = utcnow() - timedelta(days=days)
    audit_days = int(current_app.config["AUDIT_RETENTION_DAYS"])
    audit_cutoff = utcnow() - timedelta(days=audit_days)
    planned = purge_older_than(db.session, cutoff, dry_run=True)
    old_events = audit.purge_before(db.session, audit_cutoff, dry_run=True)
    closed_before = f"{cutoff:%d.%m.%Y}"
    click.echo(_("Afsluttet før %(date)s (%(days)s dage): %(what)s.", date=closed_before,
                 days=days, what=planned.describe()))
    click.echo(_("Revisionslog ældre end %(days)s dage: %(n)s hændelser.", days=audit_days,
                 n=old_events))
    if dry_run:
        click.echo(_("Prøvekørsel: intet er slettet."))
        return
    if planned.empty and not old_events:
        click.echo(_("Intet at slette."))
        return
    if not yes and not click.confirm(_("Slet det nu? Det kan ikke fortrydes"), default=False):
        click.echo(_("Intet er slettet."))
        return
    done = purge_older_than(db.session, cutoff, actor=_cli_actor())
    removed = audit.purge_before(db.session, audit_cutoff)
    click.echo(_("Slettet: %(what)s; %(n)s hændelser fra revisionsloggen.",
                 what=done.describe(), n=removed))


@click.command("export")
@click.argument("session_id", type=int, required=False)
@click.option("--process", "process_id", type=int, help=_("Eksportér et helt forløb."))
@click.option("--format", "fmt", default="docx", show_default=True,
              type=click.Choice(["docx", "xlsx", "md", "json"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help=_("Filen der skrives (standard: dokumentets eget navn, i denne mappe)."))
@click.option("--anonymous", is_flag=True,
              help=_("JSON uden navne og små grupper, til deling (kan ikke importeres igen)."))
@click.option("--toc/--no-toc", default=None,
              help=_("Word med indholdsfortegnelse (standard: DOCX_TOC)."))
@click.option("--language", type=click.Choice(["da", "en"]), default=None,
              help=_("Dokumentets sprog (standard: DEFAULT_LANGUAGE, dansk)."))
@click.option("--status", is_flag=True,
              help=_("Statusoversigten over forløbets initiativer (docx eller xlsx)."))
@click.option("--meeting-date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help=_("Med --status: mødet oversigten er til (ÅÅÅÅ-MM-DD)."))
@with_appcontext
def export(session_id: int | None, process_id: int | None, fmt: str, output: str | None,
           anonymous: bool, toc: bool | None, language: str | None, status: bool,
           meeting_date: datetime | None) -> None:
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
                    db.session, process, fmt, actor=_cli_actor(), docx=docx, language=language,
                    meeting_on=meeting_date.date() if meeting_date else None)
            else:
                result = export_process_file(db.session, process, fmt, actor=_cli_actor(),
                                             docx=docx, language=language)
        else:
            session = db.session.get(WorkshopSession, session_id)
            if session is None:
                raise NotFound(_("Session %(id)s findes ikke.", id=session_id))
            result = export_session_file(db.session, session, fmt, actor=_cli_actor(),
                                         docx=docx, anonymous=anonymous, language=language)
    except DomainError as error:
        _fail(error)
    output = output or result.filename
    Path(output).write_bytes(result.content)
    click.echo(_("Skrev %(file)s (%(kb)s kB).", file=output, kb=len(result.content) // 1024))


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--owner", help=_("E-mail på den facilitator, der skal eje sessionen "
                                "(standard: den første administrator)."))
@with_appcontext
def import_archive(file: str, owner: str | None) -> None:
    """Restore a session from a JSON archive made by `facilitator export --format json`."""
    import json
    from pathlib import Path

    from sqlalchemy import select

    from facilitator.accounts.models import User
    from facilitator.export.archive import import_session

    query = (select(User).where(User.email == owner.strip().lower()) if owner
             else select(User).order_by(User.is_admin.desc(), User.id))
    user = db.session.scalars(query).first()
    if user is None:
        _fail(DomainError(_("Ingen facilitator at give sessionen til. Opret en med "
                            "`facilitator create-user` eller angiv --owner.")))
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:  # not JSON, not UTF-8, too deep
        _fail(DomainError(_("Arkivet kunne ikke læses som JSON: %(error)s",
                            error=" ".join(str(error).split())[:200]
                            or _("indlejret for dybt"))))
    try:
        session = import_session(db.session, user, data)  # checks everything, then writes
    except DomainError as error:
        _fail(error)
    click.echo(_("Importerede »%(title)s« som kladde: session %(id)s (forløb %(process)s, "
                 "ejer %(owner)s). Den går i gang, når I starter den.", title=session.title,
                 id=session.id, process=session.process_id, owner=user.email))


@main.command("cluster")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--k", "k", type=click.IntRange(2, 50), default=None,
              help=_("Antal temaer (standard: vælges automatisk)."))
@click.option("--themes", "themes_file", type=click.Path(dir_okay=False), default=None,
              help=_("Fil med jeres egne overskrifter, én pr. linje: bidragene sorteres ind "
                     "under dem; det, der ikke passer, får nye temaer."))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json",
              show_default=True)
@click.option("--backend", type=click.Choice(["semantic", "lexical", "local-model"]),
              default="semantic", show_default=True)
def cluster(file: str, k: int | None, themes_file: str | None, fmt: str, backend: str) -> None:
    """Group the lines of FILE (one contribution per line, UTF-8) into themes. No database."""
    import json

    from facilitator.clustering import (
        SemanticModelMissing,
        cluster_lines_json,
        format_clusters_text,
    )
    from facilitator.clustering.backends import get_backend

    lines = _read_lines(file)
    headings = [h.strip() for h in _read_lines(themes_file) if h.strip()] if themes_file else []
    if not any(line.strip() for line in lines):
        # Still a valid answer for scripts (no lines, no themes); the person is told why.
        click.echo(_("Bemærk: Filen %(file)s indeholder ingen bidrag.", file=file), err=True)
        if fmt == "json":
            click.echo(json.dumps({"clusters": []}))
        return
    try:
        get_backend(backend)  # asked for by name: a missing model is an error, not a fallback
        result = cluster_lines_json(lines, k, backend=backend, headings=headings)
    except SemanticModelMissing as error:
        _fail(DomainError(str(error)))
    if fmt == "json":
        result = {"clusters": [{"label": c["label"], "members": c["members"]}
                               for c in result["clusters"]]}
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_clusters_text(lines, result))


def _read_lines(file: str) -> list[str]:
    from pathlib import Path

    try:
        return Path(file).read_text(encoding="utf-8-sig").splitlines()  # Notepad writes a BOM
    except FileNotFoundError:
        _fail(DomainError(_("Filen %(file)s findes ikke.", file=file)))
    except UnicodeDecodeError:
        _fail(DomainError(_("Filen %(file)s er ikke UTF-8. Gem den som UTF-8 og prøv igen.",
                            file=file)))
    return []
