"""The rules every record must satisfy before it is saved."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar

from kam_tui.domain.errors import ValidationError
from kam_tui.domain.fields import (
    MAX_CHOICE,
    MAX_NAME,
    MAX_SWOT_TEXT,
    MAX_TAG,
    MAX_TEXT,
    FieldDef,
    table_fields,
    text_limits,
)
from kam_tui.domain.models import (
    RECORD_TYPES,
    TEAM_ROLES,
    Account,
    Action,
    Activity,
    Contact,
    Deal,
    ImportLink,
    KeyResult,
    Objective,
    ProcessStep,
    Record,
    StatusChange,
    SwotItem,
    TeamMember,
)
from kam_tui.domain.money import MAX_CENTS
from kam_tui.domain.numbers import parse_decimal
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.domain.text import first_unsafe, printable, quoted

__all__ = [
    "MAX_CHOICE",
    "MAX_NAME",
    "MAX_SWOT_TEXT",
    "MAX_TAG",
    "MAX_TEXT",
    "TEXT_LIMITS",
    "Errors",
    "account_errors",
    "action_errors",
    "activity_errors",
    "control_character_errors",
    "custom_value_error",
    "length_errors",
    "objective_errors",
    "process_errors",
    "record_errors",
    "record_too_long",
    "records_errors",
    "swot_errors",
    "validate",
]

TEXT_LIMITS: dict[type[Record], dict[str, int]] = {
    kind: text_limits(kind.TABLE) for kind in RECORD_TYPES
}
"""The longest value of each text field of each kind of record (from the field catalogue).
The forms, `kam check` and the loader (which refuses a store holding a longer one) all read
it here."""
_NESTED_TEXTS: dict[type[Record], tuple[str, ...]] = {
    Account: ("tags", "team", "custom"),
    Objective: ("key_results",),
}
"""The fields that hold further texts, checked by `length_errors` too."""
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Errors = dict[str, str]


def _one_of(errors: Errors, name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        shown = ", ".join(repr(item) for item in allowed if item)
        errors[name] = f"{quoted(value)} is not one of {shown}"


def _too_long(length: int, limit: int) -> str:
    return f"is {length} characters long; the limit is {limit}"


def length_errors(record: Record) -> Errors:
    """Every text of `record` longer than its limit, by field (TEXT_LIMITS, and the texts
    inside lists and custom fields)."""
    errors: Errors = {}
    for name, limit in TEXT_LIMITS[type(record)].items():
        length = len(getattr(record, name))
        if length > limit:
            errors[name] = _too_long(length, limit)
    if isinstance(record, Account):
        for tag in record.tags:
            if len(tag) > MAX_TAG:
                errors["tags"] = f"a tag {_too_long(len(tag), MAX_TAG)}"
        for member in record.team:
            if len(member.name) > MAX_NAME:
                errors["team"] = f"a team member's name {_too_long(len(member.name), MAX_NAME)}"
            elif len(member.role) > MAX_CHOICE:
                errors["team"] = f"a team member's role {_too_long(len(member.role), MAX_CHOICE)}"
        for key, value in record.custom.items():
            if len(key) > MAX_NAME:
                errors["custom"] = f"a custom field's name {_too_long(len(key), MAX_NAME)}"
            elif isinstance(value, str) and len(value) > MAX_TEXT:
                errors[f"custom.{key}"] = _too_long(len(value), MAX_TEXT)
    elif isinstance(record, Objective):
        for result in record.key_results:
            if len(result.name) > MAX_NAME:
                errors["key_results"] = (
                    f"a key result's name {_too_long(len(result.name), MAX_NAME)}"
                )
    return errors


_FIELDS_BY_LIMIT: dict[type[Record], dict[int, tuple[str, ...]]] = {
    kind: {
        limit: tuple(name for name in limits if limits[name] == limit) for limit in limits.values()
    }
    for kind, limits in TEXT_LIMITS.items()
}
"""TEXT_LIMITS grouped by limit, so that a table is read once per limit, not once per field."""


def _longest(records: Collection[Record], names: tuple[str, ...]) -> int:
    """The length of the longest value of the fields `names` in `records`."""
    if len(names) == 1:
        return max(map(len, map(attrgetter(names[0]), records)), default=0)
    values = chain.from_iterable(map(attrgetter(*names), records))
    return max(map(len, values), default=0)


def record_too_long(
    kind: type[Record], records: Collection[Record]
) -> tuple[Record, Errors] | None:
    """A record of `records` (all of `kind`) holding a text longer than its limit, with
    its `length_errors`, or None.

    A quick pass over a whole table as the loader reads it: each field's longest value is
    found column by column, and only the records that may hold a text too long are
    checked one by one.
    """
    suspects: Collection[Record] = ()
    for limit, names in _FIELDS_BY_LIMIT[kind].items():
        if _longest(records, names) > limit:
            suspects = records
            break
    else:
        holding = {
            id(record): record
            for name in _NESTED_TEXTS.get(kind, ())
            for record in filter(attrgetter(name), records)
        }
        suspects = list(holding.values())
    for record in suspects:
        errors = length_errors(record)
        if errors:
            return record, errors
    return None


def _range(errors: Errors, name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        errors[name] = f"must be from {low} to {high}, not {value}"


def _money(errors: Errors, name: str, cents: int) -> None:
    if cents < 0:
        errors[name] = "cannot be negative"
    elif cents > MAX_CENTS:
        errors[name] = "is too large"


def _check_field(errors: Errors, item: FieldDef, value: Any, schema: Schema) -> None:
    """The rule of the field's kind: required, one of its choices, within its range."""
    kind = item.kind
    if item.required and kind in ("text", "multiline"):
        if not value.strip():
            errors[item.key] = item.missing
    elif item.required and value is None:
        errors[item.key] = item.missing
    elif kind == "choice" and not (item.blank_choice and not value):
        _one_of(errors, item.key, value, item.allowed(schema))
    elif kind == "whole":
        _range(errors, item.key, value, *item.whole_range)
    elif kind == "money":
        _money(errors, item.key, value)


