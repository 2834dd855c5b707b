"""Account plan rules: SWOT order and gaps, reorders, the status report, process fit, cadence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, TypeVar

from kam_tui.domain.models import (
    PERSPECTIVE_LABELS,
    PRIORITIES,
    Account,
    Action,
    Objective,
    ProcessStep,
    SwotItem,
)
from kam_tui.domain.rules import cadence_of, days_overdue
from kam_tui.domain.schema import Schema
from kam_tui.domain.text import printable

Positioned = TypeVar("Positioned", SwotItem, ProcessStep, Objective, Action)
"""A record kept in a user-chosen order by its `position`."""

PRIORITY_RANK: dict[str, int] = {priority: rank for rank, priority in enumerate(PRIORITIES)}
"""high -> 0, medium -> 1, low -> 2: the sort key of a priority."""
NO_OWNER = "(no owner)"
"""How the status report names actions without an owner."""
MAX_SLUG = 60
"""The most characters of the account name put in a report's default file name."""


# Ordering and reordering


def next_priority(priority: str) -> str:
    """The priority after `priority` in the cycle high -> medium -> low -> high."""
    rank = PRIORITY_RANK.get(priority, len(PRIORITIES) - 1)
    return PRIORITIES[(rank + 1) % len(PRIORITIES)]


def swot_order(items: Iterable[SwotItem]) -> list[SwotItem]:
    """SWOT items by priority (high first), then position, then id."""
    return sorted(
        items, key=lambda item: (PRIORITY_RANK.get(item.priority, 9), item.position, item.id)
    )


def quadrant_items(items: Iterable[SwotItem], perspective: str, quadrant: str) -> list[SwotItem]:
    """The items of one quadrant of one perspective, in display order."""
    return swot_order(
        item for item in items if item.perspective == perspective and item.quadrant == quadrant
    )


def by_position(records: Iterable[Positioned]) -> list[Positioned]:
    """Objectives, actions or process steps by position, then id."""
    return sorted(records, key=lambda record: (record.position, record.id))


def next_position(records: Iterable[Positioned]) -> int:
    """The position that puts a new record after every one of `records`."""
    return max((record.position for record in records), default=-1) + 1


def reordered(group: Sequence[Positioned], index: int, offset: int) -> list[Positioned]:
    """Move `group[index]` by `offset` places within `group` (already in display order).

    Returns the records whose position changes (numbered 0, 1, 2... in the new order), to be
    saved together as one change; empty when the move would leave the group. Numbering the
    whole group also repairs equal positions, which a plain swap could not separate.
    """
    target = index + offset
    if not (0 <= index < len(group) and 0 <= target < len(group)) or offset == 0:
        return []
    order = list(group)
    order.insert(target, order.pop(index))
    return [
        replace(record, position=position)
        for position, record in enumerate(order)
        if record.position != position
    ]


def swot_move(items: Sequence[SwotItem], item_id: int, offset: int) -> list[SwotItem]:
    """Move a SWOT item up (-1) or down (+1) among the items of its quadrant and priority.

    `items` may hold any SWOT items of the account; only the item's own quadrant,
    perspective and priority take part. Returns the records to save (see `reordered`).
    """
    moving = next((item for item in items if item.id == item_id), None)
    if moving is None:
        return []
    group = [
        item
        for item in quadrant_items(items, moving.perspective, moving.quadrant)
        if item.priority == moving.priority
    ]
    return reordered(group, group.index(moving), offset)


# SWOT gaps


GapKind = Literal["conflict", "unmatched"]
_STOPWORDS = frozenset(
    {
        "the",
        "and",
        "for",
        "with",
        "our",
        "their",
        "them",
        "they",
        "its",
        "into",
        "from",
        "than",
        "that",
        "this",
        "are",
        "was",
        "were",
        "has",
        "have",
        "not",
        "all",
        "any",
        "new",
        "high",
        "low",
        "more",
        "less",
        "very",
        "too",
        "can",
        "will",
    }
)
"""Words too common to tie a strength to a need."""


@dataclass(frozen=True)
class SwotGap:
    """One place where the two SWOT perspectives disagree."""

    kind: GapKind
    """`conflict` (strength here, weakness there) or `unmatched` (top strengths fit nothing)."""
    message: str
    """The sentence shown in the gaps panel."""
    item_ids: tuple[int, ...]
    """The SWOT items involved."""


