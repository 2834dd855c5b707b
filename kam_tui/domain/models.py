"""The KAM entities: immutable records that convert to and from stored documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any, ClassVar, TypeVar

from kam_tui.domain.choices import (
    ACTION_STATUSES,
    ACTIVITY_KINDS,
    BUYING_ROLES,
    DEAL_OUTCOMES,
    HISTORY_FIELDS,
    INFLUENCES,
    LEVELS,
    PERSPECTIVE_LABELS,
    PERSPECTIVES,
    PRIORITIES,
    QUADRANT_LABELS,
    QUADRANTS,
    RATINGS,
    STAGES,
    STANCES,
    STEP_STATES,
    TEAM_ROLES,
)
from kam_tui.domain.codecs import (
    JSON_TYPES,
    READ_CONVERTED,
    WRITE_CONVERTED,
    Reader,
    field_default,
    iso,
    read_json,
)
from kam_tui.domain.fields import MULTILINE_FIELDS, table_fields
from kam_tui.domain.parts import CustomValue, KeyResult, TeamMember

__all__ = [
    "ACTION_STATUSES",
    "ACTIVITY_KINDS",
    "BUYING_ROLES",
    "CHILD_TYPES",
    "DEAL_OUTCOMES",
    "GID_KEY",
    "HISTORY_FIELDS",
    "INFLUENCES",
    "LEVELS",
    "PERSPECTIVES",
    "PERSPECTIVE_LABELS",
    "PRIORITIES",
    "QUADRANTS",
    "QUADRANT_LABELS",
    "RATINGS",
    "RECORD_TYPES",
    "STAGES",
    "STANCES",
    "STEP_STATES",
    "TABLES",
    "TEAM_ROLES",
    "Account",
    "Action",
    "Activity",
    "Contact",
    "CustomValue",
    "Deal",
    "GlobalId",
    "ImportLink",
    "KeyResult",
    "Objective",
    "ProcessStep",
    "Record",
    "RecordT",
    "StatusChange",
    "SwotItem",
    "TeamMember",
    "field_names",
]


GlobalId = str
"""A record's global id, "<origin>:<table>:<id>" (named apart from `str` so the field
catalogue's text limits, which cover the fields annotated `str`, need no entry for it:
its form is checked where it comes in, by the sync layer)."""


@dataclass(frozen=True, slots=True)
class Record:
    """Base of every stored entity: an id (0 until saved) and the account it belongs to."""

    TABLE: ClassVar[str] = ""
    """The TinyDB table holding this kind of record."""
    KIND: ClassVar[str] = ""
    """A human name for messages (`contact`, `SWOT item`)."""
    MULTILINE: ClassVar[frozenset[str]] = frozenset()
    """The note-like fields, which may hold newlines (set from the field catalogue)."""

    id: int = 0
    """The record's id in its table; 0 for a record not yet saved."""
    gid: GlobalId = field(default="", kw_only=True)
    """The global id the record came with from another laptop (team sync); empty for a
    record made in this store, whose global id is derived from the store's origin and its
    id (kam_tui.domain.gids). Stored only when set, so a store does not grow by it."""

    @property
    def label(self) -> str:
        """A short human description used in undo messages."""
        return self.KIND

    def to_doc(self) -> dict[str, Any]:
        """The JSON document stored for this record (without the id, which is the doc id)."""
        keys, values_of, converted = _WRITERS[type(self)]
        doc = dict(zip(keys, values_of(self), strict=True))
        for key, write in converted:
            doc[key] = write(doc[key])
        if self.gid:
            doc[GID_KEY] = self.gid
        return doc

    @classmethod
    def from_doc(cls: type[RecordT], doc_id: int, doc: dict[str, Any]) -> RecordT:
        """Build the record from a stored document; raise RecordError when it is malformed.

        A store of 10,000 accounts and 100,000 activities reads every record at start-up
        and for every export, so this is a hot path: the fields are checked and set in one
        loop, on a record made without __init__ (a frozen dataclass's __init__ costs as
        much as the rest). Every field is set here: an unset slot fails on reading
        (tests/unit/test_domain.py reads them all, for every kind).
        """
        get = doc.get
        record = _new_object(cls)
        for key, kind, default, convert, set_slot in _SLOT_READERS[cls]:
            if convert is not None:
                set_slot(record, convert(doc, key))
                continue
            value = get(key, default)
            if type(value) is not kind and value is not default:
                value = read_json(doc, key, kind, default)  # raises, naming the field
            set_slot(record, value)
        _set_id(record, doc_id)
        _set_gid(record, _read_gid(doc) if GID_KEY in doc else "")
        return record


