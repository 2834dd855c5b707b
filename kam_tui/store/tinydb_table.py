"""TinyDB glue: tables that write in place, and the in-memory storage the saver makes durable."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table


class _IntKeyView(MutableMapping[int, Any]):
    """The raw table (str keys, as JSON has them) seen with the int doc ids TinyDB uses."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self._raw[str(doc_id)]

    def __setitem__(self, doc_id: int, document: Any) -> None:
        self._raw[str(doc_id)] = document

    def __delitem__(self, doc_id: int) -> None:
        del self._raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class InPlaceTable(Table):
    """TinyDB's Table, but `_update_table` edits the stored dict instead of rebuilding it.

    Stock TinyDB copies the whole table twice on every write (tinydb/table.py), which makes
    one card move cost O(accounts). Reads and the file format are unchanged.
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read() or {}
        raw = tables.setdefault(self.name, {})
        updater(_IntKeyView(raw))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()


class KamTinyDB(TinyDB):
    """TinyDB with tables that write in place."""

    table_class = InPlaceTable


class MemoryStorage(Storage):
    """A TinyDB storage holding the parsed file in memory; the Saver makes it durable."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
