"""The contact agenda: the next-date rule and the grouping into overdue and weekdays."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from kam_tui.domain.agenda import (
    build_agenda,
    next_contact_day,
    pending_plan,
    planned_after_contact,
    week_start,
)
from kam_tui.domain.models import Account

TODAY = date(2026, 11, 18)
"""A Wednesday: its week runs from Monday 16 to Sunday 22 November 2026."""
DEFAULT = 30


def test_a_planned_day_wins_over_the_cadence() -> None:
    account = Account(last_contact=date(2026, 11, 1), next_contact=date(2026, 12, 24))
    assert next_contact_day(account, DEFAULT) == date(2026, 12, 24)


def test_a_planned_day_met_by_a_contact_on_or_after_it_gives_way_to_the_cadence() -> None:
    # Planned for 10 Nov, contacted on 12 Nov (logged anywhere): 12 Nov + 14 days = 26 Nov.
    met = Account(last_contact=date(2026, 11, 12), cadence_days=14, next_contact=date(2026, 11, 10))
    assert pending_plan(met) is None
    assert next_contact_day(met, DEFAULT) == date(2026, 11, 26)
    same_day = replace(met, next_contact=date(2026, 11, 12))
    assert next_contact_day(same_day, DEFAULT) == date(2026, 11, 26)
    ahead = replace(met, next_contact=date(2026, 11, 13))
    assert pending_plan(ahead) == next_contact_day(ahead, DEFAULT) == date(2026, 11, 13)


def test_without_a_planned_day_the_last_contact_plus_the_cadence() -> None:
    # 1 Nov + 14 days = 15 Nov; + the default 30 days = 1 Dec.
    assert next_contact_day(Account(last_contact=date(2026, 11, 1), cadence_days=14), DEFAULT) == (
        date(2026, 11, 15)
    )
    assert next_contact_day(Account(last_contact=date(2026, 11, 1)), DEFAULT) == date(2026, 12, 1)


def test_never_contacted_counts_from_creation_and_nothing_gives_no_day() -> None:
    created = datetime(2026, 10, 31, 8, 0, tzinfo=UTC)
    # 31 Oct + 7 days = 7 Nov.
    assert next_contact_day(Account(created=created, cadence_days=7), DEFAULT) == date(2026, 11, 7)
    assert next_contact_day(Account(), DEFAULT) is None


def test_a_contact_plans_the_next_one_a_cadence_later_and_keeps_the_kind() -> None:
    account = Account(cadence_days=14, next_contact=date(2026, 11, 10), next_contact_kind="call")
    after = planned_after_contact(account, TODAY, DEFAULT)
    assert (after.next_contact, after.next_contact_kind) == (date(2026, 12, 2), "call")
    default = planned_after_contact(Account(), TODAY, DEFAULT)
    assert default.next_contact == date(2026, 12, 18)


def test_week_start_is_the_monday() -> None:
    assert week_start(TODAY) == date(2026, 11, 16)
    assert week_start(date(2026, 11, 16)) == date(2026, 11, 16)
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)


def _planned(account_id: int, name: str, day: date, **more: object) -> Account:
    return Account(id=account_id, name=name, next_contact=day, **more)  # type: ignore[arg-type]


def _ids(entries: tuple[object, ...]) -> list[int]:
    return [entry.account.id for entry in entries]  # type: ignore[attr-defined]


def test_overdue_first_most_late_first_then_each_day_of_the_week() -> None:
    accounts = [
        _planned(1, "Monday, before today", date(2026, 11, 16)),  # 2 days late
        _planned(2, "Long ago", date(2026, 10, 19)),  # 30 days late
        _planned(3, "Today", TODAY),
        _planned(4, "Sunday", date(2026, 11, 22)),
        _planned(5, "Next week", date(2026, 11, 23)),
        _planned(6, "Key account today", TODAY, key_account=True),
        # No planned day: 10 Nov + 10 days = 20 Nov, the Friday.
        Account(id=7, name="From the cadence", last_contact=date(2026, 11, 10), cadence_days=10),
        Account(id=8, name="Nothing to count from"),
    ]
    groups = build_agenda(accounts, TODAY, TODAY, DEFAULT)
    assert [group.day for group in groups] == [None] + [date(2026, 11, d) for d in range(16, 23)]
    overdue = groups[0].entries
    assert _ids(overdue) == [2, 1]
    assert [entry.overdue_days for entry in overdue] == [30, 2]
    by_day = {group.day: _ids(group.entries) for group in groups[1:] if group.entries}
    assert by_day == {TODAY: [6, 3], date(2026, 11, 20): [7], date(2026, 11, 22): [4]}
    friday = groups[5].entries[0]
    assert (friday.planned, friday.overdue_days) == (False, 0)


def test_next_week_shows_its_days_and_still_the_overdue_ones() -> None:
    accounts = [
        _planned(1, "Late", date(2026, 11, 17), next_contact_kind="meeting"),
        _planned(2, "Next Monday", date(2026, 11, 23)),
        _planned(3, "This Friday", date(2026, 11, 20)),
    ]
    groups = build_agenda(accounts, date(2026, 11, 25), TODAY, DEFAULT)
    assert groups[1].day == date(2026, 11, 23)
    assert _ids(groups[0].entries) == [1] and groups[0].entries[0].kind == "meeting"
    assert _ids(groups[1].entries) == [2]
    assert sum(len(group.entries) for group in groups) == 2  # this Friday is not next week


def test_a_manager_keeps_only_their_accounts_and_empty_keeps_the_unassigned() -> None:
    accounts = [
        _planned(1, "Anna's", TODAY, assignee="Anna"),
        _planned(2, "Bruno's", TODAY, assignee="Bruno"),
        _planned(3, "Nobody's", TODAY),
    ]

    def shown(manager: str | None) -> list[int]:
        groups = build_agenda(accounts, TODAY, TODAY, DEFAULT, manager)
        return [i for group in groups for i in _ids(group.entries)]

    assert shown("Anna") == [1]
    assert shown("") == [3]
    assert shown(None) == [1, 2, 3]
