"""Small text drawings for the Portfolio view: bars, sparklines, shares and money."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kam_tui.domain.money import format_money

EIGHTHS = " ▏▎▍▌▋▊▉"
"""Partial blocks, an eighth of a cell each, for bars drawn to a fraction of a cell."""
FULL = "█"
SPARKS = "▁▂▃▄▅▆▇█"
"""The heights of a sparkline's cells, lowest first."""
NONE = "–"
"""Shown for a figure that cannot be computed (no data, a share of nothing)."""


def bar(fraction: float, width: int) -> str:
    """A horizontal bar `fraction` (0-1, clamped) of `width` cells long, padded to `width`."""
    if width <= 0:
        return ""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    drawn = FULL * full + (EIGHTHS[rest] if rest else "")
    return drawn.ljust(width)


def sparkline(values: Sequence[float], low: float = 0, high: float = 10) -> str:
    """One cell per value, its height from `low` to `high` (the satisfaction scale)."""
    span = high - low
    cells = []
    for value in values:
        level = (value - low) / span if span else 1.0
        cells.append(SPARKS[round(max(0.0, min(1.0, level)) * (len(SPARKS) - 1))])
    return "".join(cells)


def share(value: float | Decimal | None, digits: int = 1) -> str:
    """A share (0-1) as a percentage, `42.1%`; a dash when there is none."""
    if value is None:
        return NONE
    return f"{float(value) * 100:.{digits}f}%"


def money(cents: int | None, currency: str, *, compact: bool = False) -> str:
    """Money in the schema's currency; negative amounts keep their sign in front."""
    if cents is None:
        return NONE
    if cents < 0:
        return "-" + format_money(-cents, currency, compact=compact)
    return format_money(cents, currency, compact=compact)


def number(value: float | Decimal | None, digits: int = 1) -> str:
    """A plain figure with `digits` decimals; a dash when there is none."""
    if value is None:
        return NONE
    return f"{float(value):.{digits}f}"
