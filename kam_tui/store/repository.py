"""The repository: the one path through which kam-tui reads and writes its store."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from kam_tui.domain.clock import Clock, system_clock
from kam_tui.domain.gids import is_origin, new_origin
from kam_tui.domain.models import Account, Activity, Record
from kam_tui.domain.schema import Schema
from kam_tui.store.access import Access, claim_store
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.documents import doc_writer
from kam_tui.store.errors import ReadOnlyError, StoreError
from kam_tui.store.files import private_folder, special_kind
from kam_tui.store.loader import Loaded, load_store
from kam_tui.store.lock import StoreLock, real_path
from kam_tui.store.migrations import HIGH_WATER_KEY, META_TABLE, ORIGIN_KEY, meta_record
from kam_tui.store.reader import Tables
from kam_tui.store.saver import Saver, SaveState
from kam_tui.store.saving import Saving
from kam_tui.store.table_bytes import TableBytes
from kam_tui.store.undo import Change, Edit, History, new_edit, rebased

R = TypeVar("R", bound=Record)
Listener = Callable[[Change], None]

__all__ = ["ChangeSet", "Repository", "SaveState"]


class Repository(Saving):
    """The store of one file: reads served from memory, writes validated, undoable, saved."""

    def __init__(
        self,
        path: Path,
        schema: Schema,
        loaded: Loaded,
        *,
        clock: Clock,
        lock: StoreLock | None,
        locked_by: str | None,
        cannot_write: str | None = None,
        backup_first: bool = True,
        user: str = "",
    ) -> None:
        self.path = path
        """The store file."""
        self.schema = schema
        """The configurable rules records are validated against."""
        self.clock = clock
        """Where the time comes from."""
        self.user = user
        """Who makes the changes (the config's user), recorded in the status history."""
        self.locked_by = locked_by
        """Who holds the store when this one was opened read-only because of them."""
        self.cannot_write = cannot_write
        """Why the store cannot be written from here, when that made it open read-only."""
        self.revision = 0
        """Counts every change applied (including undo and redo) since opening."""
        self.load_error: StoreError | None = None
        """Set when a table loaded in the background is broken: then the store is read-only,
        and nothing is ever written to it (changes made while it loaded stay unsaved)."""
        self._lock = lock
        self._mutex = threading.RLock()
        self._data: dict[str, Any] = loaded.data
        """The raw tables (str ids -> documents) the saver serialises."""
        self._table_bytes = {name: TableBytes(whole) for name, whole in loaded.table_bytes.items()}
        self._records: Tables = {}
        self._by_account: dict[str, defaultdict[int, dict[int, Record]]] = {}
        self._next_id: dict[str, int] = {}
        self._meta = self._checked_meta()
        for table, records in loaded.tables.items():
            self._install(table, records)
        self._history = History()
        self._listeners: list[Listener] = []
        self._generation = 0
        self._loaded = threading.Event()
        self._saver: Saver | None = None
        if lock is not None:
            # A store created by this open holds nothing worth a backup; one still loading
            # is not saved until it has loaded whole.
            self._saver = Saver(
                path,
                self._snapshot,
                backup_before_first_save=backup_first,
                held=bool(loaded.pending),
            )
        self._pending_load: Loaded | None = loaded if loaded.pending else None
        if self._pending_load is None:
            self._finish_loading(loaded)

    def _checked_meta(self) -> dict[str, Any]:
        """The meta record, given an origin id and a high-water map when it lacks them (a
        store edited by hand): the fresh origin is saved with the next change."""
        meta = meta_record(self._data)
        high_water = meta.get(HIGH_WATER_KEY)
        fixed = dict(meta)
        if not isinstance(high_water, dict) or not all(
            type(value) is int for value in high_water.values()
        ):
            fixed[HIGH_WATER_KEY] = {}
        if not is_origin(meta.get(ORIGIN_KEY)):
            fixed[ORIGIN_KEY] = new_origin()
        if fixed != meta:
            self._data[META_TABLE] = {"1": fixed}
            self._bytes_of(META_TABLE).changed(1)
        return fixed

    @property
    def origin(self) -> str:
        """This store's origin id: the first part of the global id of every record made
        here (kam_tui.domain.gids)."""
        return str(self._meta[ORIGIN_KEY])

    def _note_deleted(self, table: str, record_id: int) -> None:
        """Keep a deleted record's id as its table's high water, so it is never handed out
        again, even after a restart (under the mutex). The meta record is replaced, never
        edited in place: the saver may be encoding the old one."""
        high_water: dict[str, int] = self._meta[HIGH_WATER_KEY]
        if record_id <= high_water.get(table, 0):
            return
        self._meta = {**self._meta, HIGH_WATER_KEY: {**high_water, table: record_id}}
        self._data[META_TABLE] = {"1": self._meta}
        self._bytes_of(META_TABLE).changed(1)

    # Opening and closing

    @classmethod
    def open(
        cls,
        path: Path,
        schema: Schema | None = None,
        *,
        clock: Clock = system_clock,
        read_only: bool = False,
        progressive: bool = False,
        user: str = "",
    ) -> Repository:
        """Open (or create) the store at `path`.

        A symbolic link is resolved once, here: the lock is on the file it points to, and
        saves replace that file, so the link stays a link. When another kam holds the store,
        it is opened read-only and `locked_by` names the other process; when it cannot be
        written from here (permissions, no room for its lock file, hard links), it is opened
        read-only and `read_only_reason` says why; nothing is ever written to it from here.
        With `read_only`, nothing is created either: no folder, no lock file, no store.
        With `progressive`, only the accounts are read before this returns; the other
        tables load in a thread started by `start_loading` (or by the first read that needs
        them, which waits for it). `user` names who makes the changes, in the status history.
        """
        path = real_path(path)
        schema = schema or Schema()
        kind = special_kind(path)
        if kind:
            raise StoreError(f"{path} is {kind}, not a store file. Pass the path of a .json file.")
        access = Access(None)
        existed = path.exists()
        if not read_only:
            try:
                private_folder(path.parent)
            except OSError as error:
                raise StoreError(
                    f"cannot create the folder {path.parent}: {error.strerror}"
                ) from None
            access = claim_store(path)
        lock = access.lock
        try:
            loaded = load_store(path, writable=lock is not None, progressive=progressive)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(
            path,
            schema,
            loaded,
            clock=clock,
            lock=lock,
            locked_by=access.locked_by,
            cannot_write=access.cannot_write,
            backup_first=existed,
            user=user,
        )

    @property
    def read_only(self) -> bool:
        """True when changes are refused (another kam holds the store, --read-only, or the
        store did not load whole, or the store's file was replaced under this kam: see
        `SaveState.stopped`)."""
        saver = self._saver
        return saver is None or saver.stopped is not None or self.load_error is not None

    def close(self, timeout: float | None = 30.0) -> SaveState:
        """Wait for the pending save, stop saving and release the lock."""
        state = self.save_state
        if self._saver is not None:
            if state.pending:
                self.start_loading()  # changes are saved once the store has loaded whole
            state = self._saver.close(timeout)
            self._saver = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        return state

    # Reading

    def get(self, kind: type[R], record_id: int) -> R | None:
        """One record by id."""
        if kind is not Account:
            self._children_ready()
        return self._records[kind.TABLE].get(record_id)  # type: ignore[return-value]

    def account(self, account_id: int) -> Account | None:
        """One account by id."""
        return self.get(Account, account_id)

    def accounts(self) -> list[Account]:
        """Every account (in the order they were first stored)."""
        return list(self._records[Account.TABLE].values())  # type: ignore[arg-type]

    def all(self, kind: type[R]) -> list[R]:
        """Every record of a kind."""
        if kind is not Account:
            self._children_ready()
        return list(self._records[kind.TABLE].values())  # type: ignore[arg-type]

    def children(self, kind: type[R], account_id: int) -> list[R]:
        """The records of `kind` that belong to an account, in id order."""
        self._children_ready()
        records = self._by_account[kind.TABLE].get(account_id)
        return sorted(records.values(), key=lambda r: r.id) if records else []  # type: ignore[arg-type]

    def count(self, kind: type[Record]) -> int:
        """How many records of a kind there are."""
        if kind is not Account:
            self._children_ready()
        return len(self._records[kind.TABLE])

    # Writing

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` after every applied change, undo and redo."""
        self._listeners.append(listener)

    def reserve_id(self, table: str) -> int:
        """A fresh id for a new record (never reused within a session)."""
        if table != Account.TABLE and not self._loaded.is_set():
            self._children_ready()
        with self._mutex:
            record_id = self._next_id[table]
            self._next_id[table] = record_id + 1
            return record_id

    def reserve_ids(self, table: str, count: int) -> Sequence[int]:
        """`count` fresh ids in a row, as `count` calls of `reserve_id` would give them."""
        if table != Account.TABLE and not self._loaded.is_set():
            self._children_ready()
        with self._mutex:
            first = self._next_id[table]
            self._next_id[table] = first + count
        return range(first, first + count)

    @contextmanager
    def change(self, description: str) -> Iterator[ChangeSet]:
        """Collect edits; they are applied together, as one undoable change, at the end."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        change_set = ChangeSet(self, description)
        yield change_set
        change = change_set.build()
        if change.edits:
            self._apply(change)
            self._history.record(change)
            change_set.applied = change

    def save(self, record: R, description: str | None = None) -> R:
        """Insert or update one record as its own change."""
        verb = "Added" if record.id == 0 else "Edited"
        with self.change(description or f"{verb} {record.label}") as change:
            saved = change.save(record)
        return saved

    def delete(self, record: Record, description: str | None = None) -> None:
        """Delete one record (with what belongs to it) as its own change."""
        with self.change(description or f"Deleted {record.label}") as change:
            change.delete(record)

    def log_activity(self, activity: Activity, description: str | None = None) -> Activity:
        """Add an activity and update its account's last contact and satisfaction."""
        with self.change(description or f"Logged {activity.label}") as change:
            saved = change.log_activity(activity)
        return saved

    def undo(self) -> Change | None:
        """Undo the last change; returns it, or None when there is nothing to undo."""
        return self._replay(self._history.pop_undo, inverted=True)

    def redo(self) -> Change | None:
        """Redo the last undone change; returns it, or None when there is nothing to redo."""
        return self._replay(self._history.pop_redo, inverted=False)

    def _replay(self, pop: Callable[[], Change | None], *, inverted: bool) -> Change | None:
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        change = pop()
        if change is not None:
            self._children_ready()
            replay = rebased(change.inverted() if inverted else change, self._current)
            if replay.edits:
                self._apply(replay)
        return change

    def _current(self, table: str, record_id: int) -> Record | None:
        return self._records[table].get(record_id)

    def apply_remote(self, change: Change) -> Change:
        """Apply a change that came from another laptop (its `remote` flag set): saved and
        published on the feed like any other, never in this user's undo history. It is laid
        over the store as it is now (as undo is): a record this user changed since the
        change was read keeps those changes. Returns the change as applied."""
        if not change.remote:
            raise ValueError("apply_remote takes only changes marked remote")
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason)
        self._children_ready()
        applied = rebased(change, self._current)
        if applied.edits:
            self._apply(applied)
        return applied

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def _apply(self, change: Change) -> None:
        """Apply a change to memory and to the raw tables the saver writes, then schedule
        the durable save and publish the change.

        The raw tables are edited directly (a document replaced is removed and added, so
        it moves to its table's end as it always has): a change of hundreds of thousands
        of records, an import, pays one dict write per record, not TinyDB's per-document
        table update."""
        if any(edit.table != Account.TABLE for edit in change.edits):
            self._children_ready()
            if self.read_only:
                raise ReadOnlyError(self.read_only_reason)
        with self._mutex:
            inserts: dict[str, _Inserting] = {}
            for edit in change.edits:
                table = edit.table
                after = edit.after
                into = inserts.get(table)
                if edit.before is None and after is not None:
                    if into is None:
                        into = inserts[table] = self._inserting(table)
                    into.pending.append((edit.record_id, after))
                    continue
                if into is not None:
                    self._flush(into)  # the table's edits stay in their order
                self._apply_edit(edit)
            for into in inserts.values():
                self._flush(into)
            self._generation += 1
            generation = self._generation
        self.revision += 1
        if self._saver is not None:
            self._saver.changed(generation)
        for listener in self._listeners:
            listener(change)

    def _apply_edit(self, edit: Edit) -> None:
        """Apply one edit to memory and to its raw table (under the mutex)."""
        self._apply_in_memory(edit)
        table, after = edit.table, edit.after
        raw = self._data.get(table)
        if raw is None:
            raw = self._data[table] = {}
        key = str(edit.record_id)
        if edit.before is not None:
            raw.pop(key, None)
            if after is None:
                self._note_deleted(table, edit.record_id)
        if after is not None:
            if key in raw:
                raise StoreError(f"{table} {key} already exists")
            raw[key] = after.to_doc()
        self._bytes_of(table).changed(edit.record_id)

    def _flush(self, into: _Inserting) -> None:
        """Add a table's pending new records: as one batch, or one edit at a time when an
        id is taken already (then as any edit from nothing is applied)."""
        for record_id, record in into.flush():
            self._apply_edit(new_edit(record.TABLE, record_id, None, record))

    def _inserting(self, table: str) -> _Inserting:
        """Where the new records of one table go, looked up once per change (under the
        mutex)."""
        raw = self._data.get(table)
        if raw is None:
            raw = self._data[table] = {}
        return _Inserting(
            self._records[table], self._by_account.get(table), raw, self._bytes_of(table)
        )

    def _apply_in_memory(self, edit: Edit) -> None:
        records = self._records[edit.table]
        index = self._by_account.get(edit.table)
        old = records.get(edit.record_id)
        if edit.after is None:
            records.pop(edit.record_id, None)
        if old is not None and index is not None:
            siblings = index.get(old.account_id)  # type: ignore[attr-defined]
            if siblings is not None:
                siblings.pop(old.id, None)
        if edit.after is not None:
            records[edit.record_id] = edit.after
            if index is not None:
                index[edit.after.account_id][edit.record_id] = edit.after  # type: ignore[attr-defined]

    @property
    def read_only_reason(self) -> str:
        """Why changes are refused (meaningful only when `read_only`)."""
        saver = self._saver
        if saver is not None and saver.stopped is not None:
            return saver.stopped
        if self.load_error is not None:
            return f"{self.path} did not load whole; nothing is written to it"
        if self.locked_by:
            return f"{self.path} is open in another kam ({self.locked_by}); this one is read-only"
        if self.cannot_write:
            return f"{self.cannot_write}; it was opened read-only"
        return f"{self.path} was opened read-only"

    def tables_in_use(self) -> dict[str, int]:
        """Record counts per table (for `kam check`)."""
        self._children_ready()
        return {table: len(records) for table, records in self._records.items()}


class _Inserting:
    """Adds new records to one table: in memory, in its index by account, as raw documents,
    and marked for the next save; the same as edits from nothing, made a batch at a time
    (dict updates, documents by the kind's generated writer, chunks marked once) for a
    change adding hundreds of thousands of records (an import)."""

    __slots__ = ("_bytes", "_index", "_raw", "_records", "pending")

    def __init__(
        self,
        records: dict[int, Record],
        index: defaultdict[int, dict[int, Record]] | None,
        raw: dict[str, Any],
        table_bytes: TableBytes,
    ) -> None:
        self._records = records
        self._index = index
        self._raw = raw
        self._bytes = table_bytes
        self.pending: list[tuple[int, Record]] = []
        """(id, record) of the new records not added yet, in the change's order."""

    def flush(self) -> list[tuple[int, Record]]:
        """Add the pending records as one batch (under the mutex); when one's id is taken
        already (in memory, in the raw table, or twice in the batch), add none and return
        them all, for the caller to apply one by one."""
        pending, self.pending = self.pending, []
        if not pending:
            return []
        records, raw = self._records, self._raw
        ids = [record_id for record_id, _ in pending]
        keys = list(map(str, ids))
        if (
            not records.keys().isdisjoint(ids)
            or not raw.keys().isdisjoint(keys)
            or len(set(ids)) < len(ids)
        ):
            return pending
        records.update(pending)
        index = self._index
        if index is not None:
            for record_id, record in pending:
                index[record.account_id][record_id] = record  # type: ignore[attr-defined]
        write = doc_writer(type(pending[0][1]))
        raw.update(zip(keys, [write(record) for _, record in pending], strict=True))
        self._bytes.changed_many(ids)
        return []
