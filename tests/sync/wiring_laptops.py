"""Laptops for the wiring tests: a real store (Repository + Workspace) in a folder of its
own and the sync settings that join it to a room of the test server."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kam_tui.config.settings import Settings
from kam_tui.config.sync_settings import SyncSettings
from kam_tui.domain.models import TABLES, Account
from kam_tui.domain.schema import Schema
from kam_tui.services import Workspace
from kam_tui.services.syncing_session import Outcome, SyncSession
from kam_tui.store import Repository
from kam_tui.store.undo import Change
from kam_tui.sync.values import encode

WAIT_SECONDS = 60.0
"""The bound on waiting for a worker thread (the machine is shared)."""


def sync_settings(folder: Path, url: str, token: str, name: str) -> SyncSettings:
    """Settings of a laptop named `name`, with its token in a file of mode 600."""
    token_file = folder / "token"
    token_file.write_text(token + "\n", encoding="utf-8")
    token_file.chmod(0o600)
    return SyncSettings(url=url, token_file=token_file, name=name)


def open_workspace(folder: Path, name: str) -> Workspace:
    folder.mkdir(parents=True, exist_ok=True)
    repository = Repository.open(folder / "kam.json", Schema(), user=name)
    return Workspace(repository, Settings(user=name))


def new_account(workspace: Workspace, name: str, **values: Any) -> Account:
    account = Account(name=name, status="Contacted", lifecycle="New", **values)
    saved = workspace.save(account).value
    assert saved is not None
    return saved


def by_gid(session: SyncSession) -> dict[str, dict[str, Any]]:
    """Every record of the session's store by global id, references as global ids: what
    must be identical on every laptop once synced."""
    shared = session.shared
    assert shared is not None
    result: dict[str, dict[str, Any]] = {}
    for table, kind in TABLES.items():
        for record in session.repository.all(kind):
            values = encode(record, shared.gid_of)
            result[shared.gid_of(table, record.id)] = {"table": table, **values}
    return result


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll `condition` until it holds (a bound, not a timed assertion)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


class Laptop:
    """A store with its sync session driven by hand on the test's thread: local changes
    are collected from the feed (and journaled) as the app's Syncer would."""

    def __init__(self, folder: Path, url: str, token: str, name: str) -> None:
        self.workspace = open_workspace(folder / name, name)
        self.settings = sync_settings(folder / name, url, token, name)
        self.session = SyncSession(self.workspace, self.settings)
        self.session.load()
        self.local: list[Change] = []
        self.remote: list[Change] = []
        self.workspace.subscribe(self._changed)

    def _changed(self, change: Change) -> None:
        if change.remote:
            self.remote.append(change)
        elif change.edits:
            self.session.files.note_unsent(change)
            self.local.append(change)

    def sync(self) -> Outcome:
        """Write the local changes into the document, then sync."""
        self.session.write_local(self.local)
        self.local = []
        self.session.save()
        self.session.files.forget_unsent(self.session.files.journal_size())
        return self.session.sync()

    def account(self, name: str) -> Account:
        return next(a for a in self.workspace.accounts() if a.name == name)

    def close(self) -> None:
        self.workspace.repository.close()
