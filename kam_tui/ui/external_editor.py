"""Long text edited in the user's own editor ($VISUAL, else $EDITOR), the app suspended."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from textual.app import App, SuspendNotSupported

from kam_tui.ui.user_text import printable

EDITOR_VARIABLES = ("VISUAL", "EDITOR")
"""The environment variables naming the editor, the first set winning (as git and less do:
VISUAL for a full-screen editor, EDITOR otherwise)."""
MAX_EDITED_BYTES = 256 * 1024
"""A larger file is not taken back: no field holds anywhere near that much."""
NO_EDITOR = (
    "Neither $VISUAL nor $EDITOR is set: set one to your editor's command "
    '(e.g. export VISUAL="nano" or VISUAL="code --wait") and start kam again.'
)
"""What the user is told when no editor is configured."""
CANNOT_SUSPEND = (
    "The app cannot hand the terminal to an editor here (it runs in a browser or without "
    "a terminal): edit the text in the field."
)
"""What the user is told where Textual cannot suspend the app (textual-serve, headless)."""

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class EditorOutcome:
    """What came back from the editor: the new text, or why the field stays as it was."""

    text: str | None
    """The edited text (a trailing newline the editor added dropped); None: unchanged."""
    message: str
    """What to tell the user."""
    severity: Severity = "information"
    """How the message is shown."""


class EditorNotUsable(Exception):
    """No editor is configured, or its command cannot be read."""


def editor_command(environ: Mapping[str, str]) -> list[str]:
    """The editor's command line from $VISUAL, else $EDITOR, split as a shell would
    ("code --wait" is a program and an option). Raises EditorNotUsable saying why not."""
    for name in EDITOR_VARIABLES:
        value = environ.get(name, "").strip()
        if not value:
            continue
        try:
            command = shlex.split(value)
        except ValueError as error:
            raise EditorNotUsable(f"${name} cannot be read as a command: {error}.") from error
        if command:
            return command
    raise EditorNotUsable(NO_EDITOR)


def without_final_newline(text: str) -> str:
    """`text` without the one line end most editors add at the end of a file."""
    for ending in ("\r\n", "\n"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def file_name(field: str, suffix: str = ".md") -> str:
    """The temporary file's name: the field's, so the editor's title says what is edited."""
    stem = _UNSAFE_NAME.sub("-", field).strip("-") or "text"
    return f"kam-{stem}{suffix}"


@contextlib.contextmanager
def _interrupts_left_to_the_editor() -> Iterator[None]:
    """While the editor runs, ctrl+c in the terminal stops the editor only, not the app.

    A Python handler, not SIG_IGN: an ignored signal stays ignored in the child."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda _signal, _frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _run(command: Sequence[str]) -> int | OSError:
    """Run the editor and wait for it: its exit status, or why it could not start."""
    try:
        with _interrupts_left_to_the_editor():
            return subprocess.run(command, check=False).returncode
    except OSError as error:
        return error


def _read_back(path: Path) -> str:
    """The file's text as the editor left it. Raises ValueError saying why it is not
    taken (too large, not UTF-8) and OSError when it cannot be read."""
    with path.open("rb") as file:
        data = file.read(MAX_EDITED_BYTES + 1)
    if len(data) > MAX_EDITED_BYTES:
        raise ValueError(f"the file is larger than {MAX_EDITED_BYTES // 1024} KiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"the file is not UTF-8 text ({error.reason})") from error


def edit_in_editor(
    app: App[Any],
    text: str,
    label: str,
    *,
    field: str = "text",
    environ: Mapping[str, str] | None = None,
) -> EditorOutcome:
    """Open `text` (the field `label`) in the user's editor with the app suspended and
    return what it holds when the editor exits.

    The text goes into a file of its own in a private temporary folder (0700, the file
    0600), both removed afterwards. The field keeps its text when no editor is set, the app
    cannot be suspended, the editor fails or exits non-zero, or the file is unchanged;
    the outcome says which."""
    try:
        command = editor_command(os.environ if environ is None else environ)
    except EditorNotUsable as error:
        return EditorOutcome(None, str(error), "error")
    shown = printable(shlex.join(command))  # the user's variable, shown literally
    with tempfile.TemporaryDirectory(prefix="kam-edit-") as folder:
        path = Path(folder) / file_name(field)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        try:
            # Nothing may raise inside: Textual resumes the app only after a clean exit.
            with app.suspend():
                status = _run([*command, str(path)])
        except SuspendNotSupported:
            return EditorOutcome(None, CANNOT_SUSPEND, "warning")
        if isinstance(status, OSError):
            reason = status.strerror or str(status)
            message = f"The editor {shown} could not start: {reason}. {label} is unchanged."
            return EditorOutcome(None, message, "error")
        if status != 0:
            ended = f"exited with status {status}"
            if status < 0:  # ended by a signal (ctrl+c in the terminal: signal 2)
                ended = f"was stopped by signal {-status}"
            message = f"The editor {shown} {ended}: {label} is unchanged."
            return EditorOutcome(None, message, "warning")
        try:
            edited = without_final_newline(_read_back(path))
        except (OSError, ValueError) as error:
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            return EditorOutcome(None, f"Not taken back: {reason}. {label} is unchanged.", "error")
    if edited == text:
        return EditorOutcome(None, f"The file was not changed: {label} is as it was.")
    return EditorOutcome(edited, f"{label} holds the edited text; saving the form checks it.")
