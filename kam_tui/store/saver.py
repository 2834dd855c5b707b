"""The background saver: writes the store atomically after each change, off the UI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kam_tui.store.backups import backup_store_file
from kam_tui.store.errors import StoreError, StoreReplacedError
from kam_tui.store.files import Pieces, atomic_write, atomic_write_private
from kam_tui.store.kept import kept_copy_path, kept_message

RETRY_SECONDS = 2.0
"""How long the saver waits before trying again after a failed save."""
SAVE_DELAY_SECONDS = 0.03
"""How long after a change its save starts: the UI draws the change first, undisturbed, and
the changes of a burst of keys (a held key) are written once."""

Snapshot = Callable[[], tuple[int, Pieces]]
"""Returns the current generation and the whole store serialised, taken consistently; raises
StoreError when the store may not be written (it did not load whole)."""


@dataclass(frozen=True)
class SaveState:
    """Where saving stands, for the status line."""

    generation: int
    """The number of the newest change."""
    saved_generation: int
    """The newest change known to be durable on disk."""
    error: str | None = None
    """Why the last save failed, if it did; saving is retried until it succeeds."""
    backup_warning: str | None = None
    """Why the backup taken before the session's first save failed, if it did (the store
    itself was saved regardless); it stands for the rest of the session."""
    stopped: str | None = None
    """Why saving to the store stopped for good: another program replaced, deleted,
    hard-linked or wrote the store's file under this kam. Saves then go to the kept copy
    this message names; `saved_generation` counts what is durable there."""

    @property
    def pending(self) -> bool:
        """True while some change is not yet on disk."""
        return self.saved_generation < self.generation


class Saver:
    """A thread that saves the newest snapshot whenever it is told the store changed.

    A saver made `held` writes nothing until `release` (the store is still loading: its
    changes wait in memory); after `abandon` it never writes again (the store did not load
    whole, and writing it would replace what could not be read).
    """

    def __init__(
        self,
        path: Path,
        snapshot: Snapshot,
        on_state: Callable[[SaveState], None] | None = None,
        *,
        backup_before_first_save: bool = True,
        write: Callable[[Path, Pieces], None] | None = None,
        delay: float = SAVE_DELAY_SECONDS,
        held: bool = False,
    ) -> None:
        self.path = path
        self._snapshot = snapshot
        self._on_state = on_state
        self._write = write or atomic_write
        self._needs_backup = backup_before_first_save
        self._delay = delay
        self._condition = threading.Condition()
        self._generation = 0
        self._saved_generation = 0
        self._error: str | None = None
        self._backup_warning: str | None = None
        self._kept_in: Path | None = None
        self.stopped: str | None = None
        """Set once saving to the store stopped (see `SaveState.stopped`)."""
        self._stopping = False
        self._held = held
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, name="kam-saver", daemon=True)
        self._thread.start()

    @property
    def state(self) -> SaveState:
        """The current save state."""
        with self._condition:
            return SaveState(
                self._generation,
                self._saved_generation,
                self._error,
                self._backup_warning,
                self.stopped,
            )

    def report_to(self, on_state: Callable[[SaveState], None] | None) -> None:
        """Call `on_state` (from whichever thread saves) whenever the save state changes."""
        self._on_state = on_state

    def changed(self, generation: int) -> None:
        """Tell the saver that the store reached `generation` and should be saved."""
        with self._condition:
            self._generation = max(self._generation, generation)
            self._condition.notify_all()
        self._publish()

    def release(self) -> None:
        """Let a held saver write: the store has loaded whole."""
        with self._condition:
            self._held = False
            self._condition.notify_all()

    def abandon(self, reason: str) -> None:
        """Never write again: changes not yet saved stay unsaved, and `reason` says why."""
        with self._condition:
            self._abandoned = True
            self._error = reason
            self._condition.notify_all()
        self._publish()

    def wait_saved(self, timeout: float | None = None) -> bool:
        """Block until every change so far is on disk; False on timeout or when abandoned."""
        with self._condition:
            target = self._generation
            self._condition.wait_for(
                lambda: self._saved_generation >= target or self._abandoned, timeout
            )
            return self._saved_generation >= target

    def close(self, timeout: float | None = 30.0) -> SaveState:
        """Save what is pending, stop the thread and return the final state."""
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        self._thread.join(timeout)
        return self.state

    def _publish(self) -> None:
        if self._on_state is not None:
            self._on_state(self.state)

    def _run(self) -> None:
        while True:
            with self._condition:
                # Stopping with nothing to save ends the thread even while held (a store
                # closed before it loaded whole, as when the app fails before its first paint).
                self._condition.wait_for(
                    lambda: (
                        self._abandoned
                        or (self._stopping and self._saved_generation >= self._generation)
                        or (
                            not self._held
                            and (self._stopping or self._saved_generation < self._generation)
                        )
                    )
                )
                if self._abandoned or self._saved_generation >= self._generation:
                    return
                # Give the UI thread the time to draw the change before the save competes
                # with it for the interpreter; changes made meanwhile go in the same write.
                deadline = time.monotonic() + self._delay
                while not self._stopping and (left := deadline - time.monotonic()) > 0:
                    self._condition.wait(left)
            if self._save_once():
                continue
            with self._condition:
                if self._stopping:
                    return
                self._condition.wait(RETRY_SECONDS)

    def _back_up(self) -> None:
        """Back up the file the first save replaces; a failure is reported on its own and
        does not stop the save (losing the backup must not lose the change). While the save
        fails too, the old file is still there, so the backup is tried again with it."""
        try:
            backup_store_file(self.path, reason="session")
        except (OSError, StoreError) as error:
            problem = str(error) if isinstance(error, StoreError) else error.strerror or str(error)
            warning: str | None = (
                f"no backup of {self.path} was taken before this session's changes: {problem}"
            )
        else:
            warning = None
            self._needs_backup = False
        with self._condition:
            self._backup_warning = warning

    def _write_store_or_kept_copy(self, payload: Pieces) -> None:
        """Write the store, or its kept copy once the store's path was found to name another
        file (or none): then the whole snapshot goes to a new file beside it, and only there."""
        if self._kept_in is None:
            try:
                self._write(self.path, payload)
                return
            except StoreReplacedError as replaced:
                kept = kept_copy_path(self.path)
                with self._condition:
                    self._kept_in = kept
                    self.stopped = kept_message(replaced, kept)
        atomic_write_private(self._kept_in, payload)

    def _save_once(self) -> bool:
        """Write the newest snapshot; True on success."""
        try:
            generation, payload = self._snapshot()
        except StoreError as error:
            self.abandon(str(error))
            return False
        if self._needs_backup and self._kept_in is None:
            self._back_up()
        try:
            self._write_store_or_kept_copy(payload)
        except OSError as error:
            reason = error.strerror or str(error)
            with self._condition:
                # the failure alone: while kam runs it is retried, but the same words are
                # printed when kam exits with the change unsaved, retried no more
                self._error = f"cannot save {self._kept_in or self.path}: {reason}"
                self._condition.notify_all()
            self._publish()
            return False
        self._needs_backup = False  # the file a backup was for is replaced now
        with self._condition:
            self._saved_generation = max(self._saved_generation, generation)
            self._error = None
            self._condition.notify_all()
        self._publish()
        return True