_RULED_KINDS = frozenset({"choice", "whole", "money"})
_RULED: dict[str, tuple[FieldDef, ...]] = {}


def field_errors(record: Record, schema: Schema) -> Errors:
    """Every rule of its field's kind that a field of `record` breaks, in field order."""
    errors: Errors = {}
    ruled = _RULED.get(record.TABLE)
    if ruled is None:  # the fields `_check_field` has a rule for, found once per table
        ruled = _RULED[record.TABLE] = tuple(
            item
            for item in table_fields(record.TABLE)
            if item.required or item.kind in _RULED_KINDS
        )
    for item in ruled:
        _check_field(errors, item, getattr(record, item.key), schema)
    return errors


def custom_value_error(definition: CustomFieldDef, value: Any) -> str | None:
    """Why `value` does not fit the custom field, or None when it does."""
    if value is None or value == "":
        return None
    if definition.kind == "text":
        if not isinstance(value, str):
            return "expected text"
        return None if len(value) <= MAX_TEXT else f"longer than {MAX_TEXT} characters"
    if definition.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | str):
            return "expected a number"
        try:
            parse_decimal(str(value))
        except ValueError as error:
            return str(error)
        return None
    if definition.kind == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return f"{quoted(value)} is not a date (YYYY-MM-DD)"
        return None
    if definition.kind == "choice":
        if value not in definition.choices:
            return f"{quoted(value)} is not one of {', '.join(definition.choices)}"
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return "expected a rating from 1 to 5"
    return None


_FIELD_NAMES: dict[type[Record], tuple[str, ...]] = {}


def _field_names(record: Record) -> tuple[str, ...]:
    """The names of a record's fields (fields() once per kind: an import checks 100,000s)."""
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(item.name for item in fields(record))
    return names


def _texts(record: Record) -> Iterator[tuple[str, str, str]]:
    """(field, what, text) of every text a record holds, nested ones included; `what`
    names the item of a list ("the tag 'x'") and is empty for the field itself."""
    for name in _field_names(record):
        value = getattr(record, name)
        if isinstance(value, str):
            yield name, "", value
        elif isinstance(value, dict):
            for key, custom in value.items():
                if isinstance(custom, str):
                    yield f"{name}.{key}", "", custom
        elif isinstance(value, tuple):
            for part in value:
                if isinstance(part, str):
                    yield name, f"the tag {quoted(printable(part))} ", part
                elif isinstance(part, TeamMember | KeyResult):
                    noun = "team member" if isinstance(part, TeamMember) else "key result"
                    yield name, f"the {noun} {quoted(printable(part.name))} ", part.name
                    if isinstance(part, TeamMember):
                        yield name, f"the role of {quoted(printable(part.name))} ", part.role


def _all_printable(record: Record) -> bool:
    """True when every text of `record` is printable, checked as one string (the common
    case); False also when a list holds more than ids (then each text is looked at)."""
    parts: list[str] = []
    for name in _field_names(record):
        value = getattr(record, name)
        if value.__class__ is str:
            parts.append(value)
        elif value.__class__ is dict:
            parts.extend(part for part in value.values() if part.__class__ is str)
        elif value.__class__ is tuple and any(part.__class__ is not int for part in value):
            return False
    return "".join(parts).isprintable()


