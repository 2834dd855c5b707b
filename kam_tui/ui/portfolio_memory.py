"""The Portfolio's section and scope as the view state file keeps them, and back."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from textual.app import App

from kam_tui.domain.portfolio.figures import PortfolioFilter
from kam_tui.domain.schema import Schema
from kam_tui.ui.portfolio.sections import SECTIONS
from kam_tui.ui.view_memory import view_memory

MODE = "portfolio"
"""The Portfolio's mode, its key in the state file."""


def _kept(value: object, allowed: Collection[str]) -> tuple[str, ...]:
    """The strings of a remembered list still among `allowed`, in their order there."""
    if not isinstance(value, list):
        return ()
    return tuple(item for item in allowed if item in value)


def recalled_portfolio(app: App[Any], schema: Schema) -> tuple[int, PortfolioFilter, str]:
    """The section (an index into SECTIONS), scope and typed filter the Portfolio last
    showed; a section or a list or status no longer there is dropped."""
    remembered = view_memory(app).recall(MODE)
    keys = [section.key for section in SECTIONS]
    section = remembered.get("section")
    index = keys.index(section) if section in keys else 0
    manager = remembered.get("manager")
    scope = PortfolioFilter(
        manager=manager if isinstance(manager, str) else None,
        lists=_kept(remembered.get("lists"), schema.lists),
        statuses=_kept(remembered.get("statuses"), schema.status_names),
        key_accounts_only=remembered.get("key_accounts_only") is True,
    )
    text = remembered.get("text")
    return index, scope, text if isinstance(text, str) else ""


def remember_portfolio(
    app: App[Any], section_index: int, scope: PortfolioFilter, text: str = ""
) -> None:
    """Keep the Portfolio's section, scope and typed filter for the next run."""
    view_memory(app).remember(
        MODE,
        {
            "section": SECTIONS[section_index].key,
            "manager": scope.manager,
            "lists": list(scope.lists),
            "statuses": list(scope.statuses),
            "key_accounts_only": scope.key_accounts_only,
            "text": text,
        },
    )
