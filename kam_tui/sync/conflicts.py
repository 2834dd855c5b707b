"""What a sync reports to the user: values of theirs replaced, edits to deleted records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldConflict:
    """A field where this laptop's value was replaced by a newer one from someone else."""

    gid: str
    table: str
    record_id: int
    """The record's local id."""
    field: str
    mine: Any
    """This laptop's value, as the shared document holds it (references as gids)."""
    theirs: Any
    """The value that replaced it."""
    by: str
    """Who wrote theirs (the author's configured name)."""
    at: str
    """When, as a hybrid-clock stamp (kam_tui.domain.hlc.Stamp)."""


@dataclass(frozen=True)
class DeletedConflict:
    """A record someone deleted while someone else (perhaps this laptop) edited it: the
    record is kept, and shown here, rather than the edit being dropped. Reported once on
    each laptop (when the deletion arrives, or when the record comes back), for the record
    edited or the account kept, not for each record deleted with that account."""

    gid: str
    table: str
    record_id: int
    deleted_by: str
    deleted_at: str
    """The delete's hybrid-clock stamp."""
    edited_by: tuple[str, ...]
    """Who made the edits the deleter had not seen."""


Conflict = FieldConflict | DeletedConflict
