"""kam (no subcommand): open the app on a store, with the keymap and theme checked first."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kam_tui.ui.app import KamApp

from kam_tui.cli.common import (
    EXIT_PROBLEM,
    complain_of_store,
    open_store,
    report_close,
    settings_from,
    store_is_default,
)
from kam_tui.cli.crash import report_crash
from kam_tui.config.checks import validate_keymap
from kam_tui.config.settings import ConfigError, Settings
from kam_tui.ui.collector import long_lived, tune_garbage_collector


def check_app_settings(settings: Settings) -> None:
    """Raise ConfigError for a keymap or theme the app cannot use (`kam serve` checks this
    too, before any browser tab runs the app)."""
    from kam_tui.ui.app import known_binding_ids, theme_names

    if settings.keymap:  # knowing every binding id imports every view: only when needed
        from kam_tui.ui.keymap import binding_views, normalize_key

        validate_keymap(settings, known_binding_ids(), binding_views(), normalize_key)
    if settings.theme not in theme_names():
        raise ConfigError(
            f"unknown theme {settings.theme!r}; choose one of {', '.join(sorted(theme_names()))}",
            path=settings.source,
            line=settings.positions.get("theme", (None, None))[0],
            column=settings.positions.get("theme", (None, None))[1],
            key_path="theme",
        )


def run_app(args: argparse.Namespace) -> int:
    """Open the app on the store."""
    settings = settings_from(args)
    check_app_settings(settings)
    from kam_tui.ui.app import KamApp

    if args.read_only:
        hint = "; --read-only creates nothing (run kam without it first)"
    else:
        hint = "; check the path, or pass --new to create a store there"
    tune_garbage_collector()
    # The boards paint from the accounts; the other tables load after the first paint.
    with long_lived():
        repository = open_store(
            args,
            settings,
            read_only=args.read_only,
            progressive=True,
            create=args.new or store_is_default(args),
            missing_hint=hint,
        )
    app = KamApp(repository, settings)
    try:
        app.run()
    finally:
        closed = report_close(repository.close())
    crash = app_crash(app)
    if crash is not None:
        return report_crash(crash)
    if repository.load_error is not None:
        complain_of_store(repository.load_error)
        return EXIT_PROBLEM
    return closed


def app_crash(app: KamApp) -> BaseException | None:
    """The unhandled error that ended the app, if one did.

    Textual catches an error raised inside the app, prints its traceback, sets the return
    code to 1 and returns from `run()`; it keeps the first such error in `_exception`.
    """
    if not app.return_code:
        return None
    return app._exception
