"""Start-up probe of a bare Textual app: one Label; marks the time of its first frame."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Label

from kam_tui.bench.marker import write_marker


class BareProbe(App[None]):
    """A Textual app showing one label; exits once that label was painted."""

    def __init__(self, marker: Path) -> None:
        super().__init__()
        self._marker = marker

    def compose(self) -> ComposeResult:
        yield Label("kam-tui bench: a bare Textual app")

    def on_ready(self) -> None:
        # Ready comes after the first layout and paint; one more refresh to be sure.
        self.call_after_refresh(self._mark)

    def _mark(self) -> None:
        write_marker(self._marker)
        self.exit()


def main(argv: list[str]) -> int:
    """`python -m kam_tui.bench.bare_probe MARKER`."""
    BareProbe(Path(argv[0])).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
