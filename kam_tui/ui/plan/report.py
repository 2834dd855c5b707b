"""A report to read, copy or write to a file: the attack-plan status report (plain text) and
the account plan (Markdown)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kam_tui.store.files import atomic_write
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.user_text import literal, printable


def export_target(typed: str, default_name: str, folder: Path) -> Path:
    """Where to write: `typed` (relative to `folder`); a folder gets `default_name` inside."""
    raw = typed.strip() or default_name
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = folder / path
    if path.is_dir():
        path = path / default_name
    return path


class StatusReportDialog(ModalScreen[None]):
    """Shows the report text; c copies it, s writes it to a file (asking where, the current
    folder by default). `export_first` opens it asking where to write, for a key whose
    purpose is the file (the account plan)."""

    DEFAULT_CSS = """
    StatusReportDialog {
        align: center middle;
        & > #report {
            width: 90%;
            max-width: 90;
            height: 90%;
            max-height: 36;
            border: thick $primary;
            border-title-style: bold;
            background: $surface;
            padding: 0 1;
        }
        & #report-scroll {
            height: 1fr;
        }
        & #report-path {
            display: none;
        }
        &.-exporting #report-path {
            display: block;
        }
        & #report-status {
            height: auto;
            color: $text-muted;
            &.-error {
                color: $text-error;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy", id="report-copy", tooltip="Copy the report to the clipboard"),
        Binding(
            "s",
            "export",
            "Export",
            id="report-export",
            tooltip="Write the report to a file (the current folder, or a path you type)",
        ),
        Binding("escape", "close", "Close", id="report-close", tooltip="Close the report"),
    ]

    @dataclass
    class Written(Message):
        """The export finished (posted by the writing worker)."""

        path: Path
        """The file written (or tried)."""
        error: str | None
        """Why it could not be written, or None."""

    def __init__(
        self,
        text: str,
        default_name: str,
        folder: Path,
        *,
        title: str = "Attack plan status",
        export_first: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        """The box's title."""
        self.export_first = export_first
        """True to ask where to write as soon as the dialog opens."""
        self.text = text
        """The report."""
        self.default_name = default_name
        """The file name offered for the export."""
        self.folder = folder
        """Where relative paths are taken from (the current folder)."""
        self.written: Path | None = None
        """The last file written."""

    def compose(self) -> ComposeResult:
        with Vertical(id="report") as box:
            box.border_title = self.title_text
            box.border_subtitle = "c copy · s export · esc close"
            with VerticalScroll(id="report-scroll"):
                yield Static(literal(self.text, multiline=True), id="report-text")
            yield Input(
                printable(self.default_name),
                placeholder="file to write (relative to the current folder)",
                id="report-path",
                compact=True,
            )
            yield Static("", id="report-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#report-scroll").focus()
        if self.export_first:
            self.action_export()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Copy and export are keys of the report, not of the path being typed."""
        if action in ("copy", "export"):
            return not self.has_class("-exporting")
        return True

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#report-status", Static)
        status.update(literal(text))
        status.set_class(error, "-error")

    def action_copy(self) -> None:
        """Copy the report to the clipboard."""
        self.app.copy_to_clipboard(self.text)
        self._status("Copied to the clipboard.")

    def action_export(self) -> None:
        """Ask for the file to write, offering the default name in the current folder."""
        self.add_class("-exporting")
        path = self.query_one("#report-path", Input)
        path.focus()
        path.cursor_position = len(path.value)
        self._status(
            f"Enter writes the file (in {printable(str(self.folder))} unless you type a path)"
            " · esc cancels"
        )

    def action_close(self) -> None:
        """Cancel the export being typed, or close the report."""
        if self.has_class("-exporting"):
            self.remove_class("-exporting")
            self.query_one("#report-scroll").focus()
            self._status("Export cancelled.")
            return
        self.dismiss(None)

    @on(Input.Submitted, "#report-path")
    def _path_entered(self, event: Input.Submitted) -> None:
        event.stop()
        target = export_target(event.value, self.default_name, self.folder)
        if target.exists():

            def answered(replace: bool | None) -> None:
                if replace:
                    self._write(target)

            self.app.push_screen(
                ConfirmDialog(f"{target} exists. Replace it?", yes="Replace", no="Keep"), answered
            )
        else:
            self._write(target)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _write(self, target: Path) -> None:
        try:
            atomic_write(target, self.text.encode("utf-8"))  # a new file is 0600
        except OSError as error:
            self.post_message(self.Written(target, error.strerror or str(error)))
        else:
            self.post_message(self.Written(target, None))

    @on(Written)
    def _written(self, message: Written) -> None:
        if message.error:
            self._status(f"Cannot write {message.path}: {message.error}", error=True)
            return
        self.written = message.path
        self.remove_class("-exporting")
        self.query_one("#report-scroll").focus()
        self._status(f"Written to {message.path}")
        self.notify(f"Report written to {message.path}", title="Exported")
