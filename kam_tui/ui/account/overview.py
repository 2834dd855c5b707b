"""The account's summary line and its read-only overview of every field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Static

from kam_tui.domain.agenda import next_contact_day, pending_plan
from kam_tui.domain.fields import catalogue_field
from kam_tui.domain.models import Account
from kam_tui.domain.money import format_money
from kam_tui.domain.portfolio.figures import AccountHealth
from kam_tui.domain.rules import cadence_of, days_overdue
from kam_tui.domain.schema import Schema
from kam_tui.domain.text import printable, printable_record

LABEL_WIDTH = 18
"""Cells given to a field's label in the overview."""
WIDE_OVERVIEW = 100
"""Width from which the overview shows its sections in two columns."""

Line = tuple[str, Content | str]
Section = tuple[str, list[Line]]


@dataclass(frozen=True, slots=True)
class AccountNumbers:
    """The figures the header line and the overview show for an account."""

    profit: int
    """Annual revenue minus cost to serve, in cents (negative when serving costs more)."""
    margin: int | None
    """Profit as a whole percentage of annual revenue; None without revenue."""
    days_since_contact: int | None
    """Days since the last contact; None when never contacted."""
    cadence: int
    """The contact cadence in days (the account's own or the config's default)."""
    overdue_days: int
    """Days past the cadence (0 when not overdue)."""


def account_numbers(account: Account, schema: Schema, today: date) -> AccountNumbers:
    """Profitability, margin and contact timing of an account on `today`."""
    profit = account.annual_revenue - account.cost_to_serve
    margin = round(profit * 100 / account.annual_revenue) if account.annual_revenue else None
    since = (today - account.last_contact).days if account.last_contact else None
    return AccountNumbers(
        profit=profit,
        margin=margin,
        days_since_contact=since,
        cadence=cadence_of(account, schema.default_cadence_days),
        overdue_days=days_overdue(account, today, schema.default_cadence_days),
    )


def next_contact_text(account: Account, schema: Schema) -> str:
    """The planned next contact as the overview shows it: its day and kind when planned,
    else the day the cadence gives ("from the cadence")."""
    day = next_contact_day(account, schema.default_cadence_days)
    if day is None:
        return "–"
    kind = f", {account.next_contact_kind}" if account.next_contact_kind else ""
    source = "" if pending_plan(account) is not None else " (from the cadence)"
    return f"{day.isoformat()}{kind}{source}"


def signed_money(cents: int, currency: str, *, compact: bool = False) -> str:
    """Money that may be negative (profit), formatted like any amount."""
    shown = format_money(abs(cents), currency, compact=compact)
    return f"-{shown}" if cents < 0 else shown


def summary_content(account: Account, schema: Schema, today: date) -> Content:
    """The account's header: who and where, then the numbers that matter."""
    account = printable_record(account)
    numbers = account_numbers(account, schema, today)
    currency = schema.currency
    identity: list[str | tuple[str, str]] = []
    if account.key_account:
        identity.append(("★ ", "$warning bold"))
    identity += [
        (account.name, "bold"),
        "  ",
        (account.status or "no status", "$text-accent"),
        " · ",
        account.lifecycle or "no list",
        " · ",
        account.assignee or ("unassigned", "$text-muted"),
    ]
    if account.key_account:
        identity.append((" · key account", "$text-warning"))
    figures: list[str | tuple[str, str]] = [
        "\n",
        ("Revenue ", "$text-muted"),
        format_money(account.annual_revenue, currency, compact=True),
        ("  Potential ", "$text-muted"),
        format_money(account.potential_revenue, currency, compact=True),
        ("  Cost ", "$text-muted"),
        format_money(account.cost_to_serve, currency, compact=True),
        ("  Profit ", "$text-muted"),
        (
            signed_money(numbers.profit, currency, compact=True),
            "$text-error" if numbers.profit < 0 else "",
        ),
    ]
    if numbers.margin is not None:
        figures.append(f" ({numbers.margin}%)")
    figures += [
        "\n",
        ("Satisfaction ", "$text-muted"),
        "–" if account.satisfaction is None else f"{account.satisfaction}/10",
        ("  Last contact ", "$text-muted"),
        _contact_age(numbers),
        ("  cadence ", "$text-muted"),
        str(numbers.cadence),
    ]
    if numbers.overdue_days:
        figures.append((f"  ⚠ overdue {_days(numbers.overdue_days)}", "$text-error bold"))
    return Content.assemble(*identity, *figures)


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _contact_age(numbers: AccountNumbers) -> str:
    if numbers.days_since_contact is None:
        return "never"
    if numbers.days_since_contact == 0:
        return "today"
    return f"{_days(numbers.days_since_contact)} ago"


