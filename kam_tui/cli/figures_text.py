"""The Portfolio as text for a terminal or as Markdown for e-mail: the same sections of
figures and tables, each list cut to its first rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kam_tui.domain.portfolio import DEFINITIONS, Portfolio, Totals
from kam_tui.domain.text import printable

LIMIT = 10
"""How many rows of each list are printed (the JSON has them all)."""
NONE = "-"
"""Shown for a figure that cannot be computed (no data, nothing to divide by)."""


@dataclass
class Table:
    """A table of one section."""

    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]] = ()
    total_rows: int = 0
    """How many rows there are in all (more than shown when cut at LIMIT)."""
    text_columns: int = 1
    """How many leading columns hold text (aligned left; the others are figures)."""


@dataclass
class Section:
    """One section: named figures, then tables."""

    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


class Formats:
    """Figures as short text, in one currency."""

    def __init__(self, currency: str) -> None:
        self.currency = currency

    def money(self, cents: int) -> str:
        units = Decimal(abs(cents)) / 100
        return f"{'-' if cents < 0 else ''}{self.currency}{units:,.2f}"


def percent(ratio: float | None) -> str:
    return NONE if ratio is None else f"{ratio * 100:.1f}%"


def decimal(value: float | None, places: int = 1) -> str:
    return NONE if value is None else f"{value:.{places}f}"


def whole(value: int | None) -> str:
    return NONE if value is None else f"{value:,}"


def signed(value: float | None) -> str:
    return NONE if value is None else f"{value:+.1f}"


def cut(
    title: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]], text_columns: int = 1
) -> Table:
    """A table of the first LIMIT rows."""
    return Table(title, columns, rows[:LIMIT], len(rows), text_columns)


def sections(portfolio: Portfolio) -> list[Section]:
    """Every section of the report."""
    formats = Formats(portfolio.currency)
    return [
        _totals(formats, portfolio),
        _concentration(formats, portfolio),
        _profitability(formats, portfolio),
        _satisfaction(portfolio),
        _turnaround(portfolio),
        _selection(formats, portfolio),
        _health(portfolio),
    ]


def _totals(formats: Formats, portfolio: Portfolio) -> Section:
    totals = portfolio.totals
    this_year = portfolio.today.year
    money = formats.money
    section = Section(
        "Totals",
        [
            ("Accounts", whole(totals.accounts)),
            ("Key accounts", whole(totals.key_accounts)),
            ("Annual revenue", money(totals.revenue)),
            ("Cost to serve", money(totals.cost_to_serve)),
            ("Profit", money(totals.profit)),
            ("Margin", percent(totals.margin)),
            (f"Sales volume {this_year} (to date)", money(totals.sales_this_year)),
            (f"Sales volume {this_year - 1}", money(totals.sales_last_year)),
            (
                f"Sales volume {this_year - 1} to the same day",
                money(totals.sales_last_year_to_date),
            ),
            ("Growth (like for like)", percent(totals.growth)),
            ("Average satisfaction (0-10)", decimal(totals.average_satisfaction)),
            ("Accounts overdue for contact", whole(totals.overdue)),
        ],
    )
    columns: tuple[str, ...] = ("Manager", "Accounts", "Key", "Revenue", "Profit", "Margin")
    columns += (f"Sales {this_year}", "Growth", "Satisfaction", "Overdue")

    def row(totals: Totals) -> tuple[str, ...]:
        return (
            totals.manager or "(unassigned)",
            whole(totals.accounts),
            whole(totals.key_accounts),
            money(totals.revenue),
            money(totals.profit),
            percent(totals.margin),
            money(totals.sales_this_year),
            percent(totals.growth),
            decimal(totals.average_satisfaction),
            whole(totals.overdue),
        )

    rows = [row(totals) for totals in portfolio.by_manager]
    section.tables.append(Table("Per account manager", columns, rows, len(rows)))
    return section


def _concentration(formats: Formats, portfolio: Portfolio) -> Section:
    figures = portfolio.concentration
    loss = figures.what_if
    money = formats.money
    section = Section(
        "Concentration",
        [
            ("Total annual revenue", money(figures.total_revenue)),
            ("Share of the top 5 accounts", percent(figures.top_5_share)),
            ("Share of the top 10 accounts", percent(figures.top_10_share)),
            (
                f"Share of the top {figures.top_percent}% ({figures.top_percent_count} accounts)",
                percent(figures.top_percent_share),
            ),
            ("Concentration index (HHI)", f"{figures.index:.3f} ({figures.band})"),
            (
                f"Losing {loss.lose} of the top {loss.of_top}, worst case",
                f"{money(loss.revenue_lost)} ({percent(loss.share_lost)})",
            ),
            (
                "... best case / on average",
                f"{money(loss.best_case_revenue)} / {money(loss.expected_revenue)}",
            ),
        ],
    )
    rows = [
        (
            str(rank),
            item.account.name,
            money(item.value),
            percent(item.share),
            percent(item.cumulative_share),
        )
        for rank, item in enumerate(figures.ranked, 1)
    ]
    section.tables.append(
        cut("Accounts by revenue", ("#", "Account", "Revenue", "Share", "Cumulative"), rows, 2)
    )
    return section


def _profitability(formats: Formats, portfolio: Portfolio) -> Section:
    figures = portfolio.profitability
    money = formats.money
    section = Section(
        "Profitability",
        [
            ("Total profit", money(figures.total_profit)),
            ("Loss-making accounts", whole(figures.loss_makers)),
            (
                f"Share of profit made by the top {figures.top_percent}% "
                f"({figures.top_percent_count} accounts)",
                percent(figures.top_percent_share),
            ),
        ],
    )
    rows = [
        (
            row.account.name,
            money(row.revenue),
            money(row.cost_to_serve),
            money(row.profit),
            percent(row.margin),
        )
        for row in figures.accounts
    ]
    section.tables.append(
        cut("Least profitable first", ("Account", "Revenue", "Cost", "Profit", "Margin"), rows)
    )
    return section


def _satisfaction(portfolio: Portfolio) -> Section:
    figures = portfolio.satisfaction
    section = Section("Satisfaction", [("Average latest score", decimal(figures.average))])
    quarters = [
        (quarter.label, decimal(quarter.average), whole(quarter.accounts))
        for quarter in figures.by_quarter
    ]
    section.tables.append(
        Table("Average by quarter", ("Quarter", "Average", "Accounts"), quarters, len(quarters))
    )
    falling = [(row.account.name, whole(row.latest), signed(row.trend)) for row in figures.falling]
    section.tables.append(cut("Falling the most", ("Account", "Latest", "Trend"), falling))
    return section


def _turnaround(portfolio: Portfolio) -> Section:
    figures = portfolio.turnaround
    section = Section(
        "Turnaround",
        [
            (
                "Days from first contact to won (mean / median)",
                f"{decimal(figures.days_to_won_average)} / {decimal(figures.days_to_won_median)}"
                f" ({figures.won_accounts_measured} accounts)",
            ),
            (
                "Win rate, deals",
                f"{percent(figures.deal_win_rate)} ({figures.deals_won} won, "
                f"{figures.deals_lost} lost)",
            ),
            (
                "Win rate, accounts",
                f"{percent(figures.account_win_rate)} ({figures.accounts_won} won, "
                f"{figures.accounts_lost} lost)",
            ),
            ("Losses without a reason", whole(figures.lost_without_reason)),
        ],
    )
    statuses = [
        (
            row.status,
            decimal(row.average_days),
            decimal(row.median_days),
            whole(row.stays),
            whole(row.current),
        )
        for row in figures.statuses
    ]
    section.tables.append(
        Table(
            "Days in each status",
            ("Status", "Mean", "Median", "Stays", "Now"),
            statuses,
            len(statuses),
        )
    )
    reasons = [(row.reason, whole(row.count)) for row in figures.lost_reasons]
    section.tables.append(cut("Lost reasons", ("Reason", "Count"), reasons))
    stuck = [
        (row.account.name, row.status, whole(row.days), decimal(row.median_days))
        for row in figures.stuck
    ]
    section.tables.append(cut("Stuck", ("Account", "Status", "Days", "Median"), stuck, 2))
    return section


def _selection(formats: Formats, portfolio: Portfolio) -> Section:
    figures = portfolio.selection
    section = Section("Key-account selection", [("Financial worth measured by", figures.measure)])
    grid = []
    for strategic in range(5, 0, -1):
        cells = [cell for cell in figures.cells if cell.strategic_value == strategic]
        grid.append(
            (str(strategic), *(f"{cell.accounts} ({cell.key_accounts} key)" for cell in cells))
        )
    section.tables.append(
        Table(
            "Accounts (key accounts) by strategic value and worth band",
            ("Strategic", "Band 1", "Band 2", "Band 3", "Band 4", "Band 5"),
            grid,
            len(grid),
        )
    )
    money = formats.money
    columns = ("Account", "Strategic", "Worth", "Band", "Revenue share", "Profit share")
    for title, rows in (
        ("Candidates for key-account status", figures.candidates),
        ("Key accounts to review", figures.to_review),
        ("Hardest to replace", figures.hardest_to_replace),
    ):
        lines = [
            (
                row.account.name,
                str(row.strategic_value),
                money(row.worth),
                str(row.worth_band),
                percent(row.revenue_share),
                percent(row.profit_share),
            )
            for row in rows
        ]
        section.tables.append(cut(title, columns, lines))
    return section


def _health(portfolio: Portfolio) -> Section:
    figures = portfolio.health
    section = Section("Health", [("Average health score (0-100)", decimal(figures.average))])
    components = ("Contact", "Satisfaction", "Plan", "Stakeholders", "Margin")
    rows = [
        (
            row.account.name,
            whole(row.score),
            *(NONE if part.score is None else f"{part.score * 100:.0f}" for part in row.parts),
        )
        for row in figures.accounts
    ]
    section.tables.append(cut("Worst first", ("Account", "Score", *components), rows))
    return section


# Rendering


def _more(table: Table) -> str:
    hidden = table.total_rows - len(table.rows)
    return f"... and {hidden:,} more (--format json lists them all)" if hidden > 0 else ""


def render_text(portfolio: Portfolio, heading: str) -> str:
    """The report for a terminal: aligned columns."""
    lines = [_one_line(heading), ""]
    for section in sections(portfolio):
        lines.append(section.title.upper())
        facts = [(_one_line(label), _one_line(value)) for label, value in section.facts]
        width = max((len(label) for label, _ in facts), default=0)
        lines += [f"  {label.ljust(width)}  {value}" for label, value in facts]
        for table in section.tables:
            lines += ["", f"  {table.title}"]
            if not table.rows:
                lines.append("    (none)")
                continue
            cells = [table.columns, *(tuple(map(_one_line, row)) for row in table.rows)]
            widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
            for row in cells:
                text = "  ".join(
                    value.ljust(widths[i]) if i < table.text_columns else value.rjust(widths[i])
                    for i, value in enumerate(row)
                )
                lines.append(f"    {text}".rstrip())
            if more := _more(table):
                lines.append(f"    {more}")
        lines.append("")
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """User text on one line, every character a terminal would act on made visible."""
    return printable(text)


def _md_cell(text: str) -> str:
    """A Markdown table cell: one line, its pipes and markup characters escaped."""
    escaped = printable(text).replace("\\", "\\\\")
    for character in "|*_`[]<>#":
        escaped = escaped.replace(character, f"\\{character}")
    return escaped


def render_markdown(portfolio: Portfolio, heading: str) -> str:
    """The report for e-mail: Markdown tables, then what every figure means."""
    lines = [f"# {_md_cell(heading)}", ""]
    for section in sections(portfolio):
        lines += [f"## {section.title}", "", "| Figure | Value |", "| --- | ---: |"]
        lines += [f"| {_md_cell(label)} | {_md_cell(value)} |" for label, value in section.facts]
        for table in section.tables:
            lines += ["", f"### {table.title}", ""]
            if not table.rows:
                lines.append("(none)")
                continue
            lines.append("| " + " | ".join(table.columns) + " |")
            aligns = (
                " --- |" if i < table.text_columns else " ---: |" for i in range(len(table.columns))
            )
            lines.append("|" + "".join(aligns))
            lines += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in table.rows]
            if more := _more(table):
                lines += ["", more]
        lines.append("")
    lines += ["## Definitions", ""]
    lines += [f"- **{key}**: {text}" for key, text in DEFINITIONS.items()]
    return "\n".join(lines) + "\n"
