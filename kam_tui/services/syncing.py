"""The app's background sync: one worker thread owns the shared document; local changes
reach it through the workspace's feed, remote ones go back to the store's thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from kam_tui.config.sync_settings import SyncSettings
from kam_tui.services.syncing_session import Exchange, SyncRefused, SyncSession
from kam_tui.services.syncing_state import SyncState
from kam_tui.services.workspace import Workspace
from kam_tui.store.undo import Change
from kam_tui.sync.client import exchange
from kam_tui.sync.conflicts import Conflict

DEBOUNCE_SECONDS = 1.0
"""How long after a local change the exchange starts (changes made meanwhile go with it)."""
STOP_SECONDS = 5.0
"""The longest wait for the worker when the app exits (an exchange in flight is left to
die with the process: everything it did is saved or repeated next time)."""

RunOnStore = Callable[[Callable[[], object]], object]
"""Runs a call on the thread that owns the store and returns its result."""


def _direct(call: Callable[[], object]) -> object:
    return call()


class Syncer:
    """Keeps one store in sync with the team server while the app runs."""

    def __init__(
        self,
        workspace: Workspace,
        settings: SyncSettings,
        *,
        on_store_thread: RunOnStore = _direct,
        on_state: Callable[[SyncState], None] = lambda state: None,
        exchange_with: Exchange = exchange,
    ) -> None:
        self.workspace = workspace
        self.settings = settings
        self._on_store_thread = on_store_thread
        self._on_state = on_state
        self.session = SyncSession(
            workspace, settings, apply_remote=self._apply_remote, exchange_with=exchange_with
        )
        self._cond = threading.Condition()
        self._queue: list[Change] = []
        self._journal_end = 0
        """The journal's size after the last queued change's lines (what a save covers)."""
        self._wake = False
        self._stopping = False
        self._unsent = 0
        """Local changes not verified on the server yet (queued or written)."""
        self._state = SyncState()
        self._state_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.exchanges = 0
        """Exchanges finished (covered or not), for tests and the curious."""
        self.taken = 0
        """Local changes queued so far."""

    # Control, from the store's thread

    def start(self) -> None:
        """Subscribe to the feed and start the worker (call it on the store's thread)."""
        self._unsubscribe = self.workspace.subscribe(self._changed)
        self._thread = threading.Thread(target=self._run, name="kam-sync", daemon=True)
        self._thread.start()

    def sync_now(self) -> None:
        """Exchange at once (the worker wakes)."""
        with self._cond:
            self._wake = True
            self._cond.notify()

    def stop(self, timeout: float = STOP_SECONDS) -> bool:
        """Stop listening and ask the worker to end, having written what was queued; True
        when it ended within `timeout`."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        with self._cond:
            self._stopping = True
            self._cond.notify()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def state(self) -> SyncState:
        """The state now (reports may reach the UI thread in another order: show this)."""
        return self._state

    @property
    def conflicts(self) -> list[Conflict]:
        """The conflicts kept (a copy)."""
        with self._cond:
            return list(self.session.conflicts)

    def forget_conflict(self, conflict: Conflict) -> None:
        """Drop a conflict the user dealt with (re-applied or restored)."""
        with self._cond:
            self.session.forget_conflict(conflict)
        self._set(conflicts=len(self.conflicts))

    def _changed(self, change: Change) -> None:
        """The feed: a local change (undo and redo included) is journaled beside the store
        and queued for the worker; a remote one was the worker's own."""
        if change.remote or not change.edits:
            return
        self.take_local(change, self.session.files.note_unsent(change))

    def take_local(self, change: Change, journal_end: int) -> None:
        """Queue a local change already in the journal (which ends at `journal_end` bytes
        after its lines) for the worker to write into the document."""
        with self._cond:
            self._queue.append(change)
            self._journal_end = journal_end
            self._unsent += 1
            self.taken += 1
            self._cond.notify()
        kind = "unsent" if self._state.kind == "synced" else self._state.kind
        self._set(kind=kind, unsent=self._unsent)

    def _set(self, **changes: object) -> None:
        """Change the state (from either thread) and report it, outside the lock: a report
        may wait for the UI thread, which may be setting the state itself."""
        with self._state_lock:
            state = replace(self._state, **changes)  # type: ignore[arg-type]
            if state == self._state:
                return
            self._state = state
        self._on_state(state)

    def _apply_remote(self, change: Change) -> None:
        self._on_store_thread(lambda: self.workspace.apply_remote(change))

    # The worker

    def _run(self) -> None:
        session = self.session
        try:
            session.load()
        except Exception as error:
            self._set(kind="error", text=f"cannot load the shared document: {error}")
            return
        self._set(conflicts=len(session.conflicts))
        due = 0.0
        while True:
            with self._cond:
                while not (self._queue or self._wake or self._stopping):
                    wait = due - time.monotonic()
                    if wait <= 0:
                        break
                    self._cond.wait(wait)
                changes, self._queue = self._queue, []
                journal = self._journal_end
                wake, self._wake = self._wake, False
                stopping = self._stopping
            if changes:
                self._write(changes, journal)
                due = min(due, time.monotonic() + DEBOUNCE_SECONDS)
            if stopping:
                return
            if wake or time.monotonic() >= due:
                due = time.monotonic() + self._exchange()

    def _write(self, changes: list[Change], journal: int) -> None:
        session = self.session
        try:
            session.write_local(changes)
            session.save()
        except Exception as error:
            self._set(kind="error", text=f"cannot write the shared document: {error}")
            return
        session.files.forget_unsent(journal)

    def _exchange(self) -> float:
        """One sync; returns the seconds until the next one."""
        with self._cond:
            sending = self._unsent
        try:
            outcome = self.session.sync()
        except SyncRefused as error:
            self._set(kind="error", text=str(error))
            return self.settings.interval
        except Exception as error:
            self._set(kind="error", text=f"{type(error).__name__}: {error}")
            return self.settings.interval
        self.exchanges += 1
        report = outcome.report
        now: datetime = self.workspace.clock()
        conflicts = len(self.conflicts)
        if outcome.covered:
            with self._cond:
                self._unsent -= sending
                unsent = self._unsent
            kind = "unsent" if unsent else "synced"
            self._set(kind=kind, at=now, unsent=unsent, conflicts=conflicts, text="")
            return DEBOUNCE_SECONDS if unsent else self.settings.interval
        why = report.error if report is not None else "no exchange"
        if "refused" in why or "HTTP" in why:
            self._set(kind="error", text=why, conflicts=conflicts)
        elif self._state.kind != "offline":
            self._set(kind="offline", at=now, conflicts=conflicts, text=why)
        return self.settings.interval