def normalise(text: str) -> str:
    """Text reduced for comparison: case-folded, punctuation dropped, spaces collapsed."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def significant_words(text: str) -> frozenset[str]:
    """The words of `text` that carry meaning (three letters or more, no stop words)."""
    return frozenset(
        word for word in normalise(text).split() if len(word) >= 3 and word not in _STOPWORDS
    )


def _where(perspective: str) -> str:
    label = PERSPECTIVE_LABELS.get(perspective, perspective)
    return label[0].lower() + label[1:]


def swot_gaps(items: Iterable[SwotItem]) -> list[SwotGap]:
    """Where the customer's own position and the customer's view of us disagree.

    Two kinds of gap are reported, conflicts first:

    - conflict: the same point (equal `normalise`d text) is listed as a Strength in one
      perspective and as a Weakness in the other, or as both a Strength and a Weakness
      within one perspective. The classic case is one of our strengths that the customer
      names as a weakness of ours ("Reliable delivery" in both S and W of the customer's
      view of us). One gap per point and pair of perspectives.
    - unmatched: our top strengths are the high-priority Strengths of the customer's view
      of us. The customer's needs are the Weaknesses, Opportunities and Threats of the
      customer's own position. When there are both, and not one top strength shares a
      significant word (`significant_words`) with any need, our best cards answer nothing
      the customer cares about, which is reported as one gap naming the top strengths.
    """
    items = list(items)
    gaps: list[SwotGap] = []
    strengths: dict[str, list[SwotItem]] = {}
    weaknesses: dict[str, list[SwotItem]] = {}
    for item in swot_order(items):
        if item.quadrant == "S":
            strengths.setdefault(normalise(item.text), []).append(item)
        elif item.quadrant == "W":
            weaknesses.setdefault(normalise(item.text), []).append(item)
    for key, strong in strengths.items():
        weak = weaknesses.get(key, [])
        pairs = sorted({(s.perspective, w.perspective) for s in strong for w in weak})
        for strong_side, weak_side in pairs:
            involved = [s for s in strong if s.perspective == strong_side]
            involved += [w for w in weak if w.perspective == weak_side]
            text = involved[0].text.strip()
            if strong_side == weak_side:
                message = f"“{text}” is both a strength and a weakness in {_where(strong_side)}"
            else:
                message = (
                    f"“{text}” is a strength in {_where(strong_side)} "
                    f"but a weakness in {_where(weak_side)}"
                )
            gaps.append(SwotGap("conflict", message, tuple(item.id for item in involved)))
    top = [
        item
        for item in swot_order(items)
        if item.perspective == "view_of_us" and item.quadrant == "S" and item.priority == "high"
    ]
    needs = [item for item in items if item.perspective == "customer" and item.quadrant != "S"]
    need_words = frozenset().union(*(significant_words(item.text) for item in needs))
    if top and needs and not any(significant_words(item.text) & need_words for item in top):
        names = ", ".join(f"“{item.text.strip()}”" for item in top)
        gaps.append(
            SwotGap(
                "unmatched",
                f"None of our top strengths ({names}) meets a weakness, opportunity or "
                "threat in the customer's own position",
                tuple(item.id for item in top),
            )
        )
    return gaps


# Objectives and the attack plan


def ordered_actions(actions: Iterable[Action]) -> list[Action]:
    """Actions by due date (undated last), then id."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.min, a.id))


def owner_choices(
    account: Account | None, schema: Schema, current: Iterable[str] = ()
) -> list[str]:
    """The people an action or process step can be given to: the account's manager and
    team, the configured team, and whoever already owns something (without repeats)."""
    names: list[str] = []
    if account is not None:
        names.append(account.assignee)
        names.extend(member.name for member in account.team)
    names.extend(schema.team)
    names.extend(current)
    return list(dict.fromkeys(name for name in names if name.strip()))


@dataclass(frozen=True)
class OwnerTally:
    """The actions of one owner, counted for the status report."""

    owner: str
    """The owner's name, or NO_OWNER."""
    done: int
    """Actions with status done."""
    open: int
    """Actions not done (open, in progress or blocked), overdue ones included."""
    overdue: tuple[Action, ...]
    """The open actions whose due date has passed, oldest first."""


def owner_tallies(actions: Iterable[Action], today: date) -> list[OwnerTally]:
    """Done, open and overdue actions per owner: owners by name, NO_OWNER last."""
    grouped: dict[str, list[Action]] = {}
    for action in actions:
        grouped.setdefault(action.owner.strip() or NO_OWNER, []).append(action)
    tallies = [
        OwnerTally(
            owner=owner,
            done=sum(1 for a in owned if a.status == "done"),
            open=sum(1 for a in owned if a.status != "done"),
            overdue=tuple(a for a in ordered_actions(owned) if a.is_overdue(today)),
        )
        for owner, owned in grouped.items()
    ]
    return sorted(tallies, key=lambda t: (t.owner == NO_OWNER, t.owner.casefold()))


