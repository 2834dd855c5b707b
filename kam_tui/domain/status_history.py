"""What the status history means: which statuses close a deal, and how an entry reads."""

from __future__ import annotations

from kam_tui.domain.models import StatusChange

WON = "won"
LOST = "lost"
DEFAULT_WON = "Won"
DEFAULT_LOST = "Lost"
"""The statuses that close the pipeline unless the config names others
(numbers.won_status, numbers.lost_status)."""


def closing_outcome(status: str, won: str = DEFAULT_WON, lost: str = DEFAULT_LOST) -> str | None:
    """ "won" or "lost" for the status named `won` or `lost` (any case, spaces around
    ignored): moving a card there asks why; None for any other status."""
    name = status.strip().casefold()
    if name == won.strip().casefold():
        return WON
    if name == lost.strip().casefold():
        return LOST
    return None


def describe_entry(entry: StatusChange) -> str:
    """One line for the timeline: `Contacted → Demo provided  by Alice  (why)`, without
    the kind; empty values read as "none"."""
    moved = f"{entry.from_value or 'none'} → {entry.to_value or 'none'}"
    parts = [moved]
    if entry.by:
        parts.append(f"by {entry.by}")
    if entry.reason:
        parts.append(f"({entry.reason})")
    return "  ".join(parts)
