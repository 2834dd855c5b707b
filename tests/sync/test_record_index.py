"""The record index beside the saved document: a start that matches it reads no record
it does not need, and one that does not reads them all, with the same result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pycrdt import Doc, Map
from sync.wiring_laptops import Laptop, new_account

from kam_tui.domain.models import Contact
from kam_tui.sync.document import SharedDocument
from kam_tui.sync.record_index import index_path, read_index, write_index


def laptop(folder: Path) -> Laptop:
    return Laptop(folder, "ws://127.0.0.1:9/kam", "token", "ann")


def whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Counts the reads of every record out of the document."""
    reads: list[bool] = []
    view = SharedDocument._view

    def counted(self: SharedDocument, gids: Any, *, everything: bool = False) -> Any:
        if everything:
            reads.append(True)
        return view(self, gids, everything=everything)

    monkeypatch.setattr(SharedDocument, "_view", counted)
    return reads


def test_a_start_matching_the_index_reads_only_what_changed_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann = laptop(tmp_path)
    ann.session.save()  # joined by hand: the document and its index are written whole
    acme = new_account(ann.workspace, "Acme")
    ann.workspace.save(Contact(account_id=acme.id, name="Cy"))
    ann.session.write_local(ann.local)
    ann.session.save()  # appended to the log: the index stays as it was
    expected = ann.session.shared.parents if ann.session.shared else {}
    assert ":contacts:" in " ".join(expected)  # the contact (and status history) under Acme
    ann.close()
    reads = whole_reads(monkeypatch)
    again = laptop(tmp_path)
    assert reads == []  # the index matched the whole document; the log's records re-read
    assert again.session.shared is not None
    assert again.session.shared.parents == expected
    bolt = new_account(again.workspace, "Bolt")
    again.workspace.save(Contact(account_id=bolt.id, name="Di"))
    again.session.write_local(again.local)
    again.close()  # the change is journaled, not saved: it is written at the next start
    third = laptop(tmp_path)
    assert reads == []
    assert third.session.shared is not None
    assert len(third.session.shared.parents) == 2 * len(expected)  # Bolt's as many
    third.close()


def test_a_start_without_a_matching_index_reads_everything_and_writes_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann = laptop(tmp_path)
    ann.session.save()
    acme = new_account(ann.workspace, "Acme")
    ann.workspace.save(Contact(account_id=acme.id, name="Cy"))
    ann.session.write_local(ann.local)
    ann.session.save()
    expected = ann.session.shared.parents if ann.session.shared else {}
    ann.close()
    index = index_path(ann.session.files.document)
    other: Doc[Any] = Doc()
    other.get("records", type=Map)["x"] = Map({"table": "accounts"})
    write_index(index, other.get_state(), {})  # the index of another document
    reads = whole_reads(monkeypatch)
    again = laptop(tmp_path)
    assert reads == [True]
    assert again.session.shared is not None
    assert again.session.shared.parents == expected
    saved = read_index(index)
    assert saved is not None and saved[1] == expected
    again.close()
    index.write_bytes(b"not json")
    third = laptop(tmp_path)
    assert reads == [True, True]
    assert third.session.shared is not None
    assert third.session.shared.parents == expected
    third.close()
