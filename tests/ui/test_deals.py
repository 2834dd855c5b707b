"""The account screen's Deals tab driven by real keys, checked in the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from deal_records import SHOWN_ORDER, TAILSPIN, TAILSPIN_DEALS, add_deals, without_deals
from hostile_text import HOSTILE, SHOWN, assert_clean, screen_lines, unvalidated
from kam_testing import make_app, synchronous
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.deal_totals import deal_totals
from kam_tui.domain.models import Deal
from kam_tui.store import Repository
from kam_tui.ui.account.deal_form import DealForm
from kam_tui.ui.account.deals import DealList, ordered_deals
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.forms.confirm import ConfirmDialog
from kam_tui.ui.forms.fields import field_id
from kam_tui.ui.shell.help import HelpScreen, KeyTable

TODAY = date(2026, 11, 20)
"""The fixed clock's day."""


async def open_deals(app: KamApp, pilot: Pilot[None]) -> AccountScreen:
    """Open Tailspin on its Deals tab, the list focused."""
    app.open_account(TAILSPIN, "deals")
    await pilot.pause()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AccountScreen)
    assert screen.active_tab == "deals"
    assert isinstance(app.focused, DealList)
    return screen


async def fill(pilot: Pilot[None], field: str, text: str) -> None:
    """Focus a field's input, clear it with real keys and type `text`."""
    pilot.app.screen.query_one("#" + field_id(field), Input).focus()
    await pilot.press("end", "ctrl+u", *text)


async def choose(pilot: Pilot[None], field: str, label: str) -> None:
    """Pick the option of a Select labelled `label`, with real keys."""
    select: Select[str] = pilot.app.screen.query_one("#" + field_id(field), Select)
    labels = [str(text) for text, _value in select._options]
    select.focus()
    await pilot.press("enter", "home", *(["down"] * labels.index(label)), "enter")
    assert select.value == label


def titles(screen: AccountScreen) -> list[str]:
    """The deals' titles in list order."""
    return [deal.title for deal in screen.query_one(DealList).deals]


def highlighted_title(screen: AccountScreen) -> str:
    deal = screen.query_one(DealList).highlighted_deal
    assert deal is not None
    return deal.title


def stored(repo: Repository, title: str) -> Deal | None:
    """The stored deal of Tailspin titled `title`."""
    return next((deal for deal in repo.children(Deal, TAILSPIN) if deal.title == title), None)


def test_ordered_open_first_by_close_date_then_closed_newest_first() -> None:
    deals = [replace(deal, id=index + 1) for index, deal in enumerate(TAILSPIN_DEALS)]
    assert [deal.title for deal in ordered_deals(deals)] == list(SHOWN_ORDER)
    # Ties keep the order the deals were added in.
    twins = [replace(deals[1], id=9), replace(deals[1], id=8, title="Twin")]
    assert [deal.id for deal in ordered_deals(twins)] == [8, 9]


def test_totals_sum_the_open_pipeline_weighted_and_won_this_year() -> None:
    totals = deal_totals(TAILSPIN_DEALS, TODAY)
    assert totals.open_amount == 180_500_00  # 120,000 + 45,500 + 15,000
    assert totals.weighted == 85_650_00  # 120,000 × 60% + 45,500 × 30% + 15,000 × unknown
    assert totals.won_this_year == 310_000_00  # the 2025 loss and the open deals do not count
    assert totals.year == 2026
    # A won deal closed last year is not this year's; a fraction of a cent rounds half up.
    odd = (
        Deal(amount=1_01, probability=50, outcome="open"),
        Deal(amount=7_00, outcome="won", close_date=date(2025, 12, 31)),
    )
    assert deal_totals(odd, TODAY) == type(totals)(1_01, 51, 0, 2026)
    assert deal_totals((), TODAY) == type(totals)(0, 0, 0, 2026)


