"""The store: round trips, undo/redo, validation, the lock, bad files, migration, backups."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kam_tui.domain.clock import Clock
from kam_tui.domain.errors import ValidationError
from kam_tui.domain.gids import is_origin
from kam_tui.domain.models import Account, Activity, Contact, SwotItem
from kam_tui.domain.schema import Schema
from kam_tui.store import (
    ReadOnlyError,
    Repository,
    StoreCorruptError,
    StoreError,
    StoreVersionError,
    migrations,
)
from kam_tui.store.backups import KEEP_BACKUPS, list_backups, write_backup

ACME = Account(name="Acme", status="Contacted", lifecycle="New", annual_revenue=1_250_000_00)


def reopen(path: Path, schema: Schema, clock: Clock) -> Repository:
    return Repository.open(path, schema, clock=clock)


def test_a_new_store_is_private_and_versioned(store_path: Path, repo: Repository) -> None:
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store_path.parent.stat().st_mode) == 0o700
    data = json.loads(store_path.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION
    assert is_origin(data["_meta"]["1"]["origin"])


def test_records_survive_a_restart(
    store_path: Path, repo: Repository, schema: Schema, clock: Clock
) -> None:
    account = repo.save(ACME)
    contact = repo.save(Contact(account_id=account.id, name="Ann Lee", level="executive"))
    assert repo.wait_saved(10)
    repo.close()
    again = reopen(store_path, schema, clock)
    try:
        assert again.account(account.id) == account
        assert again.children(Contact, account.id) == [contact]
        assert again.account(account.id).annual_revenue == 1_250_000_00  # type: ignore[union-attr]
    finally:
        again.close()


def test_a_save_leaves_no_temporary_file(store_path: Path, repo: Repository) -> None:
    repo.save(ACME)
    assert repo.wait_saved(10)
    # A store created by this session has nothing older to back up.
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["kam.json", "kam.json.lock"]


def test_status_change_restarts_status_since(repo: Repository, clock: Clock) -> None:
    account = repo.save(replace(ACME, status_since=date(2026, 1, 1)))
    assert account.status_since == date(2026, 1, 1)
    moved = repo.save(replace(account, status="Won"))
    assert moved.status_since == clock().date()


def test_undo_and_redo_an_edit(repo: Repository) -> None:
    account = repo.save(ACME)
    repo.save(replace(account, status="Won"))
    undone = repo.undo()
    assert undone is not None and "Acme" in undone.description
    assert repo.account(account.id).status == "Contacted"  # type: ignore[union-attr]
    repo.redo()
    assert repo.account(account.id).status == "Won"  # type: ignore[union-attr]


def test_deleting_an_account_takes_its_records_and_undo_brings_them_back(
    repo: Repository,
) -> None:
    account = repo.save(ACME)
    boss = repo.save(Contact(account_id=account.id, name="Boss"))
    repo.save(Contact(account_id=account.id, name="Report", reports_to=boss.id))
    repo.save(SwotItem(account_id=account.id, text="Loyal", quadrant="S"))
    repo.delete(account)
    assert repo.accounts() == []
    assert repo.all(Contact) == [] and repo.all(SwotItem) == []
    repo.undo()
    assert [c.name for c in repo.children(Contact, account.id)] == ["Boss", "Report"]
    assert len(repo.children(SwotItem, account.id)) == 1


def test_deleting_a_manager_clears_reports_to_and_undo_restores_it(repo: Repository) -> None:
    account = repo.save(ACME)
    boss = repo.save(Contact(account_id=account.id, name="Boss"))
    report = repo.save(Contact(account_id=account.id, name="Report", reports_to=boss.id))
    repo.delete(boss)
    assert repo.get(Contact, report.id).reports_to is None  # type: ignore[union-attr]
    repo.undo()
    assert repo.get(Contact, report.id).reports_to == boss.id  # type: ignore[union-attr]


def test_logging_an_activity_updates_last_contact_and_undo_reverts_both(
    repo: Repository,
) -> None:
    account = repo.save(ACME)
    repo.log_activity(
        Activity(account_id=account.id, day=date(2026, 11, 2), summary="QBR", satisfaction=9)
    )
    stored = repo.account(account.id)
    assert stored is not None and stored.last_contact == date(2026, 11, 2)
    assert stored.satisfaction == 9
    repo.undo()
    stored = repo.account(account.id)
    assert stored is not None and stored.last_contact is None and stored.satisfaction is None


def test_an_invalid_record_is_refused_and_nothing_changes(
    store_path: Path, repo: Repository
) -> None:
    repo.save(ACME)
    assert repo.wait_saved(10)
    before = store_path.read_bytes()
    revision = repo.revision
    with pytest.raises(ValidationError) as refused:
        repo.save(replace(ACME, name=" ", status="Nope"))
    assert refused.value.errors["name"] == "cannot be empty"
    assert "'Nope' is not one of" in refused.value.errors["status"]
    assert repo.revision == revision and len(repo.accounts()) == 1
    assert store_path.read_bytes() == before


def test_a_change_set_is_all_or_nothing(repo: Repository) -> None:
    with pytest.raises(ValidationError), repo.change("Two accounts") as change:
        change.save(ACME)
        change.save(replace(ACME, name=""))
    assert repo.accounts() == []
    assert not repo.can_undo


def test_a_second_instance_is_read_only_and_names_the_first(
    store_path: Path, repo: Repository, schema: Schema, clock: Clock
) -> None:
    repo.save(ACME)
    assert repo.wait_saved(10)
    before = store_path.read_bytes()
    second = reopen(store_path, schema, clock)
    try:
        assert second.read_only
        assert f"pid {os.getpid()}" in (second.locked_by or "")
        with pytest.raises(ReadOnlyError, match="open in another kam"):
            second.save(replace(ACME, name="Other"))
        assert second.accounts()[0].name == "Acme"
    finally:
        second.close()
    assert store_path.read_bytes() == before
    repo.save(replace(ACME, name="Still writable"))
    assert repo.wait_saved(10)


def test_the_lock_is_released_on_close(
    store_path: Path, repo: Repository, schema: Schema, clock: Clock
) -> None:
    repo.close()
    again = reopen(store_path, schema, clock)
    try:
        assert not again.read_only
    finally:
        again.close()


def write_store(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)


@pytest.mark.parametrize(
    ("payload", "line", "column", "problem"),
    [
        (
            b'{"_meta": {"1": {"schema_version": 1}},\n"accounts": {"1": {"name": "A',
            2,
            30,
            "truncated",
        ),
        (b'{"accounts": {"1": {"name": "\xff"}}}', 1, 30, "invalid UTF-8"),
        (b'{"a": x, "\xff": 1}', 1, 11, "invalid UTF-8 (byte 0xff)"),  # before the JSON error
        (b'["not", "a", "store"]', 1, 1, "expected a JSON object of tables, found list"),
        (b"", None, None, "the file is empty"),
        (b" \r\n\t\n", None, None, "the file is empty (5 bytes)"),
        (
            b'{"_meta": {"1": {"schema_version": 1}},\n"accounts": {"1": {"name": 5}}}',
            2,
            20,
            "account 1: name: expected str, found int 5",
        ),
        (b'{"accounts": []}', 1, 2, "table 'accounts' should be an object of records"),
        (b'{"accounts": {"01": {"name": "A"}}}', 1, 15, "'01' is not a record id"),
        (b'{"accounts": {"\xd9\xa1": {"name": "A"}}}', 1, 15, "is not a record id"),
        (b'{"shoes": {}}', None, None, "unknown table(s) shoes"),
    ],
)
def test_a_bad_file_is_refused_with_its_position_and_left_untouched(
    store_path: Path,
    schema: Schema,
    clock: Clock,
    payload: bytes,
    line: int | None,
    column: int | None,
    problem: str,
) -> None:
    write_store(store_path, payload)
    with pytest.raises(StoreCorruptError) as refused:
        reopen(store_path, schema, clock)
    error = refused.value
    assert problem in error.problem
    assert (error.line, error.column) == (line, column)
    assert str(store_path) in str(error)
    assert store_path.read_bytes() == payload


def test_a_bad_file_message_points_to_the_newest_backup(
    store_path: Path, schema: Schema, clock: Clock
) -> None:
    write_store(store_path, b"{")
    backup = write_backup(store_path, b"{}")
    with pytest.raises(StoreCorruptError) as refused:
        reopen(store_path, schema, clock)
    assert refused.value.backup == backup
    assert "kam restore" in str(refused.value)


def test_a_folder_where_the_file_should_be_is_refused(
    store_path: Path, schema: Schema, clock: Clock
) -> None:
    store_path.mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder, not a store file"):
        reopen(store_path, schema, clock)


def test_a_newer_schema_version_is_refused(store_path: Path, schema: Schema, clock: Clock) -> None:
    payload = b'{"_meta": {"1": {"schema_version": 99}}}'
    write_store(store_path, payload)
    with pytest.raises(StoreVersionError, match=r"newer kam-tui \(store schema 99"):
        reopen(store_path, schema, clock)
    assert store_path.read_bytes() == payload


def test_a_bare_tinydb_file_is_backed_up_then_migrated(
    store_path: Path, schema: Schema, clock: Clock
) -> None:
    payload = json.dumps(
        {"_default": {}, "accounts": {"1": {"name": "Old", "status": "Won", "lifecycle": "New"}}}
    ).encode()
    write_store(store_path, payload)
    repository = reopen(store_path, schema, clock)
    try:
        assert [a.name for a in repository.accounts()] == ["Old"]
    finally:
        repository.close()
    backups = list_backups(store_path)
    assert [b.path.read_bytes() for b in backups if "before-migration-from-v0" in b.path.name] == [
        payload
    ]
    data = json.loads(store_path.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION
    assert "_default" not in data


def test_a_later_migration_step_runs_in_order(
    store_path: Path,
    repo: Repository,
    schema: Schema,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo.save(ACME)
    repo.close()

    def add_tag(data: migrations.Data) -> migrations.Data:
        for doc in data["accounts"].values():
            doc["tags"] = ["migrated"]
        return data

    later = migrations.SCHEMA_VERSION + 1
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", later)
    monkeypatch.setitem(migrations.MIGRATIONS, later - 1, add_tag)
    monkeypatch.setattr("kam_tui.store.loader.SCHEMA_VERSION", later)
    monkeypatch.setattr("kam_tui.store.loader.migrate", lambda d: migrations.migrate(d, later))
    repository = reopen(store_path, schema, clock)
    try:
        assert repository.accounts()[0].tags == ("migrated",)
    finally:
        repository.close()
    assert json.loads(store_path.read_bytes())["_meta"]["1"]["schema_version"] == later


def test_backups_rotate_but_keep_the_first_of_the_day(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    for number in range(KEEP_BACKUPS + 3):
        write_backup(store_path, f'{{"n": {number}}}'.encode())
    backups = list_backups(store_path)
    assert [b.path.read_bytes() for b in backups] == [
        *(f'{{"n": {n}}}'.encode() for n in range(KEEP_BACKUPS + 2, 2, -1)),
        b'{"n": 0}',
    ]


def test_the_first_save_of_a_session_backs_up_the_previous_file(
    store_path: Path, repo: Repository, schema: Schema, clock: Clock
) -> None:
    repo.save(ACME)
    assert repo.wait_saved(10)
    repo.close()
    previous = store_path.read_bytes()
    again = reopen(store_path, schema, clock)
    try:
        again.save(replace(ACME, name="Second"))
        assert again.wait_saved(10)
    finally:
        again.close()
    assert list_backups(store_path)[0].path.read_bytes() == previous
