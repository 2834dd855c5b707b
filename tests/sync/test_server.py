"""`kam sync serve` as a subprocess: the token, the store across a SIGKILL and a SIGTERM,
TLS with a self-signed certificate, and what it refuses to start with."""

from __future__ import annotations

import signal
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
import httpx
import pytest
from httpx_ws import AsyncWebSocketSession, WebSocketDisconnect, WebSocketUpgradeError, aconnect_ws
from pycrdt import Doc, Map, YMessageType, YSyncMessageType, read_message

from kam_tui.cli.main import main
from kam_tui.sync.client import ExchangeReport, exchange, http_url

if TYPE_CHECKING:
    from sync.conftest import Room, SyncServer

TIMEOUT = 20.0


def records(doc: Doc[Any]) -> dict[str, Any]:
    """The test documents' one map, as plain data."""
    return dict(doc.get("records", type=Map).to_py() or {})


def doc_with(**values: str) -> Doc[Any]:
    """A document whose map holds `values`."""
    doc: Doc[Any] = Doc()
    doc["records"] = Map()
    for key, value in values.items():
        doc.get("records", type=Map)[key] = value
    return doc


def token_of(server: SyncServer) -> str:
    return server.token_file.read_text(encoding="utf-8").strip()


async def first_message(url: str, headers: dict[str, str]) -> bytes:
    """The first message the server sends on a websocket opened without our client."""
    websocket: AsyncWebSocketSession
    async with (
        httpx.AsyncClient(trust_env=False) as client,
        aconnect_ws(http_url(url), client, headers=headers) as websocket,
    ):
        return bytes(await websocket.receive_bytes(timeout=TIMEOUT))


def test_a_wrong_token_is_refused_and_the_document_is_unchanged(room: Room) -> None:
    assert exchange(doc_with(there="on the server"), room.url, room.token).covered
    laptop = doc_with(mine="kept here")
    state = laptop.get_state()

    report = exchange(laptop, room.url, "not-the-token", timeout=TIMEOUT)

    assert not report.covered
    assert "403" in report.error
    assert (report.rounds, report.bytes_up, report.bytes_down) == (1, 0, 0)
    assert laptop.get_state() == state
    assert records(laptop) == {"mine": "kept here"}
    assert "wrong token" in room.server.log()
    assert "not-the-token" not in room.server.log()


def test_a_missing_token_is_refused_before_the_websocket_opens(room: Room) -> None:
    with pytest.raises(BaseException) as raised:
        anyio.run(first_message, room.url, {})
    refusals = (
        raised.value.exceptions if isinstance(raised.value, BaseExceptionGroup) else [raised.value]
    )
    assert any(
        isinstance(error, WebSocketUpgradeError) and error.response.status_code == 403
        for error in refusals
    )
    assert "no token" in room.server.log()


def test_a_path_that_names_no_room_is_refused(room: Room) -> None:
    url = room.url + "/sub"
    with pytest.raises(BaseException) as raised:
        anyio.run(first_message, url, {"Authorization": f"Bearer {room.token}"})
    refusals = (
        raised.value.exceptions if isinstance(raised.value, BaseExceptionGroup) else [raised.value]
    )
    assert any(
        isinstance(error, WebSocketUpgradeError) and error.response.status_code == 403
        for error in refusals
    )
    assert "no such room" in room.server.log()


def test_the_token_in_the_query_opens_the_room(room: Room) -> None:
    message = anyio.run(first_message, f"{room.url}?token={room.token}", {})
    # The server's first message: sync step 1 with its (empty) state vector.
    assert message == bytes([YMessageType.SYNC, YSyncMessageType.SYNC_STEP1, 1, 0])


def test_a_server_killed_after_an_exchange_keeps_everything(sync_server: SyncServer) -> None:
    token = token_of(sync_server)
    laptop = doc_with(acme="Acme GmbH", beta="Beta AG")
    assert exchange(laptop, sync_server.url, token).covered
    laptop.get("records", type=Map)["acme"] = "Acme Holding GmbH"
    assert exchange(laptop, sync_server.url, token).covered

    sync_server.kill()
    sync_server.start()

    fresh: Doc[Any] = Doc()
    report = exchange(fresh, sync_server.url, token, timeout=TIMEOUT)
    assert report.covered
    assert records(fresh) == {"acme": "Acme Holding GmbH", "beta": "Beta AG"}
    # The laptop finds the restarted server holding all it has: one connection.
    assert exchange(laptop, sync_server.url, token, timeout=TIMEOUT).rounds == 1


