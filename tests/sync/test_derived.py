"""Derived values after a change from the team: the last contact follows the app's own rule
(kam_tui.domain.rules), the satisfaction arrives as its author's laptop followed it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sync_laptops import Laptop, World, by_gid, exchange

from kam_tui.domain.models import Account, Activity
from kam_tui.sync.conflicts import FieldConflict


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    world = World()
    ann = Laptop(tmp_path, "ann", world)
    bob = Laptop(tmp_path, "bob", world)
    yield ann, bob
    ann.close()
    bob.close()


def shared_account(ann: Laptop, bob: Laptop) -> tuple[Account, Account]:
    """An account made by ann and received by bob: (ann's, bob's)."""
    ann.world.advance()
    acme = ann.repo.save(Account(name="Acme", status="Contacted", lifecycle="New"))
    exchange(ann, bob)
    return acme, bob.repo.accounts()[0]


def log(laptop: Laptop, account: Account, day: date, score: int | None) -> None:
    laptop.world.advance(1000)
    laptop.repo.log_activity(
        Activity(account_id=account.id, kind="call", day=day, summary="x", satisfaction=score)
    )


def test_a_remote_scored_activity_moves_the_satisfaction_and_the_last_contact(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    acme, there = shared_account(ann, bob)
    assert there.satisfaction is None
    log(ann, acme, date(2026, 11, 18), 9)
    exchange(ann, bob)
    there = bob.repo.accounts()[0]
    assert (there.satisfaction, there.last_contact) == (9, date(2026, 11, 18))
    log(ann, acme, date(2026, 11, 20), 4)
    exchange(ann, bob)
    there = bob.repo.accounts()[0]
    assert (there.satisfaction, there.last_contact) == (4, date(2026, 11, 20))
    assert by_gid(ann) == by_gid(bob)


def test_a_later_day_of_the_account_s_own_stays_as_the_local_rule_keeps_it(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    acme, there = shared_account(ann, bob)
    bob.repo.save(replace(there, last_contact=date(2026, 12, 20)))  # e.g. imported
    log(ann, acme, date(2026, 11, 18), None)
    exchange(ann, bob)
    assert bob.repo.accounts()[0].last_contact == date(2026, 12, 20)
    log(ann, acme, date(2026, 12, 22), None)
    exchange(ann, bob)
    assert bob.repo.accounts()[0].last_contact == date(2026, 12, 22)


def test_two_laptops_scoring_at_once_end_with_the_same_satisfaction(
    pair: tuple[Laptop, Laptop],
) -> None:
    ann, bob = pair
    acme, there = shared_account(ann, bob)
    log(bob, there, date(2026, 11, 12), 9)
    log(ann, acme, date(2026, 11, 10), 3)  # later in time, an earlier day
    exchange(ann, bob)
    exchange(ann, bob)
    mine, theirs = ann.repo.accounts()[0], bob.repo.accounts()[0]
    # The newest edit wins, as for any field, and bob is shown what replaced his score.
    assert mine.satisfaction == theirs.satisfaction == 3
    assert mine.last_contact == theirs.last_contact == date(2026, 11, 12)
    assert by_gid(ann) == by_gid(bob)
    lost = [c for c in bob.conflicts if isinstance(c, FieldConflict)]
    assert [(c.field, c.mine, c.theirs) for c in lost] == [("satisfaction", 9, 3)]
