"""Laptops for the sync tests: a real store and its shared document each, no network."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pycrdt import Decoder, Doc, Map

from kam_tui.domain.hlc import HybridClock
from kam_tui.domain.models import TABLES, Account
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository
from kam_tui.store.undo import Change
from kam_tui.sync.audit import Written
from kam_tui.sync.conflicts import Conflict
from kam_tui.sync.document import ROOT, SharedDocument
from kam_tui.sync.liveness import entry_stamp
from kam_tui.sync.values import encode

START = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


class World:
    """The real time of a simulation: it moves on by a millisecond or more per event."""

    def __init__(self) -> None:
        self.now = START

    def advance(self, millis: int = 1) -> None:
        self.now += timedelta(milliseconds=millis)


class Laptop:
    """One account manager's laptop: a store, its shared document, its hybrid clock."""

    def __init__(
        self,
        folder: Path,
        name: str,
        world: World,
        *,
        client_id: int | None = None,
        skew: timedelta = timedelta(0),
    ) -> None:
        self.name = name
        self.world = world
        self.skew = skew
        self.repo = Repository.open(folder / f"{name}.json", Schema(), clock=self.now, user=name)
        self.shared = SharedDocument(Doc(client_id=client_id), self.repo)
        self.hlc = HybridClock(self.now, self.repo.origin)
        self.conflicts: list[Conflict] = []
        self.feed: list[Change] = []
        self.reasserted = 0
        self.written: list[Written] = []
        """Every entry this laptop wrote for its own changes, for the no-edit-lost check."""
        self.repo.subscribe(self._changed)

    def now(self) -> datetime:
        return self.world.now + self.skew

    def _changed(self, change: Change) -> None:
        """The one change path: a local change goes into the document in the same call."""
        self.feed.append(change)
        since = self.hlc.last
        self.shared.write_change(change, self.hlc, self.name)
        if change.remote:
            return
        records = self.doc.get(ROOT, type=Map)
        for edit in change.edits:
            gid = self.shared.gid_of(edit.table, edit.record_id)
            fields = records.get(gid)
            for key, entry in fields.items() if fields is not None else ():
                stamp = entry_stamp(entry)
                if stamp is not None and stamp > since and stamp.origin == self.repo.origin:
                    self.written.append(Written(gid, key, entry[0], stamp))

    @property
    def doc(self) -> Doc[Any]:
        return self.shared.doc

    def receive(self, update: bytes) -> None:
        """Apply remote updates to the document, then bring the store up to it."""
        self.doc.apply_update(update)
        read = self.shared.read_remote(self.hlc)
        self.reasserted += read.reasserted
        assert not read.rejected, read.rejected
        self.conflicts.extend(read.conflicts)
        if read.change.edits:
            self.repo.apply_remote(read.change)

    def close(self) -> None:
        self.repo.close()


def exchange(first: Laptop, second: Laptop) -> None:
    """What each has that the other lacks, both ways (as a sync through a server would)."""
    to_second = first.doc.get_update(second.doc.get_state())
    to_first = second.doc.get_update(first.doc.get_state())
    second.receive(to_second)
    first.receive(to_first)


def state_of(doc: Doc[Any]) -> dict[int, int]:
    """A document's state vector, client id -> clock (its bytes list the clients in no
    fixed order, so two equal states may not compare equal as bytes)."""
    decoder = Decoder(doc.get_state())
    count = decoder.read_var_uint()
    return dict((decoder.read_var_uint(), decoder.read_var_uint()) for _ in range(count))


def sync_until_quiet(laptops: list[Laptop], rng: random.Random, limit: int = 30) -> int:
    """Exchange between random pairs until every document holds the same state and a whole
    round wrote nothing new; returns the rounds it took."""
    for round_number in range(1, limit + 1):
        before = [state_of(laptop.doc) for laptop in laptops]
        pairs = [(a, b) for a in laptops for b in laptops if a is not b]
        rng.shuffle(pairs)
        for first, second in pairs:
            exchange(first, second)
        after = [state_of(laptop.doc) for laptop in laptops]
        if all(state == after[0] for state in after) and after == before:
            return round_number
    raise AssertionError(f"not quiet after {limit} rounds")


def by_gid(laptop: Laptop) -> dict[str, dict[str, Any]]:
    """Every record of the store by global id, references as global ids (what must be
    identical on every laptop once synced), derived fields included."""
    shared = laptop.shared
    result: dict[str, dict[str, Any]] = {}
    for table, kind in TABLES.items():
        for record in laptop.repo.all(kind):
            values = encode(record, shared.gid_of)
            if isinstance(record, Account):
                values["last_contact"] = record.to_doc()["last_contact"]
            result[shared.gid_of(table, record.id)] = {"table": table, **values}
    return result
