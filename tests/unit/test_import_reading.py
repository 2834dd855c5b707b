"""Reading real export files: encodings, line ends, quoting, truncation, dates, amounts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kam_tui.domain.exchange.reading import (
    MAX_CELL,
    ReadError,
    Table,
    _one_line_rows,
    _rows_by_line,
    read_table,
)
from kam_tui.domain.exchange.tuning import ImportSettings, probability_of_stage
from kam_tui.domain.exchange.values import (
    parse_cents,
    parse_date,
    parse_percent,
    parse_probability,
    parse_when,
)


def test_a_bom_crlf_and_quoted_commas_and_newlines_are_read() -> None:
    data = b'\xef\xbb\xbfId,Name\r\n1,"United Oil & Gas, UK"\r\n2,"two\r\nlines"\r\n3,plain\r\n'
    table = read_table("Account.csv", data)
    assert table.headers == ("Id", "Name")
    assert [row.get("Name") for row in table.rows] == [
        "United Oil & Gas, UK",
        "two\r\nlines",
        "plain",
    ]
    assert [row.line for row in table.rows] == [2, 3, 5]
    assert table.problems == []


def test_latin1_bytes_are_refused_naming_line_and_byte_offset() -> None:
    data = "Id,Name\n1,Ok\n2,Caf\xe9 Noir\n".encode("latin-1")
    with pytest.raises(ReadError) as caught:
        read_table("Account.csv", data)
    # 'Id,Name\n' is 8 bytes, '1,Ok\n' 5, '2,Caf' 5: the é is byte 18 on line 3.
    assert str(caught.value).startswith("Account.csv:3: byte 18: UTF-8 text, not 0xe9 is 'é'")


def test_a_truncated_last_line_is_reported_and_the_other_rows_kept() -> None:
    table = read_table("Contact.csv", b"Id,Name,Title\n1,Ann,CFO\n2,Bob")
    assert [row.get("Name") for row in table.rows] == ["Ann"]
    assert [str(problem) for problem in table.problems] == [
        "Contact.csv:3: 3 cells, found 2 (the last line is truncated)"
    ]


def test_an_unclosed_quote_at_the_end_is_reported_as_truncated() -> None:
    table = read_table("Contact.csv", b'Id,Name\n1,Ann\n2,"Bob')
    assert [row.get("Name") for row in table.rows] == ["Ann"]
    assert "truncated" in str(table.problems[0]) and table.problems[0].line == 3


def test_a_one_megabyte_cell_costs_its_row_only() -> None:
    data = b"Id,Name\n1," + b"x" * 1_000_000 + b"\n2,After\n"
    table = read_table("Account.csv", data)
    assert [row.get("Name") for row in table.rows] == ["After"]
    assert [str(problem) for problem in table.problems] == [
        f"Account.csv:2: Name: a cell of at most {MAX_CELL:,} characters, not 1,000,000"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/23/26 08:55 PM", datetime(2026, 2, 23, 20, 55)),
        ("02/24/26 12:15 AM", datetime(2026, 2, 24, 0, 15)),
        ("12/01/2025 12:05 PM", datetime(2025, 12, 1, 12, 5)),
        ("2024-03-07", datetime(2024, 3, 7)),
        ("2024-03-07T10:30:00Z", datetime(2024, 3, 7, 10, 30)),
        ("", None),
    ],
)
def test_us_and_iso_dates_and_12_hour_times(text: str, expected: datetime | None) -> None:
    assert parse_when(text) == expected


def test_a_wrong_date_says_what_was_expected() -> None:
    with pytest.raises(ValueError, match="a date MM/DD/YY"):
        parse_date("23/02/26")
    assert parse_date("02/03/24") == date(2024, 2, 3)


@pytest.mark.parametrize(
    ("text", "cents"),
    [("139000000", 13_900_000_000), ("1,250,000.50", 125_000_050), ("15000.0", 1_500_000), ("", 0)],
)
def test_amounts_with_or_without_decimals_and_separators(text: str, cents: int) -> None:
    assert parse_cents(text) == cents


def test_a_wrong_amount_or_percentage_is_refused() -> None:
    with pytest.raises(ValueError, match="an amount like"):
        parse_cents("12.500,00")
    with pytest.raises(ValueError, match="a percentage from 0 to 100"):
        parse_percent("120")
    assert parse_percent("75") == 75
    with pytest.raises(ValueError, match="a percentage from 0 to 100"):
        parse_percent("inf")


def test_a_probability_is_a_fraction_up_to_1_else_a_percentage() -> None:
    assert [parse_probability(text) for text in ("0.35", "1", "0", "35%", "35", " ")] == [
        35,
        100,
        0,
        35,
        35,
        None,
    ]
    for text in ("-0.2", "101", "abc", "nan", "Infinity"):
        with pytest.raises(ValueError):
            parse_probability(text)


def test_a_stage_of_another_pipeline_is_known_without_its_bracketed_name() -> None:
    settings = ImportSettings()
    assert settings.status_of_stage("Contract sent (Renewals)") == "Proposal sent"
    assert settings.status_of_stage("closedwon") == "Won"
    assert settings.status_of_stage("Negotiating (Renewals)") is None
    assert probability_of_stage("Decision Maker Bought-In (Sales Pipeline)") == 80
    assert probability_of_stage("Needs Analysis") == 20
    assert probability_of_stage("Negotiating") is None


def test_csv_broken_in_the_middle_refuses_the_whole_file() -> None:
    with pytest.raises(ReadError) as caught:
        read_table("Account.csv", b'Id,Name\n1,"Ann"x\n2,Bob\n')
    assert str(caught.value).startswith("Account.csv:2: well-formed CSV (")


def _shown(table: Table) -> list[object]:
    rows: list[object] = [(row.line, row.cells, row.get("Name")) for row in table.rows]
    return [table.headers, rows, [str(problem) for problem in table.problems]]


@pytest.mark.parametrize("ends", ["\n", "\r\n", ""])
def test_a_file_of_one_line_records_reads_as_it_does_line_by_line(ends: str) -> None:
    lines = [
        " Id , Name ,Title",
        "1,Ann,CFO",
        "",
        ",,",
        " , ,  ",
        "2,Bob",
        "3,Cy,CEO,extra",
        "4," + "x" * (MAX_CELL + 1) + ",CTO",
        '5,"Quoted, with comma",VP',
        "6, Dee ,",
        "7,Eve",
    ]
    text = ends.join(lines) + ends if ends else "\n".join(lines)
    csv_rows = [line.split(",") if line else [] for line in lines]
    csv_rows[8] = ["5", "Quoted, with comma", "VP"]
    slow = _rows_by_line("Contact.csv", text, bool(ends))
    assert _shown(_one_line_rows("Contact.csv", csv_rows, bool(ends))) == _shown(slow)
    table = read_table("Contact.csv", text.encode())
    assert _shown(table) == _shown(slow)
    assert [row.line for row in table.rows] == [2, 9, 10]
    truncated = "(the last line is truncated)" in str(table.problems[-1])
    assert truncated is (not ends)


def test_a_record_over_several_lines_is_read_line_by_line_with_its_first_line() -> None:
    data = b'Id,Name\n1,"two\nlines"\n\n2,Bob\n3\n'
    table = read_table("Contact.csv", data)
    assert [(row.line, row.get("Name")) for row in table.rows] == [(2, "two\nlines"), (5, "Bob")]
    assert [str(problem) for problem in table.problems] == ["Contact.csv:6: 2 cells, found 1"]
