"""Global ids: a record's name across every laptop of a team, "<origin>:<table>:<id>"."""

from __future__ import annotations

import base64
import re
import secrets

ORIGIN_LENGTH = 12
"""Base32 characters of a store's origin id: 60 random bits, so two stores of a team (or of
every team there is) practically never draw the same one."""
_ORIGIN = re.compile(r"[A-Z2-7]{12}")
_GID = re.compile(r"([A-Z2-7]{12}):([a-z_]+):([1-9][0-9]*)")


def new_origin() -> str:
    """A fresh random origin id for a store (12 base32 characters)."""
    return base64.b32encode(secrets.token_bytes(8)).decode("ascii")[:ORIGIN_LENGTH]


def is_origin(text: object) -> bool:
    """True when `text` is an origin id as `new_origin` makes them."""
    return isinstance(text, str) and _ORIGIN.fullmatch(text) is not None


def local_gid(origin: str, table: str, record_id: int) -> str:
    """The global id of a record made in the store of `origin`, with its id there."""
    return f"{origin}:{table}:{record_id}"


def parse_gid(gid: str) -> tuple[str, str, int] | None:
    """(origin, table, id) of a global id; None when `gid` is not one."""
    match = _GID.fullmatch(gid)
    if match is None:
        return None
    return match[1], match[2], int(match[3])


def gid_of(table: str, record_id: int, kept: str, origin: str) -> str:
    """A record's global id: the one it came with from another laptop (`kept`, its `gid`
    field), else the one it has as a record of this store."""
    return kept or local_gid(origin, table, record_id)
