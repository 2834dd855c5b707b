"""A synthetic portfolio of any size, for the benchmark and for trying the app at scale."""

from __future__ import annotations

import random
from datetime import date, timedelta

from kam_tui.domain.demo import DEMO_TEAM, ChangeSink
from kam_tui.domain.models import Account, Action, Activity, Contact, SwotItem
from kam_tui.domain.schema import Schema

_WORDS = ("Apex", "Nova", "Blue", "Iron", "Silver", "Delta", "Prime", "Terra", "Vertex", "Orion")
_KINDS = ("Systems", "Foods", "Logistics", "Health", "Energy", "Labs", "Retail", "Media")


def build_synthetic(
    change: ChangeSink, schema: Schema, today: date, accounts: int, *, seed: int = 1
) -> None:
    """Write `accounts` accounts, each with 10 activities, 3 contacts, 4 SWOT items, 2 actions."""
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
            )
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
