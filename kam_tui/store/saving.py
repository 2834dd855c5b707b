"""The repository's saving half: the store as bytes for the saver's thread, and where
saving stands."""

from __future__ import annotations

from collections.abc import Callable

from kam_tui.domain.models import TABLES
from kam_tui.store.errors import StoreError
from kam_tui.store.files import Pieces
from kam_tui.store.layout import serialise
from kam_tui.store.loading import Loading
from kam_tui.store.migrations import META_TABLE
from kam_tui.store.saver import SaveState
from kam_tui.store.table_bytes import TableBytes


class Saving(Loading):
    """The saving half of the repository, over its loading half (its state is set by
    `Repository.__init__`)."""

    _generation: int

    def _snapshot(self) -> tuple[int, Pieces]:
        """The store as bytes (called by the saver's thread).

        Only noting what to write holds the mutex; serialising the changed chunks does not,
        so the UI thread can go on changing the store meanwhile (see table_bytes). A store
        that has not loaded whole is never written: its unread tables would be lost."""
        with self._mutex:
            if not self._loaded_whole:
                raise StoreError(f"{self.path} has not loaded whole; it is not written")
            generation = self._generation
            data = self._data
            taken = {
                name: self._bytes_of(name).take(data.get(name, {}))
                for name in (META_TABLE, *TABLES)
                if name in data or name in self._table_bytes
            }
        tables = {name: snapshot.encode() for name, snapshot in taken.items()}
        with self._mutex:
            for name, snapshot in taken.items():
                self._table_bytes[name].keep(snapshot)
        return generation, serialise(tables)

    def _bytes_of(self, table: str) -> TableBytes:
        cache = self._table_bytes.get(table)
        if cache is None:
            cache = self._table_bytes[table] = TableBytes()
        return cache

    @property
    def save_state(self) -> SaveState:
        """Where saving stands."""
        if self._saver is None:
            return SaveState(self._generation, self._generation)
        return self._saver.state

    def on_save_state(self, callback: Callable[[SaveState], None]) -> None:
        """Call `callback` (from the saver thread) whenever the save state changes."""
        if self._saver is not None:
            self._saver.report_to(callback)

    def wait_saved(self, timeout: float | None = None) -> bool:
        """Block until every change so far is durable; False on timeout, or when the store
        did not load whole (nothing is written then)."""
        if self._saver is None:
            return True
        self.start_loading()  # a change waits for the whole store to load before its save
        return self._saver.wait_saved(timeout)
