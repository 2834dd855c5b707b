"""The demo portfolio: about 30 realistic accounts with everything an account plan holds."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from kam_tui.domain.demo_history import (
    RATED_TOUCHES,
    ChangeSink,
    satisfaction_scores,
    write_track_record,
)
from kam_tui.domain.models import (
    Account,
    Action,
    Activity,
    Contact,
    KeyResult,
    Objective,
    ProcessStep,
    SwotItem,
    TeamMember,
)
from kam_tui.domain.schema import Schema

DEMO_TEAM: tuple[str, ...] = ("Alice Martin", "Bruno Keller", "Chloé Dubois", "Dev Patel")
"""The account managers of the demo, used when the config names no team."""

_COMPANIES: tuple[tuple[str, str, str], ...] = (
    ("Northwind Traders", "Wholesale", "Seattle, WA"),
    ("Contoso Pharma", "Pharmaceuticals", "Basel, CH"),
    ("Fabrikam Motors", "Automotive", "Stuttgart, DE"),
    ("Tailspin Airlines", "Aviation", "Dublin, IE"),
    ("Litware Systems", "Software", "Austin, TX"),
    ("Adventure Works", "Outdoor retail", "Denver, CO"),
    ("Wide World Importers", "Logistics", "Rotterdam, NL"),
    ("Proseware Health", "Healthcare", "Boston, MA"),
    ("Woodgrove Bank", "Banking", "London, UK"),
    ("Lucerne Publishing", "Media", "Lucerne, CH"),
    ("Coho Winery", "Food & beverage", "Napa, CA"),
    ("Alpine Ski House", "Leisure", "Innsbruck, AT"),
    ("Blue Yonder Energy", "Energy", "Oslo, NO"),
    ("Trey Research", "Biotech", "Cambridge, UK"),
    ("Graphic Design Institute", "Education", "Milan, IT"),
    ("Humongous Insurance", "Insurance", "Hartford, CT"),
    ("Margie's Travel", "Travel", "Lisbon, PT"),
    ("Nod Publishers", "Media", "Toronto, CA"),
    ("Relecloud", "Cloud services", "Dublin, IE"),
    ("School of Fine Art", "Education", "Paris, FR"),
    ("Southridge Video", "Media", "Los Angeles, CA"),
    ("VanArsdel Foods", "Food & beverage", "Chicago, IL"),
    ("Wingtip Toys", "Retail", "Copenhagen, DK"),
    ("First Up Consultants", "Consulting", "Madrid, ES"),
    ("Datum Corporation", "Analytics", "Munich, DE"),
    ("Consolidated Messenger", "Logistics", "Warsaw, PL"),
    ("Fourth Coffee", "Food & beverage", "Seattle, WA"),
    ("City Power & Light", "Utilities", "Lyon, FR"),
    ("Bellows College", "Education", "Edinburgh, UK"),
    ("Tasmanian Traders", "Wholesale", "Hobart, AU"),
)
DEMO_COMPANY_NAMES: tuple[str, ...] = tuple(name for name, _, _ in _COMPANIES)
"""The demo accounts' names, in the order the demo creates them."""
_FIRST = ("Anna", "Ben", "Carla", "David", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas")
_LAST = ("Novak", "Schmidt", "Rossi", "Silva", "Khan", "Berg", "Moreau", "Tanaka", "Lopez")
_TITLES: tuple[tuple[str, str, str], ...] = (
    ("CEO", "executive", "decision maker"),
    ("CFO", "executive", "decision maker"),
    ("Head of Procurement", "purchasing", "gatekeeper"),
    ("IT Director", "management", "influencer"),
    ("Operations Manager", "management", "champion"),
    ("Lead Engineer", "technical", "influencer"),
    ("Team Lead", "user", "user"),
)
_SWOT: dict[tuple[str, str], tuple[str, ...]] = {
    ("customer", "S"): ("Strong brand in home market", "Loyal installed base", "Cash rich"),
    ("customer", "W"): ("Legacy IT slows launches", "High staff turnover in ops"),
    ("customer", "O"): ("Expansion into Nordics", "Digital self-service channel"),
    ("customer", "T"): ("Low-cost entrant in core segment", "New data regulation"),
    ("view_of_us", "S"): ("Responsive support", "Deep industry know-how", "Reliable delivery"),
    ("view_of_us", "W"): ("Pricing seen as high", "Reliable delivery", "Slow contract changes"),
    ("view_of_us", "O"): ("Bundle analytics into renewal", "Executive sponsorship program"),
    ("view_of_us", "T"): ("Competitor courting the CFO", "Budget freeze next year"),
}
_BUYING_STEPS: tuple[tuple[str, str], ...] = (
    ("Recognise need", "Prospecting"),
    ("Define requirements", "Qualification"),
    ("Evaluate suppliers", "Solution design"),
    ("Legal and security review", ""),
    ("Negotiate terms", "Negotiation"),
    ("Sign and onboard", "Onboarding"),
)
_SUMMARIES = (
    "Quarterly business review with the leadership team",
    "Call about renewal timeline and budget",
    "Sent proposal follow-up with pricing options",
    "On-site visit: workshop with operations",
    "Feedback on the last delivery, mostly positive",
    "Discussed expansion to a second site",
)
_REVIEWS = (
    "Satisfaction survey returned",
    "Service review with operations",
    "Annual review with the sponsor",
)

_LOSS_MAKERS: dict[str, int] = {"Wingtip Toys": 130, "School of Fine Art": 115}
"""Demo accounts that cost more to serve than they bring: cost as a percentage of revenue."""
_UNDERRATED: dict[str, int] = {"Trey Research": 5, "Alpine Ski House": 4}
"""Large demo accounts of high strategic value that are not key accounts yet: candidates
for the key-account selection (their strategic value)."""

__all__ = ["DEMO_COMPANY_NAMES", "DEMO_TEAM", "ChangeSink", "DemoSize", "build_demo"]


@dataclass(frozen=True)
class DemoSize:
    """How many records the demo creates (for `kam check` and tests)."""

    accounts: int


def build_demo(change: ChangeSink, schema: Schema, today: date, *, seed: int = 7) -> DemoSize:
    """Write the demo portfolio through `change` (one ChangeSet, so it is one undoable change).

    Deterministic for a given seed and day, so snapshots of it never move. Each account's
    track record (status history, deals, scores over time) comes from a generator of its
    own, so it does not shift the rest of the portfolio.
    """
    rng = random.Random(seed)
    team = schema.team or DEMO_TEAM
    statuses = schema.status_names
    lists = schema.lists
    stages = schema.selling_stages
    for index, (name, industry, city) in enumerate(_COMPANIES):
        revenue = rng.choice((40, 75, 120, 250, 480, 900, 1500, 3200)) * 1_000_00 * 10
        key = index % 3 == 0
        last_contact = today - timedelta(days=rng.choice((2, 5, 9, 16, 25, 38, 52, 75)))
        drafted = Account(
            name=name,
            industry=industry,
            offer_type=rng.choice(("Subscription", "License", "Services")),
            rating=rng.choice(("Hot", "Warm", "Cold")),
            address=city,
            website=f"https://www.{name.lower().replace(' ', '').replace(chr(39), '')}.example",
            status=statuses[index % len(statuses)],
            status_since=today - timedelta(days=rng.randint(1, 60)),
            lifecycle=lists[(index // 2) % len(lists)],
            assignee=team[index % len(team)] if index % 11 != 10 else "",
            team=(TeamMember(team[(index + 1) % len(team)], "account support"),),
            key_account=key,
            strategic_value=rng.randint(2, 5) if key else rng.randint(1, 4),
            annual_revenue=revenue,
            potential_revenue=revenue * rng.choice((1, 2, 3)),
            cost_to_serve=revenue // rng.choice((4, 6, 10)),
            satisfaction=rng.randint(4, 10),
            stage=(
                "presales",
                "contract negotiation",
                "implementation",
                "review",
                "exploitation",
            )[index % 5],
            cadence_days=14 if key else None,
            last_contact=last_contact,
            tags=("priority",) if key else (),
            notes="Demo account.",
            demo=True,
        )
        account = change.save(_varied(drafted), record_history=False)
        scores = satisfaction_scores(account.satisfaction or 0, index)
        _demo_children(change, rng, account, team, stages, today, scores)
        write_track_record(
            change,
            account,
            statuses,
            lists,
            account.assignee or team[0],
            today,
            random.Random(f"{seed}:{name}"),
        )
    return DemoSize(accounts=len(_COMPANIES))


def _varied(account: Account) -> Account:
    """The drafted account, made a loss-maker or an overlooked candidate when it is one of
    those the demo shows (set after drafting, so every other account stays as it was)."""
    if account.name in _LOSS_MAKERS:
        cost = account.annual_revenue * _LOSS_MAKERS[account.name] // 100
        account = replace(account, cost_to_serve=cost)
    if account.name in _UNDERRATED:
        account = replace(account, strategic_value=_UNDERRATED[account.name])
    return account


def _demo_children(
    change: ChangeSink,
    rng: random.Random,
    account: Account,
    team: tuple[str, ...],
    stages: tuple[str, ...],
    today: date,
    scores: tuple[int, ...],
) -> None:
    contact_ids: list[int] = []
    boss: int | None = None
    count = rng.randint(2, 4) if account.id % 4 else 3
    # _TITLES runs from the most senior down: the first contact is everyone's boss.
    picks = sorted({(account.id + position) % len(_TITLES) for position in range(count)})
    if account.id % 4 == 0:
        picks = [0, *(pick for pick in picks if pick != 0)][:count]
    for position, pick in enumerate(picks):
        title, level, role = _TITLES[pick]
        contact = change.save(
            Contact(
                account_id=account.id,
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                title=title,
                level=level,
                buying_role=role,
                stance=rng.choice(("champion", "supporter", "neutral", "detractor")),
                influence=rng.choice(("high", "medium", "low")),
                reports_to=boss,
                email=f"contact{account.id}.{position}@example.com",
                phone=f"+1 555 01{account.id:02d}{position}",
                owner=account.assignee or team[0],
            )
        )
        boss = boss or contact.id
        contact_ids.append(contact.id)
    assert account.last_contact is not None
    for step in range(3):
        change.save(
            Activity(
                account_id=account.id,
                kind=("meeting", "call", "email", "visit", "feedback")[(account.id + step) % 5],
                day=account.last_contact - timedelta(days=step * 21),
                summary=_SUMMARIES[(account.id + step) % len(_SUMMARIES)],
                contact_ids=(contact_ids[step % len(contact_ids)],),
                satisfaction=scores[step],
                logged_by=account.assignee,
            )
        )
    for step in range(3, RATED_TOUCHES):
        change.save(
            Activity(
                account_id=account.id,
                kind=("feedback", "meeting")[step % 2],
                day=account.last_contact - timedelta(days=42 + (step - 2) * 63),
                summary=_REVIEWS[(account.id + step) % len(_REVIEWS)],
                contact_ids=(contact_ids[0],),
                satisfaction=scores[step],
                logged_by=account.assignee,
            )
        )
    for number, ((perspective, quadrant), texts) in enumerate(_SWOT.items()):
        for position, text in enumerate(texts[: 1 + (account.id + number) % 2]):
            change.save(
                SwotItem(
                    account_id=account.id,
                    perspective=perspective,
                    quadrant=quadrant,
                    text=text,
                    priority=("high", "medium", "low")[(account.id + position) % 3],
                    position=position,
                )
            )
    objective = change.save(
        Objective(
            account_id=account.id,
            title="Grow share of wallet",
            key_results=(
                KeyResult("Annual revenue (k)", Decimal(1000), Decimal(rng.randint(300, 1100))),
                KeyResult("Executive meetings", Decimal(4), Decimal(rng.randint(0, 4))),
            ),
        )
    )
    for offset, (title, status) in enumerate(
        (("Prepare renewal proposal", "open"), ("Map the new CFO's priorities", "in progress"))
    ):
        change.save(
            Action(
                account_id=account.id,
                title=title,
                owner=account.assignee or team[0],
                due=today + timedelta(days=(-10 if account.id % 3 == 0 else 12) + offset * 7),
                status=status if account.id % 5 else "done",
                objective_id=objective.id,
            )
        )
    for position, (buying_step, stage) in enumerate(_BUYING_STEPS[: 4 + account.id % 3]):
        change.save(
            ProcessStep(
                account_id=account.id,
                buying_step=buying_step,
                selling_stage=stage if stage in stages else "",
                owner=account.assignee,
                state=("done", "in progress", "not started")[min(2, position // 2)],
                position=position,
            )
        )
