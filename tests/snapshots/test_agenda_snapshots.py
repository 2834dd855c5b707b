"""Snapshots of the contact agenda on the demo portfolio with three planned contacts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from kam_testing import SIZES, SnapCompare, keys, make_app

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository

PLANNED = {
    4: (date(2026, 11, 21), "visit"),  # Tailspin Airlines, Saturday
    2: (date(2026, 11, 20), "call"),  # Contoso Pharma, today (Friday)
    1: (date(2026, 11, 22), ""),  # Sunday, any kind
}
"""Account id -> the planned next contact, in the demo's week of 16-22 November 2026."""


def plan_contacts(repo: Repository) -> None:
    """Plan the contacts of PLANNED in the store."""
    with repo.change("Planned contacts") as change:
        for account_id, (day, kind) in PLANNED.items():
            account = repo.account(account_id)
            assert account is not None
            change.save(replace(account, next_contact=day, next_contact_kind=kind))
    repo.wait_saved(10)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_agenda(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    plan_contacts(demo_repo)
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, terminal_size=size, run_before=keys("A"))
