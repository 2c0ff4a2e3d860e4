"""Build hook: a wheel carries the repository's templates/ and static/ inside the package.

The folders stay at the repository's top level, where designers and translators find them;
at build time they are copied to facilitator/templates and facilitator/static, which
create_app serves when present. Everything else is configured in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
ASSET_FOLDERS = ("templates", "static")


class BuildWithAssets(build_py):
    """build_py, then the asset folders copied into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install serves the repository's own folders
        package = Path(self.build_lib) / "facilitator"
        for name in ASSET_FOLDERS:
            target = package / name
            shutil.rmtree(target, ignore_errors=True)  # no files left over from a prior build
            shutil.copytree(
                ROOT / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
            )


setup(cmdclass={"build_py": BuildWithAssets})
