"""AccountForm: every field of an account, checked inline; returns the account unsaved."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from kam_tui.domain.models import (
    RATINGS,
    STAGES,
    TEAM_ROLES,
    Account,
    CustomValue,
)
from kam_tui.domain.money import format_money_plain
from kam_tui.domain.parsing import (
    format_team,
    parse_amount,
    parse_day,
    parse_team,
    parse_whole,
    split_tags,
)
from kam_tui.domain.schema import CustomFieldDef, Schema
from kam_tui.domain.validation import custom_value_error, record_errors
from kam_tui.ui.forms.dialog import Errors, FormDialog
from kam_tui.ui.forms.fields import (
    FieldRow,
    choice_options,
    field_id,
    select_value,
    text_input,
    text_select,
)
from kam_tui.ui.user_text import LiteralTextArea, printable

OTHER_ASSIGNEE = "\x00other"
"""The assignee option that reveals a free-text name."""
MONEY_FIELDS: tuple[tuple[str, str], ...] = (
    ("annual_revenue", "Annual revenue"),
    ("potential_revenue", "Potential revenue"),
    ("cost_to_serve", "Cost to serve"),
)
_INTEGER = re.compile(r"^-?\d+$")


def key_account_label(ticked: bool) -> str:
    """What the key-account checkbox says: its state, then how to change it."""
    return f"{'yes' if ticked else 'no'} (space toggles)"


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
        account = self.account
        with Vertical(id="form-columns"):
            with Vertical(classes="form-column"):
                yield Label("Account", classes="form-section")
                yield FieldRow("name", "Name *", text_input(account.name, "name"))
                yield FieldRow("industry", "Industry", text_input(account.industry, "industry"))
                yield FieldRow(
                    "offer_type", "Offer type", text_input(account.offer_type, "offer_type")
                )
                yield FieldRow(
                    "rating",
                    "Rating",
                    text_select(
                        choice_options(RATINGS, account.rating, blank_label="(none)"),
                        account.rating,
                        "rating",
                    ),
                )
                yield FieldRow("address", "Address", text_input(account.address, "address"))
                yield FieldRow("website", "Website", text_input(account.website, "website"))
                yield Label("Value", classes="form-section")
                for name, label in MONEY_FIELDS:
                    cents: int = getattr(account, name)
                    yield FieldRow(
                        name,
                        label,
                        text_input(format_money_plain(cents), name, placeholder="0 (e.g. 12.5k)"),
                    )
                yield FieldRow(
                    "satisfaction",
                    "Satisfaction",
                    text_input(
                        "" if account.satisfaction is None else str(account.satisfaction),
                        "satisfaction",
                        placeholder="0-10, empty if unknown",
                    ),
                )
                yield FieldRow(
                    "strategic_value",
                    "Strategic value",
                    text_select(
                        [(f"{value} of 5", str(value)) for value in range(1, 6)],
                        str(account.strategic_value),
                        "strategic_value",
                    ),
                )
                yield from self._compose_custom_fields()
            with Vertical(classes="form-column"):
                yield Label("Pipeline", classes="form-section")
                yield FieldRow(
                    "status",
                    "Status",
                    text_select(
                        choice_options(self.schema.status_names, account.status),
                        account.status,
                        "status",
                    ),
                )
                yield FieldRow(
                    "lifecycle",
                    "List",
                    text_select(
                        choice_options(self.schema.lists, account.lifecycle),
                        account.lifecycle,
                        "lifecycle",
                    ),
                )
                yield from self._compose_assignee()
                yield FieldRow(
                    "stage",
                    "Stage",
                    text_select(choice_options(STAGES, account.stage), account.stage, "stage"),
                )
                yield FieldRow(
                    "key_account",
                    "Key account",
                    Checkbox(
                        key_account_label(account.key_account),
                        account.key_account,
                        id=field_id("key_account"),
                        compact=True,
                    ),
                )
                yield FieldRow(
                    "cadence_days",
                    "Cadence (days)",
                    text_input(
                        "" if account.cadence_days is None else str(account.cadence_days),
                        "cadence_days",
                        placeholder=f"empty: the default {self.schema.default_cadence_days}",
                    ),
                )
                yield Label("Team and notes", classes="form-section")
                yield FieldRow(
                    "tags",
                    "Tags",
                    text_input(", ".join(account.tags), "tags", placeholder="comma, separated"),
                )
                yield FieldRow(
                    "team",
                    "Team",
                    LiteralTextArea(
                        printable(format_team(account.team), multiline=True),
                        id=field_id("team"),
                        compact=True,
                    ),
                    hint="one per line: Name (" + " | ".join(TEAM_ROLES) + ")",
                )
                yield FieldRow(
                    "notes",
                    "Notes",
                    LiteralTextArea(
                        printable(account.notes, multiline=True),
                        id=field_id("notes"),
                        classes="-tall",
                        compact=True,
                    ),
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

    @on(Checkbox.Changed, "#field-key_account")
    def _key_account_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = key_account_label(event.value)

    def _input(self, name: str) -> str:
        return self.query_one("#" + field_id(name), Input).value

    def _select(self, name: str) -> str:
        return select_value(self.query_one("#" + field_id(name), Select))

    def _text_area(self, name: str) -> str:
        return self.query_one("#" + field_id(name), TextArea).text

    def read_form(self, errors: Errors) -> Account | None:
        """The account the fields describe; parse problems go into `errors`."""
        account = self.account
        money: dict[str, int] = {}
        for name, _label in MONEY_FIELDS:
            try:
                money[name] = parse_amount(self._input(name))
            except ValueError as error:
                errors[name] = str(error)
                money[name] = getattr(account, name)
        satisfaction = account.satisfaction
        try:
            satisfaction = parse_whole(self._input("satisfaction"), 0, 10)
        except ValueError as error:
            errors["satisfaction"] = str(error)
        cadence_days = account.cadence_days
        try:
            cadence_days = parse_whole(self._input("cadence_days"), 1, 3650)
        except ValueError as error:
            errors["cadence_days"] = str(error)
        assignee = self._select("assignee")
        if assignee == OTHER_ASSIGNEE:
            assignee = self._input("assignee_other").strip()
            if not assignee:
                errors["assignee_other"] = "type the name, or pick one above"
        return replace(
            account,
            name=self._input("name").strip(),
            industry=self._input("industry").strip(),
            offer_type=self._input("offer_type").strip(),
            rating=self._select("rating"),
            address=self._input("address").strip(),
            website=self._input("website").strip(),
            status=self._select("status"),
            lifecycle=self._select("lifecycle"),
            assignee=assignee,
            stage=self._select("stage"),
            key_account=self.query_one("#" + field_id("key_account"), Checkbox).value,
            strategic_value=int(self._select("strategic_value") or account.strategic_value),
            satisfaction=satisfaction,
            cadence_days=cadence_days,
            tags=split_tags(self._input("tags")),
            team=parse_team(self._text_area("team")),
            notes=self._text_area("notes").strip(),
            custom=self._read_custom(errors),
            annual_revenue=money["annual_revenue"],
            potential_revenue=money["potential_revenue"],
            cost_to_serve=money["cost_to_serve"],
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
            chosen = self._select(name)
            if not chosen:
                return None, ""
            return (int(chosen) if definition.kind == "rating" else chosen), ""
        raw = self._input(name).strip()
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
