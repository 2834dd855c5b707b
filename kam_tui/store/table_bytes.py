"""A table's JSON kept in chunks of records, so that a save serialises only what changed.

Serialising holds the GIL: a table serialised in one call stalls the UI for as long as that
takes, which grows with the table. Kept in chunks, a save re-serialises the
few chunks holding changed records, each call is short, and the UI thread gets the
interpreter back between chunks.

The saver thread works in three steps. Under the repository's mutex, `take` notes what the
table is now: bytes still valid, and shallow copies of the records to serialise (cheap:
records are replaced on change, never edited in place). Outside the mutex, `encode` turns
that into bytes. Under the mutex again, `keep` stores the new chunks that no change has
touched since `take`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from kam_tui.store.files import Pieces

CHUNK_RECORDS = 256
"""Records per chunk: record `id` is in chunk `id // CHUNK_RECORDS`."""


def chunk_of(record_id: int) -> int:
    """The chunk a record belongs to."""
    return record_id // CHUNK_RECORDS


@dataclass
class TableSnapshot:
    """A table as `take` found it, ready to be encoded outside the mutex."""

    whole: bytes | memoryview | None = None
    """The table's bytes as read from the file, when nothing changed since."""
    kept: dict[int, bytes] = field(default_factory=dict)
    """Chunks whose bytes are still valid."""
    todo: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Chunks to serialise, with their records."""
    unsorted: dict[str, Any] | None = None
    """Every record, when no chunk was ever built (sorted into `todo` by `encode`)."""
    made: dict[int, bytes] = field(default_factory=dict)
    """The chunks `encode` serialised."""

    def encode(self) -> Pieces:
        """The table as JSON, in pieces to write one after the other."""
        if self.whole is not None:
            return [self.whole]
        if self.unsorted is not None:
            for key, record in self.unsorted.items():
                self.todo.setdefault(chunk_of(int(key)), {})[key] = record
            self.unsorted = None
        for chunk, records in self.todo.items():
            self.made[chunk] = orjson.dumps(records)[1:-1] if records else b""
        bodies = {**self.kept, **self.made}
        pieces: Pieces = [b"{"]
        for chunk in sorted(bodies):
            body = bodies[chunk]
            if body:
                if len(pieces) > 1:
                    pieces.append(b",")
                pieces.append(body)
        pieces.append(b"}")
        return pieces


class TableBytes:
    """What a save of one table can reuse: its bytes from the file, or its clean chunks."""

    def __init__(self, whole: bytes | memoryview | None = None) -> None:
        self._whole = whole
        self._chunks: dict[int, bytes] | None = None
        """Clean chunks; None until the first save after a change builds them all."""
        self._dirty: set[int] = set()

    def changed(self, record_id: int) -> None:
        """A record of the table was added, replaced or removed (under the mutex)."""
        self._whole = None
        if self._chunks is not None:
            self._dirty.add(chunk_of(record_id))

    def changed_many(self, record_ids: list[int]) -> None:
        """Records of the table were added, replaced or removed (under the mutex)."""
        self._whole = None
        if self._chunks is not None:
            self._dirty.update(map(chunk_of, record_ids))

    def take(self, raw: dict[str, Any]) -> TableSnapshot:
        """What to write for the table as it is now (under the mutex)."""
        if self._whole is not None:
            return TableSnapshot(whole=self._whole)
        if self._chunks is None:
            self._chunks = {}
            self._dirty.clear()
            return TableSnapshot(unsorted=dict(raw))
        snapshot = TableSnapshot(
            kept={c: body for c, body in self._chunks.items() if c not in self._dirty}
        )
        for chunk in self._dirty:
            first = chunk * CHUNK_RECORDS
            records = {}
            for record_id in range(first, first + CHUNK_RECORDS):
                key = str(record_id)
                record = raw.get(key)
                if record is not None:
                    records[key] = record
            snapshot.todo[chunk] = records
            self._chunks.pop(chunk, None)
        self._dirty.clear()
        return snapshot

    def keep(self, snapshot: TableSnapshot) -> None:
        """Store the chunks `snapshot` serialised that no change touched since (under the
        mutex)."""
        if self._chunks is None:
            return
        for chunk, body in snapshot.made.items():
            if chunk not in self._dirty:
                self._chunks[chunk] = body
