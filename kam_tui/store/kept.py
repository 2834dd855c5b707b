"""Keeping a session's changes when the store's file was replaced under this kam.

Another program may replace the store while kam runs (`mv`, a sync tool, an editor's
save), write it in place (`cp`), delete it, or give it a second name (a hard link). Writing
the store then would overwrite the other program's file, recreate a deleted one (which a
second kam could meanwhile have opened), or split the linked file in two. So the saver
writes nothing more to the store: the whole store as this kam has it, every change made
here included, goes to a new file beside it instead.
"""

from __future__ import annotations

import itertools
import os
from datetime import UTC, datetime
from pathlib import Path

from kam_tui.store.errors import StoreReplacedError


def kept_copy_path(store_path: Path, now: datetime | None = None) -> Path:
    """A free name beside the store for its kept copy: `kam.json.kept-YYYYmmdd-HHMMSSZ.json`
    (the time in UTC), numbered when that name is taken."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%SZ")
    base = f"{store_path.name}.kept-{stamp}"
    for number in itertools.count(1):
        suffix = "" if number == 1 else f"-{number}"
        candidate = store_path.with_name(f"{base}{suffix}.json")
        if not os.path.lexists(candidate):
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def kept_message(replaced: StoreReplacedError, kept: Path) -> str:
    """What the user is told: what became of the store, that kam left it alone, and where
    the changes are."""
    left = "did not recreate it" if replaced.what == "was deleted" else "did not write over it"
    return (
        f"{replaced}, so kam {left} and saves nothing more to it. The store with every "
        f"change made here is kept in {kept}; open it with `kam --db {kept}` to go on from "
        "there."
    )
