"""The import dialog's own widgets: the paths input with tab completion, the skip box."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input

from kam_tui.ui.importing.paths import completed
from kam_tui.ui.user_text import CONTROL_PICTURES


class PathSuggester(Suggester):
    """Offers the completion of the path being typed (right arrow or tab takes it)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.folder = folder
        """Where relative paths are taken from."""

    async def get_suggestion(self, value: str) -> str | None:
        return completed(value, self.folder)


class PathInput(Input):
    """The paths to import: tab completes the last one, or moves on when nothing can be
    added."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "Complete", show=False, id="import-complete"),
    ]

    def __init__(self, value: str, folder: Path) -> None:
        super().__init__(
            value,
            placeholder="files or a folder to import",
            id="import-path",
            compact=True,
            suggester=PathSuggester(folder),
            highlighter=CONTROL_PICTURES,
        )
        self.folder = folder
        """Where relative paths are taken from."""

    def action_complete(self) -> None:
        """Complete the path at the end of the text, or move the focus on."""
        grown = completed(self.value, self.folder) if self.cursor_at_end else None
        if grown is None:
            self.screen.focus_next()
            return
        self.value = grown
        self.cursor_position = len(grown)


class SkipBox(Checkbox):
    """Whether rows with problems are left out; space toggles it (enter imports)."""

    inherit_bindings = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Toggle", show=False),
    ]
