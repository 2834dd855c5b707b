"""AccountForm: every field of an account, checked inline; returns the account unsaved."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from kam_tui.domain.fields import catalogue_field
from kam_tui.domain.models import Account, CustomValue
from kam_tui.domain.parsing import parse_day
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.domain.validation import custom_value_error, record_errors
from kam_tui.ui.forms.dialog import Errors, FormDialog
from kam_tui.ui.forms.fields import (
    FieldRow,
    catalogue_row,
    choice_options,
    text_input,
    text_select,
)

OTHER_ASSIGNEE = "\x00other"
"""The assignee option that reveals a free-text name."""
Section = tuple[str, tuple[str, ...]]
COLUMNS: tuple[tuple[Section, ...], ...] = (
    (
        ("Account", ("name", "industry", "offer_type", "rating", "address", "website")),
        (
            "Value",
            (
                "annual_revenue",
                "potential_revenue",
                "cost_to_serve",
                "satisfaction",
                "strategic_value",
                "custom",
            ),
        ),
    ),
    (
        ("Pipeline", ("status", "lifecycle", "assignee", "stage", "key_account", "cadence_days")),
        ("Team and notes", ("tags", "team", "notes")),
    ),
)
"""The form's two columns: each a list of sections, each a title and the fields under it
(the custom fields follow the value section)."""
TYPED: tuple[str, ...] = tuple(
    key
    for column in COLUMNS
    for _title, keys in column
    for key in keys
    if key not in ("assignee", "strategic_value", "custom")
)
"""The fields read as the catalogue says (the others have editors of their own)."""
_INTEGER = re.compile(r"^-?\d+$")


class AccountForm(FormDialog[Account]):
    """Edit every field of an account; returns the valid account (unsaved) or None."""

    def __init__(
        self,
        account: Account,
        schema: Schema,
        *,
        title: str,
        known_assignees: Sequence[str] = (),
    ) -> None:
        super().__init__(title, schema)
        self.account = account
        """The account as it was when the form opened."""
        self.known_assignees = tuple(known_assignees)
        """Names offered as assignee besides the config's team (for example from the store)."""

    def compose_form(self) -> ComposeResult:
        with Vertical(id="form-columns"):
            for column in COLUMNS:
                with Vertical(classes="form-column"):
                    for title, keys in column:
                        yield Label(title, classes="form-section")
                        for key in keys:
                            yield from self._compose_field(key)

    def _compose_field(self, key: str) -> ComposeResult:
        account = self.account
        if key == "assignee":
            yield from self._compose_assignee()
        elif key == "custom":
            yield from self._compose_custom_fields()
        elif key == "strategic_value":
            yield FieldRow(
                key,
                "Strategic value",
                text_select(
                    [(f"{value} of 5", str(value)) for value in range(1, 6)],
                    str(account.strategic_value),
                    key,
                ),
            )
        else:
            placeholder = ""
            if key == "cadence_days":
                placeholder = f"empty: the default {self.schema.default_cadence_days}"
            yield catalogue_row(
                catalogue_field("accounts", key),
                getattr(account, key),
                self.schema,
                placeholder=placeholder,
                classes="-tall" if key == "notes" else "",
            )

    def _compose_assignee(self) -> ComposeResult:
        current = self.account.assignee
        names: list[str] = []
        for name in (*self.schema.team, *sorted(self.known_assignees), current):
            if name and name not in names:
                names.append(name)
        options = [("(unassigned)", ""), *((name, name) for name in names)]
        options.append(("Other (type a name)…", OTHER_ASSIGNEE))
        yield FieldRow("assignee", "Assignee", text_select(options, current, "assignee"))
        other = FieldRow(
            "assignee_other",
            "  name",
            text_input("", "assignee_other", placeholder="the account manager's name"),
        )
        other.display = False
        yield other

    def _compose_custom_fields(self) -> ComposeResult:
        if not self.schema.custom_fields:
            return
        yield Label("Custom fields", classes="form-section")
        for definition in self.schema.custom_fields:
            name = f"custom.{definition.key}"
            value = self.account.custom.get(definition.key)
            shown = "" if value is None else str(value)
            if definition.kind == "choice":
                editor: Input | Select[str] = text_select(
                    choice_options(definition.choices, shown, blank_label="(none)"), shown, name
                )
            elif definition.kind == "rating":
                options = [("(none)", "")] + [(f"{n} of 5", str(n)) for n in range(1, 6)]
                if shown not in {option for _, option in options}:
                    options.append((f"{shown} (not a rating)", shown))
                editor = text_select(options, shown, name)
            else:
                placeholder = {"date": "YYYY-MM-DD", "number": "a number"}.get(definition.kind, "")
                editor = text_input(shown, name, placeholder=placeholder)
            yield FieldRow(name, definition.label, editor)

    @on(Select.Changed, "#field-assignee")
    def _assignee_changed(self, event: Select.Changed) -> None:
        other = self.row("assignee_other")
        other.display = event.value == OTHER_ASSIGNEE
        if other.display:
            other.editor.focus()

    def read_form(self, errors: Errors) -> Account | None:
        """The account the fields describe; parse problems go into `errors`."""
        account = self.account
        values = {
            key: self.value_of(catalogue_field("accounts", key), getattr(account, key), errors)
            for key in TYPED
        }
        assignee = self.choice("assignee")
        if assignee == OTHER_ASSIGNEE:
            assignee = self.text("assignee_other").strip()
            if not assignee:
                errors["assignee_other"] = "type the name, or pick one above"
        return replace(
            account,
            **values,
            assignee=assignee,
            strategic_value=int(self.choice("strategic_value") or account.strategic_value),
            custom=self._read_custom(errors),
        )

    def _read_custom(self, errors: Errors) -> dict[str, CustomValue]:
        custom: dict[str, CustomValue] = dict(self.account.custom)
        for definition in self.schema.custom_fields:
            name = f"custom.{definition.key}"
            value, problem = self._custom_value(definition, name)
            if problem:
                errors[name] = problem
            elif value is None:
                custom.pop(definition.key, None)
            else:
                custom[definition.key] = value
        return custom

    def _custom_value(self, definition: CustomFieldDef, name: str) -> tuple[CustomValue, str]:
        """The typed value of one custom field, or the reason it cannot be read."""
        if definition.kind in ("choice", "rating"):
            chosen = self.choice(name)
            if not chosen:
                return None, ""
            return (int(chosen) if definition.kind == "rating" else chosen), ""
        raw = self.text(name).strip()
        if not raw:
            return None, ""
        if definition.kind == "date":
            try:
                day = parse_day(raw)
            except ValueError as error:
                return None, str(error)
            return (day.isoformat() if day else None), ""
        if definition.kind == "number":
            problem = custom_value_error(definition, raw)
            if problem:
                return None, problem
            return (int(raw) if _INTEGER.match(raw) else raw), ""
        return raw, ""

    def check(self, result: Account | None) -> Errors:
        """The domain rules the account breaks (the same rules the table's editor uses)."""
        return {} if result is None else record_errors(result, self.schema)
