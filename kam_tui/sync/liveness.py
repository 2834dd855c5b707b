"""Soft deletes in the shared document: which records are live, which are kept as conflicts.

A record is live when it was never deleted, or when its latest deletion is undone, or when
it holds an edit the deleter had not seen (a field whose stamp is not in the deletion's
`seen`): that edit is kept, and the record with it, as a conflict rather than dropped. An
account is also kept while one of its records is live on its own (a contact added while
someone deleted the account), and then the records deleted with it (the same deletion
stamp) come back with it. Every laptop decides this from the same document alone, so all
of them agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pycrdt import Map

from kam_tui.domain.hlc import Stamp
from kam_tui.domain.models import Account

TABLE = "table"
"""The key of a record's table in its Map."""
DELETED = "deleted"
"""The key of a record's deletion: [flag, stamp, author, seen stamps]."""
_NOT_FIELDS = frozenset({TABLE, DELETED})


def entry_stamp(entry: Any) -> Stamp | None:
    """The stamp of a [value, stamp, author, ...] entry (None when it is not one)."""
    if not isinstance(entry, list) or len(entry) < 2 or not isinstance(entry[1], str):
        return None
    try:
        return Stamp.parse(entry[1])
    except ValueError:
        return None


Fields = Mapping[str, Any] | Map[Any]
"""A record's Map, or the plain dict read from it."""
View = Mapping[str, dict[str, Any]]
"""Records read out of the document into plain dicts, by global id."""


def stamps_of(fields: Fields) -> Iterator[str]:
    """The stamps of a record's field entries."""
    return (str(entry[1]) for entry in _entries(fields))


def _entries(fields: Fields) -> Iterator[list[Any]]:
    for key, entry in fields.items():
        if key not in _NOT_FIELDS and isinstance(entry, list) and len(entry) > 1:
            yield entry


def _unseen(fields: Fields, deleted: list[Any]) -> list[list[Any]]:
    """The field entries a deletion had not seen."""
    seen = set(deleted[3]) if len(deleted) > 3 and isinstance(deleted[3], list) else set()
    return [entry for entry in _entries(fields) if entry[1] not in seen]


def unseen_authors(fields: Fields) -> set[str]:
    """Who made the edits the record's deleter had not seen."""
    deleted = fields.get(DELETED)
    if not isinstance(deleted, list):
        return set()
    return {str(entry[2]) for entry in _unseen(fields, deleted) if len(entry) > 2}


def _deletion(fields: Fields) -> list[Any] | None:
    deleted = fields.get(DELETED)
    if isinstance(deleted, list) and deleted and deleted[0] is True:
        return deleted
    return None


def _live_alone(fields: Fields | None) -> bool:
    """Live by its own state: not deleted, or holding an edit its deleter had not seen."""
    if fields is None:
        return False
    deleted = _deletion(fields)
    return deleted is None or bool(_unseen(fields, deleted))


class Liveness:
    """Decides which records of the document are live; knows each account's records."""

    def __init__(self, parents: dict[str, str] | None = None) -> None:
        self._children: defaultdict[str, set[str]] = defaultdict(set)
        self._parent: dict[str, str] = dict(parents or {})
        for gid, account in self._parent.items():
            self._children[account].add(gid)

    @property
    def parents(self) -> dict[str, str]:
        """Global id -> its account's global id, for every record that has one."""
        return dict(self._parent)

    def note(self, gid: str, fields: Fields | None) -> None:
        """Note the account a record belongs to (none for an account)."""
        entry = fields.get("account_id") if fields is not None else None
        account = entry[0] if isinstance(entry, list) and entry else None
        old = self._parent.get(gid)
        if old == account:
            return
        if old is not None:
            self._children[old].discard(gid)
            del self._parent[gid]
        if isinstance(account, str):
            self._parent[gid] = account
            self._children[account].add(gid)

    def around(self, gids: Iterable[str]) -> set[str]:
        """`gids`, their accounts and every record of those accounts: what a change to one
        of them may change the store's view of (liveness, references, which all stay
        within one account)."""
        result = set(gids)
        accounts = {self._parent.get(gid, gid) for gid in result}
        for account in accounts:
            result.add(account)
            result.update(self._children.get(account, ()))
        return result

    def _account_kept(self, gid: str, view: View) -> bool:
        return _live_alone(view.get(gid)) or any(
            _live_alone(view.get(child)) for child in self._children.get(gid, ())
        )

    def alive(self, gid: str, view: View) -> bool:
        """True when the record is live (see the module); `view` holds it, its account
        and the account's records (`around`)."""
        fields = view.get(gid)
        if fields is None:
            return False
        deleted = _deletion(fields)
        if deleted is None or _unseen(fields, deleted):
            return True
        if fields.get(TABLE) == Account.TABLE:
            return self._account_kept(gid, view)
        account = self._parent.get(gid)
        account_fields = view.get(account) if account is not None else None
        if account is None or account_fields is None:
            return False
        account_deleted = _deletion(account_fields)
        return (
            account_deleted is not None
            and account_deleted[1] == deleted[1]
            and self._account_kept(account, view)
        )
