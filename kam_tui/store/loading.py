"""The repository's tables in memory as they load: the accounts at once, the rest in a
thread, every read of them waiting until they are there."""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

from kam_tui.domain.models import TABLES, Account, Record
from kam_tui.store.errors import StoreError
from kam_tui.store.loader import Loaded, load_rest
from kam_tui.store.migrations import HIGH_WATER_KEY
from kam_tui.store.reader import Tables
from kam_tui.store.saver import Saver
from kam_tui.store.table_bytes import TableBytes

FREEZE_ABOVE = 5_000
"""Past this many records, loaded records are moved out of the garbage collector's sight."""


class Loading:
    """The loading half of the repository (its state is set by `Repository.__init__`)."""

    path: Path
    load_error: StoreError | None
    _mutex: threading.RLock
    _data: dict[str, Any]
    _table_bytes: dict[str, TableBytes]
    _records: Tables
    _by_account: dict[str, defaultdict[int, dict[int, Record]]]
    _next_id: dict[str, int]
    _meta: dict[str, Any]
    _loaded: threading.Event
    _pending_load: Loaded | None
    _saver: Saver | None

    def _install(self, table: str, records: dict[int, Record]) -> None:
        """Make a table's records readable (under the mutex when other threads run)."""
        if table != Account.TABLE:
            index: defaultdict[int, dict[int, Record]] = defaultdict(dict)
            for record in records.values():
                index[record.account_id][record.id] = record  # type: ignore[attr-defined]
            self._by_account[table] = index
        high_water = self._meta.get(HIGH_WATER_KEY, {}).get(table, 0)
        self._next_id[table] = max(max(records, default=0), high_water) + 1
        self._records[table] = records

    def _load_rest(self, loaded: Loaded) -> None:
        """Parse the tables the boards do not need for their first paint; then let the saver
        write, or, when a table is broken, never let it write."""
        error: StoreError | None = None
        gc.disable()
        try:
            for table in load_rest(self.path, loaded):
                if table.error is not None:
                    error = error or table.error
                    continue
                with self._mutex:
                    self._data[table.name] = table.raw
                    self._install(table.name, table.records)
                    if not table.bytes_reusable:
                        self._table_bytes.pop(table.name, None)
        except Exception as unexpected:  # never leave the saver waiting for a load that ended
            error = StoreError(f"{self.path} could not be read whole: {unexpected!r}")
            raise
        finally:
            gc.enable()
            self.load_error = error
            self._finish_loading(loaded)  # before the saver is let go: see `_loaded_whole`
            if self._saver is not None:
                if error is None:
                    self._saver.release()
                else:
                    self._saver.abandon(
                        f"{self.path} did not load whole, so nothing is written to it"
                    )

    def _finish_loading(self, loaded: Loaded) -> None:
        with self._mutex:
            for table in TABLES:
                if table not in self._records:
                    self._install(table, {})
        # What was loaded lives as long as the store: keep the collector from rescanning
        # hundreds of thousands of records at every full collection, a UI stall each time.
        if sum(len(records) for records in self._records.values()) > FREEZE_ABOVE:
            gc.freeze()
        self._loaded.set()

    @property
    def _loaded_whole(self) -> bool:
        """True once every table has loaded without error; until then nothing is saved.

        `_load_rest` sets `load_error` and the loaded event before it lets the saver go, so
        the saver's first snapshot finds this true."""
        return self._loaded.is_set() and self.load_error is None

    def start_loading(self) -> None:
        """Start reading the tables left for later (once; the app calls it after first paint,
        and any read that needs them starts it too)."""
        with self._mutex:
            loaded, self._pending_load = self._pending_load, None
        if loaded is not None:
            threading.Thread(
                target=self._load_rest, args=(loaded,), name="kam-loader", daemon=True
            ).start()

    def wait_loaded(self, timeout: float | None = None) -> bool:
        """Block until every table is loaded; raise the load error if one was broken."""
        self.start_loading()
        done = self._loaded.wait(timeout)
        if self.load_error is not None:
            raise self.load_error
        return done

    def _children_ready(self) -> None:
        """Wait for the tables loading in the background (a broken one reads as empty: the
        store is then read-only, and `load_error` says why)."""
        if not self._loaded.is_set():
            self.start_loading()
            self._loaded.wait()
