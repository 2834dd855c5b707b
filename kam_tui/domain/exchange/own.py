"""kam's own CSV export read back: a file whose headers are those `kam export --format csv`
writes for a table (`id`, the catalogue's keys, money keys with the currency, custom
fields) is mapped column by column onto that table, by a mapping built here from the
field catalogue rather than shipped as a file, so that it follows every field added."""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

from kam_tui.domain.exchange.mapping import MAPPED_KINDS, FileMapping, mappable_fields
from kam_tui.domain.fields import table_fields

SYSTEM = "kam"
"""The system the import links of kam's own files name."""
_MONEY_HEADER = re.compile(r"^(?P<key>[a-z_]+) \(.{1,8}\)$")
_CUSTOM = "custom."


def _base_key(header: str, money: frozenset[str]) -> str:
    match = _MONEY_HEADER.match(header)
    if match and match["key"] in money:
        return match["key"]
    return header


def own_mapping(file_name: str, headers: Sequence[str]) -> FileMapping | None:
    """The mapping of a file of kam's CSV export, or None when the headers are not exactly
    those of one of its tables (in any order; custom columns for accounts only)."""
    if not headers or headers[0] != "id":
        return None
    for kind in MAPPED_KINDS:
        items = [item for item in table_fields(kind) if item.kind != "custom"]
        money = frozenset(item.key for item in items if item.kind == "money")
        keys = {_base_key(header, money): header for header in headers[1:]}
        has_custom = any(item.kind == "custom" for item in table_fields(kind))
        plain = {key for key in keys if not (has_custom and key.startswith(_CUSTOM))}
        if plain != {item.key for item in items} or len(keys) != len(headers) - 1:
            continue
        fields = mappable_fields(kind)
        columns = {
            header: key for key, header in keys.items() if key in fields or key.startswith(_CUSTOM)
        }
        return FileMapping(
            match=file_name,
            kind=kind,
            columns=MappingProxyType(columns),
            id_column="id",
            account_column="" if kind == "accounts" else "account_id",
            name=kind,
            own=True,
        )
    return None
