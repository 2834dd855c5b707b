"""A change's new records are added a table at a time; edits of the same table that are not
additions keep their place among them, and an id already taken is still refused.

The changes are applied as the repository applies every change (`_apply`), past the
rebasing of undo and remote changes, which would drop the edits these tests need."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kam_tui.domain.models import Account, Contact
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository
from kam_tui.store.errors import StoreError
from kam_tui.store.undo import Change, Edit


def test_additions_and_edits_of_one_table_apply_in_their_order(
    repo: Repository, store_path: Path
) -> None:
    account = repo.save(Account(name="Acme", status="Contacted", lifecycle="New"))
    ann = repo.save(Contact(account_id=account.id, name="Ann"))
    bob = Contact(id=ann.id + 1, account_id=account.id, name="Bob")
    cid = Contact(id=ann.id + 2, account_id=account.id, name="Cid")
    edits = (
        Edit(Contact.TABLE, bob.id, None, bob),
        Edit(Contact.TABLE, ann.id, ann, replace(ann, name="Ann B")),
        Edit(Contact.TABLE, bob.id, bob, None),  # added, then taken back
        Edit(Contact.TABLE, cid.id, None, cid),
    )
    repo._apply(Change("Hand-made", edits))
    assert [contact.name for contact in repo.children(Contact, account.id)] == ["Ann B", "Cid"]
    repo.close()
    reopened = Repository.open(store_path, Schema())
    assert [contact.name for contact in reopened.all(Contact)] == ["Ann B", "Cid"]
    reopened.close()


def test_an_addition_under_a_stored_id_is_refused(repo: Repository) -> None:
    account = repo.save(Account(name="Acme", status="Contacted", lifecycle="New"))
    ann = repo.save(Contact(account_id=account.id, name="Ann"))
    again = Contact(id=ann.id, account_id=account.id, name="Ann again")
    with pytest.raises(StoreError, match=f"contacts {ann.id} already exists"):
        repo._apply(Change("Hand-made", (Edit(Contact.TABLE, ann.id, None, again),)))
