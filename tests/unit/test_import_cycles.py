"""No two files of the package import each other, directly or around a loop
(scripts/import_cycles.py): a shared piece belongs in the lower module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_cycles.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and annotations look their module up
    spec.loader.exec_module(module)
    return module


def test_the_package_has_no_import_cycles() -> None:
    cycles = _script().find_cycles()
    assert cycles == [], "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("def later():\n    from .. import c\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nimport pkg.a\nif TYPE_CHECKING:\n    from pkg import d\n"
    )
    (package / "d.py").write_text("from . import c\n")
    assert _script().find_cycles(package) == [["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]]
