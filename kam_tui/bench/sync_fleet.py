"""The sync probe's parts: a `kam sync serve` child process, laptops (a real store, the one
change path, a sync session each), the issue's mix of offline edits, and a `kam export`
read back by global id."""

from __future__ import annotations

import random
import re
import select
import signal
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
from pycrdt import Map

from kam_tui.bench.child import isolated_env
from kam_tui.config.settings import Settings
from kam_tui.config.sync_settings import SyncSettings
from kam_tui.domain.gids import local_gid
from kam_tui.domain.models import GID_KEY, Account, Activity
from kam_tui.domain.schema import Schema
from kam_tui.services import Workspace
from kam_tui.services.syncing_session import Outcome, SyncSession
from kam_tui.store import Repository
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.undo import Change
from kam_tui.sync.audit import Written
from kam_tui.sync.document import ROOT
from kam_tui.sync.liveness import entry_stamp
from kam_tui.sync.values import LINKS_TABLE, RECORD_ID, REFERENCES

TOKEN = "kam-bench-sync-token"
"""The token of the probe's server (loopback only)."""
START_SECONDS = 120.0
"""The bound on the server's start."""
LISTENING = re.compile(r"listening on ws://127\.0\.0\.1:(\d+)/")
MIX = (
    ("field", 35),
    ("status", 15),
    ("assignee", 10),
    ("new activity", 25),
    ("activity edit", 8),
    ("activity delete", 5),
    ("account delete", 2),
)
"""The issue's (and SYNC.md's) mix of edits, in percent."""
HOT_SHARE = 0.3
"""The share of field edits made to the hot accounts (concurrent edits of one field)."""
HOT_ACCOUNTS = 10
FIELDS = ("industry", "website", "notes", "rating", "strategic_value", "annual_revenue")
PEOPLE = ("ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ida", "jo")


class SyncProbeFailed(RuntimeError):
    """The simulation could not run, did not converge, or lost an edit."""


class ProbeServer:
    """`kam sync serve` on 127.0.0.1, any free port, data and token under `folder`."""

    def __init__(self, folder: Path) -> None:
        self.data = folder / "server-data"
        self.token_file = folder / "token"
        folder.mkdir(parents=True, exist_ok=True)
        self.token_file.write_text(TOKEN + "\n", encoding="utf-8")
        self.token_file.chmod(0o600)
        self.log = folder / "server.log"
        self.home = folder / "home"
        self.start()

    def start(self) -> None:
        """Start the server (on any free port) and wait until it listens."""
        command = [sys.executable, "-m", "kam_tui", "sync", "serve", "--data", str(self.data)]
        command += ["--host", "127.0.0.1", "--port", "0", "--token-file", str(self.token_file)]
        with self.log.open("a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=log, text=True, env=isolated_env(self.home)
            )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], START_SECONDS)
        line = self.process.stdout.readline() if ready else ""
        found = LISTENING.search(line)
        if found is None:
            self.stop()
            raise SyncProbeFailed(f"kam sync serve did not start: {line!r}")
        self.url = f"ws://127.0.0.1:{found.group(1)}/team"

    def disk_bytes(self) -> int:
        """The bytes of the server's files (its SQLite store and any journal beside it)."""
        return sum(path.stat().st_size for path in self.data.iterdir() if path.is_file())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class FleetLaptop:
    """One account manager's laptop: a real store and workspace, and its sync session.
    Local changes come from the workspace's feed and are journaled and written into the
    document as the app's Syncer does; every entry written is noted for the audit."""

    def __init__(self, folder: Path, name: str, url: str, token_file: Path) -> None:
        self.name = name
        self.store = folder / name / "kam.json"
        self.store.parent.mkdir(parents=True)
        repository = Repository.open(self.store, Schema(), user=name)
        self.workspace = Workspace(repository, Settings(user=name))
        settings = SyncSettings(url=url, token_file=token_file, name=name)
        self.session = SyncSession(self.workspace, settings)
        self.session.load()
        self.written: list[Written] = []
        self.refused = 0
        self.workspace.subscribe(self._changed)

    @property
    def repository(self) -> Repository:
        return self.workspace.repository

    def _changed(self, change: Change) -> None:
        if change.remote or not change.edits:
            return
        session = self.session
        session.files.note_unsent(change)
        since = session.clock.last
        session.write_local([change])
        shared = session.shared
        assert shared is not None
        records: Map[Any] = session.doc.get(ROOT, type=Map)
        origin = self.repository.origin
        for edit in change.edits:
            gid = shared.gid_of(edit.table, edit.record_id)
            fields = records.get(gid)
            for key, entry in fields.items() if fields is not None else ():
                stamp = entry_stamp(entry)
                if stamp is not None and stamp > since and stamp.origin == origin:
                    self.written.append(Written(gid, key, entry[0], stamp))

    def apply(self, description: str, edit: Any) -> None:
        if self.workspace.apply(description, edit).refusal is not None:
            self.refused += 1

    def sync(self) -> Outcome:
        """Save what was written, drop the journal, sync once."""
        self.session.save()
        self.session.files.forget_unsent(self.session.files.journal_size())
        return self.session.sync()

    def ydoc_bytes(self) -> int:
        """The bytes of the shared document's files beside the store."""
        files = self.session.files
        paths = (files.document, files.document_log)
        return sum(path.stat().st_size for path in paths if path.exists())

    def close(self) -> None:
        state = self.repository.close(timeout=None)
        if state.pending:
            raise SyncProbeFailed(f"{self.store} was not saved: {state.error}")


