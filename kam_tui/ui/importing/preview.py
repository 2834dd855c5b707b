"""The preview of an import as text: per file what would come in, every problem, the notes."""

from __future__ import annotations

from collections import Counter

from kam_tui.services.importing import ImportPlan

KIND_NAMES = {
    "accounts": ("account", "accounts"),
    "contacts": ("contact", "contacts"),
    "deals": ("deal", "deals"),
    "status_history": ("stage-history entry", "stage-history entries"),
    "activities": ("activity", "activities"),
}
"""How a notification names one and several records of each table an import writes."""


def preview_text(plan: ImportPlan, *, skipping: bool) -> str:
    """What the import would do, file by file, then every problem (`file:line: column:
    expected`) and note; `skipping` says whether rows with problems are left out (else
    they stop the import)."""
    lines: list[str] = []
    if plan.refusals:
        lines.append(f"Cannot import: {len(plan.refusals)} file problem(s)")
        lines.extend(f"  {refusal}" for refusal in plan.refusals)
        return "\n".join(lines)
    for item in plan.files:
        lines.append(f"{item.name} ({item.source} {item.object}): {item.rows} row(s)")
        lines.append(
            f"  {item.created} to create · {item.updated} to update · "
            f"{item.unchanged} unchanged · {item.skipped} "
            f"{'skipped' if skipping else 'with problems'}"
        )
    if plan.problems:
        lines.append("")
        lines.append(f"{len(plan.problems)} problem(s):")
        lines.extend(f"  {problem}" for problem in plan.problems)
    if plan.notes:
        lines.append("")
        lines.append("Notes:")
        lines.extend(f"  {note}" for note in plan.notes)
    return "\n".join(lines)


def totals(plan: ImportPlan) -> tuple[int, int, int]:
    """(to create, to update, unchanged) over every file."""
    return (
        sum(item.created for item in plan.files),
        sum(item.updated for item in plan.files),
        sum(item.unchanged for item in plan.files),
    )


def bad_rows(plan: ImportPlan) -> int:
    """How many rows have a problem (a row with two problems counts once)."""
    return len({(problem.file, problem.line) for problem in plan.problems})


def what_came_in(plan: ImportPlan) -> str:
    """The records an applied plan wrote, by kind: `18 accounts, 36 deals`."""
    kinds = Counter(
        decision.record.TABLE for decision in plan.decisions if decision.record is not None
    )
    parts = []
    for table, count in kinds.items():
        one, several = KIND_NAMES.get(table, (table, table))
        parts.append(f"{count} {one if count == 1 else several}")
    return ", ".join(parts)
