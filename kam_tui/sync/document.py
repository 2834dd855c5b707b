"""The team's shared document (a pycrdt Doc) and how it meets the store, both ways.

Layout: a root Map "records", keyed by global id, holds one Map per record: "table" (the
record's table), one key per replicated field holding [value, stamp, author] (an edit
adds a fourth: the stamp of the entry it replaced, so a later edit of a value is told from
a clash with it), and, once
the record was deleted or restored, "deleted" holding [flag, stamp, author, seen] (`seen`:
the stamps of the record's fields the deleter had, so an edit it had not seen is told
apart). Stamps are hybrid-clock strings (kam_tui.domain.hlc); authors are configured names.

A Doc belongs to one thread: every method here is called on the thread that owns it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from pycrdt import Doc, Map, MapEvent

from kam_tui.domain.errors import RecordError
from kam_tui.domain.gids import local_gid, parse_gid
from kam_tui.domain.hlc import HybridClock, Stamp
from kam_tui.domain.models import TABLES, Account, Record
from kam_tui.store.repository import Repository
from kam_tui.store.undo import Change, Edit
from kam_tui.sync.conflicts import Conflict, DeletedConflict, FieldConflict
from kam_tui.sync.derived import with_last_contact
from kam_tui.sync.liveness import (
    DELETED,
    TABLE,
    Liveness,
    entry_stamp,
    stamps_of,
    unseen_authors,
)
from kam_tui.sync.values import UNREPORTED, decode, defaults_of, encode, plain

ROOT = "records"
"""The root Map of the shared document."""
LOCAL = "kam-local"
"""The transaction origin of this laptop's own writes (its observer skips them)."""


@dataclass(frozen=True)
class RemoteRead:
    """What remote updates brought: the change that brings the store up to the document
    (marked remote), the conflicts to show, and what could not be read."""

    change: Change
    conflicts: tuple[Conflict, ...] = ()
    reasserted: int = 0
    """Values of this laptop that Yjs had displaced with older ones, written again."""
    rejected: tuple[tuple[str, str], ...] = ()
    """(gid, why) of records whose values in the document are malformed (left as they are
    in the store)."""


