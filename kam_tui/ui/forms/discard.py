"""Escape on a dialog holding edits asks before throwing them away; an untouched one closes."""

from __future__ import annotations

from typing import Any, ClassVar, Literal, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, TextArea

ResultT = TypeVar("ResultT")
Answer = Literal["keep", "discard", "save"]


def editor_values(root: Widget | ModalScreen[Any]) -> tuple[object, ...]:
    """What every editor under `root` holds, in order: the state a person can change."""
    values: list[object] = []
    for widget in root.query("*"):
        if isinstance(widget, Input | Select | Checkbox):
            values.append(widget.value)
        elif isinstance(widget, TextArea):
            values.append(widget.text)
        elif isinstance(widget, SelectionList):
            values.append(tuple(widget.selected))
    return tuple(values)


class DiscardDialog(ModalScreen[Answer]):
    """Ask what to do with a dialog's edits: keep editing, discard them, or save them."""

    DEFAULT_CSS = """
    DiscardDialog {
        align: center middle;
        & > Vertical {
            width: auto;
            max-width: 70;
            min-width: 40;
            height: auto;
            padding: 1 2;
            border: thick $warning;
            background: $panel;
        }
        & #discard-question {
            width: 100%;
            margin-bottom: 1;
        }
        & Horizontal {
            height: auto;
            width: auto;
        }
        & Button {
            margin-right: 1;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,k,n", "answer('keep')", "Keep editing", id="discard-keep",
                tooltip="Go back to the dialog with its edits"),
        Binding("d,y", "answer('discard')", "Discard", id="discard-drop",
                tooltip="Close the dialog, throwing its edits away"),
        Binding("s", "answer('save')", "Save", id="discard-save",
                tooltip="Save the edits (when they are valid)"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("You changed this. Throw the changes away?", id="discard-question")
            with Horizontal():
                yield Button("Keep editing (esc)", id="keep", variant="primary")
                yield Button("Discard (d)", id="discard", variant="warning")
                yield Button("Save (s)", id="save")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answer: Answer = "keep"
        if event.button.id in ("discard", "save"):
            answer = "discard" if event.button.id == "discard" else "save"
        self.dismiss(answer)

    def action_answer(self, answer: Answer) -> None:
        """Close with `answer`."""
        self.dismiss(answer)


class GuardedDialog(ModalScreen[ResultT]):
    """A dialog whose escape (action_cancel) asks before discarding edits.

    What its editors hold when it has mounted counts as unchanged. Subclasses close with
    `discard` (None by default) and save through `action_save`.
    """

    _pristine: tuple[object, ...] | None = None

    def on_mount(self) -> None:
        # Runs after the subclass's own on_mount (Textual calls each class's handler).
        self._pristine = editor_values(self)

    @property
    def edited(self) -> bool:
        """True when an editor holds something else than when the dialog opened."""
        return self._pristine is not None and editor_values(self) != self._pristine

    def action_cancel(self) -> None:
        """Close; with edits, ask first whether to keep editing, discard or save them."""
        if not self.edited:
            self.discard()
            return
        self.app.push_screen(DiscardDialog(), self._answered)

    def _answered(self, answer: Answer | None) -> None:
        if answer == "discard":
            self.discard()
        elif answer == "save":
            self.action_save()

    def discard(self) -> None:
        """Close without a result."""
        self.dismiss(None)

    def save_refused(self) -> bool:
        """True, saying why, when the store cannot take what this dialog would save.

        Asked by a dialog's save just before it closes with its result: the store may be
        read-only from the start (another kam holds it) or become so while the dialog is
        open (its file replaced), and closing then would throw away what was typed.
        """
        reason: str | None = getattr(self.app, "read_only_reason", None)
        if reason is None:
            return False
        self.notify(
            f"Not saved: {reason}. What you typed is still here; escape discards it.",
            title="Read-only",
            severity="error",
        )
        return True

    def action_save(self) -> None:
        """Save what the dialog holds (its save key, and the question's "save")."""
        raise NotImplementedError
