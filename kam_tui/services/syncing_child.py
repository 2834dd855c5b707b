"""The sync process: the shared document and its exchanges, away from the app's
interpreter (pycrdt holds the interpreter lock for seconds on a large document).

It runs a Syncer over a read-only mirror of the app's store: the app sends every change it
applies (its own ones already in the journal beside the store), and answers the two things
only the store's owner may do: reserve an id for a record from the team, and apply a remote
change (saved before it answers). The process ends when the app asks, or when the pipe
closes because the app ended in any way (a kill -9 included).
"""

from __future__ import annotations

import queue
import signal
import sys
import threading
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kam_tui.config.settings import Settings
from kam_tui.config.sync_settings import SyncSettings
from kam_tui.domain.clock import Clock, fixed_clock, system_clock
from kam_tui.services.syncing import Syncer
from kam_tui.services.syncing_state import SyncState
from kam_tui.services.workspace import Workspace
from kam_tui.store import Repository
from kam_tui.store.undo import Change

REPLY_SECONDS = 120.0
"""The longest the sync process waits for the app's answer (then it gives up the read)."""


class AppGone(Exception):
    """The app ended or stopped answering: the sync process ends too."""


class Link:
    """The child's end of the pipe: sends from any thread, answers waited for in turn."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._send_lock = threading.Lock()
        self._ask_lock = threading.Lock()
        self.replies: queue.Queue[Any] = queue.Queue()

    def send(self, message: tuple[Any, ...]) -> None:
        with self._send_lock:
            self.conn.send(message)

    def ask(self, message: tuple[Any, ...]) -> Any:
        """Send a question to the app and wait for its answer (one question at a time)."""
        with self._ask_lock:
            self.send(message)
            try:
                answer = self.replies.get(timeout=REPLY_SECONDS)
            except queue.Empty:
                raise AppGone("the app did not answer") from None
            if answer is None:
                raise AppGone("the app ended")
            return answer


class MirrorRepository(Repository):
    """A read-only copy of the app's store, kept in step with the changes the app sends;
    new ids are the app's to give (its store is the one that saves)."""

    link: Link | None = None
    saved = True
    """Whether the app saved the last remote change it applied."""

    def reserve_id(self, table: str) -> int:
        assert self.link is not None
        record_id: int = self.link.ask(("reserve", table))
        return record_id

    def reserve_ids(self, table: str, count: int) -> list[int]:
        return [self.reserve_id(table) for _ in range(count)]

    def wait_saved(self, timeout: float | None = None) -> bool:
        return self.saved

    def follow(self, change: Change) -> None:
        """Make memory what the app's store holds after `change` (never saved from here)."""
        with self._mutex:
            for edit in change.edits:
                self._apply_in_memory(edit)


class ChildSyncer(Syncer):
    """The Syncer of the sync process: a remote change is applied by the app."""

    link: Link
    mirror: MirrorRepository

    def _apply_remote(self, change: Change) -> None:
        saved, applied = self.link.ask(("remote", change))
        self.mirror.saved = saved
        self.mirror.follow(applied)


def clock_of(moment: datetime | None) -> Clock:
    """The app's clock: the system's, or (tests) the fixed moment it returned."""
    return system_clock if moment is None else fixed_clock(moment)


def main(fd: int) -> None:
    """The sync process's entry point (`python -m kam_tui.services.syncing_child FD`,
    started by syncing_process.SyncProcess): its first message says the store at `store`,
    synced as `sync` says, changes made by `user`, at the app's clock (`moment`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the app stops it; a ^C is the app's
    conn = Connection(fd)
    try:
        store, sync, user, moment = conn.recv()
    except (EOFError, OSError):
        return
    run(conn, store, sync, user, moment)


def run(
    conn: Connection, store: Path, sync: SyncSettings, user: str, moment: datetime | None
) -> None:
    """Sync the store at `store` for the app at the other end of `conn`."""
    link = Link(conn)
    settings = Settings(user=user, sync=sync)
    try:
        mirror = MirrorRepository.open(store, read_only=True, user=settings.user)
    except Exception as error:
        text = f"cannot read the store: {error}"
        link.send(("state", SyncState(kind="error", text=text), [], 0, 0))
        return
    assert isinstance(mirror, MirrorRepository)
    mirror.link = link
    workspace = Workspace(mirror, settings, clock_of(moment))

    def report(state: SyncState) -> None:
        link.send(("state", state, syncer.conflicts, syncer.exchanges, syncer.taken))

    syncer = ChildSyncer(workspace, sync, on_state=report)
    syncer.link = link
    syncer.mirror = mirror
    syncer.start()
    try:
        serve(link, syncer, mirror)
    finally:
        link.replies.put(None)
        syncer.stop()


def serve(link: Link, syncer: ChildSyncer, mirror: MirrorRepository) -> None:
    """Take the app's messages until it asks to stop or the pipe closes."""
    while True:
        try:
            message = link.conn.recv()
        except (EOFError, OSError):
            return
        kind = message[0]
        if kind == "change":
            change: Change = message[1]
            mirror.follow(change)
            if not change.remote and change.edits:
                syncer.take_local(change, message[2])
        elif kind == "answer":
            link.replies.put(message[1])
        elif kind == "sync_now":
            syncer.sync_now()
        elif kind == "forget":
            syncer.forget_conflict(message[1])
        elif kind == "stop":
            return


if __name__ == "__main__":
    main(int(sys.argv[1]))
