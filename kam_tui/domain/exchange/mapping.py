"""A mapping file's content: for each CSV file (by name or glob), the kind of record its
rows become, which column holds what field, and how values are translated on the way in."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kam_tui.domain.fields import FieldDef, table_fields

MAPPED_KINDS: tuple[str, ...] = (
    "accounts",
    "contacts",
    "activities",
    "objectives",
    "actions",
    "swot",
    "process",
    "deals",
    "status_history",
)
"""The kinds of record a mapped file may hold (every table of records)."""
OWNER_FIELDS: frozenset[str] = frozenset({"assignee", "owner", "logged_by", "by"})
"""The fields naming a person: a mapping's `owners` translates their values."""
REFERENCES: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("contacts", "reports_to"): "contacts",
        ("actions", "objective_id"): "objectives",
        ("activities", "contact_ids"): "contacts",
    }
)
"""(kind, field) -> the kind of record its source ids name, for the fields linking records
other than to their account."""
_SET_BY_KAM: frozenset[str] = frozenset({"id", "account_id"})
"""Fields kam sets itself, never read from a file (with the timestamps kam stamps)."""


def mappable_fields(kind: str) -> dict[str, FieldDef]:
    """The fields of `kind` a column may fill, by key (custom fields are `custom.<key>`)."""
    return {
        item.key: item
        for item in table_fields(kind)
        if item.key not in _SET_BY_KAM and item.kind not in ("custom", "timestamp")
    }


@dataclass(frozen=True)
class FileMapping:
    """How one CSV file (or each file matching a glob) maps onto kam records."""

    match: str
    """A file name or a glob (`contacts*.csv`), matched against the file's name."""
    kind: str
    """What each row becomes: one of MAPPED_KINDS."""
    columns: Mapping[str, str]
    """Source column -> kam field key (`custom.<key>` for a custom field)."""
    id_column: str = ""
    """The column holding each row's id in the source; for accounts it may be left out
    (the account's name is then its id)."""
    account_column: str = ""
    """The column naming each row's account (not for accounts)."""
    account_by: str = "id"
    """`id`: the account column holds the source id of an account; `name`: its name."""
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """kam field key -> (source value -> kam value), matched ignoring case and spacing."""
    date_format: str = ""
    """A `strptime` format for its dates (`%d.%m.%Y`); empty: US (MM/DD/YY) or ISO."""
    owners: Mapping[str, str] = field(default_factory=dict)
    """A source owner (a user id, an e-mail, initials) -> the person's name."""
    name: str = ""
    """The object's name in the import links (default: the kind); two mappings of one
    kind need their own."""
    own: bool = False
    """True for kam's own CSV export read back: every field is as kam wrote it, a leading
    `'` the export added is taken away, and nothing is derived (status history included)."""

    @property
    def object(self) -> str:
        """The name the import links give this file's records."""
        return self.name or self.kind

    def matches(self, file_name: str) -> bool:
        """True when this mapping is for the file called `file_name`."""
        return fnmatch.fnmatchcase(file_name, self.match) or fnmatch.fnmatchcase(
            file_name.casefold(), self.match.casefold()
        )

    def translated(self, key: str, text: str) -> str:
        """`text` through the value map of field `key` (and the owner map for a person)."""
        table = self.values.get(key)
        if table:
            wanted = " ".join(text.split()).casefold()
            for source, value in table.items():
                if " ".join(source.split()).casefold() == wanted:
                    return value
        if key in OWNER_FIELDS and text in self.owners:
            return self.owners[text]
        return text


@dataclass(frozen=True)
class MappingFile:
    """A mapping file read: where it is, for messages, and its file mappings in order."""

    name: str
    files: tuple[FileMapping, ...]
    system: str = "Mapping"
    """The system the import links name (kam's own CSV: `kam`)."""

    def for_file(self, file_name: str) -> FileMapping | None:
        """The first file mapping for `file_name`, or None."""
        return next((item for item in self.files if item.matches(file_name)), None)
