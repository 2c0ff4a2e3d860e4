"""`facilitator purge` and the audit trail of `facilitator export`."""

from __future__ import annotations

from datetime import timedelta

from facilitator.core.db import utcnow
from facilitator.sessions.models import WorkshopSession
from tests.support.data_factory import audit_events, closed_session, row_counts

OLD = utcnow() - timedelta(days=200)


def _old_session(db, user) -> WorkshopSession:
    return closed_session(db, user, closed_at=OLD, created_at=OLD - timedelta(days=30), people=4)


def test_dry_run_tells_what_would_go_and_keeps_it(app, db, user) -> None:
    _old_session(db, user)
    before = row_counts(db)
    result = app.test_cli_runner().invoke(args=["purge", "--older-than", "180d", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "1 forløb, 1 session, 4 deltagere, 4 bidrag" in result.output
    assert "Prøvekørsel: intet er slettet." in result.output
    assert row_counts(db) == before and not audit_events(db)


def test_purge_asks_first_and_deletes_only_on_yes(app, db, user) -> None:
    _old_session(db, user)
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["purge", "--older-than", "180d"], input="n\n")
    assert refused.exit_code == 0 and "Intet er slettet." in refused.output
    assert db.query(WorkshopSession).count() == 1

    agreed = runner.invoke(args=["purge", "--older-than", "180d"], input="y\n")
    assert agreed.exit_code == 0, agreed.output
    assert "Slettet: 1 forløb, 1 session, 4 deltagere, 4 bidrag; 0 hændelser" in agreed.output
    assert db.query(WorkshopSession).count() == 0
    [event] = audit_events(db)
    assert event.event == "purge" and event.actor.startswith("kommandolinje")


def test_default_age_is_the_configured_retention(app, db, user, monkeypatch) -> None:
    _old_session(db, user)
    runner = app.test_cli_runner()
    monkeypatch.setitem(app.config, "RETENTION_DAYS", 365)
    kept = runner.invoke(args=["purge", "--yes"])
    assert kept.exit_code == 0 and "(365 dage)" in kept.output and "Intet at slette" in kept.output
    monkeypatch.setitem(app.config, "RETENTION_DAYS", 180)
    purged = runner.invoke(args=["purge", "--yes"])
    assert purged.exit_code == 0 and "Slettet: 1 forløb" in purged.output
    assert db.query(WorkshopSession).count() == 0


def test_purge_drops_audit_events_past_their_own_retention(app, db, user) -> None:
    from facilitator.audit.services import record

    old = record(db, "login", user=user)
    old.created_at = utcnow() - timedelta(days=400)
    record(db, "login", user=user)
    db.commit()
    result = app.test_cli_runner().invoke(args=["purge", "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 hændelser fra revisionsloggen" in result.output
    assert [e.event for e in audit_events(db, ("login", "purge"))] == ["login", "purge"]


def test_unreadable_age_is_a_danish_error(app, db) -> None:
    result = app.test_cli_runner().invoke(args=["purge", "--older-than", "et halvt år"])
    assert result.exit_code == 1 and "Skriv antal dage, fx 180d" in result.output


def test_cli_export_is_audited(app, db, user, tmp_path) -> None:
    session = _old_session(db, user)
    target = tmp_path / "arkiv.json"
    result = app.test_cli_runner().invoke(
        args=["export", str(session.id), "--format", "json", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.exists()
    [event] = audit_events(db)
    assert (event.event, event.detail) == ("export", f"Session {session.id} (json)")
    assert event.actor.startswith("kommandolinje") and event.user_id is None
