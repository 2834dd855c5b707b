"""The Portfolio view driven with real keys: sections, the what-if, definitions, opening an
account and coming back, the scope filter, and figures that follow changes of the data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hostile_text import HOSTILE, SHOWN, assert_clean, fill_hostile_store, hostile_schema
from kam_testing import make_app, synchronous
from textual.pilot import Pilot
from textual.widgets import RadioSet, Static

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.money import format_money
from kam_tui.domain.portfolio import DEFINITIONS
from kam_tui.services import portfolio as portfolio_service
from kam_tui.store import Repository
from kam_tui.ui.account.screen import AccountScreen
from kam_tui.ui.app import KamApp
from kam_tui.ui.boards.pipeline import PipelineScreen
from kam_tui.ui.portfolio.definitions import DefinitionsDialog
from kam_tui.ui.portfolio.drawing import bar, money, share, sparkline
from kam_tui.ui.portfolio.filter_dialog import PortfolioFilterDialog
from kam_tui.ui.portfolio.screen import PortfolioScreen
from kam_tui.ui.portfolio.sections import SECTIONS
from kam_tui.ui.portfolio.totals import short_name

Scenario = Callable[[KamApp, Pilot[None], PortfolioScreen], Awaitable[None]]


async def open_portfolio(
    repo: Repository, settings: Settings, clock: Clock, scenario: Scenario, size: tuple[int, int]
) -> None:
    app = make_app(repo, settings, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await scenario(app, pilot, screen)


def run_portfolio(
    repo: Repository,
    settings: Settings,
    clock: Clock,
    scenario: Scenario,
    size: tuple[int, int] = (80, 24),
) -> None:
    """Run `scenario` on the Portfolio view (key 5) of a KamApp over `repo`."""
    synchronous(open_portfolio)(repo, settings, clock, scenario, size)


def text_of(screen: PortfolioScreen, widget_id: str) -> str:
    """The plain text a Static of the view shows."""
    return str(screen.query_one(f"#{widget_id}", Static).content)


def cell(screen: PortfolioScreen, row_key: str, column_key: str) -> str:
    """The plain text of one cell of the section's table."""
    return screen.table.get_cell(row_key, column_key).plain.strip()


def revenues(repo: Repository) -> list[int]:
    """Every account's annual revenue, largest first."""
    return sorted((account.annual_revenue for account in repo.accounts()), reverse=True)


