"""Each view's last sort and filter, kept per user in a small JSON file of the state folder.

Not in the store: the store is the team's data (shared once sync lands), and one person's
sort order and filter are not. Not in config.yaml either: the app never writes the
user's config. The file is a convenience: missing, it means the defaults; unreadable, it
is ignored (the app says so once) and written anew at the next change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import platformdirs

from kam_tui.store.files import atomic_write_private, private_folder

VIEW_STATE_NAME = "views.json"
"""The file's name in the user state folder."""
VIEW_STATE_VERSION = 1
"""The layout of the file: {"version": 1, "views": {mode: {setting: value}}, "filters":
{name: query}} ("filters", the saved named filters, may be missing)."""
MAX_VIEW_STATE_BYTES = 256 * 1024
"""A larger file is not a state this app wrote: it is not read."""

ViewStates = dict[str, dict[str, Any]]
"""Each view's settings by the view's mode ("pipeline", "table", ...); each view checks
its own values when it reads them."""
SavedFilters = dict[str, str]
"""The user's saved filters: name -> query text (in the filter language)."""
MAX_FILTER_NAME = 60
"""The longest name a saved filter takes."""
MAX_FILTER_TEXT = 1000
"""The longest query a saved filter keeps."""


class ViewStateError(Exception):
    """The state file is there but cannot be read or is not what this app writes."""


def default_view_state_path() -> Path:
    """Where the views' state lives: the user state folder of kam-tui."""
    return platformdirs.user_state_path("kam-tui") / VIEW_STATE_NAME


def read_view_states(path: Path) -> ViewStates:
    """The views' settings in `path`; empty when there is no file yet.

    Raises ViewStateError, naming the file and the problem, when it cannot be read, is too
    large, is not JSON or not of the expected layout."""
    return read_state(path)[0]


def read_state(path: Path) -> tuple[ViewStates, SavedFilters]:
    """The views' settings and the saved filters in `path`; both empty when there is no
    file yet (a saved filter whose name or text is not a string, or too long, is left out).

    Raises ViewStateError as `read_view_states` does."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_VIEW_STATE_BYTES + 1)
    except FileNotFoundError:
        return {}, {}
    except OSError as error:
        raise ViewStateError(f"{path}: {error.strerror or error}") from error
    if len(data) > MAX_VIEW_STATE_BYTES:
        raise ViewStateError(f"{path}: larger than {MAX_VIEW_STATE_BYTES} bytes")
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ViewStateError(f"{path}: not valid JSON ({error})") from error
    if not isinstance(parsed, dict) or parsed.get("version") != VIEW_STATE_VERSION:
        raise ViewStateError(f"{path}: not a view state file of version {VIEW_STATE_VERSION}")
    views = parsed.get("views")
    if not isinstance(views, dict):
        raise ViewStateError(f"{path}: not a view state file of version {VIEW_STATE_VERSION}")
    states = {
        mode: dict(settings)
        for mode, settings in views.items()
        if isinstance(mode, str) and isinstance(settings, dict)
    }
    filters = parsed.get("filters")
    saved = {
        name: text
        for name, text in (filters.items() if isinstance(filters, dict) else ())
        if isinstance(name, str)
        and isinstance(text, str)
        and 0 < len(name.strip()) <= MAX_FILTER_NAME
        and len(text) <= MAX_FILTER_TEXT
    }
    return states, saved


def write_view_states(path: Path, views: ViewStates, filters: SavedFilters | None = None) -> None:
    """Write `views` and the saved `filters` to `path` atomically (mode 0600, its folder
    made 0700 when missing).

    Raises OSError when the folder or file cannot be written."""
    private_folder(path.parent)
    document: dict[str, Any] = {"version": VIEW_STATE_VERSION, "views": views}
    if filters:
        document["filters"] = filters
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write_private(path, f"{text}\n".encode())