RecordT = TypeVar("RecordT", bound=Record)
GID_KEY = "gid"
"""The stored key of a record's kept global id (absent when it has none)."""


def _read_gid(doc: dict[str, Any]) -> str:
    """A stored document's kept global id ("" when it has none)."""
    gid = doc.get(GID_KEY, "")
    return gid if type(gid) is str else read_json(doc, GID_KEY, str, "")


@dataclass(frozen=True, slots=True)
class Account(Record):
    """A customer account: the centre of everything in kam-tui."""

    TABLE: ClassVar[str] = "accounts"
    KIND: ClassVar[str] = "account"

    name: str = ""
    industry: str = ""
    offer_type: str = ""
    rating: str = ""
    """One of RATINGS: Hot, Warm, Cold or empty."""
    address: str = ""
    website: str = ""
    status: str = ""
    """The pipeline status (a name from the config)."""
    status_since: date | None = None
    """The day the account entered its current status."""
    lifecycle: str = ""
    """The lifecycle list (a name from the config)."""
    assignee: str = ""
    """The account manager; empty means unassigned."""
    team: tuple[TeamMember, ...] = ()
    key_account: bool = False
    strategic_value: int = 3
    """1-5, kept apart from the financial value."""
    annual_revenue: int = 0
    """Sales volume per year, in cents."""
    potential_revenue: int = 0
    """In cents."""
    cost_to_serve: int = 0
    """Per year, in cents."""
    satisfaction: int | None = None
    """The last satisfaction score, 0-10."""
    stage: str = "presales"
    """The development stage, one of STAGES."""
    cadence_days: int | None = None
    """Days between contacts; None takes the config's default."""
    last_contact: date | None = None
    """The date of the newest activity."""
    next_contact: date | None = None
    """The day of the planned next contact; None plans it from the cadence (the last
    contact plus the cadence)."""
    next_contact_kind: str = ""
    """The kind of the planned next contact, one of ACTIVITY_KINDS or empty (any kind)."""
    custom: dict[str, CustomValue] = field(default_factory=dict, compare=True, hash=False)
    tags: tuple[str, ...] = ()
    notes: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    demo: bool = False
    """True for records made by `kam demo`, so `kam demo --clear` can remove only those."""

    @property
    def label(self) -> str:
        return f"account {self.name!r}"


@dataclass(frozen=True, slots=True)
class Contact(Record):
    """A stakeholder at the customer."""

    TABLE: ClassVar[str] = "contacts"
    KIND: ClassVar[str] = "contact"

    account_id: int = 0
    name: str = ""
    title: str = ""
    level: str = "management"
    """One of LEVELS."""
    buying_role: str = "influencer"
    """One of BUYING_ROLES."""
    stance: str = "neutral"
    """One of STANCES."""
    influence: str = "medium"
    """One of INFLUENCES."""
    reports_to: int | None = None
    """The id of the contact this one reports to."""
    email: str = ""
    phone: str = ""
    owner: str = ""
    """Who owns the relationship on our side."""

    @property
    def label(self) -> str:
        return f"contact {self.name!r}"


@dataclass(frozen=True, slots=True)
class Activity(Record):
    """A touch with the customer: meeting, call, email, visit, feedback or note."""

    TABLE: ClassVar[str] = "activities"
    KIND: ClassVar[str] = "activity"

    account_id: int = 0
    kind: str = "call"
    """One of ACTIVITY_KINDS."""
    day: date | None = None
    """The day it happened."""
    summary: str = ""
    contact_ids: tuple[int, ...] = ()
    satisfaction: int | None = None
    """An optional satisfaction score 0-10 given in this touch."""
    logged_by: str = ""

    @property
    def label(self) -> str:
        return f"{self.kind} on {iso(self.day)}"


