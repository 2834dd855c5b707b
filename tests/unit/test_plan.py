"""The account plan rules: SWOT order and gaps, reorders, status report, process, cadence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from kam_tui.domain.models import Account, Action, ProcessStep, SwotItem, TeamMember
from kam_tui.domain.plan import (
    NO_OWNER,
    next_position,
    next_priority,
    overdue_queue,
    owner_choices,
    owner_tallies,
    process_alignment,
    quadrant_items,
    reordered,
    report_file_name,
    status_report,
    swot_gaps,
    swot_move,
    swot_order,
)
from kam_tui.domain.schema import Schema
from kam_tui.store import Repository

TODAY = date(2026, 11, 20)


def swot(
    item_id: int,
    text: str,
    *,
    perspective: str = "customer",
    quadrant: str = "S",
    priority: str = "medium",
    position: int = 0,
) -> SwotItem:
    return SwotItem(
        id=item_id,
        account_id=1,
        perspective=perspective,
        quadrant=quadrant,
        text=text,
        priority=priority,
        position=position,
    )


# Ordering


def test_priority_cycles_high_medium_low_high() -> None:
    assert [next_priority(p) for p in ("high", "medium", "low")] == ["medium", "low", "high"]


def test_items_are_ordered_by_priority_then_position_then_id() -> None:
    items = [
        swot(1, "a", priority="low", position=0),
        swot(2, "b", priority="high", position=5),
        swot(3, "c", priority="high", position=1),
        swot(4, "d", priority="medium", position=0),
        swot(5, "e", priority="high", position=1),
    ]
    assert [item.id for item in swot_order(items)] == [3, 5, 2, 4, 1]


def test_quadrant_items_keep_perspectives_and_quadrants_apart() -> None:
    items = [
        swot(1, "ours", perspective="view_of_us"),
        swot(2, "theirs"),
        swot(3, "weak", quadrant="W"),
    ]
    assert [i.id for i in quadrant_items(items, "customer", "S")] == [2]
    assert [i.id for i in quadrant_items(items, "view_of_us", "S")] == [1]


def test_next_position_follows_the_last() -> None:
    assert next_position([]) == 0
    assert next_position([swot(1, "a", position=4), swot(2, "b", position=2)]) == 5


def test_reordered_swaps_two_neighbours() -> None:
    group = [swot(1, "a", position=0), swot(2, "b", position=1), swot(3, "c", position=2)]
    moved = reordered(group, 2, -1)
    assert {(item.id, item.position) for item in moved} == {(3, 1), (2, 2)}


def test_reordered_refuses_to_leave_the_group() -> None:
    group = [swot(1, "a", position=0), swot(2, "b", position=1)]
    assert reordered(group, 0, -1) == []
    assert reordered(group, 1, 1) == []


def test_reordered_separates_equal_positions() -> None:
    group = [swot(1, "a", position=0), swot(2, "b", position=0)]
    moved = reordered(group, 1, -1)
    assert [(item.id, item.position) for item in moved] == [(1, 1)]  # 2 keeps position 0


def test_swot_move_stays_within_its_priority() -> None:
    items = [
        swot(1, "high one", priority="high", position=0),
        swot(2, "medium one", priority="medium", position=0),
        swot(3, "medium two", priority="medium", position=1),
        swot(4, "elsewhere", quadrant="W", priority="medium", position=0),
    ]
    assert swot_move(items, 2, -1) == []  # would cross into the high items
    moved = swot_move(items, 3, -1)
    assert {(item.id, item.position) for item in moved} == {(3, 0), (2, 1)}


# Gaps


def test_a_strength_the_customer_calls_a_weakness_is_a_conflict() -> None:
    items = [
        swot(1, "Reliable delivery", perspective="view_of_us", quadrant="S"),
        swot(2, "  reliable DELIVERY. ", perspective="view_of_us", quadrant="W"),
    ]
    (gap,) = swot_gaps(items)
    assert gap.kind == "conflict"
    assert gap.item_ids == (1, 2)
    assert "both a strength and a weakness in the customer's view of us" in gap.message


def test_a_strength_in_one_perspective_and_weakness_in_the_other_is_a_conflict() -> None:
    items = [
        swot(1, "Innovation", perspective="customer", quadrant="S"),
        swot(2, "innovation", perspective="view_of_us", quadrant="W"),
    ]
    (gap,) = swot_gaps(items)
    assert gap.message == (
        "“Innovation” is a strength in the customer's own position "
        "but a weakness in the customer's view of us"
    )


def test_same_text_in_other_quadrants_is_no_conflict() -> None:
    items = [
        swot(1, "Pricing", perspective="customer", quadrant="O"),
        swot(2, "Pricing", perspective="view_of_us", quadrant="W"),
    ]
    assert swot_gaps(items) == []


def test_top_strengths_meeting_no_customer_need_are_a_gap() -> None:
    items = [
        swot(1, "Deep industry know-how", perspective="view_of_us", priority="high"),
        swot(2, "Cheap", perspective="view_of_us", priority="low"),
        swot(3, "Legacy IT slows launches", quadrant="W"),
        swot(4, "Expansion into Nordics", quadrant="O"),
    ]
    (gap,) = swot_gaps(items)
    assert gap.kind == "unmatched"
    assert gap.item_ids == (1,)
    assert "“Deep industry know-how”" in gap.message
    assert "Cheap" not in gap.message


def test_a_top_strength_sharing_a_word_with_a_need_closes_the_gap() -> None:
    items = [
        swot(1, "Fast launches of new products", perspective="view_of_us", priority="high"),
        swot(2, "Legacy IT slows launches", quadrant="W"),
    ]
    assert swot_gaps(items) == []


def test_no_top_strengths_or_no_needs_means_no_unmatched_gap() -> None:
    assert swot_gaps([swot(1, "Support", perspective="view_of_us", priority="high")]) == []
    assert (
        swot_gaps([swot(1, "Support", perspective="view_of_us"), swot(2, "x", quadrant="T")]) == []
    )


# Status report


def action(
    action_id: int, title: str, owner: str, due: date | None, status: str = "open"
) -> Action:
    return Action(id=action_id, account_id=1, title=title, owner=owner, due=due, status=status)


def test_tallies_count_done_open_and_overdue_per_owner() -> None:
    actions = [
        action(1, "Old", "Bruno", TODAY - timedelta(days=3)),
        action(2, "Done late", "Bruno", TODAY - timedelta(days=9), status="done"),
        action(3, "Soon", "Alice", TODAY + timedelta(days=1), status="in progress"),
        action(4, "Orphan", "", TODAY - timedelta(days=1), status="blocked"),
    ]
    tallies = owner_tallies(actions, TODAY)
    assert [(t.owner, t.done, t.open, [a.id for a in t.overdue]) for t in tallies] == [
        ("Alice", 0, 1, []),
        ("Bruno", 1, 1, [1]),
        (NO_OWNER, 0, 1, [4]),
    ]


def test_status_report_text() -> None:
    actions = [
        action(1, "Prepare renewal", "Bruno", date(2026, 11, 10)),
        replace(
            action(2, "Kick-off", "Bruno", date(2026, 11, 1), status="done"),
            report="Signed, kick-off held",
        ),
        action(3, "Map the CFO", "Alice", date(2026, 11, 19), status="in progress"),
        action(4, "Plan the QBR", "Alice", None),
    ]
    assert status_report("Northwind", actions, TODAY) == (
        "Attack plan status: Northwind\n"
        "As of 2026-11-20\n"
        "\n"
        "Alice: 0 done, 2 open, 1 overdue\n"
        "  - Map the CFO (due 2026-11-19, 1 day overdue)\n"
        "Bruno: 1 done, 1 open, 1 overdue\n"
        "  - Prepare renewal (due 2026-11-10, 10 days overdue)\n"
        "\n"
        "Actions and their reports:\n"
        "  - Kick-off (Bruno, due 2026-11-01, done): Signed, kick-off held\n"
        "  - Prepare renewal (Bruno, due 2026-11-10, open): no report\n"
        "  - Map the CFO (Alice, due 2026-11-19, in progress): no report\n"
        "  - Plan the QBR (Alice, no due date, open): no report\n"
        "\n"
        "Total: 1 done, 3 open, 2 overdue\n"
    )


def test_status_report_without_actions() -> None:
    assert "No actions yet." in status_report("Empty", [], TODAY)
    assert status_report("Empty", [], TODAY).endswith("Total: 0 done, 0 open, 0 overdue\n")


def test_report_file_name() -> None:
    assert (
        report_file_name("Margie's Travel", TODAY) == "attack-plan-margie-s-travel-2026-11-20.txt"
    )


def test_owner_choices_put_the_account_team_first_without_repeats() -> None:
    account = Account(id=1, name="A", assignee="Alice", team=(TeamMember("Bruno"),))
    schema = Schema(team=("Chloé", "Alice"))
    assert owner_choices(account, schema, ["Bruno", "Dev", ""]) == [
        "Alice",
        "Bruno",
        "Chloé",
        "Dev",
    ]


# Process


def step(step_id: int, name: str, stage: str, position: int) -> ProcessStep:
    return ProcessStep(
        id=step_id, account_id=1, buying_step=name, selling_stage=stage, position=position
    )


def test_process_alignment_finds_both_kinds_of_misalignment() -> None:
    stages = ("Prospecting", "Qualification", "Proposal", "Closing")
    steps = [
        step(1, "Sign", "Closing", 3),
        step(2, "Recognise need", "Prospecting", 0),
        step(3, "Legal review", "", 2),
        step(4, "Old mapping", "Discovery", 1),
    ]
    alignment = process_alignment(steps, stages)
    assert [s.id for s in alignment.steps] == [2, 4, 3, 1]
    assert [s.id for s in alignment.unmapped] == [4, 3]
    assert alignment.uncovered_stages == ("Qualification", "Proposal")
    assert not alignment.aligned


def test_a_full_mapping_is_aligned() -> None:
    alignment = process_alignment([step(1, "Need", "A", 0), step(2, "Buy", "B", 1)], ("A", "B"))
    assert alignment.aligned


# Cadence


def account(
    account_id: int, name: str, *, key: bool, days_ago: int, cadence: int | None
) -> Account:
    return Account(
        id=account_id,
        name=name,
        key_account=key,
        cadence_days=cadence,
        last_contact=TODAY - timedelta(days=days_ago),
    )


def test_overdue_queue_puts_key_accounts_first_then_most_overdue() -> None:
    accounts = [
        account(1, "Small late", key=False, days_ago=90, cadence=None),  # 60 over
        account(2, "Key slightly", key=True, days_ago=20, cadence=14),  # 6 over
        account(3, "On time", key=True, days_ago=5, cadence=14),
        account(4, "Key very", key=True, days_ago=50, cadence=14),  # 36 over
        account(5, "Small bit", key=False, days_ago=31, cadence=None),  # 1 over
        Account(id=6, name="Never", created=datetime(2026, 9, 1)),  # 50 over
    ]
    queue = overdue_queue(accounts, TODAY, 30)
    assert [(e.account.id, e.days_overdue) for e in queue] == [
        (4, 36),
        (2, 6),
        (1, 60),
        (6, 50),
        (5, 1),
    ]
    assert queue[0].cadence_days == 14
    assert queue[2].cadence_days == 30


def test_the_demo_portfolio_has_gaps_to_show(demo_repo: Repository) -> None:
    kinds = {
        gap.kind
        for account in demo_repo.accounts()
        for gap in swot_gaps(demo_repo.children(SwotItem, account.id))
    }
    assert kinds == {"unmatched"}


@pytest.mark.parametrize("offset", [-1, 1])
def test_reordering_back_and_forth_restores_the_order(offset: int) -> None:
    group = [swot(i, str(i), position=i) for i in range(4)]
    moved = {item.id: item for item in reordered(group, 1, offset)}
    after = sorted((moved.get(item.id, item) for item in group), key=lambda i: i.position)
    back = {item.id: item for item in reordered(after, 1 + offset, -offset)}
    restored = [back.get(item.id, item) for item in after]
    assert sorted((i.id, i.position) for i in restored) == [(i, i) for i in range(4)]
