"""Measure kam's imports in process: its own CSV export of a synthetic store read back into
an empty store (plan, apply, save; re-import; dry run), and 10,000 deals over 100 accounts
shaped as Salesforce and HubSpot export them. Not a test: prints CPU and wall seconds.

    .venv/bin/python tools/import_probe.py own 1000
    .venv/bin/python tools/import_probe.py deals salesforce|hubspot
    .venv/bin/python tools/import_probe.py own 1000 --profile plan|apply
    .venv/bin/python tools/import_probe.py own 1000 --once   (no re-import)
    .venv/bin/python tools/import_probe.py accacts 10000   (accounts and activities alone)

Stores and exported folders are cached under $KAM_PROBE_DIR (default /tmp/kam-import-probe).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from kam_tui.bench.exchange_probe import STAGES, accounts_and_activities
from kam_tui.cli.export_csv import TABLE_NAMES, csv_text, table_rows
from kam_tui.config.settings import Settings
from kam_tui.domain.models import TABLES
from kam_tui.domain.schema import Schema
from kam_tui.domain.synthetic import build_synthetic
from kam_tui.services.importing import ImportPlan, apply_import, plan_import
from kam_tui.services.workspace import Workspace
from kam_tui.store import Repository

T = TypeVar("T")
ROOT = Path(os.environ.get("KAM_PROBE_DIR", "/tmp/kam-import-probe"))
PROFILE = ""
PLAN_ONLY = False
ONCE = False


def timed(label: str, work: Callable[[], T]) -> T:
    """Run `work`, print its CPU and wall seconds (and profile it when asked)."""
    profiler = cProfile.Profile() if label == PROFILE else None
    cpu, wall = time.process_time(), time.perf_counter()
    if profiler is not None:
        profiler.enable()
    value = work()
    if profiler is not None:
        profiler.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{label:>14}: {cpu:6.2f} s CPU {wall:6.2f} s wall  load {os.getloadavg()[0]:.2f}")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return value


def exported(accounts: int) -> Path:
    """kam's CSV export of a synthetic store of `accounts` accounts (made once)."""
    folder = ROOT / f"own-{accounts}"
    if folder.exists():
        return folder
    store = ROOT / f"synthetic-{accounts}.json"
    store.unlink(missing_ok=True)
    repository = Repository.open(store, Schema())
    with repository.change("Synthetic") as change:
        build_synthetic(change, repository.schema, repository.clock().date(), accounts)
    repository.wait_saved(None)
    partial = ROOT / f"own-{accounts}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for table in TABLE_NAMES:
        rows = table_rows(table, repository.all(TABLES[table]), repository.schema)
        (partial / f"{table}.csv").write_text(csv_text(rows), encoding="utf-8", newline="")
    repository.close(timeout=None)
    partial.rename(folder)
    return folder


# The same ten stages as the benchmark's generated export.
SF_STAGES = STAGES
HS_STAGES = (
    "Appointment scheduled",
    "Qualified to buy",
    "Presentation scheduled",
    "Decision maker bought-in",
    "Contract sent",
    "Closed won",
    "Closed lost",
)


