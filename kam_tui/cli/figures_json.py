"""The Portfolio as JSON for scripts: every figure a {"value", "unit"} pair, money as a
decimal string in the currency, shares as fractions ("ratio"), durations in days."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kam_tui.domain.portfolio import (
    AccountRef,
    Portfolio,
    RankedAccount,
    SelectionAccount,
    Totals,
    WhatIf,
)

Figure = dict[str, Any]
RATIO = "ratio"
COUNT = "count"
DAYS = "days"
SCORE_10 = "score 0-10"
SCORE_100 = "score 0-100"
INDEX = "index 0-1"


def money_text(cents: int) -> str:
    """Cents as a decimal string with two places: -1234 -> "-12.34"."""
    return str(Decimal(cents).scaleb(-2).quantize(Decimal("0.01")))


class _Units:
    """Makes the figures of one Portfolio, in its currency."""

    def __init__(self, currency: str) -> None:
        self.currency = currency

    def money(self, cents: int) -> Figure:
        return {"value": money_text(cents), "unit": self.currency}


def figure(value: float | int | str | None, unit: str) -> Figure:
    """One figure with its unit (None when it cannot be computed)."""
    return {"value": value, "unit": unit}


def account(ref: AccountRef) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name}


def portfolio_json(portfolio: Portfolio) -> dict[str, Any]:
    """Every figure of `portfolio`, named, with its unit."""
    units = _Units(portfolio.currency)
    chosen = portfolio.filter
    return {
        "today": portfolio.today.isoformat(),
        "currency": portfolio.currency,
        "filter": {
            "manager": chosen.manager,
            "lists": list(chosen.lists),
            "statuses": list(chosen.statuses),
            "key_accounts_only": chosen.key_accounts_only,
        },
        "totals": _totals(units, portfolio.totals),
        "by_manager": [_totals(units, row) for row in portfolio.by_manager],
        "concentration": _concentration(units, portfolio),
        "profitability": _profitability(units, portfolio),
        "satisfaction": _satisfaction(portfolio),
        "turnaround": _turnaround(portfolio),
        "selection": _selection(units, portfolio),
        "health": _health(portfolio),
    }


def _totals(units: _Units, totals: Totals) -> dict[str, Any]:
    money = units.money
    named: dict[str, Any] = {} if totals.manager is None else {"manager": totals.manager}
    return named | {
        "accounts": figure(totals.accounts, COUNT),
        "key_accounts": figure(totals.key_accounts, COUNT),
        "revenue": money(totals.revenue),
        "cost_to_serve": money(totals.cost_to_serve),
        "profit": money(totals.profit),
        "margin": figure(totals.margin, RATIO),
        "sales_this_year": money(totals.sales_this_year),
        "sales_last_year": money(totals.sales_last_year),
        "sales_last_year_to_date": money(totals.sales_last_year_to_date),
        "growth": figure(totals.growth, RATIO),
        "average_satisfaction": figure(totals.average_satisfaction, SCORE_10),
        "rated_accounts": figure(totals.rated_accounts, COUNT),
        "overdue": figure(totals.overdue, COUNT),
    }


def _ranked(units: _Units, item: RankedAccount) -> dict[str, Any]:
    return {
        "account": account(item.account),
        "revenue": units.money(item.value),
        "share": figure(item.share, RATIO),
        "cumulative_share": figure(item.cumulative_share, RATIO),
    }


def what_if_json(units: _Units, loss: WhatIf) -> dict[str, Any]:
    return {
        "lose": figure(loss.lose, COUNT),
        "of_top": figure(loss.of_top, COUNT),
        "accounts": [account(item.account) for item in loss.lost],
        "revenue_lost": units.money(loss.revenue_lost),
        "share_lost": figure(loss.share_lost, RATIO),
        "best_case_revenue": units.money(loss.best_case_revenue),
        "expected_revenue": units.money(loss.expected_revenue),
    }


def _concentration(units: _Units, portfolio: Portfolio) -> dict[str, Any]:
    figures = portfolio.concentration
    return {
        "total_revenue": units.money(figures.total_revenue),
        "top_5_share": figure(figures.top_5_share, RATIO),
        "top_10_share": figure(figures.top_10_share, RATIO),
        "top_percent": figure(figures.top_percent, "percent of accounts"),
        "top_percent_count": figure(figures.top_percent_count, COUNT),
        "top_percent_share": figure(figures.top_percent_share, RATIO),
        "index": figure(figures.index, INDEX),
        "band": figures.band,
        "what_if": what_if_json(units, figures.what_if),
        "ranked": [_ranked(units, item) for item in figures.ranked],
    }


def _profitability(units: _Units, portfolio: Portfolio) -> dict[str, Any]:
    figures = portfolio.profitability
    return {
        "total_profit": units.money(figures.total_profit),
        "loss_makers": figure(figures.loss_makers, COUNT),
        "top_percent": figure(figures.top_percent, "percent of accounts"),
        "top_percent_count": figure(figures.top_percent_count, COUNT),
        "top_percent_profit": units.money(figures.top_percent_profit),
        "top_percent_share": figure(figures.top_percent_share, RATIO),
        "accounts": [
            {
                "account": account(row.account),
                "revenue": units.money(row.revenue),
                "cost_to_serve": units.money(row.cost_to_serve),
                "profit": units.money(row.profit),
                "margin": figure(row.margin, RATIO),
            }
            for row in figures.accounts
        ],
    }


def _satisfaction(portfolio: Portfolio) -> dict[str, Any]:
    figures = portfolio.satisfaction

    def row_json(row: Any) -> dict[str, Any]:
        return {
            "account": account(row.account),
            "latest": figure(row.latest, SCORE_10),
            "trend": figure(row.trend, "score points"),
            "series": [
                {"day": point.day.isoformat(), "score": figure(point.score, SCORE_10)}
                for point in row.series
            ],
        }

    return {
        "average": figure(figures.average, SCORE_10),
        "by_quarter": [
            {
                "quarter": quarter.label,
                "average": figure(quarter.average, SCORE_10),
                "accounts": figure(quarter.accounts, COUNT),
            }
            for quarter in figures.by_quarter
        ],
        "falling": [account(row.account) for row in figures.falling],
        "accounts": [row_json(row) for row in figures.accounts],
    }


def _turnaround(portfolio: Portfolio) -> dict[str, Any]:
    figures = portfolio.turnaround
    return {
        "statuses": [
            {
                "status": row.status,
                "stays": figure(row.stays, COUNT),
                "average_days": figure(row.average_days, DAYS),
                "median_days": figure(row.median_days, DAYS),
                "current": figure(row.current, COUNT),
            }
            for row in figures.statuses
        ],
        "days_to_won_average": figure(figures.days_to_won_average, DAYS),
        "days_to_won_median": figure(figures.days_to_won_median, DAYS),
        "won_accounts_measured": figure(figures.won_accounts_measured, COUNT),
        "deals_won": figure(figures.deals_won, COUNT),
        "deals_lost": figure(figures.deals_lost, COUNT),
        "deal_win_rate": figure(figures.deal_win_rate, RATIO),
        "accounts_won": figure(figures.accounts_won, COUNT),
        "accounts_lost": figure(figures.accounts_lost, COUNT),
        "account_win_rate": figure(figures.account_win_rate, RATIO),
        "lost_reasons": [
            {"reason": row.reason, "count": figure(row.count, COUNT)}
            for row in figures.lost_reasons
        ],
        "lost_without_reason": figure(figures.lost_without_reason, COUNT),
        "stuck": [
            {
                "account": account(row.account),
                "status": row.status,
                "days": figure(row.days, DAYS),
                "median_days": figure(row.median_days, DAYS),
            }
            for row in figures.stuck
        ],
    }


def _selection(units: _Units, portfolio: Portfolio) -> dict[str, Any]:
    figures = portfolio.selection

    def row_json(row: SelectionAccount) -> dict[str, Any]:
        return {
            "account": account(row.account),
            "strategic_value": figure(row.strategic_value, "1-5"),
            "worth": units.money(row.worth),
            "worth_band": figure(row.worth_band, "band 1-5"),
            "key_account": row.key_account,
            "revenue_share": figure(row.revenue_share, RATIO),
            "profit_share": figure(row.profit_share, RATIO),
        }

    return {
        "measure": figures.measure,
        "band_floors": [
            None if floor is None else units.money(floor) for floor in figures.band_floors
        ],
        "cells": [
            {
                "strategic_value": cell.strategic_value,
                "worth_band": cell.worth_band,
                "accounts": figure(cell.accounts, COUNT),
                "key_accounts": figure(cell.key_accounts, COUNT),
            }
            for cell in figures.cells
        ],
        "candidates": [row_json(row) for row in figures.candidates],
        "to_review": [row_json(row) for row in figures.to_review],
        "hardest_to_replace": [row_json(row) for row in figures.hardest_to_replace],
    }


def _health(portfolio: Portfolio) -> dict[str, Any]:
    figures = portfolio.health
    return {
        "average": figure(figures.average, SCORE_100),
        "accounts": [
            {
                "account": account(row.account),
                "score": figure(row.score, SCORE_100),
                "parts": [
                    {
                        "component": part.component,
                        "score": figure(part.score, RATIO),
                        "weight": part.weight,
                        "detail": part.detail,
                    }
                    for part in row.parts
                ],
            }
            for row in figures.accounts
        ],
    }
