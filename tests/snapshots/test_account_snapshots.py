"""Snapshots of the account detail screen and its forms on the demo portfolio, fixed clock."""

from __future__ import annotations

from typing import Any

import pytest
from deal_records import add_deals
from kam_testing import SIZES, RunBefore, SnapCompare, make_app, settle
from textual.pilot import Pilot

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.app import KamApp

TAILSPIN = 4
"""A key account, overdue for contact, with three stakeholders and three activities."""
CONTOSO = 2
"""An account whose stakeholder map misses a decision maker and an executive."""


def open_account(account_id: int, tab: str | None = None, *keys: str) -> RunBefore:
    """Open an account on `tab`, press `keys`, and settle the screen for a stable shot."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, KamApp)
        app.open_account(account_id, tab)
        await settle(pilot, *keys)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_overview(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, terminal_size=size, run_before=open_account(TAILSPIN))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_stakeholder_tree(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, terminal_size=size, run_before=open_account(CONTOSO, "contacts", "j"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_activity_timeline(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, terminal_size=size, run_before=open_account(TAILSPIN, "activities"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_account_form(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, terminal_size=size, run_before=open_account(TAILSPIN, None, "e"))


def test_account_form_refusing_invalid_input(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """An emptied name and text in a money field, refused inline after ctrl+s."""
    keys = ["e", "end", "ctrl+u"]
    keys += ["tab"] * 6 + ["end", "ctrl+u", *"abc", "ctrl+s"]
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_account(TAILSPIN, None, *keys))


def test_contact_form(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=open_account(TAILSPIN, "contacts", "j", "e")
    )


def test_activity_form(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_account(TAILSPIN, None, "a"))


def test_activity_form_in_a_light_theme(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """The focused field (the summary) stands out: its label bold in the accent colour, its
    editor on an accent background."""
    app = make_app(demo_repo, settings, clock)
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_account(TAILSPIN, None, "a"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_deals_tab(
    snap_compare: SnapCompare,
    demo_repo: Repository,
    settings: Settings,
    clock: Clock,
    size: tuple[int, int],
) -> None:
    """Five deals of Tailspin: open ones first (one late), then a win and a loss, summed."""
    add_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(app, terminal_size=size, run_before=open_account(TAILSPIN, "deals", "j"))


def test_deal_form(
    snap_compare: SnapCompare, demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """A new deal's form with its defaults (today, open, the account's status and manager)."""
    add_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=open_account(TAILSPIN, "deals", "n")
    )
