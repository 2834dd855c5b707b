"""The stakeholder map: reports-to tree order, loop safety, bosses allowed, and warnings."""

from __future__ import annotations

from kam_tui.domain.models import Contact
from kam_tui.domain.stakeholders import (
    descendants,
    loop_members,
    possible_bosses,
    reports_to_tree,
    stakeholder_warnings,
)


def person(
    contact_id: int,
    name: str,
    *,
    boss: int | None = None,
    level: str = "management",
    role: str = "influencer",
    owner: str = "Alice",
    influence: str = "medium",
) -> Contact:
    """A contact of account 1 with just what these tests need."""
    return Contact(
        id=contact_id,
        account_id=1,
        name=name,
        level=level,
        buying_role=role,
        owner=owner,
        influence=influence,
        reports_to=boss,
    )


def names(contacts: list[Contact]) -> list[str]:
    """The tree as 'guide+name' lines, the way the stakeholder map draws it."""
    return [row.guide + row.contact.name for row in reports_to_tree(contacts)]


def test_tree_puts_bosses_above_their_reports_with_guides() -> None:
    contacts = [
        person(3, "Cara", boss=1, level="technical"),
        person(1, "Ann", level="executive"),
        person(2, "Bob", boss=1, level="management"),
        person(4, "Dan", boss=2, level="user"),
        person(5, "Eve", level="purchasing"),
    ]
    assert names(contacts) == [
        "Ann",
        "├─ Bob",
        "│  └─ Dan",
        "└─ Cara",
        "Eve",
    ]
    depths = [row.depth for row in reports_to_tree(contacts)]
    assert depths == [0, 1, 2, 1, 0]


def test_siblings_are_ordered_by_level_then_influence_then_name() -> None:
    contacts = [
        person(1, "Zoe", level="user"),
        person(2, "Yan", level="executive", influence="low"),
        person(3, "Xia", level="executive", influence="high"),
        person(4, "Abe", level="executive", influence="high"),
    ]
    assert names(contacts) == ["Abe", "Xia", "Yan", "Zoe"]


def test_a_boss_from_another_account_or_deleted_makes_a_root() -> None:
    contacts = [person(1, "Ann", boss=99), person(2, "Bob", boss=1)]
    assert names(contacts) == ["Ann", "└─ Bob"]


def test_a_reports_to_loop_neither_hangs_nor_hides_anyone() -> None:
    contacts = [
        person(1, "Ann", boss=3),
        person(2, "Bob", boss=1),
        person(3, "Cid", boss=2),
        person(4, "Dee", boss=2),
        person(5, "Eli", boss=5),
    ]
    rows = reports_to_tree(contacts)
    assert sorted(row.contact.id for row in rows) == [1, 2, 3, 4, 5]
    assert {row.contact.id for row in rows if row.in_loop} == {1, 2, 3, 5}
    assert loop_members(contacts) == {1, 2, 3, 5}
    assert descendants(contacts, 1) == {2, 3, 4}
    warnings = {warning.code: warning.message for warning in stakeholder_warnings(contacts)}
    assert warnings["loop"] == "Reports-to loop between Ann, Bob, Cid, Eli."


def test_a_long_chain_is_walked_without_recursion_limits() -> None:
    contacts = [person(1, "P1")] + [person(n, f"P{n}", boss=n - 1) for n in range(2, 3001)]
    rows = reports_to_tree(contacts)
    assert len(rows) == 3000
    assert rows[-1].depth == 2999


def test_possible_bosses_exclude_the_contact_and_everyone_below_them() -> None:
    contacts = [
        person(1, "Ann"),
        person(2, "Bob", boss=1),
        person(3, "Cid", boss=2),
        person(4, "Dee"),
    ]
    bob = contacts[1]
    assert [other.name for other in possible_bosses(contacts, bob)] == ["Ann", "Dee"]
    newcomer = person(0, "New")
    assert [other.name for other in possible_bosses(contacts, newcomer)] == [
        "Ann",
        "Bob",
        "Cid",
        "Dee",
    ]


def test_warnings_for_an_empty_map() -> None:
    codes = [warning.code for warning in stakeholder_warnings([])]
    assert codes == ["no-decision-maker", "no-executive"]


def test_warnings_name_the_single_thread() -> None:
    contacts = [
        person(1, "Ann", level="executive", role="decision maker", owner="Alice"),
        person(2, "Bob", owner="Alice "),
        person(3, "Cid", owner=""),
    ]
    warnings = stakeholder_warnings(contacts)
    assert [warning.code for warning in warnings] == ["single-threaded"]
    assert "runs through Alice" in warnings[0].message


def test_no_warnings_for_a_well_covered_account() -> None:
    contacts = [
        person(1, "Ann", level="executive", owner="Alice"),
        person(2, "Bob", role="decision maker", owner="Bruno"),
    ]
    assert stakeholder_warnings(contacts) == []


def test_a_map_without_owners_says_so() -> None:
    contacts = [person(1, "Ann", level="executive", role="decision maker", owner="")]
    assert [warning.code for warning in stakeholder_warnings(contacts)] == ["no-owner"]
