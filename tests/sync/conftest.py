"""Fixtures of the sync tests: `kam sync serve` run as a subprocess on a free loopback port
with a token file, a self-signed certificate, and a proxy that drops a connection."""

from __future__ import annotations

import contextlib
import re
import select
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TOKEN = "team-token-7f3a9c"
"""The token of the test servers."""

START_SECONDS = 60.0
"""The bound on a server's start (the machine is shared; a start normally takes well
under a second)."""

LISTENING = re.compile(r"listening on (wss?)://127\.0\.0\.1:(\d+)/")


class SyncServer:
    """`kam sync serve` on 127.0.0.1 as a subprocess: started on a free port, restarted on
    the same one, stopped by SIGTERM or killed by SIGKILL."""

    def __init__(self, folder: Path, *, tls: tuple[Path, Path] | None = None) -> None:
        self.folder = folder
        self.data = folder / "server-data"
        self.token_file = folder / "token"
        self.token_file.write_text(TOKEN + "\n", encoding="utf-8")
        self.token_file.chmod(0o600)
        self.tls = tls
        self.port = 0
        self.process: subprocess.Popen[str] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        """The team room's address."""
        return f"{'wss' if self.tls else 'ws'}://127.0.0.1:{self.port}/kam"

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "kam_tui", "sync", "serve", "--data", str(self.data)]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--token-file", str(self.token_file)]
        if self.tls is not None:
            command += ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])]
        return command

    def start(self) -> None:
        """Start the server and wait until it listens (it prints its address once its
        socket accepts connections)."""
        assert self.process is None
        self.starts += 1
        log = (self.folder / f"server-{self.starts}.log").open("w", encoding="utf-8")
        with log:
            self.process = subprocess.Popen(
                self.command(), stdout=subprocess.PIPE, stderr=log, text=True
            )
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], START_SECONDS)
        line = self.process.stdout.readline() if ready else ""
        found = LISTENING.search(line)
        if found is None:
            self.kill()
            raise AssertionError(f"the server did not start: {line!r}, log: {self.log()}")
        self.port = int(found.group(2))

    def log(self) -> str:
        """What the server logged (its last start)."""
        return (self.folder / f"server-{self.starts}.log").read_text(encoding="utf-8")

    def stop(self) -> int:
        """Stop the server with SIGTERM; returns its exit status."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=START_SECONDS)
        finally:
            self._forget()
        return status

    def kill(self) -> None:
        """Kill the server with SIGKILL (nothing of it runs after this)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self._forget()

    def _forget(self) -> None:
        assert self.process is not None
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None


@pytest.fixture
def sync_server(tmp_path: Path) -> Iterator[SyncServer]:
    """A running team server (plain websocket), killed after the test whatever happened."""
    server = SyncServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SyncServer]:
    """One team server for the tests that neither stop nor kill it; each test works in a
    room of its own (`room`)."""
    server = SyncServer(tmp_path_factory.mktemp("shared-server"))
    server.start()
    try:
        yield server
    finally:
        server.kill()


class Room:
    """A room of its own on the shared server, for one test."""

    def __init__(self, server: SyncServer, name: str) -> None:
        self.server = server
        self.url = server.url.replace("/kam", f"/{name}")
        self.token = TOKEN


@pytest.fixture
def room(shared_server: SyncServer, request: pytest.FixtureRequest) -> Room:
    """A fresh room on the shared server (named after the test)."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "-", request.node.name)[:60]
    return Room(shared_server, f"t-{name}")


@pytest.fixture
def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by openssl (the `cryptography`
    package is not installed)."""
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
        timeout=START_SECONDS,
    )
    return certificate, key


class DroppingProxy:
    """A TCP proxy on 127.0.0.1 in front of a server's port. The first connection is cut
    once it has carried `drop_after` bytes towards the server; `on_drop` runs then (before
    the client sees the cut). Later connections pass whole."""

    def __init__(
        self, upstream_port: Callable[[], int], drop_after: int, on_drop: Callable[[], None]
    ) -> None:
        self._upstream_port = upstream_port
        self._drop_after = drop_after
        self._on_drop = on_drop
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.connections = 0
        self.dropped = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            first = self.connections == 1
            try:
                server = socket.create_connection(("127.0.0.1", self._upstream_port()))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, server]
            limit = self._drop_after if first else None
            threading.Thread(target=self._pump, args=(client, server, limit), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, None), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, limit: int | None) -> None:
        carried = 0
        try:
            while chunk := source.recv(16384):
                if limit is not None and carried + len(chunk) > limit:
                    target.sendall(chunk[: limit - carried])
                    self.dropped.set()
                    self._on_drop()
                    break
                target.sendall(chunk)
                carried += len(chunk)
        except OSError:
            pass
        for end in (source, target):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def close(self) -> None:
        """Stop accepting and cut every connection."""
        # Shutting the listening socket down wakes the thread blocked in accept().
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            for end in self._sockets:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
        self._accepting.join(timeout=START_SECONDS)


@pytest.fixture
def proxies() -> Iterator[list[DroppingProxy]]:
    """Proxies a test opens, closed after it."""
    opened: list[DroppingProxy] = []
    yield opened
    for proxy in opened:
        proxy.close()
