"""The shared document's files beside the store: saved whole once, then as appended
updates; read back whole, a cut-off last update left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pycrdt import Doc, Map

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
