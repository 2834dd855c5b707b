"""The laptop's exchange through a real `kam sync serve`: documents converge, a late one
gets everything, nothing received is sent back, and a connection cut mid-exchange (the
server killed and restarted) ends verified after a retry."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import pytest
from pycrdt import Doc, Map

from kam_tui.sync.client import REMOTE_ORIGIN, exchange

if TYPE_CHECKING:
    from sync.conftest import DroppingProxy, Room, SyncServer

TIMEOUT = 20.0
"""The client's bound on each wait for the server."""


def records(doc: Doc[Any]) -> dict[str, Any]:
    """The test documents' one map, as plain data."""
    return dict(doc.get("records", type=Map).to_py() or {})


def doc_with(**values: str) -> Doc[Any]:
    """A document whose map holds `values`, each set in a transaction of its own."""
    doc: Doc[Any] = Doc()
    doc["records"] = Map()
    for key, value in values.items():
        doc.get("records", type=Map)[key] = value
    return doc


def test_two_laptops_converge_and_a_third_gets_everything(room: Room) -> None:
    first = doc_with(acme="Acme GmbH", beta="Beta AG")
    second = doc_with(gamma="Gamma SA")

    one = exchange(first, room.url, room.token)
    two = exchange(second, room.url, room.token)
    again = exchange(first, room.url, room.token)

    assert (one.covered, two.covered, again.covered) == (True, True, True)
    assert (one.error, two.error, again.error) == ("", "", "")
    expected = {"acme": "Acme GmbH", "beta": "Beta AG", "gamma": "Gamma SA"}
    assert records(first) == records(second) == expected
    # The first exchange sent something new: a second connection verified it. The last one
    # found the server already holding all of `first`: one connection.
    assert (one.rounds, again.rounds) == (2, 1)
    late: Doc[Any] = Doc()
    assert exchange(late, room.url, room.token).covered
    assert records(late) == expected


def test_what_came_from_the_server_is_not_sent_back(room: Room) -> None:
    token = room.token
    big = doc_with(**{f"account-{number}": "x" * 40 for number in range(1000)})
    assert exchange(big, room.url, token).covered
    laptop = doc_with(own="one edit")

    report = exchange(laptop, room.url, token)

    assert report.covered
    assert len(records(laptop)) == 1001
    # 1,000 values of 40 characters came down; what went up is the laptop's one edit and
    # the protocol's framing (an echo would send the 40,000 characters back).
    assert report.bytes_down > 40_000
    assert report.bytes_up < 1_000


@pytest.mark.parametrize("server_killed", [True, False], ids=["server-killed", "connection-cut"])
def test_a_cut_mid_exchange_ends_covered_after_a_retry(
    sync_server: SyncServer, proxies: list[DroppingProxy], server_killed: bool
) -> None:
    from sync.conftest import DroppingProxy

    token = sync_server.token_file.read_text().strip()

    def kill_and_restart() -> None:
        if server_killed:
            sync_server.kill()
            sync_server.start()

    proxy = DroppingProxy(lambda: sync_server.port, 20_000, kill_and_restart)
    proxies.append(proxy)
    laptop = doc_with(**{f"account-{number}": "y" * 40 for number in range(2000)})

    report = exchange(
        laptop, f"ws://127.0.0.1:{proxy.port}/kam", token, timeout=TIMEOUT, max_tries=10
    )

    assert proxy.dropped.is_set()
    assert report.covered, report.error
    # The cut connection, then at least one whole exchange and its verification.
    assert report.rounds >= 3
    # The restarted server kept what the retry sent: a fresh laptop gets all of it.
    fresh: Doc[Any] = Doc()
    assert exchange(fresh, sync_server.url, token, timeout=TIMEOUT).covered
    assert records(fresh) == records(laptop)
    assert len(records(fresh)) == 2000


def test_what_comes_from_the_server_is_applied_under_the_remote_origin(
    room: Room,
) -> None:
    token = room.token
    assert exchange(doc_with(acme="Acme GmbH"), room.url, token).covered
    laptop = doc_with()
    origins: list[object] = []
    shared = laptop.get("records", type=Map)
    subscription = shared.observe(lambda event: origins.append(event.transaction.origin))

    assert exchange(laptop, room.url, token).covered

    assert origins == [REMOTE_ORIGIN]
    shared.unobserve(subscription)


def test_laptops_exchanging_at_the_same_time_all_end_equal(room: Room) -> None:
    laptops = [
        doc_with(**{f"laptop-{number}-account-{account}": f"v{account}" for account in range(50)})
        for number in range(4)
    ]
    with ThreadPoolExecutor(max_workers=len(laptops)) as pool:
        first = list(pool.map(lambda doc: exchange(doc, room.url, room.token), laptops))
    second = [exchange(doc, room.url, room.token) for doc in laptops]

    assert all(report.covered for report in first + second)
    # Each laptop's first exchange needed no retry: one connection and its verification
    # (a laptop kept waiting for a room another was starting would have timed out first).
    assert [report.rounds for report in first] == [2, 2, 2, 2]
    assert [len(records(doc)) for doc in laptops] == [200, 200, 200, 200]
    assert all(records(doc) == records(laptops[0]) for doc in laptops)


def test_an_exchange_with_nothing_new_sends_no_delete_set(room: Room) -> None:
    first, second = doc_with(), doc_with()
    for number in range(12):  # interleaved overwrites: deletions on both
        doc = first if number % 2 else second
        doc.get("records", type=Map)[f"key-{number % 7}"] = f"value {number}"
        assert exchange(doc, room.url, room.token).covered
    assert exchange(second, room.url, room.token).covered
    assert records(first) == records(second)

    quiet = exchange(first, room.url, room.token)

    # One connection: the server's state vector (its first message) equals the document's,
    # so nothing is sent and nothing asked for (each diff would carry a delete set).
    assert (quiet.covered, quiet.rounds, quiet.bytes_up) == (True, 1, 0)
    assert quiet.bytes_down < 100
    first.get("records", type=Map)["key-0"] = "after the quiet one"
    assert exchange(first, room.url, room.token).covered
    assert exchange(second, room.url, room.token).covered
    assert records(second)["key-0"] == "after the quiet one"
