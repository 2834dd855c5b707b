"""kam numbers: print the Portfolio's figures as text, Markdown or JSON."""

from __future__ import annotations

import argparse
import sys

import orjson

from kam_tui.cli.common import EXIT_OK, EXIT_USAGE, open_store, settings_from
from kam_tui.cli.figures_json import portfolio_json
from kam_tui.cli.figures_text import render_markdown, render_text
from kam_tui.cli.output import complain
from kam_tui.config.settings import suggest
from kam_tui.domain.clock import Clock, system_clock
from kam_tui.domain.portfolio import Portfolio, PortfolioFilter
from kam_tui.domain.text import json_safe, printable
from kam_tui.services.portfolio import portfolio_of
from kam_tui.services.workspace import Workspace

CLOCK: Clock = system_clock
"""Where today comes from (tests set a fixed clock)."""


def run_numbers(args: argparse.Namespace) -> int:
    """Print every Portfolio figure of the store in the format asked for."""
    settings = settings_from(args)
    repository = open_store(args, settings, read_only=True)
    try:
        workspace = Workspace(repository, settings, CLOCK)
        chosen = PortfolioFilter(
            manager=args.manager,
            lists=tuple(args.lists or ()),
            statuses=tuple(args.statuses or ()),
            key_accounts_only=args.key_accounts,
        )
        problem = _unknown_choice(workspace, chosen)
        if problem:
            complain(problem)
            return EXIT_USAGE
        portfolio = portfolio_of(workspace, chosen).compute_all()
    finally:
        repository.close()
    if args.format == "json":
        document = orjson.dumps(portfolio_json(portfolio), option=orjson.OPT_INDENT_2).decode()
        text = json_safe(document) + "\n"
    elif args.format == "md":
        text = render_markdown(portfolio, heading(portfolio))
    else:
        text = printable(render_text(portfolio, heading(portfolio)), multiline=True)
    sys.stdout.write(text)
    sys.stdout.flush()
    return EXIT_OK


def heading(portfolio: Portfolio) -> str:
    """What the report covers: the day and the filter."""
    chosen = portfolio.filter
    parts = []
    if chosen.manager is not None:
        parts.append(f"accounts of {chosen.manager}" if chosen.manager else "unassigned accounts")
    if chosen.lists:
        parts.append(f"in {', '.join(chosen.lists)}")
    if chosen.statuses:
        parts.append(f"with status {', '.join(chosen.statuses)}")
    if chosen.key_accounts_only:
        parts.append("key accounts only")
    return f"Portfolio on {portfolio.today.isoformat()}: {'; '.join(parts) or 'all accounts'}"


def _unknown_choice(workspace: Workspace, chosen: PortfolioFilter) -> str:
    """Why the filter names something no account has and the config does not know, or ""."""
    accounts = workspace.accounts()
    schema = workspace.schema
    if chosen.manager:
        managers = {*schema.team, *(account.assignee for account in accounts)} - {""}
        if chosen.manager not in managers:
            hint = suggest(chosen.manager, managers)
            return f"no account manager {chosen.manager!r}{hint}"
    for name in chosen.lists:
        if name not in schema.lists:
            return f"no lifecycle list {name!r}{suggest(name, schema.lists)}"
    for name in chosen.statuses:
        if name not in schema.status_names:
            return f"no pipeline status {name!r}{suggest(name, schema.status_names)}"
    return ""
