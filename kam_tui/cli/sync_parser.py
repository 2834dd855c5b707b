"""The `kam sync` command's arguments: `kam sync serve` runs the team server; `kam sync`
alone is the laptop's one-off sync."""

from __future__ import annotations

import argparse
from pathlib import Path


def port_number(text: str) -> int:
    """A TCP port number, 0 (any free port) to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {port}")
    return port


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """The `sync` command's parser with its `serve` subcommand (the caller adds the global
    options to the returned `sync` parser)."""
    parser = commands.add_parser(
        "sync",
        help="sync with the team server, or run it (kam sync serve)",
        description="Sync this laptop with the team server once, or run the team server "
        "(kam sync serve).",
    )
    actions = parser.add_subparsers(dest="sync_command", metavar="ACTION")
    serve = actions.add_parser(
        "serve",
        help="run the team server",
        description="Run the team's sync server: the standard y-websocket protocol, one room "
        "per team document (ws://HOST:PORT/<room>), every change stored in DIR/rooms.sqlite. "
        "Clients present the token of --token-file. Stop it with Ctrl-C or SIGTERM.",
    )
    serve.add_argument(
        "--data", required=True, type=Path, metavar="DIR", help="the folder of the server's store"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=port_number, default=8765, help="the port (default: 8765; 0: any free port)"
    )
    serve.add_argument(
        "--token-file",
        required=True,
        type=Path,
        metavar="FILE",
        help="the file holding the team's token (mode 600: only its owner may read it)",
    )
    serve.add_argument("--tls-cert", type=Path, metavar="FILE", help="TLS certificate (PEM)")
    serve.add_argument("--tls-key", type=Path, metavar="FILE", help="its private key (PEM)")
    serve.add_argument(
        "--insecure",
        action="store_true",
        help="allow an address other machines can reach without TLS",
    )
    return parser
