"""The rules every record must satisfy before it is saved."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from kam_tui.domain.errors import ValidationError
from kam_tui.domain.models import (
    ACTION_STATUSES,
    ACTIVITY_KINDS,
    BUYING_ROLES,
    INFLUENCES,
    LEVELS,
    PERSPECTIVES,
    PRIORITIES,
    QUADRANTS,
    RATINGS,
    STAGES,
    STANCES,
    STEP_STATES,
    TEAM_ROLES,
    Account,
    Action,
    Activity,
    Contact,
    KeyResult,
    Objective,
    ProcessStep,
    Record,
    SwotItem,
    TeamMember,
)
from kam_tui.domain.money import MAX_CENTS
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.domain.text import MULTILINE_FIELDS, first_unsafe, printable

MAX_NAME = 120
"""The longest name or title accepted."""
MAX_TEXT = 2000
"""The longest free text (notes, summaries, SWOT items) accepted."""
MAX_SWOT_TEXT = 500
"""The longest SWOT item accepted: an item is a point, not an essay."""
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Errors = dict[str, str]


def _one_of(errors: Errors, name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        shown = ", ".join(repr(item) for item in allowed if item)
        errors[name] = f"{value!r} is not one of {shown}"


def _text(errors: Errors, name: str, value: str, *, required: bool, limit: int) -> None:
    if required and not value.strip():
        errors[name] = "cannot be empty"
    elif len(value) > limit:
        errors[name] = f"is {len(value)} characters long; the limit is {limit}"


def _range(errors: Errors, name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        errors[name] = f"must be from {low} to {high}, not {value}"


def _money(errors: Errors, name: str, cents: int) -> None:
    if cents < 0:
        errors[name] = "cannot be negative"
    elif cents > MAX_CENTS:
        errors[name] = "is too large"


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
            Decimal(str(value))
        except InvalidOperation:
            return f"{value!r} is not a number"
        return None
    if definition.kind == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
        return None
    if definition.kind == "choice":
        if value not in definition.choices:
            return f"{value!r} is not one of {', '.join(definition.choices)}"
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return "expected a rating from 1 to 5"
    return None


def _texts(record: Record) -> Iterator[tuple[str, str, str]]:
    """(field, what, text) of every text a record holds, nested ones included; `what`
    names the item of a list ("the tag 'x'") and is empty for the field itself."""
    for item in fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str):
            yield item.name, "", value
        elif isinstance(value, dict):
            for key, custom in value.items():
                if isinstance(custom, str):
                    yield f"{item.name}.{key}", "", custom
        elif isinstance(value, tuple):
            for part in value:
                if isinstance(part, str):
                    yield item.name, f"the tag {printable(part)!r} ", part
                elif isinstance(part, TeamMember | KeyResult):
                    noun = "team member" if isinstance(part, TeamMember) else "key result"
                    yield item.name, f"the {noun} {printable(part.name)!r} ", part.name
                    if isinstance(part, TeamMember):
                        yield item.name, f"the role of {printable(part.name)!r} ", part.role


def control_character_errors(record: Record) -> Errors:
    """Every text field holding a character a terminal would act on, with the first one.

    Newlines are allowed only in the note-like fields (MULTILINE_FIELDS), tabs anywhere.
    """
    errors: Errors = {}
    for name, what, text in _texts(record):
        multiline = (record.TABLE, name) in MULTILINE_FIELDS
        unsafe = first_unsafe(text, multiline=multiline)
        if unsafe is not None and name not in errors:
            errors[name] = f"{what}contains {unsafe.describe()}"
    return errors


RecordT = TypeVar("RecordT", bound=Record)


def _checking_text(
    rule: Callable[[RecordT, Schema], Errors],
) -> Callable[[RecordT, Schema], Errors]:
    """A record kind's rules, then the control characters of every text it holds (that
    reason wins over another of the same field: it is the one to fix first)."""

    @functools.wraps(rule)
    def checked(record: RecordT, schema: Schema) -> Errors:
        errors = rule(record, schema)
        errors.update(control_character_errors(record))
        return errors

    return checked


@_checking_text
def account_errors(account: Account, schema: Schema) -> Errors:
    """Every rule an account breaks, by field."""
    errors: Errors = {}
    _text(errors, "name", account.name, required=True, limit=MAX_NAME)
    for name in ("industry", "offer_type", "address", "website", "assignee"):
        _text(errors, name, getattr(account, name), required=False, limit=MAX_NAME)
    _text(errors, "notes", account.notes, required=False, limit=MAX_TEXT)
    _one_of(errors, "rating", account.rating, RATINGS)
    _one_of(errors, "status", account.status, schema.status_names)
    _one_of(errors, "lifecycle", account.lifecycle, schema.lists)
    _one_of(errors, "stage", account.stage, STAGES)
    _range(errors, "strategic_value", account.strategic_value, 1, 5)
    _range(errors, "satisfaction", account.satisfaction, 0, 10)
    _range(errors, "cadence_days", account.cadence_days, 1, 3650)
    for name in ("annual_revenue", "potential_revenue", "cost_to_serve"):
        _money(errors, name, getattr(account, name))
    for member in account.team:
        if not member.name.strip():
            errors["team"] = "a team member needs a name"
        elif member.role not in TEAM_ROLES:
            errors["team"] = f"{member.role!r} is not one of {', '.join(TEAM_ROLES)}"
    for tag in account.tags:
        if not tag.strip() or len(tag) > 40:
            errors["tags"] = "tags are 1 to 40 characters"
    for key, value in account.custom.items():
        definition = schema.custom_field(key)
        problem = (
            f"{key!r} is not a custom field of the config"
            if definition is None
            else custom_value_error(definition, value)
        )
        if problem:
            errors[f"custom.{key}"] = problem
    return errors


@_checking_text
def contact_errors(contact: Contact, schema: Schema) -> Errors:
    """Every rule a contact breaks, by field."""
    errors: Errors = {}
    _text(errors, "name", contact.name, required=True, limit=MAX_NAME)
    for name in ("title", "phone", "owner"):
        _text(errors, name, getattr(contact, name), required=False, limit=MAX_NAME)
    if contact.email and not _EMAIL.match(contact.email):
        errors["email"] = f"{contact.email!r} is not an e-mail address"
    _one_of(errors, "level", contact.level, LEVELS)
    _one_of(errors, "buying_role", contact.buying_role, BUYING_ROLES)
    _one_of(errors, "stance", contact.stance, STANCES)
    _one_of(errors, "influence", contact.influence, INFLUENCES)
    if contact.reports_to is not None and contact.reports_to == contact.id and contact.id:
        errors["reports_to"] = "a contact cannot report to themselves"
    return errors


@_checking_text
def activity_errors(activity: Activity, schema: Schema) -> Errors:
    """Every rule an activity breaks, by field."""
    errors: Errors = {}
    _one_of(errors, "kind", activity.kind, ACTIVITY_KINDS)
    if activity.day is None:
        errors["day"] = "an activity needs a date"
    _text(errors, "summary", activity.summary, required=True, limit=MAX_TEXT)
    _range(errors, "satisfaction", activity.satisfaction, 0, 10)
    return errors


@_checking_text
def objective_errors(objective: Objective, schema: Schema) -> Errors:
    """Every rule an objective breaks, by field."""
    errors: Errors = {}
    _text(errors, "title", objective.title, required=True, limit=MAX_NAME)
    for result in objective.key_results:
        if not result.name.strip():
            errors["key_results"] = "a key result needs a name"
        elif result.target < 0 or result.current < 0:
            errors["key_results"] = "targets and values cannot be negative"
    return errors


@_checking_text
def action_errors(action: Action, schema: Schema) -> Errors:
    """Every rule an action breaks, by field."""
    errors: Errors = {}
    _text(errors, "title", action.title, required=True, limit=MAX_NAME)
    _text(errors, "owner", action.owner, required=False, limit=MAX_NAME)
    _text(errors, "report", action.report, required=False, limit=MAX_TEXT)
    _one_of(errors, "status", action.status, ACTION_STATUSES)
    return errors


@_checking_text
def swot_errors(item: SwotItem, schema: Schema) -> Errors:
    """Every rule a SWOT item breaks, by field."""
    errors: Errors = {}
    _text(errors, "text", item.text, required=True, limit=MAX_SWOT_TEXT)
    _one_of(errors, "perspective", item.perspective, PERSPECTIVES)
    _one_of(errors, "quadrant", item.quadrant, QUADRANTS)
    _one_of(errors, "priority", item.priority, PRIORITIES)
    return errors


@_checking_text
def process_errors(step: ProcessStep, schema: Schema) -> Errors:
    """Every rule a process step breaks, by field."""
    errors: Errors = {}
    _text(errors, "buying_step", step.buying_step, required=True, limit=MAX_NAME)
    if step.selling_stage:
        _one_of(errors, "selling_stage", step.selling_stage, schema.selling_stages)
    _one_of(errors, "state", step.state, STEP_STATES)
    return errors


_RULES: dict[type[Record], Callable[[Any, Schema], Errors]] = {
    Account: account_errors,
    Contact: contact_errors,
    Activity: activity_errors,
    Objective: objective_errors,
    Action: action_errors,
    SwotItem: swot_errors,
    ProcessStep: process_errors,
}


def record_errors(record: Record, schema: Schema) -> Errors:
    """Every rule `record` breaks, by field."""
    return _RULES[type(record)](record, schema)


def validate(record: Record, schema: Schema) -> None:
    """Raise ValidationError when `record` breaks a rule."""
    errors = record_errors(record, schema)
    if errors:
        raise ValidationError(errors)
