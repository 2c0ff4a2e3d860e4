"""Password hashing off the event loop (facilitator/accounts/passwords.py).

Tests run in threading mode without gevent's monkey-patching, so the gevent path is chosen
by injecting the async mode, as `facilitator serve` does through ASYNC_MODE."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.security import generate_password_hash

from facilitator.accounts import passwords


@pytest.fixture
def gevent_mode() -> Iterator[None]:
    before = passwords.async_mode()
    passwords.use_async_mode("gevent")
    yield
    passwords.use_async_mode(before)


def test_threading_mode_hashes_in_the_calling_thread() -> None:
    assert passwords.async_mode() == "threading"
    assert passwords.offload(threading.get_ident) == threading.get_ident()


def test_gevent_mode_hashes_in_one_worker_thread(gevent_mode) -> None:
    worker = passwords.offload(threading.get_ident)
    assert worker != threading.get_ident()  # not on the thread that runs the event loop
    assert passwords.offload(threading.get_ident) == worker  # the same single thread
    assert passwords._gevent_pool().maxsize == 1  # one hash at a time, whatever arrives


def test_gevent_mode_results_are_correct(gevent_mode) -> None:
    stored = passwords.hash_password("korrekt-hest-batteri")
    assert stored.startswith(passwords.METHOD + "$")
    assert passwords.verify_password(stored, "korrekt-hest-batteri")
    assert not passwords.verify_password(stored, "forkert-hest-batteri")


def test_dummy_hash_is_made_once_with_the_real_cost() -> None:
    dummy = passwords.dummy_hash()
    assert dummy is passwords.dummy_hash()
    assert not passwords.needs_rehash(dummy)


def test_old_hashes_are_marked_for_upgrade() -> None:
    assert passwords.needs_rehash(generate_password_hash("x" * 12, method="scrypt"))
    assert passwords.verify_password(generate_password_hash("x" * 12, method="scrypt"), "x" * 12)
