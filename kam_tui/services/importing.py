"""Planning an import against the workspace: which files are which, what each row becomes,
what would be created, updated or skipped; then applying it as one undoable change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kam_tui.domain.exchange.building import Builder, Built, Draft, person
from kam_tui.domain.exchange.reading import Problem, ReadError, Table, read_table
from kam_tui.domain.exchange.salesforce import SOURCES
from kam_tui.domain.exchange.sources import Incoming, ObjectSpec, Source, map_rows
from kam_tui.domain.exchange.tuning import ImportSettings
from kam_tui.domain.models import Account, Activity, Contact, Deal, Record, StatusChange
from kam_tui.services.outcome import Outcome
from kam_tui.services.workspace import Workspace
from kam_tui.store.change_set import ChangeSet

MAX_FILE_BYTES = 200 * 1024 * 1024
"""The largest file read; a bigger one is not an export a person made."""


@dataclass(slots=True)
class FileSummary:
    """What an import does with one file."""

    name: str
    source: str
    object: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


@dataclass(slots=True)
class ImportPlan:
    """Everything an import would do, worked out before anything is written."""

    files: list[FileSummary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Rows that cannot be imported (the import stops on them unless told to skip them)."""
    refusals: list[Problem] = field(default_factory=list)
    """Files that cannot be read at all: the import never runs with these."""
    notes: list[str] = field(default_factory=list)
    built: Built = field(default_factory=Built)

    @property
    def changes(self) -> int:
        """How many records would be created or updated."""
        return sum(item.created + item.updated for item in self.files)


def read_files(
    paths: Sequence[Path],
) -> tuple[list[tuple[Source, ObjectSpec, Table]], list[Problem]]:
    """Read and recognise each file; those that cannot be read or recognised are refusals."""
    found: list[tuple[Source, ObjectSpec, Table]] = []
    refusals: list[Problem] = []
    for path in paths:
        name = path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                refusals.append(Problem(name, 0, "", f"a file of at most {MAX_FILE_BYTES:,} bytes"))
                continue
            table = read_table(name, path.read_bytes())
        except ReadError as error:
            refusals.append(error.problem)
            continue
        except OSError as error:
            refusals.append(Problem(str(path), 0, "", f"a readable file ({error.strerror})"))
            continue
        for source in SOURCES:
            spec = source.recognise(table.headers)
            if spec is not None:
                found.append((source, spec, table))
                break
        else:
            refusals.append(
                Problem(
                    name,
                    1,
                    "",
                    "the headers of a Salesforce export (Account, Contact, Opportunity, "
                    "OpportunityHistory, Task, Event or User)",
                )
            )
    names = [spec.name for _, spec, _ in found]
    for _, spec, table in found:
        if names.count(spec.name) > 1:
            refusals.append(Problem(table.name, 1, "", f"one {spec.name} file per import"))
            names = [name for name in names if name != spec.name]
    return found, refusals


def plan_import(
    workspace: Workspace, paths: Sequence[Path], settings: ImportSettings | None = None
) -> ImportPlan:
    """Work out what importing `paths` into the workspace would do; writes nothing."""
    settings = settings or ImportSettings()
    plan = ImportPlan()
    found, plan.refusals = read_files(paths)
    if plan.refusals:
        return plan
    found.sort(key=lambda item: item[1].order)
    mapped: dict[str, list[Incoming]] = {}
    for source, spec, table in found:
        plan.problems.extend(table.problems)
        rows, problems = map_rows(spec, table)
        plan.problems.extend(problems)
        mapped[spec.name] = rows
        plan.files.append(
            FileSummary(table.name, source.name, spec.name, len(table.rows) + len(table.problems))
        )
    users = {row.source_id: person(row.values) for row in mapped.get("User", [])}
    builder = Builder(workspace.schema, settings, users)
    for _, spec, _ in found:
        rows = mapped[spec.name]
        if spec.target == "accounts":
            for row in rows:
                builder.account(row)
        elif spec.target == "contacts":
            for row in rows:
                builder.contact(row)
        elif spec.target == "deals":
            for row in rows:
                builder.deal(row)
        elif spec.target == "status_history":
            builder.history(rows)
        elif spec.target == "activities":
            for row in rows:
                builder.activity(row)
    plan.built = builder.finish(workspace.today)
    plan.problems.extend(plan.built.problems)
    plan.notes.extend(plan.built.notes)
    plan.problems.sort(key=lambda problem: (problem.file, problem.line))
    _count(plan)
    return plan


def _count(plan: ImportPlan) -> None:
    by_file = {item.name: item for item in plan.files}
    for draft in plan.built.drafts:
        by_file[draft.incoming.file].created += 1
    bad_lines: dict[str, set[int]] = {}
    for problem in plan.problems:
        bad_lines.setdefault(problem.file, set()).add(problem.line)
    for name, lines in bad_lines.items():
        if name in by_file:
            by_file[name].skipped += len(lines)


def apply_import(workspace: Workspace, plan: ImportPlan, description: str) -> Outcome[int]:
    """Write the plan as one change (undoable); the value is how many records it wrote."""

    def edit(change: ChangeSet) -> int:
        return _write(change, plan.built.drafts)

    return workspace.apply(description, edit)


def _write(change: ChangeSet, drafts: list[Draft]) -> int:
    account_ids: dict[str, int] = {}
    written = 0
    for draft in drafts:
        record: Record = draft.record
        if isinstance(record, Account):
            saved = change.save(record)
            account_ids[draft.incoming.source_id] = saved.id
            written += 1
    for draft in drafts:
        record = draft.record
        if isinstance(record, Account):
            continue
        account_id = account_ids.get(draft.account_source)
        if account_id is None:
            continue
        if isinstance(record, Activity):
            change.log_activity(replace(record, account_id=account_id))
        elif isinstance(record, Contact | Deal | StatusChange):
            change.save(replace(record, account_id=account_id))
        written += 1
    return written