def test_key_5_shows_the_totals_of_the_store(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    accounts = demo_repo.accounts()
    total = sum(account.annual_revenue for account in accounts)
    alice = [account for account in accounts if account.assignee == "Alice Martin"]

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        assert screen.section_key == "totals"
        assert cell(screen, "figure-totals.accounts", "all") == str(len(accounts))
        keys = sum(account.key_account for account in accounts)
        assert cell(screen, "figure-totals.key_accounts", "all") == str(keys)
        assert cell(screen, "figure-totals.revenue", "all") == format_money(total, compact=True)
        assert cell(screen, "figure-totals.accounts", "manager-0") == str(len(alice))
        assert screen.table.columns[screen.table.ordered_columns[2].key].label.plain == "Alice M."
        assert "All 30 accounts" in text_of(screen, "portfolio-filter-line")
        # Opening on Totals computes no other section (each is computed when first shown).
        computed = vars(screen.portfolio)
        assert "concentration" not in computed and "health" not in computed
        await pilot.press("tab")
        assert "concentration" in vars(screen.portfolio) and "health" not in computed

    run_portfolio(demo_repo, settings, clock, scenario)


def test_tab_walks_the_sections_and_each_keeps_its_cursor(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        shown = []
        for _section in SECTIONS:
            shown.append(screen.section_key)
            assert screen.table.row_count > 0, screen.section_key
            await pilot.press("tab")
            await pilot.pause()
        assert shown == [section.key for section in SECTIONS]
        assert screen.section_key == "totals"
        await pilot.press("shift+tab")
        assert screen.section_key == "health"
        await pilot.press("j", "j")
        on_health = screen.table.cursor_row_key
        await pilot.press("[", "j")  # Selection, one row down
        await pilot.press("]")
        assert screen.section_key == "health"
        assert screen.table.cursor_row_key == on_health

    run_portfolio(demo_repo, settings, clock, scenario)


def test_the_what_if_follows_k_and_n(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    ranked = revenues(demo_repo)
    total = sum(ranked)

    def lost_line(k: int, n: int) -> str:
        return f"Lose {k} of the top {n}: {format_money(sum(ranked[:k]), compact=True)}"

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        await pilot.press("tab")
        assert screen.section_key == "concentration"
        assert lost_line(5, 10) in text_of(screen, "portfolio-summary")
        await pilot.press("+")
        await pilot.pause()
        summary = text_of(screen, "portfolio-summary")
        assert lost_line(6, 10) in summary
        assert f"({sum(ranked[:6]) / total:.1%})" in summary
        await pilot.press("-", "-", "-", "<", "<")
        await pilot.pause()
        assert lost_line(3, 8) in text_of(screen, "portfolio-summary")
        what_if = screen.current_what_if()
        assert (what_if.lose, what_if.of_top) == (3, 8)
        lost_rows = [row for row in range(5) if "✗" in screen.table.get_row_at(row)[0].plain]
        assert lost_rows == [0, 1, 2]
        for _more in range(12):
            await pilot.press("+")
        assert screen.current_what_if().lose == 8  # k never passes n
        await pilot.press("tab")
        assert not screen.check_action("change_what_if", (1, 0))

    run_portfolio(demo_repo, settings, clock, scenario)


def test_i_explains_the_highlighted_figure_first(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        await pilot.press("j", "j")  # Totals: the annual revenue row
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DefinitionsDialog)
        first_label, first_text = dialog.entries[0]
        assert (first_label, first_text) == ("Annual revenue", DEFINITIONS["totals.revenue"])
        assert len(dialog.entries) > 10
        await pilot.press("escape")
        await pilot.press("tab", "l", "l", "l", "i")  # Concentration: the share column
        await pilot.pause()
        shown = app.screen
        assert isinstance(shown, DefinitionsDialog)
        assert shown.entries[0][1] == DEFINITIONS["concentration.ranked"]
        await pilot.press("escape")
        assert not isinstance(app.screen, DefinitionsDialog)

    run_portfolio(demo_repo, settings, clock, scenario)


def test_enter_opens_the_account_and_escape_comes_back_to_the_same_row(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    third = sorted(demo_repo.accounts(), key=lambda a: (-a.annual_revenue, a.name.casefold()))[2]

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        await pilot.press("tab", "j", "j")
        assert screen.table.cursor_account_id == third.id
        await pilot.press("enter")
        await pilot.pause()
        account_screen = app.screen
        assert isinstance(account_screen, AccountScreen)
        assert account_screen.account_id == third.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.section_key == "concentration"
        assert screen.table.cursor_coordinate.row == 2
        assert screen.table.cursor_account_id == third.id

    run_portfolio(demo_repo, settings, clock, scenario)


def test_the_figures_follow_a_change_made_while_showing_and_while_hidden(
    demo_repo: Repository, settings: Settings, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed: list[object] = []
    real = portfolio_service.portfolio_of

    def counting(*args: Any) -> Any:
        computed.append(args)
        return real(*args)

    monkeypatch.setattr("kam_tui.ui.portfolio.screen.portfolio_of", counting)
    profitable = [a for a in demo_repo.accounts() if a.annual_revenue > a.cost_to_serve]
    smallest = min(profitable, key=lambda a: (a.annual_revenue, a.id))
    losing = sum(1 for a in demo_repo.accounts() if a.cost_to_serve > a.annual_revenue)

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        total = sum(account.annual_revenue for account in demo_repo.accounts())
        await pilot.press("tab", "tab")  # Profit: loss-makers first
        assert screen.section_key == "profitability"
        assert f"{losing} loss-makers" in text_of(screen, "portfolio-summary")
        before = len(computed)
        # More cost than revenue: the account becomes a loss-maker, first in the list.
        outcome = app.workspace.save(replace(smallest, cost_to_serve=smallest.annual_revenue * 2))
        assert outcome.refusal is None
        await pilot.pause()
        assert len(computed) == before + 1
        assert f"{losing + 1} loss-makers" in text_of(screen, "portfolio-summary")
        # Loss-makers first, the largest loss first: this one loses its whole revenue.
        loss_rows = [screen.table.get_row_at(row)[0].plain for row in range(losing + 1)]
        assert smallest.name in loss_rows
        # A change while another view shows only marks the Portfolio stale.
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        grown = replace(smallest, annual_revenue=smallest.annual_revenue + 100_000_00)
        assert app.workspace.save(grown).refusal is None
        await pilot.pause()
        assert len(computed) == before + 1 and screen.is_stale()
        await pilot.press("5", "shift+tab", "shift+tab")
        await pilot.pause()
        assert len(computed) == before + 2
        assert screen.section_key == "totals"
        revenue = format_money(total + 100_000_00, compact=True)
        assert cell(screen, "figure-totals.revenue", "all") == revenue

    run_portfolio(demo_repo, settings, clock, scenario)


def test_a_card_move_elsewhere_shows_in_the_turnaround(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        for _section in range(4):
            await pilot.press("tab")
        assert screen.section_key == "turnaround"
        first_status = settings.schema.status_names[0]
        now_before = cell(screen, "status-0", "now")
        await pilot.press("1")  # the pipeline, the first card of the first column
        await pilot.pause()
        await pilot.press("shift+right")
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        assert cell(screen, "status-0", "now") == f"{int(now_before.split()[0]) - 1} now"
        assert first_status in cell(screen, "status-0", "name")

    run_portfolio(demo_repo, settings, clock, scenario)


def test_the_scope_counts_one_managers_accounts(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    bruno = [a for a in demo_repo.accounts() if a.assignee == "Bruno Keller"]

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PortfolioFilterDialog)
        assert dialog.focused is dialog.query_one(RadioSet)
        await pilot.press("down", "down", "space", "enter")  # Everyone, Alice, Bruno
        await pilot.pause()
        assert app.screen is screen
        assert screen.portfolio_filter.manager == "Bruno Keller"
        assert cell(screen, "figure-totals.accounts", "all") == str(len(bruno))
        revenue = format_money(sum(a.annual_revenue for a in bruno), compact=True)
        assert cell(screen, "figure-totals.revenue", "all") == revenue
        assert "manager Bruno Keller" in text_of(screen, "portfolio-filter-line")
        await pilot.press("tab")
        assert screen.table.row_count == len(bruno)
        await pilot.press("f", "x", "enter")
        await pilot.pause()
        assert screen.portfolio_filter.is_empty
        assert screen.table.row_count == len(demo_repo.accounts())

    run_portfolio(demo_repo, settings, clock, scenario)


def test_the_text_filter_narrows_the_rows_not_the_figures(
    demo_repo: Repository, settings: Settings, clock: Clock
) -> None:
    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        await pilot.press("tab", "slash", *"coho")
        await pilot.pause()
        assert screen.table.row_count == 1
        assert "Coho Winery" in screen.table.get_row_at(0)[1].plain
        assert "Top 5" in text_of(screen, "portfolio-summary")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.table.row_count == len(demo_repo.accounts())

    run_portfolio(demo_repo, settings, clock, scenario)


@pytest.fixture
def hostile_repo(store_path: Path, clock: Clock) -> Iterator[Repository]:
    """A store whose accounts are named (and assigned) with hostile strings."""
    repository = Repository.open(store_path, hostile_schema(), clock=clock)
    fill_hostile_store(repository, clock().date())
    yield repository
    repository.close()


def test_every_section_shows_hostile_names_literally(
    hostile_repo: Repository, clock: Clock
) -> None:
    settings = Settings(schema=hostile_repo.schema)

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        shown = ""
        for section in SECTIONS:
            await pilot.pause()
            shown += assert_clean(app, section.key)
            for _row in HOSTILE:
                await pilot.press("j")
                await pilot.pause()
                shown += assert_clean(app, section.key)
            await pilot.press("i")
            await pilot.pause()
            assert_clean(app, f"{section.key} definitions")
            await pilot.press("escape", "tab")
        await pilot.press("f")
        await pilot.pause()
        shown += assert_clean(app, "scope dialog")
        assert SHOWN["closing-tag"] in shown and "Evil^[]0;pwned" in shown

    run_portfolio(hostile_repo, settings, clock, scenario, size=(120, 40))


def test_a_long_list_is_cut_and_the_text_filter_finds_the_rest(
    demo_repo: Repository, settings: Settings, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kam_tui.ui.portfolio.frame.LIST_LIMIT", 5)
    smallest = min(demo_repo.accounts(), key=lambda a: (a.annual_revenue, a.name.casefold()))

    async def scenario(app: KamApp, pilot: Pilot[None], screen: PortfolioScreen) -> None:
        await pilot.press("tab")
        assert screen.table.row_count == 6
        assert screen.table.get_row_at(5)[0].plain == "… 25 more"
        await pilot.press("G")
        assert "25 more accounts are not listed" in text_of(screen, "portfolio-detail")
        await pilot.press("enter")  # on the last row: what the ranking means
        await pilot.pause()
        assert isinstance(app.screen, DefinitionsDialog)
        await pilot.press("escape", "slash", *smallest.name.split()[0])
        await pilot.pause()
        names = [screen.table.get_row_at(row)[1].plain for row in range(screen.table.row_count)]
        assert smallest.name in names

    run_portfolio(demo_repo, settings, clock, scenario)


def test_bars_sparklines_shares_and_money_are_drawn_exactly() -> None:
    assert bar(0.5, 4) == "██  "
    assert bar(1 / 16, 2) == "▏ "  # an eighth of a cell per 1/16 of two cells
    assert bar(1.7, 3) == "███" and bar(-1, 3) == "   " and bar(0.5, 0) == ""
    assert sparkline([0, 10, 5]) == "▁█▅" and sparkline([12, -3]) == "█▁"
    assert share(0.12345) == "12.3%" and share(None) == "–" and share(1.5, 0) == "150%"
    assert money(-123_456, "€") == "-€1,234.56" and money(250_000_00, "$", compact=True) == "$250k"
    assert money(None, "€") == "–"
    assert (
        short_name("Alice Martin", 10) == "Alice M." and short_name("Dev Patel", 10) == "Dev Patel"
    )
    assert short_name("Bartholomew", 6) == "Barth…"
