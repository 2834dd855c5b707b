"""The demo's track record: a history that ends where each account stands, deals over two
years, and satisfaction that moves."""

from __future__ import annotations

import random
from datetime import date
from itertools import pairwise

from kam_tui.cli.check import check_repository
from kam_tui.domain.demo_history import (
    history_records,
    path_days,
    satisfaction_scores,
    status_path,
)
from kam_tui.domain.models import Account, Activity, Deal, StatusChange
from kam_tui.domain.schema import DEFAULT_STATUSES
from kam_tui.domain.status_history import closing_outcome, describe_entry
from kam_tui.domain.synthetic import build_synthetic
from kam_tui.store import Repository

TODAY = date(2026, 11, 20)


def test_every_demo_history_ends_in_the_account_status_on_its_status_since(
    demo_repo: Repository,
) -> None:
    for account in demo_repo.accounts():
        entries = demo_repo.children(StatusChange, account.id)
        moves = [entry for entry in entries if entry.kind == "status"]
        lists = [entry for entry in entries if entry.kind == "lifecycle"]
        assert (moves[-1].to_value, moves[-1].day) == (account.status, account.status_since)
        assert lists[-1].to_value == account.lifecycle
        assert moves[0].from_value == "" and lists[0].from_value == ""
        for before, after in pairwise(moves):
            assert after.from_value == before.to_value
            assert before.day is not None and after.day is not None and before.day <= after.day
        assert all(entry.by == account.assignee or not account.assignee for entry in entries)
    several = [
        account
        for account in demo_repo.accounts()
        if len([e for e in demo_repo.children(StatusChange, account.id) if e.kind == "status"]) > 2
    ]
    assert len(several) >= 15


def test_won_and_lost_demo_accounts_say_why_in_history_and_deal(demo_repo: Repository) -> None:
    closed = [a for a in demo_repo.accounts() if closing_outcome(a.status) is not None]
    assert closed
    for account in closed:
        last = demo_repo.children(StatusChange, account.id)
        move = [entry for entry in last if entry.kind == "status"][-1]
        deal = next(
            d for d in demo_repo.children(Deal, account.id) if d.close_date == account.status_since
        )
        assert move.reason and deal.reason == move.reason
        assert deal.outcome == closing_outcome(account.status)


def test_demo_deals_span_last_year_and_this_one(demo_repo: Repository) -> None:
    deals = demo_repo.all(Deal)
    won_years = {d.close_date.year for d in deals if d.outcome == "won" and d.close_date}
    assert won_years == {2025, 2026}
    assert {d.outcome for d in deals} == {"open", "won", "lost"}
    assert all(d.reason for d in deals if d.outcome != "open")
    assert all(d.owner for d in deals)
    assert all(d.close_date and d.close_date > TODAY for d in deals if d.outcome == "open")
    assert all(d.close_date and d.close_date <= TODAY for d in deals if d.outcome != "open")


def test_demo_satisfaction_rises_for_some_and_falls_for_others(demo_repo: Repository) -> None:
    trends = []
    for account in demo_repo.accounts():
        rated = sorted(
            (a for a in demo_repo.children(Activity, account.id) if a.satisfaction is not None),
            key=lambda activity: activity.day or TODAY,
        )
        assert len(rated) == 6
        assert rated[-1].satisfaction == account.satisfaction
        first, last = rated[0].satisfaction, rated[-1].satisfaction
        assert first is not None and last is not None
        trends.append(last - first)
    assert min(trends) <= -3 and max(trends) >= 3


def test_satisfaction_scores_end_at_the_final_score_and_stay_in_range() -> None:
    assert satisfaction_scores(5, 1) == (5, 6, 7, 7, 8, 9)
    assert satisfaction_scores(9, 1) == (9, 8, 7, 7, 6, 5)
    assert satisfaction_scores(10, 0) == (10, 10, 10, 9, 10, 10)
    assert satisfaction_scores(0, 0) == (0, 0, 0, 0, 0, 1)


def test_a_status_path_climbs_the_pipeline() -> None:
    rng = random.Random(3)
    assert status_path(DEFAULT_STATUSES, "Proposal sent", rng) == [
        "Contacted",
        "Demo provided",
        "Proposal sent",
    ]
    assert status_path(DEFAULT_STATUSES, "Won", rng) == [
        "Contacted",
        "Demo provided",
        "Proposal sent",
        "Won",
    ]
    assert status_path(DEFAULT_STATUSES, "Contacted", rng, returning=True) == [
        "Contacted",
        "Demo provided",
        "Lost",
        "Contacted",
    ]


def test_path_days_end_on_status_since_and_wait_longer_after_a_loss() -> None:
    path = ["Contacted", "Demo provided", "Lost", "Contacted"]
    days = path_days(path, TODAY, random.Random(1))
    assert days[-1] == TODAY and days == sorted(days)
    assert (days[-1] - days[-2]).days >= 60
    assert all(10 <= (b - a).days <= 40 for a, b in pairwise(days[:-1]))


def test_history_records_and_how_they_read() -> None:
    account = Account(id=4, status="Won", lifecycle="Existing")
    entries = history_records(
        account,
        ["Contacted", "Won"],
        [date(2026, 1, 5), date(2026, 2, 9)],
        "New",
        "Alice",
        ["", "Best price"],
    )
    assert [describe_entry(entry) for entry in entries] == [
        "none → Contacted  by Alice",
        "Contacted → Won  by Alice  (Best price)",
        "none → New  by Alice",
        "New → Existing  by Alice",
    ]
    assert [entry.day for entry in entries] == [
        date(2026, 1, 5),
        date(2026, 2, 9),
        date(2026, 1, 5),
        date(2026, 2, 9),
    ]


def test_closing_statuses_are_won_and_lost_in_any_case() -> None:
    assert closing_outcome("Won") == "won"
    assert closing_outcome(" LOST ") == "lost"
    assert closing_outcome("Proposal sent") is None
    assert closing_outcome("Won over") is None


def test_the_synthetic_store_has_deals_history_and_scores(repo: Repository) -> None:
    with repo.change("synthetic") as change:
        build_synthetic(change, repo.schema, TODAY, 40)
    assert repo.count(Activity) == 400 and repo.count(Deal) == 120
    assert 80 <= repo.count(StatusChange) <= 160
    rated = [a for a in repo.all(Activity) if a.satisfaction is not None]
    assert len(rated) == 160
    for account in repo.accounts():
        moves = repo.children(StatusChange, account.id)
        assert (moves[-1].to_value, moves[-1].day) == (account.status, account.status_since)
        assert {d.outcome for d in repo.children(Deal, account.id)} <= {"open", "won", "lost"}
    assert check_repository(repo) == []
