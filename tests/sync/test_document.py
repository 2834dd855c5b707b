"""The shared document: local changes written in, remote ones read out, clashes decided."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pycrdt import Map
from sync_laptops import Laptop, World, by_gid, exchange, state_of

from kam_tui.domain.hlc import Stamp
from kam_tui.domain.models import Account, Activity, Contact
from kam_tui.store.undo import Change
from kam_tui.sync.conflicts import DeletedConflict, FieldConflict
from kam_tui.sync.document import ROOT


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    world = World()
    ann = Laptop(tmp_path, "ann", world)
    bob = Laptop(tmp_path, "bob", world)
    yield ann, bob
    ann.close()
    bob.close()


def new_account(laptop: Laptop, name: str) -> Account:
    laptop.world.advance()
    return laptop.repo.save(
        Account(name=name, status="Contacted", lifecycle="New", annual_revenue=1_250_000_00)
    )


def fields_of(laptop: Laptop, gid: str) -> Map:  # type: ignore[type-arg]
    record: Map = laptop.doc.get(ROOT, type=Map)[gid]  # type: ignore[type-arg]
    return record


def test_a_new_record_arrives_with_its_gid_and_local_references(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    new_account(bob, "Bob's own")  # so local ids differ between the two stores
    acme = new_account(ann, "Acme")
    ann.world.advance()
    boss = ann.repo.save(Contact(account_id=acme.id, name="Ann Boss"))
    ann.repo.save(Contact(account_id=acme.id, name="Al", reports_to=boss.id))
    exchange(ann, bob)
    there = next(a for a in bob.repo.accounts() if a.name == "Acme")
    assert there.id != acme.id
    assert there.gid == f"{ann.repo.origin}:accounts:{acme.id}"
    assert there.annual_revenue == 1_250_000_00
    assert type(there.annual_revenue) is int  # Yjs gave back a float: turned back
    contacts = {c.name: c for c in bob.repo.children(Contact, there.id)}
    assert contacts["Al"].reports_to == contacts["Ann Boss"].id
    assert by_gid(ann) == by_gid(bob)
    assert [change.remote for change in bob.feed] == [False, True]  # on bob's feed
    undone = bob.repo.undo()  # but not in his undo history: only his own account is
    assert undone is not None and undone.description == 'Added account "Bob\'s own"'
    assert not bob.repo.can_undo


def test_a_remote_change_is_saved(pair: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    ann, bob = pair
    new_account(ann, "Acme")
    exchange(ann, bob)
    assert bob.repo.wait_saved(10)
    assert b'"Acme"' in (tmp_path / "bob.json").read_bytes()


def test_only_a_change_marked_remote_is_applied_as_one(pair: tuple[Laptop, Laptop]) -> None:
    with pytest.raises(ValueError, match="marked remote"):
        pair[0].repo.apply_remote(Change("x", ()))


def test_only_the_fields_that_changed_are_written(pair: tuple[Laptop, Laptop]) -> None:
    ann, _ = pair
    acme = new_account(ann, "Acme")
    gid = ann.shared.gid_of("accounts", acme.id)
    before = dict(fields_of(ann, gid).items())
    ann.world.advance(50)
    ann.repo.save(replace(acme, industry="Steel"))
    after = dict(fields_of(ann, gid).items())
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {"industry", "updated"}  # `updated` is the account's own stamp
    assert after["industry"][2] == "ann"
    assert "last_contact" not in after  # derived: never replicated


def test_last_contact_is_recomputed_by_the_receiver(pair: tuple[Laptop, Laptop]) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    exchange(ann, bob)
    ann.world.advance()
    call = Activity(account_id=acme.id, kind="call", day=date(2026, 11, 18), summary="Hi")
    ann.repo.log_activity(call)
    assert ann.repo.account(acme.id).last_contact == date(2026, 11, 18)  # type: ignore[union-attr]
    exchange(ann, bob)
    there = bob.repo.accounts()[0]
    assert there.last_contact == date(2026, 11, 18)
    assert by_gid(ann) == by_gid(bob)


@pytest.mark.parametrize("ids", [(1, 2), (2, 1)])
def test_the_newest_edit_wins_a_clash_whichever_client_yjs_prefers(
    tmp_path: Path, ids: tuple[int, int]
) -> None:
    world = World()
    ann = Laptop(tmp_path, "ann", world, client_id=ids[0])
    bob = Laptop(tmp_path, "bob", world, client_id=ids[1])
    acme = new_account(ann, "Acme")
    exchange(ann, bob)
    there = bob.repo.accounts()[0]
    world.advance(10)
    ann.repo.save(replace(acme, industry="older"))
    world.advance(10)
    bob.repo.save(replace(there, industry="newer"))
    for _ in range(3):
        exchange(ann, bob)
    assert ann.repo.account(acme.id).industry == "newer"  # type: ignore[union-attr]
    assert bob.repo.account(there.id).industry == "newer"  # type: ignore[union-attr]
    assert by_gid(ann) == by_gid(bob)
    assert state_of(ann.doc) == state_of(bob.doc)
    conflicts = [c for c in ann.conflicts if isinstance(c, FieldConflict)]
    assert [(c.field, c.mine, c.theirs, c.by) for c in conflicts] == [
        ("industry", "older", "newer", "bob")
    ]
    assert Stamp.parse(conflicts[0].at).origin == bob.repo.origin
    assert not [c for c in bob.conflicts if isinstance(c, FieldConflict) and c.field == "industry"]


def test_yjs_picking_the_older_value_is_put_right_by_its_holder(tmp_path: Path) -> None:
    reasserted = []
    for ids in ((1, 2), (2, 1)):
        world = World()
        ann = Laptop(tmp_path / str(ids[0]), "ann", world, client_id=ids[0])
        bob = Laptop(tmp_path / str(ids[0]), "bob", world, client_id=ids[1])
        acme = new_account(ann, "Acme")
        exchange(ann, bob)
        world.advance(10)
        ann.repo.save(replace(acme, industry="older"))
        world.advance(10)
        bob.repo.save(replace(bob.repo.accounts()[0], industry="newer"))
        exchange(ann, bob)
        reasserted.append((ann.reasserted, bob.reasserted))
        ann.close()
        bob.close()
    # Yjs kept the older values (industry, updated) once: bob wrote his again
    assert sorted(reasserted) == [(0, 0), (0, 2)]


def test_an_edit_to_a_record_someone_deleted_is_kept_as_a_conflict(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    ann.world.advance()
    ann.repo.save(Contact(account_id=acme.id, name="Cy"))
    exchange(ann, bob)
    ann.world.advance()
    ann.repo.delete(acme)  # with its contact
    bob.world.advance()
    there = bob.repo.accounts()[0]
    bob.repo.save(replace(there, industry="Steel"))
    for _ in range(2):
        exchange(ann, bob)
    back = ann.repo.accounts()
    assert [a.industry for a in back] == ["Steel"]
    assert [c.name for c in ann.repo.children(Contact, back[0].id)] == ["Cy"]
    assert by_gid(ann) == by_gid(bob)
    deleted = [c for c in ann.conflicts if isinstance(c, DeletedConflict)]
    assert {(c.table, c.deleted_by, c.edited_by) for c in deleted} == {
        ("accounts", "ann", ("bob",))
    }


def test_a_delete_nobody_contested_holds(pair: tuple[Laptop, Laptop]) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    ann.world.advance()
    ann.repo.save(Contact(account_id=acme.id, name="Cy"))
    exchange(ann, bob)
    bob.world.advance()
    bob.repo.delete(bob.repo.accounts()[0])
    exchange(ann, bob)
    assert ann.repo.accounts() == bob.repo.accounts() == []
    assert ann.repo.all(Contact) == []
    assert not ann.conflicts


def test_a_record_added_to_an_account_someone_deleted_keeps_the_account(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    exchange(ann, bob)
    ann.world.advance()
    ann.repo.delete(acme)
    bob.world.advance()
    bob.repo.save(Contact(account_id=bob.repo.accounts()[0].id, name="New"))
    for _ in range(2):
        exchange(ann, bob)
    assert [a.name for a in ann.repo.accounts()] == ["Acme"]
    assert [c.name for c in ann.repo.all(Contact)] == ["New"]
    assert by_gid(ann) == by_gid(bob)


def test_undo_after_a_remote_change_undoes_only_my_own(pair: tuple[Laptop, Laptop]) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    exchange(ann, bob)
    ann.world.advance()
    ann.repo.save(replace(acme, name="Acme Corp"))
    bob.world.advance()
    bob.repo.save(replace(bob.repo.accounts()[0], industry="Steel"))
    exchange(ann, bob)
    mine = ann.repo.account(acme.id)
    assert (mine.name, mine.industry) == ("Acme Corp", "Steel")  # type: ignore[union-attr]
    ann.world.advance()
    undone = ann.repo.undo()
    assert undone is not None and undone.description.startswith("Edited")
    mine = ann.repo.account(acme.id)
    assert (mine.name, mine.industry) == ("Acme", "Steel")  # type: ignore[union-attr]
    exchange(ann, bob)
    there = bob.repo.accounts()[0]
    assert (there.name, there.industry) == ("Acme", "Steel")
    assert by_gid(ann) == by_gid(bob)


def test_a_remote_change_read_before_a_local_edit_keeps_that_edit(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    exchange(ann, bob)
    there = bob.repo.accounts()[0]
    ann.world.advance()
    ann.repo.save(replace(acme, industry="Steel"))
    bob.doc.apply_update(ann.doc.get_update(bob.doc.get_state()))
    read = bob.shared.read_remote(bob.hlc)  # read on the document's thread...
    bob.world.advance()
    bob.repo.save(replace(there, website="bob.example"))  # ...while bob typed on his
    applied = bob.repo.apply_remote(read.change)
    now = bob.repo.account(there.id)
    assert (now.industry, now.website) == ("Steel", "bob.example")  # type: ignore[union-attr]
    assert applied.edits[0].after == now  # bob's later `updated` stamp kept too
    exchange(ann, bob)
    assert by_gid(ann) == by_gid(bob)


def test_a_later_edit_of_a_value_seen_is_no_conflict(pair: tuple[Laptop, Laptop]) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    ann.world.advance()
    acme = ann.repo.save(replace(acme, industry="Steel"))
    exchange(ann, bob)
    bob.world.advance()
    bob.repo.save(replace(bob.repo.accounts()[0], industry="Iron"))  # having seen Steel
    exchange(ann, bob)
    assert ann.repo.account(acme.id).industry == "Iron"  # type: ignore[union-attr]
    assert ann.conflicts == []


def test_deleting_a_kept_record_again_having_seen_it_all_removes_it(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    exchange(ann, bob)
    ann.world.advance()
    ann.repo.delete(acme)
    bob.world.advance()
    bob.repo.save(replace(bob.repo.accounts()[0], industry="Steel"))
    exchange(ann, bob)
    kept = ann.repo.accounts()
    assert [a.industry for a in kept] == ["Steel"]
    ann.world.advance()
    ann.repo.delete(kept[0])
    exchange(ann, bob)
    assert ann.repo.accounts() == bob.repo.accounts() == []


def test_a_kept_record_is_reported_once_not_at_every_later_edit(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    acme = new_account(ann, "Acme")
    exchange(ann, bob)
    ann.world.advance()
    ann.repo.delete(acme)
    bob.world.advance()
    there = bob.repo.save(replace(bob.repo.accounts()[0], industry="Steel"))
    exchange(ann, bob)
    for word in ("Iron", "Tin"):
        bob.world.advance()
        there = bob.repo.save(replace(there, industry=word))
        exchange(ann, bob)
    assert ann.repo.accounts()[0].industry == "Tin"
    assert [type(c).__name__ for c in ann.conflicts] == ["DeletedConflict"]
    assert [type(c).__name__ for c in bob.conflicts] == ["DeletedConflict"]
