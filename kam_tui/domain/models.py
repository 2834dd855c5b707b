"""The KAM entities: immutable records that convert to and from stored documents."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from kam_tui.domain.choices import (
    ACTION_STATUSES,
    ACTIVITY_KINDS,
    BUYING_ROLES,
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
from kam_tui.domain.errors import RecordError
from kam_tui.domain.numbers import parse_decimal
from kam_tui.domain.parts import KeyResult, TeamMember
from kam_tui.domain.text import quoted

__all__ = [
    "ACTION_STATUSES",
    "ACTIVITY_KINDS",
    "BUYING_ROLES",
    "CHILD_TYPES",
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
    "KeyResult",
    "Objective",
    "ProcessStep",
    "Record",
    "RecordT",
    "SwotItem",
    "TeamMember",
    "field_names",
]

CustomValue = str | int | None


def _get(doc: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    """Read `key` from a stored document, checking its JSON type."""
    value = doc.get(key, default)
    if type(value) is kind or value is default:
        return value  # the common case, kept cheap: stores hold hundreds of thousands
    if isinstance(value, bool) and kind is int:
        raise RecordError(key, f"expected a whole number, found {quoted(value)}")
    if value is None or not isinstance(value, kind):
        # null only where the field's own default is null: a null name or list would
        # reach the code that measures, sorts or walks it
        expected = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        found = "null" if value is None else f"{type(value).__name__} {quoted(value)}"
        raise RecordError(key, f"expected {expected}, found {found}")
    return value


def _get_date(doc: dict[str, Any], key: str) -> date | None:
    """Read an ISO date (or None) from a stored document."""
    value = _get(doc, key, str, None)
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordError(key, f"expected an ISO date, found {quoted(value)}") from None


def _get_datetime(doc: dict[str, Any], key: str) -> datetime | None:
    """Read an ISO timestamp (or None) from a stored document."""
    value = _get(doc, key, str, None)
    if value is None or value == "":
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(key, f"expected an ISO timestamp, found {quoted(value)}") from None


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _strings(doc: dict[str, Any], key: str) -> tuple[str, ...]:
    value = _get(doc, key, list, [])
    if not all(isinstance(item, str) for item in value):
        raise RecordError(key, "expected a list of strings")
    return tuple(value)


def _ints(doc: dict[str, Any], key: str) -> tuple[int, ...]:
    value = _get(doc, key, list, [])
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in value):
        raise RecordError(key, "expected a list of whole numbers")
    return tuple(value)


_DECIMAL_CHARACTERS = 40
"""The longest decimal number read from a store (far more digits than any amount)."""


def _decimal(doc: dict[str, Any], key: str) -> Decimal:
    value = _get(doc, key, str, "0")
    if len(value) > _DECIMAL_CHARACTERS:
        raise RecordError(key, f"expected a decimal number, found text {quoted(value)}")
    try:
        return parse_decimal(value)
    except ValueError:
        raise RecordError(
            key, f"expected a decimal number as text, found {quoted(value)}"
        ) from None


@dataclass(frozen=True, slots=True)
class Record:
    """Base of every stored entity: an id (0 until saved) and the account it belongs to."""

    TABLE: ClassVar[str] = ""
    """The TinyDB table holding this kind of record."""
    KIND: ClassVar[str] = ""
    """A human name for messages (`contact`, `SWOT item`)."""

    id: int = 0
    """The record's id in its table; 0 for a record not yet saved."""

    @property
    def label(self) -> str:
        """A short human description used in undo messages."""
        return self.KIND

    def to_doc(self) -> dict[str, Any]:
        """The JSON document stored for this record (without the id, which is the doc id)."""
        raise NotImplementedError

    @classmethod
    def from_doc(cls: type[RecordT], doc_id: int, doc: dict[str, Any]) -> RecordT:
        """Build the record from a stored document; raise RecordError when it is malformed."""
        raise NotImplementedError


