"""User text made safe inside Markdown: its markup characters escaped, its control
characters shown, so a name can neither format a document nor break one of its tables."""

from __future__ import annotations

from collections.abc import Sequence

from kam_tui.domain.text import printable

MARKUP_CHARACTERS = "\\`*_{}[]<>#|~&$"
"""The characters escaped with a backslash: those that start emphasis, code, links, HTML,
entities, headings, tables and strike-through (CommonMark allows a backslash before any
ASCII punctuation, and shows the character itself)."""
LINE_BREAK = "<br>"
"""How the lines of a multi-line text are joined inside a table cell or a list item."""


def md(text: str, *, multiline: bool = False) -> str:
    """`text` as literal Markdown on one line: each markup character escaped, each control
    character in the visible notation of `printable` (a newline shows as `^J`).

    With `multiline`, the lines of a note are kept, joined by LINE_BREAK, which keeps them
    inside one table cell or list item.
    """
    if multiline:
        lines = printable(text, multiline=True).replace("\t", " ").split("\n")
        return LINE_BREAK.join(md(line) for line in lines)
    shown = printable(text)
    if not any(character in MARKUP_CHARACTERS for character in shown):
        return shown
    return "".join(f"\\{c}" if c in MARKUP_CHARACTERS else c for c in shown)


def md_row(cells: Sequence[str]) -> str:
    """One row of a Markdown table from cells already escaped."""
    return "| " + " | ".join(cells) + " |"


def md_table(
    columns: tuple[str, ...], rows: Sequence[Sequence[str]], numeric: int = 0
) -> list[str]:
    """The lines of a Markdown table: `columns`, then `rows` (cells already escaped); the
    last `numeric` columns are aligned right."""
    first_numeric = len(columns) - numeric
    rule = "|" + "".join(" ---: |" if i >= first_numeric else " --- |" for i in range(len(columns)))
    return [md_row(columns), rule, *(md_row(row) for row in rows)]
