"""Planning an import against the workspace: which files are which, what each row becomes,
what would be created, updated or skipped; then applying it as one undoable change."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kam_tui.domain.exchange.building import Builder, Built, SourceKey, person
from kam_tui.domain.exchange.generic import build_mapped, missing_columns, spec_for
from kam_tui.domain.exchange.known import SOURCES
from kam_tui.domain.exchange.linking import Decision, decide, new_fingerprints
from kam_tui.domain.exchange.mapping import MappingFile
from kam_tui.domain.exchange.own import SYSTEM as OWN_SYSTEM
from kam_tui.domain.exchange.own import own_mapping
from kam_tui.domain.exchange.reading import Problem, ReadError, Table, read_table
from kam_tui.domain.exchange.sources import Incoming, ObjectSpec, Source, map_columns, map_rows
from kam_tui.domain.exchange.tuning import ImportSettings
from kam_tui.domain.models import Account, ImportLink
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import records_errors
from kam_tui.services.import_links import (
    BY_NAME,
    Links,
    absent_links,
    check_references,
    linked,
    named_accounts,
)
from kam_tui.services.import_write import write_plan
from kam_tui.services.outcome import Outcome
from kam_tui.services.workspace import Workspace
from kam_tui.store.change_set import ChangeSet
from kam_tui.store.loading import FREEZE_ABOVE

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
    decisions: list[Decision] = field(default_factory=list)
    account_ids: dict[SourceKey, int] = field(default_factory=dict)
    """(system, source id) -> kam id of the accounts an earlier import linked (and the
    store's other accounts, as ("", "kam:<id>"), for rows naming them)."""
    absent: list[ImportLink] = field(default_factory=list)
    """The links of records an earlier import made that this import's files no longer hold,
    marked as reported (kept, never deleted: an export may hold only part of the source)."""
    known_ids: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(system, kam table, source id) -> kam id of each record an earlier import linked."""

    @property
    def changes(self) -> int:
        """How many records would be created or updated."""
        return sum(item.created + item.updated for item in self.files)

    @property
    def nothing_to_import(self) -> str:
        """What to say when the plan changes nothing: the files hold no rows, or the store
        holds every record they do."""
        if not any(item.rows for item in self.files):
            return "Nothing to import: the files hold no rows."
        return "Nothing to import: the store already holds all of it."

    @property
    def bookkeeping(self) -> int:
        """How many import links alone would change (what was reported, so that it is
        reported once): written even when no record changes."""
        records = sum(1 for d in self.decisions if d.link_changed and d.record is None)
        return records + len(self.absent)


KNOWN_EXPORTS = (
    "the headers of a Salesforce export (Account, Contact, Opportunity, "
    "OpportunityHistory, Task, Event or User) or of a HubSpot export (companies, contacts, "
    "deals, calls, meetings, emails, notes, tasks); any other CSV imports through a "
    "mapping file (--mapping)"
)
"""What the headers of a file kam can import are."""


def read_files(
    paths: Sequence[Path], mapping: MappingFile | None = None
) -> tuple[list[tuple[Source, ObjectSpec, Table]], list[Problem], list[Problem]]:
    """Read and recognise each file (through `mapping` first, when its name is one the
    mapping maps): the files recognised, the refusals (a file that cannot be read, a
    mapped file without a column its mapping names, or a second file of one kind), and the
    files not recognised (left out: an export folder holds files kam has no use for, such
    as Salesforce's leads)."""
    found: list[tuple[Source, ObjectSpec, Table]] = []
    refusals: list[Problem] = []
    unknown: list[Problem] = []
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
        file_mapping = mapping.for_file(name) if mapping is not None else None
        if mapping is not None and file_mapping is not None:
            mapped_spec = spec_for(file_mapping)
            missing = missing_columns(name, mapped_spec, table.headers)
            refusals.extend(missing)
            if not missing:
                found.append((Source(mapping.system, (mapped_spec,)), mapped_spec, table))
            continue
        own = own_mapping(name, table.headers)
        if own is not None:
            own_spec = spec_for(own)
            found.append((Source(OWN_SYSTEM, (own_spec,)), own_spec, table))
            continue
        for source in SOURCES:
            spec = source.recognise(table.headers)
            if spec is not None:
                found.append((source, spec, table))
                break
        else:
            unknown.append(Problem(name, 1, "", KNOWN_EXPORTS))
    names = [(source.name, spec.name) for source, spec, _ in found]
    for source, spec, table in found:
        if names.count((source.name, spec.name)) > 1:
            refusals.append(
                Problem(table.name, 1, "", f"one {source.name} {spec.name} file per import")
            )
            names = [name for name in names if name != (source.name, spec.name)]
    if not found and unknown:
        return found, refusals + unknown, []
    return found, refusals, unknown


def expanded(paths: Sequence[Path]) -> list[Path]:
    """`paths` with each folder replaced by the CSV files in it (by name; an exported
    folder is imported as a whole)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(child for child in path.glob("*.csv") if child.is_file()))
        else:
            files.append(path)
    return files


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an import builds or writes its records: they
    make no cycles, and with hundreds of thousands of new objects it would otherwise walk
    the whole heap (the store included) again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def plan_import(
    workspace: Workspace,
    paths: Sequence[Path],
    settings: ImportSettings | None = None,
    *,
    mapping: MappingFile | None = None,
) -> ImportPlan:
    """Work out what importing `paths` into the workspace would do; writes nothing.
    `mapping` maps the files it names (any CSV); the others are recognised by headers."""
    with _collector_paused():
        plan = _plan(workspace, paths, settings, mapping)
        if len(plan.built.drafts) > FREEZE_ABOVE:
            # What a large plan made is freed with it, by reference counts (it makes no
            # cycles): the collector, paused while it was made, would otherwise walk every
            # one of its objects at its next collections.
            gc.freeze()
        return plan


def _plan(
    workspace: Workspace,
    paths: Sequence[Path],
    settings: ImportSettings | None,
    mapping: MappingFile | None,
) -> ImportPlan:
    settings = settings or ImportSettings()
    plan = ImportPlan()
    found, plan.refusals, unknown = read_files(expanded(paths), mapping)
    if plan.refusals:
        return plan
    plan.notes.extend(f"left out {problem.file}: not {problem.expected}" for problem in unknown)
    found.sort(key=lambda item: item[1].order)
    mapped: dict[tuple[str, str], list[Incoming]] = {}
    texts: dict[tuple[str, str], dict[str, list[str]]] = {}
    for source, spec, table in found:
        plan.problems.extend(table.problems)
        if spec.mapping is not None:  # its cells convert column by column
            rows, texts[source.name, spec.name], problems = map_columns(spec, table)
        else:
            rows, problems = map_rows(spec, table)
        plan.problems.extend(problems)
        mapped[source.name, spec.name] = rows
        shown = source.name
        if mapping is not None and spec.mapping is not None and source.name != OWN_SYSTEM:
            shown = f"{mapping.name}:"
        plan.files.append(
            FileSummary(table.name, shown, spec.name, len(table.rows) + len(table.problems))
        )
    users = {row.source_id: person(row.values) for row in mapped.get(("Salesforce", "User"), [])}
    links: Links = {
        (link.system, link.object, link.source_id): link for link in workspace.all(ImportLink)
    }
    systems = {id(spec): source.name for source, spec, _ in found}
    plan.account_ids, known_deals = linked(workspace, links)
    # The builder knows the linked accounts by system and source id only: an id cell
    # such as "kam:5" must not reach an account no import linked.
    builder = Builder(
        workspace.schema, settings, users, plan.account_ids, known_deals, systems=systems
    )
    builder.known_names = named_accounts(workspace, plan.account_ids)
    plan.account_ids.update(
        {key: int(key[1][len(BY_NAME) :]) for key in builder.known_names.values() if not key[0]}
    )
    for source, spec, table in found:
        if spec.target == Account.TABLE:
            ids = (row.get(spec.id_column) for row in table.rows)
            builder.listed_accounts.update((source.name, source_id) for source_id in ids)
    for source, spec, _ in found:
        key = (source.name, spec.name)
        if key in texts:
            build_mapped(builder, mapped[key], texts[key])
        else:
            _build(builder, spec, mapped[key])
    plan.built = builder.finish(workspace.today)
    plan.known_ids = {
        (system, link.kam_table, source_id): link.record_id
        for (system, _, source_id), link in links.items()
    }
    check_references(plan.built, systems, plan.known_ids)
    plan.problems.extend(plan.built.problems)
    plan.notes.extend(plan.built.notes)
    decisions: list[Decision] = []
    fingerprints = new_fingerprints(plan.built.drafts)
    for draft, new in zip(plan.built.drafts, fingerprints, strict=True):
        system = systems[id(draft.incoming.spec)]
        link = links.get((system, draft.incoming.spec.name, draft.incoming.source_id))
        kind = type(draft.record)
        current = workspace.get(kind, link.record_id) if link is not None else None
        decisions.append(decide(draft, system, link, current, draft.skip, new))
    refused = _links_refused(decisions, workspace.schema, plan.problems)
    plan.decisions = [d for n, d in enumerate(decisions) if n not in refused]
    plan.problems.sort(key=lambda problem: (problem.file, problem.line))
    _count(plan)
    _note_namesakes(plan, builder.known_names)
    plan.absent, absent_notes = absent_links(workspace, found, links)
    plan.notes.extend(absent_notes)
    return plan


def _links_refused(decisions: list[Decision], schema: Schema, problems: list[Problem]) -> set[int]:
    """The positions of the decisions whose new import link breaks a rule of its kind (its
    ids aside, set when it is written), each a problem on its row's id column: the plan
    validates every new link, all at once, so that writing them validates nothing again."""
    fresh = [n for n, decision in enumerate(decisions) if decision.link.id == 0]
    found = records_errors(ImportLink, [decisions[n].link for n in fresh], schema)
    refused: set[int] = set()
    for at, errors in found.items():
        errors.pop("account_id", None)
        errors.pop("record_id", None)
        if not errors:
            continue
        refused.add(fresh[at])
        incoming = decisions[fresh[at]].draft.incoming
        for key, problem in errors.items():
            column = incoming.spec.id_column if key == "source_id" else key
            problems.append(Problem(incoming.file, incoming.line, column, problem))
    return refused


def _note_namesakes(plan: ImportPlan, known_names: dict[str, SourceKey]) -> None:
    """Note the new accounts named like an account kam holds that no import linked: they
    come in as accounts of their own (kam cannot tell a namesake from the same company)."""
    names = [
        decision.draft.record.name
        for decision in plan.decisions
        if decision.action == "create"
        and isinstance(decision.draft.record, Account)
        and known_names.get(decision.draft.record.name.casefold(), ("?", ""))[0] == ""
    ]
    if names:
        shown = ", ".join(repr(name) for name in names[:5]) + (", ..." if len(names) > 5 else "")
        plan.notes.append(
            f"{len(names)} new account(s) share their name with an account kam already holds "
            f"({shown}): imported as accounts of their own; merge or delete the ones you "
            "did not mean to add (kam's own CSV belongs in an empty store)"
        )


def _build(builder: Builder, spec: ObjectSpec, rows: list[Incoming]) -> None:
    """Hand each row of one file (not a mapped one) to the builder of its kind of record."""
    if spec.target == "status_history":
        builder.history(rows)
        return
    build = {
        "accounts": builder.account,
        "contacts": builder.contact,
        "deals": builder.deal,
        "activities": builder.activity,
    }.get(spec.target)
    if build is not None:
        for row in rows:
            build(row)


def _count(plan: ImportPlan) -> None:
    by_file = {item.name: item for item in plan.files}
    for decision in plan.decisions:
        summary = by_file[decision.draft.incoming.file]
        if decision.action == "create":
            summary.created += 1
        elif decision.action == "update":
            summary.updated += 1
        else:
            summary.unchanged += 1
        incoming = decision.draft.incoming
        for key in decision.kept:
            if key == "account":
                column = incoming.spec.parent_column or incoming.spec.parent_name_column
                plan.notes.append(
                    f"{incoming.file}:{incoming.line}: {column}: kept under the account it "
                    "was moved to in kam (the export moved it too)"
                )
                continue
            column = incoming.spec.column_of(key)
            plan.notes.append(
                f"{incoming.file}:{incoming.line}: {column}: kept the {key} edited in kam "
                "(the export changed it too)"
            )
        if decision.action == "gone" and decision.reported:
            plan.notes.append(
                f"{incoming.file}:{incoming.line}: deleted in kam since the last import: "
                "kept deleted"
            )
    bad_lines: dict[str, set[int]] = {}
    for problem in plan.problems:
        bad_lines.setdefault(problem.file, set()).add(problem.line)
    for name, lines in bad_lines.items():
        if name in by_file:
            by_file[name].skipped += len(lines)


def apply_import(workspace: Workspace, plan: ImportPlan, description: str) -> Outcome[int]:
    """Write the plan as one change (undoable); the value is how many records it created
    or updated."""

    def edit(change: ChangeSet) -> int:
        return write_plan(change, plan.decisions, plan.account_ids, plan.known_ids, plan.absent)

    with _collector_paused():
        outcome = workspace.apply(description, edit)
        if outcome.change is not None and len(outcome.change.edits) > FREEZE_ABOVE:
            # The records written live as long as the store, as those loaded do (see
            # `Loading._finish_loading`): the collector, paused while they were made, would
            # otherwise walk every one of them at its next collections.
            gc.freeze()
        return outcome
