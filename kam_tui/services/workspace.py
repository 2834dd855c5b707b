"""The workspace: the repository, the settings and the clock behind one set of queries, one
call that applies a change, and one feed of the changes applied."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import TypeVar

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock, system_clock
from kam_tui.domain.models import Account, Activity, Record
from kam_tui.domain.schema import Schema
from kam_tui.services.outcome import REFUSED, Outcome, Refusal
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.repository import Repository
from kam_tui.store.saver import SaveState
from kam_tui.store.undo import Change

R = TypeVar("R", bound=Record)
T = TypeVar("T")
Feed = Callable[[Change], None]
"""A listener of the change feed: called with each change as applied to the data (for an
undo, the inverse of the change undone), on whatever thread applied it."""


class Workspace:
    """One open store as the UI and the CLI see it: queries, changes, undo and the feed."""

    def __init__(
        self, repository: Repository, settings: Settings, clock: Clock = system_clock
    ) -> None:
        self.repository = repository
        """The store (read by the loader and the saver's plumbing; changes go through here)."""
        self.settings = settings
        """The validated config."""
        self.clock = clock
        """Where 'now' comes from (fixed in tests)."""
        self._listeners: list[Feed] = []
        self._listeners_lock = threading.Lock()
        repository.subscribe(self._publish)

    # Queries

    @property
    def today(self) -> date:
        """The clock's date."""
        return self.clock().date()

    @property
    def schema(self) -> Schema:
        """The configurable rules records are validated against."""
        return self.repository.schema

    def account(self, account_id: int) -> Account | None:
        """One account by id (None once deleted)."""
        return self.repository.account(account_id)

    def accounts(self) -> list[Account]:
        """Every account, in the order they were first stored."""
        return self.repository.accounts()

    def get(self, kind: type[R], record_id: int) -> R | None:
        """One record by id."""
        return self.repository.get(kind, record_id)

    def all(self, kind: type[R]) -> list[R]:
        """Every record of a kind."""
        return self.repository.all(kind)

    def children(self, kind: type[R], account_id: int) -> list[R]:
        """The records of `kind` that belong to an account, in id order."""
        return self.repository.children(kind, account_id)

    def count(self, kind: type[Record]) -> int:
        """How many records of a kind there are."""
        return self.repository.count(kind)

    @property
    def save_state(self) -> SaveState:
        """Where saving stands."""
        return self.repository.save_state

    @property
    def read_only_reason(self) -> str | None:
        """Why changes are refused, in a few words, or None when the store is writable."""
        repository = self.repository
        if not repository.read_only:
            return None
        if repository.save_state.stopped:
            return repository.save_state.stopped
        if repository.load_error is not None:
            return "the store did not load whole"
        if repository.locked_by:
            return f"open in another kam ({repository.locked_by})"
        if repository.cannot_write:
            return repository.cannot_write
        return "opened with --read-only"

    # Changes

    def apply(self, description: str, edit: Callable[[ChangeSet], T]) -> Outcome[T]:
        """Run `edit` on a change set and apply its edits as one undoable change.

        The one way data changes: the edits are validated as they are made, applied
        together, recorded for undo, saved in the background and published on the feed.
        A refused change applies nothing and says why.
        """
        try:
            with self.repository.change(description) as change_set:
                value = edit(change_set)
        except REFUSED as error:
            return Outcome(refusal=Refusal.of(error))
        return Outcome(value, change_set.applied)

    def save(self, record: R, description: str | None = None) -> Outcome[R]:
        """Insert (id 0) or update one record as its own change."""
        verb = "Added" if record.id == 0 else "Edited"
        return self.apply(description or f"{verb} {record.label}", lambda c: c.save(record))

    def delete(self, record: Record, description: str | None = None) -> Outcome[None]:
        """Delete one record, with what belongs to it, as its own change."""
        return self.apply(description or f"Deleted {record.label}", lambda c: c.delete(record))

    def log_activity(self, activity: Activity, description: str | None = None) -> Outcome[Activity]:
        """Add (id 0) or edit an activity; its account's last contact and satisfaction follow."""
        verb = "Logged" if activity.id == 0 else "Edited"
        return self.apply(
            description or f"{verb} {activity.label}", lambda c: c.log_activity(activity)
        )

    def undo(self) -> Outcome[Change]:
        """Undo the last change; the value is the change undone (None: nothing to undo)."""
        return self._replay(self.repository.undo)

    def redo(self) -> Outcome[Change]:
        """Redo the last undone change; the value is that change (None: nothing to redo)."""
        return self._replay(self.repository.redo)

    def _replay(self, step: Callable[[], Change | None]) -> Outcome[Change]:
        try:
            change = step()
        except REFUSED as error:
            return Outcome(refusal=Refusal.of(error))
        return Outcome(change, change)

    # The feed

    def subscribe(self, listener: Feed) -> Callable[[], None]:
        """Call `listener` after every change applied (undo and redo included), on the thread
        that applied it; returns the call that ends the subscription."""
        with self._listeners_lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._listeners_lock, suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    def _publish(self, change: Change) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(change)
