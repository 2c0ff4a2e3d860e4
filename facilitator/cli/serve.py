"""`facilitator serve`: the web server with Socket.IO, one process or several (supervisor.py),
its terminal hints and its garbage-collector tuning."""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

import click
from flask import current_app
from flask.cli import with_appcontext

from facilitator.cli.common import fail
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help=_(
        "Antal serverprocesser, på portene PORT, PORT+1, … (flere end 1 kræver "
        "Redis og PostgreSQL; se deploy/)."
    ),
)
@with_appcontext
def serve(host: str, port: int, workers: int) -> None:
    """Run the web server with Socket.IO support."""
    from facilitator.extensions import socketio
    from facilitator.live.background import start_checkpoints, theme_jobs_for
    from facilitator.live.timers import start_timer_checks
    from facilitator.wordcloud.words import warm_up as warm_words

    if workers > 1:
        _supervise(host, port, workers)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # Flask refuses app.run() under its own CLI; this command is meant to serve.
    os.environ.pop("FLASK_RUN_FROM_CLI", None)
    address = f"http://{host}:{port}"
    click.echo(
        _(
            "facilitator kører på %(url)s (async_mode=%(mode)s)",
            url=address,
            mode=socketio.server.async_mode,
        )
    )
    for line in serve_hints(host, port, app.config.get("PUBLIC_URL")):
        click.echo(line, err=True)
    start_checkpoints(app)
    start_timer_checks(app)  # countdowns that closed their activity while the server was down
    theme_jobs_for(app).warm_up()  # the model loads while the first pages are served
    socketio.start_background_task(warm_words)  # a check-in's first count never waits for it
    tune_garbage_collector()
    options = {}
    if socketio.server.async_mode == "gevent":  # slow and idle connections are closed
        from facilitator.web.server import timed_handler

        options["handler_class"] = timed_handler(
            app.config["REQUEST_TIMEOUT"], app.config["SOCKET_TIMEOUT"]
        )
    socketio.run(
        app,
        host=host,
        port=port,
        allow_unsafe_werkzeug=True,
        use_reloader=False,
        log_output=False,
        **options,
    )


def _supervise(host: str, port: int, workers: int) -> NoReturn:
    """Run `workers` single-worker servers on PORT.. under facilitator/cli/supervisor.py; the
    configuration is checked before any of them starts."""
    from facilitator.cli.supervisor import Supervisor, scale_out_problems

    problems = scale_out_problems(
        workers, current_app.config["MESSAGE_QUEUE"], current_app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if problems:
        fail(DomainError(" ".join(problems)), code=2)  # 2: the command was set up wrongly
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
