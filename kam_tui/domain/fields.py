"""The field catalogue: for every field of every kind of record, its label, kind, choices,
limits, and how it is read from typed text and written back as editable text.

The records' codecs, validation, the forms, the table and the overview read a field's
facts here, so that adding a field is one entry below plus its default in the dataclass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, get_args

from kam_tui.domain.choices import (
    ACTION_STATUSES,
    ACTIVITY_KINDS,
    BUYING_ROLES,
    DEAL_OUTCOMES,
    HISTORY_FIELDS,
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
)
from kam_tui.domain.money import format_money_plain
from kam_tui.domain.parsing import (
    format_quantity,
    format_team,
    parse_amount,
    parse_choice,
    parse_custom_number,
    parse_day,
    parse_quantity,
    parse_team,
    parse_whole,
    parse_yes_no,
    split_tags,
)
from kam_tui.domain.schema import CustomFieldDef, Schema

FieldKind = Literal[
    "text",
    "multiline",
    "choice",
    "money",
    "whole",
    "number",
    "quantity",
    "date",
    "timestamp",
    "yes-no",
    "tags",
    "team",
    "reference",
    "references",
    "key-results",
    "custom",
]
"""What a field holds: `text` one line, `multiline` a note, `choice` one of a list, `money`
integer cents, `whole` a whole number within a range, `number` a custom field's number,
`quantity` a decimal of zero or more, `date` a day, `timestamp` a moment, `yes-no` a flag,
`tags` a set of labels, `team` our account team, `reference` the id of another record,
`references` several ids, `key-results` an objective's results, `custom` the custom fields."""
UNTYPED_KINDS: frozenset[FieldKind] = frozenset(
    {"timestamp", "reference", "references", "key-results", "custom"}
)
"""The kinds set by the app or by their own editors, never typed as one text."""
TYPED_KINDS: frozenset[FieldKind] = frozenset(get_args(FieldKind)) - UNTYPED_KINDS
"""The kinds a person types as text, read by `FieldDef.parse` and written by `format`."""
ChoiceSource = Literal["", "statuses", "lists", "team", "selling_stages"]
"""The list of the schema a field's value is chosen from ("" for a fixed list)."""

MAX_NAME = 120
"""The longest name or title accepted."""
MAX_TEXT = 2000
"""The longest free text (notes, summaries, SWOT items) accepted."""
MAX_SWOT_TEXT = 500
"""The longest SWOT item accepted: an item is a point, not an essay."""
MAX_TAG = 40
"""The longest tag accepted."""
MAX_CHOICE = MAX_TEXT
"""The longest value of a field chosen from a list: a bound for a damaged store, far above
any name a list or the config holds."""

_SCHEMA_CHOICES: dict[ChoiceSource, Callable[[Schema], tuple[str, ...]]] = {
    "statuses": lambda schema: schema.status_names,
    "lists": lambda schema: schema.lists,
    "team": lambda schema: schema.team,
    "selling_stages": lambda schema: schema.selling_stages,
}


