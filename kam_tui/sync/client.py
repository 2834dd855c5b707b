"""The laptop's exchange with the team server, for one pycrdt Doc on the caller's thread:
sync steps both ways, then verified, since the Yjs protocol acknowledges nothing: a new
connection's first message (the server's state vector) must cover the document's own."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import anyio
import httpx
from httpx_ws import (
    AsyncWebSocketSession,
    HTTPXWSException,
    WebSocketUpgradeError,
    aconnect_ws,
)
from pycrdt import Doc, YMessageType, YSyncMessageType, read_message, write_message

from kam_tui.sync.state_vectors import StateVectorError, covers

MAX_MESSAGE_BYTES = 512 * 1024 * 1024
"""The largest message taken from the server: a first download is the whole document."""

SLOWEST_BYTES_PER_SECOND = 32 * 1024
"""The slowest upload rate waited for: a laptop's first upload (its whole document) may
take minutes on a poor line."""

FIRST_RETRY_SECONDS = 0.25
"""The wait before the first retry after a failed connection; it doubles at each failure."""

LONGEST_RETRY_SECONDS = 4.0

REMOTE_ORIGIN = "kam-sync-server"
"""The origin of the transactions in which what came from the server is applied, so the
document's observers can tell it from this laptop's own writes."""


@dataclass(frozen=True)
class ExchangeReport:
    """What one exchange did. Bytes count the websocket messages' payloads (the Yjs
    messages), not the HTTP upgrade, TLS or websocket framing."""

    bytes_up: int
    """Bytes sent to the server."""
    bytes_down: int
    """Bytes received from the server."""
    rounds: int
    """Connections opened (failed and refused ones included)."""
    covered: bool
    """The server's state vector, read at the start of a connection, covered the
    document's: every change this document holds is on the server."""
    error: str = ""
    """Why the exchange stopped without `covered`; empty when it is covered."""


class ExchangeRefused(Exception):
    """The server refused the connection (a wrong or missing token, or no such room):
    trying again cannot help."""


class ProtocolError(Exception):
    """The server sent something that is not the y-websocket protocol."""


@dataclass
class _Tally:
    bytes_up: int = 0
    bytes_down: int = 0
    rounds: int = 0
    notes: list[str] = field(default_factory=list)


def _sync_message(kind: YSyncMessageType, payload: bytes) -> bytes:
    return bytes([YMessageType.SYNC, kind]) + write_message(payload)


def http_url(url: str) -> str:
    """The URL httpx connects to: ws:// as http://, wss:// as https://."""
    if url.startswith("ws://"):
        return "http://" + url.removeprefix("ws://")
    if url.startswith("wss://"):
        return "https://" + url.removeprefix("wss://")
    return url


class _Connection:
    """One websocket to the room, counting what crosses it."""

    def __init__(
        self, websocket: AsyncWebSocketSession, doc: Doc[Any], tally: _Tally, timeout: float
    ) -> None:
        self._websocket = websocket
        self._doc = doc
        self._tally = tally
        self._timeout = timeout

    async def send(self, kind: YSyncMessageType, payload: bytes) -> None:
        """Send a sync message. A send that lasts longer than `timeout` plus the time the
        message takes at SLOWEST_BYTES_PER_SECOND (a server that stopped reading, its
        buffers full) fails the connection like a silent server."""
        message = _sync_message(kind, payload)
        self._tally.bytes_up += len(message)
        with anyio.fail_after(self._timeout + len(message) / SLOWEST_BYTES_PER_SECOND):
            await self._websocket.send_bytes(message)

    async def receive_until(self, wanted: YSyncMessageType) -> bytes:
        """The payload of the next sync message of kind `wanted`. Updates the server
        broadcasts meanwhile are applied to the document (never sent back); awareness
        messages are ignored."""
        while True:
            message = await self._websocket.receive_bytes(timeout=self._timeout)
            self._tally.bytes_down += len(message)
            if len(message) < 2 or message[0] != YMessageType.SYNC:
                continue
            try:
                payload = read_message(message[2:])
            except (AssertionError, IndexError, RuntimeError) as error:
                raise ProtocolError(f"a malformed sync message ({error})") from None
            if message[1] == wanted:
                return payload
            if message[1] in (YSyncMessageType.SYNC_UPDATE, YSyncMessageType.SYNC_STEP2):
                self.apply(payload)

    def apply(self, update: bytes) -> None:
        """Apply an update from the server, in a transaction marked as the server's."""
        with self._doc.transaction(origin=REMOTE_ORIGIN):
            self._doc.apply_update(update)