def seed_accounts(laptop: FleetLaptop, count: int) -> None:
    """The team's shared accounts, made on one laptop in one change."""
    statuses = Schema().status_names

    def create(change: ChangeSet) -> None:
        for number in range(count):
            change.save(
                Account(
                    name=f"Account {number:04d}",
                    status=statuses[number % len(statuses)],
                    lifecycle="New",
                    assignee=PEOPLE[number % len(PEOPLE)],
                )
            )

    laptop.apply(f"{count} shared accounts", create)


def _field_value(rng: random.Random, key: str) -> Any:
    if key == "rating":
        return rng.choice(("Hot", "Warm", "Cold", ""))
    if key == "strategic_value":
        return rng.randint(1, 5)
    if key == "annual_revenue":
        return rng.randint(0, 10**9) * 100
    return f"{key} {rng.randint(0, 10**6)}"


def offline_edit(laptop: FleetLaptop, rng: random.Random, accounts: list[Account]) -> str:
    """One edit of the mix, through the workspace's change path; returns its kind.
    `accounts` are the laptop's live accounts, in the same order on every laptop."""
    kind = rng.choices([name for name, _ in MIX], [weight for _, weight in MIX])[0]
    hot = accounts[:HOT_ACCOUNTS]
    account = rng.choice(hot if kind == "field" and rng.random() < HOT_SHARE else accounts)
    activities = laptop.repository.children(Activity, account.id)
    if kind.startswith("activity ") and not activities:
        kind = "new activity"
    if kind == "field":
        key = rng.choice(FIELDS)
        changed = replace(account, **{key: _field_value(rng, key)})
        laptop.apply(f"Edited {key}", lambda change: change.save(changed))
    elif kind == "status":
        moved = replace(account, status=rng.choice(Schema().status_names))
        laptop.apply("Moved", lambda change: change.save(moved))
    elif kind == "assignee":
        assigned = replace(account, assignee=rng.choice(PEOPLE))
        laptop.apply("Reassigned", lambda change: change.save(assigned))
    elif kind == "new activity":
        logged = Activity(
            account_id=account.id,
            kind=rng.choice(("call", "email", "meeting")),
            day=date(2026, 11, 1) + timedelta(days=rng.randint(0, 60)),
            summary=f"{laptop.name} {rng.randint(0, 10**6)}",
            satisfaction=rng.choice((None, None, rng.randint(0, 10))),
        )
        laptop.apply("Logged", lambda change: change.log_activity(logged))
    elif kind == "activity edit":
        edited = replace(rng.choice(activities), summary=f"edited by {laptop.name}")
        laptop.apply("Edited activity", lambda change: change.log_activity(edited))
    elif kind == "activity delete":
        gone = rng.choice(activities)
        laptop.apply("Deleted activity", lambda change: change.delete(gone))
    else:
        laptop.apply("Deleted account", lambda change: change.delete(account))
    return kind


def export_by_gid(export: bytes, origin: str) -> dict[str, dict[str, Any]]:
    """A `kam export --format json` of a store whose origin is `origin`, as records by
    global id with references as global ids: local ids differ between laptops, global
    ids do not, so synced laptops' exports compare equal this way."""
    data = orjson.loads(export)
    gids: dict[tuple[str, int], str] = {}
    for table, rows in data.items():
        for row in rows if isinstance(rows, list) else ():
            gids[(table, row["id"])] = row.get(GID_KEY) or local_gid(origin, table, row["id"])

    def gid(table: str, value: Any) -> Any:
        if isinstance(value, list):
            return [gids.get((table, item), f"gone {item}") for item in value]
        return gids.get((table, value), f"gone {value}") if value else value

    result: dict[str, dict[str, Any]] = {}
    for table, rows in data.items():
        for row in rows if isinstance(rows, list) else ():
            record = {k: v for k, v in row.items() if k not in ("id", GID_KEY)}
            for key, target in REFERENCES.get(table, {}).items():
                if key in record:
                    record[key] = gid(target, record[key])
            if table == LINKS_TABLE:
                record[RECORD_ID] = gid(str(record.get("kam_table")), record.get(RECORD_ID))
            result[gids[(table, row["id"])]] = {"table": table, **record}
    return result
