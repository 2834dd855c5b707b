"""Turning mapped rows into kam records: names, stages, outcomes, the account's status and
lifecycle list, each record checked by the rules of the forms."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from kam_tui.domain.exchange.convert import closest, source_ids
from kam_tui.domain.exchange.lifecycle import deciding_deal, lifecycle_of, status_of
from kam_tui.domain.exchange.reading import Problem
from kam_tui.domain.exchange.sources import Incoming
from kam_tui.domain.exchange.tuning import ImportSettings, probability_of_stage
from kam_tui.domain.models import RATINGS, Account, Activity, Contact, Deal, Record, StatusChange
from kam_tui.domain.schema import Schema
from kam_tui.domain.validation import record_errors

SourceKey = tuple[str, str]
"""(system, source id): a record of a source system (ids belong to their system; an
account of the store that no import linked is ("", "kam:<id>"))."""


@dataclass(slots=True)
class Draft:
    """One record to import: where it came from and the record, its parent not yet linked
    (account_id 0 until the account is saved)."""

    incoming: Incoming
    record: Record
    account: SourceKey
    """The account it belongs to (itself, for an account)."""
    deal_source: str = ""
    """For a stage-history entry, the source id of its opportunity (of its own system)."""
    skip: frozenset[str] = frozenset()
    """Fields this import does not set on the record (an account's status and list when
    the import holds none of its deals): a re-import leaves them as they are."""
    fields: frozenset[str] | None = None
    """The fields this import sets (a mapped file's columns); None: those its source's
    table of IMPORTED_FIELDS names."""
    derived: frozenset[str] = frozenset({"status", "lifecycle"})
    """For an account, the fields derived from its deals (those its file does not set)."""
    references: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Reference field -> the source ids it names (a contact's manager, an action's
    objective, an activity's contacts), resolved to kam ids when written."""

    @property
    def account_source(self) -> str:
        """The source id of the account it belongs to (what its link remembers)."""
        return self.account[1]


@dataclass(slots=True)
class Built:
    """Every record an import would write, and what it found wrong or left to do."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Rows that cannot be imported as they are."""
    notes: list[str] = field(default_factory=list)
    """What was imported but needs the user's eye (fields left to fill, owners unknown)."""

    def of(self, table: str) -> list[Draft]:
        """The drafts of one kam table, in file order."""
        return [draft for draft in self.drafts if table == draft.record.TABLE]


def person(values: dict[str, Any]) -> str:
    """`First Last` from a row's first and last names."""
    return " ".join(
        part for part in (values.get("first_name", ""), values.get("last_name", "")) if part
    )


class Builder:
    """Builds the drafts of one import, in the order parents before children."""

    def __init__(
        self,
        schema: Schema,
        settings: ImportSettings,
        users: dict[str, str],
        known_accounts: Iterable[SourceKey] = (),
        known_deals: Mapping[SourceKey, tuple[SourceKey, str]] | None = None,
        systems: Mapping[int, str] | None = None,
    ) -> None:
        self.schema = schema
        self.settings = settings
        self.users = users
        """Source user id -> name (from User.csv)."""
        self.built = Built()
        self.systems = dict(systems or {})
        """id() of a file's spec -> the system its ids belong to."""
        self.accounts: dict[SourceKey, Draft] = {}
        self.known_accounts = set(known_accounts)
        """The accounts an earlier import linked (a newer export may leave them out)."""
        self.known_deals = dict(known_deals or {})
        """The opportunities an earlier import linked -> (their account, their title), for
        a stage history imported on its own."""
        self.listed_accounts: set[SourceKey] = set()
        """Every account in the account files, its row good or not."""
        self.deals: dict[SourceKey, Draft] = {}
        self.folded_statuses = frozenset(name.casefold() for name in schema.status_names)
        """The pipeline statuses, casefolded: a deal's stage that is one needs no mapping."""
        self.account_names: dict[str, SourceKey] = {}
        """An account's name (casefolded) -> the account, for rows naming their account."""
        self.known_names: dict[str, SourceKey] = {}
        """The same for the accounts already in the store (as an import linked them, or
        ("", "kam:<id>") when none did)."""
        self.cell_plans: dict[int, dict[str, Any]] = {}
        """id() of a mapped file's spec -> how each of its cells converts."""
        self._unknown_owners: set[str] = set()
        self.open_tasks = 0
        """Tasks not done yet: left out (an activity is a touch that happened)."""

    # Helpers

    def _owner(self, values: dict[str, Any]) -> str:
        if "owner" in values:  # a source that writes owners' names, not their ids
            named: str = values["owner"]
            return named
        owner_id: str = values.get("owner_id", "")
        if not owner_id:
            return ""
        name = self.users.get(owner_id)
        if name is None:
            self._unknown_owners.add(owner_id)
            return ""
        return name

    def _problem(self, incoming: Incoming, column: str, expected: str) -> None:
        self.built.problems.append(Problem(incoming.file, incoming.line, column, expected))

    def _checked(self, incoming: Incoming, record: Record) -> bool:
        """True when `record` keeps the rules of the forms; else each broken rule is a
        problem against the column it came from."""
        errors = record_errors(record, self.schema)
        errors.pop("account_id", None)
        if not errors:
            return True
        for key, problem in errors.items():
            self._problem(incoming, incoming.spec.column_of(key), problem)
        return False

    def key(self, incoming: Incoming, source_id: str) -> SourceKey:
        """A source id of the system a row comes from, as the builder keys it."""
        return self.systems.get(id(incoming.spec), ""), source_id

    def _parent_account(self, incoming: Incoming) -> SourceKey | None:
        """The account a row belongs to (by its id in the row's system, else by its name);
        None, with a problem, when it names no account of this import or the store."""
        spec = incoming.spec
        account_source = incoming.parent_id
        column = spec.parent_column or spec.parent_name_column
        parent = self.key(incoming, account_source)
        if parent in self.accounts or parent in self.known_accounts:
            return parent
        id_name = spec.id_column if spec.mapping is None else "id"
        if not account_source and incoming.parent_name:
            key = incoming.parent_name.casefold()
            found = self.account_names.get(key) or self.known_names.get(key)
            if found is not None:
                return found
            column = spec.parent_name_column
            expected = f"the name of an imported account, not {incoming.parent_name!r}"
        elif not account_source and spec.parent_name_column:
            expected = (
                f"the {id_name} of an account, or its name in {spec.parent_name_column} "
                "(both cells are empty)"
            )
        elif not account_source:
            expected = f"the {id_name} of an account (the cell is empty)"
        elif parent in self.listed_accounts:
            expected = f"an account that imports; {account_source}'s own row has a problem"
        else:
            expected = f"the {id_name} of an imported account, not {account_source!r}"
        self._problem(incoming, column, expected)
        return None

    # Each kind of record

    def account(self, incoming: Incoming) -> None:
        values = incoming.values
        given_rating: str = values.get("rating", "")
        rating = closest(given_rating, RATINGS)
        if rating is None:
            self._problem(
                incoming,
                incoming.spec.column_of("rating"),
                f"one of Hot, Warm, Cold, not {given_rating!r}",
            )
            return
        if rating.casefold() != given_rating.casefold():
            column = incoming.spec.column_of("rating")
            self.built.notes.append(
                f"{incoming.file}:{incoming.line}: {column}: took {given_rating!r} as {rating!r}"
            )
        parts = (values.get("city", ""), values.get("state", ""), values.get("country", ""))
        address = ", ".join(part for part in parts if part)
        record = Account(
            name=values["name"],
            industry=values.get("industry", ""),
            rating=rating,
            address=address,
            website=values.get("website", ""),
            annual_revenue=values.get("annual_revenue", 0),
            assignee=self._owner(values),
            status=self.schema.status_names[0],
            lifecycle=self.schema.lists[0],
        )
        if self._checked(incoming, record):
            key = self.key(incoming, incoming.source_id)
            draft = Draft(incoming, record, key)
            self.accounts[key] = draft
            self.account_names.setdefault(record.name.casefold(), key)
            self.built.drafts.append(draft)

    def contact(self, incoming: Incoming) -> None:
        values = incoming.values
        account = self._parent_account(incoming)
        if account is None:
            return
        record = Contact(
            name=person(values),
            title=values.get("title", ""),
            email=values.get("email", ""),
            phone=values.get("phone", "") or values.get("mobile", ""),
            owner=self._owner(values),
        )
        if self._checked(incoming, record):
            self.built.drafts.append(Draft(incoming, record, account))

    def deal(self, incoming: Incoming) -> None:
        values = incoming.values
        account = self._parent_account(incoming)
        if account is None:
            return
        stage = self._stage(
            incoming, values["source_stage"], incoming.spec.column_of("source_stage")
        )
        if stage is None:
            return
        if "won" in values:
            outcome = "won" if values["won"] else "lost" if values["closed"] else "open"
        else:  # no closed/won flags (HubSpot): the stage says it
            outcome = {self.settings.won_status: "won", self.settings.lost_status: "lost"}.get(
                stage, "open"
            )
        created: date | None = values.get("created")
        close_date: date | None = values.get("close_date")
        if created and close_date and close_date < created:
            created = None  # loaded into the org after it closed: the day it opened is unknown
        record = Deal(
            title=values["title"],
            amount=values["amount"],
            stage=stage,
            probability=(
                values["probability"]
                if values.get("probability") is not None
                else probability_of_stage(values["source_stage"])
            ),
            created=created,
            close_date=close_date,
            outcome=outcome,
            owner=self._owner(values),
        )
        if self._checked(incoming, record):
            draft = Draft(incoming, record, account)
            self.deals[self.key(incoming, incoming.source_id)] = draft
            self.built.drafts.append(draft)

    def _stage(self, incoming: Incoming, name: str, column: str) -> str | None:
        if not name:
            return ""
        status = self.settings.status_of_stage(name)
        if status is None:
            known = list(self.settings.stage_map)
            close = difflib.get_close_matches(name, known, 1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self._problem(
                incoming,
                column,
                f"a stage named in import.stage_map, not {name!r}{hint}",
            )
            return None
        if status not in self.schema.status_names:
            self._problem(
                incoming,
                column,
                f"a stage mapped onto a pipeline status; {name!r} maps onto {status!r}, "
                "which pipeline.statuses does not list",
            )
            return None
        return status

    def history(self, entries: list[Incoming]) -> None:
        """The stage history of each deal: one status change per stage entered, from the
        deal's previous stage, in time order, on the deal's account."""
        by_deal: dict[SourceKey, list[Incoming]] = {}
        for incoming in entries:
            deal = self.key(incoming, incoming.parent_id)
            if deal not in self.deals and deal not in self.known_deals:
                self._problem(
                    incoming,
                    incoming.spec.parent_column,
                    f"the Id of an imported opportunity, not {incoming.parent_id!r}",
                )
                continue
            by_deal.setdefault(deal, []).append(incoming)
        for deal, rows in by_deal.items():
            deal_source = deal[1]
            if deal in self.deals:
                draft = self.deals[deal]
                assert isinstance(draft.record, Deal)
                account, title = draft.account, draft.record.title
            else:
                account, title = self.known_deals[deal]
            previous = ""
            for incoming in sorted(
                rows, key=lambda item: (item.values["when"] or datetime.min, item.line)
            ):
                stage = self._stage(
                    incoming,
                    incoming.values["source_stage"],
                    incoming.spec.column_of("source_stage"),
                )
                if stage is None:
                    continue
                when: datetime | None = incoming.values["when"]
                record = StatusChange(
                    day=when.date() if when else None,
                    kind="status",
                    from_value=previous,
                    to_value=stage,
                    by=self._owner(incoming.values),
                    reason=f"deal {title}: {incoming.values['source_stage']}",
                )
                if self._checked(incoming, record):
                    self.built.drafts.append(Draft(incoming, record, account, deal_source))
                    previous = stage

    def activity(self, incoming: Incoming) -> None:
        values = incoming.values
        account = self._parent_account(incoming)
        if account is None:
            return
        spec = incoming.spec
        if spec.done_states and values.get("state", "").casefold() not in spec.done_states:
            self.open_tasks += 1
            return
        if "when" in values:
            when: datetime | None = values["when"]
            day = when.date() if when else None
        else:
            day = values["day"]
        kind = spec.activity_kinds.get(values.get("subtype", "").casefold(), spec.default_kind)
        parts = (values.get("subject", ""), values["description"])  # a note has no subject
        summary = "\n".join(part for part in parts if part)
        record = Activity(kind=kind, day=day, summary=summary, logged_by=self._owner(values))
        if self._checked(incoming, record):
            contacts = tuple(dict.fromkeys(source_ids(values.get("contacts", ""))))
            references = {"contact_ids": contacts} if contacts else {}
            self.built.drafts.append(Draft(incoming, record, account, references=references))

    # The whole

    @staticmethod
    def _status_since(deal: Deal | None, entered: dict[int, date]) -> date | None:
        if deal is None:
            return None
        if id(deal) in entered:
            return entered[id(deal)]
        return deal.close_date if deal.outcome != "open" else deal.created

    def finish(self, today: date) -> Built:
        """Set each account's status and list from its deals, and note what is left to do."""
        deals_of: dict[SourceKey, list[Deal]] = {}
        for draft in self.deals.values():
            assert isinstance(draft.record, Deal)
            deals_of.setdefault(draft.account, []).append(draft.record)
        entered: dict[int, date] = {}
        """id() of a deal -> the day of its latest stage-history entry."""
        for draft in self.built.of(StatusChange.TABLE):
            deal_draft = self.deals.get(self.key(draft.incoming, draft.deal_source))
            day = getattr(draft.record, "day", None)
            if deal_draft is not None and day is not None:
                key = id(deal_draft.record)
                entered[key] = max(entered.get(key, day), day)
        for account, draft in self.accounts.items():
            assert isinstance(draft.record, Account)
            deals = deals_of.get(account, [])
            derived: dict[str, Any] = {}
            if "status" in draft.derived:
                derived["status"] = status_of(deals, self.settings, self.schema.status_names[0])
                derived["status_since"] = self._status_since(deciding_deal(deals), entered)
            if "lifecycle" in draft.derived:
                lifecycle = lifecycle_of(deals, self.settings.lifecycle, self.schema.lists[0])
                derived["lifecycle"] = (
                    lifecycle if lifecycle in self.schema.lists else self.schema.lists[0]
                )
            if derived:
                draft.record = replace(draft.record, **derived)
            if not deals:
                draft.skip = draft.derived
        roles = {"level", "buying_role"}
        contacts = sum(
            1 for draft in self.built.of("contacts") if not roles <= (draft.fields or set())
        )
        if contacts:
            self.built.notes.append(
                f"{contacts} contact(s): level and buying role are left at their defaults "
                "(management, influencer); fill them in on each account's Contacts tab"
            )
        if self.open_tasks:
            self.built.notes.append(
                f"{self.open_tasks} task(s) not completed left out: an activity is a touch "
                "that happened; add them as actions of the account's plan"
            )
        if self._unknown_owners:
            self.built.notes.append(
                f"{len(self._unknown_owners)} owner id(s) not found in a User.csv "
                "(import it with the others to get names): assignees and owners left empty"
            )
        no_users = not self.users and any(
            draft.incoming.values.get("owner_id") for draft in self.built.drafts
        )
        if no_users and not self._unknown_owners:
            self.built.notes.append("no User.csv: owners left empty")
        shared = [draft.incoming for draft in self.built.drafts if draft.incoming.other_parents]
        if shared:
            self.built.notes.append(
                f"{len(shared)} row(s) name several companies in {shared[0].spec.parent_column}"
                f" (first: {shared[0].file}:{shared[0].line}): each came in on the first "
                "named, the primary; in kam a record belongs to one account"
            )
        return self.built
