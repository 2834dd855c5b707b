"""The one-page account plan in Markdown: figures and health, SWOT and its gaps, objectives,
actions with their reports, stakeholders, the buying process, contacts and deals."""

from __future__ import annotations

from datetime import date

from kam_tui.domain.agenda import next_contact_day, pending_plan
from kam_tui.domain.deal_totals import deal_totals
from kam_tui.domain.markdown import md, md_table
from kam_tui.domain.models import (
    PERSPECTIVE_LABELS,
    PERSPECTIVES,
    QUADRANT_LABELS,
    QUADRANTS,
    Account,
    Action,
    Activity,
    Contact,
    Deal,
    Objective,
    ProcessStep,
    SwotItem,
)
from kam_tui.domain.money import format_money
from kam_tui.domain.parsing import format_quantity
from kam_tui.domain.plan import (
    MAX_SLUG,
    by_position,
    normalise,
    ordered_actions,
    process_alignment,
    quadrant_items,
    swot_gaps,
)
from kam_tui.domain.rules import cadence_of, days_overdue
from kam_tui.domain.stakeholders import reports_to_tree, stakeholder_warnings
from kam_tui.domain.text import printable
from kam_tui.services.health import account_health_of
from kam_tui.services.workspace import Workspace

LAST_CONTACTS = 10
"""How many of the newest activities the plan lists."""
NONE = "–"
"""Shown for a value that is not known."""


def plan_file_name(account_name: str, today: date) -> str:
    """The default file name of an account plan: account-plan-<account>-<date>.md."""
    slug = "-".join(normalise(account_name).split())[:MAX_SLUG].strip("-") or "account"
    return f"account-plan-{slug}-{today.isoformat()}.md"