def test_sigterm_stops_the_server_cleanly_with_its_store_written(sync_server: SyncServer) -> None:
    token = token_of(sync_server)
    assert exchange(doc_with(acme="Acme GmbH"), sync_server.url, token).covered

    assert sync_server.stop() == 0
    assert "stopped" in sync_server.log()
    # Only the server's owner may read what it stores.
    assert stat.S_IMODE(sync_server.data.stat().st_mode) == 0o700
    assert stat.S_IMODE((sync_server.data / "rooms.sqlite").stat().st_mode) == 0o600

    sync_server.start()
    fresh: Doc[Any] = Doc()
    assert exchange(fresh, sync_server.url, token, timeout=TIMEOUT).covered
    assert records(fresh) == {"acme": "Acme GmbH"}


def test_tls_with_a_self_signed_certificate(tmp_path: Path, self_signed: tuple[Path, Path]) -> None:
    from sync.conftest import SyncServer

    server = SyncServer(tmp_path, tls=self_signed)
    server.start()
    try:
        assert server.url.startswith("wss://")
        laptop = doc_with(acme="Acme GmbH")
        trusted = exchange(
            laptop, server.url, token_of(server), timeout=TIMEOUT, ca_file=str(self_signed[0])
        )
        untrusted = exchange(doc_with(), server.url, token_of(server), max_tries=1)
    finally:
        server.kill()
    assert trusted.covered, trusted.error
    assert not untrusted.covered
    assert "CERTIFICATE_VERIFY_FAILED" in untrusted.error


@pytest.fixture
def token_file(tmp_path: Path) -> Path:
    path = tmp_path / "token"
    path.write_text("secret\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def test_an_address_other_machines_reach_needs_tls(
    tmp_path: Path, token_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: were the refusal missing, the
    # server could not listen there either, and the exit status would say so (1, not 2).
    command = ["sync", "serve", "--data", str(tmp_path / "data"), "--host", "192.0.2.1"]
    command += ["--token-file", str(token_file)]
    assert main(command) == 2
    assert "refusing to listen on 192.0.2.1 without TLS" in capsys.readouterr().err
    assert main([*command, "--insecure"]) == 1
    assert "cannot listen on 192.0.2.1" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "mode", "problem"),
    [
        (None, 0o600, "no such file"),
        ("  \n", 0o600, "empty"),
        ("secret\n", 0o644, "other users may read or write it (mode 0644); run chmod 600 on it"),
    ],
)
def test_a_token_file_that_cannot_be_trusted_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    mode: int,
    problem: str,
) -> None:
    path = tmp_path / "token"
    if content is not None:
        path.write_text(content, encoding="utf-8")
        path.chmod(mode)
    status = main(["sync", "serve", "--data", str(tmp_path / "data"), "--token-file", str(path)])
    assert status == 2
    assert capsys.readouterr().err == f"kam: token file {path}: {problem}\n"
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_a_stop_signal_closes_open_connections_as_going_away(
    sync_server: SyncServer, stop_signal: signal.Signals
) -> None:
    process = sync_server.process
    assert process is not None

    async def hold_a_connection() -> int:
        websocket: AsyncWebSocketSession
        async with (
            httpx.AsyncClient(trust_env=False) as client,
            aconnect_ws(
                http_url(f"{sync_server.url}?token={token_of(sync_server)}"), client
            ) as websocket,
        ):
            await websocket.receive_bytes(timeout=TIMEOUT)
            process.send_signal(stop_signal)
            try:
                await websocket.receive_bytes(timeout=TIMEOUT)
            except WebSocketDisconnect as disconnect:
                return disconnect.code
            return 0

    assert anyio.run(hold_a_connection) == 1001
    assert process.wait(timeout=TIMEOUT) == 0
    assert "Traceback" not in sync_server.log()


def test_a_change_is_broadcast_to_the_other_clients_not_back_to_its_sender(
    room: Room,
) -> None:
    laptop = doc_with(**{f"account-{number}": "z" * 40 for number in range(100)})

    async def watch_while_the_laptop_exchanges() -> tuple[bytes, ExchangeReport]:
        websocket: AsyncWebSocketSession
        async with (
            httpx.AsyncClient(trust_env=False) as client,
            aconnect_ws(
                http_url(room.url),
                client,
                headers={"Authorization": f"Bearer {room.token}"},
            ) as websocket,
        ):
            await websocket.receive_bytes(timeout=TIMEOUT)
            report = await anyio.to_thread.run_sync(lambda: exchange(laptop, room.url, room.token))
            return bytes(await websocket.receive_bytes(timeout=TIMEOUT)), report

    broadcast, report = anyio.run(watch_while_the_laptop_exchanges)

    assert broadcast[:2] == bytes([YMessageType.SYNC, YSyncMessageType.SYNC_UPDATE])
    watcher: Doc[Any] = Doc()
    watcher.apply_update(read_message(broadcast[2:]))
    assert records(watcher) == records(laptop)
    assert report.covered
    # 100 values of 40 characters went up; what came down is the empty server's two sync
    # messages and the verification's state vector, not the upload again.
    assert report.bytes_up > 4_000
    assert report.bytes_down < 100