class SharedDocument:
    """The shared document of one store: local changes written in, remote ones read out."""

    def __init__(
        self,
        doc: Doc[Any],
        repository: Repository,
        *,
        parents: dict[str, str] | None = None,
        stale: Iterable[str] = (),
    ) -> None:
        """`parents`: the saved record index (record_index) when it matched the document
        before the updates that touched `stale`; without it every record is read out."""
        self.doc = doc
        """The pycrdt document (the transport moves its updates)."""
        self._repository = repository
        self.origin = repository.origin
        """This store's origin id."""
        self._records: Map[Any] = doc.get(ROOT, type=Map)
        self._live = Liveness(parents)
        self._foreign: dict[str, tuple[str, int]] = {}
        """Global id -> (table, local id) of the records that came from other laptops."""
        self._foreign_gid: dict[tuple[str, int], str] = {}
        for kind in TABLES.values():
            for record in repository.all(kind):
                if record.gid:
                    self._know(record.gid, record.TABLE, record.id)
        self._touched: set[str] = set()
        self._deletions: set[str] = set()
        """Records whose deletion entry remote updates set or changed."""
        self._displaced: list[tuple[str, str, Any]] = []
        if parents is None:
            for gid, fields in self._view((), everything=True).items():
                self._live.note(gid, fields)
        else:
            stale = set(stale)
            view = self._view(stale)
            for gid in stale:
                self._live.note(gid, view.get(gid))
        self._records.observe_deep(self._observe)

    @property
    def parents(self) -> dict[str, str]:
        """The record index: each record's account (saved beside the document)."""
        return self._live.parents

    # Ids

    def _know(self, gid: str, table: str, record_id: int) -> None:
        self._foreign[gid] = (table, record_id)
        self._foreign_gid[(table, record_id)] = gid

    def gid_of(self, table: str, record_id: int) -> str:
        """The global id of a local record (one deleted since included)."""
        return self._foreign_gid.get((table, record_id)) or local_gid(self.origin, table, record_id)

    def _gid_of_record(self, record: Record) -> str:
        if record.gid:
            self._know(record.gid, record.TABLE, record.id)
            return record.gid
        return local_gid(self.origin, record.TABLE, record.id)

    def local_id(self, gid: str) -> int | None:
        """The local id a global id has in this store (None when it has none yet)."""
        known = self._foreign.get(gid)
        if known is not None:
            return known[1]
        parsed = parse_gid(gid)
        if parsed is not None and parsed[0] == self.origin:
            return parsed[2]
        return None

    # Writing

    def _stamp_over(self, stamp: Stamp, current: Any) -> Stamp:
        """`stamp`, or one just after the entry it replaces when that one is newer (a
        laptop whose clock is ahead): an edit made after seeing a value beats it."""
        if isinstance(current, list) and len(current) > 1:
            previous = entry_stamp(current)
            if previous is not None and previous >= stamp:
                return previous.after(self.origin)
        return stamp

    def write_change(self, change: Change, clock: HybridClock, author: str) -> None:
        """Write a local change into the document as one Yjs transaction: for each record,
        only the fields that changed (derived fields never), its deletion, or the whole
        record when it is new to the document. Remote changes are not written back."""
        if change.remote or not change.edits:
            return
        stamp = clock.tick()
        with self.doc.transaction(origin=LOCAL):
            for edit in change.edits:
                self._write_edit(edit, stamp, author)

    def publish(self, records: Iterable[Record], clock: HybridClock, author: str) -> int:
        """Write the records the document does not hold yet (a store joining the team);
        returns how many. Only records made in this store: one that came from elsewhere is
        already in the document it came from."""
        stamp = clock.tick()
        count = 0
        with self.doc.transaction(origin=LOCAL):
            for record in records:
                gid = self._gid_of_record(record)
                if record.gid or gid in self._records:
                    continue
                self._write_edit(Edit(record.TABLE, record.id, None, record), stamp, author)
                count += 1
        return count

    def _write_edit(self, edit: Edit, stamp: Stamp, author: str) -> None:
        record = edit.after or edit.before
        assert record is not None
        gid = self._gid_of_record(record)
        fields: Map[Any] | None = self._records.get(gid)
        if edit.after is None:
            if fields is not None:
                previous = fields.get(DELETED)
                seen = sorted(stamps_of(fields))
                fields[DELETED] = [True, str(self._stamp_over(stamp, previous)), author, seen]
            return
        values = encode(edit.after, self.gid_of)
        defaults = defaults_of(record.TABLE)
        if fields is None:  # a new record: its fields at their defaults go without saying
            entry = str(stamp)
            self._records[gid] = Map(
                {
                    TABLE: record.TABLE,
                    **{k: [v, entry, author] for k, v in values.items() if v != defaults.get(k)},
                }
            )
            self._live.note(gid, {"account_id": [values.get("account_id")]})
            return
        old = encode(edit.before, self.gid_of) if edit.before is not None else None
        for key, value in values.items():
            current = fields.get(key)
            if old is not None and old.get(key) == value:
                continue
            if old is None and (
                plain(current[0]) == value
                if isinstance(current, list)
                else value == defaults.get(key)
            ):
                continue
            written = [value, str(self._stamp_over(stamp, current)), author]
            if isinstance(current, list) and len(current) > 1:
                written.append(current[1])  # what this edit replaced: it had seen that
            fields[key] = written
        if old is None:
            previous = fields.get(DELETED)
            if isinstance(previous, list) and previous[0]:
                fields[DELETED] = [False, str(self._stamp_over(stamp, previous)), author, []]
        self._live.note(gid, {"account_id": [values.get("account_id")]})

    # Reading

    def _observe(self, events: list[Any]) -> None:
        """Note what remote updates touched (called by pycrdt inside the transaction)."""
        for event in events:
            if event.transaction.origin == LOCAL or not isinstance(event, MapEvent):
                continue
            path: list[Any] = event.path  # type: ignore[attr-defined]
            for key, change in event.keys.items():  # type: ignore[attr-defined]
                if not path:
                    self._touched.add(key)
                    continue
                gid = str(path[0])
                self._touched.add(gid)
                if key == DELETED:
                    self._deletions.add(gid)
                if change.get("action") == "update":
                    self._displaced.append((gid, key, change.get("oldValue")))

    @property
    def pending(self) -> bool:
        """True when remote updates touched records not read out yet."""
        return bool(self._touched)

    def read_remote(self, clock: HybridClock, *, everything: bool = False) -> RemoteRead:
        """After remote updates were applied to the document: the records whose state
        differs from the store, as one change marked remote (new global ids get local ids,
        references are translated), and the conflicts. Values of this laptop that Yjs
        displaced with older ones are written again first (the newest stamp wins, not the
        client with the larger id). `everything` compares every record, not only those the
        updates touched (after loading a document saved by an earlier session)."""
        touched = set(self._records.keys()) if everything else self._touched
        deletions = touched if everything else self._deletions
        displaced, self._touched, self._displaced = self._displaced, set(), []
        self._deletions = set()
        conflicts: list[Conflict] = []
        reasserted = 0
        with self.doc.transaction(origin=LOCAL):
            for gid, key, old in displaced:
                fields: Map[Any] | None = self._records.get(gid)
                if fields is None:
                    continue
                current = fields.get(key)
                mine, theirs = entry_stamp(old), entry_stamp(current)
                if mine is None or theirs is None or not isinstance(current, list):
                    continue
                if mine > theirs:
                    fields[key] = old
                    reasserted += 1
                elif (
                    mine.origin == self.origin
                    and theirs.origin != self.origin
                    and not _had_seen(current, mine)
                    and key != DELETED
                    and key not in UNREPORTED.get(str(fields.get(TABLE)), ())
                    and plain(old[0]) != plain(current[0])
                ):
                    conflicts.append(self._field_conflict(gid, fields, key, old, current))
        view = self._view(touched, everything=everything)
        newest = ""
        for gid in touched:
            record = view.get(gid)
            self._live.note(gid, record)
            if record is not None:
                newest = max(newest, *stamps_of(record), "")
        if newest:
            clock.receive(Stamp.parse(newest))
        around = self._live.around(touched)
        view.update(self._view(around - view.keys()))
        edits, rejected, kept = self._reconcile(around, touched, deletions, view)
        conflicts.extend(kept)
        change = Change(f"Changes from the team ({len(edits)} records)", tuple(edits), remote=True)
        return RemoteRead(change, tuple(conflicts), reasserted, tuple(rejected))

    def _view(self, gids: Iterable[str], *, everything: bool = False) -> dict[str, dict[str, Any]]:
        """The records of `gids` read out of the document once, as plain dicts, through
        Yrs's own JSON (pycrdt's `to_py` reads a Map key by key, a call into Yrs each)."""
        if everything:
            whole: dict[str, dict[str, Any]] = orjson.loads(str(self._records))
            return whole
        view: dict[str, dict[str, Any]] = {}
        for gid in gids:
            fields = self._records.get(gid)
            if isinstance(fields, Map):
                view[gid] = orjson.loads(str(fields))
        return view

    def _field_conflict(
        self, gid: str, fields: Map[Any], key: str, mine: list[Any], theirs: list[Any]
    ) -> FieldConflict:
        table = str(fields.get(TABLE))
        return FieldConflict(
            gid, table, self.local_id(gid) or 0, key, plain(mine[0]), plain(theirs[0]),
            str(theirs[2]), str(theirs[1]),
        )  # fmt: skip

    def _reconcile(
        self,
        gids: set[str],
        touched: set[str],
        deletions: set[str],
        view: dict[str, dict[str, Any]],
    ) -> tuple[list[Edit], list[tuple[str, str]], list[DeletedConflict]]:
        """The edits that make the store's records of `gids` what the document says, and
        the records kept although deleted, reported once: when the deletion arrives, or
        when the record comes back into the store (`deletions`: the records whose deletion
        entry the updates set)."""
        repository = self._repository
        alive: dict[str, bool] = {}
        ids: dict[str, int] = {}
        for gid in sorted(gids, key=_accounts_first):
            fields = view.get(gid)
            table = fields.get(TABLE) if fields is not None else None
            if fields is None or table not in TABLES:
                continue
            alive[gid] = self._live.alive(gid, view)
            record_id = self.local_id(gid)
            if record_id is None and alive[gid]:
                record_id = repository.reserve_id(table)
                self._know(gid, table, record_id)
            if record_id is not None:
                ids[gid] = record_id

        def id_of(target: str) -> int | None:
            if target in alive:
                return ids[target] if alive[target] else None
            record_id = self.local_id(target)
            parsed = parse_gid(target)
            table = self._foreign.get(target, (parsed[1] if parsed else "", 0))[0]
            if record_id is None or table not in TABLES:
                return None
            return record_id if repository.get(TABLES[table], record_id) else None

        edits: list[Edit] = []
        rejected: list[tuple[str, str]] = []
        kept: list[DeletedConflict] = []
        for gid, is_alive in alive.items():
            fields = view[gid]
            table = str(fields[TABLE])
            record_id = ids.get(gid)
            current = repository.get(TABLES[table], record_id) if record_id else None
            if not is_alive:
                if current is not None and record_id is not None:
                    edits.append(Edit(table, record_id, current, None))
                continue
            assert record_id is not None
            values = {k: _value(v) for k, v in fields.items() if k not in (TABLE, DELETED)}
            try:
                wanted = decode(
                    table, record_id, values, id_of,
                    kept_gid="" if _own_id(gid, self.origin) is not None else gid,
                    local=current,
                )  # fmt: skip
            except (RecordError, KeyError, TypeError, ValueError) as error:
                rejected.append((gid, str(error)))
                continue
            if wanted != current:
                edits.append(Edit(table, record_id, current, wanted))
            deleted = fields.get(DELETED)
            if (
                gid in touched
                and (current is None or gid in deletions)
                and isinstance(deleted, list)
                and deleted[0] is True
            ):
                editors = tuple(sorted(unseen_authors(fields)))
                if editors or table == Account.TABLE:  # not each record deleted with it
                    kept.append(
                        DeletedConflict(
                            gid, table, record_id, str(deleted[2]), str(deleted[1]), editors
                        )
                    )
        return with_last_contact(self._repository, edits), rejected, kept


def _had_seen(entry: list[Any], stamp: Stamp) -> bool:
    """True when the writer of `entry` had seen the value stamped `stamp` (or a later
    one) when writing: a later edit of a value, not a clash with it."""
    if len(entry) < 4 or not isinstance(entry[3], str):
        return False
    try:
        return Stamp.parse(entry[3]) >= stamp
    except ValueError:
        return False


def _value(entry: Any) -> Any:
    """The value of a [value, stamp, author] entry (None for anything else)."""
    return entry[0] if isinstance(entry, list) and entry else None


def _own_id(gid: str, origin: str) -> int | None:
    parsed = parse_gid(gid)
    return parsed[2] if parsed is not None and parsed[0] == origin else None


def _accounts_first(gid: str) -> tuple[bool, str]:
    """Accounts get their local ids before the records that refer to them."""
    parsed = parse_gid(gid)
    return (parsed is None or parsed[1] != Account.TABLE, gid)
