"""The health score of an account: weighted components, each 0-1, with its breakdown."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial
from typing import overload

from kam_tui.domain.models import Account, Action, Contact, Objective
from kam_tui.domain.portfolio.common import mean, name_order, ref
from kam_tui.domain.portfolio.figures import AccountHealth, Health, HealthPart
from kam_tui.domain.portfolio.profitability import profit_of
from kam_tui.domain.portfolio.tuning import HEALTH_COMPONENTS, PortfolioSettings
from kam_tui.domain.rules import cadence_of

Part = tuple[float | None, str]
"""A component's score (None: no data) and what it was made from."""
DECISION_MAKER = "decision maker"
EXECUTIVE = "executive"


def clamp(value: float) -> float:
    """`value` held within 0-1."""
    return min(1.0, max(0.0, value))


def contact_part(account: Account, today: date, default_cadence_days: int) -> Part:
    """1 within the cadence, falling linearly to 0 at twice the cadence, counted from the
    last contact or, never contacted, from the account's creation."""
    reference = account.last_contact or (account.created.date() if account.created else None)
    if reference is None:
        return None, "never contacted"
    days = max(0, (today - reference).days)
    cadence = cadence_of(account, default_cadence_days)
    score = clamp(2 - days / cadence) if cadence > 0 else float(days == 0)
    since = "since last contact" if account.last_contact else "since created, no contact"
    return score, f"{days} days {since}, cadence {cadence}"


def satisfaction_part(account: Account) -> Part:
    """The latest score over 10."""
    if account.satisfaction is None:
        return None, "no score"
    return clamp(account.satisfaction / 10), f"score {account.satisfaction}/10"


def plan_part(objectives: Sequence[Objective], actions: Sequence[Action], today: date) -> Part:
    """The mean of the objectives' mean progress and the share of not-done actions on time
    (1 when all are done); either alone when the other is not known."""
    progress = mean([p for p in (objective.progress for objective in objectives) if p is not None])
    open_actions = [action for action in actions if action.status != "done"]
    overdue = sum(1 for action in open_actions if action.is_overdue(today))
    on_time: float | None = None
    if open_actions:
        on_time = 1 - overdue / len(open_actions)
    elif actions:
        on_time = 1.0
    known = [value for value in (progress, on_time) if value is not None]
    if not known:
        return None, "no measurable objectives, no actions"
    words = []
    if progress is not None:
        words.append(f"progress {round(progress * 100)}%")
    if on_time is not None:
        words.append(f"{overdue} of {len(open_actions)} open actions overdue")
    return clamp(sum(known) / len(known)), ", ".join(words)


def stakeholder_part(contacts: Sequence[Contact]) -> Part:
    """A third each: a decision maker, an executive, two or more contacts."""
    decision_maker = any(contact.buying_role == DECISION_MAKER for contact in contacts)
    executive = any(contact.level == EXECUTIVE for contact in contacts)
    threads = len(contacts) >= 2
    words = [
        "decision maker" if decision_maker else "no decision maker",
        "executive" if executive else "no executive",
        f"{len(contacts)} contact{'s' if len(contacts) != 1 else ''}",
    ]
    return (decision_maker + executive + threads) / 3, ", ".join(words)


def margin_part(account: Account, target_margin: float) -> Part:
    """The margin over the target margin, within 0-1; 0 for cost without revenue."""
    revenue = account.annual_revenue
    if revenue == 0:
        if account.cost_to_serve == 0:
            return None, "no revenue, no cost"
        return 0.0, "cost without revenue"
    margin = profit_of(account) / revenue
    score = clamp(margin / target_margin) if target_margin > 0 else float(margin > 0)
    return score, f"margin {round(margin * 100)}%, target {round(target_margin * 100)}%"


def weighted_score(parts: Sequence[HealthPart]) -> int | None:
    """100 times the weighted mean of the parts with data, rounded half up; None when no
    part with a positive weight has data."""
    total_weight = weighted = 0.0
    for part in parts:
        score, weight = part.score, part.weight
        if score is not None and weight > 0:
            total_weight += weight
            weighted += score * weight
    if total_weight <= 0:
        return None
    return int(weighted / total_weight * 100 + 0.5)


def component_weights(settings: PortfolioSettings) -> tuple[float, ...]:
    """The configured weight of each of HEALTH_COMPONENTS, in that order (0 when unset)."""
    return tuple(float(settings.health_weights.get(name, 0.0)) for name in HEALTH_COMPONENTS)


def account_health(
    account: Account,
    today: date,
    default_cadence_days: int,
    settings: PortfolioSettings,
    objectives: Sequence[Objective] = (),
    actions: Sequence[Action] = (),
    contacts: Sequence[Contact] = (),
    weights: tuple[float, ...] | None = None,
) -> AccountHealth:
    """One account's health score with every component (`weights` from component_weights,
    given when scoring many accounts)."""
    if weights is None:
        weights = component_weights(settings)
    contact = contact_part(account, today, default_cadence_days)
    rated = satisfaction_part(account)
    plan = plan_part(objectives, actions, today)
    stakeholders = stakeholder_part(contacts)
    margin = margin_part(account, settings.target_margin)
    make = HealthPart._make
    parts = (
        make(("contact", contact[0], weights[0], contact[1])),
        make(("satisfaction", rated[0], weights[1], rated[1])),
        make(("plan", plan[0], weights[2], plan[1])),
        make(("stakeholders", stakeholders[0], weights[3], stakeholders[1])),
        make(("margin", margin[0], weights[4], margin[1])),
    )
    return AccountHealth(ref(account), weighted_score(parts), parts)


