"""Field values in the shared document: JSON-safe out, checked on the way back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pycrdt import Doc
from sync_laptops import Laptop, World, by_gid, exchange

from kam_tui.domain.errors import RecordError
from kam_tui.domain.models import TABLES, Account, Activity, Contact, ImportLink
from kam_tui.sync.document import SharedDocument
from kam_tui.sync.values import decode, encode, plain


def gid_of(table: str, record_id: int) -> str:
    return f"AAAAAAAAAAAA:{table}:{record_id}"


def test_references_go_out_as_gids_and_derived_fields_stay_home() -> None:
    account = Account(7, name="Acme", annual_revenue=12_345, last_contact=date(2026, 1, 2))
    values = encode(account, gid_of)
    assert values["annual_revenue"] == 12_345
    assert "last_contact" not in values and "gid" not in values
    activity = Activity(3, account_id=7, day=date(2026, 1, 2), contact_ids=(4, 5), summary="x")
    out = encode(activity, gid_of)
    assert out["account_id"] == "AAAAAAAAAAAA:accounts:7"
    assert out["contact_ids"] == ["AAAAAAAAAAAA:contacts:4", "AAAAAAAAAAAA:contacts:5"]
    assert out["day"] == "2026-01-02"
    ids = {"AAAAAAAAAAAA:accounts:7": 70, "AAAAAAAAAAAA:contacts:5": 50}
    back = decode("activities", 30, out, ids.get, kept_gid="G", local=None)
    assert back == Activity(
        30, account_id=70, day=date(2026, 1, 2), contact_ids=(50,), summary="x", gid="G"
    )


def test_money_beyond_what_a_double_holds_is_refused() -> None:
    with pytest.raises(ValueError, match="too large"):
        encode(Account(1, name="Big", annual_revenue=2**53 + 1), gid_of)


def test_numbers_come_back_whole_or_are_refused() -> None:
    assert plain([1.0, {"a": 2.0}, "3"]) == [1, {"a": 2}, "3"]
    assert type(plain(125_000_000.0)) is int
    with pytest.raises(RecordError):
        plain(2.5)
    contact = encode(Contact(2, account_id=1, name="Al"), gid_of)
    with pytest.raises(RecordError):
        decode("contacts", 2, {**contact, "name": 5.0}, lambda _: 1, kept_gid="", local=None)


def test_a_document_loaded_from_an_earlier_session_is_read_whole(tmp_path: Path) -> None:
    world = World()
    ann = Laptop(tmp_path, "ann", world)
    bob = Laptop(tmp_path, "bob", world)
    try:
        acme = ann.repo.save(Account(name="Acme", status="Contacted", lifecycle="New"))
        ann.repo.save(Contact(account_id=acme.id, name="Cy"))
        saved: Doc[Any] = Doc()
        saved.apply_update(ann.doc.get_update())  # bob's document file, written last session
        later = SharedDocument(saved, bob.repo)
        assert later.read_remote(bob.hlc).change.edits == ()  # nothing touched since opening
        read = later.read_remote(bob.hlc, everything=True)
        bob.repo.apply_remote(read.change)
        bob.shared = later
        assert [a.name for a in bob.repo.accounts()] == ["Acme"]
        assert by_gid(ann) == by_gid(bob)
    finally:
        ann.close()
        bob.close()


def test_an_import_links_record_id_goes_out_as_the_gid_of_its_own_table() -> None:
    link = ImportLink(
        9, account_id=7, system="Salesforce", object="Contact", source_id="003A",
        kam_table="contacts", record_id=4,
    )  # fmt: skip
    out = encode(link, gid_of)
    assert out["record_id"] == "AAAAAAAAAAAA:contacts:4"
    ids = {"AAAAAAAAAAAA:accounts:7": 70, "AAAAAAAAAAAA:contacts:4": 40}
    back = decode("import_links", 90, out, ids.get, kept_gid="", local=None)
    assert (back.account_id, back.record_id) == (70, 40)  # type: ignore[attr-defined]


def test_stores_made_before_joining_publish_their_records_and_merge(tmp_path: Path) -> None:
    world = World()
    ann = Laptop(tmp_path, "ann", world)
    bob = Laptop(tmp_path, "bob", world)
    try:
        for laptop, name in ((ann, "Acme"), (bob, "Beta")):
            account = laptop.repo.save(Account(name=name, status="Contacted", lifecycle="New"))
            laptop.repo.save(Contact(account_id=account.id, name=f"{name} boss"))
            laptop.shared = SharedDocument(Doc(), laptop.repo)  # joining: a document anew
            records = [r for kind in TABLES.values() for r in laptop.repo.all(kind)]
            # the account, its contact, and its status and list in the status history
            assert laptop.shared.publish(records, laptop.hlc, laptop.name) == 4
            assert laptop.shared.publish(records, laptop.hlc, laptop.name) == 0  # once only
        exchange(ann, bob)
        assert sorted(a.name for a in ann.repo.accounts()) == ["Acme", "Beta"]
        assert by_gid(ann) == by_gid(bob)
        assert len(by_gid(ann)) == 8
    finally:
        ann.close()
        bob.close()
