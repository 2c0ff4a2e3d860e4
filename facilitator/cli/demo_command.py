"""`facilitator demo`: load the demo process (content in cli/demo/) and print its links."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import with_appcontext

from facilitator.core.i18n import gettext as _
from facilitator.extensions import db

if TYPE_CHECKING:
    from facilitator.sessions.models import WorkshopSession


@click.command("demo")
@click.option(
    "--base-url",
    default=None,
    help=_(
        "Adressen telefonerne bruger (standard: FACILITATOR_PUBLIC_URL eller "
        "http://127.0.0.1:5000)."
    ),
)
@click.option("--seed", default=2024, show_default=True, help=_("Tilfældighedsfrø."))
@click.option(
    "--grouping",
    type=click.Choice(["lexical", "configured"]),
    default="lexical",
    show_default=True,
    help=_(
        "Temagruppering ved indlæsning: »lexical« (hurtig) eller serverens "
        "CLUSTER_BACKEND (semantisk: 3-4 gange langsommere)."
    ),
)
@click.option(
    "--if-empty",
    is_flag=True,
    help=_(
        "Indlæs kun demoen, hvis databasen ikke har nogen brugere endnu; ellers "
        "røres intet (bruges af ./scripts/start ved hver start)."
    ),
)
@with_appcontext
def demo(base_url: str | None, seed: int, grouping: str, if_empty: bool) -> None:
    """Load the demo process "Nordjysk Socialaftale 2023-2024" and print its links."""
    from facilitator.cli.demo import DEMO_EMAIL, build_demo

    base = (base_url or current_app.config["PUBLIC_URL"] or "http://127.0.0.1:5000").rstrip("/")
    if if_empty and _has_users():
        # A restart during an event: the demo, its password and every login stay as they are.
        click.echo(
            _(
                "Databasen har allerede data: intet er indlæst eller nulstillet, og alle "
                "forbliver logget ind."
            )
        )
        session = _demo_session()
        if session is not None:
            _echo_links(
                base,
                session,
                _("Demoen er uændret: %(title)s", title=session.process.title),
                [
                    (_("Facilitator-login:"), f"{base}/login"),
                    ("    " + _("e-mail:"), DEMO_EMAIL),
                    ("    " + _("adgangskode:"), _("uændret (den blev vist ved første start)")),
                ],
            )
        return
    # Grouped as "Gruppér" would, in this process. Lexical by default: the semantic backend
    # took 31-50 s for the demo's ~200 statements on a 2-core machine, lexical 8-14 s.
    backend = current_app.config["CLUSTER_BACKEND"] if grouping == "configured" else "lexical"
    result = build_demo(
        db.session, seed=seed, backend=backend, model_path=current_app.config["EMBEDDING_MODEL"]
    )
    _echo_links(
        base,
        result.session,
        _("Demo indlæst: %(title)s", title=result.session.process.title),
        [
            (_("Facilitator-login:"), f"{base}/login"),
            ("    " + _("e-mail:"), result.email),
            ("    " + _("adgangskode:"), result.password),
        ],
    )


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
        select(WorkshopSession)
        .join(Process)
        .join(User, Process.owner_id == User.id)
        .where(
            User.email == DEMO_EMAIL,
            Process.title == DEMO_PROCESS,
            WorkshopSession.kind == "visionsdag",
        )
        .order_by(WorkshopSession.id.desc())
        .limit(1)
    )


def _echo_links(
    base: str, session: WorkshopSession, heading: str, login: list[tuple[str, str]]
) -> None:
    # The CLI runs in the default language (Danish): the e2e tests read these labels.
    click.echo(heading)
    for label, value in (
        *login,
        (_("Konsol:"), f"{base}/facilitate/sessions/{session.id}/console"),
        (_("Storskærm:"), f"{base}/screen/{session.id}?t={session.screen_token}"),
        (_("Deltag (QR-mål):"), f"{base}/j/{session.join_code}"),
    ):
        click.echo(f"  {label:<19} {value}")
