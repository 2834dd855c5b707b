"""Field values read from the text a person typed, and written back as editable text.

Each reader raises ValueError with the reason a person sees under the field or the cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from kam_tui.domain.choices import TEAM_ROLES
from kam_tui.domain.money import parse_money
from kam_tui.domain.numbers import parse_decimal
from kam_tui.domain.parts import TeamMember

_YES = frozenset({"yes", "y", "true", "1", "x", "key"})
_NO = frozenset({"no", "n", "false", "0", ""})
_TEAM_LINE = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<role>[^()]*)\))?\s*$")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER = re.compile(r"^-?\d+$")
"""Text that is a whole number, kept as one rather than as the text of a number."""


def parse_whole(text: str, low: int, high: int) -> int | None:
    """A whole number from `low` to `high`, or None for empty; ValueError says why not."""
    raw = text.strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise ValueError(f"must be from {low} to {high}, not {value}")
    return value


def parse_day(text: str) -> date | None:
    """An ISO date (YYYY-MM-DD), or None for empty; ValueError says why not."""
    raw = text.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        if _ISO_DAY.fullmatch(raw):
            raise ValueError(f"{raw} is not a day of the calendar") from None
        raise ValueError(f"{raw!r} is not a date (YYYY-MM-DD)") from None


def parse_amount(text: str) -> int:
    """Money typed by a person, in cents (empty is 0); ValueError says why not."""
    return parse_money(text)


def parse_quantity(text: str) -> Decimal:
    """A number of zero or more, empty being 0; ValueError says why it is not one."""
    raw = text.strip().replace(",", "")
    value = parse_decimal(raw or "0")
    if value < 0:
        raise ValueError("cannot be negative")
    return value


def format_quantity(value: Decimal) -> str:
    """A decimal as typed by a person (1000, not 1E+3)."""
    return format(value.normalize(), "f") if value else "0"


def parse_choice(text: str, choices: Sequence[str]) -> str:
    """The choice matching `text` regardless of case; unknown text is returned as typed,
    so the domain validation refuses it with the list of allowed values."""
    typed = text.strip()
    for choice in choices:
        if choice.casefold() == typed.casefold():
            return choice
    return typed


def parse_yes_no(text: str) -> bool:
    """yes/no (also y/n, true/false, 1/0); raise ValueError otherwise."""
    typed = text.strip().casefold()
    if typed in _YES:
        return True
    if typed in _NO:
        return False
    raise ValueError(f"{text.strip()!r} is not yes or no")


def split_tags(text: str) -> tuple[str, ...]:
    """Comma separated tags, trimmed, empty ones dropped, duplicates removed."""
    tags: list[str] = []
    for part in text.split(","):
        tag = part.strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def format_team(team: Sequence[TeamMember]) -> str:
    """Team members as editable lines: `Name (role)`."""
    return "\n".join(f"{member.name} ({member.role})" for member in team)


def parse_team(text: str) -> tuple[TeamMember, ...]:
    """`Name (role)` lines into team members; the role defaults to the first team role."""
    members: list[TeamMember] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _TEAM_LINE.match(line.strip())
        assert match is not None  # the pattern matches any line
        role = (match.group("role") or TEAM_ROLES[0]).strip()
        members.append(TeamMember(match.group("name").strip(), role))
    return tuple(members)


def parse_custom_number(text: str) -> int | str | None:
    """A custom number field's value: a whole number as int, another number as its text,
    None for empty; ValueError says why it is not a number."""
    raw = text.strip()
    if not raw:
        return None
    parse_decimal(raw)
    return int(raw) if INTEGER.match(raw) else raw