@dataclass(frozen=True, slots=True)
class Objective(Record):
    """An objective of the account plan, measured by key results."""

    TABLE: ClassVar[str] = "objectives"
    KIND: ClassVar[str] = "objective"

    account_id: int = 0
    title: str = ""
    owner: str = ""
    """Who answers for the objective: a team member, or any name typed."""
    due: date | None = None
    """When the key results should be met (None: no date)."""
    key_results: tuple[KeyResult, ...] = ()
    position: int = 0

    @property
    def label(self) -> str:
        return f"objective {self.title!r}"

    @property
    def progress(self) -> float | None:
        """The mean progress of the key results that have a target, 0.0 to 1.0; None when
        none has one."""
        measured = [result.progress for result in self.key_results]
        known = [progress for progress in measured if progress is not None]
        return sum(known) / len(known) if known else None

    def is_overdue(self, on: date) -> bool:
        """True when the due date has passed and the key results are not all met (an
        objective without a measured key result counts as not met)."""
        progress = self.progress
        return self.due is not None and self.due < on and (progress is None or progress < 1)


@dataclass(frozen=True, slots=True)
class Action(Record):
    """An action of the attack plan."""

    TABLE: ClassVar[str] = "actions"
    KIND: ClassVar[str] = "action"

    account_id: int = 0
    title: str = ""
    owner: str = ""
    due: date | None = None
    status: str = "open"
    """One of ACTION_STATUSES."""
    objective_id: int | None = None
    report: str = ""
    """The latest status report."""
    position: int = 0
    """The action's place in the plan's own order (the list can also show them by due
    date)."""

    @property
    def label(self) -> str:
        return f"action {self.title!r}"

    def is_overdue(self, on: date) -> bool:
        """True when the action is not done and its due date has passed."""
        return self.status != "done" and self.due is not None and self.due < on


@dataclass(frozen=True, slots=True)
class SwotItem(Record):
    """One item of an account's SWOT analysis, in one of two perspectives."""

    TABLE: ClassVar[str] = "swot"
    KIND: ClassVar[str] = "SWOT item"

    account_id: int = 0
    perspective: str = "customer"
    """One of PERSPECTIVES."""
    quadrant: str = "S"
    """One of QUADRANTS."""
    text: str = ""
    priority: str = "medium"
    """One of PRIORITIES."""
    position: int = 0

    @property
    def label(self) -> str:
        return f"SWOT item {self.text[:30]!r}"


@dataclass(frozen=True, slots=True)
class ProcessStep(Record):
    """A step of the customer's buying process, mapped onto one of our selling stages."""

    TABLE: ClassVar[str] = "process"
    KIND: ClassVar[str] = "process step"

    account_id: int = 0
    buying_step: str = ""
    selling_stage: str = ""
    """A selling stage from the config, or empty when not mapped."""
    owner: str = ""
    state: str = "not started"
    """One of STEP_STATES."""
    position: int = 0

    @property
    def label(self) -> str:
        return f"buying step {self.buying_step!r}"


@dataclass(frozen=True, slots=True)
class Deal(Record):
    """An opportunity with an account: what it is worth, where it stands, how it ended."""

    TABLE: ClassVar[str] = "deals"
    KIND: ClassVar[str] = "deal"

    account_id: int = 0
    title: str = ""
    amount: int = 0
    """In cents."""
    stage: str = ""
    """A pipeline status from the config, or empty."""
    probability: int | None = None
    """The chance of winning it, 0-100 percent; None when unknown."""
    created: date | None = None
    """The day the opportunity was opened."""
    close_date: date | None = None
    """Expected while open, actual once won or lost."""
    outcome: str = "open"
    """One of DEAL_OUTCOMES."""
    reason: str = ""
    """Why it was won or lost."""
    owner: str = ""
    """Who on our side owns it."""

    @property
    def label(self) -> str:
        return f"deal {self.title!r}"


@dataclass(frozen=True, slots=True)
class StatusChange(Record):
    """One change of an account's pipeline status or lifecycle list: when, from, to, who."""

    TABLE: ClassVar[str] = "status_history"
    KIND: ClassVar[str] = "status change"

    account_id: int = 0
    day: date | None = None
    """The day of the change."""
    kind: str = "status"
    """One of HISTORY_FIELDS: the account field that changed."""
    from_value: str = ""
    """The value before; empty for the first one known."""
    to_value: str = ""
    """The value after."""
    by: str = ""
    """Who made the change (the config's user), empty when unknown."""
    reason: str = ""
    """Why, when the user said (a move to Won or Lost asks)."""

    @property
    def label(self) -> str:
        return f"{self.kind} change to {self.to_value!r}"


