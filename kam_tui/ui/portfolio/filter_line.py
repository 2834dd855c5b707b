"""The two lines above a Portfolio section: the sections, and what the figures count."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.content import Content

from kam_tui.domain.filters import EMPTY_QUERY, NONE_VALUE, Query, quote
from kam_tui.domain.models import Account
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


def with_terms(
    scope: PortfolioFilter, query: Query, today: date, default_cadence_days: int
) -> PortfolioFilter:
    """The scope of `f` narrowed by the typed query's terms (its free words pick rows)."""
    if not query.terms:
        return scope
    terms = " ".join(term.source for term in query.terms)

    def passes(account: Account) -> bool:
        return query.passes_terms(account, today, default_cadence_days)

    return replace(scope, terms=terms, passes=passes)


def scope_text(scope: PortfolioFilter) -> str:
    """The scope of `f` written as terms of the filter language."""
    parts: list[str] = []
    if scope.manager is not None:
        parts.append(f"manager:{quote(scope.manager) if scope.manager else NONE_VALUE}")
    if scope.lists:
        parts.append("list:" + ",".join(quote(name) for name in scope.lists))
    if scope.statuses:
        parts.append("status:" + ",".join(quote(name) for name in scope.statuses))
    if scope.key_accounts_only:
        parts.append("key")
    return " ".join(parts)


def describe_filter(
    portfolio_filter: PortfolioFilter,
    accounts: int,
    terms: tuple[str, ...] = (),
    query: Query = EMPTY_QUERY,
) -> Content:
    """What the figures count: "All 30 accounts", or the filter's parts and the count; a
    typed query in error says what is wrong instead."""
    if query.error:
        return Content.assemble(
            ("Filter not applied: ", "bold $warning"),
            literal(query.error, "$warning"),
            ("  ? lists the terms", "$text-muted"),
        )
    parts: list[str] = []
    if portfolio_filter.manager is not None:
        parts.append(f"manager {portfolio_filter.manager or UNASSIGNED_LABEL}")
    if portfolio_filter.lists:
        parts.append("list " + ", ".join(portfolio_filter.lists))
    if portfolio_filter.statuses:
        parts.append("status " + ", ".join(portfolio_filter.statuses))
    if portfolio_filter.key_accounts_only:
        parts.append("key accounts only")
    parts += [term.described for term in query.terms]
    counted = f"{accounts} accounts" if parts else f"All {accounts} accounts"
    text = " · ".join([counted, *parts])
    if terms:
        text += f" · rows naming {' '.join(terms)!r}"
    style = "bold $warning" if parts else "$text-muted"
    return Content.assemble(literal(text, style), ("  f: scope", "$text-muted"))
