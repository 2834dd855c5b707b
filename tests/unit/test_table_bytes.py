"""Saves re-serialise only the chunks of records that changed, and never lose a change."""

from __future__ import annotations

import random
from typing import Any

import orjson

from kam_tui.store.table_bytes import CHUNK_RECORDS, TableBytes, TableSnapshot


def table_json(snapshot: TableSnapshot) -> Any:
    return orjson.loads(b"".join(snapshot.encode()))


def save(cache: TableBytes, raw: dict[str, Any]) -> Any:
    """One save as the saver makes it: take, encode, keep; returns what was written."""
    snapshot = cache.take(raw)
    written = table_json(snapshot)
    cache.keep(snapshot)
    return written


def put(cache: TableBytes, raw: dict[str, Any], record_id: int, value: int | None) -> None:
    """Replace (or with None remove) a record the way the repository does."""
    if value is None:
        raw.pop(str(record_id), None)
    else:
        raw[str(record_id)] = {"id": record_id, "value": value}
    cache.changed(record_id)


def test_an_unchanged_table_is_written_with_the_bytes_read_from_the_file() -> None:
    whole = b'{"1":{"name":"A"},"2":{"name":"B"}}'
    snapshot = TableBytes(whole).take({})
    assert snapshot.encode() == [whole]


def test_a_change_reserialises_only_its_chunk() -> None:
    raw = {str(i): {"id": i, "value": 0} for i in range(1, 2001)}
    cache = TableBytes()
    assert save(cache, raw) == raw
    put(cache, raw, 700, 1)
    snapshot = cache.take(raw)
    assert list(snapshot.todo) == [700 // CHUNK_RECORDS]
    assert len(snapshot.kept) == 2000 // CHUNK_RECORDS  # every other chunk is reused
    assert table_json(snapshot) == raw


def test_a_change_made_while_a_save_is_encoding_is_in_the_next_save() -> None:
    raw = {str(i): {"id": i, "value": 0} for i in range(1, 600)}
    cache = TableBytes()
    save(cache, raw)
    put(cache, raw, 5, 1)
    snapshot = cache.take(raw)
    put(cache, raw, 6, 2)  # the UI thread goes on while the saver encodes
    written = table_json(snapshot)
    cache.keep(snapshot)
    assert written["5"]["value"] == 1 and written["6"]["value"] == 0
    assert save(cache, raw) == raw


def test_random_edits_always_write_exactly_the_table() -> None:
    generator = random.Random(6)
    raw: dict[str, Any] = {}
    cache = TableBytes(b"{}")
    for round_number in range(60):
        for _ in range(generator.randint(1, 40)):
            record_id = generator.randint(1, 3000)
            value = None if generator.random() < 0.2 else round_number
            put(cache, raw, record_id, value)
        snapshot = cache.take(raw)
        expected = dict(raw)
        for _ in range(generator.randint(0, 5)):  # changes during the encoding
            put(cache, raw, generator.randint(1, 3000), -round_number)
        assert table_json(snapshot) == expected
        cache.keep(snapshot)
        if generator.random() < 0.5:
            assert save(cache, raw) == raw
    assert save(cache, raw) == raw


def test_records_added_as_a_batch_reserialise_only_their_chunks() -> None:
    raw = {str(i): {"id": i, "value": 0} for i in range(1, 2001)}
    cache = TableBytes()
    save(cache, raw)
    added = [300, 301, 1500]
    for record_id in added:
        raw[str(record_id + 10_000)] = {"id": record_id + 10_000, "value": 1}
    cache.changed_many([record_id + 10_000 for record_id in added])
    snapshot = cache.take(raw)
    assert sorted(snapshot.todo) == [10_300 // CHUNK_RECORDS, 11_500 // CHUNK_RECORDS]
    assert table_json(snapshot) == raw
