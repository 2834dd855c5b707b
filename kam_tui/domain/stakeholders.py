"""The stakeholder map: a cycle-safe reports-to tree of contacts, and what it is missing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kam_tui.domain.models import INFLUENCES, LEVELS, Contact


@dataclass(frozen=True, slots=True)
class TreeRow:
    """One contact placed in the reports-to tree."""

    contact: Contact
    """The stakeholder shown on this row."""
    depth: int
    """0 for someone who reports to nobody known, 1 for their reports, and so on."""
    guide: str
    """The tree drawing before the name ("├─ ", "│  └─ "), empty at depth 0."""
    in_loop: bool = False
    """True when the contact's reports-to chain loops back to itself."""


@dataclass(frozen=True, slots=True)
class StakeholderWarning:
    """Something the stakeholder map is missing."""

    code: str
    """A stable identifier: no-decision-maker, no-executive, single-threaded, no-owner, loop."""
    message: str
    """What is missing, in words for the account manager."""


def _sort_key(contact: Contact) -> tuple[int, int, str, int]:
    """Siblings order: most senior level first, then most influential, then name."""
    level = LEVELS.index(contact.level) if contact.level in LEVELS else len(LEVELS)
    influence = (
        INFLUENCES.index(contact.influence) if contact.influence in INFLUENCES else len(INFLUENCES)
    )
    return (level, influence, contact.name.casefold(), contact.id)


def loop_members(contacts: Iterable[Contact]) -> set[int]:
    """The ids of contacts whose reports-to chain comes back to themselves."""
    boss_of = {contact.id: contact.reports_to for contact in contacts}
    looping: set[int] = set()
    walked: set[int] = set()  # whose chain an earlier walk followed to its end
    for start in boss_of:
        # Each contact is walked through once: a chain that reaches an earlier walk's contact
        # ends there, as nobody on it can be in a loop that walk did not already find.
        seen: dict[int, int] = {}  # contact id -> its place on this walk
        current: int | None = start
        while current is not None and current in boss_of and current not in walked:
            if current in seen:
                looping.update(list(seen)[seen[current] :])
                break
            seen[current] = len(seen)
            current = boss_of[current]
        walked.update(seen)
    return looping


def reports_to_tree(contacts: Sequence[Contact]) -> list[TreeRow]:
    """Every contact exactly once, depth first: bosses above their reports.

    A contact whose boss is unknown (nobody, or someone not in `contacts`) is a root.
    Contacts caught in a reports-to loop are cut into the tree at the loop's most senior
    member, so a loop in the data can never hang or hide anyone.
    """
    by_id = {contact.id: contact for contact in contacts}
    reports: dict[int, list[Contact]] = {}
    roots: list[Contact] = []
    for contact in contacts:
        boss = contact.reports_to
        if boss is None or boss not in by_id or boss == contact.id:
            roots.append(contact)
        else:
            reports.setdefault(boss, []).append(contact)
    looping = loop_members(contacts)
    rows: list[TreeRow] = []
    placed: set[int] = set()
    # Iterative depth-first walk: (contact, depth, prefix of its children, is last sibling).
    pending: list[tuple[Contact, int, str, bool]] = []
    starts = sorted(roots, key=_sort_key) + sorted(contacts, key=_sort_key)
    for start in starts:
        if start.id in placed:
            continue
        pending.append((start, 0, "", True))
        while pending:
            contact, depth, prefix, last = pending.pop()
            if contact.id in placed:
                continue
            placed.add(contact.id)
            guide = "" if depth == 0 else prefix + ("└─ " if last else "├─ ")
            rows.append(TreeRow(contact, depth, guide, contact.id in looping))
            children = sorted(
                (child for child in reports.get(contact.id, []) if child.id not in placed),
                key=_sort_key,
            )
            child_prefix = "" if depth == 0 else prefix + ("   " if last else "│  ")
            for index in range(len(children) - 1, -1, -1):
                last_child = index == len(children) - 1
                pending.append((children[index], depth + 1, child_prefix, last_child))
    return rows


def descendants(contacts: Iterable[Contact], contact_id: int) -> set[int]:
    """The ids of everyone who reports, directly or not, to `contact_id` (cycle-safe)."""
    reports: dict[int, list[int]] = {}
    for contact in contacts:
        if contact.reports_to is not None:
            reports.setdefault(contact.reports_to, []).append(contact.id)
    found: set[int] = set()
    pending = [contact_id]
    while pending:
        for child in reports.get(pending.pop(), []):
            if child not in found and child != contact_id:
                found.add(child)
                pending.append(child)
    return found


def possible_bosses(contacts: Sequence[Contact], contact: Contact) -> list[Contact]:
    """Whom `contact` may report to without making a loop: not themselves nor their reports."""
    excluded = (descendants(contacts, contact.id) | {contact.id}) if contact.id else set()
    return sorted(
        (other for other in contacts if other.id not in excluded),
        key=lambda other: (other.name.casefold(), other.id),
    )


def stakeholder_warnings(contacts: Sequence[Contact]) -> list[StakeholderWarning]:
    """What the stakeholder map is missing, most important first."""
    warnings: list[StakeholderWarning] = []
    if not any(contact.buying_role == "decision maker" for contact in contacts):
        warnings.append(
            StakeholderWarning("no-decision-maker", "No decision maker is known for this account.")
        )
    if not any(contact.level == "executive" for contact in contacts):
        warnings.append(
            StakeholderWarning("no-executive", "No executive-level contact: nobody at the top.")
        )
    owners = {contact.owner.strip() for contact in contacts if contact.owner.strip()}
    if contacts and len(owners) == 1:
        (owner,) = owners
        warnings.append(
            StakeholderWarning(
                "single-threaded",
                f"Single-threaded: every relationship on our side runs through {owner}.",
            )
        )
    elif contacts and not owners:
        warnings.append(StakeholderWarning("no-owner", "No relationship has an owner on our side."))
    looping = loop_members(contacts)
    if looping:
        names = ", ".join(sorted(contact.name for contact in contacts if contact.id in looping))
        warnings.append(StakeholderWarning("loop", f"Reports-to loop between {names}."))
    return warnings
