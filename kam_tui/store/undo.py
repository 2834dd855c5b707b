"""Changes as before/after pairs, so every kind of edit can be undone and redone."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, fields, replace

from kam_tui.domain.models import Record

UNDO_LIMIT = 200
"""How many changes a session can undo."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One record's state before and after a change (None: it did not exist)."""

    table: str
    record_id: int
    before: Record | None
    after: Record | None


def new_edit(table: str, record_id: int, before: Record | None, after: Record | None) -> Edit:
    """The same as `Edit(table, record_id, before, after)`, made without the frozen
    dataclass's __init__ (its slots set directly), for changes of many records."""
    edit: Edit = _new_object(Edit)
    _set_table(edit, table)
    _set_record_id(edit, record_id)
    _set_before(edit, before)
    _set_after(edit, after)
    return edit


_new_object = object.__new__
_set_table = vars(Edit)["table"].__set__
_set_record_id = vars(Edit)["record_id"].__set__
_set_before = vars(Edit)["before"].__set__
_set_after = vars(Edit)["after"].__set__


@dataclass(frozen=True)
class Change:
    """One user action: a description and the edits it made, applied as a whole."""

    description: str
    edits: tuple[Edit, ...]
    subject: tuple[str, int] | None = None
    """(table, id) of the record the user acted on, whatever else the change touched: after
    an undo or redo the screens put the cursor on it."""
    remote: bool = False
    """True for a change that came from another laptop (team sync): applied, saved and
    published like any other, but never put in this user's undo history."""

    def inverted(self) -> Change:
        """The change that undoes this one."""
        return Change(
            self.description,
            tuple(Edit(e.table, e.record_id, e.after, e.before) for e in reversed(self.edits)),
            self.subject,
        )

    @property
    def subject_edit(self) -> Edit | None:
        """The edit of the record the user acted on (None when the change has no subject)."""
        return next(
            (edit for edit in self.edits if (edit.table, edit.record_id) == self.subject), None
        )


def rebased(change: Change, current: Callable[[str, int], Record | None]) -> Change:
    """`change` laid over the store as it is now, for an undo or redo, or a remote change
    read a moment ago, so that it changes only what it changed: a record changed since by
    someone else gets only the fields `change` changed and nobody changed since (a later
    value is kept: undo never undoes someone else's change, a remote change never undoes
    a later edit of this user's); an edit of a record deleted since, or re-added since,
    is left out."""
    edits: list[Edit] = []
    for edit in change.edits:
        now = current(edit.table, edit.record_id)
        if now == edit.before:
            edits.append(edit)
        elif edit.before is not None and edit.after is not None and now is not None:
            changed = {
                item.name: getattr(edit.after, item.name)
                for item in fields(edit.after)
                if getattr(edit.after, item.name) != getattr(edit.before, item.name)
                and getattr(now, item.name) == getattr(edit.before, item.name)
            }
            if changed:
                edits.append(Edit(edit.table, edit.record_id, now, replace(now, **changed)))
    return Change(change.description, tuple(edits), change.subject, change.remote)


class History:
    """The undo and redo stacks of a session."""

    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._undo: deque[Change] = deque(maxlen=limit)
        self._redo: list[Change] = []

    def record(self, change: Change) -> None:
        """Remember a new change; it clears what could be redone."""
        self._undo.append(change)
        self._redo.clear()

    def pop_undo(self) -> Change | None:
        """The last change, moved to the redo stack."""
        if not self._undo:
            return None
        change = self._undo.pop()
        self._redo.append(change)
        return change

    def pop_redo(self) -> Change | None:
        """The last undone change, moved back to the undo stack."""
        if not self._redo:
            return None
        change = self._redo.pop()
        self._undo.append(change)
        return change

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