def control_character_errors(record: Record) -> Errors:
    """Every text field holding a character a terminal would act on, with the first one.

    Newlines are allowed only in the note-like fields (the record's MULTILINE), tabs anywhere.
    """
    if _all_printable(record):
        return {}
    errors: Errors = {}
    for name, what, text in _texts(record):
        if text.isprintable():  # the common case, without a call
            continue
        multiline = name in record.MULTILINE
        unsafe = first_unsafe(text, multiline=multiline)
        if unsafe is not None and name not in errors:
            errors[name] = f"{what}contains {unsafe.describe()}"
    return errors


RecordT = TypeVar("RecordT", bound=Record)


def _checking_text(
    rule: Callable[[RecordT, Schema], Errors],
) -> Callable[[RecordT, Schema], Errors]:
    """A record kind's own rules, after the rules of each field's kind, between the two
    checks every text of every kind gets: its length first (a rule of the field wins over
    it), its control characters last (that reason wins over any other of the same field:
    it is the one to fix first)."""

    @functools.wraps(rule)
    def checked(record: RecordT, schema: Schema) -> Errors:
        errors = length_errors(record)
        errors.update(field_errors(record, schema))
        errors.update(rule(record, schema))
        errors.update(control_character_errors(record))
        return errors

    return checked


@_checking_text
def account_errors(account: Account, schema: Schema) -> Errors:
    """Every rule of its own an account breaks, by field."""
    errors: Errors = {}
    for member in account.team:
        if not member.name.strip():
            errors["team"] = "a team member needs a name"
        elif member.role not in TEAM_ROLES:
            errors["team"] = f"{quoted(member.role)} is not one of {', '.join(TEAM_ROLES)}"
    for tag in account.tags:
        if not tag.strip():
            errors["tags"] = f"tags are 1 to {MAX_TAG} characters"
    for key, value in account.custom.items():
        definition = schema.custom_field(key)
        problem = (
            f"{quoted(key)} is not a custom field of the config"
            if definition is None
            else custom_value_error(definition, value)
        )
        if problem:
            errors[f"custom.{key}"] = problem
    return errors


@_checking_text
def contact_errors(contact: Contact, schema: Schema) -> Errors:
    """Every rule of its own a contact breaks, by field."""
    errors: Errors = {}
    if contact.email and not _EMAIL.match(contact.email):
        errors["email"] = f"{quoted(contact.email)} is not an e-mail address"
    if contact.reports_to is not None and contact.reports_to == contact.id and contact.id:
        errors["reports_to"] = "a contact cannot report to themselves"
    return errors


@_checking_text
def activity_errors(activity: Activity, schema: Schema) -> Errors:
    """Every rule of its own an activity breaks (none beyond its fields' rules)."""
    return {}


@_checking_text
def objective_errors(objective: Objective, schema: Schema) -> Errors:
    """Every rule of its own an objective breaks, by field."""
    errors: Errors = {}
    for result in objective.key_results:
        if not result.name.strip():
            errors["key_results"] = "a key result needs a name"
        elif result.target < 0 or result.current < 0:
            errors["key_results"] = "targets and values cannot be negative"
    return errors


@_checking_text
def action_errors(action: Action, schema: Schema) -> Errors:
    """Every rule of its own an action breaks (none beyond its fields' rules)."""
    return {}


@_checking_text
def swot_errors(item: SwotItem, schema: Schema) -> Errors:
    """Every rule of its own a SWOT item breaks (none beyond its fields' rules)."""
    return {}


@_checking_text
def process_errors(step: ProcessStep, schema: Schema) -> Errors:
    """Every rule of its own a process step breaks (none beyond its fields' rules)."""
    return {}


@_checking_text
def deal_errors(deal: Deal, schema: Schema) -> Errors:
    """Every rule of its own a deal breaks, by field."""
    errors: Errors = {}
    if deal.created and deal.close_date and deal.close_date < deal.created:
        errors["close_date"] = "cannot be before the deal was created"
    return errors


@_checking_text
def status_change_errors(change: StatusChange, schema: Schema) -> Errors:
    """Every rule of its own a status change breaks (none beyond its fields' rules: its
    values are kept as they were, even once the config renames them)."""
    return {}


@_checking_text
def import_link_errors(link: ImportLink, schema: Schema) -> Errors:
    """Every rule of its own an import link breaks (none beyond its fields' rules)."""
    return {}


_RULES: dict[type[Record], Callable[[Any, Schema], Errors]] = {
    Account: account_errors,
    Contact: contact_errors,
    Activity: activity_errors,
    Objective: objective_errors,
    Action: action_errors,
    SwotItem: swot_errors,
    ProcessStep: process_errors,
    Deal: deal_errors,
    StatusChange: status_change_errors,
    ImportLink: import_link_errors,
}


def record_errors(record: Record, schema: Schema) -> Errors:
    """Every rule `record` breaks, by field."""
    return _RULES[type(record)](record, schema)


