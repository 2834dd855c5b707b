"""Reading a CSV export's bytes into rows with their line numbers, refusing what is not
UTF-8 text instead of guessing (a guess turns names into mojibake)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from itertools import chain

BOM = b"\xef\xbb\xbf"
MAX_CELL = 65_536
"""The longest cell taken; a row with a longer one is a problem (the field limits are far
lower, and say so for shorter ones)."""
CSV_FIELD_LIMIT = 64 * 1024 * 1024
"""The csv module's own limit, far above MAX_CELL, so a long cell costs its row only and
the rows after it are still read."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in an input file, where and what was expected."""

    file: str
    line: int
    column: str
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.column}: {self.expected}"
            if self.column
            else f"{where}: {self.expected}"
        )


class ReadError(ValueError):
    """A file that cannot be read at all (wrong encoding, not CSV); names file:line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class Row:
    """One record of a CSV file: the line it starts on and its cells, in the header's
    order (`positions`, the table's, says where each column is)."""

    __slots__ = ("cells", "line", "positions")

    def __init__(self, line: int, cells: list[str], positions: dict[str, int]) -> None:
        self.line = line
        self.cells = cells
        self.positions = positions

    def __repr__(self) -> str:
        return f"Row(line={self.line}, cells={self.cells!r})"

    def raw(self, column: str) -> str:
        """The cell of `column` as written; empty when the file has no such column."""
        at = self.positions.get(column)
        return "" if at is None else self.cells[at]

    def get(self, column: str) -> str:
        """The cell of `column`, stripped; empty when the file has no such column."""
        at = self.positions.get(column)
        return "" if at is None else self.cells[at].strip()


@dataclass(slots=True)
class Table:
    """A CSV file read: its headers, its rows, and the rows that could not be read."""

    name: str
    headers: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def positions(self) -> dict[str, int]:
        """Where each column is in a row's cells (the last of a repeated header)."""
        return {header: at for at, header in enumerate(self.headers)}


def decode(name: str, data: bytes) -> str:
    """The text of `data`: UTF-8 with or without a BOM. Anything else is refused naming the
    line and byte offset of the first byte that is not UTF-8."""
    body = data[len(BOM) :] if data.startswith(BOM) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
        line = data[:offset].count(b"\n") + 1
        byte = data[offset]
        guess = (
            f"{byte:#04x} is {bytes([byte]).decode('cp1252', 'replace')!r} in Latin-1/CP1252"
            if byte >= 0x80
            else f"byte {byte:#04x}"
        )
        raise ReadError(
            Problem(
                name,
                line,
                f"byte {offset}",
                f"UTF-8 text, not {guess}; save the file as UTF-8 (CSV UTF-8) and import again",
            )
        ) from None


def read_table(name: str, data: bytes) -> Table:
    """Read CSV bytes: a header line, then one row per record (quoted commas and newlines
    allowed, CRLF or LF). A row with the wrong number of cells is a problem; a last row cut
    short (no newline at the end, an open quote, cells missing) is reported as truncated."""
    text = decode(name, data)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ReadError(Problem(name, line, "", "text, not a binary file (a NUL byte)"))
    ends_cleanly = text.endswith(("\n", "\r"))
    old_limit = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        return _rows(name, text, ends_cleanly)
    finally:
        csv.field_size_limit(old_limit)


def _rows(name: str, text: str, ends_cleanly: bool) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error:
        records = None
    if records and reader.line_num == len(records) and any(header.strip() for header in records[0]):
        return _one_line_rows(name, records, ends_cleanly)
    # A record over several lines, or CSV that does not parse: row by row, each with
    # the line it starts on and the problem where it is.
    return _rows_by_line(name, text, ends_cleanly)


def _one_line_rows(name: str, records: list[list[str]], ends_cleanly: bool) -> Table:
    """The table of a file read whole where each record is one line (most exports): the
    same rows and problems `_rows_by_line` gives, record n on line n."""
    table = Table(name, ())
    table.headers = tuple(cell.strip() for cell in records[0])
    positions = table.positions
    width = len(table.headers)
    rows = table.rows
    last = len(records)
    # One pass over every cell says whether any row needs its cells measured.
    long_cells = max(map(len, chain.from_iterable(records))) > MAX_CELL
    for line, cells in enumerate(records[1:], 2):
        if not (cells and cells[0].strip()) and not "".join(cells).strip():
            continue
        if len(cells) != width:
            expected = f"{width} cells, found {len(cells)}" + (
                " (the last line is truncated)" if line == last and not ends_cleanly else ""
            )
            table.problems.append(Problem(name, line, "", expected))
            continue
        if long_cells and max(map(len, cells)) > MAX_CELL:
            long = next(n for n, cell in enumerate(cells) if len(cell) > MAX_CELL)
            expected = f"a cell of at most {MAX_CELL:,} characters, not {len(cells[long]):,}"
            table.problems.append(Problem(name, line, table.headers[long], expected))
            continue
        rows.append(Row(line, cells, positions))
    return table


def _rows_by_line(name: str, text: str, ends_cleanly: bool) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table = Table(name, ())
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            message = str(error)
            if "unexpected end of data" in message and table.headers:
                # An open quote runs to the end: the last line was cut short; nothing follows.
                expected = "a complete last line (the file is truncated: a quote is not closed)"
                table.problems.append(Problem(name, start, "", expected))
                return table
            # Anything else leaves the rest of the file unreadable: refuse the file, rather
            # than import part of it with one problem listed.
            where = "a cell" if "field larger" in message else "well-formed CSV"
            raise ReadError(Problem(name, start, "", f"{where} ({message})")) from None
        line = start
        start = reader.line_num + 1
        if not table.headers:
            headers = tuple(cell.strip() for cell in cells)
            if not any(headers):
                raise ReadError(Problem(name, line, "", "a header line naming the columns"))
            table.headers = headers
            positions = table.positions
            continue
        if not "".join(cells).strip():  # every cell blank (one call, not one per cell)
            continue
        if len(cells) != len(table.headers):
            last = reader.line_num >= text.count("\n") + (0 if ends_cleanly else 1)
            expected = f"{len(table.headers)} cells, found {len(cells)}" + (
                " (the last line is truncated)" if last and not ends_cleanly else ""
            )
            table.problems.append(Problem(name, line, "", expected))
            continue
        if max(map(len, cells)) > MAX_CELL:
            long = next(n for n, cell in enumerate(cells) if len(cell) > MAX_CELL)
            expected = f"a cell of at most {MAX_CELL:,} characters, not {len(cells[long]):,}"
            table.problems.append(Problem(table.name, line, table.headers[long], expected))
            continue
        table.rows.append(Row(line, cells, positions))
    if not table.headers:
        raise ReadError(
            Problem(name, 1, "", "a header line naming the columns (the file is empty)")
        )
    return table