@synchronous
async def test_the_tab_lists_the_deals_and_sums_them(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    add_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_deals(app, pilot)
        assert titles(screen) == list(SHOWN_ORDER)
        totals = str(screen.query_one("#deals-totals", Static).render())
        assert "Open pipeline €180,500.00" in totals
        assert "weighted €85,650.00" in totals
        assert "won in 2026 €310,000.00" in totals


@synchronous
async def test_add_a_deal_with_its_defaults_then_undo_and_redo(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    add_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DealForm)
        # The defaults: created today, open, at the account's status, its manager's.
        assert form.text("created") == "2026-11-20"
        assert form.choice("outcome") == "open"
        assert form.choice("stage") == "Won"
        assert form.text("owner") == "Dev Patel"
        await fill(pilot, "title", "Spare parts portal")
        await fill(pilot, "amount", "12.5k")
        await fill(pilot, "probability", "40")
        await fill(pilot, "close_date", "2026-11-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        added = stored(demo_repo, "Spare parts portal")
        assert added is not None
        assert (added.amount, added.probability, added.stage) == (12_500_00, 40, "Won")
        assert (added.created, added.close_date) == (TODAY, date(2026, 11, 30))
        assert (added.outcome, added.owner) == ("open", "Dev Patel")
        # Open deals by close date: it closes after Cargo (11-10), before Fleet (12-15).
        assert titles(screen)[:3] == ["Cargo tracking pilot", "Spare parts portal", SHOWN_ORDER[1]]
        assert highlighted_title(screen) == "Spare parts portal"
        await pilot.press("u")
        await pilot.pause()
        assert stored(demo_repo, "Spare parts portal") is None
        assert titles(screen) == list(SHOWN_ORDER)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert stored(demo_repo, "Spare parts portal") is not None
        assert highlighted_title(screen) == "Spare parts portal"
        assert isinstance(app.focused, DealList)


@synchronous
async def test_edit_a_deal_then_undo_and_redo_keep_the_cursor_on_it(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    add_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(app, pilot)
        await pilot.press("j")  # Fleet wifi renewal
        assert highlighted_title(screen) == "Fleet wifi renewal"
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DealForm)
        assert form.text("amount") == "120000.00"
        await fill(pilot, "amount", "150000")
        await choose(pilot, "outcome", "won")
        await fill(pilot, "reason", "[b]Cheapest[/b] bid")
        await pilot.press("ctrl+s")
        await pilot.pause()
        fleet = stored(demo_repo, "Fleet wifi renewal")
        assert fleet is not None
        assert (fleet.amount, fleet.outcome) == (150_000_00, "won")
        assert fleet.reason == "[b]Cheapest[/b] bid"
        # Won now: among the closed deals, newest close date first (before June's win).
        assert titles(screen)[2] == "Fleet wifi renewal"
        assert highlighted_title(screen) == "Fleet wifi renewal"
        await pilot.press("j", "u")
        await pilot.pause()
        fleet = stored(demo_repo, "Fleet wifi renewal")
        assert fleet is not None and (fleet.amount, fleet.outcome) == (120_000_00, "open")
        assert highlighted_title(screen) == "Fleet wifi renewal"
        await pilot.press("j", "ctrl+r")
        await pilot.pause()
        fleet = stored(demo_repo, "Fleet wifi renewal")
        assert fleet is not None and fleet.outcome == "won"
        assert highlighted_title(screen) == "Fleet wifi renewal"


@synchronous
async def test_delete_asks_then_undo_brings_the_deal_back_under_the_cursor(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    add_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(app, pilot)
        await pilot.press("j", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert stored(demo_repo, "Fleet wifi renewal") is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert stored(demo_repo, "Fleet wifi renewal") is None
        assert "Fleet wifi renewal" not in titles(screen)
        assert highlighted_title(screen) == "Lounge booking"
        await pilot.press("u")
        await pilot.pause()
        assert stored(demo_repo, "Fleet wifi renewal") is not None
        assert highlighted_title(screen) == "Fleet wifi renewal"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert stored(demo_repo, "Fleet wifi renewal") is None


@synchronous
async def test_a_bad_amount_and_a_close_before_created_are_refused_in_the_form(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    without_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(app, pilot)
        assert screen.query_one("#deals-empty").display
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "title", "Hangar lease")
        await fill(pilot, "amount", "12,5,x")
        await fill(pilot, "close_date", "2026-01-31")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DealForm)
        assert form.row("amount").error
        assert form.row("close_date").error == "cannot be before the deal was created"
        assert demo_repo.children(Deal, TAILSPIN) == []
        await fill(pilot, "amount", "900")
        await fill(pilot, "close_date", "2026-12-31")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [deal] = demo_repo.children(Deal, TAILSPIN)
        assert (deal.title, deal.amount) == ("Hangar lease", 900_00)


@synchronous
async def test_hostile_text_is_shown_literally(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    hostile = Deal(
        account_id=TAILSPIN,
        title=HOSTILE["terminal-control"],
        amount=1_00,
        stage=HOSTILE["closing-tag"],
        reason=HOSTILE["tags-and-link"],
        owner=HOSTILE["actions-and-variables"],
    )
    with unvalidated():
        add_deals(demo_repo, (hostile,))
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_deals(app, pilot)
        shown = assert_clean(app, "the deals tab")
        assert SHOWN["terminal-control"][:20] in shown
        assert SHOWN["closing-tag"] in shown
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DealForm)
        shown = assert_clean(app, "the deal form")
        assert SHOWN["tags-and-link"][:40] in shown
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert SHOWN["terminal-control"][:20] in assert_clean(app, "the delete question")


@synchronous
async def test_the_footer_and_the_help_show_the_deal_keys(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    add_deals(demo_repo)
    app = make_app(demo_repo, settings, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_deals(app, pilot)
        footer = "\n".join(screen_lines(app)[-1:])
        for shown in ("e Edit", "n Add deal", "d Delete"):
            assert shown in footer
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(KeyTable)
        rows = [
            (str(table.get_row_at(index)[0]), str(table.get_row_at(index)[1]))
            for index in range(table.row_count)
        ]
        for entry in (("n", "Add deal"), ("e", "Edit"), ("d", "Delete")):
            assert entry in rows
