"""The record index saved beside the shared document: which account each record belongs to,
as of one state of the document, so a start need not read every record out of it.

The index holds the document's state vector when it was written. A load applies the saved
updates in turn; once the document's state vector equals the index's, the index describes
the document, and only the records the remaining updates touch are read again. A load that
never reaches it (a lost or older index) reads the whole document, as without one. Nothing
in the team's code removes a key from the document (deletions are entries), so the state
vector, which counts insertions, identifies what the index was built from.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import orjson
from pycrdt import Doc, Map

from kam_tui.store.files import atomic_write_private


def index_path(document: Path) -> Path:
    """The index file beside a saved document."""
    return document.with_name(document.name + "-index")


def write_index(path: Path, state: bytes, parents: dict[str, str]) -> None:
    """Save the index of the document whose state vector is `state` (atomically)."""
    atomic_write_private(path, orjson.dumps({"state": state.hex(), "parents": parents}))


def read_index(path: Path) -> tuple[bytes, dict[str, str]] | None:
    """The saved index (state vector, parents), or None when missing or unreadable."""
    try:
        data = orjson.loads(path.read_bytes())
        state = bytes.fromhex(data["state"])
        parents = data["parents"]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    if not isinstance(parents, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in parents.items()
    ):
        return None
    return state, parents


class IndexedLoad:
    """Applies saved updates to a document, noting where the index matches it and the
    records touched after that point."""

    def __init__(
        self, doc: Doc[Any], records: Map[Any], index: tuple[bytes, dict[str, str]] | None
    ):
        self._doc = doc
        self._records = records
        self._index = index
        self.parents: dict[str, str] | None = None
        """The index's parents once the document reached its state (None: read everything)."""
        self.touched: set[str] = set()
        """Global ids of the records the updates after that point touched."""
        self._subscription: Any = None

    def apply(self, update: bytes) -> None:
        self._doc.apply_update(update)
        self._check()

    def _check(self) -> None:
        if self._index is None or self.parents is not None:
            return
        state, parents = self._index
        if self._doc.get_state() == state:
            self.parents = parents
            self._subscription = self._records.observe_deep(self._note)

    def _note(self, events: list[Any]) -> None:
        for event in events:
            path: list[Any] = event.path
            if path:
                self.touched.add(str(path[0]))
            else:
                self.touched.update(str(key) for key in getattr(event, "keys", {}))

    def close(self) -> None:
        """Stop watching the document."""
        if self._subscription is not None:
            with contextlib.suppress(Exception):
                self._records.unobserve(self._subscription)
            self._subscription = None
