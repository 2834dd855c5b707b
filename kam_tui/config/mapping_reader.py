"""Reading an import mapping file (`kam import --mapping FILE`): YAML checked key by key
against the field catalogue, every error naming the file, line, column and key."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import yaml

from kam_tui.config.portfolio_reader import NodeReader
from kam_tui.config.settings import ConfigError, suggest
from kam_tui.domain.exchange.mapping import (
    MAPPED_KINDS,
    FileMapping,
    MappingFile,
    mappable_fields,
)
from kam_tui.domain.fields import MAX_NAME
from kam_tui.domain.schema import Schema
from kam_tui.domain.text import first_unsafe

MAX_MAPPING_BYTES = 256 * 1024
"""The largest mapping file read; a real one is a few dozen lines."""
TOP_KEYS = ("files", "system")
FILE_KEYS = ("match", "kind", "name", "id", "account", "columns", "values", "date_format", "owners")
ACCOUNT_KEYS = ("column", "by")


def load_mapping(path: Path, schema: Schema) -> MappingFile:
    """The mapping file at `path`, checked against the catalogue and `schema` (custom fields,
    statuses, lists); ConfigError names file:line:column and the key when it is wrong."""
    from kam_tui.config.yaml_reader import document_reader

    try:
        with path.open("rb") as mapping_file:
            data = mapping_file.read(MAX_MAPPING_BYTES + 1)
    except OSError as error:
        raise ConfigError(error.strerror or str(error), path=path) from None
    if len(data) > MAX_MAPPING_BYTES:
        raise ConfigError(f"a mapping file of at most {MAX_MAPPING_BYTES:,} bytes", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=path) from None
    reader, root = document_reader(path, text)
    if root is None:
        raise ConfigError("an empty mapping file: expected `files:`, a list of files", path=path)
    entries = reader.mapping(root, "", TOP_KEYS, "a mapping with `files:`")
    files_node = entries.get("files")
    if files_node is None:
        raise reader.fail(root, "files", "expected `files:`, a list of files to map")
    files = tuple(
        _file(reader, node, key_path, schema)
        for key_path, node in reader.items(files_node, "files", "a list of files")
    )
    if not files:
        raise reader.fail(files_node, "files", "expected at least one file to map")
    system_node = entries.get("system")
    if system_node is None:
        return MappingFile(path.name, files)
    return MappingFile(path.name, files, _system(reader, system_node))


def _file(reader: NodeReader, node: yaml.Node, key_path: str, schema: Schema) -> FileMapping:
    entries = reader.mapping(node, key_path, FILE_KEYS, "a mapping of one file")

    def required(key: str, expected: str) -> yaml.Node:
        found = entries.get(key)
        if found is None:
            raise reader.fail(node, f"{key_path}.{key}", f"expected {expected}")
        return found

    match = reader.text(
        required("match", "`match:`, the file name or a glob"),
        f"{key_path}.match",
        "a file name or glob",
    )
    kind_node = required("kind", f"`kind:`, one of {', '.join(MAPPED_KINDS)}")
    kind = reader.text(kind_node, f"{key_path}.kind", "a kind of record")
    if kind not in MAPPED_KINDS:
        problem = f"{kind!r} is not a kind of record{suggest(kind, MAPPED_KINDS)}"
        raise reader.fail(
            kind_node, f"{key_path}.kind", f"{problem}; expected one of: {', '.join(MAPPED_KINDS)}"
        )
    columns = _columns(
        reader,
        required("columns", "`columns:`, source column: field"),
        f"{key_path}.columns",
        kind,
        schema,
    )
    if kind == "accounts" and "name" not in columns.values():
        raise reader.fail(
            node,
            f"{key_path}.columns",
            "expected a column mapped onto `name` (an account needs one)",
        )
    id_column = _optional(
        reader, entries.get("id"), f"{key_path}.id", "the column of the source id"
    )
    if kind != "accounts" and not id_column:
        raise reader.fail(
            node, f"{key_path}.id", "expected `id:`, the column holding each row's id in the source"
        )
    account_column, account_by = "", "id"
    account_node = entries.get("account")
    if kind != "accounts":
        if account_node is None:
            raise reader.fail(
                node,
                f"{key_path}.account",
                "expected `account:`, the column naming each row's account",
            )
        account_column, account_by = _account(reader, account_node, f"{key_path}.account")
    elif account_node is not None:
        raise reader.fail(
            account_node, f"{key_path}.account", "an account has no account: leave `account:` out"
        )
    date_node = entries.get("date_format")
    date_format = _optional(reader, date_node, f"{key_path}.date_format", "a strptime format")
    if date_node is not None and "%" not in date_format:
        raise reader.fail(
            date_node,
            f"{key_path}.date_format",
            f"a strptime format such as %d.%m.%Y, not {date_format!r}",
        )
    return FileMapping(
        match=match,
        kind=kind,
        columns=MappingProxyType(columns),
        id_column=id_column,
        account_column=account_column,
        account_by=account_by,
        values=MappingProxyType(
            _values(reader, entries.get("values"), f"{key_path}.values", kind, columns, schema)
        ),
        date_format=date_format,
        owners=MappingProxyType(
            _pairs(reader, entries.get("owners"), f"{key_path}.owners", "a person's name")
        ),
        name=_name(reader, entries.get("name"), f"{key_path}.name"),
    )


def _name(reader: NodeReader, node: yaml.Node | None, key_path: str) -> str:
    """The records' name in the import links: short, without control characters."""
    name = _optional(reader, node, key_path, "a name for these records")
    if node is not None and (len(name) > MAX_NAME or first_unsafe(name) is not None):
        problem = f"a name of at most {MAX_NAME} characters without control characters"
        raise reader.fail(node, key_path, problem)
    return name


