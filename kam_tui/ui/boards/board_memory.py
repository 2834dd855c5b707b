"""A board's sort and filters as the view state file keeps them, and back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kam_tui.domain.grouping import SORT_ORDERS, AccountFilter
from kam_tui.domain.schema import Schema
from kam_tui.ui.boards.filter_dialog import FilterChoice


def _texts(value: object, allowed: Any) -> frozenset[str]:
    """The strings of a remembered list still among `allowed` (a status renamed in the
    config is dropped, not an error)."""
    if not isinstance(value, list):
        return frozenset()
    return frozenset(item for item in value if isinstance(item, str) and item in allowed)


def recalled_sort(remembered: Mapping[str, Any], default: str) -> str:
    """The remembered sort order, or `default` when none (or an unknown one) is kept."""
    sort = remembered.get("sort")
    return sort if isinstance(sort, str) and sort in SORT_ORDERS else default


def recalled_filter(
    remembered: Mapping[str, Any], schema: Schema, choices: tuple[FilterChoice, ...]
) -> AccountFilter:
    """The remembered filter, keeping only what still applies: statuses and lists the config
    still names, and only those the board's `f` offers."""
    text = remembered.get("text")
    statuses = remembered.get("statuses") if "statuses" in choices else None
    lists = remembered.get("lists") if "lists" in choices else None
    return AccountFilter(
        text=text if isinstance(text, str) else "",
        overdue_only=remembered.get("overdue") is True,
        statuses=_texts(statuses, schema.status_names),
        lists=_texts(lists, schema.lists),
    )


def board_settings(sort: str, account_filter: AccountFilter) -> dict[str, Any]:
    """What the state file keeps of a board."""
    return {
        "sort": sort,
        "text": account_filter.text,
        "overdue": account_filter.overdue_only,
        "statuses": sorted(account_filter.statuses),
        "lists": sorted(account_filter.lists),
    }