def validate(record: Record, schema: Schema) -> None:
    """Raise ValidationError when `record` breaks a rule."""
    errors = record_errors(record, schema)
    if errors:
        raise ValidationError(errors)


_TEXTLESS = frozenset({int, bool, float, Decimal, date, datetime, type(None)})
"""The classes of values that hold no text for `control_character_errors` to look at."""


def _bad_values(item: FieldDef, column: list[Any], schema: Schema) -> set[Any] | None:
    """The distinct values of a column that break the rule of the field's kind (each
    checked once by `_check_field`: the rule is a function of the value alone); None when
    the values cannot be told apart by hashing."""
    try:
        distinct = set(column)
    except TypeError:
        return None
    bad: set[Any] = set()
    for value in distinct:
        errors: Errors = {}
        _check_field(errors, item, value, schema)
        if errors:
            bad.add(value)
    return bad


def _own_rule_suspects(kind: type[Record], records: list[Record]) -> set[int] | None:
    """The positions of the records whose kind's own rules may add an error; None when the
    kind's own rules cannot be checked column by column (every record is then a suspect)."""
    if kind in (Activity, Action, SwotItem, ProcessStep, StatusChange, ImportLink):
        return set()
    if kind is Contact:
        contacts: list[Contact] = records  # type: ignore[assignment]
        bad = {email for email in {c.email for c in contacts} if email and not _EMAIL.match(email)}
        return {
            n
            for n, c in enumerate(contacts)
            if c.email in bad or (c.reports_to is not None and c.reports_to == c.id and c.id)
        }
    if kind is Deal:
        deals: list[Deal] = records  # type: ignore[assignment]
        return {
            n
            for n, d in enumerate(deals)
            if d.created and d.close_date and d.close_date < d.created
        }
    if kind in (Account, Objective):
        return set()  # their own rules read only nested fields: suspects by `_NESTED_TEXTS`
    return None


def records_errors(kind: type[Record], records: list[Record], schema: Schema) -> dict[int, Errors]:
    """`record_errors` of each record of `records` (all of `kind`) that breaks a rule, by
    its position; exactly what `record_errors` gives for each.

    Each rule is checked column by column (the longest value per limit, one isprintable
    over a joined column, each distinct value of a ruled field once, the kind's own
    rules on their fields); a record any of these flags, or that holds nested texts
    (tags, a team, custom fields, key results), is checked whole by `record_errors`.
    """
    suspects = _own_rule_suspects(kind, records)
    if suspects is None or not records:
        suspects = set(range(len(records)))
    else:
        for limit, names in _FIELDS_BY_LIMIT[kind].items():
            for name in names:
                if max(map(len, map(attrgetter(name), records))) > limit:
                    lengths = map(len, map(attrgetter(name), records))
                    suspects.update(n for n, length in enumerate(lengths) if length > limit)
        for name in _NESTED_TEXTS.get(kind, ()):
            suspects.update(n for n, record in enumerate(records) if getattr(record, name))
        ruled = _RULED.get(kind.TABLE)
        if ruled is None:
            field_errors(records[0], schema)  # works the ruled fields out once
            ruled = _RULED[kind.TABLE]
        for item in ruled:
            column = list(map(attrgetter(item.key), records))
            bad = _bad_values(item, column, schema)
            if bad is None:
                suspects = set(range(len(records)))
                break
            if bad:
                suspects.update(n for n, value in enumerate(column) if value in bad)
        for name in _field_names(records[0]):
            column = list(map(attrgetter(name), records))
            classes = set(map(type, column))
            if classes == {str}:
                if not "".join(column).isprintable():
                    suspects.update(n for n, text in enumerate(column) if not text.isprintable())
                continue
            if classes <= _TEXTLESS:
                continue
            if classes == {tuple} and set(map(type, chain.from_iterable(column))) <= {int}:
                continue  # lists of ids only
            if classes == {dict}:
                try:  # one pass: refused by join when a value is not a text
                    joined = "".join(chain.from_iterable(map(dict.values, column)))
                except TypeError:
                    joined = "\n"
                if joined.isprintable():
                    continue  # printable texts only (an import link's fingerprints)
            for n, value in enumerate(column):
                if value.__class__ is str:
                    if not value.isprintable():
                        suspects.add(n)
                elif value.__class__ is dict:
                    texts = [part for part in value.values() if part.__class__ is str]
                    if len(texts) != len(value) or not "".join(texts).isprintable():
                        suspects.add(n)
                elif value.__class__ is tuple:
                    if any(part.__class__ is not int for part in value):
                        suspects.add(n)
                elif isinstance(value, str | dict | tuple):
                    suspects.add(n)
    found: dict[int, Errors] = {}
    for n in sorted(suspects):
        errors = record_errors(records[n], schema)
        if errors:
            found[n] = errors
    return found
