"""Rows of a mapped file (a mapping file's, or kam's own CSV export) built into records,
field by field through the catalogue: any kind of record, linked to its account by the
account's source id or name, and to other records by their source ids."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import compress, repeat
from operator import is_not, itemgetter
from typing import Any

from kam_tui.domain.exchange.building import Builder, Draft, SourceKey
from kam_tui.domain.exchange.convert import convert, custom_value, source_ids
from kam_tui.domain.exchange.mapping import REFERENCES, FileMapping, mappable_fields
from kam_tui.domain.exchange.reading import Problem
from kam_tui.domain.exchange.sources import Column, Incoming, ObjectSpec
from kam_tui.domain.fields import FieldDef
from kam_tui.domain.making import record_maker, row_builder
from kam_tui.domain.models import TABLES, Account, Record
from kam_tui.domain.validation import records_errors

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


_SKIP = object()
"""A cell that leaves its field at its default (an empty cell)."""
_Outcome = tuple[Any, str | None, str | None]
"""What one cell of a column gives: its value (or _SKIP), the problem it is (what was
expected), and the value the note `took ... as ...` names when a choice was corrected."""
_BLANK: _Outcome = (_SKIP, None, None)
_VALUE_OF = itemgetter(0)
"""What an empty cell gives."""
_SKIPS = repeat(_SKIP)
"""_SKIP, for ever: what `is_not` compares each cell of a row with."""


def _cell_outcome(
    builder: Builder,
    mapping: FileMapping,
    kind: str,
    key: str,
    how: int,
    item: FieldDef | None,
    text: str,
) -> _Outcome:
    """What the (translated) cell `text` of field `key` gives: a function of the cell
    alone, so a column works it out once per distinct cell."""
    try:
        if how == _REFERENCE:
            return source_ids(text), None, None
        if not text.strip():
            return _SKIP, None, None
        if item is None:
            item = _fields_of(kind)[key]
        if (
            kind == "deals"
            and key == "stage"
            and text.strip().casefold() not in (builder.folded_statuses)
        ):
            text = builder.settings.status_of_stage(text) or text
        value = convert(item, text, builder.schema, mapping)
        if item.kind == "choice" and value.casefold() != text.strip().casefold():
            return value, None, text.strip()
        return value, None, None
    except ValueError as error:
        return _SKIP, str(error), None


def _custom_outcome(builder: Builder, mapping: FileMapping, key: str, cell: str) -> _Outcome:
    """What a custom field's cell gives (the cell as written, not through value maps)."""
    try:
        value = custom_value(builder.schema.custom_field(key), cell, mapping.own)
    except ValueError as error:
        return _SKIP, str(error), None
    return (_SKIP if value is None else value), None, None


def _column(builder: Builder, spec: ObjectSpec, key: str, cells: list[str]) -> list[_Outcome]:
    """The outcome of each cell of one column of a mapped file: each distinct cell
    converted once (dates, choices, amounts, owners repeat down a file)."""
    mapping = spec.mapping
    assert mapping is not None
    plans = builder.cell_plans[id(spec)]
    how, item = plans[key]
    if how == _CUSTOM:
        custom_key = key.removeprefix("custom.")
        memo: dict[str, _Outcome] = {}
        for cell in dict.fromkeys(cells):
            memo[cell] = _custom_outcome(builder, mapping, custom_key, cell)
        return [memo[cell] for cell in cells]
    if mapping.values or mapping.owners:
        translated = {cell: mapping.translated(key, cell) for cell in dict.fromkeys(cells)}
        cells = [translated[cell] for cell in cells]
    kind = spec.target
    if how == _TEXT:  # mostly unique: converted cell by cell, as `_cell_outcome` does
        assert item is not None
        schema = builder.schema
        return [
            (convert(item, text, schema, mapping), None, None) if text.strip() else _BLANK
            for text in cells
        ]
    found = {
        text: _cell_outcome(builder, mapping, kind, key, how, item, text) for text in set(cells)
    }
    return [found[text] for text in cells]


