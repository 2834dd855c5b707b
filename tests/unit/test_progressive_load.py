"""Opening progressively: accounts first, the other tables in a thread, nothing lost."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from kam_testing import break_table_line, load_error

from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Activity, Contact, SwotItem
from kam_tui.domain.schema import Schema
from kam_tui.store import ReadOnlyError, Repository, StoreCorruptError
from kam_tui.store.backups import list_backups, write_backup
from kam_tui.store.layout import split_lines


def saved_demo(demo_repo: Repository, store_path: Path) -> bytes:
    demo_repo.close()
    return store_path.read_bytes()


def test_a_saved_store_has_one_table_per_line(demo_repo: Repository, store_path: Path) -> None:
    payload = saved_demo(demo_repo, store_path)
    tables = split_lines(payload)
    assert tables is not None
    assert [t.name for t in tables] == [
        "_meta",
        "accounts",
        "contacts",
        "activities",
        "objectives",
        "actions",
        "swot",
        "process",
        "deals",
        "status_history",
    ]


def test_progressive_open_reads_the_same_records(
    demo_repo: Repository, store_path: Path, schema: Schema, clock: Clock
) -> None:
    expected = {kind: demo_repo.all(kind) for kind in (Contact, Activity, SwotItem)}
    accounts = demo_repo.accounts()
    saved_demo(demo_repo, store_path)
    repository = Repository.open(store_path, schema, clock=clock, progressive=True)
    try:
        assert repository.accounts() == accounts
        assert repository.wait_loaded(10)
        for kind, records in expected.items():
            assert repository.all(kind) == records
    finally:
        repository.close()


def test_a_save_during_loading_keeps_every_table(
    demo_repo: Repository, store_path: Path, schema: Schema, clock: Clock
) -> None:
    payload = saved_demo(demo_repo, store_path)
    repository = Repository.open(store_path, schema, clock=clock, progressive=True)
    try:
        first = repository.accounts()[0]
        repository.save(replace(first, status="Won"))
        assert repository.wait_saved(10)
    finally:
        repository.close()
    again = Repository.open(store_path, schema, clock=clock)
    try:
        assert again.account(first.id).status == "Won"  # type: ignore[union-attr]
        assert len(again.all(SwotItem)) == payload.count(b'"perspective"')
    finally:
        again.close()


def test_a_broken_table_found_while_loading_is_reported_and_blocks_changes(
    store_path: Path, demo_repo: Repository, schema: Schema, clock: Clock
) -> None:
    saved_demo(demo_repo, store_path)
    line, _column = break_table_line(store_path, "swot", b'"quadrant":"S"', b'"quadrant":7')
    broken = store_path.read_bytes()
    repository = Repository.open(store_path, schema, clock=clock, progressive=True)
    try:
        with pytest.raises(StoreCorruptError) as refused:
            repository.wait_loaded(10)
        assert refused.value.line == line
        assert "quadrant: expected str, found int 7" in refused.value.problem
        assert repository.read_only
        with pytest.raises(ReadOnlyError):
            repository.save(replace(repository.accounts()[0], name="Changed"))
        assert repository.all(SwotItem) == [], "the broken table reads as empty"
        assert repository.all(Contact), "the tables after it are read"
    finally:
        repository.close()
    assert store_path.read_bytes() == broken


def test_a_change_made_while_a_broken_table_loads_is_never_written(
    store_path: Path, demo_repo: Repository, schema: Schema, clock: Clock
) -> None:
    saved_demo(demo_repo, store_path)
    break_table_line(store_path, "process", b'"state":"', b'"state":1,"x":"')
    broken = store_path.read_bytes()
    backups = list_backups(store_path)
    repository = Repository.open(store_path, schema, clock=clock, progressive=True)
    try:
        repository.save(replace(repository.accounts()[0], name="Changed"))
        assert not repository.wait_saved(10), "a store that did not load whole was saved"
        with pytest.raises(StoreCorruptError):
            repository.wait_loaded(10)
        assert repository.read_only
        state = repository.save_state
        assert state.pending and "did not load whole" in (state.error or "")
    finally:
        repository.close()
    assert store_path.read_bytes() == broken
    assert list_backups(store_path) == backups, "the broken file was backed up"


def test_the_error_names_the_newest_backup_that_loads(
    store_path: Path, demo_repo: Repository, schema: Schema, clock: Clock
) -> None:
    payload = saved_demo(demo_repo, store_path)
    good = write_backup(store_path, payload)
    break_table_line(store_path, "swot", b'"quadrant":"S"', b'"quadrant":7')
    broken = store_path.read_bytes()
    write_backup(store_path, broken, reason="session")
    write_backup(store_path, b'{"_meta":{"1":{"schema_version":1}},\n"accounts":{"1":')
    error = load_error(store_path, schema, clock)
    assert error.backup == good
    assert f"The newest backup that loads is {good}" in str(error)
    assert list_backups(store_path)[0].path != good


def test_the_error_says_when_no_backup_loads(
    store_path: Path, demo_repo: Repository, schema: Schema, clock: Clock
) -> None:
    saved_demo(demo_repo, store_path)
    for backup in list_backups(store_path):
        backup.path.unlink()
    break_table_line(store_path, "swot", b'"quadrant":"S"', b'"quadrant":7')
    write_backup(store_path, store_path.read_bytes(), reason="session")
    error = load_error(store_path, schema, clock)
    assert error.backup is None
    assert "None of its 1 backup(s) loads either" in str(error)


def test_invalid_json_inside_a_table_line_names_its_line_and_column(
    store_path: Path, demo_repo: Repository, schema: Schema, clock: Clock
) -> None:
    saved_demo(demo_repo, store_path)
    where = break_table_line(store_path, "contacts", b'"name"', b"name")
    error = load_error(store_path, schema, clock)
    assert (error.line, error.column) == where


def test_a_hand_formatted_file_falls_back_to_a_whole_read(
    store_path: Path, schema: Schema, clock: Clock
) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_text(
        '{\n  "_meta": {"1": {"schema_version": 1}},\n'
        '  "accounts": {"1": {"name": "Hand", "status": "Won", "lifecycle": "New"}}\n}\n'
    )
    repository = Repository.open(store_path, schema, clock=clock, progressive=True)
    try:
        assert [a.name for a in repository.accounts()] == ["Hand"]
        assert repository.wait_loaded(1)
    finally:
        repository.close()


def test_invalid_utf8_inside_a_table_line_names_its_line_and_column(
    store_path: Path, demo_repo: Repository, schema: Schema, clock: Clock
) -> None:
    saved_demo(demo_repo, store_path)
    where = break_table_line(store_path, "activities", b"Quarterly", b"\xffuarterly")
    error = load_error(store_path, schema, clock)
    assert "invalid UTF-8 (byte 0xff)" in error.problem
    assert (error.line, error.column) == where