@dataclass(frozen=True, slots=True)
class ImportLink(Record):
    """Where an imported record came from, and a fingerprint of each value last imported,
    so a re-import updates what changed in the source and keeps what the user edited."""

    TABLE: ClassVar[str] = "import_links"
    KIND: ClassVar[str] = "import link"

    account_id: int = 0
    """The account the record belongs to (the record itself, for an account)."""
    system: str = ""
    """The source system (`Salesforce`)."""
    object: str = ""
    """The source's kind of record (`Account`, `Opportunity`)."""
    source_id: str = ""
    """The record's id in the source."""
    kam_table: str = ""
    """The table of the kam record it became."""
    record_id: int = 0
    """That record's id."""
    imported: dict[str, CustomValue] = field(default_factory=dict, compare=True, hash=False)
    """Field -> fingerprint of the value last imported into it."""

    @property
    def label(self) -> str:
        return f"import link {self.object} {self.source_id}"


CHILD_TYPES: tuple[type[Record], ...] = (
    Contact,
    Activity,
    Objective,
    Action,
    SwotItem,
    ProcessStep,
    Deal,
    StatusChange,
    ImportLink,
)
"""Every kind of record that belongs to an account."""
RECORD_TYPES: tuple[type[Record], ...] = (Account, *CHILD_TYPES)
"""Every kind of stored record."""
TABLES: dict[str, type[Record]] = {kind.TABLE: kind for kind in RECORD_TYPES}
USER_TABLES: tuple[str, ...] = tuple(kind.TABLE for kind in RECORD_TYPES if kind is not ImportLink)
"""The tables of the user's records, in store order, without the importer's bookkeeping: what
the CSV export writes and what a mapped file may hold."""


for _kind in RECORD_TYPES:
    _kind.MULTILINE = frozenset(key for table, key in MULTILINE_FIELDS if table == _kind.TABLE)
_WRITERS: dict[type[Record], tuple[tuple[str, ...], Callable[[Any], Any], tuple[Any, ...]]] = {
    kind: (
        tuple(item.key for item in table_fields(kind.TABLE)),
        attrgetter(*(item.key for item in table_fields(kind.TABLE))),
        tuple(
            (item.key, WRITE_CONVERTED[item.kind])
            for item in table_fields(kind.TABLE)
            if item.kind in WRITE_CONVERTED
        ),
    )
    for kind in RECORD_TYPES
}
"""Each kind of record's stored keys in document order, a getter of their values, and the
(key, writer) of the values converted on the way out."""
_READERS: dict[type[Record], tuple[tuple[str, type, Any, Reader | None], ...]] = {
    kind: tuple(
        (
            item.key,
            JSON_TYPES.get(item.kind, object),
            field_default(kind, item.key),
            READ_CONVERTED.get(item.kind),
        )
        for item in table_fields(kind.TABLE)
    )
    for kind in RECORD_TYPES
}
"""(key, JSON type, default, reader) of each stored field of each kind of record; no
reader for a value read as it is stored."""

_new_object = object.__new__
_set_id = vars(Record)["id"].__set__
_set_gid = vars(Record)["gid"].__set__
_SLOT_READERS: dict[type[Record], tuple[tuple[str, type, Any, Reader | None, Any], ...]] = {
    kind: tuple(
        (key, json_type, default, reader, getattr(kind, key).__set__)
        for key, json_type, default, reader in _READERS[kind]
    )
    for kind in RECORD_TYPES
}
"""`_READERS` with each field's slot setter (it sets the slot even on a frozen instance)."""
for _kind in RECORD_TYPES:
    # from_doc sets exactly these slots: a dataclass field outside the catalogue would be
    # left unset on every record read from a store.
    _unread = {item.name for item in fields(_kind)} - {"id", "gid"}
    _unread -= {key for key, *_ in _READERS[_kind]}
    assert not _unread, f"{_kind.__name__} fields outside the catalogue: {sorted(_unread)}"


def field_names(kind: type[Record]) -> tuple[str, ...]:
    """The dataclass field names of a record type."""
    return tuple(item.name for item in fields(kind))
