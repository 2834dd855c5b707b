"""The record forms driven with real keys: invalid input refused inline, valid input saved."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, TeamMember
from kam_tui.domain.parsing import format_team, parse_day, parse_team, parse_whole
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.store import Repository
from kam_tui.ui.account.account_form import AccountForm
from kam_tui.ui.app import KamApp
from kam_tui.ui.forms.dialog import FormDialog
from kam_tui.ui.forms.fields import FieldRow, field_id

Scenario = Callable[[KamApp, Pilot[None]], Awaitable[None]]


@pytest.fixture
def schema() -> Schema:
    """The default schema plus one custom field of every kind, and a named team."""
    return Schema(
        team=("Alice Martin", "Bruno Keller"),
        custom_fields=(
            CustomFieldDef("renewal", "Renewal date", "date"),
            CustomFieldDef("tier", "Support tier", "choice", ("Gold", "Silver")),
            CustomFieldDef("seats", "Seats", "number"),
            CustomFieldDef("fit", "Fit", "rating"),
        ),
    )


def run_app(
    repo: Repository, settings: Settings, clock: Clock, scenario: Scenario, size: tuple[int, int]
) -> None:
    """Run `scenario` against a KamApp on `repo`."""

    async def main() -> None:
        app = KamApp(repo, settings, clock)
        app.animation_level = "none"
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


async def fill(pilot: Pilot[None], field: str, text: str) -> None:
    """Focus a field's input, clear it with real keys and type `text`."""
    widget = pilot.app.screen.query_one("#" + field_id(field), Input)
    widget.focus()
    await pilot.press("end", "ctrl+u", *text)


def row_error(pilot: Pilot[None], field: str) -> str:
    """The reason shown under a field of the open form."""
    screen = pilot.app.screen
    assert isinstance(screen, FormDialog)
    return screen.row(field).error


def open_account_form(app: KamApp, account: Account, *, title: str) -> None:
    """Open the form the way the boards do: the caller saves what it returns."""

    def save(result: Account | None) -> None:
        if result is not None:
            app.repository.save(result)

    known = sorted({other.assignee for other in app.repository.accounts() if other.assignee})
    app.push_screen(
        AccountForm(account, app.repository.schema, title=title, known_assignees=known), save
    )


def test_new_account_is_refused_inline_until_valid_then_saved(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    before = demo_repo.count(Account)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        open_account_form(app, Account(status="Won", lifecycle="New"), title="New account")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AccountForm)
        assert row_error(pilot, "name") == "cannot be empty"
        assert app.focused is app.screen.query_one("#field-name")
        await fill(pilot, "name", "Initech")
        await fill(pilot, "annual_revenue", "abc")
        await fill(pilot, "custom.renewal", "2026-02-30")
        await fill(pilot, "custom.seats", "many")
        await fill(pilot, "satisfaction", "11")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AccountForm)
        assert row_error(pilot, "name") == ""
        assert "'abc' is not an amount" in row_error(pilot, "annual_revenue")
        assert row_error(pilot, "custom.renewal") == "2026-02-30 is not a day of the calendar"
        assert row_error(pilot, "custom.seats") == "'many' is not a number"
        assert row_error(pilot, "satisfaction") == "must be from 0 to 10, not 11"
        assert app.screen.row("annual_revenue").has_class("-invalid")
        assert demo_repo.count(Account) == before, "nothing is saved while the form is invalid"

        await fill(pilot, "annual_revenue", "12.5k")
        await fill(pilot, "custom.renewal", "2027-02-28")
        await fill(pilot, "custom.seats", "40")
        await fill(pilot, "satisfaction", "7")
        await fill(pilot, "tags", "pilot, fintech, pilot")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AccountForm)

    run_app(demo_repo, settings, clock, scenario, (80, 24))
    assert demo_repo.count(Account) == before + 1
    (saved,) = [account for account in demo_repo.accounts() if account.name == "Initech"]
    assert saved.annual_revenue == 1_250_000
    assert saved.status == "Won"
    assert saved.lifecycle == "New"
    assert saved.satisfaction == 7
    assert saved.tags == ("pilot", "fintech")
    assert saved.custom == {"renewal": "2027-02-28", "seats": 40}


