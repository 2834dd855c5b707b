"""One writer per store file: the inode lock follows each save and survives a lost race."""

from __future__ import annotations

import fcntl
import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kam_tui.domain.models import Account
from kam_tui.store import Repository
from kam_tui.store.lock import lock_path

ACME = Account(name="Acme", status="Contacted", lifecycle="New")


def test_a_lock_taken_on_a_file_a_save_just_replaced_is_taken_again(
    store_path: Path, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second kam opens the store's file, then the first saves (a new file takes the name)
    before the second locks the old one: the second must see that it locked a file that is
    no longer the store, and try again (here with the lock file removed, so only the inode
    lock stands between them)."""
    account = repo.save(ACME)
    assert repo.wait_saved(10)
    lock_path(store_path).unlink()
    real_flock = fcntl.flock
    raced: list[int] = []

    def save_first(fd: int, operation: int) -> Any:
        is_store = os.fstat(fd).st_ino == os.stat(store_path).st_ino
        if threading.current_thread() is threading.main_thread() and is_store and not raced:
            raced.append(fd)
            repo.save(replace(account, name="Saved in the race"))
            assert repo.wait_saved(10)
        return real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", save_first)
    second = Repository.open(store_path)
    try:
        assert raced, "the race was not staged"
        assert second.read_only
        assert f"pid {os.getpid()}" in (second.locked_by or "")
    finally:
        second.close()
    repo.save(replace(account, name="Still the one writer"))
    assert repo.wait_saved(10)


def test_the_lock_follows_every_save(store_path: Path, repo: Repository) -> None:
    """After saves replaced the file, a second instance still finds the store locked, even
    without the lock file."""
    account = repo.save(ACME)
    for number in range(3):
        account = repo.save(replace(account, name=f"Save {number}"))
        assert repo.wait_saved(10)
        lock_path(store_path).unlink(missing_ok=True)
        second = Repository.open(store_path)
        try:
            assert second.read_only
        finally:
            second.close()


def test_closing_frees_the_store_for_the_next_writer(store_path: Path, repo: Repository) -> None:
    repo.save(ACME)
    assert repo.wait_saved(10)
    repo.close()
    lock_path(store_path).unlink()
    again = Repository.open(store_path)
    try:
        assert not again.read_only
    finally:
        again.close()