@dataclass(frozen=True, slots=True)
class FieldDef:
    """One field of one kind of record: what it is called, what it holds and its bounds."""

    key: str
    """The dataclass field and the key of the stored document (`custom.<key>` for a custom
    field)."""
    label: str
    """The field's name as a form shows it."""
    kind: FieldKind
    """What the field holds, and so how it is read, written and stored."""
    choices: tuple[str, ...] = ()
    """The allowed values of a choice field with a fixed list."""
    choices_from: ChoiceSource = ""
    """The schema list the value is chosen from, for a field whose list is configured."""
    limit: int = 0
    """The longest text accepted (0 for a field that is not text)."""
    whole_range: tuple[int, int] = (0, 10)
    """The lowest and highest value of a `whole` field."""
    required: bool = False
    """True when the field cannot be left empty."""
    missing: str = "cannot be empty"
    """Why an empty required field is refused."""
    blank_choice: bool = False
    """True when a choice field may be left blank though blank is not one of its choices."""
    hint: str = ""
    """What the table's cell editor accepts, shown under it."""
    placeholder: str = ""
    """What an empty editor of the field suggests."""
    column_label: str = ""
    """The table's header, when shorter than the label."""
    overview_label: str = ""
    """The overview's label, when it differs from the form's."""
    as_text: bool = False
    """True for a custom date, kept as its ISO text."""

    @property
    def column(self) -> str:
        """The label of the field's column in the table."""
        return self.column_label or self.label

    @property
    def heading(self) -> str:
        """The label of the field in the account overview."""
        return self.overview_label or self.label

    def allowed(self, schema: Schema) -> tuple[str, ...]:
        """The values a choice field accepts under `schema`."""
        if self.choices_from:
            return _SCHEMA_CHOICES[self.choices_from](schema)
        return self.choices

    def parse(self, text: str, choices: tuple[str, ...] | None = None) -> Any:
        """The value `text` stands for; ValueError says why it is not one. A choice is
        matched against `choices` (the fixed list when not given) regardless of case; the
        rules of the record (allowed values, lengths) are checked when it is saved."""
        kind = self.kind
        if kind == "money":
            return parse_amount(text)
        if kind == "whole":
            return parse_whole(text, *self.whole_range)
        if kind == "date":
            day = parse_day(text)
            return day.isoformat() if day is not None and self.as_text else day
        if kind == "yes-no":
            return parse_yes_no(text)
        if kind == "choice":
            return parse_choice(text, self.choices if choices is None else choices)
        if kind == "quantity":
            return parse_quantity(text)
        if kind == "number":
            return parse_custom_number(text)
        if kind == "tags":
            return split_tags(text)
        if kind == "team":
            return parse_team(text)
        if kind in ("text", "multiline"):
            return text.strip()
        raise TypeError(f"{self.key} ({kind}) is not typed as text")

    def format(self, value: Any) -> str:
        """`value` as the editable text `parse` reads back."""
        kind = self.kind
        if value is None:
            return ""
        if kind == "money":
            return format_money_plain(int(value))
        if kind == "yes-no":
            return "yes" if value else "no"
        if kind == "quantity":
            return format_quantity(value)
        if kind == "tags":
            return ", ".join(value)
        if kind == "team":
            return format_team(value)
        if isinstance(value, date | datetime):
            return value.isoformat()
        return str(value)


def _text(key: str, label: str, limit: int = MAX_NAME, **more: Any) -> FieldDef:
    return FieldDef(key, label, "text", limit=limit, **more)


def _choice(key: str, label: str, choices: tuple[str, ...] = (), **more: Any) -> FieldDef:
    return FieldDef(key, label, "choice", choices, limit=MAX_CHOICE, **more)


_MONEY_HINT = "An amount, e.g. 12500, 12,500.00 or 12.5k."
_MONEY_PLACEHOLDER = "0 (e.g. 12.5k)"
_ACCOUNT_ID = FieldDef("account_id", "Account", "reference")
_POSITION = FieldDef("position", "Position", "reference")

