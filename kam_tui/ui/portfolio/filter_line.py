"""The two lines above a Portfolio section: the sections, and what the figures count."""

from __future__ import annotations

from textual.content import Content

from kam_tui.domain.portfolio import PortfolioFilter
from kam_tui.ui.portfolio.filter_dialog import UNASSIGNED_LABEL
from kam_tui.ui.portfolio.sections import SECTIONS
from kam_tui.ui.user_text import literal


def section_bar(active: int) -> Content:
    """Every section's title, the one shown lit."""
    parts: list[str | tuple[str, str]] = []
    for index, section in enumerate(SECTIONS):
        title = f" {section.title} "
        parts.append(
            (title, "bold reverse $primary") if index == active else (title, "$text-muted")
        )
    return Content.assemble(*parts)


def describe_filter(
    portfolio_filter: PortfolioFilter, accounts: int, terms: tuple[str, ...] = ()
) -> Content:
    """What the figures count: "All 30 accounts", or the filter's parts and the count."""
    parts: list[str] = []
    if portfolio_filter.manager is not None:
        parts.append(f"manager {portfolio_filter.manager or UNASSIGNED_LABEL}")
    if portfolio_filter.lists:
        parts.append("list " + ", ".join(portfolio_filter.lists))
    if portfolio_filter.statuses:
        parts.append("status " + ", ".join(portfolio_filter.statuses))
    if portfolio_filter.key_accounts_only:
        parts.append("key accounts only")
    counted = f"{accounts} accounts" if parts else f"All {accounts} accounts"
    text = " · ".join([counted, *parts])
    if terms:
        text += f" · rows naming {' '.join(terms)!r}"
    style = "bold $warning" if parts else "$text-muted"
    return Content.assemble(literal(text, style), ("  f: scope", "$text-muted"))
