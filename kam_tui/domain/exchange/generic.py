"""Rows of a mapped file (a mapping file's, or kam's own CSV export) built into records,
field by field through the catalogue: any kind of record, linked to its account by the
account's source id or name, and to other records by their source ids."""

from __future__ import annotations

from typing import Any

from kam_tui.domain.exchange.building import Builder, Draft
from kam_tui.domain.exchange.convert import convert, custom_value, source_ids
from kam_tui.domain.exchange.mapping import REFERENCES, FileMapping, mappable_fields
from kam_tui.domain.exchange.reading import Problem
from kam_tui.domain.exchange.sources import Column, Incoming, ObjectSpec
from kam_tui.domain.fields import FieldDef
from kam_tui.domain.models import TABLES, Account, Deal

DERIVED = frozenset({"status", "lifecycle"})
"""An account's fields an import derives from its deals when the file does not set them."""
ORDER = {"accounts": 1, "objectives": 2, "contacts": 2, "deals": 3, "status_history": 4}
"""Mapped files are read parents first: accounts, then what others point at."""


def spec_for(mapping: FileMapping) -> ObjectSpec:
    """The object spec of a mapped file: its columns keyed by the fields they fill."""
    id_column = mapping.id_column
    if not id_column and mapping.kind == "accounts":
        id_column = next(column for column, key in mapping.columns.items() if key == "name")
    by_name = mapping.account_by == "name"
    return ObjectSpec(
        name=mapping.object,
        target=mapping.kind,
        recognise_by=frozenset(),
        id_column=id_column,
        parent_column="" if by_name else mapping.account_column,
        parent_name_column=mapping.account_column if by_name else "",
        columns=tuple(Column(column, key) for column, key in mapping.columns.items()),
        order=ORDER.get(mapping.kind, 5),
        mapping=mapping,
        raw_cells=mapping.own,
    )


def missing_columns(name: str, spec: ObjectSpec, headers: tuple[str, ...]) -> list[Problem]:
    """A problem for each column the mapping names that the file does not have."""
    wanted = [item.column for item in spec.columns]
    wanted += [column for column in (spec.id_column, spec.parent_column, spec.parent_name_column)]
    present = set(headers)
    mapping = spec.mapping
    source = f"the mapping for {mapping.match!r}" if mapping is not None else "the mapping"
    return [
        Problem(name, 1, column, f"a column of that name ({source} names it)")
        for column in dict.fromkeys(wanted)
        if column and column not in present
    ]


_FIELDS: dict[str, dict[str, FieldDef]] = {}
_TEXT_KINDS = frozenset({"text", "multiline"})
"""Kinds whose cells are mostly unique (names, notes): not worth remembering."""


def _fields_of(kind: str) -> dict[str, FieldDef]:
    """`mappable_fields(kind)`, worked out once per kind."""
    found = _FIELDS.get(kind)
    if found is None:
        found = _FIELDS[kind] = mappable_fields(kind)
    return found


_CUSTOM = 0
_REFERENCE = 1
_TEXT = 2
_VALUE = 3
"""How a mapped cell becomes a value: a custom field's, source ids of other records, a
text field's (converted every time: mostly unique), any other field's (remembered)."""


def _cell_plans(kind: str, spec: ObjectSpec) -> dict[str, tuple[int, FieldDef | None]]:
    """Each key of a mapped file's rows -> how its cell converts (found once per file)."""
    fields = _fields_of(kind)
    plans: dict[str, tuple[int, FieldDef | None]] = {}
    for column in spec.columns:
        key = column.key
        if key.startswith("custom."):
            plans[key] = (_CUSTOM, None)
        elif (kind, key) in REFERENCES:
            plans[key] = (_REFERENCE, None)
        else:
            item = fields.get(key)
            plans[key] = (_TEXT if item and item.kind in _TEXT_KINDS else _VALUE, item)
    return plans


def build_mapped(builder: Builder, incoming: Incoming) -> None:
    """Build the record of one mapped row and hand it to the builder's drafts; each cell
    that does not convert, and each rule the record breaks, is a problem on its column."""
    spec = incoming.spec
    mapping = spec.mapping
    assert mapping is not None
    kind = spec.target
    plans = builder.cell_plans.get(id(spec))
    if plans is None:
        plans = builder.cell_plans[id(spec)] = _cell_plans(kind, spec)
    schema = builder.schema
    converted = builder.converted
    translating = bool(mapping.values or mapping.owners)
    values: dict[str, Any] = {}
    custom: dict[str, str | int | None] = {}
    references: dict[str, tuple[str, ...]] = {}
    problems = 0
    for key, cell in incoming.values.items():
        text = mapping.translated(key, cell) if translating else cell
        how, item = plans[key]
        try:
            if how == _CUSTOM:
                custom_key = key.removeprefix("custom.")
                value = custom_value(schema.custom_field(custom_key), cell, mapping.own)
                if value is not None:
                    custom[custom_key] = value
                continue
            if how == _REFERENCE:
                references[key] = source_ids(text)
                continue
            if not text.strip():
                continue  # an empty cell leaves the field at its default
            if item is None:
                item = _fields_of(kind)[key]
            if (
                kind == "deals"
                and key == "stage"
                and text.strip().casefold() not in (builder.folded_statuses)
            ):
                text = builder.settings.status_of_stage(text) or text
            if how == _TEXT:
                value = convert(item, text, schema, mapping)
            else:  # the same cell text converts the same way throughout an import
                memo = (id(mapping), key, text)
                value = converted.get(memo, converted)
                if value is converted:
                    value = converted[memo] = convert(item, text, schema, mapping)
            values[key] = value
            if item.kind == "choice" and value.casefold() != text.strip().casefold():
                builder.built.notes.append(
                    f"{incoming.file}:{incoming.line}: {spec.column_of(key)}: "
                    f"took {text.strip()!r} as {value!r}"
                )
        except ValueError as error:
            builder._problem(incoming, spec.column_of(key), str(error))
            problems += 1
    if problems:
        return
    set_fields = set(values)
    if custom or any(how == _CUSTOM for how, _ in plans.values()):
        values["custom"] = custom
        set_fields.add("custom")
    if kind == "deals" and "outcome" not in values:
        outcome = {builder.settings.won_status: "won", builder.settings.lost_status: "lost"}
        values["outcome"] = outcome.get(values.get("stage", ""), "open")
        set_fields.add("outcome")
    if kind == "accounts":
        _account(builder, incoming, mapping, values, set_fields)
        return
    account = builder._parent_account(incoming)
    if account is None:
        return
    record = TABLES[kind](**values)
    if not builder._checked(incoming, record):
        return
    draft = Draft(
        incoming,
        record,
        account,
        fields=frozenset(set_fields),
        references=references,
    )
    if isinstance(record, Deal):
        builder.deals[builder.key(incoming, incoming.source_id)] = draft
    builder.built.drafts.append(draft)


def _account(
    builder: Builder,
    incoming: Incoming,
    mapping: FileMapping,
    values: dict[str, Any],
    set_fields: set[str],
) -> None:
    values.setdefault("status", builder.schema.status_names[0])
    values.setdefault("lifecycle", builder.schema.lists[0])
    record = Account(**values)
    if not builder._checked(incoming, record):
        return
    derived = frozenset() if mapping.own else DERIVED - set_fields
    key = builder.key(incoming, incoming.source_id)
    draft = Draft(
        incoming,
        record,
        key,
        fields=frozenset(set_fields | derived),
        derived=derived,
    )
    builder.accounts[key] = draft
    builder.account_names.setdefault(record.name.casefold(), key)
    builder.built.drafts.append(draft)
