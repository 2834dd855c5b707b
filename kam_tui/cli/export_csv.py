"""kam export --format csv: one table of records as CSV that a spreadsheet reads as data.

Columns are the field catalogue's keys (so the file maps back onto the fields), led by the
record's `id`; money is a decimal amount with the currency in its header; dates are ISO;
custom fields are `custom.<key>` columns; tags, team and key results are one readable cell.

Formula injection: a text cell whose first character is `=`, `+`, `-`, `@`, a tab or a CR
(or a `'`, so that the rule can be undone) gets a single quote in front, as OWASP advises
for CSV: a spreadsheet then shows it as text. Number columns (ids, money, whole numbers)
are written by us from numbers, so they can hold no text and are never prefixed: a negative
amount stays a number. Everything else is kept as typed: CSV quoting carries commas,
quotes, newlines and control characters through as data.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from kam_tui.domain.codecs import JSON_TYPES, READ_CONVERTED, field_default, read_json
from kam_tui.domain.errors import RecordError
from kam_tui.domain.fields import FieldDef, table_fields
from kam_tui.domain.models import TABLES, USER_TABLES, Record
from kam_tui.domain.parsing import format_quantity
from kam_tui.domain.parts import KeyResult, TeamMember
from kam_tui.domain.schema import Schema

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
"""The first characters that make a text cell get a quote in front (the quote itself
included, so that an importer strips exactly one leading quote to get the text back)."""
LIST_SEPARATOR = "; "
"""Between the members of a team, the key results of an objective, the contacts of an
activity."""
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


_FORMULA_FIRST = frozenset(FORMULA_STARTS)


def neutralised(text: str) -> str:
    """`text` with a single quote in front when it starts with a formula character."""
    return f"'{text}" if text and text[0] in _FORMULA_FIRST else text


def money_cell(cents: int) -> str:
    """Cents as a decimal amount: 1234.50, -720000.00, 0.00."""
    units, hundredths = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{units}.{hundredths:02d}"


def team_cell(team: Iterable[TeamMember]) -> str:
    """`Name (role); Name (role)`."""
    return LIST_SEPARATOR.join(f"{member.name} ({member.role})" for member in team)


def key_results_cell(results: Iterable[KeyResult]) -> str:
    """`name: current of target; name: current of target`."""
    return LIST_SEPARATOR.join(
        f"{result.name}: {format_quantity(result.current)} of {format_quantity(result.target)}"
        for result in results
    )


def header(item: FieldDef, currency: str) -> str:
    """The column's header: the field's key, with the currency for money."""
    return f"{item.key} ({currency})" if item.kind == "money" else item.key


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _moment(value: date | datetime | None) -> str:
    return "" if value is None else value.isoformat()


Cell = Callable[[Any], str]
"""Writes one field's value as a cell."""
_CELLS: dict[str, Cell] = {
    "text": neutralised,
    "multiline": neutralised,
    "choice": neutralised,
    "money": money_cell,
    "whole": _number,
    "reference": _number,
    "date": _moment,
    "timestamp": _moment,
    "yes-no": lambda value: "yes" if value else "no",
    "tags": lambda tags: neutralised(", ".join(tags)),
    "team": lambda team: neutralised(team_cell(team)),
    "key-results": lambda results: neutralised(key_results_cell(results)),
    "references": lambda ids: LIST_SEPARATOR.join(str(number) for number in ids),
}
"""How each kind of field is written (the kinds not listed are written as `format` does)."""


def _writer(item: FieldDef) -> Cell:
    cell = _CELLS.get(item.kind)
    if cell is not None:
        return cell
    return lambda value: neutralised(item.format(value))


