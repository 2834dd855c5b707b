"""The team server's token: read from a file only its owner can read, and compared in
constant time."""

from __future__ import annotations

import hmac
import stat
from pathlib import Path


class TokenFileError(ValueError):
    """The token file cannot be used: the message names the file and what is wrong."""


def read_token_file(path: Path) -> str:
    """The token in `path` (surrounding white space stripped).

    Refused: a missing or unreadable file, an empty one, and one that other users may
    read or write (anyone on the machine could then join the team's data).
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise TokenFileError(f"token file {path}: no such file") from None
    except OSError as error:
        raise TokenFileError(f"token file {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        raise TokenFileError(f"token file {path}: not a regular file")
    if mode & (stat.S_IROTH | stat.S_IWOTH):
        raise TokenFileError(
            f"token file {path}: other users may read or write it "
            f"(mode {stat.S_IMODE(mode):04o}); run chmod 600 on it"
        )
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise TokenFileError(f"token file {path}: cannot be read ({error})") from None
    if not token:
        raise TokenFileError(f"token file {path}: empty")
    return token


def token_matches(offered: str | None, expected: str) -> bool:
    """True when `offered` is the token, compared in constant time."""
    if offered is None:
        return False
    return hmac.compare_digest(offered.encode("utf-8"), expected.encode("utf-8"))