RecordT = TypeVar("RecordT", bound=Record)


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

    def to_doc(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "industry": self.industry,
            "offer_type": self.offer_type,
            "rating": self.rating,
            "address": self.address,
            "website": self.website,
            "status": self.status,
            "status_since": _iso(self.status_since),
            "lifecycle": self.lifecycle,
            "assignee": self.assignee,
            "team": [{"name": member.name, "role": member.role} for member in self.team],
            "key_account": self.key_account,
            "strategic_value": self.strategic_value,
            "annual_revenue": self.annual_revenue,
            "potential_revenue": self.potential_revenue,
            "cost_to_serve": self.cost_to_serve,
            "satisfaction": self.satisfaction,
            "stage": self.stage,
            "cadence_days": self.cadence_days,
            "last_contact": _iso(self.last_contact),
            "custom": dict(self.custom),
            "tags": list(self.tags),
            "notes": self.notes,
            "created": _iso(self.created),
            "updated": _iso(self.updated),
            "demo": self.demo,
        }

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Account:
        # A store of 10,000 accounts reads them all before the first board is painted, so
        # this is start-up's hot path: the plain fields are checked and set in one loop, on
        # an account made without __init__ (a frozen dataclass's __init__ costs as much as
        # the rest of this). Every field must be set here: an unset slot fails on reading
        # (tests/unit/test_domain.py reads them all).
        get = doc.get
        account = _new_object(cls)
        for key, kind, default, set_slot in _ACCOUNT_PLAIN_FIELDS:
            value = get(key, default)
            if type(value) is not kind and value is not default:
                value = _get(doc, key, kind, default)  # raises, naming the field
            set_slot(account, value)
        team: list[TeamMember] = []
        for member in _get(doc, "team", list, []):
            if not isinstance(member, dict) or not isinstance(member.get("name"), str):
                raise RecordError("team", "expected a list of {name, role}")
            team.append(TeamMember(member["name"], str(member.get("role", "account support"))))
        custom = _get(doc, "custom", dict, {})
        for key, value in custom.items():
            if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
                raise RecordError(
                    f"custom.{key}", f"expected text or a number, found {quoted(value)}"
                )
        slots = _ACCOUNT_SLOTS
        slots["id"](account, doc_id)
        slots["status_since"](account, _get_date(doc, "status_since"))
        slots["team"](account, tuple(team))
        slots["last_contact"](account, _get_date(doc, "last_contact"))
        slots["custom"](account, dict(custom))
        slots["tags"](account, _strings(doc, "tags"))
        slots["created"](account, _get_datetime(doc, "created"))
        slots["updated"](account, _get_datetime(doc, "updated"))
        return account


_new_object = object.__new__
_ACCOUNT_SLOTS: dict[str, Any] = {
    item.name: getattr(Account, item.name).__set__ for item in fields(Account)
}
"""Each Account field's slot setter by name (it sets the slot even on a frozen instance)."""
_ACCOUNT_PLAIN_FIELDS: tuple[tuple[str, type, Any, Any], ...] = tuple(
    (key, kind, default, _ACCOUNT_SLOTS[key])
    for key, kind, default in (
        ("name", str, ""),
        ("industry", str, ""),
        ("offer_type", str, ""),
        ("rating", str, ""),
        ("address", str, ""),
        ("website", str, ""),
        ("status", str, ""),
        ("lifecycle", str, ""),
        ("assignee", str, ""),
        ("key_account", bool, False),
        ("strategic_value", int, 3),
        ("annual_revenue", int, 0),
        ("potential_revenue", int, 0),
        ("cost_to_serve", int, 0),
        ("satisfaction", int, None),
        ("stage", str, "presales"),
        ("cadence_days", int, None),
        ("notes", str, ""),
        ("demo", bool, False),
    )
)
"""(key, JSON type, default, slot setter) of the Account fields read as they are stored."""


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

    def to_doc(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "name": self.name,
            "title": self.title,
            "level": self.level,
            "buying_role": self.buying_role,
            "stance": self.stance,
            "influence": self.influence,
            "reports_to": self.reports_to,
            "email": self.email,
            "phone": self.phone,
            "owner": self.owner,
        }

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Contact:
        return cls(
            id=doc_id,
            account_id=_get(doc, "account_id", int, 0),
            name=_get(doc, "name", str, ""),
            title=_get(doc, "title", str, ""),
            level=_get(doc, "level", str, "management"),
            buying_role=_get(doc, "buying_role", str, "influencer"),
            stance=_get(doc, "stance", str, "neutral"),
            influence=_get(doc, "influence", str, "medium"),
            reports_to=_get(doc, "reports_to", int, None),
            email=_get(doc, "email", str, ""),
            phone=_get(doc, "phone", str, ""),
            owner=_get(doc, "owner", str, ""),
        )


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
        return f"{self.kind} on {_iso(self.day)}"

    def to_doc(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "kind": self.kind,
            "day": _iso(self.day),
            "summary": self.summary,
            "contact_ids": list(self.contact_ids),
            "satisfaction": self.satisfaction,
            "logged_by": self.logged_by,
        }

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Activity:
        return cls(
            id=doc_id,
            account_id=_get(doc, "account_id", int, 0),
            kind=_get(doc, "kind", str, "call"),
            day=_get_date(doc, "day"),
            summary=_get(doc, "summary", str, ""),
            contact_ids=_ints(doc, "contact_ids"),
            satisfaction=_get(doc, "satisfaction", int, None),
            logged_by=_get(doc, "logged_by", str, ""),
        )


