"""I/O failures in the Nth write, fsync or replace: the old file survives, saving resumes."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository
from kam_tui.store import saver as saver_module

ACME = Account(name="Acme", status="Contacted", lifecycle="New")


class Fault:
    """Makes one os function fail in the saver thread, from its Nth call, until cleared."""

    def __init__(self, name: str, error: int, from_call: int) -> None:
        self.name = name
        self.error = error
        self.from_call = from_call
        self.calls = 0
        self.active = True
        self.original: Callable[..., Any] = getattr(os, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == "kam-saver" and self.active:
            self.calls += 1
            if self.calls >= self.from_call:
                raise OSError(self.error, os.strerror(self.error))
        return self.original(*args, **kwargs)


@pytest.fixture(autouse=True)
def quick_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saver_module, "RETRY_SECONDS", 0.05)


@pytest.fixture
def saved_repo(repo: Repository) -> Iterator[Repository]:
    """A store with one saved account (so the session backup is already taken)."""
    repo.save(ACME)
    assert repo.wait_saved(10)
    yield repo


def wait_for(condition: Callable[[], bool], timeout: float = 10) -> bool:
    event = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        event.wait(0.01)
    return condition()


@pytest.mark.parametrize(
    ("function", "error", "from_call", "reason", "old_file_kept"),
    [
        ("write", errno.ENOSPC, 1, "No space left on device", True),
        ("fsync", errno.EIO, 1, "Input/output error", True),
        # The second fsync is the folder's, after the rename: the new file is in place,
        # whole, but not known durable, so the save is reported failed and retried.
        ("fsync", errno.EIO, 2, "Input/output error", False),
        ("replace", errno.EACCES, 1, "Permission denied", True),
        ("replace", errno.EROFS, 1, "Read-only file system", True),
        ("open", errno.EACCES, 1, "Permission denied", True),
    ],
)
def test_a_failed_save_keeps_the_previous_file_and_resumes(
    store_path: Path,
    saved_repo: Repository,
    schema: Schema,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    function: str,
    error: int,
    from_call: int,
    reason: str,
    old_file_kept: bool,
) -> None:
    previous = store_path.read_bytes()
    fault = Fault(function, error, from_call)
    monkeypatch.setattr(os, function, fault)
    account = saved_repo.accounts()[0]
    saved_repo.save(replace(account, name="Renamed while the disk is full"))
    assert wait_for(lambda: saved_repo.save_state.error is not None)
    state = saved_repo.save_state
    assert state.pending and reason in (state.error or "")
    assert str(store_path) in (state.error or "")
    on_disk = Repository.open(store_path, schema, read_only=True)
    assert [a.name for a in on_disk.accounts()] == (
        ["Acme"] if old_file_kept else ["Renamed while the disk is full"]
    )
    on_disk.close()
    if old_file_kept:
        assert store_path.read_bytes() == previous
    assert not [p for p in store_path.parent.iterdir() if p.name.endswith(".tmp")]
    # The app keeps working meanwhile: more changes are accepted in memory.
    saved_repo.save(Account(name="Added during the fault", status="Won", lifecycle="New"))

    fault.active = False
    assert saved_repo.wait_saved(10)
    assert saved_repo.save_state.error is None
    saved_repo.close()
    again = Repository.open(store_path, schema, clock=clock)
    try:
        names = sorted(a.name for a in again.accounts())
    finally:
        again.close()
    assert names == ["Added during the fault", "Renamed while the disk is full"]


def test_close_reports_changes_that_could_not_be_saved(
    store_path: Path, saved_repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = store_path.read_bytes()
    monkeypatch.setattr(os, "write", Fault("write", errno.ENOSPC, 1))
    saved_repo.save(replace(saved_repo.accounts()[0], name="Never saved"))
    state = saved_repo.close(timeout=0.5)
    assert state.pending and "No space left" in (state.error or "")
    assert store_path.read_bytes() == previous
