"""The app's side of the sync process (syncing_child): the shared document lives there, so
the app's interpreter is never held by it; here local changes are journaled and sent, and
the process's questions (an id, a remote change to apply) are answered.

The same face as syncing.Syncer (start, sync_now, stop, state, conflicts). A process that
ends on its own is started again, at most RESTARTS times. With KAM_SYNC_DEBUG set in the
environment, the process's errors go to the app's stderr."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any

from kam_tui.config.sync_settings import SyncSettings
from kam_tui.domain.clock import system_clock
from kam_tui.services.syncing_files import SyncFiles
from kam_tui.services.syncing_state import SyncState
from kam_tui.services.workspace import Workspace
from kam_tui.store.undo import Change
from kam_tui.sync.conflicts import Conflict

STOP_SECONDS = 5.0
"""The longest wait for the process to end when asked (then it is killed)."""
RESTARTS = 3
"""How often a sync process that ended on its own is started again in one session."""
RESTART_SECONDS = 2.0
"""The pause before starting it again."""
SAVED_WAIT = 30.0
"""Seconds waited for the store to save a remote change before the process is told it was
not (it then keeps the mark that makes the next start read the whole document)."""

RunOnStore = Callable[[Callable[[], object]], object]
"""Runs a call on the thread that owns the store and returns its result."""


def _direct(call: Callable[[], object]) -> object:
    return call()


class SyncProcess:
    """Keeps one store in sync with the team server, the document in a process of its own."""

    def __init__(
        self,
        workspace: Workspace,
        settings: SyncSettings,
        *,
        on_store_thread: RunOnStore = _direct,
        on_state: Callable[[SyncState], None] = lambda state: None,
    ) -> None:
        self.workspace = workspace
        self.settings = settings
        self._on_store_thread = on_store_thread
        self._on_state = on_state
        self.files = SyncFiles(workspace.repository.path)
        self._outbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._lock = threading.Lock()
        self._state = SyncState()
        self._conflicts: list[Conflict] = []
        self._sent = 0
        """Local changes sent (or queued to be) to the process since it started."""
        self._taken = 0
        """Of those, the ones the process reported it had taken."""
        self._stopping = threading.Event()
        self._unsubscribe: Callable[[], None] | None = None
        self._runner: threading.Thread | None = None
        self.process: subprocess.Popen[bytes] | None = None
        """The sync process running now (None before it starts and after it ended)."""
        self.restarts = 0
        """How often the process was started again after it ended on its own."""
        self.exchanges = 0
        """Exchanges the process finished (covered or not), for tests and the curious."""

    # Control, from the store's thread

    def start(self) -> None:
        """Subscribe to the feed (now: nothing applied from here on is missed) and start
        the process from a thread of its own (it waits for the store to be saved whole)."""
        self._unsubscribe = self.workspace.subscribe(self._changed)
        self._runner = threading.Thread(target=self._run, name="kam-sync-link", daemon=True)
        self._runner.start()

    def sync_now(self) -> None:
        self._outbox.put(("sync_now",))

    def stop(self, timeout: float = STOP_SECONDS) -> bool:
        """Stop listening, ask the process to end and wait for it (killed past `timeout`);
        True when it ended of itself."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._stopping.set()
        self._outbox.put(("stop",))
        if self._runner is not None:
            self._runner.join(timeout)
        process = self.process
        return process is None or _end(process, timeout)

    @property
    def state(self) -> SyncState:
        return self._state

    @property
    def conflicts(self) -> list[Conflict]:
        with self._lock:
            return list(self._conflicts)

    def forget_conflict(self, conflict: Conflict) -> None:
        with self._lock:
            if conflict in self._conflicts:
                self._conflicts.remove(conflict)
        self._outbox.put(("forget", conflict))
        self._set(replace(self._state, conflicts=len(self.conflicts)))

    def _changed(self, change: Change) -> None:
        """The feed: every change goes to the process's mirror of the store; a local one
        is journaled first (a kill from here on loses nothing)."""
        end = 0
        if not change.remote and change.edits:
            end = self.files.note_unsent(change)
            with self._lock:
                self._sent += 1
        self._outbox.put(("change", change, end))
        if not change.remote and change.edits:
            self._set(self._state)

    def _set(self, reported: SyncState) -> None:
        """Show the process's state, counting the local changes it has not taken yet as
        unsent (it may report "synced" before it saw the newest)."""
        with self._lock:
            behind = self._sent - self._taken
        state = reported
        if behind:
            kind = "unsent" if reported.kind in ("synced", "starting") else reported.kind
            state = replace(reported, kind=kind, unsent=reported.unsent + behind)
        if state == self._state:
            return
        self._state = state
        self._on_state(state)

    # The link, on threads of its own

    def _run(self) -> None:
        """Start the process and serve it; start it again when it ends on its own."""
        repository = self.workspace.repository
        while not self._stopping.is_set():
            repository.wait_loaded()
            repository.wait_saved()  # the process reads the store: let it hold every change
            if self._stopping.is_set():
                return
            outcome = self._serve_one()
            if self._stopping.is_set():
                return
            if self.restarts >= RESTARTS:
                self._set(SyncState(kind="error", text=f"{outcome}; restart kam to sync"))
                return
            self.restarts += 1
            self._set(SyncState(kind="error", text=f"{outcome}; starting it again"))
            time.sleep(RESTART_SECONDS)

    def _serve_one(self) -> str:
        """Run one sync process until it ends; says how it ended."""
        mine, theirs = socket.socketpair()
        clock = self.workspace.clock
        moment = None if clock is system_clock else clock()
        with self._lock:
            self._sent = self._sent - self._taken
            self._taken = 0
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "kam_tui.services.syncing_child", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=None if os.environ.get("KAM_SYNC_DEBUG") else subprocess.DEVNULL,
                start_new_session=True,  # a ^C in the terminal is the app's to handle
            )
        except OSError as error:
            mine.close()
            return f"the sync process did not start ({error})"
        finally:
            theirs.close()
        conn = Connection(mine.detach())
        user = self.workspace.settings.user
        conn.send((self.workspace.repository.path, self.settings, user, moment))
        self.process = process
        done = threading.Event()
        sender = threading.Thread(target=self._send, args=(conn, done), name="kam-sync-send")
        sender.daemon = True
        sender.start()
        try:
            self._receive(conn)
        finally:
            done.set()
            _end(process, STOP_SECONDS)
            sender.join(STOP_SECONDS)
            conn.close()
            self.process = None
        return f"the sync process ended (exit code {process.returncode})"

    def _send(self, conn: Connection, done: threading.Event) -> None:
        """Send what the outbox holds, in order, until the process is gone (a message
        lost then is in the store's file and journal, which the next process reads)."""
        while not done.is_set():
            try:
                message = self._outbox.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                conn.send(message)
            except (OSError, ValueError):
                return

    def _receive(self, conn: Connection) -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            kind = message[0]
            if kind == "state":
                _, state, conflicts, exchanges, taken = message
                with self._lock:
                    self._conflicts = list(conflicts)
                    self._taken = taken
                self.exchanges = exchanges
                self._set(state)
            elif kind == "reserve":
                self._outbox.put(("answer", self.workspace.repository.reserve_id(message[1])))
            elif kind == "remote":
                self._outbox.put(("answer", self._apply_remote(message[1])))

    def _apply_remote(self, change: Change) -> tuple[bool, Change]:
        """Apply a remote change on the store's thread; whether it was saved, and the
        change as applied (laid over the store as it is now)."""
        applied: Any = self._on_store_thread(lambda: self.workspace.apply_remote(change))
        saved = self.workspace.repository.wait_saved(SAVED_WAIT)
        return saved, applied


def _end(process: subprocess.Popen[bytes], timeout: float) -> bool:
    """Wait for the process to end (killed past `timeout`); True when it ended of itself."""
    try:
        process.wait(timeout)
        return True
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return False
