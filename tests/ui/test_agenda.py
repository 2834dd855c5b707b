"""The planned next contact and the contact agenda, driven by real keys, the store checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kam_testing import run_app
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from kam_tui.config.settings import Settings
from kam_tui.domain.agenda import build_agenda
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Activity
from kam_tui.store import Repository
from kam_tui.ui.account.next_contact_form import NextContactForm
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.agenda.screen import CONTACT_SUMMARY, AgendaScreen, AgendaTable
from kam_tui.ui.app import KamApp
from kam_tui.ui.forms.picker import PickerDialog

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


def agenda_rows(app: KamApp) -> list[int]:
    """The account ids of the agenda's rows, top to bottom."""
    table = app.screen.query_one(AgendaTable)
    return [int(str(row.value).removeprefix("account-")) for row in table.rows]


def test_the_agenda_logs_a_planned_contact_and_plans_the_next_one_as_one_undoable_change(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    today = clock().date()  # Friday 20 November 2026
    before = demo_repo.account(TAILSPIN)
    assert before is not None and before.cadence_days == 14
    old_activities = {activity.id for activity in demo_repo.children(Activity, TAILSPIN)}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        app.open_account(TAILSPIN)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await plan_next_contact(pilot, "2026-11-21", 4)  # (none), meeting, call, email, visit
        await pilot.press("escape", "A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        rows = agenda_rows(app)
        # Planned for Saturday, Tailspin left the overdue group for the last day shown.
        groups = build_agenda(
            demo_repo.accounts(), today, today, settings.schema.default_cadence_days
        )
        saturday = [entry.account.id for entry in groups[6].entries]
        assert saturday == [TAILSPIN] and rows[-1] == TAILSPIN
        await pilot.press(*["j"] * (len(rows) - 1), "t")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerDialog)
        await pilot.press("enter")  # the planned kind is offered first
        await pilot.pause()
        logged = [
            (activity.kind, activity.day, activity.summary)
            for activity in demo_repo.children(Activity, TAILSPIN)
            if activity.id not in old_activities
        ]
        assert logged == [("visit", today, CONTACT_SUMMARY)]
        account = demo_repo.account(TAILSPIN)
        assert account is not None
        # Today plus the account's 14-day cadence: 4 December; the planned kind stays.
        assert account.last_contact == today
        assert (account.next_contact, account.next_contact_kind) == (date(2026, 12, 4), "visit")
        assert TAILSPIN not in agenda_rows(app)
        await pilot.press("u")
        await pilot.pause()
        account = demo_repo.account(TAILSPIN)
        assert account is not None
        assert account.last_contact == before.last_contact
        assert (account.next_contact, account.next_contact_kind) == (date(2026, 11, 21), "visit")
        assert {a.id for a in demo_repo.children(Activity, TAILSPIN)} == old_activities
        assert agenda_rows(app)[-1] == TAILSPIN

    run_app(demo_repo, settings, clock, scenario)


def test_enter_opens_the_account_and_escape_returns_to_the_agenda(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("A")
        await pilot.pause()
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        await pilot.press("A")  # on the agenda, A opens no second one
        await pilot.pause()
        assert app.screen is agenda
        first = agenda_rows(app)[0]
        await pilot.press("enter")
        await pilot.pause()
        opened = app.screen
        assert isinstance(opened, AccountScreen) and opened.account_id == first
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is agenda

    run_app(demo_repo, settings, clock, scenario)


def test_m_cycles_me_everyone_then_each_manager_and_the_weeks_move(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    mine = replace(settings, user="Dev Patel")
    devs = {a.id for a in demo_repo.accounts() if a.assignee == "Dev Patel"}

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        assert screen.manager == "Dev Patel"
        assert agenda_rows(app) and set(agenda_rows(app)) <= devs
        await pilot.press("m")
        assert screen.manager is None
        managers = sorted({a.assignee for a in demo_repo.accounts() if a.assignee} - {"Dev Patel"})
        for name in managers:
            await pilot.press("m")
            assert screen.manager == name
        await pilot.press("m")
        assert screen.manager == "Dev Patel"
        await pilot.press("right_square_bracket")
        assert screen.week_of == date(2026, 11, 27)
        title = str(screen.query_one("#agenda-title", Static).content)
        assert title.startswith("Agenda, week of Mon 23 Nov 2026 · Dev Patel (me)")

    run_app(demo_repo, mine, clock, scenario)


def test_a_user_who_manages_no_account_opens_on_everyone(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        assert screen.manager is None and agenda_rows(app)
        assert "root" not in screen.managers()

    run_app(demo_repo, replace(settings, user="root"), clock, scenario)


def test_slash_on_the_agenda_says_it_has_no_filter(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    """`/` works on every view; on the agenda it is answered, so a user does not type a
    filter whose letters run as keys."""
    notes: list[str] = []

    async def scenario(app: KamApp, pilot: Pilot[None]) -> None:
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)

    run_app(demo_repo, settings, clock, scenario, notes)
    assert any(note.startswith("The agenda has no filter") for note in notes), notes