def deal_files(shape: str, accounts: int = 100, deals: int = 10_000) -> list[Path]:
    """A Salesforce- or HubSpot-shaped export of `deals` deals over `accounts` accounts."""
    folder = ROOT / f"{shape}-{accounts}-{deals}"
    if folder.exists():
        return sorted(folder.glob("*.csv"))
    folder.mkdir(parents=True)
    first = date(2023, 1, 2)
    if shape == "salesforce":
        account_rows = [
            [
                "Id",
                "IsDeleted",
                "Name",
                "Type",
                "BillingCity",
                "BillingState",
                "Industry",
                "AnnualRevenue",
                "Rating",
            ]
        ]
        for n in range(accounts):
            account_rows.append(
                [
                    f"001BENCH{n:010d}",
                    "FALSE",
                    f"Bench Account {n:03d}, Inc.",
                    "Customer - Direct",
                    "Austin",
                    "TX",
                    "Energy",
                    str(1_000_000 * (n + 1)),
                    ("Hot", "Warm", "Cold")[n % 3],
                ]
            )
        deal_rows = [
            [
                "Id",
                "AccountId",
                "Name",
                "StageName",
                "Amount",
                "Probability",
                "CloseDate",
                "IsClosed",
                "IsWon",
                "CreatedDate",
                "LeadSource",
            ]
        ]
        for n in range(deals):
            stage, probability, closed, won = SF_STAGES[n % len(SF_STAGES)]
            created = first + timedelta(days=n % 700)
            amount = 1_000 + (n * 7_919) % 490_000
            deal_rows.append(
                [
                    f"006BENCH{n:010d}",
                    f"001BENCH{n % accounts:010d}",
                    f"Bench deal {n}",
                    stage,
                    f"{amount:,}.50" if n % 2 else str(amount),
                    str(probability),
                    (created + timedelta(days=30 + n % 90)).strftime("%m/%d/%y"),
                    "TRUE" if closed else "FALSE",
                    "TRUE" if won else "FALSE",
                    created.strftime("%m/%d/%y"),
                    "Web",
                ]
            )
        names = ("Account.csv", "Opportunity.csv")
    else:
        account_rows = [
            [
                "Record ID",
                "Company name",
                "Company Domain Name",
                "Industry",
                "City",
                "State/Region",
                "Country/Region",
                "Annual Revenue",
                "Company owner",
            ]
        ]
        for n in range(accounts):
            account_rows.append(
                [
                    str(9000 + n),
                    f"Bench Company {n:03d}",
                    f"bench{n}.example",
                    "Logistics",
                    "Boston",
                    "MA",
                    "United States",
                    f"{1_000_000 * (n + 1):,}",
                    "Jane Doe",
                ]
            )
        deal_rows = [
            [
                "Record ID",
                "Deal Name",
                "Deal Stage",
                "Pipeline",
                "Amount",
                "Close Date",
                "Create Date",
                "Deal owner",
                "Associated Company IDs",
                "Associated Company",
            ]
        ]
        for n in range(deals):
            created = first + timedelta(days=n % 700)
            amount = 1_000 + (n * 7_919) % 490_000
            deal_rows.append(
                [
                    str(100_000 + n),
                    f"Bench deal {n}",
                    HS_STAGES[n % len(HS_STAGES)],
                    "Sales Pipeline",
                    f"${amount:,}.00",
                    (created + timedelta(days=30 + n % 90)).strftime("%m/%d/%Y"),
                    created.strftime("%m/%d/%Y %I:%M %p"),
                    "Jane Doe",
                    str(9000 + n % accounts),
                    f"Bench Company {n % accounts:03d}",
                ]
            )
        names = ("hubspot-crm-exports-companies.csv", "hubspot-crm-exports-deals.csv")
    for name, rows in zip(names, (account_rows, deal_rows), strict=True):
        (folder / name).write_text(csv_text(rows), encoding="utf-8", newline="")
    return sorted(folder.glob("*.csv"))


def run(paths: list[Path]) -> None:
    """Dry run, import, save, re-import of `paths` into a new store."""
    settings = Settings()
    target = ROOT / f"target-{os.getpid()}" / "kam.json"
    shutil.rmtree(target.parent, ignore_errors=True)
    target.parent.mkdir(parents=True)
    repository = Repository.open(target, settings.schema, user=settings.user)
    workspace = Workspace(repository, settings)

    def plan() -> ImportPlan:
        return plan_import(workspace, paths, settings.importing)

    first = timed("plan", plan)
    assert not first.problems and not first.refusals, first.problems[:5] or first.refusals
    if PLAN_ONLY:
        repository.close(timeout=None)
        shutil.rmtree(target.parent)
        return
    outcome = timed("apply", lambda: apply_import(workspace, first, "Import"))
    assert outcome.refusal is None, outcome.refusal
    print(f"{'':>14}  {outcome.value} record(s) written")
    timed("save", lambda: repository.wait_saved(None))
    size = target.stat().st_size
    if ONCE:
        print(f"{'':>14}  store {size:,} bytes")
        repository.close(timeout=None)
        shutil.rmtree(target.parent)
        return
    again = timed("re-plan", plan)
    print(f"{'':>14}  re-import: {again.changes} change(s), {again.bookkeeping} link(s)")
    timed("re-apply", lambda: apply_import(workspace, again, "Import again"))
    repository.wait_saved(None)
    print(f"{'':>14}  store {size:,} bytes, after re-import {target.stat().st_size:,}")
    repository.close(timeout=None)
    shutil.rmtree(target.parent)


def main(argv: list[str]) -> int:
    global PROFILE, PLAN_ONLY, ONCE
    if "--once" in argv:
        argv.remove("--once")
        ONCE = True
    if "--plan-only" in argv:
        argv.remove("--plan-only")
        PLAN_ONLY = True
    if "--profile" in argv:
        at = argv.index("--profile")
        PROFILE = argv[at + 1]
        del argv[at : at + 2]
    ROOT.mkdir(parents=True, exist_ok=True)
    if argv[0] == "own":
        folder = exported(int(argv[1]))
        run(sorted(folder.glob("*.csv")))
    elif argv[0] == "accacts":
        shaped = ROOT / f"accacts-{argv[1]}"
        if not shaped.exists():
            accounts_and_activities(exported(int(argv[1])), shaped)
        run([shaped / "accounts.csv", shaped / "activities.csv"])
    else:
        run(deal_files(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
