"""`facilitator import` with a bad archive (issue 21, part 4): the Danish message naming the
field, a non-zero exit, no traceback, and nothing written."""

from __future__ import annotations

import json

import pytest

from tests.domain.test_import_archive import good
from tests.support.data_factory import row_counts


def _run(app, tmp_path, content: str):  # noqa: ANN001, ANN202
    archive = tmp_path / "arkiv.json"
    archive.write_text(content, encoding="utf-8")
    return app.test_cli_runner().invoke(args=["import", str(archive)])


def test_a_good_archive_imports_as_a_draft(app, db, user, tmp_path) -> None:
    result = _run(app, tmp_path, json.dumps(good()))
    assert result.exit_code == 0, result.output
    assert "Importerede »Visionsdag« som kladde" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            json.dumps({**good(), "session": {**good()["session"], "state": "pause"}}),
            "Arkivet kan ikke importeres: session.state skal være en af: closed, draft, live.",
        ),
        ("[" * 100_000 + "]" * 100_000, "Arkivet kunne ikke læses som JSON"),
        (
            json.dumps({**good(), "activities": [{"settings": {"sides": "a"}}]}),
            "Arkivet kan ikke importeres: activities[0].kind skal være en af",
        ),
        ("{ikke json", "Arkivet kunne ikke læses som JSON"),
        (json.dumps({"format": "andet"}), "Filen er ikke et facilitator-arkiv"),
    ],
)
def test_a_bad_archive_is_one_danish_message_and_a_failure(
    app, db, user, tmp_path, content, message
) -> None:
    before = row_counts(db)
    result = _run(app, tmp_path, content)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert row_counts(db) == before
