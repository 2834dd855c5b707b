"""The health score: each component's formula, missing data, weights and the order."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from portfolio_fixtures import TODAY, account

from kam_tui.domain.models import Action, Contact, Objective
from kam_tui.domain.parts import KeyResult
from kam_tui.domain.portfolio import HEALTH_COMPONENTS, PortfolioSettings
from kam_tui.domain.portfolio.health import (
    account_health,
    contact_part,
    health,
    margin_part,
    plan_part,
    satisfaction_part,
    stakeholder_part,
)

SETTINGS = PortfolioSettings()


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_contact_is_full_within_the_cadence_and_zero_at_twice_it() -> None:
    assert contact_part(account(1, last_contact=days_ago(30)), TODAY, 30)[0] == 1.0
    assert contact_part(account(1, last_contact=days_ago(45)), TODAY, 30)[0] == 0.5
    assert contact_part(account(1, last_contact=days_ago(60)), TODAY, 30)[0] == 0.0
    assert contact_part(account(1, last_contact=days_ago(90)), TODAY, 30)[0] == 0.0
    own_cadence = account(1, last_contact=days_ago(15), cadence_days=10)
    assert contact_part(own_cadence, TODAY, 30) == (0.5, "15 days since last contact, cadence 10")


def test_contact_never_made_counts_from_creation_or_is_unknown() -> None:
    created = datetime(2026, 11, 5, tzinfo=UTC)  # 15 days before TODAY
    score, detail = contact_part(account(1, last_contact=None, created=created), TODAY, 10)
    assert score == 0.5
    assert "since created" in detail
    assert contact_part(account(1, last_contact=None), TODAY, 10) == (None, "never contacted")


def test_satisfaction_is_the_score_over_ten() -> None:
    assert satisfaction_part(account(1, satisfaction=7))[0] == pytest.approx(0.7)
    assert satisfaction_part(account(1))[0] is None


def objective(*results: tuple[int, int]) -> Objective:
    return Objective(
        account_id=1,
        key_results=tuple(
            KeyResult("r", Decimal(target), Decimal(current)) for target, current in results
        ),
    )


def test_plan_mixes_progress_and_actions_on_time() -> None:
    overdue = Action(account_id=1, due=TODAY - timedelta(days=1))
    on_time = Action(account_id=1, due=TODAY + timedelta(days=1))
    done = Action(account_id=1, due=TODAY - timedelta(days=9), status="done")
    # progress: objective A (5/10 and 10/10 -> 0.75), objective B (0/4 -> 0): mean 0.375
    objectives = [objective((10, 5), (10, 10)), objective((4, 0))]
    score, detail = plan_part(objectives, [overdue, on_time, done], TODAY)
    assert score == pytest.approx((0.375 + 0.5) / 2)
    assert detail == "progress 38%, 1 of 2 open actions overdue"
    assert plan_part([], [done], TODAY)[0] == 1.0  # every action done
    assert plan_part(objectives, [], TODAY)[0] == pytest.approx(0.375)
    assert plan_part([objective((0, 3))], [], TODAY)[0] is None  # no target: not measurable
    assert plan_part([], [], TODAY) == (None, "no measurable objectives, no actions")


def test_stakeholders_a_third_each() -> None:
    boss = Contact(account_id=1, level="executive", buying_role="decision maker")
    user = Contact(account_id=1, level="user", buying_role="user")
    assert stakeholder_part([])[0] == 0.0
    assert stakeholder_part([user])[0] == 0.0
    assert stakeholder_part([boss])[0] == pytest.approx(2 / 3)
    assert stakeholder_part([user, user])[0] == pytest.approx(1 / 3)
    assert stakeholder_part([boss, user]) == (
        1.0,
        "decision maker, executive, 2 contacts",
    )


def test_margin_against_the_target() -> None:
    assert margin_part(account(1, annual_revenue=100, cost_to_serve=85), 0.3)[0] == pytest.approx(
        0.5
    )
    assert margin_part(account(1, annual_revenue=100, cost_to_serve=10), 0.3)[0] == 1.0
    assert margin_part(account(1, annual_revenue=100, cost_to_serve=150), 0.3)[0] == 0.0
    assert margin_part(account(1, cost_to_serve=10), 0.3) == (0.0, "cost without revenue")
    assert margin_part(account(1), 0.3)[0] is None


def test_missing_components_are_left_out_and_the_weights_renormalised() -> None:
    one = account(1, last_contact=days_ago(5), annual_revenue=100, cost_to_serve=85)
    result = account_health(one, TODAY, 30, SETTINGS)
    assert [part.component for part in result.parts] == list(HEALTH_COMPONENTS)
    scores = {part.component: part.score for part in result.parts}
    assert scores["satisfaction"] is None
    assert scores["plan"] is None
    # contact 1.0 x 0.25, stakeholders 0 x 0.15, margin 0.5 x 0.15 over 0.55 = 0.5909
    assert result.score == 59


def test_weights_from_the_config() -> None:
    one = account(1, last_contact=days_ago(5), satisfaction=2)
    only_satisfaction = PortfolioSettings(health_weights={"satisfaction": 1.0})
    assert account_health(one, TODAY, 30, only_satisfaction).score == 20
    nothing_weighted = PortfolioSettings(health_weights={"plan": 1.0})
    assert account_health(one, TODAY, 30, nothing_weighted).score is None


def test_worst_first_and_unscored_last() -> None:
    accounts = [
        account(1, name="b", satisfaction=9, last_contact=None),
        account(2, name="a", satisfaction=2, last_contact=None),
        account(3, last_contact=None),
        account(4, name="c", satisfaction=2, last_contact=None),
    ]
    weights = PortfolioSettings(health_weights={"satisfaction": 1.0})
    result = health(accounts, TODAY, 30, weights, {}, {}, {})
    assert [row.account.id for row in result.accounts] == [2, 4, 1, 3]
    assert [row.score for row in result.accounts] == [20, 20, 90, None]
    assert result.average == pytest.approx(130 / 3)
    assert health([], TODAY, 30, SETTINGS, {}, {}, {}).average is None


def test_the_portfolio_scores_as_the_breakdown_does() -> None:
    """health() ranks by a score computed without the breakdown: it must be the same."""
    rng = random.Random(16)
    accounts, objectives, actions, contacts = [], {}, {}, {}
    for number in range(1, 400):
        accounts.append(
            account(
                number,
                last_contact=rng.choice([None, days_ago(rng.randint(0, 90))]),
                created=rng.choice([None, datetime(2026, 6, 1, tzinfo=UTC)]),
                cadence_days=rng.choice([None, 7, 45]),
                satisfaction=rng.choice([None, *range(11)]),
                annual_revenue=rng.choice([0, 100, 1000]),
                cost_to_serve=rng.choice([0, 50, 900, 2000]),
            )
        )
        objectives[number] = [objective((10, rng.randint(0, 12)))] * rng.randint(0, 2)
        actions[number] = [
            Action(account_id=number, due=days_ago(rng.randint(-5, 5)), status=status)
            for status in rng.sample(["open", "done", "open"], rng.randint(0, 3))
        ]
        contacts[number] = [
            Contact(
                account_id=number,
                level=rng.choice(["executive", "user"]),
                buying_role=rng.choice(["decision maker", "user"]),
            )
            for _ in range(rng.randint(0, 3))
        ]
    weights = PortfolioSettings(
        health_weights={
            "contact": 1,
            "satisfaction": 2,
            "plan": 0.5,
            "stakeholders": 1,
            "margin": 3,
        }
    )
    for settings in (SETTINGS, weights):
        result = health(accounts, TODAY, 30, settings, objectives, actions, contacts)
        for row in result.accounts:
            one = next(a for a in accounts if a.id == row.account.id)
            alone = account_health(
                one,
                TODAY,
                30,
                settings,
                objectives[one.id],
                actions[one.id],
                contacts[one.id],
            )
            assert row.score == alone.score
            assert row.parts == alone.parts
    assert {row.score is None for row in result.accounts} == {False}
