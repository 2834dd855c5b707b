"""The `kam serve` command's arguments: the app in a browser, on this machine by default."""

from __future__ import annotations

import argparse

from kam_tui.cli.sync_parser import port_number

DEFAULT_PORT = 8000
"""textual-serve's own default port."""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """The `serve` command's parser (the caller adds the global options to it)."""
    parser = commands.add_parser(
        "serve",
        help="serve the app to a web browser (textual-serve)",
        description="Serve the app to a web browser at http://HOST:PORT/. Each browser tab "
        "runs its own kam on the same store and config as `kam` would open; the first holds "
        "the store, the others open it read-only. Anyone who can reach the address can read "
        "and change the store: the address is this machine's own (127.0.0.1) unless --public. "
        "Stop it with Ctrl-C or SIGTERM.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"the port (default: {DEFAULT_PORT}; 0: any free port)",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="allow an address other machines can reach (anyone who reaches it can read and "
        "change the store: there is no password)",
    )
    return parser
