"""What the status history means: which statuses close a deal, and how an entry reads."""

from __future__ import annotations

from kam_tui.domain.models import StatusChange

WON = "won"
LOST = "lost"
CLOSING_NAMES: dict[str, str] = {"won": WON, "lost": LOST}
"""Status names (case-insensitive) that close the pipeline, with the outcome each means:
moving a card to one asks why."""


def closing_outcome(status: str) -> str | None:
    """ "won" or "lost" for a status named Won or Lost (any case, spaces around ignored);
    None for any other status."""
    return CLOSING_NAMES.get(status.strip().casefold())


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
