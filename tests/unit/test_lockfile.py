"""requirements.lock, which CI installs from, stays in step with pyproject.toml and portable."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+) \\$", re.MULTILINE)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_is_pinned_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {_normal(re.match(r"[A-Za-z0-9._-]+", spec).group()) for spec in wanted}
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {_normal(name) for name, _ in PIN.findall(lock)}
    assert names <= pinned, f"not in requirements.lock (run ./scripts/lock): {names - pinned}"
    blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2].strip())
    assert all("--hash=sha256:" in block for block in blocks)


def test_the_lockfile_works_on_a_machine_that_only_reaches_pypi() -> None:
    lock = (ROOT / "requirements.lock").read_text()
    assert not re.search(r"file:|/opt/|--find-links|--extra-index-url|\+cpu|\.whl", lock)
