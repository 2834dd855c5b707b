"""The shared document's files beside the store: saved whole once, then as appended
updates; read back whole, a cut-off last update left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pycrdt import Doc, Map
from sync.wiring_laptops import Laptop, new_account

from kam_tui.services.syncing_files import SyncFiles


def doc_from(updates: list[bytes] | None) -> dict[str, Any]:
    doc: Doc[Any] = Doc()
    for update in updates or ():
        doc.apply_update(update)
    return dict(doc.get("records", type=Map).to_py() or {})


def test_appended_updates_read_back_in_order_and_a_cut_one_is_left_out(tmp_path: Path) -> None:
    files = SyncFiles(tmp_path / "kam.json")
    assert files.read_document() is None
    doc: Doc[Any] = Doc()
    records = doc.get("records", type=Map)
    records["a"] = "one"
    files.write_document(doc.get_update())
    saved = doc.get_state()
    records["a"] = "two"
    records["b"] = "three"
    size = files.append_document([doc.get_update(saved)])
    assert files.document_log.stat().st_size == size
    assert doc_from(files.read_document()) == {"a": "two", "b": "three"}
    saved = doc.get_state()
    records["c"] = "four"
    files.append_document([doc.get_update(saved)])
    whole = files.document_log.read_bytes()
    files.document_log.write_bytes(whole[:-3])  # a kill in the middle of the last append
    assert doc_from(files.read_document()) == {"a": "two", "b": "three"}
    files.write_document(doc.get_update())
    assert not files.document_log.exists()
    assert doc_from(files.read_document()) == {"a": "two", "b": "three", "c": "four"}


def test_a_restart_appends_to_a_sound_log_and_rewrites_after_a_cut_one(tmp_path: Path) -> None:
    def laptop() -> Laptop:
        return Laptop(tmp_path, "ws://127.0.0.1:9/kam", "token", "ann")

    ann = laptop()
    ann.session.save()  # joined by hand: the document is written whole
    new_account(ann.workspace, "Acme")
    ann.session.write_local(ann.local)
    ann.session.save()
    files = ann.session.files
    assert files.document_log.exists()
    whole = files.document.read_bytes()
    ann.close()
    again = laptop()  # a sound log: appended to, the document not written again
    assert files.document.read_bytes() == whole
    assert [a.name for a in again.workspace.accounts()] == ["Acme"]
    new_account(again.workspace, "Bolt")
    again.session.write_local(again.local)
    again.session.save()
    again.close()
    log = files.document_log.read_bytes()
    files.document_log.write_bytes(log[:-2])  # a kill in the middle of the last append
    third = laptop()
    assert not files.document_log.exists()  # written whole again: nothing follows a cut
    assert files.document.read_bytes() != whole
    third.close()
