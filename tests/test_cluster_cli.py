"""`facilitator cluster FILE`: the contract for secretariats and outside checks (no database)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.domain.test_clustering_service import STATEMENTS


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", "cluster", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "FACILITATOR_INSTANCE_PATH": "/nonexistent"},
    )


def test_json_output_covers_every_non_empty_line_once(tmp_path) -> None:
    lines = [*STATEMENTS[:6], "", "   ", *STATEMENTS[6:]]
    source = tmp_path / "bidrag.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    done = _run(str(source), "--k", "3")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"clusters"} and len(result["clusters"]) == 3
    members = sorted(m for c in result["clusters"] for m in c["members"])
    assert members == [i for i, line in enumerate(lines) if line.strip()]
    assert all(
        set(c) == {"label", "members", "alternatives", "suggestion"} and c["label"]
        for c in result["clusters"]
    )
    assert all(isinstance(c["alternatives"], list) for c in result["clusters"])


def test_text_format_and_errors(tmp_path) -> None:
    source = tmp_path / "bidrag.txt"
    source.write_text("\n".join(STATEMENTS), encoding="utf-8")
    done = _run(str(source), "--format", "text")
    assert done.returncode == 0 and STATEMENTS[0] in done.stdout
    missing = _run(str(tmp_path / "mangler.txt"))
    assert missing.returncode == 1 and "findes ikke" in missing.stderr
    empty = tmp_path / "tom.txt"
    empty.write_text("\n \n", encoding="utf-8")
    nothing = _run(str(empty))
    assert nothing.returncode == 0 and "ingen bidrag" in nothing.stderr
    assert json.loads(nothing.stdout) == {"clusters": []}


def test_windows_file_with_bom_and_crlf(tmp_path) -> None:
    source = tmp_path / "fra-notesblok.txt"
    source.write_bytes(
        "\r\n".join(["Tryghed for borgeren", "", "Tryghed i hjemmet"]).encode("utf-8-sig")
    )
    result = json.loads(_run(str(source), "--k", "2").stdout)
    assert sorted(m for c in result["clusters"] for m in c["members"]) == [0, 2]
    assert not any("\ufeff" in c["label"] for c in result["clusters"])
