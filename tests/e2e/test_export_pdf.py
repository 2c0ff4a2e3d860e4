"""The demo's Word document as a reader gets it: converted by LibreOffice, counted in pages."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e


def test_demo_document_converts_to_pdf(live_server, tmp_path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdfinfo") is None:
        pytest.skip("LibreOffice/poppler not installed (./scripts/test installs them)")
    env_instance = live_server.database.parent
    target = tmp_path / "output.docx"
    done = subprocess.run(
        [sys.executable, "-m", "facilitator", "export", "1", "--format", "docx", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "FACILITATOR_INSTANCE_PATH": str(env_instance)},
    )
    assert done.returncode == 0, done.stderr
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "output.pdf")], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    assert 6 <= pages <= 40, pages
