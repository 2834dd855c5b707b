"""What each Portfolio figure means exactly: its id and its formula in plain sentences."""

from __future__ import annotations

DEFINITIONS: dict[str, str] = {
    # Totals
    "totals.accounts": "The number of accounts the filter lets through.",
    "totals.key_accounts": "How many of those accounts are marked as key accounts.",
    "totals.revenue": "The sum of the accounts' annual revenue (the account's own figure).",
    "totals.cost_to_serve": "The sum of the accounts' yearly cost to serve.",
    "totals.profit": "Annual revenue minus cost to serve, summed over the accounts; "
    "negative for a loss.",
    "totals.margin": "Profit divided by annual revenue; not shown when revenue is zero.",
    "totals.sales_this_year": "The sum of the amounts of won deals whose close date falls "
    "in this calendar year (today's year).",
    "totals.sales_last_year": "The sum of the amounts of won deals whose close date falls "
    "in the previous calendar year.",
    "totals.sales_last_year_to_date": "The sum of the amounts of won deals closed last year "
    "up to the same day of the year as today.",
    "totals.growth": "Sales this year divided by sales last year up to the same day, minus "
    "one (like for like); not shown when last year's figure is zero.",
    "totals.average_satisfaction": "The mean of the accounts' latest satisfaction scores "
    "(0-10), over the accounts that have a score.",
    "totals.rated_accounts": "How many of the accounts have a satisfaction score.",
    "totals.overdue": "Accounts whose last contact (or creation, if never contacted) is "
    "older than their contact cadence.",
    # Concentration
    "concentration.ranked": "Accounts by annual revenue, largest first, each with its "
    "share of total revenue and the cumulative share down to it (the Pareto chart).",
    "concentration.top_5_share": "The annual revenue of the 5 largest accounts divided by "
    "total annual revenue (all accounts when there are fewer).",
    "concentration.top_10_share": "The annual revenue of the 10 largest accounts divided "
    "by total annual revenue.",
    "concentration.top_percent_share": "The annual revenue of the largest P% of accounts "
    "(P from the config, 20 by default; the count rounded up) divided by total revenue.",
    "concentration.index": "The Herfindahl-Hirschman index: the sum over accounts of the "
    "square of each one's share of revenue; 1 when one account brings everything, "
    "1/N when N accounts bring the same.",
    "concentration.band": "The config band (numbers.concentration_bands) whose lowest "
    "index the concentration index reaches, the highest such band.",
    "concentration.what_if.revenue_lost": "Losing k of the top n accounts by revenue, in "
    "the worst case: the k largest of them go; their annual revenue.",
    "concentration.what_if.share_lost": "The worst-case revenue lost divided by total "
    "annual revenue.",
    "concentration.what_if.best_case_revenue": "Losing k of the top n, in the best case: "
    "the annual revenue of the k smallest of the top n.",
    "concentration.what_if.expected_revenue": "Losing k of the top n, on average when any "
    "k of them may go: k/n of the top n's annual revenue.",
    # Profitability
    "profitability.profit": "An account's annual revenue minus its cost to serve.",
    "profitability.margin": "An account's profit divided by its annual revenue; not shown "
    "when its revenue is zero.",
    "profitability.loss_makers": "Accounts whose cost to serve exceeds their revenue "
    "(negative profit); listed first.",
    "profitability.top_percent_share": "The profit of the top P% of accounts ranked by "
    "profit (count rounded up) divided by total profit, losses included in the total, so "
    "it passes 100% when other accounts lose money; not shown when total profit is zero "
    "or negative.",
    # Satisfaction
    "satisfaction.latest": "The account's latest satisfaction score (0-10): the score of "
    "its newest rated activity, or as entered on the account.",
    "satisfaction.series": "The scores of the account's rated activities, one point per "
    "day (the mean of that day's scores), oldest first.",
    "satisfaction.trend": "The last minus the first of the account's last N daily scores "
    "(N from the config, 5 by default); needs two rated days.",
    "satisfaction.average": "The mean of the accounts' latest scores over rated accounts.",
    "satisfaction.by_quarter": "Per calendar quarter: each account rated that quarter "
    "counts once with the mean of its scores in it; the figure is the mean of those.",
    "satisfaction.falling": "Accounts whose trend is negative, the steepest fall first.",
    # Turnaround
    "turnaround.average_days": "For each status, the mean length in days of the completed "
    "stays in it (from entering it to the next status change) in the status history; "
    "current stays are not counted.",
    "turnaround.median_days": "For each status, the median length of its completed stays.",
    "turnaround.current": "How many accounts are in the status now.",
    "turnaround.days_to_won": "Per account that reached Won: days from its first status "
    "history entry to its first move to Won, shown as mean and median; an account whose "
    "history starts at Won (nothing known before) is left out.",
    "turnaround.deal_win_rate": "Won deals divided by won plus lost deals (open deals do "
    "not count).",
    "turnaround.account_win_rate": "Accounts in the Won status divided by accounts in Won "
    "or Lost, now (the statuses numbers.won_status and numbers.lost_status name).",
    "turnaround.lost_reasons": "The reasons of lost deals and of moves to Lost in the "
    "history, counted together (reasons equal ignoring case and spacing are one); losses "
    "without a reason are counted apart.",
    "turnaround.stuck": "Accounts in their status for longer than twice the median "
    "completed stay of that status (days since they entered it), the most times the "
    "median first; nobody is stuck in Won or Lost, or in a status no account has left.",
    # Selection
    "selection.worth": "Financial worth by the configured measure (numbers.financial_worth"
    "): annual revenue, profit, or potential revenue.",
    "selection.worth_band": "Accounts ranked by worth and cut into fifths: band 5 is the "
    "highest fifth; equal worth gets the same (the lower) band.",
    "selection.cells": "How many accounts (and key accounts) have each strategic value "
    "(1-5) and worth band (1-5).",
    "selection.candidates": "Accounts that are not key accounts, with strategic value at "
    "least the config's high value (4 by default) and worth band 4 or 5.",
    "selection.to_review": "Key accounts with a low strategic value (6 minus the high "
    "value or less) and worth band 1 or 2.",
    "selection.hardest_to_replace": "The 10 accounts with the largest share of annual "
    "revenue, each with its share of revenue and of total profit.",
    # Health
    "health.score": "0-100: the weighted mean of the components the account has data for "
    "(weights from numbers.health_weights, scaled to add up to 1 over those components), "
    "times 100, rounded.",
    "health.contact": "1 while the days since the last contact (or creation, if never "
    "contacted) are within the cadence, falling in a straight line to 0 at twice the "
    "cadence; no data when neither day is known.",
    "health.satisfaction": "The latest satisfaction score divided by 10; no data without a score.",
    "health.plan": "The mean of the plan's progress (its objectives' mean progress) and "
    "the share of its not-done actions that are not overdue (1 when all are done); either "
    "alone when the other is missing; no data without measurable objectives or actions.",
    "health.stakeholders": "A third each for: a contact who is a decision maker, a contact "
    "at executive level, and two or more contacts (not single-threaded).",
    "health.margin": "The account's margin divided by the target margin (numbers."
    "target_margin), between 0 and 1; 0 for cost without revenue; no data when revenue "
    "and cost are both zero.",
}
"""Figure id -> its exact definition, shown when the user asks what a number is and by
`kam numbers --format md`."""
