"""What `kam` prints: every line passes here, so a path, name or value it quotes (from
the user, a file or an error message) reaches the terminal as text, never as control codes."""

from __future__ import annotations

import sys

from kam_tui.domain.text import printable


def say(text: str = "", *, error: bool = False, multiline: bool = False) -> None:
    """Print a line to stdout (stderr when `error`), each character a terminal would act on
    (ESC, CR, a newline inside a quoted path) in the visible notation of `printable`.

    `multiline` keeps newlines, for a message made of several lines on purpose.
    """
    print(printable(text, multiline=multiline), file=sys.stderr if error else sys.stdout)


def complain(text: str, *, multiline: bool = False) -> None:
    """Print `kam: text` to stderr, as `say` shows it: an error or a warning."""
    say(f"kam: {text}", error=True, multiline=multiline)
