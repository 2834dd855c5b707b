"""`kam serve`: check the store and config as `kam` would, then serve the app to browsers,
each tab running `kam` on exactly that store and config."""

from __future__ import annotations

import argparse
import errno
import os
import shlex
import sys
from pathlib import Path

from kam_tui.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    open_store,
    settings_from,
    store_is_default,
    store_path,
)
from kam_tui.cli.open_app import check_app_settings
from kam_tui.cli.output import complain, say
from kam_tui.sync.server import is_loopback, listen


def app_command(args: argparse.Namespace) -> str:
    """The shell command each tab runs: this Python's `kam`, given the store and the config
    by absolute path (whatever chose them: an option, KAM_DB, KAM_CONFIG, the default)."""
    command = [sys.executable, "-m", "kam_tui.cli.main", "--db", os.path.abspath(store_path(args))]
    chosen_config = args.config or os.environ.get("KAM_CONFIG")
    if chosen_config:
        command += ["--config", os.path.abspath(Path(chosen_config).expanduser())]
    if args.read_only:
        command.append("--read-only")
    return shlex.join(command)


def _check_store(args: argparse.Namespace) -> str | None:
    """Check the config and open and close the store as `kam` would, so a missing store, a
    bad config (a theme or keymap the app cannot use included) or a store the config does
    not cover is told here rather than in every tab; returns who else holds the store, if
    another kam does."""
    settings = settings_from(args)
    check_app_settings(settings)
    if args.read_only:
        hint = "; --read-only creates nothing (run kam without it first)"
    else:
        hint = "; check the path, or pass --new to create a store there"
    repository = open_store(
        args,
        settings,
        read_only=args.read_only,
        create=args.new or store_is_default(args),
        missing_hint=hint,
    )
    repository.close()
    return repository.locked_by


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app until a signal stops the server; returns the exit status."""
    if not is_loopback(args.host) and not args.public:
        complain(
            f"refusing to serve on {args.host}: anyone who can reach it could read and change "
            "the store, with no password; give --public to do it anyway"
        )
        return EXIT_USAGE
    locked_by = _check_store(args)
    try:
        sock = listen(args.host, args.port)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            complain(f"port {args.port} on {args.host} is in use; choose another with --port")
        else:
            complain(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}")
        return EXIT_PROBLEM
    from kam_tui.cli.serve_web import KamServer

    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if not is_loopback(host):
        complain(
            f"warning: serving on {host}: anyone who can reach this address can read and change "
            f"the store {store_path(args)} (there is no password, and no TLS)"
        )
    say(
        f"kam serve: each tab runs its own kam on {store_path(args)}; the first holds the "
        "store, the others open it read-only"
    )
    if locked_by:
        say(f"kam serve: the store is open in another kam ({locked_by}): tabs open it read-only")
    # Last, so a script waiting for the address has every line before it.
    say(f"kam serve: open http://{shown}:{port}/ in a browser; stop with Ctrl-C or SIGTERM")
    sys.stdout.flush()
    KamServer(app_command(args), sock, public=args.public).serve()
    return EXIT_OK