class LazyParts(Sequence[HealthPart]):
    """An account's health breakdown, made when first read: ranking thousands of accounts
    needs their scores only, and a view shows the breakdown of a few."""

    __slots__ = ("_build", "_parts")

    def __init__(self, build: Callable[[], tuple[HealthPart, ...]]) -> None:
        self._build: Callable[[], tuple[HealthPart, ...]] | None = build
        self._parts: tuple[HealthPart, ...] = ()

    def _made(self) -> tuple[HealthPart, ...]:
        if self._build is not None:
            self._parts, self._build = self._build(), None
        return self._parts

    @overload
    def __getitem__(self, index: int) -> HealthPart: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[HealthPart]: ...
    def __getitem__(self, index: int | slice) -> HealthPart | Sequence[HealthPart]:
        return self._made()[index]

    def __len__(self) -> int:
        return len(self._made())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyParts | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._made())


def health_score(
    account: Account,
    today: date,
    default_cadence_days: int,
    target_margin: float,
    weights: tuple[float, ...],
    objectives: Sequence[Objective],
    actions: Sequence[Action],
    contacts: Sequence[Contact],
) -> int | None:
    """The score account_health gives, without its breakdown: the same formulas, computed
    with no text and no rows (tests hold the two equal)."""
    total_weight = weighted = 0.0
    weight = weights[0]
    if weight > 0:
        created = account.created
        reference = account.last_contact or (created.date() if created else None)
        if reference is not None:
            days = (today - reference).days
            days = days if days > 0 else 0
            cadence = account.cadence_days or default_cadence_days
            score = clamp(2 - days / cadence) if cadence > 0 else float(days == 0)
            total_weight += weight
            weighted += score * weight
    weight = weights[1]
    if weight > 0 and account.satisfaction is not None:
        total_weight += weight
        weighted += clamp(account.satisfaction / 10) * weight
    weight = weights[2]
    if weight > 0 and (objectives or actions):
        progress_sum, measured = 0.0, 0
        for objective in objectives:
            progress = objective.progress
            if progress is not None:
                progress_sum += progress
                measured += 1
        open_actions = overdue = 0
        for action in actions:
            if action.status != "done":
                open_actions += 1
                if action.due is not None and action.due < today:
                    overdue += 1
        on_time = 1 - overdue / open_actions if open_actions else 1.0
        if measured:
            mean_progress = progress_sum / measured
            score = clamp((mean_progress + on_time) / 2 if actions else mean_progress)
        else:
            score = on_time
        if measured or actions:
            total_weight += weight
            weighted += score * weight
    weight = weights[3]
    if weight > 0:
        decision_maker = executive = False
        for contact in contacts:
            if contact.buying_role == DECISION_MAKER:
                decision_maker = True
            if contact.level == EXECUTIVE:
                executive = True
        total_weight += weight
        weighted += (decision_maker + executive + (len(contacts) >= 2)) / 3 * weight
    weight = weights[4]
    revenue = account.annual_revenue
    if weight > 0 and (revenue or account.cost_to_serve):
        if revenue == 0:
            score = 0.0
        else:
            margin = (revenue - account.cost_to_serve) / revenue
            score = clamp(margin / target_margin) if target_margin > 0 else float(margin > 0)
        total_weight += weight
        weighted += score * weight
    if total_weight <= 0:
        return None
    return int(weighted / total_weight * 100 + 0.5)


def health(
    accounts: Sequence[Account],
    today: date,
    default_cadence_days: int,
    settings: PortfolioSettings,
    objectives: Mapping[int, Sequence[Objective]],
    actions: Mapping[int, Sequence[Action]],
    contacts: Mapping[int, Sequence[Contact]],
) -> Health:
    """Every account's health, worst first, accounts without a score last; each one's
    breakdown is made when first read."""
    weights = component_weights(settings)
    target = settings.target_margin
    none: tuple[()] = ()
    make = AccountHealth._make
    rows = []
    for account in accounts:
        account_id = account.id
        its_objectives = objectives.get(account_id, none)
        its_actions = actions.get(account_id, none)
        its_contacts = contacts.get(account_id, none)
        score = health_score(
            account,
            today,
            default_cadence_days,
            target,
            weights,
            its_objectives,
            its_actions,
            its_contacts,
        )
        breakdown = partial(
            _parts_of,
            account,
            today,
            default_cadence_days,
            settings,
            its_objectives,
            its_actions,
            its_contacts,
            weights,
        )
        rows.append(make((ref(account), score, LazyParts(breakdown))))
    order = {account.id: name_order(account) for account in accounts}
    rows.sort(key=lambda row: (row.score is None, row.score or 0, *order[row.account.id]))
    scores = [row.score for row in rows if row.score is not None]
    return Health(tuple(rows), mean(scores))


def _parts_of(
    account: Account,
    today: date,
    default_cadence_days: int,
    settings: PortfolioSettings,
    objectives: Sequence[Objective],
    actions: Sequence[Action],
    contacts: Sequence[Contact],
    weights: tuple[float, ...],
) -> tuple[HealthPart, ...]:
    return tuple(
        account_health(
            account, today, default_cadence_days, settings, objectives, actions, contacts, weights
        ).parts
    )
