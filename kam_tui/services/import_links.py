"""What earlier imports linked, for a new one: the records they made by source id, the
store's accounts by name, and what the source no longer holds or a row names in vain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kam_tui.domain.exchange.building import Built, Draft, SourceKey
from kam_tui.domain.exchange.linking import ABSENT_KEY
from kam_tui.domain.exchange.mapping import REFERENCES
from kam_tui.domain.exchange.reading import Problem, Table
from kam_tui.domain.exchange.sources import ObjectSpec, Source
from kam_tui.domain.models import TABLES, Account, Deal, ImportLink
from kam_tui.services.workspace import Workspace

Links = dict[tuple[str, str, str], ImportLink]
BY_NAME = "kam:"
"""The prefix of the key standing for an account of the store that no import linked."""


def absent_links(
    workspace: Workspace, found: Sequence[tuple[Source, ObjectSpec, Table]], links: Links
) -> tuple[list[ImportLink], list[str]]:
    """Note (once) the records an earlier import took from a file of the same kind that
    this file no longer holds: kept, since an export may hold only part of the source (a
    filtered view, a report's first rows), and deleting would take the user's work on
    them with it. A file with unreadable rows is not checked (its missing ids are not
    known to be gone). Returns the links marked as reported, and the notes."""
    by_object: dict[tuple[str, str], list[tuple[str, ImportLink]]] = {}
    for (system, object_name, source_id), link in links.items():
        by_object.setdefault((system, object_name), []).append((source_id, link))
    marked: list[ImportLink] = []
    notes: list[str] = []
    for source, spec, table in found:
        if spec.target not in TABLES or table.problems:
            continue
        present = {row.get(spec.id_column) for row in table.rows}
        gone: list[str] = []
        for source_id, link in by_object.get((source.name, spec.name), []):
            if source_id in present:
                continue
            if workspace.get(TABLES[link.kam_table], link.record_id) is None:
                continue
            if ABSENT_KEY not in link.imported:
                gone.append(source_id)
                marked.append(replace(link, imported={**link.imported, ABSENT_KEY: "1"}))
        if gone:
            shown = ", ".join(gone[:5]) + (", ..." if len(gone) > 5 else "")
            notes.append(
                f"{table.name}: {len(gone)} record(s) an earlier import took from "
                f"{spec.name} files are not in this one ({shown}): kept in kam (an export may "
                "hold only part of the source); delete them in kam if they are gone"
            )
    return marked, notes


def named_accounts(workspace: Workspace, account_ids: dict[SourceKey, int]) -> dict[str, SourceKey]:
    """Each account's name (casefolded) in the store -> the account a row naming it links
    to: as an import linked it, else ("", "kam:<id>") (the first of equal names)."""
    sources = {kam_id: key for key, kam_id in account_ids.items()}
    named: dict[str, SourceKey] = {}
    for account in workspace.accounts():
        key = sources.get(account.id, ("", f"{BY_NAME}{account.id}"))
        named.setdefault(account.name.casefold(), key)
    return named


def linked(
    workspace: Workspace, links: Links
) -> tuple[dict[SourceKey, int], dict[SourceKey, tuple[SourceKey, str]]]:
    """What earlier imports linked and kam still holds: (system, account source id) ->
    account id, and (system, opportunity source id) -> (its account, its title)."""
    account_ids = {
        (system, source_id): link.record_id
        for (system, _, source_id), link in links.items()
        if link.kam_table == Account.TABLE and workspace.get(Account, link.record_id) is not None
    }
    account_sources = {kam_id: key for key, kam_id in account_ids.items()}
    known_deals: dict[SourceKey, tuple[SourceKey, str]] = {}
    for (system, _, source_id), link in links.items():
        deal = workspace.get(Deal, link.record_id) if link.kam_table == Deal.TABLE else None
        if deal is not None and deal.account_id in account_sources:
            known_deals[system, source_id] = (account_sources[deal.account_id], deal.title)
    return account_ids, known_deals


def check_references(
    built: Built, systems: dict[int, str], known_ids: dict[tuple[str, str, str], int]
) -> None:
    """Leave out (as a problem) each draft naming a record by a source id that neither
    this import nor an earlier one holds (a contact's manager, an action's objective).
    An activity of another system's export keeps its row without the contacts it names
    that are not held (a Salesforce task's WhoId may be a lead), counted in a note."""
    if not any(any(ids) for draft in built.drafts for ids in draft.references.values()):
        return  # no draft names another record (most files)
    named = set(REFERENCES.values())  # the kinds a reference can name
    held = {
        (systems[id(draft.incoming.spec)], draft.record.TABLE, draft.incoming.source_id)
        for draft in built.drafts
        if draft.record.TABLE in named
    } | {key for key in known_ids if key[1] in named}
    kept = []
    contacts_left_out = 0
    first = ""
    for draft in built.drafts:
        if not any(draft.references.values()):
            kept.append(draft)
            continue
        system = systems[id(draft.incoming.spec)]
        unknown = [
            (key, source_id)
            for key, ids in draft.references.items()
            for source_id in ids
            if (system, REFERENCES[draft.record.TABLE, key], source_id) not in held
        ]
        if unknown and _contacts_optional(draft):
            if not contacts_left_out:
                first = f"{draft.incoming.file}:{draft.incoming.line}: {unknown[0][1]}"
            contacts_left_out += len(unknown)
            left_out = {source_id for _, source_id in unknown}
            ids = draft.references["contact_ids"]
            draft.references = {"contact_ids": tuple(i for i in ids if i not in left_out)}
            unknown = []
        for key, source_id in unknown:
            target = REFERENCES[draft.record.TABLE, key]
            built.problems.append(
                Problem(
                    draft.incoming.file,
                    draft.incoming.line,
                    draft.incoming.spec.column_of(key),
                    f"the id of a record of {target} this import holds, not {source_id!r}",
                )
            )
        if not unknown:
            kept.append(draft)
    built.drafts = kept
    if contacts_left_out:
        built.notes.append(
            f"{contacts_left_out} contact id(s) named by activities are not among the "
            f"contacts imported now or before (first: {first}; a lead, or a contact not "
            "exported): those activities are imported without them"
        )


def _contacts_optional(draft: Draft) -> bool:
    """True for an activity of another system's export, whose only references are its
    contacts: one it names that is not held is left out of it, not its whole row."""
    return (
        draft.incoming.spec.mapping is None
        and draft.record.TABLE == "activities"
        and set(draft.references) == {"contact_ids"}
    )