def account_plan(workspace: Workspace, account: Account) -> str:
    """The account plan of `account` as of the workspace's today, as Markdown.

    Every text a user or an import typed is escaped (`md`), so it reads as itself and
    cannot open a link, a table cell or HTML.
    """
    page = _Page(workspace, account)
    lines = [
        *page.title(),
        *page.figures(),
        *page.health(),
        *page.swot(),
        *page.objectives(),
        *page.actions(),
        *page.stakeholders(),
        *page.process(),
        *page.contacts(),
        *page.deals(),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


class _Page:
    """The sections of one account's plan, each a list of Markdown lines."""

    def __init__(self, workspace: Workspace, account: Account) -> None:
        self.workspace = workspace
        self.account = account
        self.today = workspace.today
        self.schema = workspace.schema
        self.currency = printable(self.schema.currency)

    def money(self, cents: int) -> str:
        shown = format_money(abs(cents), self.currency)
        return md(f"-{shown}" if cents < 0 else shown)

    def title(self) -> list[str]:
        account = self.account
        facts = [
            account.status or "no status",
            account.lifecycle or "no list",
            f"manager {account.assignee}" if account.assignee else "unassigned",
        ]
        if account.key_account:
            facts.append("key account")
        if account.team:
            facts.append("team " + ", ".join(f"{m.name} ({m.role})" for m in account.team))
        return [
            f"# Account plan: {md(account.name)}",
            "",
            f"As of {self.today.isoformat()} · " + " · ".join(md(fact) for fact in facts),
            "",
        ]

    def figures(self) -> list[str]:
        account = self.account
        profit = account.annual_revenue - account.cost_to_serve
        margin = (
            f" ({round(profit * 100 / account.annual_revenue)}% margin)"
            if account.annual_revenue
            else ""
        )
        rows = [
            ("Annual revenue", self.money(account.annual_revenue)),
            ("Potential revenue", self.money(account.potential_revenue)),
            ("Cost to serve", self.money(account.cost_to_serve)),
            ("Profit", self.money(profit) + margin),
            (
                "Satisfaction",
                NONE if account.satisfaction is None else f"{account.satisfaction} of 10",
            ),
            ("Strategic value", f"{account.strategic_value} of 5"),
            ("Development stage", md(account.stage)),
            ("Industry", md(account.industry) or NONE),
        ]
        return ["## Figures", "", *md_table(("Figure", "Value"), rows), ""]

    def health(self) -> list[str]:
        health = account_health_of(self.workspace, self.account)
        score = NONE if health.score is None else f"{health.score} of 100"
        rows = [
            (
                part.component,
                NONE if part.score is None else f"{round(part.score * 100)}",
                f"{part.weight:g}",
                md(part.detail) or NONE,
            )
            for part in health.parts
        ]
        return [
            "## Health",
            "",
            f"Score: **{score}** (the weighted mean of the components with data).",
            "",
            *md_table(("Component", "Score", "Weight", "From"), rows),
            "",
        ]

    def swot(self) -> list[str]:
        items = self.workspace.children(SwotItem, self.account.id)
        lines = ["## SWOT", ""]
        for perspective in PERSPECTIVES:
            lines += [f"### {PERSPECTIVE_LABELS.get(perspective, perspective)}", ""]
            for quadrant in QUADRANTS:
                shown = quadrant_items(items, perspective, quadrant)
                lines.append(f"**{QUADRANT_LABELS.get(quadrant, quadrant)}**")
                lines.append("")
                if not shown:
                    lines.append("- (none)")
                lines += [
                    f"- ({md(item.priority)}) {md(item.text, multiline=True)}" for item in shown
                ]
                lines.append("")
        gaps = swot_gaps(items)
        lines += ["### Gaps between the perspectives", ""]
        if not gaps:
            lines.append("No gap found between the two perspectives.")
        lines += [f"- **{gap.kind}**: {md(gap.message)}" for gap in gaps]
        return [*lines, ""]

    def objectives(self) -> list[str]:
        objectives = by_position(self.workspace.children(Objective, self.account.id))
        lines = ["## Objectives", ""]
        if not objectives:
            lines += ["No objectives yet.", ""]
        for objective in objectives:
            progress = objective.progress
            shown = NONE if progress is None else f"{round(progress * 100)}%"
            lines += [f"### {md(objective.title)} ({shown})", ""]
            if objective.owner.strip() or objective.due is not None:
                due = objective.due.isoformat() if objective.due else NONE
                if objective.is_overdue(self.today):
                    assert objective.due is not None
                    due += f" (**{(self.today - objective.due).days} days overdue**)"
                owner = md(objective.owner) or "(no owner)"
                lines += [f"Owner: {owner} · Due: {due}", ""]
            if not objective.key_results:
                lines += ["No key results.", ""]
                continue
            rows = [
                (
                    md(result.name),
                    format_quantity(result.current),
                    format_quantity(result.target),
                    NONE if result.progress is None else f"{round(result.progress * 100)}%",
                )
                for result in objective.key_results
            ]
            lines += [*md_table(("Key result", "Current", "Target", "Progress"), rows, 3), ""]
        return lines

    def actions(self) -> list[str]:
        actions = ordered_actions(self.workspace.children(Action, self.account.id))
        objectives = {
            objective.id: objective.title
            for objective in self.workspace.children(Objective, self.account.id)
        }
        lines = ["## Actions", ""]
        if not actions:
            return [*lines, "No actions yet.", ""]
        rows = []
        for action in actions:
            due = action.due.isoformat() if action.due else NONE
            if action.is_overdue(self.today):
                assert action.due is not None
                due += f" (**{(self.today - action.due).days} days overdue**)"
            objective = objectives.get(action.objective_id or 0, "")
            rows.append(
                (
                    md(action.title),
                    md(action.owner) or "(no owner)",
                    due,
                    md(action.status),
                    md(objective) or NONE,
                    md(action.report, multiline=True) or NONE,
                )
            )
        columns = ("Action", "Owner", "Due", "Status", "Objective", "Report")
        return [*lines, *md_table(columns, rows), ""]

    def stakeholders(self) -> list[str]:
        contacts = self.workspace.children(Contact, self.account.id)
        lines = ["## Stakeholders", ""]
        if not contacts:
            lines += ["No contacts yet.", ""]
        for row in reports_to_tree(contacts):
            contact = row.contact
            about = ", ".join(
                part
                for part in (
                    md(contact.title),
                    md(contact.level),
                    md(contact.buying_role),
                    f"{md(contact.stance)} stance",
                    f"{md(contact.influence)} influence",
                    f"ours: {md(contact.owner)}" if contact.owner.strip() else "",
                )
                if part
            )
            loop = " (reports-to loop)" if row.in_loop else ""
            lines.append(f"{'  ' * row.depth}- **{md(contact.name)}**: {about}{loop}")
        warnings = stakeholder_warnings(contacts)
        if contacts:
            lines.append("")
        if warnings:
            lines += ["Warnings:", ""]
            lines += [f"- ⚠ {md(warning.message)}" for warning in warnings]
            lines.append("")
        return lines

    def process(self) -> list[str]:
        steps = self.workspace.children(ProcessStep, self.account.id)
        stages = self.schema.selling_stages
        alignment = process_alignment(steps, stages)
        lines = ["## Buying process against our selling stages", ""]
        if not alignment.steps:
            lines += ["No buying steps yet.", ""]
        else:
            rows = [
                (
                    str(number),
                    md(step.buying_step),
                    md(step.selling_stage) or "(not mapped)",
                    md(step.owner) or NONE,
                    md(step.state),
                )
                for number, step in enumerate(alignment.steps, start=1)
            ]
            columns = ("#", "Buying step", "Our stage", "Owner", "State")
            lines += [*md_table(columns, rows), ""]
        if alignment.aligned and alignment.steps:
            lines += ["Every buying step has one of our stages, and every stage a step.", ""]
            return lines
        lines += ["Misalignments:", ""]
        for step in alignment.unmapped:
            stage = step.selling_stage
            why = f"stage {md(stage)} is not one of ours" if stage else "no selling stage"
            lines.append(f"- Buying step **{md(step.buying_step)}**: {why}")
        if alignment.uncovered_stages:
            names = ", ".join(md(stage) for stage in alignment.uncovered_stages)
            lines.append(f"- Our stages with no buying step: {names}")
        return [*lines, ""]

    def contacts(self) -> list[str]:
        account = self.account
        default = self.schema.default_cadence_days
        cadence = cadence_of(account, default)
        own = "its own" if account.cadence_days is not None else "the default"
        if account.last_contact is None:
            last = "never contacted"
        else:
            age = (self.today - account.last_contact).days
            last = f"last contact {account.last_contact.isoformat()} ({age} days ago)"
        late = days_overdue(account, self.today, default)
        overdue = f", **overdue by {late} days**" if late > 0 else ", on time"
        lines = [
            "## Contacts and cadence",
            "",
            f"Cadence: every {cadence} days ({own}); {last}{overdue}.",
            "",
        ]
        planned = next_contact_day(account, default)
        if planned is not None:
            kind = f" ({account.next_contact_kind})" if account.next_contact_kind else ""
            source = "" if pending_plan(account) is not None else ", from the cadence"
            lines += [f"Next contact: {planned.isoformat()}{kind}{source}.", ""]
        activities = sorted(
            self.workspace.children(Activity, self.account.id),
            key=lambda activity: (activity.day or date.min, activity.id),
            reverse=True,
        )[:LAST_CONTACTS]
        if not activities:
            return [*lines, "No activities yet.", ""]
        contacts = self.workspace.children(Contact, account.id)
        names = {contact.id: contact.name for contact in contacts}
        rows = [
            (
                activity.day.isoformat() if activity.day else NONE,
                md(activity.kind),
                md(activity.summary, multiline=True),
                md(", ".join(names.get(i, f"#{i}") for i in activity.contact_ids)) or NONE,
                NONE if activity.satisfaction is None else str(activity.satisfaction),
                md(activity.logged_by) or NONE,
            )
            for activity in activities
        ]
        columns = ("Date", "Kind", "Summary", "With", "Satisfaction", "Logged by")
        return [*lines, *md_table(columns, rows), ""]

    def deals(self) -> list[str]:
        deals = sorted(
            self.workspace.children(Deal, self.account.id),
            key=lambda deal: (deal.outcome != "open", deal.close_date or date.max, deal.id),
        )
        lines = ["## Deals", ""]
        if not deals:
            return [*lines, "No deals yet.", ""]
        open_count = sum(1 for deal in deals if deal.outcome == "open")
        totals = deal_totals(deals, self.workspace.today)
        lines += [
            f"Open: {open_count} worth {self.money(totals.open_amount)}, "
            f"weighted {self.money(totals.weighted)}.",
            "",
        ]
        rows = [
            (
                md(deal.title),
                md(deal.stage) or NONE,
                self.money(deal.amount),
                NONE if deal.probability is None else f"{deal.probability}%",
                deal.close_date.isoformat() if deal.close_date else NONE,
                md(deal.outcome),
                md(deal.owner) or NONE,
                md(deal.reason) or NONE,
            )
            for deal in deals
        ]
        columns = ("Deal", "Stage", "Amount", "Probability", "Close", "Outcome", "Owner", "Reason")
        return [*lines, *md_table(columns, rows), ""]
