"""The checks of a sync simulation: every laptop's records identical, and no edit lost (each
written entry is in the document or superseded by a newer one, and the stores hold what the
document says, a record gone only when deleted by someone who saw all its edits)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kam_tui.domain.errors import RecordError
from kam_tui.domain.hlc import Stamp
from kam_tui.sync.liveness import DELETED, TABLE, entry_stamp
from kam_tui.sync.values import plain

Records = Mapping[str, Mapping[str, Any]]
"""Records by global id: the shared document's (fields as [value, stamp, author, ...]) or a
store's (fields as values, references as global ids)."""


@dataclass(frozen=True)
class Written:
    """One entry a laptop wrote into the shared document for one of its own changes."""

    gid: str
    key: str
    value: Any
    stamp: Stamp


def lost_edits(document: Records, written: Iterable[Written], store: Records) -> list[str]:
    """What breaks "no edit lost", one line each (none: nothing lost). `document` is the
    synced document's records, `written` every entry each laptop wrote, `store` one synced
    laptop's records by global id (all laptops hold the same).

    - For each field, the entry with the newest stamp anyone wrote is the one the document
      holds (the older edit never wins a clash).
    - A record in the store holds the document's value of every field.
    - A record missing from the store is deleted in the document, by someone who had seen
      the stamp of every field it holds (an unseen edit keeps the record)."""
    problems: list[str] = []
    newest: dict[tuple[str, str], Stamp] = {}
    for entry in written:
        place = (entry.gid, entry.key)
        if place not in newest or entry.stamp > newest[place]:
            newest[place] = entry.stamp
    for (gid, key), stamp in sorted(newest.items()):
        held = entry_stamp(document.get(gid, {}).get(key))
        if held != stamp:
            problems.append(f"{gid} {key}: the document holds {held}, the newest written {stamp}")
    for gid, fields in document.items():
        entries = {k: v for k, v in fields.items() if k not in (TABLE, DELETED)}
        if gid in store:
            for key, entry in entries.items():
                try:
                    value = plain(entry[0])
                except (RecordError, TypeError, IndexError):
                    value = entry
                if store[gid].get(key) != value:
                    problems.append(f"{gid} {key}: the store holds {store[gid].get(key)!r}")
            continue
        deleted = fields.get(DELETED)
        if not (isinstance(deleted, list) and deleted and deleted[0] is True):
            problems.append(f"{gid}: missing from the store, not deleted")
            continue
        seen = set(deleted[3]) if len(deleted) > 3 else set()
        problems += [
            f"{gid} {key}: an edit the deleter had not seen, and the record is gone"
            for key, entry in entries.items()
            if entry[1] not in seen
        ]
    return problems
