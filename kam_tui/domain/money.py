"""Exact money: integer cents in storage, parsed from and formatted for people."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kam_tui.domain.numbers import NOT_A_NUMBER, TOO_LARGE, decimal_problem
from kam_tui.domain.text import quoted

MAX_CENTS = 10**17
"""The largest amount accepted, so that a pasted phone number stands out as a typo."""

_SUFFIXES = {"k": Decimal(1_000), "m": Decimal(1_000_000), "b": Decimal(1_000_000_000)}
_CLEAN = re.compile(r"[\s,_'€$£]")


def parse_money(text: str) -> int:
    """Parse `1,234.56`, `€ 2.5m` or `40k` into integer cents; raise ValueError with the reason."""
    raw = text.strip()
    if not raw:
        return 0
    cleaned = _CLEAN.sub("", raw).lower()
    multiplier = Decimal(1)
    if cleaned and cleaned[-1] in _SUFFIXES:
        multiplier = _SUFFIXES[cleaned[-1]]
        cleaned = cleaned[:-1]
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = Decimal("NaN")
    problem = decimal_problem(number)
    if problem == TOO_LARGE:
        raise ValueError(f"{quoted(raw)} is too large")
    if problem == NOT_A_NUMBER:
        raise ValueError(f"{quoted(raw)} is not an amount (try 12500, 12,500.00 or 12.5k)")
    if problem:
        raise ValueError(f"{quoted(raw)} has more than two decimals")
    amount = number * multiplier
    if amount < 0:
        raise ValueError("an amount cannot be negative")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{quoted(raw)} has more than two decimals")
    if cents > MAX_CENTS:
        raise ValueError(f"{quoted(raw)} is too large")
    return int(cents)


def format_money(cents: int, currency: str = "€", *, compact: bool = False) -> str:
    """Format cents for display; `compact` gives 1.2M / 350k for cards and headers."""
    units = Decimal(cents) / 100
    if compact:
        for threshold, suffix in (
            (Decimal(10**9), "B"),
            (Decimal(10**6), "M"),
            (Decimal(10**3), "k"),
        ):
            if units >= threshold:
                value = units / threshold
                shown = f"{value:.1f}".rstrip("0").rstrip(".") if value < 100 else f"{value:.0f}"
                return f"{currency}{shown}{suffix}"
        return f"{currency}{units:.0f}"
    return f"{currency}{units:,.2f}"


def format_money_plain(cents: int) -> str:
    """Format cents as an editable number: `12500.00`, or empty for zero."""
    if cents == 0:
        return ""
    units = Decimal(cents) / 100
    return f"{units:.2f}"
