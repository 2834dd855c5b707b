"""State vectors decoded by hand and compared: what "covered" means."""

from __future__ import annotations

from typing import Any

import pytest
from pycrdt import Doc, Map

from kam_tui.sync.state_vectors import StateVectorError, covers, decode_state_vector


def test_a_state_vector_is_a_count_then_client_and_clock_pairs() -> None:
    # 2 entries: client 5 at clock 3; client 300 (0xAC 0x02 in LEB128) at clock 1.
    assert decode_state_vector(bytes([2, 5, 3, 0xAC, 0x02, 1])) == {5: 3, 300: 1}
    assert decode_state_vector(b"\x00") == {}


@pytest.mark.parametrize("broken", [b"", bytes([1, 5]), bytes([1, 0x80]), bytes([0, 7])])
def test_a_malformed_state_vector_is_refused(broken: bytes) -> None:
    with pytest.raises(StateVectorError):
        decode_state_vector(broken)


def test_covered_means_every_client_at_least_as_far() -> None:
    server = bytes([2, 5, 3, 7, 9])
    assert covers(server, bytes([1, 5, 3]))
    assert covers(server, bytes([2, 7, 2, 5, 1]))
    assert covers(server, b"\x00")
    assert not covers(server, bytes([1, 5, 4]))
    assert not covers(server, bytes([1, 8, 1]))


def test_a_document_covers_itself_and_not_its_own_next_edit() -> None:
    doc: Doc[Any] = Doc()
    doc["records"] = Map()
    doc.get("records", type=Map)["acme"] = "Acme GmbH"
    before = doc.get_state()
    doc.get("records", type=Map)["acme"] = "Acme Holding"

    assert decode_state_vector(doc.get_state()) == {doc.client_id: 2}
    assert covers(doc.get_state(), before)
    assert not covers(before, doc.get_state())
