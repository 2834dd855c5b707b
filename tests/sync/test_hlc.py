"""The hybrid logical clock: ordering, its string form, and the bound on a fast remote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kam_tui.domain.hlc import MAX_LEAD_MS, HybridClock, Stamp

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
NOW_MS = 1_795_167_000_000
"""NOW in ms since the epoch: 20,777 days of 86,400 s, plus 34,200 s (09:30)."""


class Wall:
    """A settable wall clock."""

    def __init__(self) -> None:
        self.moment = NOW

    def __call__(self) -> datetime:
        return self.moment


def test_the_fixture_moment_is_what_the_tests_assume() -> None:
    assert int(NOW.timestamp() * 1000) == NOW_MS


def test_ticks_follow_the_wall_clock_and_never_go_back() -> None:
    wall = Wall()
    clock = HybridClock(wall, "AAAAAAAAAAAA")
    assert clock.tick() == Stamp(NOW_MS, 0, "AAAAAAAAAAAA")
    assert clock.tick() == Stamp(NOW_MS, 1, "AAAAAAAAAAAA")
    wall.moment = NOW - timedelta(seconds=10)  # the wall clock was set back
    assert clock.tick() == Stamp(NOW_MS, 2, "AAAAAAAAAAAA")
    wall.moment = NOW + timedelta(milliseconds=5)
    assert clock.tick() == Stamp(NOW_MS + 5, 0, "AAAAAAAAAAAA")


def test_after_receiving_a_stamp_the_next_tick_sorts_after_it() -> None:
    clock = HybridClock(Wall(), "BBBBBBBBBBBB")
    remote = Stamp(NOW_MS + 2_000, 7, "ZZZZZZZZZZZZ")  # a laptop two seconds fast
    clock.receive(remote)
    stamp = clock.tick()
    assert stamp == Stamp(NOW_MS + 2_000, 8, "BBBBBBBBBBBB")
    assert stamp > remote
    clock.receive(Stamp(NOW_MS - 60_000, 0, "ZZZZZZZZZZZZ"))  # an old one changes nothing
    assert clock.tick() == Stamp(NOW_MS + 2_000, 9, "BBBBBBBBBBBB")


def test_a_stamp_a_day_ahead_moves_the_clock_only_by_the_bound() -> None:
    clock = HybridClock(Wall(), "BBBBBBBBBBBB")
    day_ahead = Stamp(NOW_MS + 86_400_000, 0, "ZZZZZZZZZZZZ")
    clock.receive(day_ahead)
    stamp = clock.tick()
    assert stamp == Stamp(NOW_MS + MAX_LEAD_MS, 1, "BBBBBBBBBBBB")
    assert stamp < day_ahead  # its edits still win clashes of that day (see the module)
    assert day_ahead.after("BBBBBBBBBBBB") == Stamp(NOW_MS + 86_400_000, 1, "BBBBBBBBBBBB")


def test_the_origin_breaks_ties_and_the_string_form_sorts_as_stamps_do() -> None:
    stamps = [
        Stamp(NOW_MS, 0, "BBBBBBBBBBBB"),
        Stamp(NOW_MS, 0, "AAAAAAAAAAAA"),
        Stamp(NOW_MS, 10, "AAAAAAAAAAAA"),
        Stamp(NOW_MS, 9, "ZZZZZZZZZZZZ"),
        Stamp(NOW_MS + 1, 0, "AAAAAAAAAAAA"),
        Stamp(999, 0, "ZZZZZZZZZZZZ"),
    ]
    assert sorted(str(s) for s in stamps) == [str(s) for s in sorted(stamps)]
    assert str(stamps[0]) == "0mwos2y80.000.BBBBBBBBBBBB"  # int("0mwos2y80", 36) == NOW_MS
    assert str(stamps[2]) == "0mwos2y80.00a.AAAAAAAAAAAA"
    assert Stamp.parse(str(stamps[2])) == stamps[2]


@pytest.mark.parametrize(
    "text", ["", "1.2.A", "0mwos2y8.000.A", "0mwos2y80.00A.A", "0mwos2y80.000."]
)
def test_a_malformed_stamp_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a hybrid-clock stamp"):
        Stamp.parse(text)


def test_a_full_counter_moves_on_to_the_next_millisecond() -> None:
    assert Stamp(5, 36**3 - 1, "A").after("B") == Stamp(6, 0, "B")
