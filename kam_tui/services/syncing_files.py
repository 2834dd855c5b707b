"""The files sync keeps beside the store: the shared document, the journal of local changes
not yet written into it, the mark of remote changes not yet saved in the store, and the
conflicts shown to the user."""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

import orjson

from kam_tui.domain.errors import RecordError
from kam_tui.domain.models import TABLES, Record
from kam_tui.store.files import atomic_write_private
from kam_tui.store.undo import Change, Edit
from kam_tui.sync.conflicts import Conflict, DeletedConflict, FieldConflict

_LENGTH_BYTES = 4
"""Each update in the document's log is preceded by its length (big-endian)."""


class SyncFiles:
    """The paths of one store's sync files, and how each is written and read."""

    def __init__(self, store: Path) -> None:
        self.document = store.with_name(store.name + ".ydoc")
        """The shared document (its whole state as one Yjs update), written atomically."""
        self.document_log = store.with_name(store.name + ".ydoc-log")
        """Updates appended after the document was last written whole: a change costs its
        own size on disk, not the whole document's (rewritten when the log grows large)."""
        self.journal = store.with_name(store.name + ".ydoc-unsent")
        """One line per local edit not yet written into the saved document: what the
        record was before it (so a restart after a kill writes exactly that edit)."""
        self.remote_mark = store.with_name(store.name + ".ydoc-remote")
        """Present while the document may hold remote changes the saved store lacks."""
        self.conflicts = store.with_name(store.name + ".conflicts.json")
        """The conflicts not yet dealt with."""
        self._journal_lock = threading.Lock()
        self.log_whole = True
        """False when the last read of the document's log found a record cut short (then
        nothing may be appended after it before the document is written whole)."""

    # The document

    def read_document(self) -> list[bytes] | None:
        """The saved document as Yjs updates to apply in order (the whole state, then the
        updates appended since), or None when this laptop has not joined yet. A record cut
        short at the end of the log (a kill while appending) is left out: its content is
        still in the store's journal or on the server."""
        try:
            updates = [self.document.read_bytes()]
        except FileNotFoundError:
            return None
        self.log_whole = True
        try:
            log = self.document_log.read_bytes()
        except FileNotFoundError:
            return updates
        offset = 0
        while offset + _LENGTH_BYTES <= len(log):
            size = int.from_bytes(log[offset : offset + _LENGTH_BYTES], "big")
            end = offset + _LENGTH_BYTES + size
            if end > len(log):
                break
            updates.append(log[offset + _LENGTH_BYTES : end])
            offset = end
        self.log_whole = offset == len(log)
        return updates

    def write_document(self, update: bytes) -> None:
        """Write the whole document (then the log of updates it holds is dropped; applying
        an update twice is harmless, so a kill in between loses nothing)."""
        atomic_write_private(self.document, update)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.document_log)

    def append_document(self, updates: list[bytes]) -> int:
        """Append updates to the document's log, durably; returns the log's size."""
        record = b"".join(len(u).to_bytes(_LENGTH_BYTES, "big") + u for u in updates)
        fd = os.open(self.document_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, record)
            os.fsync(fd)
            return os.fstat(fd).st_size
        finally:
            os.close(fd)

    # The journal of local edits not yet in the saved document

    def note_unsent(self, change: Change) -> int:
        """Append the change's edits to the journal (called on the store's thread at each
        local change, before the store's own save: a kill after that save finds them);
        returns the journal's size after them."""
        lines = b"".join(
            orjson.dumps(
                [edit.table, edit.record_id, edit.before.to_doc() if edit.before else None]
            )
            + b"\n"
            for edit in change.edits
        )
        with self._journal_lock, self.journal.open("ab") as journal:
            journal.write(lines)
            return journal.tell()

    def journal_size(self) -> int:
        with self._journal_lock:
            try:
                return self.journal.stat().st_size
            except FileNotFoundError:
                return 0

    def forget_unsent(self, size: int) -> None:
        """Drop the journal once the document holding its edits is saved, unless lines
        were appended after `size` bytes (their edits are not in the saved document yet)."""
        with self._journal_lock, contextlib.suppress(FileNotFoundError):
            if self.journal.stat().st_size == size:
                os.unlink(self.journal)

    def unsent_edits(self, current: Any) -> list[Edit]:
        """The journal's edits, one per record: from what it was before its first journaled
        edit to what the store holds now (`current(table, id)`); unreadable lines (a kill
        in the middle of one) are skipped."""
        try:
            text = self.journal.read_bytes()
        except FileNotFoundError:
            return []
        first: dict[tuple[str, int], Record | None] = {}
        for line in text.splitlines():
            try:
                table, record_id, before = orjson.loads(line)
                kind = TABLES[table]
                record = kind.from_doc(int(record_id), before) if before is not None else None
            except (orjson.JSONDecodeError, RecordError, KeyError, TypeError, ValueError):
                continue
            first.setdefault((table, int(record_id)), record)
        edits: list[Edit] = []
        for (table, record_id), before in first.items():
            after = current(table, record_id)
            if before != after:
                edits.append(Edit(table, record_id, before, after))
        return edits

    # The mark of remote changes not yet durable in the store

    def mark_remote(self) -> None:
        atomic_write_private(self.remote_mark, b"")

    def unmark_remote(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.remote_mark)

    @property
    def remote_marked(self) -> bool:
        return self.remote_mark.exists()

    # Conflicts

    def write_conflicts(self, conflicts: list[Conflict]) -> None:
        rows = [
            {"kind": "field" if isinstance(c, FieldConflict) else "deleted", **asdict(c)}
            for c in conflicts
        ]
        atomic_write_private(self.conflicts, orjson.dumps(rows))

    def read_conflicts(self) -> list[Conflict]:
        """The conflicts saved by an earlier session (none when the file is unreadable)."""
        try:
            rows = orjson.loads(self.conflicts.read_bytes())
        except (FileNotFoundError, orjson.JSONDecodeError):
            return []
        conflicts: list[Conflict] = []
        for row in rows if isinstance(rows, list) else ():
            try:
                kind = row.pop("kind")
                if kind == "field":
                    conflicts.append(FieldConflict(**row))
                else:
                    row["edited_by"] = tuple(row["edited_by"])
                    conflicts.append(DeletedConflict(**row))
            except (AttributeError, KeyError, TypeError):
                continue
        return conflicts
