"""Global ids: the schema-3 migration, kept gids, and ids never handed out twice."""

from __future__ import annotations

import json
from pathlib import Path

from kam_tui.domain.clock import Clock
from kam_tui.domain.demo import build_demo
from kam_tui.domain.gids import gid_of, is_origin, local_gid, parse_gid
from kam_tui.domain.models import TABLES, Account, Contact
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository
from kam_tui.store.backups import list_backups


def test_a_gid_names_origin_table_and_id() -> None:
    gid = local_gid("ABCDEFGHIJ23", "contacts", 17)
    assert gid == "ABCDEFGHIJ23:contacts:17"
    assert parse_gid(gid) == ("ABCDEFGHIJ23", "contacts", 17)
    assert parse_gid("ABCDEFGHIJ23:contacts:0") is None
    assert parse_gid("abc:contacts:1") is None
    assert gid_of("contacts", 3, "", "ABCDEFGHIJ23") == "ABCDEFGHIJ23:contacts:3"
    assert gid_of("contacts", 3, "ZZZZZZZZZZZZ:contacts:9", "ABCDEFGHIJ23") == (
        "ZZZZZZZZZZZZ:contacts:9"
    )


def test_a_kept_gid_is_stored_only_when_set(repo: Repository) -> None:
    plain = repo.save(Account(name="Acme", status="Contacted", lifecycle="New"))
    kept = "XXXXXXXXXXXX:accounts:4"
    foreign = repo.save(Account(name="Beta", status="Contacted", lifecycle="New", gid=kept))
    assert "gid" not in plain.to_doc()
    assert foreign.to_doc()["gid"] == kept
    assert Account.from_doc(foreign.id, foreign.to_doc()) == foreign
    assert Contact.from_doc(1, Contact(account_id=1, gid="a").to_doc()).gid == "a"


def _as_version_2(path: Path) -> dict[str, object]:
    """Rewrite a store file as kam-tui wrote it at schema 2 (no origin, no high water)."""
    data: dict[str, object] = json.loads(path.read_bytes())
    data["_meta"] = {"1": {"schema_version": 2}}
    path.write_text(json.dumps(data))
    return data


def test_a_version_2_store_is_migrated_with_a_backup_and_keeps_every_record(
    store_path: Path, schema: Schema, clock: Clock
) -> None:
    repo = Repository.open(store_path, schema, clock=clock)
    with repo.change("demo") as change:
        build_demo(change, schema, clock().date())
    repo.wait_saved(10)
    before = {table: {r.id: r for r in repo.all(kind)} for table, kind in TABLES.items()}
    repo.close()
    old = _as_version_2(store_path)
    payload = store_path.read_bytes()

    again = Repository.open(store_path, schema, clock=clock)
    try:
        after = {table: {r.id: r for r in again.all(kind)} for table, kind in TABLES.items()}
        assert after == before  # every record, so every reference, as it was
        assert sum(len(records) for records in after.values()) > 50
        assert is_origin(again.origin)
        top = max(before["accounts"])
        assert again.save(Account(name="New", status="Contacted", lifecycle="New")).id == top + 1
        assert again.wait_saved(10)
    finally:
        again.close()
    backups = [b for b in list_backups(store_path) if "before-migration-from-v2" in b.path.name]
    assert [b.path.read_bytes() for b in backups] == [payload]
    data = json.loads(store_path.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == 3
    assert data["_meta"]["1"]["high_water"]["accounts"] == top
    assert len(data["accounts"]) == len(old["accounts"]) + 1  # type: ignore[arg-type]
    reopened = Repository.open(store_path, schema, clock=clock)
    try:
        assert reopened.origin == again.origin  # the origin is kept, not drawn again
    finally:
        reopened.close()


def test_a_deleted_records_id_is_never_handed_out_again(
    store_path: Path, schema: Schema, clock: Clock
) -> None:
    repo = Repository.open(store_path, schema, clock=clock)
    first = repo.save(Account(name="A", status="Contacted", lifecycle="New"))
    second = repo.save(Account(name="B", status="Contacted", lifecycle="New"))
    contact = repo.save(Contact(account_id=first.id, name="Ann"))
    repo.delete(second)
    repo.delete(contact)
    third = repo.save(Account(name="C", status="Contacted", lifecycle="New"))
    repo.undo()  # the newest account goes: its id must not come back either
    assert repo.wait_saved(10)
    repo.close()
    again = Repository.open(store_path, schema, clock=clock)
    try:
        assert [a.id for a in again.accounts()] == [first.id]
        assert again.save(Account(name="D", status="Contacted", lifecycle="New")).id == third.id + 1
        assert again.save(Contact(account_id=first.id, name="Bo")).id == contact.id + 1
    finally:
        again.close()
