"""The generated document writers of the store against `Record.to_doc`."""

from __future__ import annotations

from dataclasses import replace

import orjson

from kam_tui.domain.models import RECORD_TYPES, TABLES
from kam_tui.store import Repository
from kam_tui.store.documents import doc_writer


def test_every_record_of_the_demo_writes_the_document_to_doc_writes(
    demo_repo: Repository,
) -> None:
    seen = set()
    for kind in TABLES.values():
        write = doc_writer(kind)
        for record in demo_repo.all(kind):
            seen.add(kind)
            doc = write(record)
            assert orjson.dumps(doc) == orjson.dumps(record.to_doc()), record.label
    assert len(seen) >= 8  # the demo holds most kinds; the defaults below cover the rest


def test_a_default_record_of_every_kind_with_and_without_a_gid() -> None:
    for kind in RECORD_TYPES:
        plain = kind()
        tagged = replace(plain, gid="0123456789abcdef-7")
        for record in (plain, tagged):
            doc = doc_writer(kind)(record)
            assert orjson.dumps(doc) == orjson.dumps(record.to_doc())
        assert "gid" not in doc_writer(kind)(plain)
        assert doc_writer(kind)(tagged)["gid"] == "0123456789abcdef-7"