CATALOGUE: dict[str, tuple[FieldDef, ...]] = {
    "accounts": (
        _text("name", "Name", required=True),
        _text("industry", "Industry"),
        _text("offer_type", "Offer type"),
        _choice("rating", "Rating", RATINGS),
        _text("address", "Address"),
        _text("website", "Website"),
        _choice("status", "Status", choices_from="statuses"),
        FieldDef("status_since", "Status since", "date"),
        _choice("lifecycle", "List", choices_from="lists"),
        _text(
            "assignee",
            "Assignee",
            choices_from="team",
            hint="The account manager.",
            placeholder="the account manager's name",
        ),
        FieldDef("team", "Team", "team"),
        FieldDef("key_account", "Key account", "yes-no", hint="yes or no.", column_label="Key"),
        FieldDef("strategic_value", "Strategic value", "whole", whole_range=(1, 5)),
        FieldDef(
            "annual_revenue",
            "Annual revenue",
            "money",
            hint=_MONEY_HINT,
            placeholder=_MONEY_PLACEHOLDER,
            column_label="Revenue",
        ),
        FieldDef(
            "potential_revenue",
            "Potential revenue",
            "money",
            hint=_MONEY_HINT,
            placeholder=_MONEY_PLACEHOLDER,
            column_label="Potential",
            overview_label="Potential",
        ),
        FieldDef(
            "cost_to_serve",
            "Cost to serve",
            "money",
            hint=_MONEY_HINT,
            placeholder=_MONEY_PLACEHOLDER,
        ),
        FieldDef(
            "satisfaction",
            "Satisfaction",
            "whole",
            whole_range=(0, 10),
            hint="0 to 10; empty clears it.",
            placeholder="0-10, empty if unknown",
        ),
        _choice("stage", "Stage", STAGES),
        FieldDef(
            "cadence_days",
            "Cadence (days)",
            "whole",
            whole_range=(1, 3650),
            overview_label="Cadence",
        ),
        FieldDef(
            "last_contact",
            "Last contact",
            "date",
            hint="YYYY-MM-DD; empty clears it.",
            placeholder="YYYY-MM-DD",
        ),
        FieldDef(
            "next_contact",
            "Next contact",
            "date",
            hint="YYYY-MM-DD; empty plans it from the cadence.",
            placeholder="YYYY-MM-DD, empty: from the cadence",
        ),
        _choice("next_contact_kind", "Next contact kind", ACTIVITY_KINDS, blank_choice=True),
        FieldDef("custom", "Custom fields", "custom"),
        FieldDef("tags", "Tags", "tags", limit=MAX_TAG, placeholder="comma, separated"),
        FieldDef("notes", "Notes", "multiline", limit=MAX_TEXT),
        FieldDef("created", "Created", "timestamp"),
        FieldDef("updated", "Updated", "timestamp"),
        FieldDef("demo", "Demo record", "yes-no"),
    ),
    "contacts": (
        _ACCOUNT_ID,
        _text("name", "Name", required=True),
        _text("title", "Title"),
        _choice("level", "Level", LEVELS),
        _choice("buying_role", "Buying role", BUYING_ROLES),
        _choice("stance", "Stance", STANCES),
        _choice("influence", "Influence", INFLUENCES),
        FieldDef("reports_to", "Reports to", "reference"),
        _text("email", "E-mail", placeholder="name@example.com"),
        _text("phone", "Phone"),
        _text("owner", "Owner (ours)", placeholder="who on our side owns it"),
    ),
    "activities": (
        _ACCOUNT_ID,
        _choice("kind", "Kind", ACTIVITY_KINDS),
        FieldDef(
            "day",
            "Date",
            "date",
            required=True,
            missing="an activity needs a date",
            placeholder="YYYY-MM-DD",
        ),
        FieldDef("summary", "Summary", "multiline", limit=MAX_TEXT, required=True),
        FieldDef("contact_ids", "Contacts", "references"),
        FieldDef(
            "satisfaction",
            "Satisfaction",
            "whole",
            whole_range=(0, 10),
            placeholder="0-10, optional",
        ),
        _text("logged_by", "Logged by"),
    ),
    "objectives": (
        _ACCOUNT_ID,
        _text("title", "Title", required=True),
        _text("owner", "Owner"),
        FieldDef("due", "Due", "date", placeholder="YYYY-MM-DD"),
        FieldDef("key_results", "Key results", "key-results"),
        _POSITION,
    ),
    "actions": (
        _ACCOUNT_ID,
        _text("title", "Action", required=True),
        _text("owner", "Owner"),
        FieldDef("due", "Due", "date", placeholder="YYYY-MM-DD"),
        _choice("status", "Status", ACTION_STATUSES),
        FieldDef("objective_id", "Objective", "reference"),
        _text("report", "Report", MAX_TEXT, placeholder="latest status, optional"),
        _POSITION,
    ),
    "swot": (
        _ACCOUNT_ID,
        _choice("perspective", "Perspective", PERSPECTIVES),
        _choice("quadrant", "Quadrant", QUADRANTS),
        FieldDef("text", "Text", "multiline", limit=MAX_SWOT_TEXT, required=True),
        _choice("priority", "Priority", PRIORITIES),
        _POSITION,
    ),
    "process": (
        _ACCOUNT_ID,
        _text("buying_step", "Buying step", required=True),
        _choice("selling_stage", "Our stage", choices_from="selling_stages", blank_choice=True),
        _text("owner", "Owner"),
        _choice("state", "State", STEP_STATES),
        _POSITION,
    ),
    "deals": (
        _ACCOUNT_ID,
        _text("title", "Title", required=True),
        FieldDef(
            "amount",
            "Amount",
            "money",
            hint=_MONEY_HINT,
            placeholder=_MONEY_PLACEHOLDER,
        ),
        _choice("stage", "Stage", choices_from="statuses", blank_choice=True),
        FieldDef(
            "probability",
            "Probability (%)",
            "whole",
            whole_range=(0, 100),
            hint="0 to 100; empty when unknown.",
            placeholder="0-100, optional",
            column_label="Prob.",
        ),
        FieldDef("created", "Created", "date", placeholder="YYYY-MM-DD"),
        FieldDef(
            "close_date",
            "Close date",
            "date",
            hint="Expected while open, actual once won or lost.",
            placeholder="YYYY-MM-DD",
            column_label="Close",
        ),
        _choice("outcome", "Outcome", DEAL_OUTCOMES),
        _text("reason", "Reason", MAX_TEXT, placeholder="why it was won or lost"),
        _text("owner", "Owner", choices_from="team", placeholder="who on our side owns it"),
    ),
    "status_history": (
        _ACCOUNT_ID,
        FieldDef("day", "Date", "date", required=True, missing="a status change needs a date"),
        _choice("kind", "Changed", HISTORY_FIELDS),
        _text("from_value", "From", MAX_CHOICE),
        _text("to_value", "To", MAX_CHOICE),
        _text("by", "By"),
        _text("reason", "Reason", MAX_TEXT),
    ),
    "import_links": (
        _ACCOUNT_ID,
        _text("system", "System"),
        _text("object", "Object"),
        _text("source_id", "Source id"),
        _text("kam_table", "Table"),
        FieldDef("record_id", "Record", "reference"),
        FieldDef("imported", "Imported values", "custom"),
    ),
    "team": (
        _text("name", "Name", required=True),
        _choice("role", "Role", TEAM_ROLES),
    ),
    "key_results": (
        _text("name", "Key result", required=True),
        FieldDef("target", "Target", "quantity"),
        FieldDef("current", "Current", "quantity"),
    ),
}
"""Every field, by the table of its record (`team` and `key_results` for the values an
account and an objective hold), in the order of the record's dataclass and document."""

