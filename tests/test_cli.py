"""The `facilitator` command as other issues and checks use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from facilitator.accounts.models import User
from facilitator.db import Base
from facilitator.extensions import db as flask_db
from facilitator.sessions.models import WorkshopSession


def test_migrations_match_the_models(app) -> None:
    with flask_db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []


def test_init_db_is_repeatable_and_create_user_reads_stdin(app, db) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(args=["create-user", "Sekretariat@Aalborg.dk", "--admin",
                                 "--password-stdin"], input="en-god-lang-kode\n")
    assert result.exit_code == 0, result.output
    user = db.query(User).one()
    assert user.email == "sekretariat@aalborg.dk" and user.is_admin
    again = runner.invoke(args=["create-user", "sekretariat@aalborg.dk", "--password-stdin"],
                          input="en-god-lang-kode\n")
    assert again.exit_code == 1 and "findes allerede" in again.output


def test_demo_prints_working_links(app, db) -> None:
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    session = db.query(WorkshopSession).filter_by(kind="visionsdag").one()
    assert session.state == "live" and session.open_activity.kind == "retningspil"
    assert f"https://deltag.example.dk/j/{session.join_code}" in result.output
    assert f"/screen/{session.id}?t={session.screen_token}" in result.output
    password = result.output.split("adgangskode:")[1].split()[0]
    client = app.test_client()
    assert client.get(f"/j/{session.join_code}").status_code == 200
    from tests.conftest import Browser

    visitor = Browser(client)
    assert visitor.login("demo@facilitator.local", password).status_code == 302
    console = visitor.get(f"/facilitate/sessions/{session.id}/console").get_data(as_text=True)
    assert "Hvornår er der frokost?" in console  # the moderated example, under "skjulte"


def test_demo_has_enough_varied_material(app, db) -> None:
    from facilitator.contributions.models import Contribution, Participant

    app.test_cli_runner().invoke(args=["demo"])
    day = db.query(WorkshopSession).filter_by(kind="visionsdag").one()
    room = db.query(Participant).filter_by(session_id=day.id)  # not the consultation's bodies
    assert 35 <= room.count() <= 45
    groups = {p.group for p in room}
    assert {"politiker", "embedsperson", "brugerorganisation"} <= groups
    texts = {c.text for c in db.query(Contribution) if c.text}
    assert len(texts) >= 80


def test_demo_loads_grouped_with_the_secretariats_voice(app, db) -> None:
    """The first export of the demo already has seed 004's shape: themes, notes, a summary per
    focus area, a curated list of highlighted contributions, next steps and the day's hours."""
    from datetime import time

    from facilitator.clustering.models import Cluster
    from facilitator.contributions.models import Contribution
    from facilitator.export.builder import build_session_report
    from facilitator.export.markdown_writer import render_session_markdown

    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    session = db.query(WorkshopSession).filter_by(kind="visionsdag").one()
    assert (session.starts_at, session.ends_at) == (time(9), time(12))
    assert session.next_steps.startswith("Sekretariatet samler")
    for activity in session.activities:
        texts = db.query(Contribution).filter(Contribution.activity_id == activity.id,
                                              Contribution.text != "",
                                              Contribution.hidden.is_(False))
        if activity.kind == "retningspil":  # open for the room: a flat, curated list
            assert activity.state == "open" and not any(row.cluster_id for row in texts)
            assert any(row.highlighted for row in texts)
        elif activity.kind in ("open_question", "initiative", "dilemma"):
            assert texts.count() and all(row.cluster_id for row in texts), activity.title
        if activity.kind == "initiative":
            assert activity.summary, activity.title
    assert db.query(Cluster).filter(Cluster.note != "").count() >= 2
    highlighted = db.query(Contribution).filter(Contribution.highlighted.is_(True)).count()
    assert 10 <= highlighted < db.query(Contribution).filter(Contribution.text != "").count() / 3
    body = render_session_markdown(build_session_report(db, session))
    assert "Vi skal have mere mod til at turde fejle." in body  # highlighted
    assert "Frivillige og foreningslivet" not in body  # not highlighted: annex only
    assert "## Næste skridt" in body and "kl. 9.00-12.00" in body


def test_console_script_on_a_fresh_instance(tmp_path: Path) -> None:
    """The README's first command, minus the server: a new instance folder, SQLite in WAL."""
    env = {**os.environ, "FACILITATOR_INSTANCE_PATH": str(tmp_path)}
    env.pop("FACILITATOR_DATABASE_URL", None)
    script = [sys.executable, "-m", "facilitator"]
    for args in (["init-db"], ["demo", "--base-url", "http://10.0.0.5:5000"]):
        done = subprocess.run(script + args, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert "http://10.0.0.5:5000/j/" in done.stdout
    assert (tmp_path / "facilitator.sqlite3").exists() and (tmp_path / "secret_key").exists()
    import sqlite3

    mode = sqlite3.connect(tmp_path / "facilitator.sqlite3").execute("PRAGMA journal_mode")
    assert mode.fetchone()[0] == "wal"


def test_serve_freezes_startup_objects_and_spaces_out_full_collections() -> None:
    import gc

    from facilitator.cli import tune_garbage_collector

    before = gc.get_threshold()
    try:
        tune_garbage_collector()
        assert gc.get_freeze_count() > 0 and gc.get_threshold()[2] == 1000
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