def test_escape_returns_nothing_and_saves_nothing(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    original = demo_repo.account(1)
    assert original is not None

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        open_account_form(app, original, title="Edit account")
        await pilot.pause()
        await fill(pilot, "name", "Renamed")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AccountForm)

    run_app(demo_repo, settings, clock, scenario, (80, 24))
    assert demo_repo.account(1) == original


def test_unknown_status_is_shown_and_refused_until_a_config_status_is_picked(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    stale = Account(name="Stale Ltd", status="Archived", lifecycle="New")
    before = demo_repo.count(Account)

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        open_account_form(app, stale, title="New account")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AccountForm)
        assert row_error(pilot, "status").startswith("'Archived' is not one of 'Contacted'")
        status = app.screen.query_one("#field-status", Select)
        assert app.focused is status
        await pilot.press("enter", "home", "down", "enter")
        assert status.value == "Demo provided"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AccountForm)

    run_app(demo_repo, settings, clock, scenario, (80, 24))
    assert demo_repo.count(Account) == before + 1
    (saved,) = [account for account in demo_repo.accounts() if account.name == "Stale Ltd"]
    assert saved.status == "Demo provided"


def test_assignee_other_team_and_choice_fields(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    account = demo_repo.account(2)
    assert account is not None

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        open_account_form(app, account, title="Edit account")
        await pilot.pause()
        assert isinstance(app.screen, AccountForm)
        assignee = app.screen.query_one("#field-assignee", Select)
        other_row = app.screen.row("assignee_other")
        assert not other_row.display
        assignee.focus()
        await pilot.press("enter", "end", "enter")
        assert other_row.display
        await pilot.press("ctrl+s")
        assert row_error(pilot, "assignee_other") == "type the name, or pick one above"
        await fill(pilot, "assignee_other", "Zoe Quinn")
        tier = app.screen.query_one("#field-custom--tier", Select)
        tier.focus()
        await pilot.press("enter", "end", "enter")
        fit = app.screen.query_one("#field-custom--fit", Select)
        fit.focus()
        await pilot.press("enter", "end", "enter")
        team = app.screen.query_one("#field-team")
        team.focus()
        await pilot.press("f7", *"Dev Patel (account development)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AccountForm)

    run_app(demo_repo, settings, clock, scenario, (120, 40))
    saved = demo_repo.account(2)
    assert saved is not None
    assert saved.assignee == "Zoe Quinn"
    assert saved.custom["tier"] == "Silver"
    assert saved.custom["fit"] == 5
    assert TeamMember("Dev Patel", "account development") in saved.team


def test_team_lines_round_trip_and_bad_roles_are_refused(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    team = (TeamMember("Ann Lee", "account development"), TeamMember("Bo", "account support"))
    assert parse_team(format_team(team)) == team
    assert parse_team("Cy\n\n  Di (account support)  ") == (
        TeamMember("Cy", "account support"),
        TeamMember("Di", "account support"),
    )
    account = demo_repo.account(3)
    assert account is not None

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        open_account_form(app, account, title="Edit account")
        await pilot.pause()
        assert isinstance(app.screen, AccountForm)
        app.screen.query_one("#field-team").focus()
        await pilot.press("f7", *"Eve (sales)")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AccountForm)
        assert row_error(pilot, "team").startswith("'sales' is not one of")
        row = app.screen.query_one("#row-team", FieldRow)
        assert row.has_class("-invalid")

    run_app(demo_repo, settings, clock, scenario, (80, 24))
    assert demo_repo.account(3) == account


def test_day_parsing_reasons() -> None:
    assert parse_day(" 2026-11-20 ") == date(2026, 11, 20)
    assert parse_day("") is None
    with pytest.raises(ValueError, match="not a day of the calendar"):
        parse_day("2026-02-30")
    with pytest.raises(ValueError, match=r"not a date \(YYYY-MM-DD\)"):
        parse_day("tomorrow")
    with pytest.raises(ValueError, match="not a whole number"):
        parse_whole("7.5", 0, 10)