async def _round(
    client: httpx.AsyncClient,
    doc: Doc[Any],
    url: str,
    token: str,
    tally: _Tally,
    *,
    timeout: float,
    verify_only: bool,
) -> bool:
    """One connection. Reads the server's state vector (its first message); when
    `verify_only` and it covers the document's, stops there. Otherwise sends the server
    what it lacks (sync step 2) and asks for what the document lacks (sync step 1),
    applying the answer. Returns True when the state vector read first covered the
    document's state at that moment."""
    tally.rounds += 1
    headers = {"Authorization": f"Bearer {token}"}
    websocket: AsyncWebSocketSession
    try:
        async with aconnect_ws(
            http_url(url),
            client,
            headers=headers,
            max_message_size_bytes=MAX_MESSAGE_BYTES,
            keepalive_ping_interval_seconds=None,
        ) as websocket:
            connection = _Connection(websocket, doc, tally, timeout)
            server_state = await connection.receive_until(YSyncMessageType.SYNC_STEP1)
            own_state = doc.get_state()
            try:
                already_covered = covers(server_state, own_state)
                same = already_covered and covers(own_state, server_state)
            except StateVectorError as error:
                raise ProtocolError(f"the server's state vector is malformed ({error})") from None
            if (verify_only and already_covered) or same:
                # Equal state vectors: neither side holds content the other lacks, and the
                # diffs would carry only the two delete sets (tens of KB once a team has
                # edited for a while). kam makes no bare deletion: every deletion is a map
                # entry replaced by a newer one, which each replica deletes itself when it
                # takes the newer one in, so nothing is left to send.
                return True
            # Step 2 first: the server takes messages in order, so its answer to our step 1
            # comes after it has taken our changes in.
            await connection.send(YSyncMessageType.SYNC_STEP2, doc.get_update(server_state))
            await connection.send(YSyncMessageType.SYNC_STEP1, doc.get_state())
            connection.apply(await connection.receive_until(YSyncMessageType.SYNC_STEP2))
            return already_covered
    except WebSocketUpgradeError as error:
        status = error.response.status_code
        if status in (401, 403):
            raise ExchangeRefused(
                f"the server refused the connection (HTTP {status}): a wrong or missing "
                "token, or no such room"
            ) from None
        raise ExchangeRefused(f"the server answered HTTP {status}, not a websocket") from None


_NETWORK_ERRORS = (
    httpx.TransportError,
    HTTPXWSException,
    OSError,
    TimeoutError,
    anyio.EndOfStream,
    anyio.BrokenResourceError,
    anyio.ClosedResourceError,
)


def _network_failure(error: BaseException) -> str | None:
    """What went wrong when `error` (or every error in its group) is the network's fault
    (a refused or dropped connection, no answer in time); None otherwise."""
    if isinstance(error, BaseExceptionGroup):
        reasons = [_network_failure(inner) for inner in error.exceptions]
        return None if None in reasons else "; ".join(str(reason) for reason in reasons)
    if isinstance(error, TimeoutError):
        return "no answer in time"
    if isinstance(error, _NETWORK_ERRORS):
        return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return None


def _refusal(error: BaseException) -> ExchangeRefused | ProtocolError | None:
    """The refusal or protocol error inside `error` (httpx-ws wraps errors in groups)."""
    if isinstance(error, ExchangeRefused | ProtocolError):
        return error
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            found = _refusal(inner)
            if found is not None:
                return found
    return None


async def _exchange(
    doc: Doc[Any],
    url: str,
    token: str,
    timeout: float,
    ca_file: str | None,
    max_tries: int,
) -> ExchangeReport:
    tally = _Tally()
    verify: ssl.SSLContext | bool = True
    if ca_file is not None:
        verify = ssl.create_default_context(cafile=ca_file)
    failures = 0
    verify_only = False

    def report(covered: bool, error: str = "") -> ExchangeReport:
        return ExchangeReport(tally.bytes_up, tally.bytes_down, tally.rounds, covered, error)

    async with httpx.AsyncClient(verify=verify, timeout=timeout, trust_env=False) as client:
        while True:
            try:
                covered_at_start = await _round(
                    client, doc, url, token, tally, timeout=timeout, verify_only=verify_only
                )
            except Exception as error:
                refusal = _refusal(error)
                if refusal is not None:
                    return report(False, str(refusal))
                failure = _network_failure(error)
                if failure is None:
                    raise
                failures += 1
                if failures >= max_tries:
                    return report(False, f"{failures} tries failed, the last: {failure}")
                await anyio.sleep(_retry_wait(failures))
                continue
            if covered_at_start:
                return report(True)
            if verify_only:
                # The server lacked some of this document's changes after an exchange
                # (lost on the way): the exchange repeats, as after a dropped connection.
                failures += 1
                if failures >= max_tries:
                    return report(
                        False,
                        f"the server still lacked changes of this document after {failures} tries",
                    )
            verify_only = True


def _retry_wait(failures: int) -> float:
    """Seconds to wait after the n-th failure: doubling from the first, up to a limit."""
    return float(min(FIRST_RETRY_SECONDS * 2 ** (failures - 1), LONGEST_RETRY_SECONDS))


def exchange(
    doc: Doc[Any],
    url: str,
    token: str,
    *,
    timeout: float = 30.0,
    ca_file: str | None = None,
    max_tries: int = 5,
) -> ExchangeReport:
    """Exchange `doc`'s changes with the room at `url` (ws://host:port/room or wss://...),
    on the caller's thread, and verify the result. An event loop runs inside this call, so
    it is made from a thread that runs none (the worker thread that owns the Doc).

    A connection sends what the server lacks and takes what the document lacks; then
    connections are opened until the first message of one (the server's state vector)
    covers the document's state. A dropped or refused-by-the-network connection is
    retried, `max_tries` failures in all; a refusal by the server (token, room) is not.
    `timeout` bounds each wait for the server (connecting, each answer, a send beyond the
    time its size needs): the first exchange of an empty document downloads the whole team
    document as one answer, so the caller gives that one a timeout long enough for it.
    `ca_file` is a PEM file of certificates to trust for wss:// (a team's self-signed
    certificate).
    """
    return anyio.run(partial(_exchange, doc, url, token, timeout, ca_file, max_tries))
