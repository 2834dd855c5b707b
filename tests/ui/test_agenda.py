"""The planned next contact and the contact agenda, driven by real keys, the store checked."""

from __future__ import annotations

from datetime import date

from kam_testing import run_app
from textual.pilot import Pilot
from textual.widgets import Input, Select

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.store import Repository
from kam_tui.ui.account.next_contact_form import NextContactForm
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp

TAILSPIN = 4
"""A demo key account, overdue for contact (cadence 14 days)."""


async def plan_next_contact(pilot: Pilot[None], day: str, kind_index: int) -> None:
    """In the open next-contact form: type `day`, pick the kind at `kind_index` (0 is
    "(none)"), and save."""
    day_input = pilot.app.screen.query_one("#field-next_contact", Input)
    day_input.focus()
    await pilot.press("end", "ctrl+u", *day)
    pilot.app.screen.query_one("#field-next_contact_kind", Select).focus()
    await pilot.press("enter", "home", *(["down"] * kind_index), "enter")
    await pilot.press("ctrl+s")
    await pilot.pause()


def test_p_on_the_overview_plans_the_next_contact_and_undo_clears_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        app.open_account(TAILSPIN)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, NextContactForm)
        await plan_next_contact(pilot, "2026-11-26", 1)  # (none), meeting, call, ...
        assert isinstance(app.screen, AccountScreen)
        account = demo_repo.account(TAILSPIN)
        assert account is not None
        assert (account.next_contact, account.next_contact_kind) == (date(2026, 11, 26), "meeting")
        await pilot.press("u")
        await pilot.pause()
        account = demo_repo.account(TAILSPIN)
        assert account is not None
        assert (account.next_contact, account.next_contact_kind) == (None, "")

    run_app(demo_repo, settings, clock, scenario)
