"""The team server's rooms: each loaded from the SQLite store before its first client,
and every change it takes in committed there before a client can read the room's state."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from logging import Logger
from pathlib import Path
from typing import Any

import anyio
from pycrdt import (
    Channel,
    Doc,
    Subscription,
    TransactionEvent,
    YMessageType,
    YSyncMessageType,
    create_update_message,
    read_message,
)
from pycrdt.store import SQLiteYStore, YDocNotFound
from pycrdt.websocket import WebsocketServer, YRoom

ROOM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""A room's name: the path of its URL without the slash (`/kam` is the room `kam`)."""

DATABASE_NAME = "rooms.sqlite"
"""The SQLite file in the server's data folder that holds every room's updates."""

EMPTY_UPDATE = b"\x00\x00"


def room_name_of(path: str) -> str | None:
    """The room named by a URL path, or None when the path names no valid room."""
    name = path.removeprefix("/")
    return name if ROOM_NAME.fullmatch(name) else None


class RoomStore:
    """One room's document and its SQLite store: what the document takes in is written
    before anything else happens in the room.

    pycrdt-websocket's `WebsocketServer` creates rooms without a store, and its `YRoom`
    writes to one in a background task, after the change is already served: a state vector
    a client reads could count a change the store does not hold. Here the document is loaded
    and observed before any client can reach it (no gap between the snapshot and the
    subscription), an incoming update is applied and written under the room's lock, and a
    new client is served only once that lock is free, so the state it reads is durable.
    """

    def __init__(self, name: str, database: Path, log: Logger) -> None:
        self.name = name
        self.doc: Doc[Any] = Doc()
        self.lock = anyio.Lock()
        """Held while an update is applied and written; a new client waits for it."""
        self._log = log
        self._store = SQLiteYStore(path=name, log=log)
        self._store.db_path = str(database)
        self._unwritten: list[bytes] = []
        self._subscription: Subscription | None = None
        self.sender: RoomClient | None = None
        """The client whose message is being taken in (set as the room reads it)."""

    async def open(self, start: Callable[..., Awaitable[object]]) -> None:
        """Start the store with `start` (a task group's `start`), load the room's document
        from it, then observe the document, with nothing in between that could change it."""
        await start(self._store.start)
        try:
            await self._store.apply_updates(self.doc)
        except YDocNotFound:
            self._log.info("room %s: new, nothing stored yet", self.name)
        self._subscription = self.doc.observe(self._collect)

    def _collect(self, event: TransactionEvent) -> None:
        """Keep each change the document takes in, to be written by `_write_unwritten`."""
        self._unwritten.append(event.update)

    async def take_message(self, message: bytes) -> bool:
        """The room's message hook: an update (sync step 2 or update message) is applied and
        committed to the store here, under the room's lock. Returns True when the message
        was handled (the room then skips it)."""
        sender, self.sender = self.sender, None
        if len(message) < 2 or message[0] != YMessageType.SYNC:
            return False
        if message[1] not in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
            return False
        update = read_message(message[2:])
        async with self.lock:
            if update != EMPTY_UPDATE:
                already = len(self._unwritten)
                self.doc.apply_update(update)
                if sender is not None:
                    for change in self._unwritten[already:]:
                        sender.skip_echo_of(change)
            await self._write_unwritten()
        return True

    async def _write_unwritten(self) -> None:
        """Write the changes the document took in since the last write, oldest first."""
        while self._unwritten:
            await self._store.write(self._unwritten[0])
            del self._unwritten[0]

    async def close(self) -> None:
        """Write what is left, then stop observing and close the store."""
        async with self.lock:
            await self._write_unwritten()
        if self._subscription is not None:
            self.doc.unobserve(self._subscription)
            self._subscription = None
        if self._store.started.is_set():
            await self._store.stop()


class RoomClient:
    """A client's channel in a room: the room's broadcast of a change this client sent
    is not sent back to it (it holds the change already; the echo would double what an
    upload costs)."""

    def __init__(self, channel: Channel, room_store: RoomStore) -> None:
        self._channel = channel
        self._room_store = room_store
        self._echoes: set[bytes] = set()

    @property
    def path(self) -> str:
        return self._channel.path

    def __aiter__(self) -> RoomClient:
        return self

    async def __anext__(self) -> bytes:
        message = await self._channel.__anext__()
        # The room hands the message to `RoomStore.take_message` before it awaits anything.
        self._room_store.sender = self
        return message

    async def recv(self) -> bytes:
        return await self._channel.recv()

    def skip_echo_of(self, change: bytes) -> None:
        """Do not send this change back when the room broadcasts it."""
        self._echoes.add(create_update_message(change))

    async def send(self, message: bytes) -> None:
        if message in self._echoes:
            self._echoes.discard(message)
            return
        await self._channel.send(message)


class StoredRoomServer(WebsocketServer):
    """pycrdt-websocket's server, its rooms loaded from and written to one SQLite file.

    Rooms stay open while the server runs (a team has one document; reloading it for each
    laptop would cost a full load each time).
    """

    def __init__(self, database: Path, log: Logger) -> None:
        super().__init__(
            rooms_ready=True,
            auto_clean_rooms=False,
            exception_handler=self._log_exception,
            log=log,
        )
        self.database = database
        self.room_stores: dict[str, RoomStore] = {}
        self._opening = anyio.Lock()

    @staticmethod
    def _log_exception(exception: Exception, log: Logger) -> bool:
        """Log a room's or a connection's failure and keep serving the others."""
        log.error("sync server: %s", exception, exc_info=exception)
        return True

    async def get_room(self, name: str) -> YRoom:
        """The room `name`, loaded from the store and started the first time it is asked
        for. Both happen under one lock: `WebsocketServer` starts a room outside its
        creation, and a second client arriving while the first start is under way would
        wait for the room's start lock, held as long as the room runs."""
        async with self._opening:
            if name not in self.rooms:
                if self._task_group is None:
                    raise RuntimeError("the sync server is not running")
                room_store = RoomStore(name, self.database, self.log)
                await room_store.open(self._task_group.start)
                room = YRoom(
                    ready=True,
                    ydoc=room_store.doc,
                    exception_handler=self._log_exception,
                    log=self.log,
                )
                room.on_message = room_store.take_message
                room.on_message_error = self._message_failed
                self.room_stores[name] = room_store
                self.rooms[name] = room
            room = self.rooms[name]
            await self.start_room(room)
        return room

    def _message_failed(self, error: Exception, message: bytes, channel: Channel) -> bool:
        """Log a message the room could not take (a malformed update) and go on."""
        self.log.warning("room %s: a message was refused: %s", channel.path, error)
        return True

    async def serve(self, websocket: Channel) -> None:
        """Serve one client in the room named by its path, once the room's last update is
        written (so the state vector the client first reads is in the store)."""
        try:
            room = await self.get_room(websocket.path)
            room_store = self.room_stores[websocket.path]
            async with room_store.lock:
                pass
            await room.serve(RoomClient(websocket, room_store))
        except Exception as exception:
            self._log_exception(exception, self.log)

    async def close_rooms(self) -> None:
        """Stop every room and close its store (its changes are all written)."""
        for name in list(self.rooms):
            await self.delete_room(name=name)
        for room_store in self.room_stores.values():
            await room_store.close()
        self.room_stores.clear()
