"""The whole Portfolio: the filter reaches every table, sections are computed on demand,
and the service builds it from a workspace."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from portfolio_fixtures import TODAY, account, deal, move

from kam_tui.config.settings import Settings
from kam_tui.domain.clock import Clock
from kam_tui.domain.models import Activity, Contact, Deal
from kam_tui.domain.portfolio import (
    DEFINITIONS,
    SECTIONS,
    Portfolio,
    PortfolioFilter,
    PortfolioSettings,
    Totals,
)
from kam_tui.domain.portfolio.build import PortfolioRecords, build_portfolio
from kam_tui.domain.schema import Schema
from kam_tui.services.portfolio import KeptTotals, portfolio_of, what_if_of
from kam_tui.services.workspace import Workspace
from kam_tui.store import Repository

RECORDS = PortfolioRecords(
    accounts=[
        account(1, assignee="Ana", annual_revenue=300, satisfaction=5),
        account(2, assignee="Ben", annual_revenue=100, key_account=True),
    ],
    activities=[
        Activity(id=1, account_id=1, day=date(2026, 1, 1), satisfaction=9),
        Activity(id=2, account_id=1, day=date(2026, 2, 1), satisfaction=5),
        Activity(id=3, account_id=2, day=date(2026, 2, 1), satisfaction=1),
        Activity(id=4, account_id=2, day=date(2026, 3, 1)),
    ],
    deals=[deal(1, 1, 40, "won", date(2026, 4, 1)), deal(2, 2, 60, "won", date(2026, 4, 1))],
    history=[move(1, 1, date(2026, 1, 1), "Contacted"), move(2, 2, date(2026, 1, 1), "Won")],
    contacts=[Contact(id=1, account_id=2, level="executive")],
    schema=Schema(team=("Ben", "Ana")),
)


def test_every_figure_of_the_whole_portfolio() -> None:
    portfolio = build_portfolio(RECORDS, PortfolioFilter(), PortfolioSettings(), TODAY)
    assert portfolio.currency == "€"
    assert portfolio.totals.accounts == 2
    assert portfolio.totals.sales_this_year == 100
    assert [row.manager for row in portfolio.by_manager] == ["Ben", "Ana"]
    assert portfolio.concentration.top_5_share == 1.0
    assert portfolio.satisfaction.by_quarter[0].average == 4.0  # ((9 + 5) / 2 + 1) / 2
    assert [row.account.id for row in portfolio.satisfaction.falling] == [1]
    assert portfolio.turnaround.accounts_won == 0  # both accounts are in Contacted
    assert portfolio.compute_all() is portfolio
    assert all(name in vars(portfolio) for name in SECTIONS)


def test_the_filter_reaches_every_table() -> None:
    only_ben = build_portfolio(RECORDS, PortfolioFilter(manager="Ben"), PortfolioSettings(), TODAY)
    assert only_ben.totals.accounts == 1
    assert only_ben.totals.sales_this_year == 60
    assert only_ben.satisfaction.by_quarter[0].average == 1.0
    assert only_ben.satisfaction.falling == ()
    assert [part.score for part in only_ben.health.accounts[0].parts][3] == 1 / 3  # executive
    assert len(only_ben.turnaround.statuses) == 5
    nobody = build_portfolio(RECORDS, PortfolioFilter(manager="Zoe"), PortfolioSettings(), TODAY)
    assert nobody.totals.accounts == 0
    assert nobody.by_manager == ()
    assert nobody.health.accounts == ()


def test_sections_are_computed_when_first_read_and_kept() -> None:
    portfolio = build_portfolio(RECORDS, PortfolioFilter(), PortfolioSettings(), TODAY)
    assert not any(name in vars(portfolio) for name in SECTIONS)
    first = portfolio.health
    assert vars(portfolio).keys() & set(SECTIONS) == {"health"}
    assert portfolio.health is first


def test_the_service_reads_the_workspace(demo_repo: Repository, clock: Clock) -> None:
    workspace = Workspace(demo_repo, Settings(schema=demo_repo.schema), clock)
    portfolio = portfolio_of(workspace).compute_all()
    accounts = workspace.accounts()
    assert portfolio.today == clock().date()
    assert portfolio.totals.accounts == len(accounts)
    assert portfolio.totals.revenue == sum(a.annual_revenue for a in accounts)
    assert len(portfolio.health.accounts) == len(accounts)
    key_only = portfolio_of(workspace, PortfolioFilter(key_accounts_only=True))
    assert key_only.totals.accounts == sum(a.key_account for a in accounts)
    loss = what_if_of(portfolio, 2, 3)
    assert loss.revenue_lost == sum(item.value for item in portfolio.concentration.ranked[:2])


def test_every_definition_belongs_to_a_section_and_says_something() -> None:
    for key, text in DEFINITIONS.items():
        assert key.split(".")[0] in {"totals", *SECTIONS}, key
        assert text.endswith(".") and len(text) > 30, key
    for section in ("totals", *SECTIONS):
        assert any(key.startswith(f"{section}.") for key in DEFINITIONS), section


def test_kept_totals_follow_the_changes_on_the_feed(demo_repo: Repository, clock: Clock) -> None:
    workspace = Workspace(demo_repo, Settings(schema=demo_repo.schema), clock)
    kept = KeptTotals()
    workspace.subscribe(kept.note_change)
    before = portfolio_of(workspace, PortfolioFilter(), kept)
    assert (before.totals, before.by_manager) == _totals(portfolio_of(workspace))
    grown, dealt, deleted = workspace.accounts()[:3]
    deleted_revenue = deleted.annual_revenue
    # More revenue and a manager of its own; a deal won today; an account deleted.
    moved = replace(grown, annual_revenue=grown.annual_revenue + 1_000_00, assignee="Newcomer")
    assert workspace.save(moved).refusal is None
    won = Deal(account_id=dealt.id, title="Extra", amount=500_00, outcome="won",
               close_date=clock().date())  # fmt: skip
    assert workspace.save(won).refusal is None
    assert workspace.delete(deleted).refusal is None
    after = portfolio_of(workspace, PortfolioFilter(), kept)
    assert kept.changed == set()
    assert (after.totals, after.by_manager) == _totals(portfolio_of(workspace))
    assert after.totals.accounts == before.totals.accounts - 1
    assert after.totals.revenue == before.totals.revenue + 1_000_00 - deleted_revenue
    assert "Newcomer" in [row.manager for row in after.by_manager]
    newcomer = next(row for row in after.by_manager if row.manager == "Newcomer")
    assert (newcomer.accounts, newcomer.revenue) == (1, moved.annual_revenue)
    # An undo is a change on the feed too.
    assert workspace.undo().refusal is None
    undone = portfolio_of(workspace, PortfolioFilter(), kept)
    assert undone.totals.accounts == before.totals.accounts
    assert (undone.totals, undone.by_manager) == _totals(portfolio_of(workspace))


def _totals(portfolio: Portfolio) -> tuple[Totals, tuple[Totals, ...]]:
    return portfolio.totals, portfolio.by_manager


def test_totals_prepared_in_steps_take_in_the_changes_made_meanwhile(
    demo_repo: Repository, clock: Clock
) -> None:
    workspace = Workspace(demo_repo, Settings(schema=demo_repo.schema), clock)
    kept = KeptTotals()
    workspace.subscribe(kept.note_change)
    steps = kept.prepare(workspace)
    next(steps)  # the deals are summed; the accounts not yet
    account = workspace.accounts()[0]
    grown = replace(account, annual_revenue=account.annual_revenue + 500_00)
    assert workspace.save(grown).refusal is None
    assert list(steps) == [None]  # the accounts
    assert kept.ledger is not None and kept.changed == {account.id}
    after = portfolio_of(workspace, PortfolioFilter(), kept)
    assert (after.totals, after.by_manager) == _totals(portfolio_of(workspace))
    # A look at the totals before the end computes them at once; the preparation stops.
    kept.forget()
    steps = kept.prepare(workspace)
    next(steps)
    portfolio_of(workspace, PortfolioFilter(), kept)
    ledger = kept.ledger
    assert ledger is not None
    assert list(steps) == []
    assert kept.ledger is ledger
