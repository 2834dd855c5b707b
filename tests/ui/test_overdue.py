"""The overdue contacts queue and the plan's palette commands, driven by real keys."""

from __future__ import annotations

from kam_testing import PaneHost, synchronous
from textual.widgets import OptionList

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Account, Activity
from kam_tui.domain.plan import overdue_queue
from kam_tui.domain.rules import days_overdue
from kam_tui.store import Repository
from kam_tui.ui.agenda.screen import AgendaScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.forms.picker import PickerDialog
from kam_tui.ui.overdue.screen import TOUCH_SUMMARY, OverdueScreen, OverdueTable
from kam_tui.ui.shell.palette_plan import PlanCommands


def shown_ids(screen: OverdueScreen) -> list[int]:
    table = screen.query_one(OverdueTable)
    return [int(str(row.value).removeprefix("account-")) for row in table.rows]


@synchronous
async def test_the_queue_lists_key_accounts_first_then_the_most_overdue(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    today = clock().date()
    default = demo_repo.schema.default_cadence_days
    async with app.run_test(size=(80, 24)) as pilot:
        screen = OverdueScreen()
        await app.push_screen(screen)
        await pilot.pause()
        ids = shown_ids(screen)
        accounts = [demo_repo.account(i) for i in ids]
        assert all(a is not None and days_overdue(a, today, default) > 0 for a in accounts)
        keys = [a.key_account for a in accounts if a is not None]
        assert keys == sorted(keys, reverse=True)  # every key account before the others
        assert True in keys and False in keys
        for key in (True, False):
            late = [days_overdue(a, today, default) for a in accounts if a and a.key_account is key]
            assert late == sorted(late, reverse=True)
        not_shown = [a for a in demo_repo.accounts() if a.id not in ids]
        assert not_shown and all(days_overdue(a, today, default) == 0 for a in not_shown)


@synchronous
async def test_t_logs_a_touch_and_the_account_leaves_the_queue(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = OverdueScreen()
        await app.push_screen(screen)
        await pilot.pause()
        first, second = shown_ids(screen)[:2]
        before = {a.id for a in demo_repo.children(Activity, first)}
        # t asks the kind of contact; before any touch, a call is offered first.
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        await pilot.press("enter")
        await pilot.pause()
        logged = [a for a in demo_repo.children(Activity, first) if a.id not in before]
        assert [(a.kind, a.day, a.summary) for a in logged] == [
            ("call", clock().date(), TOUCH_SUMMARY)
        ]
        account = demo_repo.account(first)
        assert account is not None and account.last_contact == clock().date()
        assert first not in shown_ids(screen)
        assert screen.current_account_id == second
        demo_repo.undo()
        screen.refresh_queue()
        assert shown_ids(screen)[0] == first


@synchronous
async def test_t_asks_the_kind_and_offers_the_last_kind_logged_first(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = OverdueScreen()
        await app.push_screen(screen)
        await pilot.pause()
        first, second = shown_ids(screen)[:2]
        await pilot.press("t", *"meet", "enter")
        await pilot.pause()
        assert [a.kind for a in demo_repo.children(Activity, first)][-1] == "meeting"
        # The next touch offers a meeting first; escape logs nothing.
        before = demo_repo.revision
        await pilot.press("t")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerDialog)
        options = picker.query_one(OptionList)
        assert options.highlighted is not None
        assert str(options.get_option_at_index(options.highlighted).prompt) == "Meeting"
        await pilot.press("escape")
        await pilot.pause()
        assert demo_repo.revision == before
        assert screen.current_account_id == second


@synchronous
async def test_enter_opens_the_highlighted_account_and_escape_closes(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = OverdueScreen()
        await app.push_screen(screen)
        await pilot.pause()
        second = shown_ids(screen)[1]
        await pilot.press("j", "enter")
        assert app.opened == [(second, None)]
        await pilot.press("escape")
        assert not isinstance(app.screen, OverdueScreen)


@synchronous
async def test_an_empty_queue_says_so(repo: Repository, settings: Settings, clock: Clock) -> None:
    repo.save(Account(name="Fresh", status="Won", lifecycle="New", last_contact=clock().date()))
    assert overdue_queue(repo.accounts(), clock().date(), 30) == []
    app = PaneHost(repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = OverdueScreen()
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.query_one("#overdue-empty").display
        before = repo.revision
        await pilot.press("t")
        assert repo.revision == before


@synchronous
async def test_the_palette_opens_the_overdue_queue_and_the_agenda(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    assert PlanCommands in KamApp.COMMANDS
    app = PaneHost(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        provider = PlanCommands(app.screen)
        discovered = [hit async for hit in provider.discover()]
        assert [hit.text for hit in discovered] == ["Agenda", "Overdue contacts"]
        assert [hit async for hit in provider.search("zzzz")] == []
        found = [hit async for hit in provider.search("overdue")]
        assert len(found) == 1
        found[0].command()
        await pilot.pause()
        assert isinstance(app.screen, OverdueScreen)
        agenda = [hit async for hit in provider.search("agenda")]
        assert len(agenda) == 1
        agenda[0].command()
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