def _part(
    keys: list[str],
    hows: list[int],
    columns: list[list[_Outcome]],
    wanted: tuple[int, ...],
    count: int,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The keys of the columns converted one of the `wanted` ways, and their values row
    by row (empty tuples when there is no such column)."""
    chosen = [n for n, how in enumerate(hows) if how in wanted]
    values = [list(map(_VALUE_OF, columns[n])) for n in chosen]
    rows = list(zip(*values, strict=True)) if values else [()] * count
    return [keys[n] for n in chosen], rows


def _report(
    builder: Builder,
    rows: list[Incoming],
    spec: ObjectSpec,
    keys: list[str],
    hows: list[int],
    columns: list[list[_Outcome]],
) -> set[int]:
    """The problems of the cells that do not convert and the notes of the choices taken
    for another value, in file order (row by row, column by column); the positions of
    the rows with a problem."""
    bad: set[int] = set()
    flagged: set[int] = set()
    for column, how in zip(columns, hows, strict=True):
        if how == _TEXT:
            continue  # a text converts without a problem or a note
        for part, found in ((1, bad), (2, flagged)):
            marks = list(map(itemgetter(part), column))
            if marks.count(None) != len(marks):
                found.update(n for n, mark in enumerate(marks) if mark is not None)
    for n in sorted(bad | flagged):
        incoming = rows[n]
        for key, column in zip(keys, columns, strict=True):
            value, problem, took = column[n]
            if problem is not None:
                builder._problem(incoming, spec.column_of(key), problem)
            elif took is not None:
                builder.built.notes.append(
                    f"{incoming.file}:{incoming.line}: {spec.column_of(key)}: "
                    f"took {took!r} as {value!r}"
                )
    return bad


def _set(keys: list[str], values: tuple[Any, ...]) -> Iterator[tuple[str, Any]]:
    """The (key, value) pairs of the values that are not _SKIP (C iterators: per row)."""
    return compress(zip(keys, values, strict=True), map(is_not, values, _SKIPS))


_RowMaker = Callable[[tuple[Any, ...], tuple[Any, ...]], tuple[Record, frozenset[str]]]


def _row_maker(
    builder: Builder, kind: str, value_keys: list[str], custom_keys: list[str]
) -> _RowMaker:
    """A function making the record of a row of converted cells (values by `value_keys`,
    custom fields by `custom_keys`; _SKIP where a cell leaves its field at its default),
    with the fields it sets: a new account's status and list are the first of the
    config's unless set; a deal's outcome follows its stage unless set."""
    record_type = Account if kind == "accounts" else TABLES[kind]
    has_custom = bool(custom_keys)
    extra = ("custom",) if has_custom else ()
    defaults = (
        {"status": builder.schema.status_names[0], "lifecycle": builder.schema.lists[0]}
        if kind == "accounts"
        else {}
    )
    # A deal whose outcome cell is empty (or a file without one) takes it from its stage:
    # made from its values.
    outcome_at = value_keys.index("outcome") if "outcome" in value_keys else -1
    fast = (
        None
        if kind == "deals" and outcome_at < 0
        else row_builder(record_type, tuple(value_keys), _SKIP, defaults, extra)
    )
    masks: dict[tuple[bool, ...], frozenset[str]] = {}

    def by_cells(cells: tuple[Any, ...], customs: tuple[Any, ...]) -> tuple[Record, frozenset[str]]:
        assert fast is not None
        if kind == "deals" and cells[outcome_at] is _SKIP:
            return by_values(cells, customs)
        mask = tuple(map(is_not, cells, _SKIPS))
        set_fields = masks.get(mask)
        if set_fields is None:  # the fields set: the same for most rows of a file
            set_fields = masks[mask] = frozenset((*compress(value_keys, mask), *extra))
        if has_custom:
            return fast(cells, dict(_set(custom_keys, customs))), set_fields
        return fast(cells), set_fields

    make = record_maker(record_type)
    outcomes = {builder.settings.won_status: "won", builder.settings.lost_status: "lost"}
    shapes: dict[tuple[str, ...], frozenset[str]] = {}

    def by_values(
        cells: tuple[Any, ...], customs: tuple[Any, ...]
    ) -> tuple[Record, frozenset[str]]:
        values: dict[str, Any] = dict(_set(value_keys, cells))
        if has_custom:
            values["custom"] = dict(_set(custom_keys, customs))
        if kind == "deals" and "outcome" not in values:
            values["outcome"] = outcomes.get(values.get("stage", ""), "open")
        shape = tuple(values)
        set_fields = shapes.get(shape)
        if set_fields is None:
            set_fields = shapes[shape] = frozenset(shape)
        for key, value in defaults.items():
            values.setdefault(key, value)
        return make(values), set_fields

    return by_values if fast is None else by_cells


def build_mapped(builder: Builder, rows: list[Incoming], texts: dict[str, list[str]]) -> None:
    """Build the records of the rows of one mapped file and hand them to the builder's
    drafts, in file order; each cell that does not convert, and each rule a record breaks,
    is a problem on its column. Cells are converted column by column and the records
    checked all at once (`records_errors`): the same problems, notes and drafts as row by
    row."""
    if not rows:
        return
    spec = rows[0].spec
    mapping = spec.mapping
    assert mapping is not None
    kind = spec.target
    plans = builder.cell_plans.get(id(spec))
    if plans is None:
        plans = builder.cell_plans[id(spec)] = _cell_plans(kind, spec)
    keys = list(texts)
    columns = [_column(builder, spec, key, texts[key]) for key in keys]
    hows = [plans[key][0] for key in keys]
    bad = _report(builder, rows, spec, keys, hows, columns)
    value_keys, value_rows = _part(keys, hows, columns, (_TEXT, _VALUE), len(rows))
    custom_keys, custom_rows = _part(keys, hows, columns, (_CUSTOM,), len(rows))
    custom_keys = [key.removeprefix("custom.") for key in custom_keys]
    reference_keys, reference_rows = _part(keys, hows, columns, (_REFERENCE,), len(rows))
    drafts: list[Draft] = []
    make = _row_maker(builder, kind, value_keys, custom_keys)
    for n, (incoming, cells, customs, ids) in enumerate(
        zip(rows, value_rows, custom_rows, reference_rows, strict=True)
    ):
        if n in bad:
            continue
        record, set_fields = make(cells, customs)
        if kind == "accounts":
            account: SourceKey | None = builder.key(incoming, incoming.source_id)
        else:
            account = builder._parent_account(incoming)
        if account is None:
            continue
        references = dict(zip(reference_keys, ids, strict=True)) if reference_keys else {}
        drafts.append(Draft(incoming, record, account, fields=set_fields, references=references))
    record_type = Account if kind == "accounts" else TABLES[kind]
    found = records_errors(record_type, [draft.record for draft in drafts], builder.schema)
    if found:
        drafts = [draft for n, draft in enumerate(drafts) if _kept(builder, draft, found.get(n))]
    if kind == "accounts":
        for draft in drafts:
            _account(builder, mapping, draft)
    elif kind == "deals":
        for draft in drafts:
            builder.deals[builder.key(draft.incoming, draft.incoming.source_id)] = draft
    builder.built.drafts.extend(drafts)


def _kept(builder: Builder, draft: Draft, errors: dict[str, str] | None) -> bool:
    """True when the draft's record breaks no rule (its account's id aside, set when it is
    written); else each rule it breaks is a problem on its column."""
    if errors is None:
        return True
    errors.pop("account_id", None)
    incoming = draft.incoming
    for key, problem in errors.items():
        builder._problem(incoming, incoming.spec.column_of(key), problem)
    return not errors


def _account(builder: Builder, mapping: FileMapping, draft: Draft) -> None:
    """Take a mapped account's draft as the builder's: the fields it sets include those
    derived from its deals (unless the file is kam's own, which holds them)."""
    set_fields = draft.fields or frozenset()
    derived = frozenset() if mapping.own else DERIVED - set_fields
    draft.fields = frozenset(set_fields | derived)
    draft.derived = derived
    record = draft.record
    assert isinstance(record, Account)
    builder.accounts[draft.account] = draft
    builder.account_names.setdefault(record.name.casefold(), draft.account)
