"""A source: how to recognise each file of another system's export from its headers, and
how its columns map onto kam fields. Table-driven, so another system is one more table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from kam_tui.domain.exchange.mapping import FileMapping
from kam_tui.domain.exchange.reading import Problem, Row, Table
from kam_tui.domain.fields import MAX_NAME
from kam_tui.domain.text import first_unsafe


def text(cell: str) -> str:
    """A text cell as it is, without surrounding spaces (inner newlines are kept)."""
    return cell.strip()


@dataclass(frozen=True, slots=True)
class Column:
    """One source column mapped onto one value: `key` is a kam field, or an intermediate
    value the object's builder combines (a first name, a billing city)."""

    column: str
    key: str
    parse: Callable[[str], Any] = text


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    """One kind of file of a source."""

    name: str
    """The source's name for it (`Account`, `Opportunity`)."""
    target: str
    """What it becomes: a kam table (`accounts`, `deals`, ...) or `users` (owner names)."""
    recognise_by: frozenset[str]
    """Headers that all appear in such a file and together in no other."""
    id_column: str
    parent_column: str
    """The column naming the parent record (an account, an opportunity); empty for none."""
    columns: tuple[Column, ...]
    order: int
    """Files are read parents first: accounts, then what points at them."""
    parent_split: str = ""
    """The separator of a parent cell that may hold several ids (HubSpot's `Associated
    Company IDs`): the first id is the parent (HubSpot lists the primary company first)."""
    parent_name_column: str = ""
    """A column naming the parent account by its name, used when the parent id cell is
    empty or there is no id column."""
    reported: Mapping[str, str] = field(default_factory=dict)
    """kam field -> the column a problem with it is reported against, for the fields made
    of several columns or of an intermediate value (an address, a stage)."""
    activity_kinds: Mapping[str, str] = field(default_factory=dict)
    """For activities: the source's kind (its `subtype` value, any case) -> activity kind."""
    default_kind: str = "note"
    """For activities: the kind when `activity_kinds` has none."""
    done_states: frozenset[str] = frozenset()
    """For activities: the `state` values (any case) of what has happened; a row in
    another state (an open task) is left out and counted. Empty: every row happened."""
    mapping: FileMapping | None = None
    """For a file read through a mapping: how its cells become fields (its columns' keys
    are the fields, their values the cells as written)."""
    raw_cells: bool = False
    """True to take cells as written (kam's own export), not stripped of spaces."""

    @property
    def has_custom(self) -> bool:
        """True when a column fills a custom field (`custom.<key>`)."""
        return any(item.key.startswith("custom.") for item in self.columns)

    def column_of(self, key: str) -> str:
        """The source column behind a kam field or intermediate value, for messages."""
        if key in self.reported:
            return self.reported[key]
        return next((item.column for item in self.columns if item.key == key), key)


@dataclass(frozen=True, slots=True)
class Source:
    """A system whose exports can be imported."""

    name: str
    objects: tuple[ObjectSpec, ...]

    def recognise(self, headers: Sequence[str]) -> ObjectSpec | None:
        """The kind of file these headers belong to; the most specific match wins."""
        present = set(headers)
        matches = [spec for spec in self.objects if spec.recognise_by <= present]
        return max(matches, key=lambda spec: len(spec.recognise_by), default=None)


@dataclass(slots=True)
class Incoming:
    """One row mapped: its source id and parent, and its values by key."""

    spec: ObjectSpec
    file: str
    line: int
    source_id: str
    parent_id: str
    values: dict[str, Any]
    parent_name: str = ""
    """The parent account's name, when the row names it instead of giving its id."""
    other_parents: int = 0
    """How many more parents the parent cell names after the one taken (HubSpot's
    `Associated Company IDs` lists every company of a record, its primary first)."""


def map_rows(spec: ObjectSpec, table: Table) -> tuple[list[Incoming], list[Problem]]:
    """Every readable row of `table` mapped by `spec`; each cell that does not parse is a
    problem naming file:line, the column and what was expected (and its row is left out)."""
    memo: dict[tuple[Callable[[str], Any], str], Any] = {}
    parsed = [_parsed(spec, table.name, row, memo) for row in table.rows]
    mapped, problems, kept = _placed(spec, table, [row_problems for _, row_problems in parsed])
    for incoming, n in zip(mapped, kept, strict=True):
        incoming.values = parsed[n][0]
    return mapped, problems


