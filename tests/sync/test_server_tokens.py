"""Where the server finds a client's token, and how it compares it."""

from __future__ import annotations

from typing import Any

import pytest

from kam_tui.sync.rooms import room_name_of
from kam_tui.sync.server import is_loopback, offered_token
from kam_tui.sync.tokens import token_matches


def scope(headers: list[tuple[bytes, bytes]], query: bytes = b"") -> dict[str, Any]:
    return {"headers": headers, "query_string": query}


def test_the_token_comes_from_a_bearer_header_else_the_query() -> None:
    assert offered_token(scope([(b"authorization", b"Bearer abc")])) == "abc"
    assert offered_token(scope([(b"Authorization", b"bearer  abc ")])) == "abc"
    assert offered_token(scope([], b"room=1&token=xyz")) == "xyz"
    assert offered_token(scope([(b"authorization", b"Bearer h")], b"token=q")) == "h"
    assert offered_token(scope([(b"authorization", b"Basic dXNlcjpwdw==")])) is None
    assert offered_token(scope([])) is None


def test_tokens_match_only_when_equal() -> None:
    assert token_matches("s3cret", "s3cret")
    assert not token_matches("s3cre", "s3cret")
    assert not token_matches("", "s3cret")
    assert not token_matches(None, "s3cret")
    assert token_matches("clé", "clé")


@pytest.mark.parametrize(
    ("path", "room"),
    [
        ("/kam", "kam"),
        ("/team-1.doc_2", "team-1.doc_2"),
        ("/", None),
        ("/a/b", None),
        ("/../x", None),
        ("/" + "x" * 65, None),
        ("/.hidden", None),
    ],
)
def test_a_room_is_named_by_its_path(path: str, room: str | None) -> None:
    assert room_name_of(path) == room


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("::", False),
        ("sync.example", False),
    ],
)
def test_only_loopback_addresses_count_as_local(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
