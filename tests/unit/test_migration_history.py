"""Version 2 of the store: a version-1 store is backed up, then migrated, keeping every
record and gaining a status history seeded from what it knew."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, Contact, StatusChange
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository, migrations
from kam_tui.store.backups import list_backups

V1_ACCOUNTS: dict[str, dict[str, Any]] = {
    "1": {
        "name": "Dated",
        "status": "Won",
        "status_since": "2026-03-04",
        "lifecycle": "Existing",
        "created": "2025-12-01T10:00:00+00:00",
    },
    "3": {
        "name": "Created only",
        "status": "Contacted",
        "lifecycle": "New",
        "created": "2026-01-10T08:00:00+00:00",
    },
    "7": {"name": "Undated", "status": "Lost", "lifecycle": "Lost"},
}
V1 = {
    "_meta": {"1": {"schema_version": 1}},
    "accounts": V1_ACCOUNTS,
    "contacts": {"4": {"account_id": 1, "name": "Ann"}},
}


def entry(account_id: int, day: date, kind: str, to_value: str) -> dict[str, Any]:
    return StatusChange(account_id=account_id, day=day, kind=kind, to_value=to_value).to_doc()


def test_migration_seeds_one_entry_per_known_status_and_list() -> None:
    data = migrations.migrate(json.loads(json.dumps(V1)), current=2)
    assert data["status_history"] == {
        "1": entry(1, date(2026, 3, 4), "status", "Won"),
        "2": entry(1, date(2025, 12, 1), "lifecycle", "Existing"),
        "3": entry(3, date(2026, 1, 10), "status", "Contacted"),
        "4": entry(3, date(2026, 1, 10), "lifecycle", "New"),
    }
    assert data["_meta"] == {"1": {"schema_version": 2}}
    assert data["accounts"] == V1_ACCOUNTS


def test_migration_leaves_malformed_accounts_to_the_loader() -> None:
    data = {
        "_meta": {"1": {"schema_version": 1}},
        "accounts": {
            "1": "not a record",
            "2": {"status": 5, "lifecycle": "New", "status_since": "not a date"},
        },
    }
    assert "status_history" not in migrations.migrate(data)


def test_a_store_without_accounts_gets_no_history_table() -> None:
    assert set(migrations.migrate({})) == {"_meta"}


def test_a_version_1_store_is_backed_up_then_migrated_keeping_every_record(
    store_path: Path, schema: Schema, clock: Clock
) -> None:
    payload = json.dumps(V1).encode()
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(payload)
    repository = Repository.open(store_path, schema, clock=clock, progressive=True)
    try:
        assert [a.name for a in repository.accounts()] == ["Dated", "Created only", "Undated"]
        assert [a.id for a in repository.accounts()] == [1, 3, 7]
        assert [c.id for c in repository.all(Contact)] == [4]
        history = repository.all(StatusChange)
        assert [(h.id, h.account_id, h.kind, h.to_value) for h in history] == [
            (1, 1, "status", "Won"),
            (2, 1, "lifecycle", "Existing"),
            (3, 3, "status", "Contacted"),
            (4, 3, "lifecycle", "New"),
        ]
        # Ids go on after the migrated ones: a move records entry 5, a new account is 8.
        moved = repository.save(replace(repository.accounts()[1], status="Demo provided"))
        assert [h.id for h in repository.children(StatusChange, moved.id)] == [3, 4, 5]
        added = repository.save(Account(name="New", status="Contacted", lifecycle="New"))
        assert added.id == 8
        repository.wait_saved(10)
    finally:
        repository.close()
    backups = [b for b in list_backups(store_path) if "before-migration-from-v1" in b.path.name]
    assert [b.path.read_bytes() for b in backups] == [payload]
    data = json.loads(store_path.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION == 3
    assert len(data["status_history"]) == 7
    assert set(data["accounts"]) == {"1", "3", "7", "8"}
