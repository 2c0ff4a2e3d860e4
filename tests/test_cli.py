"""The `facilitator` command as other issues and checks use it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from facilitator.accounts.models import User
from facilitator.core.db import Base
from facilitator.extensions import db as flask_db
from facilitator.sessions.models import WorkshopSession


def test_migrations_match_the_models(app) -> None:
    with flask_db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []


def test_init_db_is_repeatable_and_create_user_reads_stdin(app, db) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(
        args=["create-user", "Sekretariat@Aalborg.dk", "--admin", "--password-stdin"],
        input="en-god-lang-kode\n",
    )
    assert result.exit_code == 0, result.output
    user = db.query(User).one()
    assert user.email == "sekretariat@aalborg.dk" and user.is_admin
    again = runner.invoke(
        args=["create-user", "sekretariat@aalborg.dk", "--password-stdin"],
        input="en-god-lang-kode\n",
    )
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
        texts = db.query(Contribution).filter(
            Contribution.activity_id == activity.id,
            Contribution.text != "",
            Contribution.hidden.is_(False),
        )
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
    body, annex = render_session_markdown(build_session_report(db, session)).split("\n## Bilag\n")
    assert "Vi skal have mere mod til at turde fejle." in body  # highlighted
    assert "Frivillige og foreningslivet" not in body  # not highlighted: annex only
    assert "Frivillige og foreningslivet" in annex
    assert "## Næste skridt" in body and "kl. 9.00-12.00" in body


ROOT = Path(__file__).resolve().parents[1]


def _checkout_for_start(tmp_path: Path) -> Path:
    """scripts/start in a copy of the checkout whose .venv is this interpreter, and whose pip
    only records that it was asked (the install itself is not what is tested here)."""
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "start", root / "scripts" / "start")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    for name, body in (
        ("facilitator", f'exec "{sys.executable}" -m facilitator "$@"'),
        ("pip", f'echo "$*" >> "{tmp_path}/pip-calls"'),
    ):
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    return root


def _instance_state(instance: Path) -> tuple[object, ...]:
    connection = sqlite3.connect(instance / "facilitator.sqlite3")
    try:
        users = connection.execute(
            "SELECT email, password_hash, session_version FROM users ORDER BY id"
        ).fetchall()
        rows = connection.execute(
            "SELECT id, text, cluster_id, created_at FROM contributions ORDER BY id"
        ).fetchall()
        sessions = connection.execute(
            "SELECT id, join_code, screen_token, state, kind FROM workshop_sessions ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    return users, rows, sessions, (instance / "secret_key").read_text()


def test_start_loads_the_demo_once_and_a_restart_keeps_everything(tmp_path: Path) -> None:
    """The README's first command, minus the server, then a restart during the event: the
    second start installs nothing, loads nothing and resets nothing (password, data, secret
    key: every console stays logged in)."""
    root, instance = _checkout_for_start(tmp_path), tmp_path / "instance"
    env = {
        **os.environ,
        "FACILITATOR_INSTANCE_PATH": str(instance),
        "FACILITATOR_PUBLIC_URL": "http://10.0.0.5:5000",
    }
    env.pop("FACILITATOR_DATABASE_URL", None)

    def start() -> str:
        done = subprocess.run(
            [str(root / "scripts" / "start"), "--prepare-only"],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = start()
    assert "Demo indlæst" in first and "http://10.0.0.5:5000/j/" in first
    password = first.split("adgangskode:")[1].split()[0]
    assert (tmp_path / "pip-calls").read_text().count("\n") == 1
    mode = sqlite3.connect(instance / "facilitator.sqlite3").execute("PRAGMA journal_mode")
    assert mode.fetchone()[0] == "wal"
    before = _instance_state(instance)
    assert before[0] and before[1] and before[2]

    second = start()
    assert "Databasen har allerede data" in second and "Demo indlæst" not in second
    assert password not in second and "uændret" in second
    day = next(row for row in before[2] if row[4] == "visionsdag")
    join_link = f"http://10.0.0.5:5000/j/{day[1]}"
    assert join_link in first and join_link in second  # the same links to find the room again
    assert _instance_state(instance) == before
    assert (tmp_path / "pip-calls").read_text().count("\n") == 1  # up to date: no install

    with (root / "requirements.lock").open("a") as lock:
        lock.write("# a changed lock\n")
    start()
    assert (tmp_path / "pip-calls").read_text().count("\n") == 2  # a new lock installs again
    assert _instance_state(instance) == before


def test_serve_freezes_startup_objects_and_spaces_out_full_collections() -> None:
    import gc

    from facilitator.cli.serve import tune_garbage_collector

    before = gc.get_threshold()
    try:
        tune_garbage_collector()
        assert gc.get_freeze_count() > 0 and gc.get_threshold()[2] == 1000
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
