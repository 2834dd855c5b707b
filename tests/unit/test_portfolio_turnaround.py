"""Turnaround from the status history: stays, time to Won, win rates, reasons, stuck cards."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from portfolio_fixtures import TODAY, account, deal, move

from kam_tui.domain.models import StatusChange
from kam_tui.domain.portfolio import PortfolioSettings, ReasonCount, StatusDuration
from kam_tui.domain.portfolio.turnaround import tally_reasons, turnaround
from kam_tui.domain.schema import DEFAULT_STATUSES

D = date
SETTINGS = PortfolioSettings()
ACCOUNTS = [
    account(1, status="Won", status_since=D(2026, 1, 31)),
    account(2, status="Lost", status_since=D(2026, 2, 4)),
    account(3, status="Contacted", status_since=D(2026, 3, 1)),
    account(4, status="Won", status_since=D(2026, 5, 1)),
    account(5, status="Demo provided", status_since=D(2026, 11, 1)),
]
HISTORY = {
    1: [
        move(3, 1, D(2026, 1, 31), "Won", "Demo provided"),
        move(1, 1, D(2026, 1, 1), "Contacted"),
        move(2, 1, D(2026, 1, 11), "Demo provided", "Contacted"),
        StatusChange(id=9, account_id=1, day=D(2026, 1, 5), kind="lifecycle", to_value="New"),
    ],
    2: [
        move(4, 2, D(2026, 1, 1), "Contacted"),
        move(5, 2, D(2026, 1, 5), "Demo provided", "Contacted"),
        move(6, 2, D(2026, 2, 4), "Lost", "Demo provided", reason="Price"),
    ],
    3: [move(7, 3, D(2026, 3, 1), "Contacted")],
    4: [move(8, 4, D(2026, 5, 1), "Won")],  # seeded at Won: nothing known before
    5: [move(10, 5, D(2026, 11, 1), "Demo provided")],
}
DEALS = [
    deal(1, 1, 100, "won", D(2026, 1, 31)),
    deal(2, 4, 100, "won", D(2026, 5, 1)),
    replace(deal(3, 2, 100, "lost", D(2026, 2, 4)), reason=" price "),
    deal(4, 2, 100, "lost", D(2026, 2, 4)),  # no reason given
    deal(5, 3, 100, "open", None),
]


def test_time_in_each_status_from_completed_stays() -> None:
    result = turnaround(ACCOUNTS, HISTORY, DEALS, DEFAULT_STATUSES, TODAY, SETTINGS)
    assert result.statuses == (
        StatusDuration("Contacted", 2, 7.0, 7.0, 1),  # stays of 10 and 4 days
        StatusDuration("Demo provided", 2, 25.0, 25.0, 1),  # 20 and 30 days
        StatusDuration("Proposal sent", 0, None, None, 0),
        StatusDuration("Won", 0, None, None, 2),
        StatusDuration("Lost", 0, None, None, 1),
    )


def test_days_to_won_and_win_rates() -> None:
    result = turnaround(ACCOUNTS, HISTORY, DEALS, DEFAULT_STATUSES, TODAY, SETTINGS)
    assert result.won_accounts_measured == 1  # account 4's history starts at Won
    assert result.days_to_won_average == 30.0
    assert result.days_to_won_median == 30.0
    assert (result.deals_won, result.deals_lost) == (2, 2)
    assert result.deal_win_rate == pytest.approx(0.5)
    assert (result.accounts_won, result.accounts_lost) == (2, 1)
    assert result.account_win_rate == pytest.approx(2 / 3)


def test_lost_reasons_from_deals_and_moves_to_lost() -> None:
    result = turnaround(ACCOUNTS, HISTORY, DEALS, DEFAULT_STATUSES, TODAY, SETTINGS)
    assert result.lost_reasons == (ReasonCount("Price", 2),)
    assert result.lost_without_reason == 1


def test_stuck_past_twice_the_median_but_never_in_won_or_lost() -> None:
    result = turnaround(ACCOUNTS, HISTORY, DEALS, DEFAULT_STATUSES, TODAY, SETTINGS)
    # Contacted: median 7, account 3 has been there since 1 March (264 days).
    # Demo provided: median 25, account 5 only 19 days: not stuck.
    assert [(row.account.id, row.days, row.median_days) for row in result.stuck] == [(3, 264, 7.0)]


def test_statuses_found_only_in_the_history_come_after_the_configured_ones() -> None:
    history = {1: [move(1, 1, D(2026, 1, 1), "Paused"), move(2, 1, D(2026, 1, 3), "Contacted")]}
    result = turnaround(ACCOUNTS[:1], history, [], ("Contacted", "Won"), TODAY, SETTINGS)
    assert [row.status for row in result.statuses] == ["Contacted", "Won", "Paused"]
    assert result.statuses[2].average_days == 2.0


def test_median_of_an_even_and_an_odd_count() -> None:
    history = {
        1: [
            move(1, 1, D(2026, 1, 1), "Contacted"),
            move(2, 1, D(2026, 1, 2), "Won"),  # 1 day
        ],
        2: [
            move(3, 2, D(2026, 1, 1), "Contacted"),
            move(4, 2, D(2026, 1, 4), "Won"),  # 3 days
        ],
        3: [
            move(5, 3, D(2026, 1, 1), "Contacted"),
            move(6, 3, D(2026, 1, 11), "Won"),  # 10 days
        ],
    }
    accounts = [account(n, status="Won") for n in (1, 2, 3)]
    result = turnaround(accounts, history, [], ("Contacted", "Won"), TODAY, SETTINGS)
    assert result.statuses[0].median_days == 3.0
    assert result.statuses[0].average_days == pytest.approx(14 / 3)
    two = turnaround(accounts[:2], history, [], ("Contacted", "Won"), TODAY, SETTINGS)
    assert two.statuses[0].median_days == 2.0
    assert two.days_to_won_median == 2.0


def test_no_history_and_no_deals() -> None:
    result = turnaround([account(1)], {}, [], DEFAULT_STATUSES, TODAY, SETTINGS)
    assert all(row.average_days is None for row in result.statuses)
    assert result.days_to_won_average is None
    assert result.deal_win_rate is None
    assert result.account_win_rate is None
    assert result.lost_reasons == ()
    assert result.stuck == ()


def test_tally_reasons_counts_equal_reasons_together_most_frequent_first() -> None:
    reasons, empty = tally_reasons(["Timing", "price", "", " Price ", "  ", "timing", "Budget"])
    assert reasons == (ReasonCount("price", 2), ReasonCount("Timing", 2), ReasonCount("Budget", 1))
    assert empty == 2


def test_only_the_first_move_to_won_counts_and_a_history_may_start_at_lost() -> None:
    history = {
        1: [
            move(1, 1, D(2026, 1, 1), "Contacted"),
            move(2, 1, D(2026, 1, 5), "Won", "Contacted"),
            move(3, 1, D(2026, 2, 1), "Lost", "Won", reason="Moved away"),
            move(4, 1, D(2026, 3, 1), "won", "Lost"),  # the status compared ignoring case
        ],
        2: [move(5, 2, D(2026, 1, 1), "Lost", reason="moved  away")],
    }
    accounts = [account(1, status="Won"), account(2, status="Lost")]
    result = turnaround(accounts, history, [], DEFAULT_STATUSES, TODAY, SETTINGS)
    assert result.won_accounts_measured == 1
    assert result.days_to_won_average == 4.0
    assert result.lost_reasons == (ReasonCount("Moved away", 2),)
    stays = {row.status: row.stays for row in result.statuses}
    assert stays == {"Contacted": 1, "Demo provided": 0, "Proposal sent": 0, "Won": 1, "Lost": 1}