def map_columns(
    spec: ObjectSpec, table: Table
) -> tuple[list[Incoming], dict[str, list[str]], list[Problem]]:
    """The readable rows of a mapped file (every column a text: its cells convert later),
    with their cells by key column by column, stripped (a column the file lacks: empty
    cells); the rows' own `values` are left empty. The same rows, problems and values as
    `map_rows`, without a dict per row."""
    if not all(item.parse is text for item in spec.columns):
        raise ValueError(f"{spec.name}: a mapped file's columns are texts")
    mapped, problems, kept = _placed(spec, table, None)
    rows = table.rows
    cells = [row.cells for row in rows] if len(kept) == len(rows) else [rows[n].cells for n in kept]
    positions = table.positions
    texts: dict[str, list[str]] = {}
    for item in spec.columns:
        at = positions.get(item.column)
        texts[item.key] = [""] * len(kept) if at is None else _column(cells, at)
    return mapped, texts, problems


def _column(cells: list[list[str]], at: int) -> list[str]:
    """The cell at `at` of each row's `cells`, stripped (C iterators: 100,000 rows)."""
    return list(map(str.strip, map(itemgetter(at), cells)))


def _placed(
    spec: ObjectSpec, table: Table, parse_problems: list[list[Problem]] | None
) -> tuple[list[Incoming], list[Problem], list[int]]:
    """The rows of `table` with a usable id (present, plain, unique in the file) and no
    problem of their own in `parse_problems`, each with its parent, values left empty;
    every problem in file order (a row's cells first, then its id); the positions of the
    rows kept."""
    mapped: list[Incoming] = []
    problems: list[Problem] = []
    kept: list[int] = []
    seen: dict[str, int] = {}
    name = table.name
    id_column = spec.id_column
    rows = table.rows
    ids = _stripped(table, id_column)
    parents = _stripped(table, spec.parent_column)
    names = _stripped(table, spec.parent_name_column)
    split = spec.parent_split
    if (
        not split
        and (parse_problems is None or not any(parse_problems))
        and all(ids)
        and len(set(ids)) == len(ids)
        and max(map(len, ids), default=0) <= MAX_NAME
        and "".join(ids).isprintable()
    ):  # every row kept (most files): each id checked by the column's
        lines = [row.line for row in rows]
        mapped = [
            Incoming(spec, name, line, source_id, parent, {}, parent_name)
            for line, source_id, parent, parent_name in zip(lines, ids, parents, names, strict=True)
        ]
        return mapped, problems, list(range(len(rows)))
    for n, (row, source_id, parent, parent_name) in enumerate(
        zip(rows, ids, parents, names, strict=True)
    ):
        row_problems = [] if parse_problems is None else parse_problems[n]
        if not source_id:
            row_problems.append(Problem(name, row.line, id_column, "a record id"))
        elif len(source_id) > MAX_NAME or first_unsafe(source_id) is not None:
            expected = f"a record id of at most {MAX_NAME} characters, without control characters"
            row_problems.append(Problem(name, row.line, id_column, expected))
        elif source_id in seen:
            row_problems.append(
                Problem(
                    name,
                    row.line,
                    id_column,
                    f"a unique id; {source_id} is also on line {seen[source_id]}",
                )
            )
        else:
            seen[source_id] = row.line
        if row_problems:
            problems.extend(row_problems)
            continue
        others = 0
        if split and parent:
            parts = [part for part in map(str.strip, parent.split(split)) if part]
            parent = parts[0] if parts else ""
            others = len(set(parts)) - 1 if parts else 0
        mapped.append(Incoming(spec, name, row.line, source_id, parent, {}, parent_name, others))
        kept.append(n)
    return mapped, problems, kept


def _stripped(table: Table, column: str) -> list[str]:
    """The cells of `column` in each row of `table`, stripped (empty cells when the file
    has no such column, or `column` is empty)."""
    at = table.positions.get(column) if column else None
    if at is None:
        return [""] * len(table.rows)
    return _column([row.cells for row in table.rows], at)


def _parsed(
    spec: ObjectSpec, name: str, row: Row, memo: dict[tuple[Callable[[str], Any], str], Any]
) -> tuple[dict[str, Any], list[Problem]]:
    """The row's values by key, and a problem for each cell that does not parse. A parser
    is a function of the cell alone, so `memo` keeps what each cell of a dates, amounts or
    flags column gave (they repeat down a file); texts are kept as they are."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for item in spec.columns:
        try:
            cell = row.raw(item.column) if spec.raw_cells else row.get(item.column)
            parse = item.parse
            if parse is text:
                values[item.key] = cell.strip()
                continue
            key = (parse, cell)
            value = memo.get(key, memo)
            if value is memo:
                value = memo[key] = parse(cell)
            values[item.key] = value
        except ValueError as error:
            problems.append(Problem(name, row.line, item.column, str(error)))
    return values, problems