def _counts(done: int, open_: int, overdue: int) -> str:
    return f"{done} done, {open_} open, {overdue} overdue"


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def objective_lines(objectives: Iterable[Objective], today: date) -> list[str]:
    """One line per objective (in the plan's order) for the status report: title, owner,
    due date (with how late, when passed with the key results not met) and progress."""
    lines = []
    for objective in by_position(objectives):
        owner = printable(objective.owner.strip() or NO_OWNER)
        due = f"due {objective.due.isoformat()}" if objective.due else "no due date"
        if objective.is_overdue(today):
            assert objective.due is not None
            due += f", {_days((today - objective.due).days)} overdue"
        progress = objective.progress
        shown = "no target" if progress is None else f"{round(progress * 100)}%"
        lines.append(f"  - {printable(objective.title)} ({owner}, {due}, {shown})")
    return lines


def status_report(
    account_name: str,
    actions: Iterable[Action],
    today: date,
    objectives: Iterable[Objective] = (),
) -> str:
    """The attack-plan status report as plain text, ready to copy or save; what users typed
    is shown in the visible notation of `printable`, so the file holds no terminal control.

    Per owner: done, open and overdue counts, then each overdue action with its due date
    and how many days late it is; then every action (by due date) with its owner, due
    date, status and report text; then the objectives (when given) with their owner, due
    date and progress; a total line of the actions closes the report.
    """
    actions = list(actions)
    tallies = owner_tallies(actions, today)
    lines = [f"Attack plan status: {printable(account_name)}", f"As of {today.isoformat()}", ""]
    if not tallies:
        lines.append("No actions yet.")
    for tally in tallies:
        counts = _counts(tally.done, tally.open, len(tally.overdue))
        lines.append(f"{printable(tally.owner)}: {counts}")
        for action in tally.overdue:
            assert action.due is not None
            late = (today - action.due).days
            lines.append(
                f"  - {printable(action.title)} (due {action.due.isoformat()}, "
                f"{late} day{'s' if late != 1 else ''} overdue)"
            )
    if actions:
        lines += ["", "Actions and their reports:"]
    for action in ordered_actions(actions):
        due = f"due {action.due.isoformat()}" if action.due else "no due date"
        owner = printable(action.owner.strip() or NO_OWNER)
        report = printable(action.report.strip()) or "no report"
        status = printable(action.status)
        lines.append(f"  - {printable(action.title)} ({owner}, {due}, {status}): {report}")
    shown_objectives = objective_lines(objectives, today)
    if shown_objectives:
        lines += ["", "Objectives:", *shown_objectives]
    lines += [
        "",
        "Total: "
        + _counts(
            sum(t.done for t in tallies),
            sum(t.open for t in tallies),
            sum(len(t.overdue) for t in tallies),
        ),
    ]
    return "\n".join(lines) + "\n"


def report_file_name(account_name: str, today: date) -> str:
    """A default file name for the exported report: attack-plan-<account>-<date>.txt."""
    slug = "-".join(normalise(account_name).split())[:MAX_SLUG].strip("-") or "account"
    return f"attack-plan-{slug}-{today.isoformat()}.txt"


# Buying process vs selling process


@dataclass(frozen=True)
class ProcessAlignment:
    """How the customer's buying steps line up with our selling stages."""

    steps: tuple[ProcessStep, ...]
    """The buying steps in position order."""
    unmapped: tuple[ProcessStep, ...]
    """Buying steps with no selling stage, or with a stage the config no longer has."""
    uncovered_stages: tuple[str, ...]
    """Selling stages (in config order) that no buying step is mapped to."""

    @property
    def aligned(self) -> bool:
        """True when every step has a stage and every stage has a step."""
        return not self.unmapped and not self.uncovered_stages


def process_alignment(steps: Iterable[ProcessStep], stages: Sequence[str]) -> ProcessAlignment:
    """Line the buying steps up with the selling stages and find the misalignments."""
    ordered = by_position(steps)
    mapped = {step.selling_stage for step in ordered}
    return ProcessAlignment(
        steps=tuple(ordered),
        unmapped=tuple(step for step in ordered if step.selling_stage not in stages),
        uncovered_stages=tuple(stage for stage in stages if stage not in mapped),
    )


# Contact cadence


@dataclass(frozen=True)
class OverdueEntry:
    """An account whose last contact is older than its cadence."""

    account: Account
    days_overdue: int
    """Days past the cadence."""
    cadence_days: int
    """The account's cadence (its own or the config's default)."""


def overdue_queue(
    accounts: Iterable[Account], today: date, default_days: int
) -> list[OverdueEntry]:
    """The accounts to contact: key accounts first, then the most overdue, then by name."""
    entries = [
        OverdueEntry(account, late, cadence_of(account, default_days))
        for account in accounts
        if (late := days_overdue(account, today, default_days)) > 0
    ]
    return sorted(
        entries,
        key=lambda e: (not e.account.key_account, -e.days_overdue, e.account.name.casefold()),
    )
