"""Start-up probe of `kam --db PATH`: marks the time the pipeline board first shows cards."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from textual.screen import Screen

from kam_tui.bench.marker import write_marker
from kam_tui.cli.common import EXIT_OK, EXIT_PROBLEM, open_store, settings_from
from kam_tui.cli.main import build_parser
from kam_tui.config.checks import validate_keymap
from kam_tui.config.settings import ConfigError, Settings
from kam_tui.store import Repository
from kam_tui.ui import app as kam_app
from kam_tui.ui.app import KamApp, known_binding_ids, theme_names
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.collector import long_lived, tune_garbage_collector

FALLBACK_CHECK_SECONDS = 0.05
"""How often the board is also checked by a timer, should no layout signal come."""


class FirstBoardProbe(KamApp):
    """KamApp that writes the marker after the first frame showing a board column with cards."""

    CSS_PATH = str(Path(kam_app.__file__).with_name("app.tcss"))

    def __init__(self, repository: Repository, settings: Settings, marker: Path) -> None:
        super().__init__(repository, settings)
        self._marker = marker
        self._seen = False

    def on_mount(self) -> None:
        # Textual calls KamApp.on_mount after this one (handlers run along the MRO).
        self.screen_change_signal.subscribe(self, self._screen_shown, immediate=True)
        self._screen_shown(self.screen)  # the first screen came before this subscription
        self.set_interval(FALLBACK_CHECK_SECONDS, self._check)

    def on_ready(self) -> None:
        self._check()

    def _screen_shown(self, screen: Screen[Any]) -> None:
        if isinstance(screen, PipelineScreen):
            screen.screen_layout_refresh_signal.subscribe(
                self, lambda _screen: self._check(), immediate=True
            )

    def _check(self) -> None:
        """Once a column with cards has been laid out (and so painted), mark after the frame."""
        if self._seen:
            return
        screen = self.screen
        if not isinstance(screen, PipelineScreen) or not screen.is_mounted:
            return
        for column in screen.board.shown_columns:
            if column.accounts and column.height:
                self._seen = True
                self.call_after_refresh(self._mark)
                return

    def _mark(self) -> None:
        write_marker(self._marker)
        self.exit()


def run_probe(db: str, marker: Path) -> int:
    """What `kam --db DB` does (cli.open_app.run_app), with the probe app."""
    args = build_parser().parse_args(["--db", db])
    settings = settings_from(args)
    if settings.keymap:  # knowing every binding id imports every view: only when needed
        validate_keymap(settings, known_binding_ids())
    if settings.theme not in theme_names():
        raise ConfigError(f"unknown theme {settings.theme!r}")
    tune_garbage_collector()
    with long_lived():
        repository = open_store(args, settings, read_only=args.read_only, progressive=True)
    try:
        FirstBoardProbe(repository, settings, marker).run()
    finally:
        state = repository.close()
    if repository.load_error is not None or state.pending:
        return EXIT_PROBLEM
    return EXIT_OK


def main(argv: list[str]) -> int:
    """`python -m kam_tui.bench.probe MARKER DB`."""
    return run_probe(argv[1], Path(argv[0]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
