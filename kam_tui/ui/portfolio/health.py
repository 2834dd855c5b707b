"""The Health section: every account's health score, worst first, with its breakdown."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from kam_tui.domain.portfolio import HEALTH_COMPONENTS, AccountHealth, Portfolio
from kam_tui.ui.portfolio.drawing import bar, number
from kam_tui.ui.portfolio.frame import Frame, listed, more_row, right
from kam_tui.ui.portfolio.model import Column, Row, SectionView, account_row_key
from kam_tui.ui.user_text import literal_text, printable

COMPONENT_TITLES = {
    "contact": "Contact",
    "satisfaction": "Satisf.",
    "plan": "Plan",
    "stakeholders": "People",
    "margin": "Margin",
}
"""The short titles of the health components' columns."""
POOR = 50
"""A health score below this is drawn as a warning."""
BAR_WIDTH = (5, 20)
"""The fewest and most cells of the score's bar."""
FIGURES = ("health.score", *(f"health.{component}" for component in HEALTH_COMPONENTS))


def _component(entry: AccountHealth, component: str, frame: Frame) -> Text:
    part = next((p for p in entry.parts if p.component == component), None)
    if part is None or part.score is None:
        return right("–", frame.muted)
    score = round(part.score * 100)
    return right(str(score), frame.loss if score < POOR else "")


def _detail(entry: AccountHealth) -> str:
    parts = []
    for part in entry.parts:
        shown = "no data" if part.score is None else f"{round(part.score * 100)}"
        detail = f" ({printable(part.detail)})" if part.detail else ""
        parts.append(f"{part.component} {shown}{detail}")
    return f"{printable(entry.account.name)}: " + " · ".join(parts)


def build_health(portfolio: Portfolio, frame: Frame) -> SectionView:
    """The average score above every account's score, worst first, and its components."""
    figures = portfolio.health
    scored = sum(1 for entry in figures.accounts if entry.score is not None)
    poor = sum(1 for entry in figures.accounts if entry.score is not None and entry.score < POOR)
    summary = Content.assemble(
        "Average health ",
        (number(figures.average, 0), "bold"),
        f" over {scored} accounts · ",
        (f"{poor} below {POOR}", "bold $error" if poor else "bold"),
        " · worst first",
    )
    components = len(HEALTH_COMPONENTS)
    free = frame.width - 2 * (components + 3) - 7 * components - 6 - 2
    bar_width = max(BAR_WIDTH[0], min(BAR_WIDTH[1], free - 24))
    name_width = max(12, min(40, free - bar_width))
    columns = [
        Column("name", "Account", width=name_width),
        Column("score", "Health", "health.score", width=6),
        Column("bar", "", "health.score", width=bar_width),
    ]
    columns += [
        Column(component, COMPONENT_TITLES.get(component, component), f"health.{component}", 7)
        for component in HEALTH_COMPONENTS
    ]
    rows = []
    shown, hidden = listed(figures.accounts, frame, lambda entry: entry.account.name)
    for entry in shown:
        score = entry.score
        poor_style = frame.loss if score is not None and score < POOR else ""
        rows.append(
            Row(
                account_row_key(entry.account.id),
                (
                    literal_text(entry.account.name, poor_style),
                    right("–" if score is None else str(score), poor_style),
                    Text(bar((score or 0) / 100, bar_width), style=poor_style or frame.bar),
                    *(_component(entry, component, frame) for component in HEALTH_COMPONENTS),
                ),
                detail=_detail(entry),
                name=entry.account.name,
            )
        )
    rows += more_row("health", hidden, len(columns), frame)
    return SectionView(summary, tuple(columns), tuple(rows), FIGURES)
