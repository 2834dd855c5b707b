"""Saved named filters: a view's query kept under a name, recalled on any view (`F`, palette).

A saved filter is a query of the filter language (`kam_tui.domain.filters`), so it means
the same on every view: recalled, it becomes the view's typed filter. The filters are the
user's, kept beside the views' state (`kam_tui.config.view_state`).
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.screen import Screen

from kam_tui.config.view_state import MAX_FILTER_NAME, MAX_FILTER_TEXT
from kam_tui.domain.filters import Query, parse_query
from kam_tui.domain.text import printable
from kam_tui.ui.shell.filter_input import FilterInput
from kam_tui.ui.shell.header import KamHeader
from kam_tui.ui.shell.views import ViewScreen
from kam_tui.ui.typed_app import KamAppApi
from kam_tui.ui.view_memory import view_memory

SAVE_CHOICE = "\x00save"
"""The picker's value for "save this view's filter" (no name holds a NUL)."""
EXAMPLES = (("my key accounts", "manager:me key"), ("Bruno's overdue", "manager:Bruno overdue"))
"""Examples the help shows."""


@runtime_checkable
class TakesQueries(Protocol):
    """A view whose filter is more than its typed text (a board's `o` and `f`)."""

    def query_text(self) -> str:
        """The view's whole filter as one query."""
        ...

    def use_query(self, text: str) -> None:
        """Filter the view by the query `text` alone."""
        ...


def parse_typed(kam: KamAppApi, text: str) -> Query:
    """The query typed in a view's filter, with the config's fields and `me` the user."""
    settings = kam.settings
    return parse_query(text, settings.schema, settings.user)


def _header(screen: Screen[Any]) -> KamHeader | None:
    return next(iter(screen.query_children(KamHeader)), None)


def takes_filters(screen: Screen[Any]) -> bool:
    """True when `screen` is a view with a filter a saved one can replace (not an account
    screen, whose header is only the shell's)."""
    if isinstance(screen, TakesQueries):
        return True
    return isinstance(screen, ViewScreen) and _header(screen) is not None


def current_query(screen: Screen[Any]) -> str:
    """The query `screen` filters by now ("" when none)."""
    if isinstance(screen, TakesQueries):
        return screen.query_text()
    header = _header(screen)
    return header.filter_text.strip() if header is not None else ""


def show_query_text(screen: Screen[Any], text: str) -> None:
    """Put `text` in the view's typed filter, as if typed (the header then tells the view)."""
    header = _header(screen)
    if header is not None:
        header.set_class(bool(text), "-filtering")
        header.query_one(FilterInput).value = text


def use_saved(screen: Screen[Any], text: str) -> None:
    """Filter `screen` by a saved query."""
    if isinstance(screen, TakesQueries):
        screen.use_query(text)
    else:
        show_query_text(screen, text)


def saved_filters(app: App[Any]) -> dict[str, str]:
    """The user's saved filters, name -> query, by name."""
    kept = view_memory(app).saved_filters()
    return {name: kept[name] for name in sorted(kept, key=str.casefold)}


def _same_name(filters: dict[str, str], name: str) -> str | None:
    folded = name.casefold()
    return next((kept for kept in filters if kept.casefold() == folded), None)


def name_problem(name: str) -> str:
    """Why `name` cannot name a saved filter ("" when it can)."""
    if not name.strip():
        return "A saved filter needs a name."
    if len(name.strip()) > MAX_FILTER_NAME:
        return f"A filter's name is at most {MAX_FILTER_NAME} characters."
    if printable(name) != name:
        return "A filter's name cannot hold control characters."
    return ""


def save_filter(app: App[Any], name: str, text: str) -> str:
    """Keep `text` under `name` (replacing a filter of that name, in any case); returns why
    not ("" when saved)."""
    name = name.strip()
    problem = name_problem(name)
    if not problem and not text.strip():
        problem = "This view has no filter to save: type one with / first."
    if not problem and len(text) > MAX_FILTER_TEXT:
        problem = f"A saved filter holds at most {MAX_FILTER_TEXT} characters."
    if problem:
        return problem
    filters = dict(view_memory(app).saved_filters())
    same = _same_name(filters, name)
    if same is not None:
        del filters[same]
    filters[name] = text.strip()
    view_memory(app).save_filters(filters)
    return ""


def rename_filter(app: App[Any], old: str, new: str) -> str:
    """Give the saved filter `old` the name `new`; returns why not ("" when renamed)."""
    new = new.strip()
    filters = dict(view_memory(app).saved_filters())
    problem = name_problem(new)
    if old not in filters:
        problem = "That saved filter no longer exists."
    elif _same_name(filters, new) not in (None, old):
        problem = f"A saved filter is already named {new!r}."
    if problem:
        return problem
    text = filters.pop(old)
    filters[new] = text
    view_memory(app).save_filters(filters)
    return ""


def delete_filter(app: App[Any], name: str) -> None:
    """Forget the saved filter `name`."""
    filters = dict(view_memory(app).saved_filters())
    if filters.pop(name, None) is not None:
        view_memory(app).save_filters(filters)
