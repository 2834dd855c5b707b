"""`kam sync serve`: check what the team server is asked for, then run it until a signal
stops it."""

from __future__ import annotations

import argparse
import logging
import os
import ssl
import sys

from kam_tui.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from kam_tui.cli.output import complain, say
from kam_tui.sync.rooms import DATABASE_NAME
from kam_tui.sync.server import ServerOptions, is_loopback, listen, run_server, socket_url
from kam_tui.sync.tokens import TokenFileError, read_token_file


def _server_log() -> logging.Logger:
    """The server's log: one line per event on stderr (joins, refusals, failures)."""
    log = logging.getLogger("kam_tui.sync.server")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    return log


def _options(args: argparse.Namespace) -> ServerOptions | str:
    """The checked options, or what is wrong with them."""
    if (args.tls_cert is None) != (args.tls_key is None):
        return "--tls-cert and --tls-key go together"
    tls = args.tls_cert is not None
    if not tls and not is_loopback(args.host) and not args.insecure:
        return (
            f"refusing to listen on {args.host} without TLS: the token and the team's data "
            "would cross the network readable by anyone on the way; give --tls-cert and "
            "--tls-key (or --insecure on a network you trust)"
        )
    if args.data.exists() and not args.data.is_dir():
        return f"--data {args.data}: not a folder"
    try:
        token = read_token_file(args.token_file)
    except TokenFileError as error:
        return str(error)
    if tls:
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(
                args.tls_cert, args.tls_key
            )
        except (OSError, ssl.SSLError) as error:
            return f"TLS certificate {args.tls_cert} with key {args.tls_key}: {error}"
    return ServerOptions(data=args.data, token=token, tls_cert=args.tls_cert, tls_key=args.tls_key)


def run_serve(args: argparse.Namespace) -> int:
    """Run the team server; returns the exit status once a signal has stopped it."""
    options = _options(args)
    if isinstance(options, str):
        complain(options)
        return EXIT_USAGE
    try:
        sock = listen(args.host, args.port)
    except OSError as error:
        complain(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}")
        return EXIT_PROBLEM
    # The store holds the team's data: what the server creates is its owner's only.
    os.umask(0o077)
    if args.insecure and not is_loopback(args.host) and options.tls_cert is None:
        complain(f"warning: serving on {args.host} without TLS (--insecure)")
    url = socket_url(sock, tls=options.tls_cert is not None)
    say(f"kam sync serve: listening on {url}/<room> (e.g. {url}/kam)")
    say(f"kam sync serve: storing in {options.data / DATABASE_NAME}; stop with Ctrl-C or SIGTERM")
    sys.stdout.flush()
    run_server(sock, options, _server_log())
    return EXIT_OK