def _label(key: str) -> str:
    """The overview's label of an account field."""
    return catalogue_field("accounts", key).heading


def _out_of(key: str, score: int) -> str:
    """A score of an account field against the highest it may be: `7 of 10`."""
    return f"{score} of {catalogue_field('accounts', key).whole_range[1]}"


def overview_sections(account: Account, schema: Schema, today: date) -> list[Section]:
    """Every field of the account as labelled lines, grouped for reading."""
    account = printable_record(account)
    numbers = account_numbers(account, schema, today)
    currency = schema.currency
    since = ""
    if account.status_since:
        since = f" since {account.status_since.isoformat()}"
    team = "\n".join(f"{member.name} ({member.role})" for member in account.team) or "–"
    sections: list[Section] = [
        (
            "Account",
            [
                (_label("name"), account.name),
                (_label("industry"), account.industry or "–"),
                (_label("offer_type"), account.offer_type or "–"),
                (_label("rating"), account.rating or "–"),
                (_label("address"), account.address or "–"),
                (_label("website"), account.website or "–"),
                (_label("tags"), ", ".join(account.tags) or "–"),
            ],
        ),
        (
            "Value",
            [
                (_label("annual_revenue"), format_money(account.annual_revenue, currency)),
                (_label("potential_revenue"), format_money(account.potential_revenue, currency)),
                (_label("cost_to_serve"), format_money(account.cost_to_serve, currency)),
                ("Profitability", signed_money(numbers.profit, currency)),
                ("Margin", "–" if numbers.margin is None else f"{numbers.margin}%"),
                (
                    _label("satisfaction"),
                    "–"
                    if account.satisfaction is None
                    else _out_of("satisfaction", account.satisfaction),
                ),
                (_label("strategic_value"), _out_of("strategic_value", account.strategic_value)),
            ],
        ),
    ]
    if schema.custom_fields:
        custom: list[Line] = []
        for definition in schema.custom_fields:
            value = account.custom.get(definition.key)
            shown = "–" if value is None or value == "" else str(value)
            if definition.kind == "rating" and value is not None:
                shown = f"{value} of 5"
            custom.append((printable(definition.label), shown))
        sections.append(("Custom fields", custom))
    overdue: Content | str = "no"
    if numbers.overdue_days:
        overdue = Content.styled(f"yes, by {_days(numbers.overdue_days)}", "$text-error bold")
    sections += [
        (
            "Pipeline",
            [
                (_label("status"), (account.status or "–") + since),
                (_label("lifecycle"), account.lifecycle or "–"),
                (_label("assignee"), account.assignee or "unassigned"),
                (_label("key_account"), "yes ★" if account.key_account else "no"),
                (_label("stage"), account.stage),
                (_label("team"), team),
            ],
        ),
        (
            "Contact",
            [
                (
                    _label("last_contact"),
                    account.last_contact.isoformat() if account.last_contact else "never",
                ),
                ("Since then", _contact_age(numbers)),
                (
                    _label("cadence_days"),
                    f"every {_days(numbers.cadence)}"
                    + ("" if account.cadence_days else " (default)"),
                ),
                ("Overdue", overdue),
                (_label("next_contact"), next_contact_text(account, schema)),
            ],
        ),
        (_label("notes"), [("", account.notes or "–")]),
        (
            "Record",
            [
                (_label("created"), account.created.date().isoformat() if account.created else "–"),
                (_label("updated"), account.updated.date().isoformat() if account.updated else "–"),
            ],
        ),
    ]
    return sections


