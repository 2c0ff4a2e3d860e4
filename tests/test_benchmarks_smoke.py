"""The benchmarks are scripts nobody runs in CI: importing them and parsing their arguments here
keeps them from rotting (a renamed function they reuse fails the import). Nothing is started."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@functools.cache  # one import per script for the whole file
def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_scale_out_parses_its_arguments() -> None:
    scale_out = load("scale_out")
    args = scale_out.build_parser().parse_args(
        [
            "--workers",
            "3",
            "--participants",
            "300",
            "--rate",
            "50",
            "--duration",
            "10",
            "--generators",
            "2",
            "--endorsements",
            "on",
            "--skip-baseline",
        ]
    )
    assert (args.workers, args.participants, args.rate, args.duration, args.generators) == (
        3,
        300,
        50.0,
        10.0,
        2,
    )
    assert args.endorsements == "on" and args.skip_baseline
    assert args.database_url is None  # a fresh database is created for the run
    assert args.redis_url == "redis://127.0.0.1:6379/13"


def test_scale_out_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    scale_out = load("scale_out")
    with pytest.raises(SystemExit) as exit_:
        scale_out.build_parser().parse_args(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in (
        "--workers",
        "--participants",
        "--rate",
        "--duration",
        "--generators",
        "--database-url",
        "--redis-url",
        "--embedding",
        "--endorsements",
        "--skip-baseline",
    ):
        assert option in out


def test_scale_out_spreads_phones_over_every_worker_from_every_generator() -> None:
    scale_out = load("scale_out")
    args = scale_out.build_parser().parse_args(["--participants", "10", "--generators", "2"])
    plans = scale_out.plans(args, ["http://a", "http://b"], "CODE")
    assert sorted(i for plan in plans for i in plan.phones) == list(range(10))
    for plan in plans:  # G = K = 2 must not put all of one generator's phones on one worker
        assert {i % 2 for i in plan.phones} == {0, 1}
    assert sum(plan.rate for plan in plans) == args.rate


def test_live_load_still_offers_what_scale_out_reuses() -> None:
    load("scale_out")  # puts benchmarks/ on sys.path and imports live_load
    live_load = sys.modules["live_load"]
    for name in (
        "join_over_http",
        "connect_all",
        "drive",
        "watch_switch",
        "wait_switch",
        "close_all",
        "demo_environment",
        "facilitator_http",
        "set_endorsements",
        "activity_ids",
        "count_rows",
        "relay_run",
        "server_process",
        "rss_mb",
    ):
        assert callable(getattr(live_load, name)), name
