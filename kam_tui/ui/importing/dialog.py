"""The Import… dialog: paths typed (or completed with tab), the import planned off the UI
thread and previewed, then applied as one undoable change when enter confirms it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Static

from kam_tui.config.mapping_reader import load_mapping
from kam_tui.config.settings import ConfigError
from kam_tui.services.importing import ImportPlan, apply_import, plan_import
from kam_tui.ui.importing.paths import choose_files, typed_paths
from kam_tui.ui.importing.preview import bad_rows, preview_text, totals, what_came_in
from kam_tui.ui.importing.widgets import PathInput, SkipBox
from kam_tui.ui.refused import tell_refused
from kam_tui.ui.typed_app import kam_app
from kam_tui.ui.user_text import LiteralTextArea, literal, printable

HELP = (
    "Type the CSV files of a CRM export (kam recognises them by their headers), or the "
    "folder that holds them; any other CSV imports with a YAML mapping file typed among "
    "them (docs/import-mapping.md). Several paths: separated by spaces, a path with spaces "
    "in quotes. Tab completes a path; enter shows what would be imported. Nothing is "
    "written until you confirm."
)
"""What the preview area says before anything is planned."""


class ImportDialog(ModalScreen[None]):
    """Choose files or a folder, see per file what would be created, updated, unchanged
    and skipped with every problem, then enter imports it as one change (u undoes it) and
    escape closes without writing anything."""

    DEFAULT_CSS = """
    ImportDialog {
        align: center middle;
        & > #import {
            width: 96%;
            max-width: 110;
            height: 96%;
            max-height: 40;
            border: thick $primary;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        & #import-path {
            margin-bottom: 1;
        }
        & #import-preview {
            height: 1fr;
        }
        & #import-skip {
            display: none;
        }
        &.-problems #import-skip {
            display: block;
        }
        & #import-status {
            height: auto;
            color: $text-muted;
            &.-error {
                color: $text-error;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "confirm",
            "Import",
            id="import-confirm",
            tooltip="Import what the preview shows, as one change (u undoes it)",
        ),
        Binding(
            "s",
            "toggle_skip",
            "Skip bad rows",
            id="import-skip-rows",
            tooltip="Import the good rows and leave out those with problems",
        ),
        Binding("escape", "cancel", "Cancel", id="import-cancel", tooltip="Close; write nothing"),
    ]

    @dataclass
    class Planned(Message):
        """The planning worker finished (with a plan, or the reason there is none)."""

        attempt: int
        """Which preview this answers (an older one is ignored)."""
        plan: ImportPlan | None
        """What the import would do."""
        error: str | None
        """Why it could not be planned."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        """The folder offered first, and where relative paths are taken from."""
        self.plan: ImportPlan | None = None
        """The plan on show (None: nothing previewed yet)."""
        self.attempt = 0
        """How many previews were asked for: a finished plan is shown only if it is the last."""
        self.importing = False
        """True from enter until the plan is applied (or refused)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="import") as box:
            box.border_title = "Import"
            box.border_subtitle = "tab completes · enter previews, then imports · esc cancels"
            start = printable(str(self.folder))
            yield PathInput(start if start.endswith("/") else f"{start}/", self.folder)
            yield LiteralTextArea(
                HELP, id="import-preview", read_only=True, soft_wrap=True, compact=True
            )
            yield SkipBox("Skip the rows with problems (s)", id="import-skip", compact=True)
            yield Static("", id="import-status", markup=False)

    def on_mount(self) -> None:
        self._edit_path()
        reason = kam_app(self.app).read_only_reason
        if reason:
            self._status(f"Read-only ({reason}): you can preview an import, not make it.")

    # Showing

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.update(literal(text))
        status.set_class(error, "-error")

    def _show(self, text: str) -> None:
        preview = self.query_one("#import-preview", LiteralTextArea)
        preview.load_text(text)
        preview.scroll_home(animate=False)

    def _skipping(self) -> bool:
        return self.query_one(SkipBox).value

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:
            return
        skipping = self._skipping()
        self.set_class(bool(plan.problems) and not plan.refusals, "-problems")
        self._show(preview_text(plan, skipping=skipping))
        text, error = self._verdict(plan, skipping=skipping)
        self._status(text, error=error)

    def _verdict(self, plan: ImportPlan, *, skipping: bool) -> tuple[str, bool]:
        """The status line under a preview, and whether it is an error."""
        if plan.refusals:
            return "Nothing can be imported: fix the file problems above, or choose others.", True
        created, updated, unchanged = totals(plan)
        if plan.problems and not skipping:
            return (
                f"{bad_rows(plan)} row(s) with problems stop the import: fix them, "
                "or skip them (s).",
                True,
            )
        if plan.changes == 0:
            return plan.nothing_to_import, False
        reason = kam_app(self.app).read_only_reason
        if reason:
            return f"Read-only ({reason}): this import cannot be made.", True
        return (
            f"Enter imports {created} new and {updated} updated record(s) as one change "
            f"({unchanged} unchanged; u undoes it) · esc cancels",
            False,
        )

    # Planning

    @on(Input.Submitted, "#import-path")
    def _paths_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.importing:
            self.preview(event.value)

    def preview(self, text: str) -> None:
        """Plan importing the paths in `text` (in a worker) and show what it would do."""
        self.plan = None
        self.remove_class("-problems")
        try:
            paths = typed_paths(text, self.folder)
        except ValueError as error:
            self._status(f"Cannot read the paths: {error}", error=True)
            return
        if not paths:
            self._status("Type a file or a folder to import.", error=True)
            return
        chosen = choose_files(paths)
        if chosen.problems:
            self._show("\n".join(chosen.problems))
            self._status("Nothing to preview: fix the paths.", error=True)
            return
        self.attempt += 1
        preview = self.query_one("#import-preview", LiteralTextArea)
        preview.loading = True
        self._status(f"Reading {len(chosen.files)} file(s)…")
        self._plan(self.attempt, chosen.files, chosen.mapping)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _plan(self, attempt: int, files: list[Path], mapping_path: Path | None) -> None:
        kam = kam_app(self.app)
        try:
            mapping = None
            if mapping_path is not None:
                mapping = load_mapping(mapping_path, kam.settings.schema)
            plan = plan_import(
                kam.workspace, files, settings=kam.settings.importing, mapping=mapping
            )
        except ConfigError as error:
            self.post_message(self.Planned(attempt, None, f"cannot use the mapping: {error}"))
            return
        except Exception as error:  # a defect must not leave the dialog waiting forever
            self.post_message(self.Planned(attempt, None, f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.Planned(attempt, plan, None))

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        if message.attempt != self.attempt:
            return
        self.query_one("#import-preview", LiteralTextArea).loading = False
        if message.plan is None:
            self._show(str(message.error))
            self._status("The import could not be planned.", error=True)
            self._edit_path()
            return
        self.plan = message.plan
        self._show_plan()
        if self.plan.refusals:  # nothing can be imported: the paths are what to change
            self._edit_path()
        else:
            self.query_one("#import-preview", LiteralTextArea).focus()

    def _edit_path(self) -> None:
        """Give the keys back to the path, its cursor at the end (not the whole path
        selected, so the next key edits it rather than replacing it)."""
        path = self.query_one(PathInput)
        path.focus()
        path.cursor_position = len(path.value)

    # Deciding

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Import once a plan is on show; skipping only when some rows have problems."""
        if action == "confirm":
            return self.plan is not None
        if action == "toggle_skip":
            return self.plan is not None and bool(self.plan.problems) and not self.plan.refusals
        return True

    @on(Checkbox.Changed, "#import-skip")
    def _skip_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._show_plan()

    def action_toggle_skip(self) -> None:
        """Leave out the rows with problems, or let them stop the import again."""
        box = self.query_one(SkipBox)
        box.value = not box.value

    def action_confirm(self) -> None:
        """Apply the plan on show as one change, if nothing stops it."""
        plan = self.plan
        if plan is None:
            return
        text, stopped = self._verdict(plan, skipping=self._skipping())
        if stopped or plan.changes == 0:
            self._status(text, error=stopped)
            self.app.bell()
            return
        self.plan = None  # a second enter must not import it twice
        self.importing = True
        self._status(f"Importing {plan.changes} record(s)…")
        self.query_one("#import-preview", LiteralTextArea).loading = True
        # Applied on the UI thread, as every change is (the views read the same records),
        # once the status above is painted.
        self.call_after_refresh(self._apply, plan)

    def _apply(self, plan: ImportPlan) -> None:
        names = ", ".join(item.name for item in plan.files)
        outcome = apply_import(kam_app(self.app).workspace, plan, f"Imported {names}")
        self.importing = False
        if outcome.refusal is not None:
            self.plan = plan
            self.query_one("#import-preview", LiteralTextArea).loading = False
            tell_refused(self, outcome.refusal, "Nothing imported", read_only="Nothing imported")
            self._status(f"Nothing was imported: {outcome.refusal.text}", error=True)
            return
        self.dismiss(None)
        left_out = bad_rows(plan)
        self.app.notify(
            f"{what_came_in(plan)} ({outcome.value} record(s) from {len(plan.files)} file(s)),"
            " as one change: u undoes it."
            + (f" {left_out} row(s) with problems were left out." if left_out else ""),
            title="Imported",
        )

    def action_cancel(self) -> None:
        """Close without importing anything (once the import is under way, it finishes)."""
        if not self.importing:
            self.dismiss(None)