HEALTH_LABELS: dict[str, str] = {
    "contact": "Contact",
    "satisfaction": "Satisfaction",
    "plan": "Plan",
    "stakeholders": "Stakeholders",
    "margin": "Margin",
}
"""The overview's name of each health component."""


def health_section(health: AccountHealth) -> Section:
    """The health score, then each component: its score and weight, and under them what
    it was made of; a component without data says it is left out of the score."""
    score: Content | str = "– (no data)" if health.score is None else f"{health.score} of 100"
    if health.score is not None and health.score < 50:
        score = Content.styled(str(score), "$text-error bold")
    lines: list[Line] = [("Score", score)]
    for part in health.parts:
        label = HEALTH_LABELS.get(part.component, part.component)
        detail = printable(part.detail)
        if part.weight <= 0:
            shown = f"not weighed\n{detail}"
        elif part.score is None:
            shown = f"no data, left out\n{detail}"
        else:
            shown = f"{round(part.score * 100)}%, weight {part.weight:g}\n{detail}"
        lines.append((label, shown))
    return "Health", lines


def section_content(sections: list[Section]) -> Content:
    """Sections as a heading and aligned `label value` lines (values may span lines)."""
    parts: list[Content] = []
    for heading, lines in sections:
        if parts:
            parts.append(Content("\n\n"))
        parts.append(Content.styled(heading, "bold $text-accent"))
        for label, value in lines:
            text = value if isinstance(value, Content) else Content(value)
            value_lines = text.split("\n", allow_blank=True) if label else [text]
            indent = " " * LABEL_WIDTH if label else ""
            first = Content.styled(f"{label:<{LABEL_WIDTH}}", "$text-muted") if label else ""
            parts.append(Content("\n") + first + value_lines[0])
            for more in value_lines[1:]:
                parts.append(Content("\n" + indent) + more)
    return Content("").join(parts)


class AccountSummary(Static):
    """The header line of the account screen: name, status, owner and the key numbers."""

    DEFAULT_CSS = """
    AccountSummary {
        height: auto;
        padding: 0 1;
        background: $boost;
        &.-overdue {
            border-left: thick $error;
        }
        &.-key-account {
            border-left: thick $warning;
        }
        &.-overdue.-key-account {
            border-left: thick $error;
        }
    }
    """

    def show(self, account: Account, schema: Schema, today: date) -> None:
        """Draw the summary of `account` as of `today`."""
        self.update(summary_content(account, schema, today))
        self.set_class(account.key_account, "-key-account")
        self.set_class(days_overdue(account, today, schema.default_cadence_days) > 0, "-overdue")


class AccountOverview(VerticalScroll):
    """Every field of the account, readable; sections in two columns when there is room."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="overview-down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="overview-up", tooltip="Scroll up"),
        Binding(
            "p",
            "screen.plan_next_contact",
            "Plan contact",
            id="overview-plan-contact",
            tooltip="Plan the day and kind of the next contact (empty day: from the cadence)",
        ),
    ]

    DEFAULT_CSS = """
    AccountOverview {
        height: 1fr;
        padding: 0 1;
        & > Horizontal {
            height: auto;
            layout: vertical;
        }
        & .overview-column {
            height: auto;
            width: 100%;
        }
        &.-wide > Horizontal {
            layout: horizontal;
            & > .overview-column {
                width: 1fr;
                padding-right: 2;
            }
        }
    }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("", id="overview-left", classes="overview-column")
            yield Static("", id="overview-right", classes="overview-column")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE_OVERVIEW, "-wide")

    def show(
        self, account: Account, schema: Schema, today: date, health: AccountHealth | None = None
    ) -> None:
        """Draw every field of `account` as of `today`, its health first when given."""
        sections = overview_sections(account, schema, today)
        if health is not None:
            sections.insert(2, health_section(health))
        split = (3 if schema.custom_fields else 2) + (health is not None)
        self.query_one("#overview-left", Static).update(section_content(sections[:split]))
        self.query_one("#overview-right", Static).update(section_content(sections[split:]))