_BY_KEY: dict[str, dict[str, FieldDef]] = {
    table: {item.key: item for item in items} for table, items in CATALOGUE.items()
}


def catalogue_field(table: str, key: str) -> FieldDef:
    """The field `key` of the records stored in `table`."""
    return _BY_KEY[table][key]


def table_fields(table: str) -> tuple[FieldDef, ...]:
    """The fields of the records stored in `table`, in document order."""
    return CATALOGUE[table]


MULTILINE_FIELDS: frozenset[tuple[str, str]] = frozenset(
    (table, item.key)
    for table, items in CATALOGUE.items()
    for item in items
    if item.kind == "multiline"
)
"""(table, field) of the note-like fields, typed in a multi-line editor: the only text
that may hold newlines."""


def text_limits(table: str) -> dict[str, int]:
    """The longest value of each text field of the records in `table`: the typed texts
    first, then the chosen ones (the order their reasons are listed in)."""
    items = [item for item in CATALOGUE[table] if item.limit and item.kind != "tags"]
    typed = [item for item in items if item.kind != "choice"]
    chosen = [item for item in items if item.kind == "choice"]
    return {item.key: item.limit for item in (*typed, *chosen)}


_CUSTOM_KINDS: dict[str, tuple[FieldKind, str]] = {
    "text": ("text", ""),
    "number": ("number", "A number."),
    "date": ("date", "A date, YYYY-MM-DD; empty clears it."),
    "choice": ("choice", ""),
    "rating": ("whole", "A rating from 1 to 5; empty clears it."),
}
_CUSTOM_PLACEHOLDERS: dict[str, str] = {"date": "YYYY-MM-DD", "number": "a number"}


_RATING_READ = (0, 10)
"""The whole numbers read as a custom rating: a score outside 1-5 is refused by the
rating's own rule, whose reason says what a rating is."""


def custom_field(definition: CustomFieldDef) -> FieldDef:
    """The catalogue entry of a custom field the config declares."""
    kind, hint = _CUSTOM_KINDS[definition.kind]
    return FieldDef(
        f"custom.{definition.key}",
        definition.label,
        kind,
        definition.choices,
        limit=MAX_TEXT if kind == "text" else 0,
        whole_range=_RATING_READ,
        hint=hint,
        placeholder=_CUSTOM_PLACEHOLDERS.get(definition.kind, ""),
        as_text=True,
    )