def _custom_cell(value: object, numeric: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if numeric and _PLAIN_NUMBER.fullmatch(text) else neutralised(text)


def custom_keys(schema: Schema, records: Sequence[Record]) -> list[str]:
    """The custom fields to give a column: the config's, then any other a record holds."""
    return _custom_columns(schema, (getattr(record, "custom", {}) for record in records))


def _custom_columns(schema: Schema, customs: Iterable[Mapping[str, object]]) -> list[str]:
    keys = [definition.key for definition in schema.custom_fields]
    held = {key for custom in customs for key in custom}
    return keys + sorted(held - set(keys))


def _numeric_customs(schema: Schema) -> set[str]:
    """The custom fields written as numbers when they hold one."""
    return {
        definition.key
        for definition in schema.custom_fields
        if definition.kind in ("number", "rating")
    }


def table_rows(table: str, records: Sequence[Record], schema: Schema) -> list[list[str]]:
    """The header and the rows of one table, every cell as CSV text."""
    items = [item for item in table_fields(table) if item.kind != "custom"]
    has_custom = any(item.kind == "custom" for item in table_fields(table))
    extra = custom_keys(schema, records) if has_custom else []
    numeric = _numeric_customs(schema)
    currency = schema.currency
    rows = [["id", *(header(item, currency) for item in items), *(f"custom.{k}" for k in extra)]]
    values_of = attrgetter("id", *(item.key for item in items))
    writers: list[Cell] = [str, *(_writer(item) for item in items)]
    for record in records:
        row = [write(value) for write, value in zip(writers, values_of(record), strict=True)]
        if extra:
            custom = getattr(record, "custom", {})
            row += [_custom_cell(custom.get(key), key in numeric) for key in extra]
        rows.append(row)
    return rows


class UnusualDocument(ValueError):
    """A stored document `raw_table_rows` does not write: one an open would refuse, which
    the caller reads the usual way instead, so that the store's problem is named."""


def raw_table_rows(table: str, docs: Mapping[str, Any], schema: Schema) -> list[list[str]]:
    """The same rows as `table_rows`, read straight from a table's stored documents (its
    JSON as parsed): no record is built for a row that is only written out. Each value is
    read as `Record.from_doc` reads it (its default when missing, converted kinds through
    the same readers, the same type check); a document it would refuse raises
    UnusualDocument."""
    kind = TABLES[table]
    items = [item for item in table_fields(table) if item.kind != "custom"]
    has_custom = any(item.kind == "custom" for item in table_fields(table))
    readers = [
        (
            item.key,
            JSON_TYPES.get(item.kind, object),
            field_default(kind, item.key),
            READ_CONVERTED.get(item.kind),
            _writer(item),
        )
        for item in items
    ]
    read_custom = READ_CONVERTED["custom"]
    rows: list[list[str]] = []
    customs: list[dict[str, Any]] = []
    try:
        for key, doc in docs.items():
            if not (key.isascii() and key.isdigit()) or key[0] == "0" or len(key) > 18:
                raise UnusualDocument(f"{table}: {key[:40]!r} is not a record id")
            if type(doc) is not dict:
                raise UnusualDocument(f"{table} {key} is not an object")
            get = doc.get
            row = [key]
            for field_key, json_type, default, convert, write in readers:
                if convert is not None:
                    value = convert(doc, field_key)
                else:
                    value = get(field_key, default)
                    if type(value) is not json_type and value is not default:
                        value = read_json(doc, field_key, json_type, default)
                row.append(write(value))
            rows.append(row)
            if has_custom:
                customs.append(read_custom(doc, "custom"))
    except RecordError as error:
        raise UnusualDocument(str(error)) from None
    extra = _custom_columns(schema, customs) if has_custom else []
    currency = schema.currency
    head = ["id", *(header(item, currency) for item in items), *(f"custom.{k}" for k in extra)]
    if extra:
        numeric = _numeric_customs(schema)
        for row, custom in zip(rows, customs, strict=True):
            row += [_custom_cell(custom.get(key), key in numeric) for key in extra]
    return [head, *rows]


def csv_text(rows: Iterable[Sequence[str]], *, bom: bool = False) -> str:
    """`rows` as CSV text (RFC 4180: CRLF line ends, quoted when needed)."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


TABLE_NAMES: tuple[str, ...] = USER_TABLES
"""Every table of the user's records, in store order: accounts first, then the kinds that
belong to one (the importer's links are bookkeeping: the JSON export, the whole store, holds
them; the CSV files do not)."""
