"""The team server: the standard y-websocket protocol served by hypercorn, one room per
team document (the URL's path), a token checked before the websocket is accepted."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import signal
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs

import anyio
from hypercorn.asyncio import serve
from hypercorn.config import Config
from hypercorn.typing import ASGIFramework
from pycrdt.websocket.asgi_server import ASGIWebsocket

from kam_tui.sync.rooms import DATABASE_NAME, StoredRoomServer, room_name_of
from kam_tui.sync.tokens import token_matches

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

MAX_MESSAGE_BYTES = 512 * 1024 * 1024
"""The largest websocket message taken in: a laptop's first upload is its whole document."""

GRACEFUL_SECONDS = 2.0
"""How long a stopping server lets open connections finish."""


@dataclass(frozen=True)
class ServerOptions:
    """What `kam sync serve` was asked for, checked."""

    data: Path
    """The folder of the SQLite store (created if missing)."""
    token: str
    """The token every client must present."""
    tls_cert: Path | None = None
    """The certificate chain (PEM) for TLS; with `tls_key`."""
    tls_key: Path | None = None
    """The certificate's private key (PEM)."""


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: any free port). Bound here, before the
    server runs, so a taken port is reported at once and the real port is known."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except BaseException:
        sock.close()
        raise
    return sock


def socket_url(sock: socket.socket, *, tls: bool) -> str:
    """The ws:// or wss:// address of a listening socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'wss' if tls else 'ws'}://{shown}:{port}"


def offered_token(scope: Scope) -> str | None:
    """The token a client presents: `Authorization: Bearer <token>`, else `?token=`."""
    for name, value in scope.get("headers", []):
        if bytes(name).lower() == b"authorization":
            scheme, _, credentials = bytes(value).decode("latin-1").partition(" ")
            if scheme.lower() == "bearer":
                return credentials.strip()
    query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
    tokens = query.get("token")
    return tokens[0] if tokens else None


class SyncApp:
    """The ASGI application: refuses a websocket without the token (HTTP 403, before it is
    accepted) and hands the others to the room their path names."""

    def __init__(self, rooms: StoredRoomServer, token: str, log: logging.Logger) -> None:
        self._rooms = rooms
        self._token = token
        self._log = log
        self._open: set[Send] = set()
        """The send channels of the accepted websockets, to close them on shutdown."""

    async def close_connections(self) -> None:
        """Close every open websocket ("going away"), so a stopping server's clients end
        their exchange at once (and retry) rather than being cut after the grace period."""
        for send in list(self._open):
            try:
                await send({"type": "websocket.close", "code": 1001})
            except Exception as error:  # the client may be gone already
                self._log.debug("closing a websocket: %s", error)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        elif scope["type"] == "http":
            await self._answer_http(send)
        elif scope["type"] == "websocket":
            await self._serve_websocket(scope, receive, send)

    @staticmethod
    async def _answer_http(send: Send) -> None:
        """A plain HTTP request: say what this is (426 Upgrade Required)."""
        body = b"kam sync server: connect with a y-websocket client to /<room>\n"
        await send(
            {
                "type": "http.response.start",
                "status": 426,
                "headers": [(b"content-type", b"text/plain"), (b"upgrade", b"websocket")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def _serve_websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = await receive()
        if message["type"] != "websocket.connect":
            return
        client = scope.get("client") or ("?", 0)
        who = f"{client[0]}:{client[1]}"
        offered = offered_token(scope)
        room = room_name_of(scope["path"])
        refusal = ""
        if offered is None:
            refusal = "no token"
        elif not token_matches(offered, self._token):
            refusal = "wrong token"
        elif room is None:
            refusal = "no such room"
        if refusal or room is None:
            # The token itself is never logged; the path is shown as a literal.
            self._log.warning("refused %s on %r: %s", who, scope["path"], refusal)
            await send({"type": "websocket.close", "code": 1008})
            return
        await send({"type": "websocket.accept"})
        self._log.info("%s joined room %s", who, room)
        self._open.add(send)
        try:
            await self._rooms.serve(ASGIWebsocket(receive, send, room))
        finally:
            self._open.discard(send)
        self._log.info("%s left room %s", who, room)


def hypercorn_config(sock: socket.socket, options: ServerOptions, log: logging.Logger) -> Config:
    """Hypercorn's settings: serve the socket bound by `listen` (hypercorn takes it over),
    TLS when a certificate is given, our logger, no access log."""
    config = Config()
    config.bind = [f"fd://{sock.detach()}"]
    if options.tls_cert is not None and options.tls_key is not None:
        config.certfile = str(options.tls_cert)
        config.keyfile = str(options.tls_key)
    config.accesslog = None
    config.errorlog = log
    config.graceful_timeout = GRACEFUL_SECONDS
    config.websocket_max_message_size = MAX_MESSAGE_BYTES
    return config


async def serve_until_stopped(
    sock: socket.socket, options: ServerOptions, log: logging.Logger
) -> None:
    """Serve on `sock` until SIGTERM or SIGINT, then close every room's store."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, stop.set)
    options.data.mkdir(parents=True, exist_ok=True)
    config = hypercorn_config(sock, options, log)
    rooms = StoredRoomServer(options.data / DATABASE_NAME, log)
    app = SyncApp(rooms, options.token, log)

    async def shut_down() -> None:
        await stop.wait()
        await app.close_connections()

    async with anyio.create_task_group() as task_group:
        await task_group.start(rooms.start)
        try:
            await serve(cast("ASGIFramework", app), config, shutdown_trigger=shut_down)
        finally:
            with anyio.CancelScope(shield=True):
                await rooms.close_rooms()
                await rooms.stop()
    log.info("stopped; every room's changes are in %s", options.data / DATABASE_NAME)


def run_server(sock: socket.socket, options: ServerOptions, log: logging.Logger) -> None:
    """Run the server on `sock` in this thread until it is stopped by a signal."""
    asyncio.run(serve_until_stopped(sock, options, log))
