"""Yjs state vectors read as {client id: clock}, and whether one covers another: what
"synced" means (the server holds every change this replica made or received)."""

from __future__ import annotations


class StateVectorError(ValueError):
    """The bytes are not an encoded Yjs state vector."""


def _read_var_uint(data: bytes, position: int) -> tuple[int, int]:
    """The unsigned LEB128 number at `position` and the position after it."""
    number = 0
    shift = 0
    while True:
        if position >= len(data):
            raise StateVectorError("the state vector ends inside a number")
        byte = data[position]
        position += 1
        number |= (byte & 0x7F) << shift
        if byte < 0x80:
            return number, position
        shift += 7


def decode_state_vector(data: bytes) -> dict[int, int]:
    """The clocks of an encoded state vector (a count, then client id and clock pairs): the
    number of changes of each client that the document holds."""
    count, position = _read_var_uint(data, 0)
    clocks: dict[int, int] = {}
    for _ in range(count):
        client, position = _read_var_uint(data, position)
        clock, position = _read_var_uint(data, position)
        clocks[client] = clock
    if position != len(data):
        raise StateVectorError("bytes left after the state vector")
    return clocks


def covers(server_state: bytes, own_state: bytes) -> bool:
    """True when the document whose state is `server_state` holds every change counted in
    `own_state` (each client's clock at least as far).

    A state vector counts inserted content only: deletions travel in every exchange's
    delete set and are not part of this check.
    """
    server = decode_state_vector(server_state)
    return all(
        server.get(client, 0) >= clock for client, clock in decode_state_vector(own_state).items()
    )
