"""Schema versions of the store file and the steps that bring an older file up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1
"""The layout this kam-tui writes."""
META_TABLE = "_meta"
"""The table holding the schema version."""

Data = dict[str, Any]


def _from_bare_tinydb(data: Data) -> Data:
    """Version 0 is a plain TinyDB file (for example `{}` or `{"_default": {}}`): add the meta."""
    data.pop("_default", None)
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _from_bare_tinydb}
"""`MIGRATIONS[n]` turns a version-n file into a version n+1 one."""


def file_version(data: Data) -> int:
    """The schema version a parsed store file declares (0 when it has no meta table)."""
    meta = data.get(META_TABLE)
    if not isinstance(meta, dict) or not meta:
        return 0
    record = next(iter(meta.values()))
    version = record.get("schema_version") if isinstance(record, dict) else None
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ValueError(f"{META_TABLE}.schema_version must be a whole number, found {version!r}")
    return version


def migrate(data: Data, current: int = SCHEMA_VERSION) -> Data:
    """Apply every migration from the file's version up to `current`, then stamp it."""
    version = file_version(data)
    while version < current:
        data = MIGRATIONS[version](data)
        version += 1
    data[META_TABLE] = {"1": {"schema_version": current}}
    return data
