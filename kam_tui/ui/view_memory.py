"""What each view remembers across restarts (its sort and filter) and the saved filters, read
once, written on change.

The settings live in the user state file of `kam_tui.config.view_state`. Reading is one
small file, when the first view is made; writing happens on a thread of its own after
each change (the latest settings win), and a view waits for it as it unmounts, so
quitting right after a change keeps it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.screen import Screen

from kam_tui.config.view_state import (
    SavedFilters,
    ViewStateError,
    ViewStates,
    default_view_state_path,
    read_state,
    write_view_states,
)
from kam_tui.ui.shell.filter_input import FilterInput
from kam_tui.ui.shell.header import KamHeader

NOT_READ_TITLE = "View settings not read"
"""The title of the one notification about an unreadable state file."""


class ViewMemory:
    """The views' remembered settings of one app."""

    def __init__(self, app: App[Any], path: Path) -> None:
        self.app = app
        """The app told (once) when the file cannot be read."""
        self.path = path
        """The state file."""
        self._views: ViewStates | None = None
        self._filters: SavedFilters = {}
        self._lock = threading.Lock()
        self._dirty = False
        self._writer: threading.Thread | None = None

    def recall(self, mode: str) -> Mapping[str, Any]:
        """The settings the view `mode` last had (empty: its defaults)."""
        return self._loaded().get(mode, {})

    def remember(self, mode: str, settings: dict[str, Any]) -> None:
        """Keep the settings of view `mode`; the file is written in the background."""
        views = self._loaded()
        if views.get(mode) == settings:
            return
        with self._lock:
            views[mode] = settings
            self._changed()

    def saved_filters(self) -> SavedFilters:
        """The user's saved filters, name -> query (do not modify the mapping)."""
        self._loaded()
        return self._filters

    def save_filters(self, filters: SavedFilters) -> None:
        """Keep these saved filters instead of those kept; written in the background."""
        self._loaded()
        with self._lock:
            self._filters = dict(filters)
            self._changed()

    def _changed(self) -> None:
        """Have the writer write the settings (the lock held)."""
        self._dirty = True
        if self._writer is None:
            self._writer = threading.Thread(target=self._write, name="kam-view-state", daemon=True)
            self._writer.start()

    def flush(self) -> None:
        """Wait until the last settings remembered are written."""
        writer = self._writer
        if writer is not None:
            writer.join()

    def _loaded(self) -> ViewStates:
        views = self._views
        if views is None:
            try:
                views, self._filters = read_state(self.path)
            except ViewStateError as error:
                views = {}
                self.app.notify(
                    f"{error}\nEach view starts sorted and filtered as by default; the file "
                    "is written anew at the next change.",
                    title=NOT_READ_TITLE,
                    severity="warning",
                )
            self._views = views
        return views

    def _write(self) -> None:
        """Write the latest settings until none are left unwritten (on the writer thread)."""
        while True:
            with self._lock:
                if not self._dirty or self._views is None:
                    self._writer = None
                    return
                self._dirty = False
                snapshot = {mode: dict(settings) for mode, settings in self._views.items()}
                filters = dict(self._filters)
            # A convenience: a state that cannot be written is simply not remembered.
            with contextlib.suppress(OSError):
                write_view_states(self.path, snapshot, filters)


_MEMORIES: WeakKeyDictionary[App[Any], ViewMemory] = WeakKeyDictionary()


def view_memory(app: App[Any]) -> ViewMemory:
    """The remembered view settings of `app` (the user's state file)."""
    memory = _MEMORIES.get(app)
    if memory is None:
        memory = _MEMORIES[app] = ViewMemory(app, default_view_state_path())
    return memory


def show_typed_filter(screen: Screen[Any], text: str) -> None:
    """Show a remembered typed filter in the screen's header, as if just typed (the header
    then tells the view, which already applies it)."""
    if not text:
        return
    for header in screen.query(KamHeader):
        header.add_class("-filtering")
        header.query_one(FilterInput).value = text