def _system(reader: NodeReader, node: yaml.Node) -> str:
    """The system the mapped files' ids come from: a short printable name."""
    expected = f"the name of the system the ids come from (at most {MAX_NAME} characters)"
    system = reader.text(node, "system", expected)
    if not system.strip() or len(system) > MAX_NAME or first_unsafe(system) is not None:
        raise reader.fail(node, "system", f"{expected}, without control characters")
    return system


def _optional(reader: NodeReader, node: yaml.Node | None, key_path: str, expected: str) -> str:
    return "" if node is None else reader.text(node, key_path, expected)


def _fields(kind: str, schema: Schema) -> list[str]:
    keys = list(mappable_fields(kind))
    if kind == "accounts":
        keys += [f"custom.{item.key}" for item in schema.custom_fields]
    return keys


def _columns(
    reader: NodeReader, node: yaml.Node, key_path: str, kind: str, schema: Schema
) -> dict[str, str]:
    entries = reader.mapping(node, key_path, None, "a mapping of source column: field")
    if not entries:
        raise reader.fail(node, key_path, "expected at least one column")
    allowed = _fields(kind, schema)
    columns: dict[str, str] = {}
    seen: dict[str, str] = {}
    for column, value in entries.items():
        child = f"{key_path}.{column}"
        target = reader.text(value, child, f"a field of {kind}")
        if target not in allowed:
            hint = suggest(target, allowed) or f"; expected one of: {', '.join(allowed)}"
            raise reader.fail(
                value, child, f"{target!r} is not a field of {kind} in the field catalogue{hint}"
            )
        if target in seen:
            raise reader.fail(
                value, child, f"{target!r} is already filled by the column {seen[target]!r}"
            )
        seen[target] = column
        columns[column] = target
    return columns


def _account(reader: NodeReader, node: yaml.Node, key_path: str) -> tuple[str, str]:
    if isinstance(node, yaml.ScalarNode):
        return reader.text(node, key_path, "the column naming the account"), "id"
    entries = reader.mapping(node, key_path, ACCOUNT_KEYS, "a column, or {column: C, by: id|name}")
    column_node = entries.get("column")
    if column_node is None:
        raise reader.fail(node, f"{key_path}.column", "expected the column naming the account")
    column = reader.text(column_node, f"{key_path}.column", "the column naming the account")
    by = "id"
    by_node = entries.get("by")
    if by_node is not None:
        by = reader.text(by_node, f"{key_path}.by", "id or name")
        if by not in ("id", "name"):
            raise reader.fail(by_node, f"{key_path}.by", f"expected id or name, not {by!r}")
    return column, by


def _pairs(
    reader: NodeReader, node: yaml.Node | None, key_path: str, expected: str
) -> dict[str, str]:
    if node is None:
        return {}
    entries = reader.mapping(node, key_path, None, "a mapping of source value: kam value")
    pairs: dict[str, str] = {}
    for key, value in entries.items():
        raw = reader.value(value) if isinstance(value, yaml.ScalarNode) else None
        if raw is None or isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise reader.fail(
                value, f"{key_path}.{key}", f"expected {expected}, got {reader.describe(value)}"
            )
        pairs[key] = str(raw).strip()
    return pairs


def _values(
    reader: NodeReader,
    node: yaml.Node | None,
    key_path: str,
    kind: str,
    columns: dict[str, str],
    schema: Schema,
) -> dict[str, dict[str, str]]:
    if node is None:
        return {}
    entries = reader.mapping(node, key_path, None, "a mapping of field: {source value: kam value}")
    fields = mappable_fields(kind)
    values: dict[str, dict[str, str]] = {}
    for key, table in entries.items():
        child = f"{key_path}.{key}"
        if key not in columns.values():
            raise reader.fail(
                table,
                child,
                f"{key!r} is not a field a column of this file fills"
                + suggest(key, list(columns.values())),
            )
        pairs = _pairs(reader, table, child, "a value")
        item = fields.get(key)
        if item is not None and item.kind == "choice":
            allowed = item.allowed(schema)
            folded = {choice.casefold() for choice in allowed}
            for source, value_node in reader.mapping(table, child, None).items():
                if pairs[source].casefold() not in folded:
                    shown = ", ".join(choice for choice in allowed if choice)
                    problem = f"{pairs[source]!r} is not one of {shown}"
                    raise reader.fail(value_node, f"{child}.{source}", problem)
        values[key] = pairs
    return values
