"""`pip wheel .` builds a package that serves on its own: installed into a fresh venv and run
from outside the repository, it shows the login page and a phone page with their CSS and JS.

The fresh venv takes its dependencies from the test run's own environment (a .pth line; no
download), the app itself only from the wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.support.server import free_port, start_server

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
# What a build reads; the copy keeps the checkout free of build/ and egg-info leftovers.
SOURCES = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "babel.cfg",
    "facilitator",
    "templates",
    "static",
)
ASSET_URL = re.compile(r'(?:href|src)="(/static/[^"?#]+)')
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    home: Path  # a directory outside the repository: the installed app's working directory


def _run(command: list[str], **kwargs) -> str:  # noqa: ANN003
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "-q",
            "-w",
            str(work / "dist"),
        ]
    )
    wheel = next((work / "dist").glob("facilitator-*.whl"))

    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ]
    )
    # Dependencies from this environment, after the venv's own site-packages: a plain path
    # entry, so this environment's editable hook for the checkout is not run.
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).strip()
    )
    (site / "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home = work / "home"
    home.mkdir()
    return Installed(wheel=wheel, python=python, home=home)


def _files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_wheel_carries_templates_static_files_translations_and_migrations(
    installed: Installed,
) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for inside, here in (
        ("templates", ROOT / "templates"),
        ("static", ROOT / "static"),
        ("migrations", ROOT / "facilitator" / "migrations"),
    ):
        missing = {f"facilitator/{inside}/{name}" for name in _files(here)} - names
        assert not missing, sorted(missing)[:5]
    assert "facilitator/translations/en/LC_MESSAGES/messages.mo" in names
    assert not [name for name in names if name.startswith(("tests/", "templates/", "static/"))]


def test_installed_app_uses_its_own_package(installed: Installed) -> None:
    where = _run(
        [
            str(installed.python),
            "-c",
            "import facilitator; print(facilitator.__file__); print(facilitator.ASSETS_DIR)",
        ],
        cwd=installed.home,
        env=_environment(installed),
    ).split()
    assert all(Path(path).is_relative_to(installed.python.parent.parent) for path in where), where


@pytest.fixture(scope="module")
def served(installed: Installed) -> Iterator[tuple[str, str]]:
    """The installed `facilitator` script: init-db, the demo, serve. (base URL, join URL)"""
    env = _environment(installed)
    script = str(installed.python.parent / "facilitator")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    _run([script, "init-db"], cwd=installed.home, env=env)
    out = _run([script, "demo", "--base-url", base], cwd=installed.home, env=env)
    join_url = re.search(r"Deltag \(QR-mål\):\s+(\S+)", out)
    assert join_url, out
    server = start_server(
        port, env, command=[script, "serve", "--port", str(port)], cwd=str(installed.home)
    )
    yield base, join_url.group(1)
    server.terminate()
    server.wait(timeout=10)


def _environment(installed: Installed) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FACILITATOR_", "PYTHON"))
    }
    return {
        **env,
        "FACILITATOR_INSTANCE_PATH": str(installed.home / "instance"),
        "FACILITATOR_CLUSTER_BACKEND": "lexical",
    }


def _assets_served(http: requests.Session, base: str, page: str) -> None:
    urls = set(ASSET_URL.findall(page))
    assert any(url.endswith(".css") for url in urls), urls
    for url in urls:
        assert http.get(base + url, timeout=30).status_code == 200, url


def test_installed_app_serves_login_and_phone_pages(served: tuple[str, str]) -> None:
    base, join_url = served
    http = requests.Session()
    login = http.get(base + "/login", timeout=30)
    assert login.status_code == 200
    assert 'name="password"' in login.text
    _assets_served(http, base, login.text)

    form = http.get(join_url, timeout=30)
    assert form.status_code == 200
    token = CSRF.search(form.text)
    assert token, form.text[:2000]
    phone = http.post(join_url, data={"csrf_token": token.group(1), "name": "Sofie"}, timeout=30)
    assert phone.status_code == 200
    assert "/s/" in phone.url
    assert any(url.endswith(".js") for url in ASSET_URL.findall(phone.text))
    _assets_served(http, base, phone.text)