@dataclass(frozen=True, slots=True)
class Objective(Record):
    """An objective of the account plan, measured by key results."""

    TABLE: ClassVar[str] = "objectives"
    KIND: ClassVar[str] = "objective"

    account_id: int = 0
    title: str = ""
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

    def to_doc(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "title": self.title,
            "key_results": [
                {"name": kr.name, "target": str(kr.target), "current": str(kr.current)}
                for kr in self.key_results
            ],
            "position": self.position,
        }

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Objective:
        results: list[KeyResult] = []
        for result in _get(doc, "key_results", list, []):
            if not isinstance(result, dict):
                raise RecordError("key_results", "expected a list of {name, target, current}")
            results.append(
                KeyResult(
                    name=_get(result, "name", str, ""),
                    target=_decimal(result, "target"),
                    current=_decimal(result, "current"),
                )
            )
        return cls(
            id=doc_id,
            account_id=_get(doc, "account_id", int, 0),
            title=_get(doc, "title", str, ""),
            key_results=tuple(results),
            position=_get(doc, "position", int, 0),
        )


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

    @property
    def label(self) -> str:
        return f"action {self.title!r}"

    def is_overdue(self, on: date) -> bool:
        """True when the action is not done and its due date has passed."""
        return self.status != "done" and self.due is not None and self.due < on

    def to_doc(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "title": self.title,
            "owner": self.owner,
            "due": _iso(self.due),
            "status": self.status,
            "objective_id": self.objective_id,
            "report": self.report,
        }

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Action:
        return cls(
            id=doc_id,
            account_id=_get(doc, "account_id", int, 0),
            title=_get(doc, "title", str, ""),
            owner=_get(doc, "owner", str, ""),
            due=_get_date(doc, "due"),
            status=_get(doc, "status", str, "open"),
            objective_id=_get(doc, "objective_id", int, None),
            report=_get(doc, "report", str, ""),
        )


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

    def to_doc(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "perspective": self.perspective,
            "quadrant": self.quadrant,
            "text": self.text,
            "priority": self.priority,
            "position": self.position,
        }

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> SwotItem:
        return cls(
            id=doc_id,
            account_id=_get(doc, "account_id", int, 0),
            perspective=_get(doc, "perspective", str, "customer"),
            quadrant=_get(doc, "quadrant", str, "S"),
            text=_get(doc, "text", str, ""),
            priority=_get(doc, "priority", str, "medium"),
            position=_get(doc, "position", int, 0),
        )


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

    def to_doc(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "buying_step": self.buying_step,
            "selling_stage": self.selling_stage,
            "owner": self.owner,
            "state": self.state,
            "position": self.position,
        }

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> ProcessStep:
        return cls(
            id=doc_id,
            account_id=_get(doc, "account_id", int, 0),
            buying_step=_get(doc, "buying_step", str, ""),
            selling_stage=_get(doc, "selling_stage", str, ""),
            owner=_get(doc, "owner", str, ""),
            state=_get(doc, "state", str, "not started"),
            position=_get(doc, "position", int, 0),
        )


CHILD_TYPES: tuple[type[Record], ...] = (
    Contact,
    Activity,
    Objective,
    Action,
    SwotItem,
    ProcessStep,
)
"""Every kind of record that belongs to an account."""
RECORD_TYPES: tuple[type[Record], ...] = (Account, *CHILD_TYPES)
"""Every kind of stored record."""
TABLES: dict[str, type[Record]] = {kind.TABLE: kind for kind in RECORD_TYPES}


def field_names(kind: type[Record]) -> tuple[str, ...]:
    """The dataclass field names of a record type."""
    return tuple(item.name for item in fields(kind))
