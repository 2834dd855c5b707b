"""What the header's save status says of the store's save state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kam_tui.store.saver import SaveState

SaveLevel = Literal["saved", "saving", "error", "read-only"]


@dataclass(frozen=True)
class SaveIndicator:
    """What the save status shows."""

    text: str
    """The words shown, e.g. "Saved" or "Cannot save: disk full (retrying)"."""
    level: SaveLevel
    """How worried the user should be: the colour of the text, or the `-<level>` class of the
    label for the rare ones (error, read-only)."""


FREQUENT_LEVELS = frozenset({"saved", "saving"})
"""The levels shown at every change (each in the colour of its text, `$success` and
`$foreground-muted`): "Saving…" shows from the change until it is durable, at every key, so
it is quiet; trouble is the error level."""


def describe_save_state(state: SaveState, read_only_reason: str | None) -> SaveIndicator:
    """The indicator for a save state; `read_only_reason` is set when nothing is ever saved.

    "Saved" means every change so far is on disk (written, fsynced and renamed into place);
    any change not yet there is "Saving…", however soon its save will end.
    """
    if read_only_reason is not None:
        return SaveIndicator(f"Read-only: {read_only_reason}", "read-only")
    if state.error:
        return SaveIndicator(f"Cannot save: {save_error_reason(state.error)} (retrying)", "error")
    if state.pending:
        return SaveIndicator("Saving…", "saving")
    return SaveIndicator("Saved", "saved")


def save_error_reason(error: str) -> str:
    """The short reason of a saver error ("No space left on device"), without its path."""
    return error.rsplit(": ", 1)[-1]
