"""A synthetic portfolio of any size, for the benchmark and for trying the app at scale."""

from __future__ import annotations

import random
from datetime import date, timedelta

from kam_tui.domain.demo import DEMO_TEAM, ChangeSink
from kam_tui.domain.demo_history import (
    LOST_REASONS,
    WON_REASONS,
    history_records,
    path_days,
    status_path,
)
from kam_tui.domain.models import Account, Action, Activity, Contact, Deal, SwotItem
from kam_tui.domain.schema import Schema
from kam_tui.domain.status_history import closing_outcome

_WORDS = ("Apex", "Nova", "Blue", "Iron", "Silver", "Delta", "Prime", "Terra", "Vertex", "Orion")
_KINDS = ("Systems", "Foods", "Logistics", "Health", "Energy", "Labs", "Retail", "Media")


def build_synthetic(
    change: ChangeSink, schema: Schema, today: date, accounts: int, *, seed: int = 1
) -> None:
    """Write `accounts` accounts, each with 10 activities (every third scored), 3 contacts,
    4 SWOT items, 2 actions, 3 deals (won last year, won or lost this year, open) and a
    status history climbing the pipeline to its status (about 3 entries)."""
    rng = random.Random(seed)
    team = schema.team or DEMO_TEAM
    statuses = schema.status_names
    lists = schema.lists
    for number in range(accounts):
        last = today - timedelta(days=rng.randint(0, 90))
        account = change.save(
            Account(
                name=f"{rng.choice(_WORDS)} {rng.choice(_KINDS)} {number:05d}",
                industry=rng.choice(_KINDS),
                status=statuses[number % len(statuses)],
                status_since=today - timedelta(days=rng.randint(0, 120)),
                lifecycle=lists[number % len(lists)],
                assignee=team[number % len(team)],
                key_account=number % 10 == 0,
                annual_revenue=rng.randint(10, 5000) * 100_000,
                cost_to_serve=rng.randint(1, 500) * 100_000,
                satisfaction=rng.randint(0, 10),
                last_contact=last,
            ),
            record_history=False,
        )
        contacts = [
            change.save(
                Contact(account_id=account.id, name=f"Contact {number}-{i}", title="Manager")
            )
            for i in range(3)
        ]
        for i in range(10):
            change.save(
                Activity(
                    account_id=account.id,
                    kind="call",
                    day=last - timedelta(days=i * 14),
                    summary=f"Synthetic touch {i}",
                    contact_ids=(contacts[i % 3].id,),
                    satisfaction=(
                        account.satisfaction
                        if i == 0
                        else rng.randint(0, 10)
                        if i % 3 == 0
                        else None
                    ),
                )
            )
        for i, quadrant in enumerate("SWOT"):
            change.save(
                SwotItem(
                    account_id=account.id,
                    perspective=("customer", "view_of_us")[i % 2],
                    quadrant=quadrant,
                    text=f"Synthetic point {i}",
                )
            )
        for i in range(2):
            change.save(
                Action(
                    account_id=account.id,
                    title=f"Synthetic action {i}",
                    owner=account.assignee,
                    due=today + timedelta(days=rng.randint(-20, 40)),
                )
            )
        _track_record(change, rng, account, statuses, today)


def _track_record(
    change: ChangeSink, rng: random.Random, account: Account, statuses: tuple[str, ...], today: date
) -> None:
    """The account's status history (its moves only, not its list) and its three deals."""
    path = status_path(statuses, account.status, rng)
    days = path_days(path, account.status_since or today, rng)
    outcome = closing_outcome(account.status)
    reason = rng.choice(LOST_REASONS if outcome == "lost" else WON_REASONS) if outcome else ""
    reasons = ["" for _ in path[:-1]] + [reason]
    for entry in history_records(account, path, days, account.lifecycle, account.assignee, reasons):
        if entry.kind == "status":
            change.save(entry)
    won = next((status for status in statuses if closing_outcome(status) == "won"), "")
    lost = next((status for status in statuses if closing_outcome(status) == "lost"), "")
    amount = max(100_000, account.annual_revenue // 4 // 100_000 * 100_000)
    this_year = date(today.year, 1, 1) + timedelta(
        days=rng.randint(0, today.timetuple().tm_yday - 1)
    )
    last_year = date(today.year - 1, 1, 1) + timedelta(days=rng.randint(0, 364))
    lost_now = rng.randint(0, 3) == 0
    for title, stage, close, result, why in (
        ("Last year's renewal", won, last_year, "won", rng.choice(WON_REASONS)),
        (
            "This year's order",
            lost if lost_now else won,
            this_year,
            "lost" if lost_now else "won",
            rng.choice(LOST_REASONS if lost_now else WON_REASONS),
        ),
        (
            "Expansion",
            account.status if outcome is None else "",
            today + timedelta(days=60),
            "open",
            "",
        ),
    ):
        change.save(
            Deal(
                account_id=account.id,
                title=title,
                amount=amount,
                stage=stage,
                probability={"won": 100, "lost": 0}.get(result, 50),
                created=min(close, today) - timedelta(days=rng.randint(20, 120)),
                close_date=close,
                outcome=result,
                reason=why,
                owner=account.assignee,
            )
        )
